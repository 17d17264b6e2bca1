//! End-to-end journeys: the real binary in a pseudo-terminal at 80x24,
//! then the command line to check that everything was saved.

mod common;
mod pty;

use std::path::Path;

use pty::{Tui, dirs};

use common::EXAMPLE as EVENT;

/// A temp home with a copy of the example event.
fn home() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    common::copy_example(&home.path().join("sessions").join(EVENT));
    home
}

fn start(home: &Path, device: &str, args: &[&str]) -> Tui {
    start_with(
        home,
        args,
        &[("UNCONF_DEVICE", device), ("UNCONF_AUTHOR", device)],
    )
}

/// `unconf ARGS` at 80x24 in `home`, with `vars` set.
fn start_with(home: &Path, args: &[&str], vars: &[(&str, &str)]) -> Tui {
    let dirs = dirs(home);
    let env: Vec<(&str, &Path)> = dirs.iter().map(|(k, p)| (*k, p.as_path())).collect();
    Tui::start(args, &env, vars, 80, 24)
}

fn cli(home: &Path, args: &[&str]) -> String {
    pty::cli(
        home,
        &[("UNCONF_DEVICE", "checker"), ("UNCONF_AUTHOR", "checker")],
        args,
    )
}

#[test]
fn quick_add_two_pitches_from_the_picker_and_find_them_with_the_cli() {
    let home = home();
    let mut tui = start(home.path(), "facilitator", &[]);
    // The picker at 80 columns shortens the name to keep the date in view.
    tui.wait_for("Supplier response to the Local Digital");
    tui.wait_for("23 October 2018  2 devices");
    tui.enter();
    tui.wait_for("2 Pitches");
    tui.type_text("2");
    tui.wait_for("press a to add a pitch");
    tui.type_text("a");
    tui.type_text("Open data for planning");
    tui.enter();
    tui.wait_for("Added \"Open data for planning\"");
    tui.type_text("Quorum rules");
    tui.enter();
    tui.wait_for("Added \"Quorum rules\"");
    tui.escape();
    tui.type_text("q");
    assert!(tui.wait_exit(), "unconf exits cleanly");
    let listed = cli(home.path(), &["pitch", "list", EVENT]);
    assert!(listed.contains("Open data for planning"), "{listed}");
    assert!(listed.contains("Quorum rules"), "{listed}");
}

#[test]
fn the_facilitator_schedules_a_pitch_and_a_note_taker_takes_notes() {
    let home = home();
    let mut tui = start(home.path(), "facilitator", &["open", EVENT]);
    tui.wait_for("2 Pitches");
    tui.type_text("2");
    tui.wait_for("press a to add a pitch");
    tui.type_text("a");
    tui.type_text("Open data for planning");
    tui.enter();
    tui.wait_for("Added \"Open data for planning\"");
    tui.escape();
    tui.type_text("3");
    tui.wait_for("Welcome and introductions");
    // The cursor starts on the first cell; Enter lists the pitches that can
    // go there, Enter again places the first one.
    tui.enter();
    tui.wait_for("Open data for planning");
    tui.enter();
    tui.wait_for("Scheduled");
    tui.type_text("q");
    assert!(tui.wait_exit(), "the facilitator's unconf exits cleanly");
    let listed = cli(home.path(), &["pitch", "list", EVENT]);
    let row = listed
        .lines()
        .find(|l| l.contains("Open data for planning"))
        .unwrap_or_default();
    assert!(row.contains("scheduled"), "{listed}");

    let mut taker = start(home.path(), "kim", &["notes", EVENT, "open data"]);
    taker.wait_for("Open data for planning");
    taker.type_text("Councils want one schema");
    taker.enter();
    taker.type_text("? who maintains it");
    taker.enter();
    taker.wait_for("who maintains it");
    taker.escape();
    taker.type_text("q");
    assert!(taker.wait_exit(), "the note-taker's unconf exits cleanly");
    let write_up = cli(
        home.path(),
        &["export", EVENT, "--with-notes", "--out", "-"],
    );
    assert!(write_up.contains("Councils want one schema"), "{write_up}");
    assert!(
        write_up.contains("**Question:** who maintains it?"),
        "{write_up}"
    );
}

/// A fresh machine: no identity yet. The first run asks for a name and a
/// laptop name (typed, with letters such as q, j and n that are keys
/// elsewhere), the picker creates an event, and the next start does not
/// ask again.
#[test]
fn first_run_on_a_fresh_machine_then_a_new_event_from_the_picker() {
    let home = tempfile::tempdir().expect("temp dir");
    let dirs = dirs(home.path());
    let env: Vec<(&str, &Path)> = dirs.iter().map(|(k, p)| (*k, p.as_path())).collect();
    let mut tui = Tui::start(&[], &env, &[("USER", "")], 80, 24);
    tui.wait_for("Welcome to unconf");
    tui.type_text("Quinn Jones");
    tui.wait_for("Quinn Jones");
    tui.type_text("\t");
    // The laptop's name is prefilled with the host name, as a suggestion
    // the first key typed replaces.
    tui.type_text("Quinn's laptop");
    tui.wait_for("Quinn's laptop");
    tui.enter();
    tui.wait_for("events in");
    tui.type_text("Council open data day");
    tui.wait_for("Council open data day");
    tui.enter();
    tui.wait_for("1 Event");
    tui.type_text("q");
    assert!(tui.wait_exit(), "q quits");
    drop(tui);

    let listed = cli(home.path(), &["list"]);
    assert!(listed.contains("Council open data day"), "{listed}");
    let own = std::fs::read_dir(home.path().join("sessions/council-open-data-day"))
        .expect("the event folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("quinns-laptop-") && n.ends_with(".ron"));
    assert!(own.is_some(), "the event file is named after the laptop");

    let tui = Tui::start(&[], &env, &[("USER", "")], 80, 24);
    tui.wait_for("Council open data day");
    assert!(!tui.contents().contains("Welcome to unconf"));
}

/// Reopening an event goes back to the screen and the selection it was
/// left on; this machine keeps that, never the shared folder.
#[test]
fn reopening_an_event_returns_to_where_it_was_left() {
    let home = home();
    let before: Vec<_> = folder_files(home.path());
    let mut tui = start(home.path(), "facilitator", &["open", EVENT]);
    tui.wait_for("2 Pitches");
    tui.type_text("4");
    tui.wait_for("› A vendor community");
    tui.type_text("j");
    tui.wait_for("› Standards for high-v");
    tui.type_text("q");
    assert!(tui.wait_exit(), "unconf exits cleanly");
    assert_eq!(
        folder_files(home.path()),
        before,
        "nothing new in the event folder"
    );

    let mut again = start(home.path(), "facilitator", &["open", EVENT]);
    again.wait_for("› Standards for high-v");
    // On Notes: its footer, written after the selection in the same frame
    // (a frame can reach the terminal in more than one read).
    again.wait_for("a/Enter write");
    again.type_text("q");
    assert!(again.wait_exit());
}

fn folder_files(home: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(home.join("sessions").join(EVENT))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A window shrunk and grown back at once, as a laptop's window dragged
/// about, on the event picker and on an event's screen: each is drawn
/// whole again at its size, not left with what the shrinking cut off.
#[test]
fn a_window_shrunk_and_grown_back_is_drawn_whole() {
    let home = home();
    let vars = [
        ("UNCONF_DEVICE", "facilitator"),
        ("UNCONF_AUTHOR", "facilitator"),
        ("UNCONF_NOW", "2018-10-23T10:45:00+00:00"),
    ];
    let mut tui = start_with(home.path(), &[], &vars);
    // As seen: a blank written and a cell never written read alike.
    let seen = |screen: &str| -> Vec<String> {
        screen.lines().map(|l| l.trim_end().to_string()).collect()
    };
    // While stopped, the program cannot read the first resize: it reads
    // one, to the size of its last frame.
    let shrink_and_grow_back = |tui: &mut Tui| {
        tui.signal("STOP");
        tui.resize(50, 12);
        tui.resize(80, 24);
        tui.signal("CONT");
    };
    // The picker's last row, so that the whole frame is in.
    tui.wait_for("23 October 2018  2 devices");
    tui.wait_for("q quit");
    let picker = seen(&tui.contents());
    shrink_and_grow_back(&mut tui);
    tui.wait_until("the picker drawn whole again", |screen| {
        seen(screen) == picker
    });
    tui.enter();
    tui.wait_for("2 Pitches");
    // The footer, the last row: the whole frame is in.
    tui.wait_for("? help  q quit");
    let pitches = seen(&tui.contents());
    shrink_and_grow_back(&mut tui);
    tui.wait_until("the Pitches screen drawn whole again", |screen| {
        seen(screen) == pitches
    });
    tui.type_text("q");
    assert!(tui.wait_exit(), "unconf exits cleanly");
}
