//! The crash harness for the command line: the real binary adds pitches to
//! a large event in a loop and is killed with SIGKILL at random moments.
//! After every kill: every edit the binary acknowledged (exit 0) is there,
//! every file parses, the event opens with no problem, and no temporary
//! file is visible; the next run is never blocked by the dead process's
//! lock and sweeps what it left.
//!
//! CI kills 24 times. `scripts/crash.sh` runs hundreds
//! (`UNCONF_CRASH_KILLS`, `UNCONF_CRASH_SEED`).

mod crash_kit;

use std::collections::BTreeSet;
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crash_kit::{Home, Rng, inspect, setting, titles};

const EVENT: &str = "crash-day";
const DEVICE: &str = "organiser";
/// Pitches in the event before the loop: enough that a save takes long
/// enough for kills to land inside it.
const SEEDED: usize = 300;

/// What the loop saw, for the figures in docs/RELIABILITY.md.
#[derive(Debug, Default)]
struct Figures {
    kills: u64,
    acknowledged: u64,
    /// Killed, yet the edit had reached the disk (killed after the save).
    saved_unacknowledged: u64,
    /// Killed during a save: a hidden temporary file was left.
    mid_write: u64,
}

/// How long an uninterrupted `pitch add` takes here: kills are spread
/// over a little more than that.
fn calibrate(home: &Home) -> Duration {
    (0..3)
        .map(|n| {
            let start = Instant::now();
            let title = format!("Calibration {n}");
            let status = home
                .command(DEVICE, &["pitch", "add", EVENT, &title])
                .stdout(Stdio::null())
                .status()
                .expect("runs");
            assert!(status.success());
            start.elapsed()
        })
        .max()
        .unwrap_or(Duration::from_millis(50))
}

#[test]
fn acknowledged_edits_survive_sigkill_at_any_moment() {
    let kills = setting("UNCONF_CRASH_KILLS", 24);
    let mut rng = Rng::new(setting("UNCONF_CRASH_SEED", 0x5eed));
    let home = Home::new();
    let dir = home.seed_event("Crash day", DEVICE, SEEDED);
    let window = calibrate(&home);
    let mut acknowledged: BTreeSet<String> = titles(&dir);
    let mut figures = Figures::default();
    // Each interrupted write leaves one uniquely named hidden file, seen by
    // every inspection until a later run sweeps it: count names, not sightings.
    let mut leftovers: BTreeSet<String> = BTreeSet::new();
    let mut attempt = 0;
    while figures.kills < kills {
        attempt += 1;
        assert!(attempt < kills * 10, "too few kills landed: {figures:?}");
        let title = format!("Crash pitch {attempt}");
        let mut child = home
            .command(DEVICE, &["pitch", "add", EVENT, &title])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("unconf starts");
        let delay = rng.below_u64(u64::try_from(window.as_micros()).unwrap_or(50_000));
        std::thread::sleep(Duration::from_micros(delay));
        // Fails only when the process was already reaped, which it was not.
        child.kill().expect("SIGKILL sent");
        let output = child.wait_with_output().expect("waited");
        let status = output.status;
        if status.success() {
            acknowledged.insert(title.clone());
            figures.acknowledged += 1;
        } else {
            assert_eq!(
                status.signal(),
                Some(9),
                "failed without being killed (a stale lock?): {}",
                String::from_utf8_lossy(&output.stderr)
            );
            figures.kills += 1;
        }
        let seen = inspect(&dir);
        leftovers.extend(seen.leftover_names);
        figures.mid_write = leftovers.len() as u64;
        let now = titles(&dir);
        let lost: Vec<&String> = acknowledged.difference(&now).collect();
        assert!(lost.is_empty(), "acknowledged edits lost: {lost:?}");
        if !status.success() && now.contains(&title) {
            figures.saved_unacknowledged += 1;
            acknowledged.insert(title);
        }
    }
    finish(&home, &dir, &acknowledged);
    println!(
        "crash harness (CLI): {} kills survived, {} acknowledged edits all kept, \
         {} killed after saving, {} killed mid-write, seed {:#x}",
        figures.kills,
        figures.acknowledged,
        figures.saved_unacknowledged,
        figures.mid_write,
        setting("UNCONF_CRASH_SEED", 0x5eed)
    );
}

/// One more uninterrupted run: it takes the dead processes' lock, sweeps
/// their temporary files, and loses nothing.
fn finish(home: &Home, dir: &std::path::Path, acknowledged: &BTreeSet<String>) {
    let status = home
        .command(DEVICE, &["pitch", "add", EVENT, "After the crashes"])
        .stdout(Stdio::null())
        .status()
        .expect("runs");
    assert!(status.success());
    assert_eq!(inspect(dir).hidden_leftovers, 0, "leftovers were swept");
    let now = titles(dir);
    assert!(now.contains("After the crashes"));
    assert!(acknowledged.is_subset(&now));
}
