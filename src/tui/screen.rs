//! The six screens' behaviour: each has its state, its actions (whose doc
//! comments are their help text), the keys that reach them, and its
//! `update`. Drawing lives in `view/`.

pub mod event;
pub mod export;
pub mod notes;
pub mod pitches;
pub mod resolve;
pub mod schedule;
pub mod timer;
pub mod wrapup;

use chrono::NaiveDate;

use super::state::State;

/// A name typed into a form, in the spelling of the person the event
/// already knows by it ("jo bloggs" is the Jo Bloggs who pitched), or as
/// typed, tidied, when it is someone new. Blank stays blank.
pub fn matched(event: &crate::model::Event, typed: &str) -> String {
    crate::model::people::People::of_event(event).matched(typed)
}

/// A date typed into a form as YYYY-MM-DD, or blank for none; a refusal
/// quotes what was typed and gives an example a week after `today`.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            let example = today + chrono::Days::new(7);
            format!(
                "\"{}\" is not a date: use YYYY-MM-DD, like {}, or leave it blank.",
                crate::model::text::fit(&crate::model::text::inert_line(text), 12),
                example.format("%Y-%m-%d")
            )
        })
}

/// The status line after Esc left a form whose text could not be saved:
/// the refusal already said why; the text is kept for the form's return.
pub fn not_saved_kept(state: &State) -> String {
    let why = state
        .status
        .as_ref()
        .filter(|s| s.error)
        .map(|s| s.text.trim_end_matches('.').to_string())
        .unwrap_or_else(|| "it could not be saved".to_string());
    format!("Not saved ({why}); what you typed comes back when the same form opens again.")
}
