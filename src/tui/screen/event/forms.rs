//! The event screen's forms: the event's details, a room, a slot. Each is
//! filled from the record, and saving reads the fields back, checks them
//! and writes the record; a refusal keeps the form open to fix it.

use chrono::{Duration, NaiveDate, NaiveTime};

use super::edits::{self, parse_kind, parse_time};
use super::form::Form;
use super::{Selected, SetupState};
use crate::model::ops::{self, OpError};
use crate::model::{Change, Event, EventInfo, Id, Slot, SlotKind};
use crate::tui::action::Effect;
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

/// What a form on the event screen edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Details,
    NewRoom,
    Room(Id),
    NewSlot,
    Slot(Id),
}

pub type SetupForm = Form<Target>;

pub const NAME: &str = "Name";
pub const DATE: &str = "Date";
pub const VENUE: &str = "Venue";
pub const ORGANISERS: &str = "Organisers";
pub const DESCRIPTION: &str = "Description";
pub const TIME_ZONE: &str = "Time zone";
pub const HEADCOUNT: &str = "Attendees";
pub const WEB: &str = "Web address";
pub const CAPACITY: &str = "Capacity";
pub const LABEL: &str = "Label";
pub const STARTS: &str = "Starts";
pub const ENDS: &str = "Ends";
pub const KIND: &str = "Kind";

pub fn details(event: &Event) -> SetupForm {
    let info = &event.info;
    let date = info.date.map(|d| d.to_string()).unwrap_or_default();
    Form::new(Target::Details, "Event details")
        .field(NAME, TextField::single(&info.name))
        .field(
            DATE,
            TextField::suggested(&date).with_placeholder("YYYY-MM-DD"),
        )
        .field(VENUE, TextField::single(&info.venue))
        .field(
            ORGANISERS,
            TextField::single(&info.organisers.join("; ")).with_placeholder("techUK; MHCLG"),
        )
        .field(
            DESCRIPTION,
            TextField::multi(&info.description).with_placeholder("what the day is for"),
        )
        .field(
            TIME_ZONE,
            TextField::single(info.time_zone.as_deref().unwrap_or(""))
                .with_placeholder("Europe/London (blank: this laptop's)"),
        )
        .field(
            HEADCOUNT,
            TextField::single(&info.attendees.map(|n| n.to_string()).unwrap_or_default())
                .with_placeholder("the day's headcount"),
        )
        .field(
            WEB,
            TextField::single(&info.url).with_placeholder(
                "https://… where the programme is published (the board shows it)",
            ),
        )
}

pub fn room(event: &Event, id: Option<&Id>) -> SetupForm {
    let room = id.and_then(|id| event.rooms.get(id));
    let (target, title) = match id {
        Some(id) => (Target::Room(id.clone()), "Room"),
        None => (Target::NewRoom, "New room"),
    };
    let name = room.map_or("", |r| r.name.as_str());
    let capacity = room
        .and_then(|r| r.capacity)
        .map(|c| c.to_string())
        .unwrap_or_default();
    Form::new(target, title)
        .field(
            NAME,
            TextField::single(name).with_placeholder("Main hall, Room 2, Garden"),
        )
        .field(
            CAPACITY,
            TextField::single(&capacity).with_placeholder("seats (may stay blank)"),
        )
}

/// A slot's form; a new slot starts where the last one ends and lasts an
/// hour, which is right more often than blank fields.
pub fn slot(event: &Event, id: Option<&Id>) -> SetupForm {
    let existing = id.and_then(|id| event.slots.get(id)).cloned();
    let (target, title) = match id {
        Some(id) => (Target::Slot(id.clone()), "Slot"),
        None => (Target::NewSlot, "New slot"),
    };
    let slot = existing.unwrap_or_else(|| {
        let start = event
            .slots
            .values()
            .map(|s| s.end)
            .max()
            .or_else(|| NaiveTime::from_hms_opt(9, 30, 0))
            .unwrap_or_default();
        Slot {
            start,
            end: start + Duration::hours(1),
            label: String::new(),
            kind: SlotKind::Breakout,
        }
    });
    let hhmm = |t: NaiveTime| t.format("%H:%M").to_string();
    Form::new(target, title)
        .field(
            LABEL,
            TextField::single(&slot.label).with_placeholder("Round 1 (blank: the times)"),
        )
        .field(STARTS, TextField::suggested(&hhmm(slot.start)))
        .field(ENDS, TextField::suggested(&hhmm(slot.end)))
        .field(KIND, TextField::single(slot.kind.word()))
}

/// The next kind after the one typed, for the Space key on the Kind field.
pub fn next_kind(typed: &str) -> SlotKind {
    let current = parse_kind(typed).unwrap_or(SlotKind::Break);
    let i = SlotKind::ALL
        .iter()
        .position(|k| *k == current)
        .unwrap_or(0);
    SlotKind::ALL[(i + 1) % SlotKind::ALL.len()]
}

/// Saves the open form. A refusal is shown and the form stays open.
pub fn save(state: &mut State) -> Vec<Effect> {
    let Some(form) = state.setup.form.clone() else {
        return Vec::new();
    };
    let new_id = matches!(form.target, Target::NewRoom | Target::NewSlot).then(|| state.new_id());
    let event = state.event();
    let outcome = match &form.target {
        Target::Details => read_details(event, &form, state.now.date_naive())
            .and_then(|info| edits::set_details(event, info).map_err(|e| e.to_string())),
        Target::NewRoom | Target::Room(_) => read_room(event, &form, new_id.clone()),
        Target::NewSlot | Target::Slot(_) => read_slot(event, &form, new_id.clone()),
    };
    let changes = match outcome {
        Ok(changes) => changes,
        Err(reason) => {
            state.error(reason);
            return Vec::new();
        }
    };
    if changes.is_empty() {
        state.info("Nothing changed.");
        return close(&mut state.setup);
    }
    let done = match form.target {
        Target::Details => "Saved the event details.",
        Target::NewRoom => "Added the room (u undoes).",
        Target::Room(_) => "Saved the room.",
        Target::NewSlot => "Added the slot (u undoes).",
        Target::Slot(_) => "Saved the slot.",
    };
    let saved = state.commit_begun(done, changes, form.begun.as_ref());
    if saved.is_empty() {
        // Not written (a read-only event): the reason is shown and the
        // typed text stays in the form.
        return saved;
    }
    let mut effects = close(&mut state.setup);
    effects.extend(saved);
    let slot = match &form.target {
        Target::Slot(id) => Some(id.clone()),
        Target::NewSlot => new_id.clone(),
        _ => None,
    };
    if let Some(id) = new_id {
        state.setup.selected = match form.target {
            Target::NewSlot => Selected::Slot(id),
            _ => Selected::Room(id),
        };
    }
    if let Some(slot) = slot {
        warn_overlaps(state, done, &slot);
    }
    effects
}

/// Saved, but sharing time with another slot: said at once, as a warning
/// (merged files can hold such slots too, so it is never refused).
fn warn_overlaps(state: &mut State, done: &str, slot: &Id) {
    let event = state.event();
    let overlaps = crate::model::rules::overlapping_slots(event);
    let pair = overlaps.iter().find(|(a, b)| a == slot || b == slot);
    if let Some(pair) = pair {
        let text = format!(
            "{done} {} Enter on the slot changes its times.",
            crate::model::rules::describe_overlap(event, pair)
        );
        state.error(text);
    }
}

/// Esc: leaves the form and keeps what was typed, saved (u undoes it);
/// the one meaning of Esc in every form. What cannot be saved (a time that
/// is not one) is kept as typed, with the reason, until the same form opens
/// again.
pub fn leave(state: &mut State) -> Vec<Effect> {
    match &state.setup.form {
        None => Vec::new(),
        Some(form) if form.changed() => {
            let effects = save(state);
            if let Some(form) = state.setup.form.take() {
                state.setup.parked = Some(form);
                state.error(crate::tui::screen::not_saved_kept(state));
            }
            effects
        }
        Some(_) => close(&mut state.setup),
    }
}

/// Closes the form, and forgets the description's draft if it was its form.
pub fn close(setup: &mut SetupState) -> Vec<Effect> {
    let details = setup
        .form
        .as_ref()
        .is_some_and(|f| f.target == Target::Details);
    let had_draft = !setup.draft.text.is_empty() || setup.draft.dirty_since.is_some();
    setup.form = None;
    // The draft is the description's, which only the details form edits.
    if details && had_draft {
        vec![setup.draft.clear()]
    } else {
        Vec::new()
    }
}

fn read_details(event: &Event, form: &SetupForm, today: NaiveDate) -> Result<EventInfo, String> {
    let date = crate::tui::screen::parse_date(&form.text(DATE), today)?;
    let organisers = form
        .text(ORGANISERS)
        .split(';')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string)
        .collect();
    let zone = form.text(TIME_ZONE).trim().to_string();
    if !zone.is_empty() && zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(format!(
            "Time zone \"{zone}\" is not a time zone name such as Europe/London; type one, or leave it blank."
        ));
    }
    let headcount = form.text(HEADCOUNT).trim().to_string();
    let attendees = match headcount.as_str() {
        "" => None,
        n => Some(n.parse::<u32>().map_err(|_| {
            format!("Attendees \"{n}\" is not a number of people; type one, or leave it blank.")
        })?),
    };
    let url = form.text(WEB).trim().to_string();
    if !url.is_empty() && !ops::is_web_address(&url) {
        return Err(format!(
            "Web address \"{}\" is not one; type one starting https://, e.g. https://example.org/programme, or leave it blank.",
            crate::model::text::inert_line(&url)
        ));
    }
    Ok(EventInfo {
        name: form.text(NAME),
        date,
        venue: form.text(VENUE),
        organisers,
        description: form.text(DESCRIPTION),
        time_zone: (!zone.is_empty()).then_some(zone),
        attendees,
        url,
        ..event.info.clone()
    })
}

fn read_room(event: &Event, form: &SetupForm, new_id: Option<Id>) -> Result<Vec<Change>, String> {
    let capacity_text = form.text(CAPACITY);
    let capacity = if capacity_text.is_empty() {
        None
    } else {
        Some(capacity_text.parse::<u32>().map_err(|_| {
            format!("Capacity \"{capacity_text}\" is not a number of seats; type one, or leave it blank.")
        })?)
    };
    let name = form.text(NAME);
    let result: Result<Vec<Change>, OpError> = match (&form.target, new_id) {
        (Target::Room(id), _) => edits::edit_room(event, id, &name, capacity),
        (_, Some(id)) => ops::add_room(event, id, &name, capacity),
        (_, None) => Ok(Vec::new()),
    };
    result.map_err(|e| e.to_string())
}

fn read_slot(event: &Event, form: &SetupForm, new_id: Option<Id>) -> Result<Vec<Change>, String> {
    let time = |label: &str| {
        let text = form.text(label);
        parse_time(&text)
            .ok_or_else(|| format!("{label} \"{text}\" is not a time; write it as 10:30."))
    };
    let kind_text = form.text(KIND);
    let kind = parse_kind(&kind_text).ok_or_else(|| {
        format!("Kind \"{kind_text}\" is not one of breakout, plenary or break (Space picks).")
    })?;
    let slot = Slot {
        start: time(STARTS)?,
        end: time(ENDS)?,
        label: form.text(LABEL),
        kind,
    };
    let result = match (&form.target, new_id) {
        (Target::Slot(id), _) => edits::edit_slot(event, id, slot),
        (_, Some(id)) => ops::add_slot(event, id, slot),
        (_, None) => Ok(Vec::new()),
    };
    result.map_err(|e| e.to_string())
}
