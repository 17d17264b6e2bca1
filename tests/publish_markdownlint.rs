//! Every kind of write-up passes markdownlint-cli2 with its default rules
//! (only line length relaxed, in .markdownlint-cli2.jsonc). Runs where `npx`
//! has the pinned version (.ci/run installs it); elsewhere it says so and
//! passes, since it needs Node and the npm registry.

mod ci;
mod common;
mod publish_day;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Env;
use publish_day::{COUNCIL, EXAMPLE, council_day, example};

/// The same version as .ci/run installs.
const MARKDOWNLINT: &str = "markdownlint-cli2@0.24.1";

fn config() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".markdownlint-cli2.jsonc")
}

/// markdownlint-cli2 on `files`: its exit status and what it said; none
/// when npx or the package is not there.
fn lint(dir: &Path, files: &[PathBuf]) -> Option<(bool, String)> {
    let output = Command::new("npx")
        .current_dir(dir)
        .args(["--no-install", MARKDOWNLINT, "--config"])
        .arg(config())
        .args(files)
        .output()
        .ok()?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some((output.status.success(), said))
}

fn available(dir: &Path) -> bool {
    let probe = dir.join("probe.md");
    std::fs::write(&probe, "# Probe\n").expect("write a probe");
    match lint(dir, &[probe]) {
        Some((true, _)) => true,
        _ => {
            ci::cannot_check(&format!(
                "{MARKDOWNLINT} is not installed for npx (run `npx --yes {MARKDOWNLINT} --help` once to install it)"
            ));
            false
        }
    }
}

/// A day whose text tries every trick that could upset a linter.
fn awkward_day(env: &Env) {
    let e = "awkward";
    env.ok(&["new", "Awkward!", "--date", "2026-11-27", "--description", "See https://example.org or www.example.org; mail a@example.org.\n\n# Not a heading\n\n* not a list"]);
    env.ok(&["room", "add", e, "Room | 1"]);
    env.ok(&["room", "add", e, "Room 2."]);
    env.ok(&["room", "add", e, "Room 3"]);
    env.ok(&["slot", "add", e, "10:00", "11:00", "--label", "Round 1"]);
    env.ok(&["slot", "add", e, "11:00", "12:00", "--label", "Round 2"]);
    env.ok(&["slot", "add", e, "12:00", "13:00", "--kind", "break"]);
    for title in [
        "Same title.",
        "Same title!",
        "**Bold** _claims_ <b>html</b>",
        "Programme",
        "here",
    ] {
        env.ok(&["pitch", "add", e, title, "--by", "Sam <sam@example.org>"]);
    }
    // A session with nothing recorded shows its pitch's description.
    env.ok(&[
        "pitch",
        "add",
        e,
        "Wellbeing",
        "--by",
        "sam jones",
        "--description",
        "#wellbeing [name] for_all\n\n- not a list\n# not a heading",
    ]);
    env.ok(&[
        "schedule",
        e,
        "wellbeing",
        "--slot",
        "Round 1",
        "--room",
        "Room 3",
    ]);
    env.ok(&[
        "schedule",
        e,
        "same title.",
        "--slot",
        "Round 1",
        "--room",
        "Room | 1",
    ]);
    env.ok(&[
        "schedule",
        e,
        "same title!",
        "--slot",
        "Round 2",
        "--room",
        "Room | 1",
    ]);
    env.ok(&[
        "schedule",
        e,
        "programme",
        "--slot",
        "Round 2",
        "--room",
        "Room 2.",
    ]);
    env.ok(&[
        "schedule", e, "here", "--slot", "Round 1", "--room", "Room 2.",
    ]);
    env.ok(&[
        "note",
        "add",
        e,
        "programme",
        "  - indented list?  ",
        "--kind",
        "question",
    ]);
    env.ok(&[
        "note",
        "add",
        e,
        "programme",
        "> quote https://x.org/a_b_c",
        "--kind",
        "quote",
    ]);
    env.ok(&[
        "session",
        "set",
        e,
        "programme",
        "--summary",
        "Line one  \nline two\n\n\n1. list",
        "--chatham-house",
    ]);
}

#[test]
fn every_write_up_passes_markdownlint() {
    let env = Env::new();
    if !available(env.root()) {
        return;
    }
    example(&env);
    council_day(&env);
    awkward_day(&env);
    let out = env.root().join("out");
    for event in [EXAMPLE, COUNCIL, "awkward"] {
        for flags in [
            &[][..],
            &["--with-notes"],
            &["--public"],
            &["--public", "--with-notes"],
        ] {
            let name = format!("{event}{}.md", flags.join(""));
            let mut args = vec!["export", event, "--out"];
            let path = out.join(&name).display().to_string();
            args.push(&path);
            args.extend(flags);
            env.ok(&args);
            let split = out.join(format!("{event}{}-split", flags.join("")));
            let split_path = split.display().to_string();
            let mut args = vec!["export", event, "--split", "--out", &split_path];
            args.extend(flags);
            env.ok(&args);
        }
    }
    let mut files = Vec::new();
    collect_markdown(&out, &mut files);
    assert!(files.len() > 30, "{files:?}");
    let (passed, said) = lint(env.root(), &files).expect("npx ran before");
    assert!(passed, "markdownlint found problems:\n{said}");
}

fn collect_markdown(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect_markdown(&path, found);
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
}
