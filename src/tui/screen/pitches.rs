//! Pitches: the marketplace. Quick-add of titles one after another, a form
//! for details, interest up and down, merge, withdraw, sort, filter, and the
//! pitch timer.

use ratatui::crossterm::event::KeyCode;

use super::timer::{STEP_SECONDS, Timer};
use crate::model::{Event, Id, Person, Pitch, PitchStatus, Record, ops};
use crate::tui::action::{Action, Effect};
use crate::tui::draft::DraftSlot;
use crate::tui::keymap::{Binding, FieldKeys, Key, down_keys, up_keys};
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Most interest first.
    #[default]
    Interest,
    /// In the order they were pitched.
    Time,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    List,
    QuickAdd,
    Filter,
    Form,
    /// Typing the number of hands for the selected pitch.
    Interest,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PitchesState {
    pub focus: Focus,
    pub selected: Option<Id>,
    pub sort: Sort,
    pub quick_add: TextField,
    pub filter: TextField,
    /// The number of hands typed after `i`.
    pub interest: TextField,
    pub form: Option<PitchForm>,
    /// The pitch being merged into another, while the user picks the other.
    pub merging: Option<Id>,
    pub timer: Timer,
    pub draft: DraftSlot,
    /// First visible row of the list.
    pub offset: usize,
}

impl Default for PitchesState {
    fn default() -> Self {
        PitchesState {
            focus: Focus::List,
            selected: None,
            sort: Sort::Interest,
            quick_add: TextField::single("").with_placeholder("type a pitch title, Enter to add"),
            filter: TextField::single("").with_placeholder("filter by title, person or tag"),
            interest: TextField::single("").with_placeholder("hands up, e.g. 12"),
            form: None,
            merging: None,
            timer: Timer::default(),
            draft: DraftSlot::new("pitch-quick-add"),
            offset: 0,
        }
    }
}

/// The details form of one pitch.
#[derive(Clone, Debug, PartialEq)]
pub struct PitchForm {
    pub pitch: Id,
    /// The pitch as it was when the form opened: saving covers only that.
    pub begun: crate::store::Begun,
    pub fields: [TextField; 4],
    pub focus: usize,
}

/// Labels of the form's fields, in order.
pub const FORM_LABELS: [&str; 4] = ["Title", "Pitched by", "Description", "Tags"];

impl PitchesState {
    pub fn field_keys(&self) -> FieldKeys {
        match self.focus {
            Focus::QuickAdd => FieldKeys::new("add", "leave, kept"),
            Focus::Filter => FieldKeys::new("keep filter", "leave"),
            Focus::Interest => FieldKeys::new("set hands", "leave, unchanged"),
            Focus::Form | Focus::List => FieldKeys::new("save", "save, leave"),
        }
    }

    pub fn focused_field(&self) -> Option<&TextField> {
        match self.focus {
            Focus::List => None,
            Focus::QuickAdd => Some(&self.quick_add),
            Focus::Filter => Some(&self.filter),
            Focus::Interest => Some(&self.interest),
            Focus::Form => self.form.as_ref().and_then(|f| f.fields.get(f.focus)),
        }
    }

    fn focused_field_mut(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Focus::List => None,
            Focus::QuickAdd => Some(&mut self.quick_add),
            Focus::Filter => Some(&mut self.filter),
            Focus::Interest => Some(&mut self.interest),
            Focus::Form => self.form.as_mut().and_then(|f| f.fields.get_mut(f.focus)),
        }
    }

    pub fn drafts_mut(&mut self) -> Vec<&mut DraftSlot> {
        vec![&mut self.draft]
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PitchAction {
    /// Put the cursor in the quick-add line
    QuickAdd,
    /// Open the selected pitch's details
    Open,
    /// Select the previous pitch
    Up,
    /// Select the next pitch
    Down,
    /// One more hand up for the selected pitch
    InterestUp,
    /// One less hand up for the selected pitch
    InterestDown,
    /// Type the number of hands up for the selected pitch, then Enter
    Interest,
    /// Merge the selected pitch into another (press again on the other)
    Merge,
    /// Withdraw the selected pitch, or bring it back
    Withdraw,
    /// Delete the selected pitch (u undoes)
    Delete,
    /// Sort by interest or by time pitched
    Sort,
    /// Filter the list
    Filter,
    /// Show or hide the pitch timer (it keeps counting while hidden)
    Timer,
    /// Start or pause the pitch timer
    TimerRun,
    /// Reset the pitch timer
    TimerReset,
    /// Ten seconds less for each pitch
    TimerShorter,
    /// Ten seconds more for each pitch
    TimerLonger,
    /// Next field of the form
    NextField,
    /// Previous field of the form
    PreviousField,
}

impl PitchAction {
    pub fn description(&self) -> &'static str {
        match self {
            PitchAction::QuickAdd => "put the cursor in the quick-add line",
            PitchAction::Open => "open the selected pitch's details",
            PitchAction::Up => "select the previous pitch",
            PitchAction::Down => "select the next pitch",
            PitchAction::InterestUp => "one more hand up for the selected pitch",
            PitchAction::InterestDown => "one less hand up for the selected pitch",
            PitchAction::Interest => "type the number of hands for the selected pitch, then Enter",
            PitchAction::Merge => {
                "merge the selected pitch into another (press again on the other)"
            }
            PitchAction::Withdraw => "withdraw the selected pitch, or bring it back",
            PitchAction::Delete => "delete the selected pitch (u undoes)",
            PitchAction::Sort => "sort by interest or by time pitched",
            PitchAction::Filter => "filter the list",
            PitchAction::Timer => "show or hide the pitch timer (it keeps counting while hidden)",
            PitchAction::TimerRun => "start or pause the pitch timer",
            PitchAction::TimerReset => "reset the pitch timer",
            PitchAction::TimerShorter => "ten seconds less for each pitch",
            PitchAction::TimerLonger => "ten seconds more for each pitch",
            PitchAction::NextField => "next field of the form",
            PitchAction::PreviousField => "previous field of the form",
        }
    }
}

fn bind(keys: &[Key], label: &'static str, action: PitchAction) -> Binding {
    Binding::new(keys, label, Action::Pitches(action))
}

pub fn bindings(state: &State) -> Vec<Binding> {
    match state.pitches.focus {
        Focus::QuickAdd | Focus::Filter | Focus::Interest => Vec::new(),
        Focus::Form => vec![
            bind(
                &[Key::code(KeyCode::Tab)],
                "next field",
                PitchAction::NextField,
            ),
            bind(
                &[Key::code(KeyCode::BackTab)],
                "previous field",
                PitchAction::PreviousField,
            ),
        ],
        Focus::List => list_bindings(state),
    }
}

fn list_bindings(state: &State) -> Vec<Binding> {
    let merging = state.pitches.merging.is_some();
    vec![
        bind(&[Key::char('a')], "add", PitchAction::QuickAdd),
        bind(
            &[Key::code(KeyCode::Enter)],
            if merging { "merge here" } else { "details" },
            if merging {
                PitchAction::Merge
            } else {
                PitchAction::Open
            },
        ),
        bind(&up_keys(), "up", PitchAction::Up).help_only(),
        bind(&down_keys(), "down", PitchAction::Down).help_only(),
        bind(
            &[Key::char('+'), Key::char('=')],
            "interest",
            PitchAction::InterestUp,
        ),
        bind(&[Key::char('-')], "less", PitchAction::InterestDown).help_only(),
        bind(&[Key::char('i')], "hands", PitchAction::Interest),
        bind(&[Key::char('m')], "merge", PitchAction::Merge),
        bind(&[Key::char('w')], "withdraw", PitchAction::Withdraw).help_only(),
        bind(&[Key::char('d')], "delete", PitchAction::Delete).help_only(),
        bind(&[Key::char('s')], "sort", PitchAction::Sort).help_only(),
        bind(&[Key::char('/')], "filter", PitchAction::Filter).help_only(),
        bind(&[Key::char('t')], "timer", PitchAction::Timer),
        bind(
            &[Key::char(' ')],
            "start/pause timer",
            PitchAction::TimerRun,
        )
        .help_only(),
        bind(&[Key::char('r')], "reset timer", PitchAction::TimerReset).help_only(),
        bind(&[Key::char('[')], "timer -10s", PitchAction::TimerShorter).help_only(),
        bind(&[Key::char(']')], "timer +10s", PitchAction::TimerLonger).help_only(),
    ]
}

/// The pitches shown, in order: filtered, then sorted.
pub fn visible<'a>(event: &'a Event, pitches: &PitchesState) -> Vec<(&'a Id, &'a Pitch)> {
    let needle = pitches.filter.text().trim().to_lowercase();
    let mut shown: Vec<(&Id, &Pitch)> = event
        .pitches_in_order()
        .into_iter()
        .filter(|(_, p)| needle.is_empty() || matches_filter(p, &needle))
        .collect();
    if pitches.sort == Sort::Interest {
        // Stable: equal interest stays in the order pitched. Each pitch's
        // key is worked out once, not at each of the sort's comparisons.
        shown.sort_by_cached_key(|(id, _)| {
            let open = matches!(
                event.pitch_status(id),
                PitchStatus::Open | PitchStatus::Scheduled
            );
            (!open, std::cmp::Reverse(event.interest_of(id)))
        });
    }
    shown
}

fn matches_filter(pitch: &Pitch, needle: &str) -> bool {
    pitch.title.to_lowercase().contains(needle)
        || pitch
            .pitched_by
            .iter()
            .any(|p| p.name.to_lowercase().contains(needle))
        || pitch.tags.iter().any(|t| t.to_lowercase().contains(needle))
}

/// The selected pitch and its row, falling back to the first row.
pub fn selection(state: &State) -> Option<(usize, Id)> {
    let shown = visible(state.event(), &state.pitches);
    let index = selected_in(&shown, &state.pitches);
    shown.get(index).map(|(id, _)| (index, (*id).clone()))
}

/// The selected pitch's row in `shown` (as [`visible`] gives it), falling
/// back to the first row: for callers that have the rows already, since
/// working them out filters and sorts every pitch.
pub fn selected_in(shown: &[(&Id, &Pitch)], pitches: &PitchesState) -> usize {
    pitches
        .selected
        .as_ref()
        .and_then(|sel| shown.iter().position(|(id, _)| *id == sel))
        .unwrap_or(0)
}

pub fn update(state: &mut State, action: PitchAction) -> Vec<Effect> {
    let now = state.now;
    match action {
        PitchAction::QuickAdd => {
            state.pitches.focus = Focus::QuickAdd;
            Vec::new()
        }
        PitchAction::Filter => {
            state.pitches.focus = Focus::Filter;
            Vec::new()
        }
        PitchAction::Up => step(state, -1),
        PitchAction::Down => step(state, 1),
        PitchAction::Open => open_form(state),
        PitchAction::InterestUp => with_selected(state, |s, id| {
            s.apply("Interest up.", ops::bump_interest(s.event(), &id, 1))
        }),
        PitchAction::InterestDown => with_selected(state, |s, id| {
            s.apply("Interest down.", ops::bump_interest(s.event(), &id, -1))
        }),
        PitchAction::Interest => with_selected(state, |s, _| {
            s.pitches.interest.clear();
            s.pitches.focus = Focus::Interest;
            Vec::new()
        }),
        PitchAction::Merge => merge(state),
        PitchAction::Withdraw => with_selected(state, withdraw),
        PitchAction::Delete => with_selected(state, |s, id| {
            let title = title(s.event(), &id);
            let done = format!("Deleted \"{title}\" (u undoes).");
            s.apply(&done, ops::delete_pitch(s.event(), &id))
        }),
        PitchAction::Sort => {
            state.pitches.sort = match state.pitches.sort {
                Sort::Interest => Sort::Time,
                Sort::Time => Sort::Interest,
            };
            state.info(match state.pitches.sort {
                Sort::Interest => "Sorted by interest.",
                Sort::Time => "Sorted by time pitched.",
            });
            Vec::new()
        }
        PitchAction::Timer => {
            state.pitches.timer.visible = !state.pitches.timer.visible;
            Vec::new()
        }
        PitchAction::TimerRun => {
            state.pitches.timer.toggle(now);
            Vec::new()
        }
        PitchAction::TimerReset => {
            state.pitches.timer.reset();
            Vec::new()
        }
        PitchAction::TimerShorter => {
            state.pitches.timer.adjust(-STEP_SECONDS);
            Vec::new()
        }
        PitchAction::TimerLonger => {
            state.pitches.timer.adjust(STEP_SECONDS);
            Vec::new()
        }
        PitchAction::NextField | PitchAction::PreviousField => {
            if let Some(form) = &mut state.pitches.form {
                let n = form.fields.len();
                form.focus = if action == PitchAction::NextField {
                    (form.focus + 1) % n
                } else {
                    (form.focus + n - 1) % n
                };
            }
            Vec::new()
        }
    }
}

fn with_selected(state: &mut State, f: impl FnOnce(&mut State, Id) -> Vec<Effect>) -> Vec<Effect> {
    match selection(state) {
        Some((_, id)) => {
            // Pinned, so that the selection stays on this pitch when the
            // change re-sorts the list.
            state.pitches.selected = Some(id.clone());
            f(state, id)
        }
        None => {
            state.info("No pitch selected; press a to add one.");
            Vec::new()
        }
    }
}

fn step(state: &mut State, delta: isize) -> Vec<Effect> {
    let shown = visible(state.event(), &state.pitches);
    if shown.is_empty() {
        return Vec::new();
    }
    let index = selected_in(&shown, &state.pitches);
    let next = index.saturating_add_signed(delta).min(shown.len() - 1);
    state.pitches.selected = shown.get(next).map(|(id, _)| (*id).clone());
    Vec::new()
}

fn title(event: &Event, id: &Id) -> String {
    event
        .pitches
        .get(id)
        .map(|p| crate::model::text::inert_line(&p.title))
        .unwrap_or_default()
}

fn withdraw(state: &mut State, id: Id) -> Vec<Effect> {
    let name = title(state.event(), &id);
    if state.event().pitch_status(&id) == PitchStatus::Withdrawn {
        let done = format!("Brought back \"{name}\".");
        state.apply(&done, ops::restore(state.event(), &id))
    } else {
        let done = format!("Withdrew \"{name}\".");
        state.apply(&done, ops::withdraw(state.event(), &id))
    }
}

fn merge(state: &mut State) -> Vec<Effect> {
    let Some((_, selected)) = selection(state) else {
        return Vec::new();
    };
    match state.pitches.merging.take() {
        None => {
            let name = title(state.event(), &selected);
            state.pitches.merging = Some(selected);
            state.info(format!(
                "Merging \"{name}\": select the pitch to merge it into and press Enter (Esc cancels)."
            ));
            Vec::new()
        }
        Some(other) if other == selected => {
            state.info("Merge cancelled.");
            Vec::new()
        }
        Some(other) => {
            let done = format!(
                "Merged \"{}\" into \"{}\".",
                title(state.event(), &other),
                title(state.event(), &selected)
            );
            state.apply(&done, ops::merge_pitches(state.event(), &selected, &other))
        }
    }
}

fn open_form(state: &mut State) -> Vec<Effect> {
    let Some((_, id)) = selection(state) else {
        state.info("No pitch selected; press a to add one.");
        return Vec::new();
    };
    let Some(pitch) = state.event().pitches.get(&id) else {
        return Vec::new();
    };
    let people = pitch
        .pitched_by
        .iter()
        .map(|p| match &p.organisation {
            Some(org) => format!("{} ({org})", p.name),
            None => p.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let begun = state.replica.begin(&id);
    state.pitches.form = Some(PitchForm {
        begun,
        pitch: id,
        fields: [
            TextField::single(&pitch.title),
            TextField::single(&people).with_placeholder("Name (Organisation); Name"),
            TextField::single(&pitch.description),
            TextField::single(&pitch.tags.join(", ")).with_placeholder("tag, tag"),
        ],
        focus: 0,
    });
    state.pitches.focus = Focus::Form;
    Vec::new()
}

/// "Sam Jones (Acme); Kim" -> people.
pub fn parse_people(text: &str) -> Vec<Person> {
    text.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(
            |p| match p.strip_suffix(')').and_then(|p| p.split_once('(')) {
                Some((name, org)) if !name.trim().is_empty() => Person {
                    name: name.trim().to_string(),
                    organisation: Some(org.trim().to_string()).filter(|o| !o.is_empty()),
                },
                _ => Person::named(p),
            },
        )
        .collect()
}

/// The people of a form, each in the spelling of the person the event
/// already knows by that name, whatever the case or spacing typed.
fn known_spellings(event: &crate::model::Event, people: Vec<Person>) -> Vec<Person> {
    let known = crate::model::people::People::of_event(event);
    people
        .into_iter()
        .map(|p| Person {
            name: known.matched(&p.name),
            ..p
        })
        .collect()
}

fn save_form(state: &mut State) -> Vec<Effect> {
    let Some(form) = state.pitches.form.clone() else {
        return Vec::new();
    };
    let Some(old) = state.event().pitches.get(&form.pitch).cloned() else {
        state.error("That pitch was deleted on another device; the form was closed.");
        close_form(state);
        return Vec::new();
    };
    let [title, people, description, tags] = &form.fields;
    let title = title.text().trim().to_string();
    if title.is_empty() {
        state.error("A pitch needs a title; type one, then Enter or Esc saves.");
        return Vec::new();
    }
    let pitch = Pitch {
        title: title.clone(),
        pitched_by: known_spellings(state.event(), parse_people(&people.text())),
        description: description.text().trim().to_string(),
        tags: tags
            .text()
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        ..old.clone()
    };
    close_form(state);
    if pitch == old {
        return Vec::new();
    }
    let done = format!("Saved \"{}\".", crate::model::text::inert_line(&title));
    state.commit_begun(
        &done,
        vec![crate::model::Change::put(form.pitch, Record::Pitch(pitch))],
        Some(&form.begun),
    )
}

/// Enter after `i`: the selected pitch gets the number of hands typed.
/// The number is the total shown, pitches merged into it included, so its
/// own count is what is left after theirs.
fn set_hands(state: &mut State) -> Vec<Effect> {
    let typed = state.pitches.interest.text().trim().to_string();
    let Ok(hands) = typed.parse::<u32>() else {
        state.error(format!(
            "\"{}\" is not a number of hands; type one, e.g. 12.",
            crate::model::text::inert_line(&typed)
        ));
        return Vec::new();
    };
    state.pitches.focus = Focus::List;
    with_selected(state, |s, id| {
        let event = s.event();
        let own = event.pitches.get(&id).map_or(0, |p| p.interest);
        let merged = event.interest_of(&id).saturating_sub(own);
        if hands < merged {
            s.error(format!(
                "{merged} hands came with the pitches merged into \"{}\"; it cannot have fewer.",
                title(event, &id)
            ));
            return Vec::new();
        }
        let done = format!("{hands} hands for \"{}\".", title(event, &id));
        let result = ops::set_interest(event, &id, hands - merged);
        s.apply(&done, result)
    })
}

fn close_form(state: &mut State) {
    state.pitches.form = None;
    state.pitches.focus = Focus::List;
}

fn quick_add(state: &mut State) -> Vec<Effect> {
    let title = state.pitches.quick_add.text().trim().to_string();
    if title.is_empty() {
        state.info("Type a title first; Esc leaves the line.");
        return Vec::new();
    }
    let id = state.new_id();
    let pitch = Pitch {
        title: title.clone(),
        ..Pitch::default()
    };
    let done = format!("Added \"{}\".", crate::model::text::inert_line(&title));
    let mut effects = state.apply(&done, ops::add_pitch(state.event(), id.clone(), pitch));
    if effects.contains(&Effect::Save) {
        state.pitches.quick_add.clear();
        state.pitches.selected = Some(id);
        effects.push(state.pitches.draft.clear());
    }
    effects
}

/// Typing, Enter, Esc, clicks and scrolling on this screen.
pub fn on_input(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Type(key) => {
            if let Some(field) = state.pitches.focused_field_mut() {
                field.input(key);
            }
            after_typing(state)
        }
        Action::Paste(text) => {
            if let Some(field) = state.pitches.focused_field_mut() {
                field.insert(&text);
            }
            after_typing(state)
        }
        Action::Submit => match state.pitches.focus {
            Focus::QuickAdd => quick_add(state),
            Focus::Interest => set_hands(state),
            Focus::Form => save_form(state),
            Focus::Filter | Focus::List => {
                state.pitches.focus = Focus::List;
                Vec::new()
            }
        },
        Action::Back => back(state),
        Action::Scroll(lines) => step(state, lines as isize),
        Action::Click { row, .. } => {
            click(state, row);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn after_typing(state: &mut State) -> Vec<Effect> {
    if state.pitches.focus == Focus::Filter {
        // The pitch the filter leaves selected stays selected when the
        // filter is cleared.
        state.pitches.selected = selection(state).map(|(_, id)| id);
    }
    if state.pitches.focus == Focus::QuickAdd {
        let pitches = &mut state.pitches;
        pitches.draft.typed(&pitches.quick_add.as_text(), state.now);
    }
    Vec::new()
}

fn back(state: &mut State) -> Vec<Effect> {
    match state.pitches.focus {
        // Esc saves what was typed, as in every form; u undoes it. Only an
        // emptied title cannot be saved: the pitch keeps its details then.
        Focus::Form => {
            let untitled = state
                .pitches
                .form
                .as_ref()
                .is_some_and(|f| f.fields[0].text().trim().is_empty());
            if !untitled {
                return save_form(state);
            }
            close_form(state);
            state.error("Not saved: a pitch needs a title; its details are as they were.");
        }
        Focus::QuickAdd | Focus::Filter | Focus::Interest => state.pitches.focus = Focus::List,
        Focus::List => {
            if state.pitches.merging.take().is_some() {
                state.info("Merge cancelled.");
            } else if !state.pitches.filter.is_empty() {
                state.pitches.filter.clear();
            }
        }
    }
    Vec::new()
}

/// Selects the pitch on a clicked row of the list, as it is drawn (it
/// scrolls with the selection).
fn click(state: &mut State, row: u16) {
    let Some(index) = crate::tui::view::pitches::pitch_at(state, row) else {
        return;
    };
    let shown = visible(state.event(), &state.pitches);
    if let Some((id, _)) = shown.get(index) {
        state.pitches.selected = Some((*id).clone());
        state.pitches.focus = Focus::List;
    }
}

#[cfg(test)]
mod tests;
