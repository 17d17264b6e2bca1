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

/// A date typed into a form, as a note's "by …" reads it (2027-06-30, 30
/// June, June 30, 30/6; without a year, the next one from `today`), or
/// blank for none; a refusal quotes what was typed and gives an example a
/// week after `today`.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    crate::model::steps::parse_due(text, today)
        .map(Some)
        .ok_or_else(|| {
            let example = today + chrono::Days::new(7);
            format!(
                "\"{}\" is not a date: type one like {} or {}, or leave it blank.",
                crate::model::text::fit(&crate::model::text::inert_line(text), 12),
                example.format("%Y-%m-%d"),
                example.format("%-d %B")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_takes_a_date_as_people_type_it() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date(" ", today), Ok(None));
        assert_eq!(parse_date("2027-06-30", today), Ok(day(2027, 6, 30)));
        assert_eq!(parse_date("30 June", today), Ok(day(2027, 6, 30)));
        assert_eq!(parse_date("December 1", today), Ok(day(2026, 12, 1)));
        assert_eq!(parse_date("5/1", today), Ok(day(2027, 1, 5)));
        assert_eq!(
            parse_date("soon", today),
            Err(
                "\"soon\" is not a date: type one like 2026-12-04 or 4 December, or leave it blank."
                    .into()
            )
        );
    }
}
