//! Wrap-up: the closing feedback round. One session a page, in programme
//! order, read out on a projector; what is missing is flagged so the
//! facilitator can ask the group there and then, and summary, outcome and
//! next steps are typed on the spot. The last page holds the event's
//! decisions and next steps: the projects agreed to take forward.

pub mod forms;
mod keys;

pub use self::keys::{WrapupAction, bindings};

use self::forms::WrapupForm;
use crate::model::{ActionStatus, Event, Id, ops};
use crate::tui::action::{Action, Effect};
use crate::tui::draft::DraftSlot;
use crate::tui::keymap::FieldKeys;
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

/// Which page is shown. Pages follow the programme, so a session is
/// remembered by id and keeps its page when others are added before it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    First,
    Session(Id),
    Decisions,
}

/// Something on a page the cursor can be on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Step(Id),
    Decision(Id),
}

#[derive(Clone, Debug, PartialEq)]
pub struct WrapupState {
    pub page: Page,
    /// The selected item on the page, by position.
    pub cursor: usize,
    /// Lines scrolled down, when a page is longer than the screen.
    pub scroll: u16,
    pub form: Option<WrapupForm>,
    /// A form left with Esc after typing in it; opening it again brings it back.
    pub parked: Option<WrapupForm>,
    /// The summary or outcome being typed.
    pub draft: DraftSlot,
}

impl Default for WrapupState {
    fn default() -> Self {
        WrapupState {
            page: Page::First,
            cursor: 0,
            scroll: 0,
            form: None,
            parked: None,
            draft: DraftSlot::new("wrapup"),
        }
    }
}

impl WrapupState {
    pub fn field_keys(&self) -> FieldKeys {
        FieldKeys::new("save", "save, leave")
    }

    pub fn focused_field(&self) -> Option<&TextField> {
        self.form.as_ref().and_then(|f| f.focused())
    }

    pub fn drafts_mut(&mut self) -> Vec<&mut DraftSlot> {
        vec![&mut self.draft]
    }
}

/// Every page in order: the sessions in programme order, then decisions.
pub fn pages(event: &Event) -> Vec<Page> {
    let mut pages: Vec<Page> = event
        .sessions_in_order()
        .into_iter()
        .map(|(id, _)| Page::Session(id.clone()))
        .collect();
    pages.push(Page::Decisions);
    pages
}

/// The page shown and its position; a session deleted meanwhile falls
/// back to the first page.
pub fn page_index(state: &State) -> (usize, Page) {
    let pages = pages(state.event());
    let index = match &state.wrapup.page {
        Page::First => 0,
        page => pages.iter().position(|p| p == page).unwrap_or(0),
    };
    let page = pages.get(index).cloned().unwrap_or(Page::Decisions);
    (index, page)
}

pub fn current_page(state: &State) -> Page {
    page_index(state).1
}

/// The items on the current page: a session's next steps then its
/// decisions (its decision notes), or the event's decisions then its next
/// steps.
pub fn items(state: &State) -> Vec<Item> {
    let event = state.event();
    let steps = |session: Option<&Id>| {
        event
            .actions_of(session)
            .into_iter()
            .map(|(id, _)| Item::Step(id.clone()))
    };
    match current_page(state) {
        Page::Session(id) => {
            let mut all: Vec<Item> = steps(Some(&id)).collect();
            all.extend(
                event
                    .decisions_of(Some(&id))
                    .into_iter()
                    .map(|(id, _)| Item::Decision(id.clone())),
            );
            all
        }
        _ => {
            let mut all: Vec<Item> = event
                .decisions
                .keys()
                .cloned()
                .map(Item::Decision)
                .collect();
            all.extend(steps(None));
            all
        }
    }
}

/// The selected item, if the page has any.
pub fn selected(state: &State) -> Option<(usize, Item)> {
    let items = items(state);
    let index = state.wrapup.cursor.min(items.len().checked_sub(1)?);
    items.get(index).cloned().map(|item| (index, item))
}

pub fn update(state: &mut State, action: WrapupAction) -> Vec<Effect> {
    match action {
        WrapupAction::Next => turn(state, 1),
        WrapupAction::Previous => turn(state, -1),
        WrapupAction::First => go_to(state, 0),
        WrapupAction::Decisions => go_to(state, usize::MAX),
        WrapupAction::Up => select(state, -1),
        WrapupAction::Down => select(state, 1),
        WrapupAction::PageDown => scroll(state, page_rows(state) as i16),
        WrapupAction::PageUp => scroll(state, -(page_rows(state) as i16)),
        WrapupAction::Summary | WrapupAction::Outcome => forms::open_text(state, action),
        WrapupAction::AddStep => forms::open_step(state, None),
        WrapupAction::AddDecision => forms::open_decision(state, None),
        WrapupAction::Edit => match selected(state) {
            Some((_, Item::Step(id))) => forms::open_step(state, Some(id)),
            Some((_, Item::Decision(id))) => forms::open_decision(state, Some(id)),
            None => Vec::new(),
        },
        WrapupAction::ToggleDone => toggle_done(state),
        WrapupAction::Delete => delete(state),
        WrapupAction::NextField | WrapupAction::PreviousField => {
            let delta = if action == WrapupAction::NextField {
                1
            } else {
                -1
            };
            if let Some(form) = &mut state.wrapup.form {
                form.step(delta);
            }
            Vec::new()
        }
    }
}

fn turn(state: &mut State, delta: isize) -> Vec<Effect> {
    let (index, _) = page_index(state);
    if delta < 0 && index == 0 {
        state.info("This is the first session.");
        return Vec::new();
    }
    go_to(state, index.saturating_add_signed(delta))
}

/// Shows page `index` (clamped to the last, the decisions).
fn go_to(state: &mut State, index: usize) -> Vec<Effect> {
    let pages = pages(state.event());
    let index = index.min(pages.len() - 1);
    state.wrapup.page = pages.get(index).cloned().unwrap_or_default();
    state.wrapup.cursor = 0;
    state.wrapup.scroll = 0;
    Vec::new()
}

fn select(state: &mut State, delta: isize) -> Vec<Effect> {
    let count = items(state).len();
    if count > 0 {
        let cursor = state.wrapup.cursor.min(count - 1);
        state.wrapup.cursor = cursor.saturating_add_signed(delta).min(count - 1);
    }
    Vec::new()
}

/// Rows of the page body on this terminal, less a line of overlap.
fn page_rows(state: &State) -> u16 {
    state.height.saturating_sub(6).max(1)
}

fn scroll(state: &mut State, lines: i16) -> Vec<Effect> {
    let most = crate::tui::view::wrapup::max_scroll(state);
    state.wrapup.scroll = state.wrapup.scroll.saturating_add_signed(lines).min(most);
    Vec::new()
}

fn toggle_done(state: &mut State) -> Vec<Effect> {
    let Some((_, Item::Step(id))) = selected(state) else {
        state.info("Select a next step to mark it done.");
        return Vec::new();
    };
    let Some(step) = state.event().action(&id) else {
        return Vec::new();
    };
    let (status, done) = match step.status {
        ActionStatus::Open => (ActionStatus::Done, "Marked done (u undoes)."),
        ActionStatus::Done => (ActionStatus::Open, "Marked open again."),
    };
    state.apply(done, ops::set_action_status(state.event(), &id, status))
}

fn delete(state: &mut State) -> Vec<Effect> {
    let result = match selected(state) {
        Some((_, Item::Step(id))) => ops::delete_action(state.event(), &id),
        Some((_, Item::Decision(id))) => ops::delete_decision(state.event(), &id),
        None => return Vec::new(),
    };
    // The cursor stays on an item: `update` keeps it in range.
    state.apply("Deleted (u undoes).", result)
}

/// Typing, Enter, Esc and scrolling on this screen.
pub fn on_input(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Type(key) => {
            if let Some(field) = state.wrapup.form.as_mut().and_then(|f| f.focused_mut()) {
                field.input(key);
            }
            forms::after_typing(state)
        }
        Action::Paste(text) => {
            if let Some(field) = state.wrapup.form.as_mut().and_then(|f| f.focused_mut()) {
                field.insert(&text);
            }
            forms::after_typing(state)
        }
        Action::Submit => forms::save(state),
        Action::Back if state.wrapup.form.is_some() => forms::leave(state),
        Action::Scroll(lines) if state.wrapup.form.is_none() => scroll(state, lines),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
