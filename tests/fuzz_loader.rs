//! Fuzzing the device-file loader: seeded mutations of real, broken and
//! hand-made device files. For any bytes, parsing never panics, takes
//! bounded time, and either fails with a one-line reason or gives a file
//! that saves and loads back equal and merges into a replica.
//!
//! CI replays `tests/fixtures/fuzz-corpus/loader/` and 3,000 mutations;
//! `scripts/fuzz.sh` runs for a chosen time.

mod fuzz_kit;

use fuzz_kit::{mutate_bytes, run};
use unconf::store::format::DeviceFile;
use unconf::store::{Identity, Replica};

/// Pieces of RON and of this format worth splicing in.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    ",",
    ":",
    "Some(",
    "None",
    "-1",
    "18446744073709551616",
    "1e999",
    "NaN",
    "r#\"",
    "\"#",
    "'",
    "\\u{1b}",
    "\\",
    "/*",
    "*/",
    "//",
    "\n",
    "\r\n",
    "\u{feff}",
    "#![enable(implicit_some)]",
    "Pitch((",
    "Poll((",
    "version: 2",
    "version: 0",
    "device: \"\"",
    "vv: {}",
    "value: None",
    "at: \"9999-12-31T23:59:59Z\"",
    "at: \"yesterday\"",
    "\0",
    "\u{ff}",
    "(((((((((((((((((((((((((((((((((",
];

fn check(bytes: &[u8]) {
    let parsed = DeviceFile::parse(bytes);
    match parsed {
        Err(error) => {
            let message = error.to_string();
            assert!(!message.is_empty());
            if let Some((line, column)) = error.position() {
                assert!(line >= 1 && column >= 1, "{message}");
            }
        }
        Ok(file) => {
            let text = file.to_text().expect("a loaded file can be written");
            let again = DeviceFile::parse(text.as_bytes());
            assert_eq!(again.as_ref(), Ok(&file), "saved text:\n{text}");
            let me = Identity::from_label("fuzz", "fuzz");
            let mut replica = Replica::new(file.event.clone(), me, true);
            replica.absorb(file, unconf::store::Source::Other);
            let _ = replica.event().sessions_in_order();
        }
    }
}

#[test]
fn the_loader_survives_any_bytes() {
    let figures = run(
        "loader",
        3_000,
        |rng, seeds| mutate_bytes(rng, seeds, TOKENS),
        check,
    );
    println!("{figures}");
}
