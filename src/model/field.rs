//! The fields of each kind of record, by name and position, so that a
//! version can say which fields it sets.
//!
//! Versions are kept per field: an edit of a session's summary sets only
//! `summary`, so that it merges with an edit of the same session's attendee
//! count made on another laptop at the same time. Only two edits of the same
//! field, neither made knowing the other, are a conflict. The names here are
//! the names written in device files (`set: ["summary"]`), so they never
//! change; new fields are added at the end of their kind's list.

use super::{Kind, Record};

/// Some fields of one record, as bits in the order of [`names`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldSet(u32);

impl FieldSet {
    pub const EMPTY: FieldSet = FieldSet(0);
    /// Every field, whatever the kind: what a new record, a deletion and a
    /// version from format 1 set.
    pub const ALL: FieldSet = FieldSet(u32::MAX);

    pub fn one(index: usize) -> FieldSet {
        u32::try_from(index)
            .ok()
            .and_then(|i| 1u32.checked_shl(i))
            .map_or(FieldSet::EMPTY, FieldSet)
    }

    pub fn contains(self, index: usize) -> bool {
        !self.intersect(FieldSet::one(index)).is_empty()
    }

    pub fn insert(&mut self, index: usize) {
        *self = self.union(FieldSet::one(index));
    }

    pub fn union(self, other: FieldSet) -> FieldSet {
        FieldSet(self.0 | other.0)
    }

    pub fn intersect(self, other: FieldSet) -> FieldSet {
        FieldSet(self.0 & other.0)
    }

    pub fn without(self, other: FieldSet) -> FieldSet {
        FieldSet(self.0 & !other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Only the fields a record of `kind` has.
    pub fn of(self, kind: Kind) -> FieldSet {
        self.intersect(all(kind))
    }

    /// True when it holds every field of `kind`.
    pub fn is_all(self, kind: Kind) -> bool {
        self.of(kind) == all(kind)
    }

    /// The positions in the set, for a record of `kind`.
    pub fn indexes(self, kind: Kind) -> impl Iterator<Item = usize> {
        (0..names(kind).len()).filter(move |i| self.contains(*i))
    }

    /// The names in the set, for a record of `kind`.
    pub fn names(self, kind: Kind) -> Vec<&'static str> {
        self.indexes(kind).map(|i| names(kind)[i]).collect()
    }

    /// The names in the set as people read them: "note taker, attendees".
    pub fn words(self, kind: Kind) -> String {
        self.names(kind).join(", ").replace('_', " ")
    }

    /// The set named by `names`; names this build does not know (from a
    /// newer version of unconf) are left out.
    pub fn from_names<'a>(kind: Kind, list: impl IntoIterator<Item = &'a str>) -> FieldSet {
        let mut set = FieldSet::EMPTY;
        for name in list {
            if let Some(i) = index(kind, name) {
                set.insert(i);
            }
        }
        set
    }
}

/// Every field of `kind`.
pub fn all(kind: Kind) -> FieldSet {
    let count = names(kind).len();
    FieldSet(u32::MAX >> (32 - count.min(32)))
}

/// The position of a field of `kind` by its name.
pub fn index(kind: Kind, name: &str) -> Option<usize> {
    names(kind).iter().position(|n| *n == name)
}

/// Declares the fields of every kind once. Each kind's pattern names every
/// field of its struct with no `..`, so a field added to a record without
/// being added here does not compile: an edit of it could not be stored.
macro_rules! record_fields {
    ($($variant:ident ( $ty:ident ) { $($field:ident),+ $(,)? })+) => {
        /// The names of the fields of `kind`, in stored order.
        pub fn names(kind: Kind) -> &'static [&'static str] {
            match kind {
                $(Kind::$variant => &[$(stringify!($field)),+],)+
            }
        }

        /// The fields in which two records differ; every field when they
        /// are not of the same kind.
        pub fn differing(a: &Record, b: &Record) -> FieldSet {
            match (a, b) {
                $((Record::$variant(a), Record::$variant(b)) => {
                    let super::$ty { $($field),+ } = a;
                    let mut set = FieldSet::EMPTY;
                    let mut index = 0;
                    $(
                        if *$field != b.$field {
                            set.insert(index);
                        }
                        index += 1;
                    )+
                    let _ = index;
                    set
                })+
                _ => FieldSet::ALL,
            }
        }

        /// Copies the fields in `set` from `from` into `into`, when both are
        /// of the same kind.
        pub fn copy(into: &mut Record, from: &Record, set: FieldSet) {
            match (into, from) {
                $((Record::$variant(into), Record::$variant(from)) => {
                    let super::$ty { $($field),+ } = from;
                    let mut index = 0;
                    $(
                        if set.contains(index) {
                            into.$field = $field.clone();
                        }
                        index += 1;
                    )+
                    let _ = index;
                })+
                _ => {}
            }
        }
    };
}

record_fields! {
    Event(EventInfo) {
        name, date, venue, organisers, description, time_zone, follows, attendees, url
    }
    Room(Room) { name, capacity, position }
    Slot(Slot) { start, end, label, kind }
    Pitch(Pitch) { title, pitched_by, description, tags, interest, withdrawn, merged_into }
    Session(Session) {
        pitches, slot, room, facilitator, note_taker, attendees, chatham_house, summary, outcome
    }
    Note(Note) { session, text, kind, taken_at, author, private, status }
    Action(Action) { session, text, owner, due, status }
    Decision(Decision) { text, lead }
}

/// True when values of two records agree on every field in `set`.
pub fn agree(a: &Record, b: &Record, set: FieldSet) -> bool {
    differing(a, b).intersect(set).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Pitch, Session};

    #[test]
    fn every_kind_has_named_fields_that_fit_in_a_set() {
        for kind in [
            Kind::Event,
            Kind::Room,
            Kind::Slot,
            Kind::Pitch,
            Kind::Session,
            Kind::Note,
            Kind::Action,
            Kind::Decision,
        ] {
            let count = names(kind).len();
            assert!((1..=32).contains(&count), "{kind:?}");
            assert_eq!(all(kind).indexes(kind).count(), count);
            assert!(FieldSet::ALL.is_all(kind));
        }
    }

    #[test]
    fn differing_names_only_the_fields_that_changed() {
        let a = Record::Session(Session {
            summary: "One".into(),
            ..Session::default()
        });
        let b = Record::Session(Session {
            summary: "Two".into(),
            attendees: Some(12),
            ..Session::default()
        });
        let set = differing(&a, &b);
        assert_eq!(set.names(Kind::Session), ["attendees", "summary"]);
        let pitch = Record::Pitch(Pitch::default());
        assert_eq!(differing(&a, &pitch), FieldSet::ALL);
    }

    #[test]
    fn copy_takes_only_the_fields_asked_for() {
        let mut into = Record::Session(Session::default());
        let from = Record::Session(Session {
            summary: "Kept".into(),
            outcome: "Not taken".into(),
            ..Session::default()
        });
        copy(
            &mut into,
            &from,
            FieldSet::from_names(Kind::Session, ["summary"]),
        );
        let Record::Session(session) = into else {
            panic!("a session")
        };
        assert_eq!(session.summary, "Kept");
        assert_eq!(session.outcome, "");
    }

    #[test]
    fn unknown_names_are_left_out() {
        let set = FieldSet::from_names(Kind::Pitch, ["title", "colour"]);
        assert_eq!(set.names(Kind::Pitch), ["title"]);
    }
}
