//! Builders for TUI tests: a state on a small event, typing, and rendering
//! into a test backend. No terminal, no disk, fixed clock.

use chrono::{DateTime, FixedOffset, NaiveTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Effect};
use super::keymap;
use super::state::State;
use super::update::update;
use super::view::kept::Kept;
use crate::model::Id;
use crate::model::{
    Change, EventInfo, IdGen, Note, NoteKind, Person, Pitch, Record, Room, Session, Slot, SlotKind,
};
use crate::store::{Identity, Replica, Source};

/// 27 November 2026, 10:40 in London (winter: UTC).
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-27T10:40:00+00:00").unwrap_or_default()
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap_or_default()
}

/// An empty event with just its details.
pub fn empty_state() -> State {
    let me = Identity::from_label("test laptop", "Sam");
    let event_id = IdGen::new(b"test").make(1, 0);
    let mut replica = Replica::new(event_id.clone(), me, true);
    let info = EventInfo {
        name: "Local digital unconference".into(),
        date: now().date_naive().into(),
        venue: "Town hall".into(),
        organisers: vec!["techUK".into()],
        ..EventInfo::default()
    };
    replica
        .commit(
            vec![Change::put(event_id, Record::Event(info))],
            now().to_utc(),
        )
        .unwrap_or_default();
    State::new(replica, now())
}

/// A small day: three rooms, four slots, five pitches, two sessions (one
/// with notes), as a facilitator would have it at 10:40.
pub fn sample_state() -> State {
    let mut state = empty_state();
    let put = |state: &mut State, record: Record| {
        let id = state.new_id();
        state
            .replica
            .commit(vec![Change::put(id.clone(), record)], now().to_utc())
            .unwrap_or_default();
        id
    };
    let rooms: Vec<_> = [("Main hall", 60), ("Library", 20), ("Garden room", 12)]
        .into_iter()
        .enumerate()
        .map(|(i, (name, capacity))| {
            put(
                &mut state,
                Record::Room(Room {
                    name: name.into(),
                    capacity: Some(capacity),
                    position: i as i32,
                }),
            )
        })
        .collect();
    let slots: Vec<_> = [
        ("09:30", "10:00", "Welcome", SlotKind::Plenary),
        ("10:00", "11:00", "Round 1", SlotKind::Breakout),
        ("11:00", "11:15", "Coffee", SlotKind::Break),
        ("11:15", "12:15", "Round 2", SlotKind::Breakout),
    ]
    .into_iter()
    .map(|(start, end, label, kind)| {
        put(
            &mut state,
            Record::Slot(Slot {
                start: time(start),
                end: time(end),
                label: label.into(),
                kind,
            }),
        )
    })
    .collect();
    let pitches: Vec<_> = [
        ("Open standards for planning", "Asha Patel", 14),
        ("A vendor community", "Tom Reid", 9),
        ("Data across borders", "Kim Lee", 6),
        ("Responsible tech", "Sam Jones", 3),
        ("A pattern library", "Ola Nowak", 1),
    ]
    .into_iter()
    .map(|(title, by, interest)| {
        put(
            &mut state,
            Record::Pitch(Pitch {
                title: title.into(),
                pitched_by: vec![Person::named(by)],
                interest,
                ..Pitch::default()
            }),
        )
    })
    .collect();
    let session = put(
        &mut state,
        Record::Session(Session {
            pitches: vec![pitches[0].clone()],
            slot: slots[1].clone(),
            room: rooms[0].clone(),
            note_taker: Some("Sam".into()),
            ..Session::default()
        }),
    );
    put(
        &mut state,
        Record::Session(Session {
            pitches: vec![pitches[1].clone()],
            slot: slots[1].clone(),
            room: rooms[1].clone(),
            ..Session::default()
        }),
    );
    for (minute, text, kind) in [
        (12, "Councils want one standard, not five", NoteKind::Point),
        (15, "Who owns the standard?", NoteKind::Question),
        (21, "Pilot with two councils", NoteKind::Action),
    ] {
        let taken_at = now() - chrono::Duration::minutes(40 - minute);
        put(
            &mut state,
            Record::Note(Note {
                session: session.clone(),
                text: text.into(),
                kind,
                taken_at,
                author: "Sam".into(),
                private: false,
                status: crate::model::ActionStatus::Open,
            }),
        );
    }
    state.undo = Default::default();
    state
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses keys as the loop would: each through the keymap, then update,
/// then the disk's answer to a save (`Action::Saved`).
pub fn press(state: &mut State, keys: &[KeyCode]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for code in keys {
        if let Some(action) = keymap::action_for(state, &key(*code)) {
            let done = update(state, action);
            if done.contains(&Effect::Save) {
                update(state, Action::Saved);
            }
            effects.extend(done);
        }
    }
    effects
}

/// Types text one character at a time through the keymap.
pub fn type_text(state: &mut State, text: &str) -> Vec<Effect> {
    let codes: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    press(state, &codes)
}

pub fn act(state: &mut State, action: Action) -> Vec<Effect> {
    update(state, action)
}

/// Kim's laptop, having read everything this laptop wrote, changes the
/// record `id` with `change`; this laptop then reads Kim's file, as the
/// watcher makes it do while an editor or form is open.
pub fn kim_changes(state: &mut State, id: &Id, change: impl FnOnce(&mut Record)) {
    let me = Identity::from_label("Kim's laptop", "Kim");
    let mut kim = Replica::new(state.event().id.clone(), me, true);
    kim.absorb(state.replica.own_file(), Source::Other);
    let mut record = kim.event().record(id).expect("Kim's laptop has the record");
    change(&mut record);
    kim.commit(vec![Change::put(id.clone(), record)], state.now.to_utc())
        .expect("Kim's laptop can write");
    state.replica.absorb(kim.own_file(), Source::Other);
}

/// The screen as text, `width` x `height`, for snapshots.
pub fn screen(state: &mut State, width: u16, height: u16) -> String {
    update(state, Action::Resize { width, height });
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(terminal) => terminal,
        Err(error) => return format!("no terminal: {error}"),
    };
    if let Err(error) = terminal.draw(|frame| super::view::draw(state, &mut Kept::default(), frame))
    {
        return format!("draw failed: {error}");
    }
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
