//! Fuzzing the CSV pitch import through the real command: mutations of
//! real form exports (Google Forms, Microsoft Forms, semicolons, a BOM,
//! formulas, odd headers) given to `unconf pitch import EVENT FILE
//! --dry-run`. For any file the command ends with 0 or 2 (never a panic or
//! a signal), says why in one line when it refuses, and prints nothing
//! live to the terminal.
//!
//! One process per input, so CI runs 150 of them; `scripts/fuzz.sh` runs it
//! for a chosen time like the others.

mod crash_kit;
mod fuzz_kit;

use crash_kit::Home;
use crash_kit::hostile::dangerous;
use fuzz_kit::{mutate_bytes, run};

const TOKENS: &[&str] = &[
    ",",
    ";",
    "\"",
    "\"\"",
    "\r\n",
    "\n",
    "\r",
    "\u{feff}",
    "=",
    "+",
    "-",
    "@",
    "\t",
    "title",
    "votes",
    "Session title",
    "Your name",
    "99999999999999999999",
    "-1",
    "\u{1b}[2J",
    "\u{202e}",
    "\u{0}",
    "\u{ff}",
];

#[test]
fn the_pitch_import_survives_any_file() {
    let home = Home::new();
    home.seed_event("Import day", "organiser", 1);
    let file = home.root().join("form.csv");
    let figures = run(
        "import",
        150,
        |rng, seeds| mutate_bytes(rng, seeds, TOKENS),
        |bytes| {
            std::fs::write(&file, bytes).expect("written");
            let path = file.display().to_string();
            let args = ["pitch", "import", "import-day", &path, "--dry-run"];
            let output = home.command("organiser", &args).output().expect("runs");
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            let code = output.status.code();
            assert!(matches!(code, Some(0 | 2)), "exit {code:?}: {stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            if code == Some(2) {
                assert_eq!(stderr.lines().count(), 1, "{stderr}");
            }
            for text in [&stdout, &stderr] {
                assert!(!text.chars().any(dangerous), "{text}");
            }
        },
    );
    println!("{figures}");
}
