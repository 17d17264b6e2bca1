//! Three laptops make random edits (notes, summaries, outcomes, pitches,
//! next steps, decisions) on their own copies of an event and merge each
//! other's folders at random. After every merge, every record the merged
//! folder shows is shown by the merging one; once every laptop has merged
//! every other, the three agree, every acknowledged record is there once,
//! and another round of merges changes no byte.
//!
//! Ported from random-merges-lose-records.py, with a seeded random source
//! and a fixed clock instead of the real one, so that a failing seed fails
//! again.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{Env, copy_device_files, files, path_arg, texts};

const LAPTOPS: [(&str, &str); 3] = [
    ("laptop-a", "Ann"),
    ("laptop-b", "Ben"),
    ("laptop-c", "Cat"),
];
const SESSIONS: [&str; 2] = ["open data", "open standards"];
/// Random operations per seed: enough for folders to hold diverged copies
/// of one laptop's file, few enough for a few seconds in a debug build.
const OPS: usize = 200;

/// SplitMix64: a tiny, seeded, reproducible random source.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        usize::try_from((z ^ (z >> 31)) % n as u64).expect("small")
    }
}

/// The day the script sets up, then copied to each laptop's own folder.
fn three_copies(env: &Env) -> Vec<PathBuf> {
    let (a, event) = (LAPTOPS[0], env.event_dir(common::OPEN_DAY));
    let dir = path_arg(&event);
    env.ok_on(a, &["new", "Open day", "--date", "2026-11-27"]);
    for args in [
        &["room", "add", dir, "Library"][..],
        &["room", "add", dir, "Hall"],
        &["slot", "add", dir, "10:30", "11:15", "--label", "Round 1"],
        &["slot", "add", dir, "11:30", "12:15", "--label", "Round 2"],
        &["pitch", "add", dir, "Open data"],
        &["pitch", "add", dir, "Open standards"],
        &["pitch", "add", dir, "Procurement"],
        &["pitch", "add", dir, "Skills"],
        &[
            "schedule",
            dir,
            "open data",
            "--slot",
            "Round 1",
            "--room",
            "Library",
        ],
        &[
            "schedule",
            dir,
            "open standards",
            "--slot",
            "Round 1",
            "--room",
            "Hall",
        ],
    ] {
        env.ok_on(a, args);
    }
    LAPTOPS
        .iter()
        .map(|(device, _)| {
            let copy = env.root().join(device).join("open-day");
            copy_device_files(&event, &copy);
            copy
        })
        .collect()
}

/// Every note, pitch, next step and decision `who` sees in `dir`.
fn records(env: &Env, who: (&str, &str), dir: &Path) -> Vec<String> {
    let export = env.export_json(who, dir);
    let mut all = texts(&export, "notes", "text");
    all.extend(texts(&export, "pitches", "title"));
    all.extend(texts(&export, "actions", "text"));
    all.extend(texts(&export, "decisions", "text"));
    all
}

/// Laptop `me` merges laptop `other`'s folder; the merge must succeed.
fn merge(env: &Env, folders: &[PathBuf], me: usize, other: usize) -> String {
    let args = ["merge", path_arg(&folders[me]), path_arg(&folders[other])];
    env.run_on(LAPTOPS[me], &args).success(&args)
}

fn run(seed: u64) {
    println!("seed {seed}, {OPS} operations");
    let env = Env::new();
    let folders = three_copies(&env);
    let mut rng = Rng(seed);
    // Records each laptop added and was told were saved.
    let mut acked: Vec<String> = Vec::new();
    for k in 0..OPS {
        let me = rng.below(LAPTOPS.len());
        let who = LAPTOPS[me];
        let dir = path_arg(&folders[me]);
        let text = format!("{} {k}", who.0);
        let session = SESSIONS[rng.below(SESSIONS.len())];
        // The script's mix of operations, in hundredths.
        let (args, added): (Vec<String>, Option<String>) = match rng.below(100) {
            0..35 => {
                let note = format!("note {text}");
                (v(&["note", "add", dir, session, &note]), Some(note))
            }
            35..55 => (
                v(&[
                    "session",
                    "set",
                    dir,
                    session,
                    "--summary",
                    &format!("summary {text}"),
                ]),
                None,
            ),
            55..65 => {
                let pitch = format!("pitch {text}");
                (v(&["pitch", "add", dir, &pitch]), Some(pitch))
            }
            65..72 => {
                let step = format!("next step {text}");
                (v(&["action", "add", dir, "--event", &step]), Some(step))
            }
            72..78 => {
                let decision = format!("decision {text}");
                (v(&["decision", "add", dir, &decision]), Some(decision))
            }
            78..83 => (
                v(&[
                    "session",
                    "set",
                    dir,
                    session,
                    "--outcome",
                    &format!("outcome {text}"),
                ]),
                None,
            ),
            _ => {
                let other = (me + 1 + rng.below(LAPTOPS.len() - 1)) % LAPTOPS.len();
                let said = merge(&env, &folders, me, other);
                let theirs = records(&env, LAPTOPS[other], &folders[other]);
                let ours: BTreeSet<String> = records(&env, who, &folders[me]).into_iter().collect();
                let missing: Vec<&String> = theirs.iter().filter(|r| !ours.contains(*r)).collect();
                assert!(
                    missing.is_empty(),
                    "seed {seed}, operation {k}: {} merged {}'s folder and still lacks {missing:?}; the merge said: {said}",
                    who.0,
                    LAPTOPS[other].0
                );
                continue;
            }
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.run_on(who, &args).success(&args);
        acked.extend(added);
    }

    // Every laptop merges every other one.
    let round = || {
        for me in 0..LAPTOPS.len() {
            for other in (0..LAPTOPS.len()).filter(|o| *o != me) {
                merge(&env, &folders, me, other);
            }
        }
    };
    round();
    let exports: Vec<serde_json::Value> = (0..LAPTOPS.len())
        .map(|n| env.export_json(LAPTOPS[n], &folders[n]))
        .collect();
    for (n, export) in exports.iter().enumerate().skip(1) {
        assert!(
            *export == exports[0],
            "seed {seed}: after every laptop merged every other, {} and {} disagree",
            LAPTOPS[0].0,
            LAPTOPS[n].0
        );
    }
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for record in records(&env, LAPTOPS[0], &folders[0]) {
        *count.entry(record).or_default() += 1;
    }
    let lost: Vec<&String> = acked.iter().filter(|r| count.get(*r) != Some(&1)).collect();
    assert!(
        lost.is_empty(),
        "seed {seed}: acknowledged records lost or doubled: {lost:?}"
    );

    let before: Vec<_> = folders.iter().map(|f| files(f)).collect();
    round();
    for (folder, before) in folders.iter().zip(&before) {
        common::assert_unchanged(
            before,
            &files(folder),
            &format!("seed {seed}: a second round of merges"),
        );
    }
}

fn v(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_string()).collect()
}

/// One test per seed, so that they run side by side and a failure names
/// its seed.
macro_rules! seeds {
    ($($name:ident: $seed:expr),* $(,)?) => {
        $(
            /// From random-merges-lose-records.py.
            #[test]
            fn $name() {
                run($seed);
            }
        )*
    };
}

seeds! {
    random_merges_lose_no_record_seed_1: 1,
    random_merges_lose_no_record_seed_2: 2,
    random_merges_lose_no_record_seed_3: 3,
    random_merges_lose_no_record_seed_4: 4,
    random_merges_lose_no_record_seed_5: 5,
    random_merges_lose_no_record_seed_6: 6,
    random_merges_lose_no_record_seed_7: 7,
    random_merges_lose_no_record_seed_8: 8,
}
