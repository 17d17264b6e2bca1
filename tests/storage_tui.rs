//! The terminal UI, in a real pseudo-terminal, while other things change
//! the event folder under it: an older copy of its own file coming back,
//! another laptop's summary arriving while the editor is open or after
//! laptop A's edit (then undone), another laptop's notes in a session
//! laptop A takes off the grid. Nothing another laptop or laptop A itself
//! wrote is lost or hidden.

mod common;
mod pty;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{
    Env, SESSION, copy_device_files, device_file, first_session, path_arg, texts, wait_until,
};
use pty::{PATIENCE, Tui};

const A: (&str, &str) = ("laptop-a", "Ann");
const B: (&str, &str) = ("laptop-b", "Ben");

/// `unconf ARGS` as `who` in a 120x40 terminal, on its own laptop's home
/// and the shared sessions folder, at the environment's clock.
fn start(env: &Env, who: (&str, &str), args: &[&str]) -> Tui {
    let home = env.laptop_home(who.0);
    std::fs::create_dir_all(&home).expect("the laptop's home");
    let paths: [(&str, PathBuf); 4] = [
        ("HOME", home.clone()),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_DATA_HOME", home.join("data")),
        ("UNCONF_HOME", env.sessions()),
    ];
    let paths: Vec<(&str, &Path)> = paths.iter().map(|(k, p)| (*k, p.as_path())).collect();
    env.tick();
    let now = env.now();
    let vars = [
        ("UNCONF_DEVICE", who.0),
        ("UNCONF_AUTHOR", who.1),
        ("UNCONF_NOW", &now),
    ];
    Tui::start(args, &paths, &vars, 120, 40)
}

fn quit(tui: &mut Tui) {
    tui.escape();
    tui.type_text("q");
    assert!(tui.wait_exit(), "unconf exits cleanly");
}

fn file_holds(path: &Path, text: &str) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.contains(text))
}

/// From tui-keeps-stale-own-file.sh: three notes typed in note-taker mode;
/// an older copy of laptop A's file is put back while the UI runs; after
/// `q` the three notes are in the files.
#[test]
fn notes_typed_in_the_ui_survive_an_older_own_file_coming_back() {
    let env = Env::new();
    let dir = env.open_day(A);
    let own = device_file(&dir, A.0);
    let older = std::fs::read(&own).expect("laptop A's file, no notes yet");
    let mut tui = start(&env, A, &["notes", path_arg(&dir), SESSION]);
    tui.wait_for("Enter adds");
    for i in 1..=3 {
        tui.type_text(&format!("typed note {i}"));
        tui.enter();
        tui.wait_for(&format!(" {i} note"));
    }
    // Saving is off the input thread: the older copy must replace a file
    // that holds the notes.
    assert!(
        wait_until(PATIENCE, || file_holds(&own, "typed note 3")),
        "the typed notes never reached laptop A's file"
    );
    std::fs::write(&own, &older).expect("the older copy put back");
    // Give the UI the chance to see it (its watcher at once, its rescan
    // within 5 s): it should write its notes back. Not asserted here; the
    // files after quitting are what counts, so the bound only costs time.
    let noticed = wait_until(Duration::from_secs(10), || {
        (1..=3).all(|i| file_holds(&own, &format!("typed note {i}")))
    });
    println!("the UI wrote its notes back while running: {noticed}");
    quit(&mut tui);
    let notes = texts(&env.export_json(A, &dir), "notes", "text");
    assert_eq!(
        notes,
        ["typed note 1", "typed note 2", "typed note 3"],
        "the notes the UI showed as saved, in the files after it quit"
    );
}

/// Laptop A's note-taker UI on "Open day" with the summary "original
/// summary", the capture line left, the summary editor open and typed in.
fn editing_summary(env: &Env) -> (PathBuf, Tui) {
    let dir = env.open_day(A);
    let args = [
        "session",
        "set",
        path_arg(&dir),
        SESSION,
        "--summary",
        "original summary",
    ];
    env.ok_on(A, &args);
    let mut tui = start(env, A, &["notes", path_arg(&dir), SESSION]);
    tui.wait_for("Enter adds");
    tui.escape();
    tui.type_text("s");
    tui.wait_for("Esc saves");
    tui.type_text(" + edited on laptop A");
    tui.wait_for("edited on laptop A");
    (dir, tui)
}

fn assert_b_summary_kept(env: &Env, dir: &Path, b_summary: &str) {
    let (summary, conflicted) = first_session(&env.export_json(A, dir));
    assert!(
        summary == b_summary || conflicted,
        "laptop B's summary was overwritten by {summary:?}, with no conflict"
    );
}

/// From tui-editor-lost-update.sh, case 1: laptop B's summary arrives
/// while laptop A's editor is open; laptop A then saves.
#[test]
fn saving_an_editor_opened_before_another_laptops_summary_arrived_keeps_that_summary() {
    let env = Env::new();
    let (dir, mut tui) = editing_summary(&env);
    let b_summary = "summary from laptop B";
    env.ok_on(
        B,
        &[
            "session",
            "set",
            path_arg(&dir),
            SESSION,
            "--summary",
            b_summary,
        ],
    );
    // The UI has read laptop B's file before laptop A saves.
    tui.wait_for("new change from laptop-b");
    tui.escape();
    tui.wait_for("Saved the summary");
    quit(&mut tui);
    assert_b_summary_kept(&env, &dir, b_summary);
}

/// From tui-editor-lost-update.sh, case 2: laptop A saves a summary,
/// laptop B writes one after reading it, laptop A presses `u`.
#[test]
fn undoing_a_summary_another_laptop_has_built_on_keeps_that_laptops_summary() {
    let env = Env::new();
    let (dir, mut tui) = editing_summary(&env);
    tui.escape();
    tui.wait_for("Saved the summary");
    let own = device_file(&dir, A.0);
    assert!(
        wait_until(PATIENCE, || file_holds(&own, "edited on laptop A")),
        "laptop A's summary never reached its file"
    );
    let b_summary = "summary from laptop B after reading laptop A";
    env.ok_on(
        B,
        &[
            "session",
            "set",
            path_arg(&dir),
            SESSION,
            "--summary",
            b_summary,
        ],
    );
    tui.wait_for("summary from laptop B after");
    tui.type_text("u");
    tui.wait_for("Undid");
    quit(&mut tui);
    assert_b_summary_kept(&env, &dir, b_summary);
}

/// From unschedule-hides-other-laptops-notes.sh: laptop A takes a session
/// off the grid in the UI while laptop B, on its own copy, adds three
/// notes and a next step to it; laptop A then merges laptop B's folder.
#[test]
fn notes_another_laptop_took_in_a_session_taken_off_the_grid_stay_visible() {
    let env = Env::new();
    let a = env.open_day(A);
    let b = env.root().join("laptop-b").join("open-day");
    copy_device_files(&a, &b);
    let notes = ["B note 1", "B note 2", "B note 3"];
    for note in notes {
        env.ok_on(B, &["note", "add", path_arg(&b), SESSION, note]);
    }
    env.ok_on(B, &["action", "add", path_arg(&b), SESSION, "B next step"]);

    let mut tui = start(&env, A, &["open", path_arg(&a)]);
    tui.wait_for("1 Event");
    tui.type_text("3");
    tui.wait_for("Library: \"Open standards\"");
    tui.type_text("d");
    tui.wait_for("off the grid");
    quit(&mut tui);
    let before = env.export_json(A, &a);
    assert_eq!(
        before["sessions"],
        serde_json::json!([]),
        "laptop A took the session off the grid"
    );

    env.ok_on(A, &["merge", path_arg(&a), path_arg(&b)]);
    let mut problems = Vec::new();
    let shown = texts(&env.export_json(A, &a), "notes", "text");
    if shown != notes {
        problems.push(format!("the JSON export shows the notes {shown:?}"));
    }
    let write_up = env.ok_on(A, &["export", path_arg(&a), "--with-notes", "--out", "-"]);
    let missing: Vec<&str> = notes
        .into_iter()
        .filter(|n| !write_up.contains(n))
        .collect();
    if !missing.is_empty() {
        problems.push(format!("the write-up with notes lacks {missing:?}"));
    }
    let actions = env.run_on(A, &["actions", path_arg(&a)]);
    if !actions.stdout.contains("B next step") {
        problems.push(format!(
            "the actions register lacks the next step: {actions:?}"
        ));
    }
    let check = env.run_on(A, &["check", path_arg(&a)]);
    if check.code != 1 || !check.stdout.contains("Open standards") {
        problems.push(format!("check does not flag the session: {check:?}"));
    }
    assert!(
        problems.is_empty(),
        "after laptop A merged laptop B's folder: {problems:#?}"
    );
}
