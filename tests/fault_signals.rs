//! SIGTERM and SIGHUP (a closed terminal window, a logout, a shutdown) end
//! the terminal UI the way `q` does: drafts and any unsaved edit are
//! written, and the terminal is given back as it was (main screen, cursor
//! shown, no mouse reporting, no bracketed paste).

mod crash_kit;

use crash_kit::pty::Tui;
use crash_kit::{Home, inspect, titles};
use unconf::store::{Identity, LocalState};

const DEVICE: &str = "organiser";

fn typed_then_signalled(signal: &str) {
    let home = Home::new();
    let dir = home.seed_event("Signal day", DEVICE, 2);
    let mut tui = Tui::in_home(&home, DEVICE, &["open", "signal-day"], &[]);
    tui.wait_for("Seed pitch");
    tui.type_text("a");
    tui.type_text("Half typed when the lid closed");
    tui.wait_for("Half typed when the lid closed");
    tui.signal(signal);
    let status = tui.wait_exit_status();
    assert!(status.success(), "SIG{signal} ends cleanly: {status:?}");
    assert!(tui.restored(), "the terminal is restored after SIG{signal}");
    inspect(&dir);
    // It said it was closing, so that a start during its last save would
    // have waited for the lock rather than opened the event read-only.
    let note = std::fs::read_to_string(lock_file(&home, &dir)).expect("the lock note");
    assert!(note.contains(&format!("pid={}\n", tui.pid)), "{note}");
    assert!(note.contains("closing=yes"), "{note}");
    drop(tui);

    let tui = Tui::in_home(&home, DEVICE, &["open", "signal-day"], &[]);
    tui.wait_for("Unsaved text from last time is back");
    tui.wait_for("Half typed when the lid closed");
}

/// This device's lock file for `dir`, where the binary run in `home` takes it.
fn lock_file(home: &Home, dir: &std::path::Path) -> std::path::PathBuf {
    LocalState::at(home.state()).lock_file(dir, &Identity::derived_id(DEVICE))
}

#[test]
fn sigterm_keeps_typed_text_and_restores_the_terminal() {
    typed_then_signalled("TERM");
}

#[test]
fn sighup_keeps_typed_text_and_restores_the_terminal() {
    typed_then_signalled("HUP");
}

/// Closing the terminal window is not the same as being sent SIGHUP by
/// hand: the terminal is gone too, and reading it can fail or report input
/// forever. The program must still end, give up its lock, and leave every
/// committed edit on disk.
#[test]
fn closing_the_terminal_ends_the_program_and_frees_the_lock() {
    let home = Home::new();
    let dir = home.seed_event("Signal day", DEVICE, 2);
    let mut tui = Tui::in_home(&home, DEVICE, &["open", "signal-day"], &[]);
    tui.wait_for("Seed pitch");
    tui.type_text("a");
    tui.type_text("Committed before the window closed");
    tui.enter();
    // The status line, not the title: the title was on screen in the form
    // before Enter; this appears only once the pitch is committed.
    tui.wait_for("Added \"Committed before the window closed\"");
    tui.close_terminal("x");
    tui.wait_exit_status();
    inspect(&dir);
    assert!(
        titles(&dir).contains("Committed before the window closed"),
        "the committed pitch is on disk: {:?}",
        titles(&dir)
    );
    drop(tui);

    let tui = Tui::in_home(&home, DEVICE, &["open", "signal-day"], &[]);
    tui.wait_for("Committed before the window closed");
}

/// A terminal can also go without a signal reaching the program: one left
/// behind by `sudo` when its window closed, or run under a tracer. Here it
/// runs in a session of its own (`setsid`), so that closing the terminal
/// hangs up the line but signals only the `setsid` that started it. The
/// program must notice by itself (crossterm reads the end of its input
/// forever, at full speed), end, and leave every committed edit on disk.
#[test]
fn a_terminal_gone_without_a_signal_still_ends_the_program() {
    let home = Home::new();
    let dir = home.seed_event("Signal day", DEVICE, 2);
    let mut tui = Tui::in_home_under(
        &["setsid", "-w"],
        &home,
        DEVICE,
        &["open", "signal-day"],
        &[],
    );
    tui.wait_for("Seed pitch");
    tui.type_text("a");
    tui.type_text("Committed before the line hung up");
    tui.enter();
    tui.wait_for("Added \"Committed before the line hung up\"");
    let note = std::fs::read_to_string(lock_file(&home, &dir)).expect("the lock note");
    let pid = note
        .lines()
        .find_map(|line| line.strip_prefix("pid="))
        .expect("the lock note names the process")
        .to_string();
    tui.close_terminal("x");
    let start = std::time::Instant::now();
    while running(&pid) {
        if start.elapsed() > std::time::Duration::from_secs(30) {
            signal(&pid, "KILL");
            panic!("unconf (pid {pid}) still runs 30 s after its terminal hung up");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    drop(tui);
    inspect(&dir);
    assert!(
        titles(&dir).contains("Committed before the line hung up"),
        "the committed pitch is on disk: {:?}",
        titles(&dir)
    );
    let tui = Tui::in_home(&home, DEVICE, &["open", "signal-day"], &[]);
    tui.wait_for("Committed before the line hung up");
}

/// Whether process `pid` still runs: neither gone nor a zombie (its parent,
/// `setsid`, died of the hang-up, and whoever inherits it may not reap it).
fn running(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // The state follows the command's name in parentheses.
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X']))
    })
}

/// Sends signal `name` to `pid`, if it still runs.
fn signal(pid: &str, name: &str) {
    let _ = std::process::Command::new("sh")
        .args(["-c", &format!("kill -s {name} {pid} 2>/dev/null")])
        .status();
}

#[test]
fn sigterm_writes_an_edit_a_failed_save_kept_in_memory() {
    let home = Home::new();
    let dir = home.seed_event("Signal day", DEVICE, 2);
    let control = home.root().join("faults");
    std::fs::write(&control, "fsync").expect("control file");
    let seam = control.display().to_string();
    let mut tui = Tui::in_home(
        &home,
        DEVICE,
        &["open", "signal-day"],
        &[(unconf::store::atomic::FAULT_SEAM, &seam)],
    );
    tui.wait_for("Seed pitch");
    tui.type_text("a");
    tui.type_text("Kept in memory");
    tui.enter();
    tui.wait_for("NOT SAVED");
    assert!(!titles(&dir).contains("Kept in memory"));
    std::fs::write(&control, "").expect("the disk works again");
    tui.signal("TERM");
    assert!(tui.wait_exit_status().success());
    assert!(tui.restored());
    inspect(&dir);
    assert!(
        titles(&dir).contains("Kept in memory"),
        "saved on the way out"
    );
}
