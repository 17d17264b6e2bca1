//! A small fuzzing driver on stable Rust (`cargo fuzz` needs nightly and a
//! tool this project cannot count on): seeded mutations of a corpus, each
//! input run under `catch_unwind`, a failing input written to
//! `target/fuzz-failures/` so it can be added to the corpus.
//!
//! `UNCONF_FUZZ_SECONDS` runs a target for that long; otherwise it runs
//! `UNCONF_FUZZ_RUNS` inputs (CI's short, reproducible default).
//! `UNCONF_FUZZ_SEED` picks the random sequence.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The seeded, reproducible random source the library uses too.
#[allow(unused_imports)] // not every test crate that uses this kit draws numbers
pub use unconf::rng::Rng;

fn setting(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok()
}

/// The files of `tests/fixtures/fuzz-corpus/<target>`, sorted.
pub fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz-corpus")
        .join(target);
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable");
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// What a run did, for the figures in docs/RELIABILITY.md.
pub struct Figures {
    pub target: &'static str,
    pub executions: u64,
    pub elapsed: Duration,
    pub seed: u64,
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "fuzz {}: {} executions in {:.1} s, seed {:#x}",
            self.target,
            self.executions,
            self.elapsed.as_secs_f64(),
            self.seed
        )
    }
}

/// Runs `check` on every corpus input, then on mutations of them until the
/// budget is spent. A panic fails the test naming the saved input.
pub fn run(
    target: &'static str,
    default_runs: u64,
    mutate: impl Fn(&mut Rng, &[Vec<u8>]) -> Vec<u8>,
    check: impl Fn(&[u8]),
) -> Figures {
    let seeds: Vec<Vec<u8>> = corpus(target).into_iter().map(|(_, b)| b).collect();
    for seed in &seeds {
        try_one(target, seed, &check);
    }
    let seed = setting("UNCONF_FUZZ_SEED").unwrap_or(0x5eed);
    let mut rng = Rng::new(seed);
    let deadline = setting("UNCONF_FUZZ_SECONDS").map(Duration::from_secs);
    let runs = setting("UNCONF_FUZZ_RUNS").unwrap_or(default_runs);
    let start = Instant::now();
    let mut executions = seeds.len() as u64;
    loop {
        let done = match deadline {
            Some(limit) => start.elapsed() >= limit,
            None => executions >= runs,
        };
        if done {
            break;
        }
        let input = mutate(&mut rng, &seeds);
        try_one(target, &input, &check);
        executions += 1;
    }
    Figures {
        target,
        executions,
        elapsed: start.elapsed(),
        seed,
    }
}

fn try_one(target: &str, input: &[u8], check: &impl Fn(&[u8])) {
    if catch_unwind(AssertUnwindSafe(|| check(input))).is_ok() {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{target}-{:016x}", fnv(input)));
    let _ = std::fs::write(&path, input);
    panic!(
        "fuzz target {target} failed on an input saved as {}; add it to tests/fixtures/fuzz-corpus/{target}/ once fixed",
        path.display()
    );
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Byte-level mutations, with `tokens` spliced in now and then: flips,
/// insertions, deletions, repeats, truncations and crossovers.
pub fn mutate_bytes(rng: &mut Rng, seeds: &[Vec<u8>], tokens: &[&str]) -> Vec<u8> {
    let mut data = rng.pick(seeds).clone();
    for _ in 0..=rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(8) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.insert(at, u8::try_from(rng.below(256)).unwrap_or(0)),
            2 => {
                let end = (at + 1 + rng.below(64)).min(data.len());
                data.drain(at.min(end)..end);
            }
            3 => {
                let end = (at + 1 + rng.below(32)).min(data.len());
                let piece = data[at.min(end)..end].to_vec();
                data.splice(
                    at..at,
                    piece
                        .iter()
                        .copied()
                        .cycle()
                        .take(piece.len() * (1 + rng.below(8))),
                );
            }
            4 => data.truncate(at),
            5 => {
                let other = rng.pick(seeds);
                let from = rng.below(other.len() + 1);
                data.truncate(at);
                data.extend_from_slice(&other[from..]);
            }
            _ => {
                let token = rng.pick(tokens).as_bytes();
                data.splice(at..at, token.iter().copied());
            }
        }
    }
    data
}
