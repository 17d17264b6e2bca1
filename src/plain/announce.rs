//! Changes from other laptops, told one line each and only between
//! prompts: a screen reader must never hear them in the middle of what the
//! person is typing.

use std::collections::{BTreeSet, VecDeque};

use crate::model::text::inert_line;
use crate::model::{Id, Kind, Note};
use crate::store::Replica;
use crate::store::version::conflicting_fields;
use crate::tui::screen::notes::with_article;

/// Lines waiting to be read out. While a line is being typed (from the
/// prompt until Enter) nothing comes out; everything waits for the next
/// prompt, in the order it arrived.
#[derive(Debug, Default)]
pub struct Announcements {
    waiting: VecDeque<String>,
    typing: bool,
}

impl Announcements {
    pub fn push(&mut self, line: impl Into<String>) {
        self.waiting.push_back(line.into());
    }

    /// The prompt is out: the person is typing from now on.
    pub fn prompted(&mut self) {
        self.typing = true;
    }

    /// Enter was pressed: the line is done, and the program is answering.
    pub fn entered(&mut self) {
        self.typing = false;
    }

    /// What may be printed now: nothing while a line is being typed.
    pub fn take(&mut self) -> Vec<String> {
        if self.typing {
            return Vec::new();
        }
        self.waiting.drain(..).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }
}

/// What the person has been told of their session: its notes and the
/// fields in conflict. Taken before reading the folder, compared after.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    notes: BTreeSet<Id>,
    conflicts: BTreeSet<&'static str>,
}

impl Seen {
    pub fn of(replica: &Replica, session: Option<&Id>) -> Seen {
        let Some(session) = session else {
            return Seen::default();
        };
        let event = replica.event();
        Seen {
            notes: event.notes_of(session).map(|(id, _)| id.clone()).collect(),
            conflicts: conflicts_of(replica, session),
        }
    }

    /// One line for each note another laptop added to the session, and
    /// for each of its fields newly changed on two laptops at once.
    pub fn news(&self, replica: &Replica, session: Option<&Id>) -> Vec<String> {
        let Some(session) = session else {
            return Vec::new();
        };
        let mine = &replica.identity().author;
        let mut lines: Vec<String> = replica
            .event()
            .notes_of(session)
            .filter(|(id, _)| !self.notes.contains(*id))
            .map(|(_, note)| note_line(note, mine))
            .collect();
        for field in conflicts_of(replica, session).difference(&self.conflicts) {
            lines.push(format!(
                "The {} was changed on two laptops at once: both versions are kept (unconf resolve lists them).",
                field.replace('_', " ")
            ));
        }
        lines
    }
}

fn conflicts_of(replica: &Replica, session: &Id) -> BTreeSet<&'static str> {
    conflicting_fields(replica.merged().current(session))
        .names(Kind::Session)
        .into_iter()
        .collect()
}

/// "Priya added a question at 10:43: who pays for hosting?"
fn note_line(note: &Note, mine: &str) -> String {
    let who = if note.author.is_empty() {
        "Another laptop"
    } else if note.author == mine {
        "You, on another laptop,"
    } else {
        note.author.as_str()
    };
    let what = if note.private {
        format!("a private {}", note.kind.word())
    } else {
        with_article(note.kind)
    };
    format!(
        "{} added {what} at {}: {}",
        inert_line(who),
        note.taken_at.format("%H:%M"),
        inert_line(&note.text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, NoteKind, Record};
    use crate::tui::testing::{now, sample_state};

    #[test]
    fn nothing_is_printed_while_a_line_is_being_typed() {
        let mut queue = Announcements::default();
        queue.push("before the prompt");
        assert_eq!(queue.take(), ["before the prompt"]);
        queue.prompted();
        queue.push("Priya added a note at 10:43: one");
        queue.push("Priya added a note at 10:44: two");
        assert!(queue.take().is_empty(), "a line is being typed");
        assert!(!queue.is_empty());
        queue.entered();
        assert_eq!(
            queue.take(),
            [
                "Priya added a note at 10:43: one",
                "Priya added a note at 10:44: two"
            ]
        );
        assert!(queue.take().is_empty(), "each is told once");
    }

    #[test]
    fn a_note_from_another_laptop_is_news_and_an_own_one_is_not() {
        let mut state = sample_state();
        let session = state.event().sessions_in_order()[0].0.clone();
        let seen = Seen::of(&state.replica, Some(&session));
        assert!(seen.news(&state.replica, Some(&session)).is_empty());
        let id = state.new_id();
        let note = Note {
            session: session.clone(),
            text: "who pays for \u{1b}[2Jhosting?".into(),
            kind: NoteKind::Question,
            taken_at: now(),
            author: "Priya".into(),
            private: false,
            status: Default::default(),
        };
        state
            .replica
            .commit(vec![Change::put(id, Record::Note(note))], now().to_utc())
            .expect("committed");
        assert_eq!(
            seen.news(&state.replica, Some(&session)),
            ["Priya added a question at 10:40: who pays for \u{241b}[2Jhosting?"]
        );
        let again = Seen::of(&state.replica, Some(&session));
        assert!(again.news(&state.replica, Some(&session)).is_empty());
    }

    #[test]
    fn a_summary_changed_on_two_laptops_at_once_is_told_once() {
        use crate::plain::dialogue::Dialogue;
        use crate::store::{Identity, Source};

        let mut state = sample_state();
        let session = state.event().sessions_in_order()[0].0.clone();
        crate::tui::screen::notes::enter_note_taker(
            &mut state,
            session.as_str(),
            None,
            Ok(session.clone()),
        );
        // Kim's laptop last heard from this one before its summary.
        let before = state.replica.own_file();
        let mut dialogue = Dialogue::default();
        for line in ["/summary", "Ours.", "."] {
            dialogue.on_line(&mut state, line);
        }
        let seen = Seen::of(&state.replica, Some(&session));
        let mut kim = Replica::new(
            state.event().id.clone(),
            Identity::from_label("Kim's laptop", "Kim"),
            true,
        );
        kim.absorb(before, Source::Other);
        let mut record = kim.event().record(&session).expect("the session");
        if let Record::Session(s) = &mut record {
            s.summary = "Kim's.".into();
        }
        kim.commit(vec![Change::put(session.clone(), record)], now().to_utc())
            .expect("Kim's laptop can write");
        state.replica.absorb(kim.own_file(), Source::Other);
        assert_eq!(
            seen.news(&state.replica, Some(&session)),
            [
                "The summary was changed on two laptops at once: both versions are kept (unconf resolve lists them)."
            ]
        );
        let again = Seen::of(&state.replica, Some(&session));
        assert!(again.news(&state.replica, Some(&session)).is_empty());
    }
}
