//! The whole day through the TUI alone, in a pseudo-terminal at 80x24, as
//! a first-time facilitator would run it: first run, a new event, rooms
//! and slots, twelve pitches, interest by number, a merge, auto-schedule,
//! notes of every kind in two sessions, a note moved, the wrap-up and the
//! export. Then the Markdown written is read back. Every step waits for
//! what the screen says, never for a time.

mod pty;

use std::path::{Path, PathBuf};

use pty::{Tui, dirs};

const PITCHES: [&str; 12] = [
    "Open data for planning",
    "Shared registers",
    "Digital skills for councillors",
    "Cloud contracts",
    "Accessibility audits",
    "Agile procurement",
    "Common components",
    "Data ethics",
    "User research together",
    "Legacy systems",
    "Open standards",
    "Small suppliers first",
];

fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
}

#[test]
fn the_whole_day_through_the_tui_at_80_by_24() {
    let home = tempfile::tempdir().expect("temp dir");
    let dirs = dirs(home.path());
    let env: Vec<(&str, &Path)> = dirs.iter().map(|(k, p)| (*k, p.as_path())).collect();
    let mut tui = Tui::start(&[], &env, &[("USER", "")], 80, 24);

    // First run: the name, then the laptop's suggested name replaced.
    tui.wait_for("Welcome to unconf");
    tui.enter();
    tui.wait_for("Your name is needed");
    tui.type_text("Quinn Jones");
    tui.wait_until("the message gone", |s| !s.contains("Your name is needed"));
    tui.enter();
    tui.type_text("Quinn's laptop");
    tui.wait_for("Quinn's laptop");
    tui.enter();

    // A new event from the picker.
    tui.wait_for("events in");
    tui.type_text("Council open data day");
    tui.wait_for("Council open data day");
    tui.enter();
    tui.wait_for("1 Event");

    // Four rooms and two slots; the second slot's suggested times follow
    // the first, the first's are typed over the suggestion.
    for room in ["Main hall", "Library", "Garden room", "Attic"] {
        tui.type_text("r");
        tui.wait_for("New room");
        tui.type_text(room);
        tui.enter();
        tui.wait_until(room, |s| s.contains(room) && !s.contains("New room"));
    }
    tui.type_text("s");
    tui.wait_for("New slot");
    tui.type_text("Round 1\t10:00\t11:00");
    tui.enter();
    tui.wait_for("10:00–11:00");
    tui.type_text("s");
    tui.wait_for("New slot");
    tui.type_text("Round 2");
    tui.enter();
    tui.wait_for("11:00–12:00");

    // Twelve pitches by quick-add.
    tui.type_text("2");
    tui.wait_for("press a to add a pitch");
    tui.type_text("a");
    for title in PITCHES {
        tui.type_text(title);
        tui.enter();
        tui.wait_for(&format!("Added \"{title}\""));
    }
    tui.escape();

    // Interest by number: the pitch goes to the top and stays selected.
    tui.type_text("i");
    tui.wait_for("Enter set hands");
    tui.type_text("15");
    tui.enter();
    tui.wait_for("15 hands");
    tui.type_text("j");
    tui.type_text("i");
    tui.wait_for("Enter set hands");
    tui.type_text("9");
    tui.enter();
    tui.wait_for("9 hands");
    // A merge: the third row into the fourth.
    tui.type_text("jm");
    tui.wait_for("Merging");
    tui.type_text("j");
    tui.enter();
    tui.wait_for("Merged");

    // Auto-schedule, accepted as one step.
    tui.type_text("3");
    tui.wait_for("10:00–11:00");
    tui.type_text("A");
    tui.wait_for("accept all");
    tui.enter();
    tui.wait_until("the proposal accepted", |s| !s.contains("accept all"));

    // Notes of every kind in the first session.
    tui.type_text("4");
    tui.wait_for("a/Enter write");
    tui.type_text("a");
    tui.wait_for("point ›");
    for line in [
        "Councils want one schema",
        "? who maintains it",
        "! Asha to share the draft by 30 June",
        "= Adopt the schema",
        "\" We need this now",
        "* A shared registry",
    ] {
        tui.type_text(line);
        tui.enter();
        let text = line.trim_start_matches(['?', '!', '=', '"', '*', ' ']);
        tui.wait_for(text);
    }
    // The second session, where one note is typed by mistake.
    tui.escape();
    tui.type_text("h");
    tui.wait_for("a/Enter write");
    tui.type_text("j");
    tui.type_text("a");
    tui.wait_for("point ›");
    tui.type_text("Legacy contracts block change");
    tui.enter();
    tui.wait_for("Legacy contracts block change");
    tui.type_text("= Publish the register monthly");
    tui.enter();
    tui.wait_for("Publish the register monthly");
    // Moved to the first session.
    tui.escape();
    tui.type_text("m");
    tui.wait_for("Move the notes to which session?");
    tui.enter();
    tui.wait_for("Moved 1 note");

    // The wrap-up: the next page (the second session), a summary, Esc
    // saves it.
    tui.type_text("5");
    tui.wait_for("5 Wrap-up");
    tui.type_text("l");
    tui.wait_for("summary");
    tui.type_text("s");
    tui.wait_for("Summary");
    tui.type_text("One schema for every council");
    tui.escape();
    tui.wait_for("One schema for every council");

    // The export, with the notes.
    tui.type_text("6");
    tui.wait_for("Internal write-up");
    tui.type_text("n");
    tui.wait_for("with full notes");
    tui.type_text("w");
    tui.wait_for("Wrote");
    tui.type_text("q");
    assert!(tui.wait_exit(), "unconf exits cleanly");

    // The hands typed are what the command line sees: 15 for the pitch
    // added last (selected after quick-add), 9 for the one below it.
    let listed = pty::cli(
        home.path(),
        &[],
        &["pitch", "list", "council-open-data-day"],
    );
    let votes = |title: &str| {
        listed
            .lines()
            .find(|l| l.contains(title))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(votes("Small suppliers first"), "15", "{listed}");
    assert_eq!(votes("Open data for planning"), "9", "{listed}");

    let mut found = Vec::new();
    markdown_files(home.path(), &mut found);
    let written = found
        .iter()
        .find(|p| p.to_string_lossy().contains("council-open-data-day"))
        .unwrap_or_else(|| panic!("the write-up among {found:?}"));
    let md = std::fs::read_to_string(written).expect("the write-up");
    assert!(md.contains("# Council open data day"), "{md}");
    for room in ["Main hall", "Library", "Garden room", "Attic"] {
        assert!(md.contains(room), "{room} in the programme:\n{md}");
    }
    // Merged: eleven pitches run, one merged into another.
    assert!(md.contains("One schema for every council"), "{md}");
    for note in [
        "Councils want one schema",
        "who maintains it",
        "Asha to share the draft by 30 June",
        "Adopt the schema",
        "We need this now",
        "A shared registry",
        "Legacy contracts block change",
        "Publish the register monthly",
    ] {
        assert!(md.contains(note), "{note}:\n{md}");
    }
    // Notes fed the wrap-up: the action note is the first session's next
    // step (its due date from "by 30 June"), its decision notes are its
    // decisions, the moved one among them.
    let first = section(&md, "Small suppliers first");
    assert!(
        first.contains("**Decisions:**\n\n- Adopt the schema\n- Publish the register monthly"),
        "{first}"
    );
    assert!(
        first.contains("**Next steps:**\n\n- Asha to share the draft — due 30 June"),
        "{first}"
    );
    assert!(first.contains("**Question:** who maintains it?"), "{first}");
    assert!(first.contains("“We need this now”"), "{first}");
    assert!(first.contains("**Idea:** A shared registry"), "{first}");
    // The merge, and the summary written in the wrap-up, in the second.
    let second = section(&md, "Digital skills for councillors");
    assert!(
        second.contains("Merged with: Shared registers."),
        "{second}"
    );
    assert!(second.contains("One schema for every council"), "{second}");
    assert!(
        second.contains("- Legacy contracts block change"),
        "{second}"
    );
    assert!(!second.contains("Publish the register monthly"), "{second}");
}

/// One session's section of the write-up, up to the next heading.
fn section<'a>(md: &'a str, title: &str) -> &'a str {
    let start = md
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("a section for {title}:\n{md}"));
    let rest = &md[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}
