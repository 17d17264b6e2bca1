//! The wrap-up's forms: a session's summary or outcome, a next step, a
//! decision. `model::ops` adds them; editing a next step's or a decision's
//! text is done here, in the same pure shape.

use chrono::NaiveDate;

use super::{Page, WrapupAction, current_page, items};
use crate::model::ops::{self, OpError, SessionDetails};
use crate::model::{Action as Step, ActionStatus, Change, Decision, Event, Id, Record};
use crate::tui::action::Effect;
use crate::tui::draft::DraftSlot;
use crate::tui::screen::event::edits::put_changed;
use crate::tui::screen::event::form::Form;
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

/// What a wrap-up form writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Summary(Id),
    Outcome(Id),
    /// A new next step, of a session or (with `None`) of the event.
    NewStep(Option<Id>),
    Step(Id),
    NewDecision,
    Decision(Id),
}

pub type WrapupForm = Form<Target>;

pub const SUMMARY: &str = "Summary";
pub const OUTCOME: &str = "Outcome";
pub const STEP: &str = "Next step";
pub const OWNER: &str = "Owner";
pub const DUE: &str = "Due";
pub const DECISION: &str = "Decision";
pub const LEAD: &str = "Lead";

/// Opens the summary or outcome of the session shown, keeping a draft.
/// Text typed and then left with Esc comes back when the same field is
/// opened again, so a stray Esc while the group speaks loses nothing.
pub fn open_text(state: &mut State, action: WrapupAction) -> Vec<Effect> {
    let Page::Session(id) = current_page(state) else {
        state.info("The last page is the event's: a adds a decision, A a next step.");
        return Vec::new();
    };
    let Some(session) = state.event().sessions.get(&id) else {
        return Vec::new();
    };
    let (target, label, saved, key) = if action == WrapupAction::Summary {
        let text = session.summary.clone();
        (Target::Summary(id.clone()), SUMMARY, text, "summary")
    } else {
        let text = session.outcome.clone();
        (Target::Outcome(id.clone()), OUTCOME, text, "outcome")
    };
    let key = format!("{key}:{id}");
    let mut effects = Vec::new();
    let text = if state.wrapup.draft.key == key && !state.wrapup.draft.text.is_empty() {
        state.wrapup.draft.text.clone()
    } else {
        if !state.wrapup.draft.text.is_empty() {
            effects.push(state.wrapup.draft.clear());
        }
        // Text typed here or on Notes before a crash: the two screens keep
        // a session's summary and outcome under the same keys.
        let kept = state.notes.kept.remove(&key);
        state.wrapup.draft = DraftSlot::new(key);
        match kept {
            Some(text) => {
                state.wrapup.draft.text.clone_from(&text);
                state.info("The text typed last time is back; Ctrl-s or Esc saves it.");
                text
            }
            None => saved,
        }
    };
    let mut form = Form::new(target, label).field(label, TextField::multi(&text));
    form.begin_with(|| Some(state.replica.begin(&id)));
    state.wrapup.form = Some(form.esc_saves());
    effects
}

/// Opens a next step: `Some(id)` to edit it, `None` to add one to the page.
pub fn open_step(state: &mut State, id: Option<Id>) -> Vec<Effect> {
    let existing = id.as_ref().and_then(|id| state.event().action(id));
    let target = match (id, current_page(state)) {
        (Some(id), _) => Target::Step(id),
        (None, Page::Session(session)) => Target::NewStep(Some(session)),
        (None, _) => Target::NewStep(None),
    };
    let step = existing.unwrap_or_default();
    let due = step.due.map(|d| d.to_string()).unwrap_or_default();
    let title = match target {
        Target::NewStep(None) => "Next step for the event",
        Target::NewStep(Some(_)) => "Next step for this session",
        _ => "Next step",
    };
    let form = Form::new(target, title)
        .field(
            STEP,
            TextField::single(&step.text).with_placeholder("what will happen"),
        )
        .field(
            OWNER,
            TextField::single(step.owner.as_deref().unwrap_or("")).with_placeholder("who"),
        )
        .field(
            DUE,
            TextField::single(&due).with_placeholder("YYYY-MM-DD (may stay blank)"),
        );
    open(state, form)
}

/// Opens a decision: `Some(id)` to edit it, `None` to add one.
pub fn open_decision(state: &mut State, id: Option<Id>) -> Vec<Effect> {
    let existing = id.as_ref().and_then(|id| state.event().decision(id));
    let decision = existing.unwrap_or_default();
    let target = id.map_or(Target::NewDecision, Target::Decision);
    let form = Form::new(target, "Agreed to take forward")
        .field(
            DECISION,
            TextField::single(&decision.text).with_placeholder("the project or decision"),
        )
        .field(
            LEAD,
            TextField::single(decision.lead.as_deref().unwrap_or(""))
                .with_placeholder("who leads it"),
        );
    open(state, form)
}

/// Keeps the summary or outcome being typed as a draft.
pub fn after_typing(state: &mut State) -> Vec<Effect> {
    let now = state.now;
    if let Some(form) = &state.wrapup.form
        && matches!(form.target, Target::Summary(_) | Target::Outcome(_))
    {
        let text = form.focused().map(TextField::as_text).unwrap_or_default();
        state.wrapup.draft.typed(&text, now);
    }
    Vec::new()
}

/// Esc. A summary or outcome is saved, as on the Notes screen: it is
/// written while people speak, and leaving must not lose it. A next step or
/// decision with something typed is kept until the same form opens again.
pub fn leave(state: &mut State) -> Vec<Effect> {
    match &state.wrapup.form {
        None => Vec::new(),
        Some(form) if form.changed() || form.esc_saves => {
            let effects = save(state);
            if let Some(form) = state.wrapup.form.take() {
                state.wrapup.parked = Some(form);
                state.error(crate::tui::screen::not_saved_kept(state));
            }
            effects
        }
        Some(_) => {
            state.wrapup.form = None;
            Vec::new()
        }
    }
}

/// Opens a form, or the same one left with Esc, as it was left.
fn open(state: &mut State, form: WrapupForm) -> Vec<Effect> {
    let parked = state.wrapup.parked.take_if(|p| p.target == form.target);
    let mut form = parked.unwrap_or(form);
    let id = match &form.target {
        Target::Summary(id) | Target::Outcome(id) | Target::Step(id) | Target::Decision(id) => {
            Some(id.clone())
        }
        Target::NewStep(_) | Target::NewDecision => None,
    };
    form.begin_with(|| id.map(|id| state.replica.begin(&id)));
    state.wrapup.form = Some(form);
    Vec::new()
}

/// Closes the form and forgets its draft.
pub fn close(state: &mut State) -> Vec<Effect> {
    let draft = &mut state.wrapup.draft;
    let had_draft = !draft.text.is_empty() || draft.dirty_since.is_some();
    state.wrapup.form = None;
    if had_draft {
        vec![state.wrapup.draft.clear()]
    } else {
        Vec::new()
    }
}

/// Saves the open form; a refusal is shown and the form stays open.
pub fn save(state: &mut State) -> Vec<Effect> {
    let Some(form) = state.wrapup.form.clone() else {
        return Vec::new();
    };
    let new_id =
        matches!(form.target, Target::NewStep(_) | Target::NewDecision).then(|| state.new_id());
    let changes = match read(state.event(), &form, new_id, state.now.date_naive()) {
        Ok(changes) => changes,
        Err(reason) => {
            state.error(reason);
            return Vec::new();
        }
    };
    if changes.is_empty() {
        state.info("Nothing changed.");
        return close(state);
    }
    let done = match form.target {
        Target::Summary(_) => "Saved the summary.",
        Target::Outcome(_) => "Saved the outcome.",
        Target::NewStep(_) => "Added the next step (u undoes).",
        Target::NewDecision => "Added the decision (u undoes).",
        Target::Step(_) | Target::Decision(_) => "Saved.",
    };
    let added = changes.first().map(|c| c.id.clone());
    let saved = state.commit_begun(done, changes, form.begun.as_ref());
    if saved.is_empty() {
        // Not written (a read-only event): the reason is shown and the
        // typed text stays in the form.
        return saved;
    }
    let mut effects = close(state);
    effects.extend(saved);
    if matches!(form.target, Target::NewStep(_) | Target::NewDecision)
        && let Some(added) = added
    {
        // Select what was just added, so x or Enter act on it next.
        let position = items(state).iter().position(|item| match item {
            super::Item::Step(id) | super::Item::Decision(id) => *id == added,
        });
        state.wrapup.cursor = position.unwrap_or(0);
    }
    effects
}

fn read(
    event: &Event,
    form: &WrapupForm,
    new_id: Option<Id>,
    today: NaiveDate,
) -> Result<Vec<Change>, String> {
    let result = match (&form.target, new_id) {
        (Target::Summary(id), _) => {
            let details = SessionDetails {
                summary: Some(form.text(SUMMARY)),
                ..SessionDetails::default()
            };
            ops::set_session_details(event, id, details)
        }
        (Target::Outcome(id), _) => {
            let details = SessionDetails {
                outcome: Some(form.text(OUTCOME)),
                ..SessionDetails::default()
            };
            ops::set_session_details(event, id, details)
        }
        (Target::NewStep(session), Some(new_id)) => {
            let step = read_step(event, form, session.clone(), today)?;
            ops::add_action(event, new_id, step)
        }
        (Target::Step(id), _) => {
            let step = read_step(event, form, None, today)?;
            ops::edit_action(event, id, &step.text, step.owner.as_deref(), step.due)
        }
        (Target::NewDecision, Some(new_id)) => {
            ops::add_decision(event, new_id, read_decision(form))
        }
        (Target::Decision(id), _) => edit_decision(event, id, read_decision(form)),
        (_, None) => Ok(Vec::new()),
    };
    result.map_err(|e| e.to_string())
}

fn read_step(
    event: &Event,
    form: &WrapupForm,
    session: Option<Id>,
    today: NaiveDate,
) -> Result<Step, String> {
    let due = crate::tui::screen::parse_date(&form.text(DUE), today)?;
    Ok(Step {
        session,
        text: form.text(STEP),
        owner: Some(crate::tui::screen::matched(event, &form.text(OWNER)))
            .filter(|o| !o.is_empty()),
        due,
        status: ActionStatus::Open,
    })
}

fn read_decision(form: &WrapupForm) -> Decision {
    Decision {
        text: form.text(DECISION),
        lead: Some(form.text(LEAD)).filter(|l| !l.is_empty()),
    }
}

/// Rewrites a decision's text and lead; a session's decision note is
/// rewritten by `ops`, as the one record it is.
pub fn edit_decision(event: &Event, id: &Id, decision: Decision) -> Result<Vec<Change>, OpError> {
    if !event.decisions.contains_key(id) {
        return ops::edit_decision(event, id, &decision.text, decision.lead.as_deref());
    }
    if decision.text.trim().is_empty() {
        return Err(OpError::Empty { what: "decision" });
    }
    Ok(put_changed(event, id, Record::Decision(decision)))
}
