//! The capture line: type, Enter, type the next note. Its text belongs to
//! one session: choosing another session parks it as a draft and brings
//! back whatever was parked for the new one, so nothing typed is lost and
//! nothing lands in the wrong session.

use super::{Focus, LogView, session_id, sessions, waiting};
use crate::model::{Id, Note, NoteKind, ops};
use crate::tui::action::Effect;
use crate::tui::draft::DraftSlot;
use crate::tui::state::State;
use crate::tui::view::notes::{Hit, hit};
use crate::tui::widget::text_field::TextField;

/// The capture line, empty. Its hint (the kinds' prefixes) is drawn by the
/// view, as long as the line's width allows.
pub fn empty_line() -> TextField {
    TextField::single("")
}

/// What the empty capture line says, the longest that fits in `width`
/// columns: every prefix stays visible down to the shortest.
pub fn prefix_hint(width: usize) -> &'static str {
    [
        "type a note · ? question  ! action  = decision  \" quote  * idea",
        "? question  ! action  = decision  \" quote  * idea",
        "? question ! action = decision \" quote * idea",
        "?question !action =decision \"quote *idea",
        "? ! = \" * start a line to set its kind",
        "? ! = \" * set the kind",
        "?!=\"* kinds",
    ]
    .into_iter()
    .find(|hint| crate::model::text::width(hint) <= width)
    .unwrap_or("")
}

/// The draft key of a session's capture line.
pub fn note_draft_key(session: &Id) -> String {
    format!("note:{session}")
}

/// The kind a line will get, shown while typing: already the kind of its
/// prefix when only the prefix is typed so far.
pub fn kind_shown(text: &str) -> NoteKind {
    let first = text.trim_start().chars().next();
    NoteKind::ALL
        .into_iter()
        .find(|k| k.prefix().is_some() && k.prefix() == first)
        .unwrap_or(NoteKind::Point)
}

/// A typed line as a note's kind and text. A quote typed with both marks,
/// `"like this"`, loses the closing one too: the kind already says it is
/// a quote.
pub fn split_line(line: &str) -> (NoteKind, &str) {
    match NoteKind::parse_prefixed(line) {
        (NoteKind::Quote, text) => {
            let text = text.strip_suffix(['"', '\u{201d}']).unwrap_or(text);
            (NoteKind::Quote, text)
        }
        other => other,
    }
}

/// "a question", "an idea".
pub fn with_article(kind: NoteKind) -> String {
    let word = kind.word();
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}

/// Makes the capture line belong to `session`, parking the old text.
pub fn follow(state: &mut State, session: &Id) -> Vec<Effect> {
    let notes = &mut state.notes;
    if notes.capture_for.as_ref() == Some(session) {
        return Vec::new();
    }
    let mut effects = Vec::new();
    if let Some(old) = notes.capture_for.take()
        && !notes.capture.is_empty()
    {
        let text = notes.capture.text();
        let key = note_draft_key(&old);
        notes.kept.insert(key.clone(), text.clone());
        effects.push(Effect::SaveDraft { key, text });
    }
    notes.capture.clear();
    notes.capture_draft = DraftSlot::new(note_draft_key(session));
    if let Some(text) = notes.kept.remove(&notes.capture_draft.key) {
        notes.capture.insert(&text);
        notes.capture_draft.text = text;
    }
    notes.capture_for = Some(session.clone());
    effects
}

/// Puts the cursor in the capture line of the session on screen.
pub fn open(state: &mut State) -> Vec<Effect> {
    if state.notes.schedule_missing.is_some() {
        state.notes.focus = Focus::Capture;
        return Vec::new();
    }
    let Some(session) = session_id(state).cloned() else {
        state.info("There are no sessions yet: place pitches on 3 Schedule first.");
        return Vec::new();
    };
    let effects = follow(state, &session);
    if state.note_taker.is_none() {
        state.notes.selected = Some(session);
    }
    state.notes.focus = Focus::Capture;
    state.notes.log.bottom = 0;
    effects
}

/// Enter in the capture line: the note is added, the line stays open.
pub fn submit(state: &mut State) -> Vec<Effect> {
    let typed = state.notes.capture.text();
    let line = typed.trim();
    if line.is_empty() {
        state.info("Type a note first; Esc leaves the line.");
        return Vec::new();
    }
    if state.notes.schedule_missing.is_some() {
        return waiting::keep(state, line);
    }
    let Some(session) = state.notes.capture_for.clone() else {
        return open(state);
    };
    let (kind, text) = split_line(line);
    let private = state.notes.private_next;
    let note = Note {
        session,
        text: text.to_string(),
        kind,
        taken_at: state.now,
        author: state.replica.identity().author.clone(),
        private,
        status: crate::model::ActionStatus::Open,
    };
    let id = state.new_id();
    let what = if private {
        format!("a private {}", kind.word())
    } else {
        with_article(kind)
    };
    let done = format!("Added {what} at {}.", state.now.format("%H:%M"));
    let mut effects = state.apply(&done, ops::add_note(state.event(), id, note));
    if effects.contains(&Effect::Save) {
        state.notes.capture.clear();
        state.notes.private_next = false;
        effects.push(state.notes.capture_draft.clear());
        state.notes.log = LogView::default();
    }
    effects
}

/// Chooses a session in the list; its log starts at the newest note.
pub fn select_session(state: &mut State, session: &Id) -> Vec<Effect> {
    state.notes.selected = Some(session.clone());
    state.notes.log = LogView::default();
    state.notes.next_step = 0;
    follow(state, session)
}

/// Moves the list selection by `delta` sessions.
pub fn step_session(state: &mut State, delta: isize) -> Vec<Effect> {
    let order = sessions::order(state.event(), state.now);
    let Some(last) = order.len().checked_sub(1) else {
        return Vec::new();
    };
    let current = session_id(state)
        .and_then(|id| order.iter().position(|s| *s == id))
        .unwrap_or(0);
    let next = current.saturating_add_signed(delta).min(last);
    match order.get(next).map(|id| (*id).clone()) {
        Some(id) => select_session(state, &id),
        None => Vec::new(),
    }
}

/// A click selects a session, a note, a next step, or the capture line.
/// While an editor or form is open it does nothing: moving away would
/// leave typed text behind where it cannot be seen.
pub fn click(state: &mut State, column: u16, row: u16) -> Vec<Effect> {
    if matches!(
        state.notes.focus,
        Focus::EditNote | Focus::Writing | Focus::Details | Focus::ActionForm
    ) {
        return Vec::new();
    }
    match hit(state, column, row) {
        Some(Hit::Session(id)) => {
            state.notes.focus = Focus::Sessions;
            select_session(state, &id)
        }
        Some(Hit::Note(pos)) => {
            state.notes.focus = Focus::Log;
            state.notes.log.selected = pos;
            state.notes.log.from_capture = false;
            Vec::new()
        }
        Some(Hit::NextStep(index)) => {
            state.notes.focus = Focus::NextSteps;
            state.notes.next_step = index;
            Vec::new()
        }
        Some(Hit::Capture) => open(state),
        None => Vec::new(),
    }
}
