//! A whole unconference day driven through the command line, from `new` to
//! the published write-up, as the organiser and two note-takers. The steps
//! are in `tests/day/`.

mod common;
mod day;

use common::Env;
use day::{
    EVENT, a_repeat_is_picked_by_its_slot, list_pitches, log_pitches, schedule_the_morning,
    schedule_with_clashes, set_up, take_notes, wrap_up,
};

#[test]
fn a_whole_day_from_setup_to_write_up() {
    let env = Env::new();
    set_up(&env);
    log_pitches(&env);
    list_pitches(&env);
    schedule_the_morning(&env);
    a_repeat_is_picked_by_its_slot(&env);
    take_notes(&env);
    env.set_time("12:00");
    let clean = env.run(&["check", EVENT]);
    assert_eq!(clean.code, 0, "{clean:?}");
    assert_eq!(
        clean.stdout,
        "\"Supplier unconference\": no problems found in 3 device files.\n"
    );
    assert_eq!(clean.stderr, "");
    schedule_with_clashes(&env);
    wrap_up(&env);
    export(&env);
}

fn export(env: &Env) {
    env.set_time("16:00");
    let write_up = env.ok(&["export", EVENT, "--out", "-"]);
    insta::assert_snapshot!("write_up", write_up);
    assert_eq!(
        env.ok(&["export", EVENT, "--out", "-"]),
        write_up,
        "same event, same bytes"
    );
    assert_eq!(
        env.ok_as(("reader", "Reader"), &["export", EVENT, "--out", "-"]),
        write_up,
        "whichever device exports it"
    );

    let written = env.ok(&["export", EVENT, "--with-notes", "--out", "exports/"]);
    assert_eq!(
        written,
        "Wrote the write-up to exports/supplier-unconference.md.\n"
    );
    let with_notes = std::fs::read_to_string(env.root().join("exports/supplier-unconference.md"))
        .expect("the write-up was written");
    assert!(with_notes.starts_with(write_up.trim_end()), "{with_notes}");
    assert!(
        with_notes.contains("\n## Appendix: full notes\n"),
        "{with_notes}"
    );
    insta::assert_snapshot!("write_up_with_notes", with_notes);
    let absolute = env.root().join("out").join("");
    let written = env.ok(&[
        "export",
        EVENT,
        "--with-notes",
        "--out",
        &absolute.display().to_string(),
    ]);
    assert_eq!(
        written,
        "Wrote the write-up to [HOME]/out/supplier-unconference.md.\n"
    );
    assert_eq!(
        std::fs::read_to_string(absolute.join("supplier-unconference.md")).expect("written"),
        with_notes
    );
}

#[test]
fn an_action_note_is_in_the_write_up() {
    let env = Env::new();
    env.ok(&["new", "Small day"]);
    env.ok(&["room", "add", "small-day", "Library"]);
    env.ok(&[
        "slot",
        "add",
        "small-day",
        "10:00",
        "11:00",
        "--label",
        "Round 1",
    ]);
    env.ok(&["pitch", "add", "small-day", "Open data"]);
    env.ok(&[
        "schedule",
        "small-day",
        "open data",
        "--slot",
        "10:00",
        "--room",
        "library",
    ]);
    env.ok(&[
        "note",
        "add",
        "small-day",
        "open data",
        "Publish the schemas",
        "--kind",
        "action",
    ]);
    let check = env.run(&["check", "small-day"]);
    assert_eq!(check.code, 0, "check sees a note: {check:?}");
    let write_up = env.ok(&["export", "small-day", "--out", "-"]);
    assert!(
        !write_up.contains("Nothing was recorded for this session."),
        "{write_up}"
    );
    assert!(write_up.contains("Publish the schemas"), "{write_up}");
}
