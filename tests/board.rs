//! The projector board in a real pseudo-terminal, on a copy of the example
//! event, on a laptop unconf has never run on: a change made through the
//! command line (as another laptop's would arrive through a synced folder)
//! shows on the running board; and the board leaves the event folder byte
//! for byte as it found it, takes no lock and asks nobody who they are.

mod common;
mod pty;

use std::path::{Path, PathBuf};

use common::{copy_tree, files};
use pty::{Tui, cli, dirs};

const EVENT: &str = "supplier-response-to-the-local-digital-declaration";
/// During the morning discussions of the example's day (it has no time
/// zone, so the clock's offset is the event's).
const DURING: &str = "2018-10-23T10:45:00+00:00";

/// A fresh home holding a copy of the example event; the event's folder.
fn home_with_example(home: &Path) -> PathBuf {
    let dir = home.join("sessions").join(EVENT);
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sessions")
            .join(EVENT),
        &dir,
    );
    dir
}

fn start_board(home: &Path, cols: u16, rows: u16) -> Tui {
    let paths = dirs(home);
    let paths: Vec<(&str, &Path)> = paths.iter().map(|(k, p)| (*k, p.as_path())).collect();
    Tui::start(
        &["board", EVENT],
        &paths,
        &[("UNCONF_NOW", DURING)],
        cols,
        rows,
    )
}

#[test]
fn a_change_made_on_another_laptop_shows_on_the_running_board() {
    let home = tempfile::tempdir().expect("a temporary home");
    home_with_example(home.path());
    let mut board = start_board(home.path(), 120, 40);
    board.wait_for("breakout · 10:30–11:30");
    // The afternoon's rooms are listed as plain text under NEXT.
    board.wait_for("Responsible tech");
    let organiser = [
        ("UNCONF_DEVICE", "organiser-laptop"),
        ("UNCONF_NOW", DURING),
    ];
    cli(
        home.path(),
        &organiser,
        &[
            "pitch",
            "set",
            EVENT,
            "responsible tech",
            "--title",
            "Responsible technology in councils",
        ],
    );
    board.wait_for("Responsible technology in councils");
    cli(
        home.path(),
        &organiser,
        &["unschedule", EVENT, "pattern library"],
    );
    board.wait_until("the unscheduled session to leave the board", |screen| {
        !screen.contains("pattern library")
    });
    board.type_text("q");
    assert!(board.wait_exit(), "the board quits cleanly on q");
    assert!(board.restored(), "the terminal is given back as it was");
}

#[test]
fn the_board_leaves_the_event_folder_as_it_found_it_and_takes_no_lock() {
    let home = tempfile::tempdir().expect("a temporary home");
    let dir = home_with_example(home.path());
    let before = files(&dir);
    let mut board = start_board(home.path(), 80, 24);
    board.wait_for("breakout · 10:30–11:30");
    // Keys other than q do nothing on the board; none of them writes.
    board.type_text("adu b");
    board.wait_for("breakout · 10:30–11:30");
    board.type_text("q");
    assert!(board.wait_exit(), "the board quits cleanly on q");
    let after = files(&dir);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no file added to or removed from the event folder"
    );
    for (path, bytes) in &before {
        assert!(after.get(path) == Some(bytes), "{} changed", path.display());
    }
    let state = common::local_state(home.path());
    let locks = std::fs::read_dir(state.join("locks"))
        .map(|entries| entries.count())
        .unwrap_or(0);
    assert_eq!(locks, 0, "the board took a lock");
    let config = home.path().join("config").join("unconf").join("device.ron");
    assert!(
        !config.exists(),
        "the board made this laptop an identity: {}",
        config.display()
    );
}

/// `--at` is in README, CHANGELOG and the help's own text, so it is listed
/// among the options too (and completed by the shell), not hidden.
#[test]
fn the_help_lists_the_rehearsal_option_it_describes() {
    let home = tempfile::tempdir().expect("a home");
    let help = cli(home.path(), &[], &["board", "--help"]);
    let options = help.split("Options:").nth(1).unwrap_or_default();
    assert!(options.contains("--at <HH:MM>"), "{help}");
}

/// A projector's window dragged to another size, and back: the board is
/// drawn whole at each size, as a board started at that size shows it
/// (it sends only frames that changed, so a resize must count as one).
#[test]
fn a_resized_board_is_drawn_whole_at_its_new_size() {
    let home = tempfile::tempdir().expect("a temporary home");
    home_with_example(home.path());
    // The board's last row, so that the whole frame is in.
    let last_row = "The potential for a pattern library";
    let fresh = |cols: u16, rows: u16| {
        let mut board = start_board(home.path(), cols, rows);
        board.wait_for("breakout · 10:30–11:30");
        board.wait_for(last_row);
        let screen = board.contents();
        board.type_text("q");
        assert!(board.wait_exit(), "the board quits cleanly on q");
        screen
    };
    let (large, small) = (fresh(120, 40), fresh(80, 24));
    let mut board = start_board(home.path(), 80, 24);
    board.wait_until("the board at 80x24", |screen| screen == small);
    board.resize(120, 40);
    board.wait_until("the board drawn whole at 120x40", |screen| screen == large);
    board.resize(80, 24);
    board.wait_until("the board drawn whole at 80x24 again", |screen| {
        screen == small
    });
    // Shrunk and grown back while the board could not look (stopped): it
    // reads one resize, to the size of its last frame, and the window has
    // lost what the shrinking cut off.
    board.signal("STOP");
    board.resize(60, 20);
    board.resize(80, 24);
    board.signal("CONT");
    board.wait_until(
        "the board drawn whole after shrinking and growing back",
        |screen| screen == small,
    );
    board.type_text("q");
    assert!(board.wait_exit(), "the board quits cleanly on q");
}
