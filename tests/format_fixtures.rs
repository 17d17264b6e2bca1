//! Golden device files. `tests/fixtures/format-v1` holds files written by
//! this format's first release (see `tests/fixtures/make-fixtures.sh`); they
//! must load, exactly, forever. Beside them: a device file with the conflict
//! copies sync tools make and the temporary files they leave, and a folder of
//! broken files with the message each must give.
//!
//! Fixtures are copied into a temporary sessions folder before use, so that
//! nothing here can change them.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, NaiveDate};
use common::{Env, assert_unchanged, copy_tree, files, fixture};
use unconf::model::{ActionStatus, Event, NoteKind, Person, Pitch, Record, SlotKind};
use unconf::store::{Access, Clock, EventFolder, Identity};

/// An environment whose sessions folder holds a copy of one fixture event.
fn with_fixture(path: &str) -> (Env, String) {
    let env = Env::new();
    let name = Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a folder name")
        .to_string();
    copy_tree(&fixture(path), &env.event_dir(&name));
    (env, name)
}

/// The event as a device that never wrote to it sees it, read-only.
fn read(dir: &Path) -> EventFolder {
    let now = DateTime::parse_from_rfc3339("2026-11-28T09:00:00+00:00").expect("time");
    EventFolder::open(
        dir,
        Identity::from_label("reader", "Reader"),
        Clock::Fixed(now),
        Access::Read,
    )
    .expect("the event opens")
}

fn pitch<'a>(event: &'a Event, title: &str) -> &'a Pitch {
    let mut found = event.pitches.values().filter(|p| p.title == title);
    let pitch = found.next().unwrap_or_else(|| panic!("no pitch {title:?}"));
    assert!(found.next().is_none(), "two pitches {title:?}");
    pitch
}

#[test]
fn format_v1_files_load_exactly() {
    let (env, name) = with_fixture("format-v1/supplier-day");
    let folder = read(&env.event_dir(&name));
    assert_eq!(folder.problems(), []);
    assert_eq!(folder.files().len(), 3);
    assert_eq!(folder.read_only(), Some("it was opened for reading only"));
    let event = folder.event();
    assert_eq!(event.id.as_str(), "01M8E3Q8M068M2EJ355GZP65GM");
    assert_eq!(event.info.name, "Supplier day");
    assert_eq!(event.info.date, NaiveDate::from_ymd_opt(2026, 11, 27));
    assert_eq!(event.info.venue, "techUK, London");
    assert_eq!(event.info.organisers, ["techUK", "MHCLG"]);
    let counts = [
        event.rooms.len(),
        event.slots.len(),
        event.pitches.len(),
        event.sessions.len(),
        event.notes.len(),
        event.actions.len(),
        event.decisions.len(),
    ];
    assert_eq!(counts, [2, 4, 3, 3, 7, 2, 2], "rooms .. decisions");
    assert!(event.conflicts.is_empty(), "{:?}", event.conflicts);

    let rooms: Vec<(&str, Option<u32>)> = event
        .rooms_in_order()
        .into_iter()
        .map(|(_, r)| (r.name.as_str(), r.capacity))
        .collect();
    assert_eq!(rooms, [("Library", Some(12)), ("Main hall", Some(80))]);
    let slots: Vec<(String, &str, SlotKind)> = event
        .slots_in_order()
        .into_iter()
        .map(|(_, s)| {
            (
                s.start.format("%H:%M").to_string(),
                s.label.as_str(),
                s.kind,
            )
        })
        .collect();
    assert_eq!(
        slots,
        [
            ("09:30".into(), "Welcome", SlotKind::Plenary),
            ("10:30".into(), "Round 1", SlotKind::Breakout),
            ("11:15".into(), "Coffee", SlotKind::Break),
            ("11:30".into(), "11:30–12:15", SlotKind::Breakout),
        ]
    );

    let vendor = pitch(event, "Vendor community");
    let acme = |name: &str| Person {
        name: name.into(),
        organisation: Some("Acme Ltd".into()),
    };
    assert_eq!(vendor.pitched_by, [acme("Sam Jones"), acme("Alex Lee")]);
    assert_eq!(vendor.tags, ["community", "procurement"]);
    assert_eq!(
        (vendor.interest, vendor.withdrawn, &vendor.merged_into),
        (10, false, &None)
    );
    assert_eq!(vendor.description, "A place for suppliers to talk.");
    assert_eq!(
        pitch(event, "Accessibility “by default” — für alle").tags,
        ["a11y"]
    );

    // Sam's file holds the newest version of the first Vendor session.
    let (first, session) = event.sessions_in_order()[0];
    assert_eq!(event.session_title(session), "Vendor community");
    assert_eq!(session.summary, "Appetite for a community.");
    assert_eq!(session.outcome, "Start one, hosted by techUK.");
    assert_eq!((session.attendees, session.chatham_house), (Some(14), true));
    assert_eq!(session.note_taker.as_deref(), Some("Sam"));
    assert_eq!(session.facilitator.as_deref(), Some("Georgina"));
    assert_eq!(event.note_count(first), 3);

    let notes: BTreeSet<(&str, NoteKind, &str, bool)> = event
        .notes
        .values()
        .map(|n| (n.text.as_str(), n.kind, n.author.as_str(), n.private))
        .collect();
    assert!(notes.contains(&("Acme may leave the framework", NoteKind::Point, "Sam", true)));
    assert!(notes.contains(&("Kim to list the schemas", NoteKind::Action, "Kim", false)));
    assert!(notes.contains(&("Who funds it", NoteKind::Question, "Sam", false)));
    let quote = event
        .notes
        .values()
        .find(|n| n.kind == NoteKind::Quote)
        .expect("Priya's quote");
    assert_eq!(quote.text, "\"We keep reinventing forms\"");
    assert_eq!(quote.taken_at.to_rfc3339(), "2026-11-27T12:36:00+01:00");

    // The organiser closed an action Sam's device opened: its version wins.
    let charter = event
        .actions
        .values()
        .find(|a| a.text == "Draft a charter")
        .expect("the charter action");
    assert_eq!(charter.status, ActionStatus::Done);
    assert_eq!(charter.session.as_ref(), Some(first));
    assert_eq!(charter.due, NaiveDate::from_ymd_opt(2026, 12, 15));
    let workshop = event.actions_of(None);
    assert_eq!(workshop.len(), 1);
    assert_eq!(workshop[0].1.owner.as_deref(), Some("MHCLG"));
    let leads: BTreeSet<(&str, Option<&str>)> = event
        .decisions
        .values()
        .map(|d| (d.text.as_str(), d.lead.as_deref()))
        .collect();
    assert_eq!(
        leads,
        BTreeSet::from([
            ("Meet again in the spring", None),
            ("Start a supplier community", Some("techUK")),
        ])
    );
}

#[test]
fn format_v1_files_read_through_the_cli() {
    let (env, name) = with_fixture("format-v1/supplier-day");
    let before = files(env.root());
    // After the fixtures' last change, so that no laptop's clock reads as ahead.
    env.set_time("13:00");
    let check = env.run(&["check", &name]);
    assert_eq!(
        (check.code, check.stdout.as_str()),
        (
            0,
            "\"Supplier day\": no problems found in 3 device files.\n"
        )
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["pitch", "list", &name, "--format", "json"])).expect("JSON");
    assert_eq!(json[0]["title"], "Vendor community");
    assert_eq!(json[0]["sessions"], 2);
    assert_eq!(json[2]["status"], "open");
    let write_up = env.ok(&["export", &name, "--with-notes", "--out", "-"]);
    for expected in [
        "# Supplier day\n",
        "- Run a follow-up workshop — MHCLG, due 29 January 2027\n",
        "- 12:36pm, quote, Priya: \"We keep reinventing forms\"\n",
        "- 10:37am, point, Sam (private): Acme may leave the framework\n",
    ] {
        assert!(write_up.contains(expected), "{expected:?} in\n{write_up}");
    }
    assert_unchanged(&before, &files(env.root()), "reading the fixture");
}

#[test]
fn format_v1_files_take_new_writes_and_keep_everything() {
    let (env, name) = with_fixture("format-v1/supplier-day");
    let dir = env.event_dir(&name);
    let originals = files(&dir);
    env.ok_as(
        ("new-laptop", "Noor"),
        &["pitch", "add", &name, "Late pitch"],
    );
    let after = files(&dir);
    for (path, bytes) in originals.iter().filter(|(p, _)| p.extension().is_some()) {
        assert_eq!(after.get(path), Some(bytes), "{} changed", path.display());
    }
    // The organiser's device goes on writing its own file.
    env.ok(&["decision", "add", &name, "Write it up by Friday"]);
    let folder = read(&dir);
    assert_eq!(folder.problems(), []);
    assert_eq!(folder.files().len(), 4);
    let event = folder.event();
    assert_eq!(
        (
            event.pitches.len(),
            event.decisions.len(),
            event.notes.len()
        ),
        (4, 3, 7)
    );
    assert!(event.conflicts.is_empty());
}

#[test]
fn conflict_copies_are_read_and_temporary_files_skipped() {
    let (env, name) = with_fixture("conflict-copies/conflicted-day");
    let folder = read(&env.event_dir(&name));
    assert_eq!(folder.problems(), [], "the temporary files were not read");
    let read_names: Vec<String> = folder
        .files()
        .iter()
        .map(|f| {
            f.path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        read_names,
        [
            "organiser-134fga9j (Sam's conflicted copy 2026-11-27).ron",
            "organiser-134fga9j (conflicted copy 2026-11-27 101500).ron",
            "organiser-134fga9j.ron",
            "organiser-134fga9j.sync-conflict-20261127-101500-ABCDEFG.ron",
        ]
    );
    let event = folder.event();
    let rooms: BTreeSet<&str> = event.rooms.values().map(|r| r.name.as_str()).collect();
    assert_eq!(
        rooms,
        BTreeSet::from(["Library", "Main hall"]),
        "Nextcloud's copy"
    );
    let decisions: Vec<&str> = event.decisions.values().map(|d| d.text.as_str()).collect();
    assert_eq!(decisions, ["Start a community"], "Dropbox's copy");
    assert_eq!(event.pitches.len(), 2);
    assert!(!event.pitches.values().any(|p| p.title.contains("Hidden")));

    // Same device, same counter, two titles: both kept, flagged, not guessed.
    let conflicts: Vec<_> = folder.replica().conflicts().cloned().collect();
    assert_eq!(conflicts.len(), 1);
    let id = &conflicts[0];
    assert_eq!(event.conflicts, BTreeSet::from([id.clone()]));
    let conflict = folder.replica().conflict(id).expect("a conflict");
    let versions = &conflict.versions;
    let titles: BTreeSet<&str> = versions
        .iter()
        .filter_map(|v| match &v.value {
            Some(Record::Pitch(p)) => Some(p.title.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(titles, BTreeSet::from(["Skills", "Skills for all"]));
    assert_eq!(versions[0].dot, versions[1].dot, "one device, one counter");
}

#[test]
fn conflict_copies_show_in_check_and_survive_a_write() {
    let (env, name) = with_fixture("conflict-copies/conflicted-day");
    // After the fixtures' last change, so that no laptop's clock reads as ahead.
    env.set_time("13:00");
    let check = env.run(&["check", &name]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_eq!(
        check.stdout,
        "conflict: pitch \"Skills for all\" (title) was saved twice with different content by Georgina on organiser (a restored backup or a copied device identity); `unconf resolve conflicted-day` shows the versions and keeps one.\n"
    );
    assert_eq!(
        check.stderr,
        "1 problem found in [HOME]/sessions/conflicted-day.\n"
    );
    let dir = env.event_dir(&name);
    let copies: Vec<_> = files(&dir)
        .into_iter()
        .filter(|(p, _)| p.to_string_lossy().contains("conflict"))
        .collect();
    // The device whose copies these are writes again: its file takes in
    // what the copies hold, and the copies move, unchanged, to the trash.
    env.ok(&["pitch", "add", &name, "After the sync"]);
    let after = files(&dir);
    // This machine's trash for the event, never the event folder.
    let trash: Vec<_> = files(&env.state().join("events"))
        .into_iter()
        .filter(|(p, _)| p.parent().is_some_and(|p| p.ends_with("trash")))
        .collect();
    assert_eq!(trash.len(), copies.len(), "{trash:?}");
    for (path, bytes) in &copies {
        assert_eq!(after.get(path), None, "{} left the folder", path.display());
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name");
        let moved = trash
            .iter()
            .find(|(p, _)| p.to_string_lossy().contains(stem))
            .unwrap_or_else(|| panic!("{stem} in the trash: {trash:?}"));
        assert_eq!(&moved.1, bytes);
    }
    assert!(!dir.join(".unconf").exists());
    let own = std::fs::read_to_string(dir.join("organiser-134fga9j.ron")).expect("own file");
    for text in [
        "Skills for all",
        "Start a community",
        "Main hall",
        "After the sync",
    ] {
        assert!(own.contains(text), "{text} in the own file");
    }
    assert!(!own.contains("Hidden"));
    // The own file now holds both versions of the conflict by itself.
    let folder = read(&dir);
    assert_eq!(folder.event().pitches.len(), 3);
    assert_eq!(folder.event().conflicts.len(), 1, "still both versions");
}

/// What `check` says about each broken file, in file-name order.
const BROKEN: [&str; 8] = [
    "bad-type.ron could not be read: line 22, column 26 (in records[0].value.Pitch.interest): Expected integer",
    "empty.ron could not be read: the file is empty",
    "liar.ron could not be read: record 01M8E78SE1F1NWNRVCCN9ZG575 was not written by device \"someone\" named in the header",
    "no-event.ron could not be read: line 27, column 1: Unexpected missing field named `event` in `DeviceFile`",
    "not-ours.ron could not be read: it is not an unconf device file (format is \"planner\")",
    "not-utf8.ron could not be read: line 18, column 27: the file is not valid UTF-8 text",
    "truncated.ron could not be read: line 20, column 33 (in records[0].value.Pitch): Unexpected end of RON",
    "other-event.ron could not be read: it belongs to another event (id 02M8E75480P7YDM3EWQBYYW0Z3)",
];

#[test]
fn broken_files_are_named_with_where_and_why() {
    let (env, name) = with_fixture("broken-files/broken-day");
    let before = files(env.root());
    // After the fixtures' last change, so that no laptop's clock reads as ahead.
    env.set_time("13:00");
    let check = env.run(&["check", &name]);
    assert_eq!(check.code, 2, "{check:?}");
    let expected: String = BROKEN
        .iter()
        .map(|b| format!("unreadable: [HOME]/sessions/broken-day/{b}.\n"))
        .collect();
    assert_eq!(check.stdout, expected);
    assert_eq!(
        check.stderr,
        "8 problems found in [HOME]/sessions/broken-day.\nerror: 8 files in [HOME]/sessions/broken-day could not be read.\n"
    );

    let folder = read(&env.event_dir(&name));
    assert_eq!(folder.problems().len(), 8);
    let titles: Vec<&str> = folder
        .event()
        .pitches
        .values()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles, ["Open data"], "the good file still opens");

    let refused = env.run(&["pitch", "add", &name, "Skills"]);
    assert_eq!(
        refused.refusal(),
        format!(
            "error: [HOME]/sessions/broken-day/{} (and 6 more files that could not be read, see `unconf check`); nothing was done.",
            BROKEN[0]
        )
    );
    let export = env.run(&["export", &name, "--out", "-"]);
    assert!(
        export
            .refusal()
            .contains("bad-type.ron could not be read: line 22, column 26")
    );
    assert_unchanged(&before, &files(env.root()), "commands on broken files");
}

/// Each laptop that writes to an event rewrites its own file in format 2:
/// what the event says must not change by a single record or conflict.
#[test]
fn format_v1_files_rewritten_in_format_2_say_exactly_the_same() {
    let (env, name) = with_fixture("format-v1/supplier-day");
    let dir = env.event_dir(&name);
    let before = read(&dir).event().clone();
    let now = DateTime::parse_from_rfc3339("2026-11-28T09:00:00+00:00").expect("time");
    for label in ["organiser", "priya-laptop", "sam-laptop"] {
        let me = Identity::from_label(label, label);
        let mut folder =
            EventFolder::open(&dir, me, Clock::Fixed(now), Access::Write).expect("opens");
        folder.save().expect("rewritten");
        let text = std::fs::read_to_string(folder.own_path()).expect("read");
        assert!(text.contains("version: 2,"), "{text}");
    }
    let after = read(&dir).event().clone();
    assert_eq!(before, after);
    assert_eq!(before.conflicts, after.conflicts);
}
