//! Two laptops share one event folder through two real Syncthing instances
//! on loopback, as a facilitator and a note-taker would at a venue.
//!
//! Laptop A makes the event; once laptop B has it, both take notes into one
//! session at the same moment (A on the command line, B in the note-taker
//! screen), then the link drops and both edit that session while apart:
//! the same field (the summary, a conflict) and different fields (A the
//! attendee count, B the outcome). Once both folders are the same, both
//! laptops must show the same event: every note once, the same write-up,
//! the conflict flagged, both fields kept, and nothing in the shared folder
//! but device files.
//!
//! Without `syncthing` on PATH the test says why and passes, except under
//! `CI=true`, where CI installs it and its absence is a failure.

mod ci;
mod syncthing_kit;

mod pty;

use std::path::Path;
use std::sync::atomic::AtomicI64;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::Value;
use syncthing_kit::{Laptop, Pair, Side, find_syncthing, folder_files, wait_converged};

const EVENT: &str = "sync-day";
const TITLE: &str = "Syncing notes between laptops";
const SESSION: &str = "syncing notes";
const NOTES_EACH: usize = 25;
const SUMMARY_A: &str = "Summary typed on laptop A";
const SUMMARY_B: &str = "Summary typed on laptop B";
const OUTCOME_B: &str = "Outcome typed on laptop B";
const ATTENDEES_A: u64 = 12;
/// Syncthing's watcher waits a second and then sends; convergence normally
/// takes a few seconds, and this bound only keeps a broken run from hanging.
const CONVERGE: Duration = Duration::from_secs(120);
/// How long B's note-taker screen may take to show A's notes.
const LIVE: Duration = Duration::from_secs(20);
/// The first line of every unconf device file.
const DEVICE_FILE_COMMENT: &str = "// unconf device file for ";

#[test]
fn two_laptops_share_an_event_through_syncthing() {
    let started = Instant::now();
    let binary = match find_syncthing() {
        Ok(binary) => binary,
        Err(why) => return skip_or_fail(&why),
    };
    let root = tempfile::tempdir().expect("a temporary directory");
    let clock = Arc::new(AtomicI64::new(0));
    let a = Laptop::new("laptop A", "Ada", &root.path().join("a"), EVENT, &clock);
    let b = Laptop::new("laptop B", "Bea", &root.path().join("b"), EVENT, &clock);

    // `unconf new` makes the event folder itself (and refuses one that
    // exists), so A's folder is shared once A has made it; B's starts empty.
    a.edit(&["new", "Sync day", "--date", "2026-11-27"]);
    assert!(a.event.is_dir(), "`unconf new` made {}", a.event.display());
    let event_a = a.event_arg();
    a.edit(&["room", "add", &event_a, "Library"]);
    a.edit(&[
        "slot", "add", &event_a, "10:30", "11:15", "--label", "Round 1",
    ]);
    a.edit(&["pitch", "add", &event_a, TITLE, "--by", "Ada"]);
    a.edit(&[
        "schedule", &event_a, SESSION, "--slot", "Round 1", "--room", "Library",
    ]);
    std::fs::create_dir_all(&b.event).expect("B's event folder");

    let mut pair = match Pair::start(
        &binary,
        Side {
            name: "A",
            home: &root.path().join("syncthing-a"),
            folder: &a.event,
        },
        Side {
            name: "B",
            home: &root.path().join("syncthing-b"),
            folder: &b.event,
        },
    ) {
        Ok(pair) => pair,
        Err(why) => return skip_or_fail(&why),
    };

    // The harness itself: both instances connect, and A's file reaches B.
    let syncing = Instant::now();
    pair.wait_connected()
        .unwrap_or_else(|e| panic!("harness: {e}"));
    wait_converged(&mut pair, &a, &b, CONVERGE)
        .unwrap_or_else(|e| panic!("harness: the event laptop A made never reached B: {e}"));
    eprintln!(
        "Syncthing started at {:.1?}; the new event reached laptop B {:.1?} later",
        syncing - started,
        syncing.elapsed()
    );
    let on_b = folder_files(&b.event).unwrap_or_default();
    assert!(
        on_b.iter()
            .any(|(name, bytes)| name.starts_with("laptop-a-")
                && name.ends_with(".ron")
                && bytes.starts_with(DEVICE_FILE_COMMENT.as_bytes())),
        "harness: expected laptop A's device file in B's folder; B has {:?}",
        on_b.keys().collect::<Vec<_>>()
    );

    // Both take notes at once: A on the command line, B in the note-taker
    // screen. A's notes are stamped before B's screen's (fixed) clock, so
    // B's newest note is always the last line of its log, where the screen
    // shows it.
    let first = a.advance(0) + 1;
    let tui_minute = first + i64::try_from(NOTES_EACH).expect("a small count");
    let a_notes: Vec<String> = (1..=NOTES_EACH).map(|i| format!("A note {i:02}")).collect();
    let b_notes: Vec<String> = (1..=NOTES_EACH).map(|i| format!("B note {i:02}")).collect();
    let mut checks = Checks::default();
    let typing = Instant::now();
    let both_typing = Barrier::new(2);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            both_typing.wait();
            for (minute, text) in (first..).zip(&a_notes) {
                a.ok_at(minute, &["note", "add", &event_a, SESSION, text]);
            }
        });
        let live = type_notes_in_the_tui(&b, tui_minute, &b_notes, &both_typing);
        checks.expect(
            "laptop B's note-taker screen, open while A typed, shows A's notes as they arrive (50 notes)",
            live,
        );
    });
    a.advance(tui_minute + 1 - a.minute());
    let took = wait_converged(&mut pair, &a, &b, CONVERGE)
        .unwrap_or_else(|e| panic!("after both laptops took notes, {e}"));
    eprintln!(
        "notes typed on both laptops in {:.1?}, converged {took:.1?} after",
        typing.elapsed() - took
    );

    // The laptops stop exchanging the event (the folder is paused on both),
    // and both edit the session while apart, so that neither edit can have
    // seen the other.
    let apart = Instant::now();
    pair.pause().unwrap_or_else(|e| panic!("harness: {e}"));
    eprintln!("syncing paused {:.1?} after asking", apart.elapsed());
    let event_b = b.event_arg();
    // Each edit has a minute of its own, so that every run stamps them the
    // same whichever thread runs first.
    let m = a.advance(4) - 4;
    let both_editing = Barrier::new(2);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            both_editing.wait();
            a.ok_at(
                m + 1,
                &["session", "set", &event_a, SESSION, "--summary", SUMMARY_A],
            );
            a.ok_at(
                m + 3,
                &["session", "set", &event_a, SESSION, "--attendees", "12"],
            );
        });
        both_editing.wait();
        b.ok_at(
            m + 2,
            &["session", "set", &event_b, SESSION, "--summary", SUMMARY_B],
        );
        b.ok_at(
            m + 4,
            &["session", "set", &event_b, SESSION, "--outcome", OUTCOME_B],
        );
    });
    let reconnecting = Instant::now();
    pair.resume().unwrap_or_else(|e| panic!("harness: {e}"));
    eprintln!(
        "syncing resumed {:.1?} after asking",
        reconnecting.elapsed()
    );
    let took = wait_converged(&mut pair, &a, &b, CONVERGE)
        .unwrap_or_else(|e| panic!("after the edits made apart, {e}"));
    eprintln!(
        "edits made apart in {:.1?}, converged {took:.1?} after reconnecting",
        apart.elapsed() - took
    );

    let sides = [Seen::of("A", &a), Seen::of("B", &b)];
    let expected_notes: Vec<&String> = a_notes.iter().chain(&b_notes).collect();
    for seen in &sides {
        let name = seen.name;
        checks.expect(
            &format!("every note typed on either laptop is on {name} exactly once, and no other"),
            every_note_once(&seen.json, &expected_notes),
        );
        checks.expect(
            &format!("`unconf check` on {name} exits 1 naming the conflict over the summary of session \"{TITLE}\""),
            names_the_conflict(&seen.check),
        );
        checks.expect(
            &format!("the JSON export's `conflicts` on {name} holds the session's id"),
            conflicts_hold_the_session(&seen.json),
        );
        checks.expect(
            &format!("on {name} the session has A's attendee count ({ATTENDEES_A}) and B's outcome ({OUTCOME_B:?}), edited apart"),
            both_fields_kept(&seen.json),
        );
        checks.expect(
            &format!("`unconf resolve` on {name} shows the two summaries as the only conflicting field (no conflict over attendees or outcome)"),
            only_the_summary_conflicts(&seen.resolve),
        );
        checks.expect(
            &format!("{name}'s event folder holds nothing but unconf device files and Syncthing's .stfolder/.stversions"),
            only_device_files(&seen.folder),
        );
        checks.expect(
            &format!("{name}'s event folder holds no Syncthing conflict copy of anything but a device file"),
            no_foreign_conflict_copies(&seen.folder),
        );
    }
    let [seen_a, seen_b] = &sides;
    checks.expect(
        "the write-up (`unconf export EVENT --out -`) is byte-identical on A and B",
        same("write-up", &seen_a.write_up, &seen_b.write_up),
    );
    checks.expect(
        "the write-up with notes (`--with-notes`) is byte-identical on A and B",
        same(
            "write-up with notes",
            &seen_a.with_notes,
            &seen_b.with_notes,
        ),
    );
    checks.expect(
        "the JSON export is identical on A and B",
        same("JSON export", &seen_a.json_text, &seen_b.json_text),
    );
    eprintln!("ran for {:.1?}", started.elapsed());
    checks.finish();
}

/// Without Syncthing the test cannot run: a failure in CI, which installs
/// it, and a skip (said on stderr) anywhere else.
fn skip_or_fail(why: &str) {
    ci::cannot_check(&format!("Syncthing cannot be used: {why}"));
}

/// Types `notes` into B's note-taker screen, one after another, each once
/// the one before is in the log; then waits for the log to count A's notes
/// too, and leaves. Whether A's notes showed up on the open screen.
fn type_notes_in_the_tui(
    laptop: &Laptop,
    minute: i64,
    notes: &[String],
    start: &Barrier,
) -> Result<(), String> {
    let dirs = laptop.dirs();
    let env: Vec<(&str, &Path)> = dirs.iter().map(|(k, p)| (*k, p.as_path())).collect();
    let vars = laptop.vars(minute);
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let event = laptop.event_arg();
    let mut tui = pty::Tui::start(&["notes", &event, SESSION], &env, &vars, 100, 40);
    tui.wait_for(TITLE);
    start.wait();
    // The time before a note in the log ("10:56 · point    B note 01") tells the
    // note from the same text still on the capture line.
    let hh_mm = &syncthing_kit::at_minute(minute)[11..16];
    let typing = Instant::now();
    for text in notes {
        tui.type_text(text);
        tui.enter();
        tui.wait_for(&format!("{hh_mm} · point    {text}"));
    }
    let all = format!("{} notes", notes.len() * 2);
    let waiting = Instant::now();
    eprintln!("B typed {} notes in {:.1?}", notes.len(), typing.elapsed());
    let live = loop {
        if tui.contents().contains(&all) {
            eprintln!(
                "A's notes were all on B's screen {:.1?} later",
                waiting.elapsed()
            );
            break Ok(());
        }
        if waiting.elapsed() > LIVE {
            break Err(format!(
                "after {}s the screen shows:\n{}",
                LIVE.as_secs(),
                tui.contents()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    tui.escape();
    tui.type_text("q");
    assert!(tui.wait_exit(), "B's note-taker screen exits cleanly");
    live
}

/// What one laptop shows once both have converged.
struct Seen {
    name: &'static str,
    json_text: String,
    json: Value,
    check: syncthing_kit::Run,
    resolve: syncthing_kit::Run,
    write_up: String,
    with_notes: String,
    folder: std::path::PathBuf,
}

impl Seen {
    fn of(name: &'static str, laptop: &Laptop) -> Seen {
        let event = laptop.event_arg();
        let json_text = laptop.export_json().unwrap_or_else(|e| panic!("{e}"));
        let write_up = laptop.read(&["export", &event, "--out", "-"]);
        let with_notes = laptop.read(&["export", &event, "--with-notes", "--out", "-"]);
        assert_eq!(
            write_up.code, 0,
            "the write-up on {}: {write_up:?}",
            laptop.device
        );
        assert_eq!(
            with_notes.code, 0,
            "with notes on {}: {with_notes:?}",
            laptop.device
        );
        Seen {
            name,
            json: serde_json::from_str(&json_text).expect("the JSON export parses"),
            json_text,
            check: laptop.read(&["check", &event]),
            resolve: laptop.read(&["resolve", &event]),
            write_up: write_up.stdout,
            with_notes: with_notes.stdout,
            folder: laptop.event.clone(),
        }
    }
}

/// Expectations checked one by one, so that a run reports every one that
/// fails, each saying what was expected and what was seen.
#[derive(Default)]
struct Checks {
    passed: Vec<String>,
    failed: Vec<String>,
}

impl Checks {
    fn expect(&mut self, expected: &str, result: Result<(), String>) {
        match result {
            Ok(()) => self.passed.push(expected.to_string()),
            Err(seen) => self
                .failed
                .push(format!("expected: {expected}\n  seen: {seen}")),
        }
    }

    fn finish(self) {
        for passed in &self.passed {
            eprintln!("ok: {passed}");
        }
        assert!(
            self.failed.is_empty(),
            "{} of {} expectations failed:\n\n{}",
            self.failed.len(),
            self.failed.len() + self.passed.len(),
            self.failed.join("\n\n")
        );
    }
}

fn the_session(json: &Value) -> Result<&Value, String> {
    json["sessions"]
        .as_array()
        .and_then(|sessions| sessions.iter().find(|s| s["title"] == TITLE))
        .ok_or_else(|| format!("no session \"{TITLE}\" in the export"))
}

fn every_note_once(json: &Value, expected: &[&String]) -> Result<(), String> {
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for note in json["notes"].as_array().into_iter().flatten() {
        *counts
            .entry(note["text"].as_str().unwrap_or(""))
            .or_default() += 1;
    }
    let mut wrong: Vec<String> = expected
        .iter()
        .filter(|text| counts.get(text.as_str()) != Some(&1))
        .map(|text| format!("{text:?} {} times", counts.get(text.as_str()).unwrap_or(&0)))
        .collect();
    wrong.extend(
        counts
            .keys()
            .filter(|text| !expected.iter().any(|e| e == *text))
            .map(|text| format!("unexpected note {text:?}")),
    );
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join(", "))
    }
}

fn names_the_conflict(check: &syncthing_kit::Run) -> Result<(), String> {
    let named = check
        .stdout
        .lines()
        .any(|line| line.starts_with(&format!("conflict: session \"{TITLE}\"")));
    if check.code == 1 && named {
        Ok(())
    } else {
        Err(format!("{check:?}"))
    }
}

fn conflicts_hold_the_session(json: &Value) -> Result<(), String> {
    let id = &the_session(json)?["id"];
    let conflicts = &json["conflicts"];
    if conflicts.as_array().is_some_and(|c| c.contains(id)) {
        Ok(())
    } else {
        Err(format!("session id {id}, conflicts {conflicts}"))
    }
}

fn both_fields_kept(json: &Value) -> Result<(), String> {
    let session = the_session(json)?;
    if session["attendees"] == ATTENDEES_A && session["outcome"] == OUTCOME_B {
        Ok(())
    } else {
        Err(format!(
            "attendees {}, outcome {}, summary {}",
            session["attendees"], session["outcome"], session["summary"]
        ))
    }
}

/// `unconf resolve` lists, for each version of a conflicting record, only
/// the fields that differ between its versions.
fn only_the_summary_conflicts(resolve: &syncthing_kit::Run) -> Result<(), String> {
    let listing = &resolve.stdout;
    let ok = resolve.code == 0
        && listing.contains(&format!("Summary: {SUMMARY_A}"))
        && listing.contains(&format!("Summary: {SUMMARY_B}"))
        && !listing.contains("Attendees:")
        && !listing.contains("Outcome:");
    if ok {
        Ok(())
    } else {
        Err(format!("{resolve:?}"))
    }
}

/// Is the file at `path` an unconf device file, by its first line?
fn is_device_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ron")
        && path.is_file()
        && std::fs::read(path).is_ok_and(|bytes| bytes.starts_with(DEVICE_FILE_COMMENT.as_bytes()))
}

/// Every entry at the top of the folder must be a device file or
/// Syncthing's own; anything else is named with every file under it.
fn only_device_files(folder: &Path) -> Result<(), String> {
    let mut others = Vec::new();
    for entry in std::fs::read_dir(folder).expect("the event folder") {
        let entry = entry.expect("an entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        let syncthings_own = name == ".stfolder" || name == ".stversions";
        if !syncthings_own && !is_device_file(&entry.path()) {
            others.push(if entry.path().is_dir() {
                format!("{name}/")
            } else {
                name
            });
        }
    }
    if others.is_empty() {
        return Ok(());
    }
    others.sort();
    let files = folder_files(folder).expect("the event folder reads");
    let under: Vec<&String> = files
        .keys()
        .filter(|path| others.iter().any(|other| path.starts_with(other.as_str())))
        .collect();
    Err(format!("also {others:?}, holding {under:?}"))
}

fn no_foreign_conflict_copies(folder: &Path) -> Result<(), String> {
    let files = folder_files(folder).expect("the event folder reads");
    let copies: Vec<&String> = files
        .keys()
        .filter(|name| name.contains(".sync-conflict-"))
        .filter(|name| !is_device_file(&folder.join(name)))
        .collect();
    if copies.is_empty() {
        Ok(())
    } else {
        Err(format!("{copies:?}"))
    }
}

fn same(what: &str, a: &str, b: &str) -> Result<(), String> {
    if a == b && !a.is_empty() {
        return Ok(());
    }
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .map_or("one is a prefix of the other".to_string(), |n| {
            format!("first difference on line {}", n + 1)
        });
    Err(format!(
        "the {what} differs ({} bytes on A, {} on B; {line})",
        a.len(),
        b.len()
    ))
}
