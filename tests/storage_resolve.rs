//! `unconf resolve EVENT RECORD --keep N` keeps the version the user saw
//! as number N, or nothing: when a version arrived after the listing, the
//! numbers may mean something else, so it is refused and nothing changes.

mod common;

use common::{Env, SESSION, copy_device_files, device_file, files, first_session, path_arg};

const A: (&str, &str) = ("laptop-a", "Ann");
const B: (&str, &str) = ("laptop-b", "Ben");
const C: (&str, &str) = ("laptop-c", "Cat");
const B_SUMMARY: &str = "summary from laptop B";

/// The record's id and the number of laptop B's version in a listing.
fn pick_b(listing: &str) -> (String, String) {
    let id = listing
        .lines()
        .find_map(|l| {
            l.split(" --keep N")
                .next()
                .filter(|_| l.contains("--keep N"))
        })
        .and_then(|l| l.split_whitespace().last())
        .unwrap_or_else(|| panic!("no record to keep in: {listing}"))
        .to_string();
    let n = listing
        .lines()
        .find(|l| l.contains(B_SUMMARY))
        .and_then(|l| l.trim_start().split('.').next())
        .unwrap_or_else(|| panic!("laptop B's version is not listed: {listing}"))
        .to_string();
    (id, n)
}

/// From resolve-keep-race.sh: laptops A (10:30), B (10:31) and C (10:29)
/// each write a summary on their own copy; laptop B's file reaches laptop
/// A's folder, the user lists the versions and picks laptop B's; laptop
/// C's file (earliest, so listed first) arrives before `--keep N` runs.
#[test]
fn keep_by_a_number_from_before_a_new_version_arrived_is_refused_and_changes_nothing() {
    let env = Env::new();
    let a = env.open_day(A);
    let (b, c) = (
        env.root().join("laptop-b/open-day"),
        env.root().join("laptop-c/open-day"),
    );
    copy_device_files(&a, &b);
    copy_device_files(&a, &c);
    for (who, dir, at, letter) in [
        (A, &a, "10:30", 'A'),
        (B, &b, "10:31", 'B'),
        (C, &c, "10:29", 'C'),
    ] {
        let summary = format!("summary from laptop {letter}");
        let now = format!("2026-11-27T{at}:00+00:00");
        let args = [
            "session",
            "set",
            path_arg(dir),
            SESSION,
            "--summary",
            &summary,
        ];
        env.run_on_at(who, &now, &args).success(&args);
    }
    env.set_time("10:40");
    std::fs::copy(device_file(&b, B.0), device_file(&a, B.0)).expect("laptop B's file syncs in");
    let event = path_arg(&a);
    let listing = env.ok_on(A, &["resolve", event]);
    let (id, n) = pick_b(&listing);
    std::fs::copy(device_file(&c, C.0), device_file(&a, C.0)).expect("laptop C's file syncs in");

    let before = files(&a);
    let stale = env.run_on(A, &["resolve", event, &id, "--keep", &n]);
    assert_eq!(
        stale.code, 2,
        "the user picked laptop B's version as number {n} in:\n{listing}\n\
         after laptop C's file arrived, --keep {n} gave {stale:?}"
    );
    let message = stale.refusal();
    assert!(
        !message.trim_end_matches('.').contains(". "),
        "one sentence: {message}"
    );
    common::assert_unchanged(&before, &files(&a), "a refused --keep");

    let listing = env.ok_on(A, &["resolve", event]);
    let (id, n) = pick_b(&listing);
    env.ok_on(A, &["resolve", event, &id, "--keep", &n]);
    let export = env.export_json(A, &a);
    assert_eq!(first_session(&export), (B_SUMMARY.to_string(), false));
    assert_eq!(export["conflicts"], serde_json::json!([]));
}
