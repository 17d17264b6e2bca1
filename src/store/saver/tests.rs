use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::DateTime;

use super::*;
use crate::model::{Change, EventInfo, IdGen, Pitch, Record};
use crate::store::{Access, EventFolder, Identity};

fn at(minute: u32) -> DateTime<Utc> {
    let text = format!("2026-11-27T10:{minute:02}:00+00:00");
    DateTime::parse_from_rfc3339(&text)
        .unwrap_or_default()
        .to_utc()
}

/// A replica with `pitches` pitches in its own file.
fn replica_with(pitches: usize) -> Replica {
    let me = Identity::from_label("saver laptop", "Sam");
    let mut replica = Replica::new(IdGen::new(b"saver").make(1, 0), me, true);
    for n in 0..pitches {
        add(&mut replica, &format!("Pitch {n}"));
    }
    replica
}

fn add(replica: &mut Replica, title: &str) {
    let id = replica.new_id(at(0));
    let pitch = Record::Pitch(Pitch {
        title: title.into(),
        ..Pitch::default()
    });
    replica
        .commit(vec![Change::put(id, pitch)], at(1))
        .expect("writable");
}

/// What the fake writer tells the test.
#[derive(Debug, PartialEq, Eq)]
enum Seen {
    /// A write began, of a file with this many versions.
    Began(usize),
    Ended(usize),
}

/// A writer that says when it begins and ends, and finishes each write
/// only when the test lets it (true: succeed, false: fail as a full disk).
struct Gated {
    seen: Sender<Seen>,
    go: Receiver<bool>,
}

impl WriteOwn for Gated {
    fn write(&mut self, snapshot: OwnSnapshot) -> Result<OnDisk, StoreError> {
        let records = snapshot.len();
        let _ = self.seen.send(Seen::Began(records));
        let succeed = self.go.recv().unwrap_or(false);
        let _ = self.seen.send(Seen::Ended(records));
        if !succeed {
            return Err(StoreError::Save {
                path: "saver.ron".into(),
                source: std::io::Error::from(std::io::ErrorKind::StorageFull),
            });
        }
        Ok(OnDisk {
            stamp: None,
            records,
            last_change: snapshot.last_change(),
            device: snapshot.identity().device.clone(),
            label: snapshot.identity().label.clone(),
        })
    }
}

fn gated() -> (Saver<Gated>, Receiver<Seen>, Sender<bool>) {
    let (seen, seen_rx) = channel();
    let (go_tx, go) = channel();
    (Saver::new(Gated { seen, go }), seen_rx, go_tx)
}

fn next(seen: &Receiver<Seen>) -> Seen {
    seen.recv_timeout(Duration::from_secs(30))
        .expect("the writer reports")
}

#[test]
fn submit_returns_before_the_write_and_nothing_is_saved_until_it_returns() {
    let (mut saver, seen, go) = gated();
    let generation = saver.submit(replica_with(2).own_snapshot());
    assert_eq!(next(&seen), Seen::Began(2));
    // The write is held: the loop has nothing to report yet.
    assert!(saver.busy());
    assert!(saver.collect().is_empty());
    go.send(true).expect("released");
    let outcomes = saver.wait();
    assert_eq!(next(&seen), Seen::Ended(2));
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].generation, generation);
    assert!(outcomes[0].result.is_ok());
    assert!(!saver.busy());
}

#[test]
fn saves_queued_during_a_write_are_written_once_with_the_newest_content() {
    let (mut saver, seen, go) = gated();
    let mut replica = replica_with(1);
    saver.submit(replica.own_snapshot());
    assert_eq!(next(&seen), Seen::Began(1));
    for title in ["two", "three", "four"] {
        add(&mut replica, title);
        saver.submit(replica.own_snapshot());
    }
    go.send(true).expect("first released");
    go.send(true).expect("second released");
    let outcomes = saver.wait();
    // The first write, then only the newest of the three queued behind it.
    assert_eq!(next(&seen), Seen::Ended(1));
    assert_eq!(next(&seen), Seen::Began(4));
    assert_eq!(next(&seen), Seen::Ended(4));
    let generations: Vec<u64> = outcomes.iter().map(|o| o.generation).collect();
    assert_eq!(generations, vec![1, 4]);
    drop(saver);
    assert!(seen.try_recv().is_err(), "no write of the skipped ones");
}

#[test]
fn a_failed_write_is_reported_with_its_reason_and_the_next_save_retries() {
    let (mut saver, seen, go) = gated();
    let mut replica = replica_with(1);
    saver.submit(replica.own_snapshot());
    go.send(false).expect("released to fail");
    let outcomes = saver.wait();
    assert_eq!(next(&seen), Seen::Began(1));
    let error = outcomes[0].result.as_ref().expect_err("failed");
    assert!(error.to_string().starts_with("Could not save saver.ron:"));
    add(&mut replica, "after the failure");
    saver.submit(replica.own_snapshot());
    go.send(true).expect("released");
    let outcomes = saver.wait();
    assert!(outcomes[0].result.is_ok());
    assert_eq!(outcomes[0].result.as_ref().map(|d| d.records).ok(), Some(2));
}

#[test]
fn a_write_now_waits_for_the_write_in_flight_and_never_overlaps_it() {
    let (mut saver, seen, go) = gated();
    let replica = replica_with(3);
    saver.submit(replica_with(1).own_snapshot());
    assert_eq!(next(&seen), Seen::Began(1));
    // Released from another thread only once the test has seen that the
    // first write is still going: the second cannot begin before it ends.
    let release = std::thread::spawn(move || {
        let _ = go.send(true);
        let _ = go.send(true);
    });
    let (earlier, now) = saver.write_now(replica.own_snapshot());
    let _ = release.join();
    assert_eq!(next(&seen), Seen::Ended(1));
    assert_eq!(next(&seen), Seen::Began(3));
    assert_eq!(next(&seen), Seen::Ended(3));
    assert_eq!(earlier.len(), 1);
    assert!(now.result.is_ok());
    assert_eq!(now.generation, 2);
    assert!(!saver.busy());
}

#[test]
fn a_snapshot_keeps_what_it_took_while_the_replica_moves_on() {
    let mut replica = replica_with(2);
    let snapshot = replica.own_snapshot();
    add(&mut replica, "after the snapshot");
    assert_eq!(snapshot.to_file().records.len(), 2);
    assert_eq!(replica.own_snapshot().to_file().records.len(), 3);
    assert_eq!(replica.own_file(), replica.own_snapshot().to_file());
}

#[test]
fn a_save_on_the_writer_thread_reaches_the_disk_and_is_reported_once() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let me = Identity::from_label("organiser", "Org");
    let clock =
        Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap_or_default());
    let info = EventInfo {
        name: "Saver unconference".into(),
        ..EventInfo::default()
    };
    let folder = EventFolder::create(sessions.path(), info, me, clock).expect("created");
    let (mut disk, mut replica) = folder.into_parts();
    add(&mut replica, "Written off the input thread");
    disk.want_save();
    disk.start_save(&replica).expect("started");
    assert!(disk.has_unsaved(), "not saved until the writer says so");
    let news = disk.wait_for_saves(&replica);
    assert_eq!(news.len(), 1);
    assert!(news[0].is_ok());
    assert!(!disk.has_unsaved());
    assert!(!disk.saving());
    let text = std::fs::read_to_string(disk.own_path()).expect("own file");
    assert!(text.contains("Written off the input thread"));
    // Nothing asked for: nothing started, nothing to report.
    disk.start_save(&replica).expect("nothing to start");
    assert!(disk.save_news().is_empty());
    // The file is this process's own write: a reload reads nothing.
    let reload = disk.reload(&mut replica);
    assert_eq!(reload.new_versions, 0);
    assert!(!reload.own_restored);
    let reopened = EventFolder::open(disk.dir(), replica.identity().clone(), clock, Access::Read)
        .expect("reopened");
    assert_eq!(reopened.event().pitches.len(), 1);
}

#[test]
fn a_read_only_event_refuses_at_once_and_starts_nothing() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let me = Identity::from_label("organiser", "Org");
    let clock =
        Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap_or_default());
    let info = EventInfo {
        name: "Read-only unconference".into(),
        ..EventInfo::default()
    };
    let folder = EventFolder::create(sessions.path(), info, me, clock).expect("created");
    let (mut disk, mut replica) = folder.into_parts();
    replica.set_read_only("it was opened for reading only");
    disk.want_save();
    let refused = disk.start_save(&replica).expect_err("refused");
    assert!(refused.to_string().contains("read-only"), "{refused}");
    assert!(!disk.saving());
}
