#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use proptest::prelude::*;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TAKEN: (i32, u32, u32) = (2026, 11, 27);

fn taken() -> NaiveDate {
    day(TAKEN.0, TAKEN.1, TAKEN.2)
}

fn read(text: &str) -> (String, Option<String>, Option<NaiveDate>) {
    let s = read_step(text, taken());
    (s.text, s.owner, s.due)
}

#[test]
fn the_owner_comes_from_an_at_name_or_a_closing_dash() {
    assert_eq!(
        read("@Sam to publish the schemas"),
        (
            "@Sam to publish the schemas".into(),
            Some("Sam".into()),
            None
        )
    );
    assert_eq!(
        read("Publish the schemas — Sam Jones"),
        ("Publish the schemas".into(), Some("Sam Jones".into()), None)
    );
    assert_eq!(
        read("Publish the schemas - techUK"),
        ("Publish the schemas".into(), Some("techUK".into()), None)
    );
    assert_eq!(read("ask @Sam_Jones first").1, Some("Sam Jones".into()));
    assert_eq!(
        read("Write to sam@example.org about it").1,
        None,
        "an e-mail address names nobody"
    );
    assert_eq!(
        read("Agree the scope - then publish it"),
        ("Agree the scope - then publish it".into(), None, None),
        "lower-case words after a dash are not a name"
    );
}

#[test]
fn a_due_date_comes_from_by_and_a_date_before_or_after_the_owner() {
    let june = Some(day(2027, 6, 30));
    for text in [
        "Draft the charter by 30 June",
        "Draft the charter by June 30",
        "Draft the charter by 30th Jun.",
        "Draft the charter by 30/6",
        "Draft the charter by 2027-06-30",
        "Draft the charter, by 30 June 2027",
    ] {
        assert_eq!(
            read(text),
            ("Draft the charter".into(), None, june),
            "{text}"
        );
    }
    assert_eq!(
        read("Draft the charter by 30 June — Kim"),
        ("Draft the charter".into(), Some("Kim".into()), june)
    );
    assert_eq!(
        read("Draft the charter — Kim, by 30 June"),
        ("Draft the charter".into(), Some("Kim".into()), june)
    );
    assert_eq!(
        read("Draft the charter by 1 December").2,
        Some(day(2026, 12, 1)),
        "this year when still to come"
    );
    assert_eq!(
        read("Stand by the plan").2,
        None,
        "by without a date is just a word"
    );
    assert_eq!(read("Draft it by 31 February").2, None);
}

#[test]
fn writing_a_step_changes_an_at_owner_in_place_or_adds_a_dash_owner_and_a_date() {
    let t = taken();
    assert_eq!(
        write_step("@Sam to publish", Some("Kim"), None, t),
        "@Kim to publish"
    );
    assert_eq!(
        write_step("@Sam to publish", None, None, t),
        "Sam to publish",
        "the owner taken away leaves the name as words"
    );
    assert_eq!(
        write_step("@Sam to publish", Some("Kim Lee"), None, t),
        "Sam to publish — Kim Lee"
    );
    assert_eq!(
        write_step("Publish", Some("Sam"), Some(day(2027, 6, 30)), t),
        "Publish — Sam by 30 June"
    );
    assert_eq!(
        write_step("Publish", None, Some(day(2029, 1, 5)), t),
        "Publish by 5 January 2029"
    );
    assert_eq!(
        write_step("@Sam to publish", Some("Sam"), None, t),
        "@Sam to publish",
        "nothing to change"
    );
}

#[test]
fn a_decision_names_its_lead_after_a_dash() {
    assert_eq!(
        read_decision("Start a supplier community — techUK"),
        ("Start a supplier community".into(), Some("techUK".into()))
    );
    assert_eq!(read_decision("Meet again"), ("Meet again".into(), None));
    assert_eq!(
        write_decision("Start a community", Some("Kim")),
        "Start a community — Kim"
    );
    assert_eq!(
        read_decision(&write_decision("Start a community", Some("Kim Lee"))),
        ("Start a community".into(), Some("Kim Lee".into()))
    );
}

const NAMES: [&str; 5] = ["Sam", "Kim Lee", "techUK", "Ana María", "O'Neill"];

proptest! {
    /// Whatever owner and due date a next step is given, its note's text
    /// reads back as that owner and date, and as the same words.
    #[test]
    fn a_written_step_reads_back_as_written(
        words in proptest::collection::vec("[a-z]{1,8}", 1..6),
        at in proptest::option::of(0usize..5),
        owner in proptest::option::of(0usize..5),
        due in proptest::option::of(0u64..2000),
    ) {
        let plain = words.join(" ");
        let text = match at {
            Some(at) => format!("@{} {plain}", ["Sam", "Kim", "Lee", "Ana", "Tom"][at]),
            None => plain.clone(),
        };
        let owner = owner.map(|i| NAMES[i]);
        let due = due.map(|d| taken() + chrono::Days::new(d));
        let written = write_step(&text, owner, due, taken());
        let read = read_step(&written, taken());
        prop_assert_eq!(read.owner.as_deref(), owner);
        prop_assert_eq!(read.due, due);
        prop_assert!(read.text.ends_with(&plain), "the words stay: {}", read.text);
    }
}

#[test]
fn a_date_before_a_closing_at_name_is_read_too() {
    assert_eq!(
        read("Sam to write it up by 30 June @Sam"),
        (
            "Sam to write it up".into(),
            Some("Sam".into()),
            Some(day(2027, 6, 30))
        )
    );
    assert_eq!(
        read("Ask Sam by 2026-12-30 @sam").2,
        Some(day(2026, 12, 30))
    );
}

#[test]
fn a_date_without_a_year_counts_from_the_event_day() {
    let note = crate::model::Note {
        session: crate::model::Id::new("s"),
        text: "Write it up by 30 June".into(),
        kind: crate::model::NoteKind::Action,
        taken_at: chrono::DateTime::parse_from_rfc3339("2026-12-07T10:00:00+00:00").unwrap(),
        author: String::new(),
        private: false,
        status: Default::default(),
    };
    let event_day = Some(day(2026, 6, 10));
    assert_eq!(day_of(&note, event_day), day(2026, 6, 10));
    assert_eq!(
        read_step(&note.text, day_of(&note, event_day)).due,
        Some(day(2026, 6, 30))
    );
    assert_eq!(day_of(&note, None), day(2026, 12, 7));
}
