//! "What happened since": the decisions and next steps an event carried
//! over from the one it follows up (`unconf new NAME --follow-up PREVIOUS`),
//! so that the day can open with them and the write-up can report them.
//!
//! A carried record is recognised by the note appended to its text when it
//! was carried ([`carried_suffix`]): the records have no field for where they
//! came from, and the note also tells a reader of the actions register.

use super::session::{next_step, nonblank};
use super::{Block, Line, Section, SectionKind, WriteUp, led_list, text};
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
    pub(super) fn what_happened_since(&self) -> Option<Section> {
        let previous = self.event.info.follows.as_deref()?;
        let decisions: Vec<Line> = (self.event.decisions.values())
            .filter_map(|d| Some((self.carried(&d.text)?, d)))
            .map(|(carried, d)| {
                let text = Line::user(text::line(carried.text));
                match nonblank(d.lead.as_deref()) {
                    Some(lead) => text.and_our(" — led by ").and(lead),
                    None => text,
                }
            })
            .collect();
        let steps: Vec<Line> = (self.event.actions_of(None).into_iter())
            .filter_map(|(_, a)| Some(carried_step(self.carried(&a.text)?, &a)))
            .collect();
        if decisions.is_empty() && steps.is_empty() {
            return None;
        }
        let mut blocks = vec![Block::Paragraph(
            Line::our("These decisions and next steps were carried over from ")
                .and(Line::user(text::line(previous)))
                .and_our("."),
        )];
        if !decisions.is_empty() {
            blocks.extend(led_list("Decisions carried over:", decisions));
        }
        if !steps.is_empty() {
            blocks.extend(led_list("Next steps carried over:", steps));
        }
        Some(Section {
            kind: SectionKind::WhatHappenedSince,
            heading: Line::our("What happened since ").and(Line::user(text::heading(previous))),
            blocks,
        })
    }
}

/// "Write to members — Carlos, due 2 November 2018 (from A vendor
/// community; still open)".
fn carried_step(carried: Carried, action: &Action) -> Line {
    let own = Action {
        text: carried.text.to_string(),
        status: ActionStatus::Open,
        ..action.clone()
    };
    let mut details = Vec::new();
    details.extend((carried.session).map(|s| Line::our("from ").and(Line::user(text::line(s)))));
    details.push(Line::our(match action.status {
        ActionStatus::Done => "done",
        ActionStatus::Open => "still open",
    }));
    (next_step(&own).and_our(" ("))
        .and(Line::joined(details, "; "))
        .and_our(")")
}
