//! "What happened since": the decisions and next steps an event carried
//! over from the one it follows up (`unconf new NAME --follow-up PREVIOUS`),
//! so that the day can open with them and the write-up can report them.
//!
//! A carried record is recognised by the note appended to its text when it
//! was carried ([`carried_suffix`]): the records have no field for where they
//! came from, and the note also tells a reader of the actions register.

use super::session::next_step;
use super::{WriteUp, bullets, escape};
use crate::model::{Action, ActionStatus};

/// The note appended to a carried record's text: where it came from.
pub fn carried_suffix(previous: &str, session: Option<&str>) -> String {
    match session {
        Some(title) => format!(" (carried over from {previous}, session “{title}”)"),
        None => format!(" (carried over from {previous})"),
    }
}

/// A carried record's own text, and the session it came from.
pub(super) struct Carried<'t> {
    pub text: &'t str,
    pub session: Option<&'t str>,
}

impl WriteUp<'_> {
    /// The text and origin of a record carried over from the event this one
    /// follows up; none for a record made here.
    pub(super) fn carried<'t>(&self, text: &'t str) -> Option<Carried<'t>> {
        let previous = self.event.info.follows.as_deref()?;
        let start = format!(" (carried over from {previous}");
        let at = text.rfind(&start)?;
        let rest = &text[at + start.len()..];
        let session = match rest {
            ")" => None,
            _ => Some(rest.strip_prefix(", session “")?.strip_suffix("”)")?),
        };
        Some(Carried {
            text: &text[..at],
            session,
        })
    }

    /// Left out unless the event follows up another and carried something.
    pub(super) fn what_happened_since(&self) -> Vec<String> {
        let Some(previous) = self.event.info.follows.as_deref() else {
            return Vec::new();
        };
        let decisions: Vec<String> = (self.event.decisions.values())
            .filter_map(|d| Some((self.carried(&d.text)?, d)))
            .map(|(carried, d)| {
                let text = escape::inline(carried.text);
                match super::session::nonblank(d.lead.as_deref()) {
                    Some(lead) => format!("{text} — led by {lead}"),
                    None => text,
                }
            })
            .collect();
        let steps: Vec<String> = (self.event.actions_of(None).into_iter())
            .filter_map(|(_, a)| Some(carried_step(self.carried(&a.text)?, &a)))
            .collect();
        if decisions.is_empty() && steps.is_empty() {
            return Vec::new();
        }
        let heading = escape::heading(previous);
        let previous = escape::inline(previous);
        let mut blocks = vec![
            format!("## What happened since {heading}"),
            format!("These decisions and next steps were carried over from {previous}."),
        ];
        if !decisions.is_empty() {
            blocks.push("**Decisions carried over:**".to_string());
            blocks.push(bullets(decisions));
        }
        if !steps.is_empty() {
            blocks.push("**Next steps carried over:**".to_string());
            blocks.push(bullets(steps));
        }
        blocks
    }
}

/// "Write to members — Carlos, due 2 November 2018 (from A vendor
/// community; still open)".
fn carried_step(carried: Carried, action: &Action) -> String {
    let own = Action {
        text: carried.text.to_string(),
        status: ActionStatus::Open,
        ..action.clone()
    };
    let mut details = Vec::new();
    details.extend(
        carried
            .session
            .map(|s| format!("from {}", escape::inline(s))),
    );
    details.push(match action.status {
        ActionStatus::Done => "done".to_string(),
        ActionStatus::Open => "still open".to_string(),
    });
    format!("{} ({})", next_step(&own), details.join("; "))
}
