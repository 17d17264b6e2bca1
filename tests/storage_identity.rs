//! Files are known by their header, not their name or who copied them: a
//! laptop set up from a copy of another's home (one device identity on two
//! laptops) keeps both laptops' edits, and a copy of a laptop's own file
//! from another event, dropped into an event folder, is set aside rather
//! than taking that event over.

mod common;

use std::path::{Path, PathBuf};

use common::{
    Env, Run, SESSION, copy_device_files, copy_tree, first_session, path_arg, ron_files, texts,
};

const A: (&str, &str) = ("laptop-a", "Ann");
const B: (&str, &str) = ("laptop-b", "Ben");
const B_SUMMARY: &str = "summary from laptop B";

/// `args` on the laptop `who.0` with the identity its config holds (no
/// `UNCONF_DEVICE`): on the first run the binary makes one, as on a new
/// machine.
fn on_own_identity(env: &Env, who: (&str, &str), args: &[&str]) -> Run {
    env.tick();
    let mut command = env.command_on(who, &env.now());
    command.env_remove("UNCONF_DEVICE");
    let run = env.run_command(command, args);
    assert_eq!(run.code, 0, "unconf {args:?} on {}: {run:?}", who.0);
    run
}

/// The JSON export as laptop A sees it, with its own identity.
fn export(env: &Env, dir: &Path) -> serde_json::Value {
    let args = ["export", path_arg(dir), "--format", "json", "--out", "-"];
    serde_json::from_str(&on_own_identity(env, A, &args).stdout).expect("the JSON export parses")
}

/// The scene of copied-identity-higher-counter-wins.sh: laptop B's home
/// is a copy of laptop A's; both write a summary; laptop B's file arrives
/// in laptop A's folder as a sync tool's conflict copy. Laptop A's folder.
fn copied_identity() -> (Env, PathBuf) {
    let env = Env::new();
    let a = env.event_dir(common::OPEN_DAY);
    let event = path_arg(&a);
    on_own_identity(&env, A, &["new", "Open day", "--date", "2026-11-27"]);
    on_own_identity(&env, A, &["room", "add", event, "Library"]);
    on_own_identity(
        &env,
        A,
        &["slot", "add", event, "10:30", "11:15", "--label", "Round 1"],
    );
    on_own_identity(&env, A, &["pitch", "add", event, "Open standards"]);
    on_own_identity(
        &env,
        A,
        &[
            "schedule", event, SESSION, "--slot", "Round 1", "--room", "Library",
        ],
    );
    copy_tree(&env.laptop_home(A.0), &env.laptop_home(B.0));
    let b = env.root().join("laptop-b").join("open-day");
    copy_device_files(&a, &b);
    let own = ron_files(&a).pop().expect("laptop A's file");
    assert_eq!(ron_files(&a).len(), 1, "one device file so far");

    for i in 1..=2 {
        on_own_identity(
            &env,
            A,
            &["note", "add", event, SESSION, &format!("laptop A note {i}")],
        );
    }
    on_own_identity(
        &env,
        A,
        &[
            "session",
            "set",
            event,
            SESSION,
            "--summary",
            "summary from laptop A",
        ],
    );
    on_own_identity(
        &env,
        B,
        &[
            "session",
            "set",
            path_arg(&b),
            SESSION,
            "--summary",
            B_SUMMARY,
        ],
    );
    let stem = own.strip_suffix(".ron").expect("a .ron file");
    std::fs::copy(
        b.join(&own),
        a.join(format!("{stem}.sync-conflict-20261127-103000-ABCDEFG.ron")),
    )
    .expect("the conflict copy");
    (env, a)
}

fn assert_b_summary_kept(export: &serde_json::Value, when: &str) {
    let (summary, conflicted) = first_session(export);
    assert!(
        summary == B_SUMMARY || conflicted,
        "{when}: laptop B's summary is gone; {summary:?} shows, with no conflict"
    );
}

/// From copied-identity-higher-counter-wins.sh: as soon as the copy is in
/// the folder.
#[test]
fn a_summary_from_a_laptop_with_a_copied_identity_is_shown_or_a_conflict() {
    let (env, a) = copied_identity();
    assert_b_summary_kept(&export(&env, &a), "with laptop B's file beside laptop A's");
}

/// From copied-identity-higher-counter-wins.sh: after laptop A's next
/// edit, which folds the copy into laptop A's file.
#[test]
fn a_summary_from_a_laptop_with_a_copied_identity_survives_folding_the_copy_in() {
    let (env, a) = copied_identity();
    on_own_identity(
        &env,
        A,
        &["note", "add", path_arg(&a), SESSION, "laptop A note 3"],
    );
    let export = export(&env, &a);
    assert_b_summary_kept(&export, "after laptop A's next note");
    assert_eq!(
        texts(&export, "notes", "text"),
        ["laptop A note 1", "laptop A note 2", "laptop A note 3"]
    );
}

/// The scene of own-file-copy-from-another-event.sh: laptop A runs two
/// events, and a copy of its event-two file lands in event one's folder as
/// `… (1).ron`. Event one's folder and the stray copy's name.
fn stray_own_file() -> (Env, PathBuf, String) {
    let env = Env::new();
    env.ok_on(A, &["new", "Event one", "--date", "2026-11-27"]);
    env.ok_on(A, &["pitch", "add", "event-one", "Pitch of event one"]);
    env.ok_on(A, &["new", "Event two", "--date", "2026-11-28"]);
    env.ok_on(A, &["pitch", "add", "event-two", "Pitch of event two"]);
    let (one, two) = (env.event_dir("event-one"), env.event_dir("event-two"));
    let own = common::device_file(&two, A.0);
    let stem = own.file_stem().and_then(|s| s.to_str()).expect("a name");
    let stray = format!("{stem} (1).ron");
    std::fs::copy(&own, one.join(&stray)).expect("the stray copy");
    (env, one, stray)
}

/// From own-file-copy-from-another-event.sh.
#[test]
fn a_stray_copy_of_the_own_file_from_another_event_does_not_take_the_event_over() {
    let (env, one, _) = stray_own_file();
    let listed = env.run_on(A, &["pitch", "list", "event-one"]);
    assert!(
        listed.code == 0 && listed.stdout.contains("Pitch of event one"),
        "pitch list event-one: {listed:?}"
    );
    let export = env.export_json(A, &one);
    assert_eq!(export["name"], "Event one");
    assert_eq!(texts(&export, "pitches", "title"), ["Pitch of event one"]);
    env.ok_on(A, &["pitch", "add", "event-one", "New pitch"]);
    let list = env.ok_on(A, &["list"]);
    let row = list
        .lines()
        .find(|l| l.starts_with("event-one"))
        .unwrap_or_else(|| panic!("no row for event one's folder: {list}"));
    assert!(
        row.contains("Event one") && !row.contains("Event two"),
        "unconf list names event one's folder: {row}"
    );
}

/// From own-file-copy-from-another-event.sh.
#[test]
fn check_names_a_stray_copy_of_the_own_file_as_belonging_to_another_event() {
    let (env, one, stray) = stray_own_file();
    let check = env.run_on(A, &["check", path_arg(&one)]);
    let said = format!("{}{}", check.stdout, check.stderr);
    assert!(
        said.lines()
            .any(|l| l.contains(&stray) && l.contains("another event")),
        "check does not name {stray} as belonging to another event: {check:?}"
    );
}
