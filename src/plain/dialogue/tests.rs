use super::*;
use crate::model::NoteKind;
use crate::tui::screen::notes::enter_note_taker;
use crate::tui::testing::sample_state;

/// Note-taker mode on the sample's first session, as plain mode starts.
fn taking_notes() -> (State, Dialogue, Id) {
    let mut state = sample_state();
    let session = state.event().sessions_in_order()[0].0.clone();
    enter_note_taker(&mut state, session.as_str(), None, Ok(session.clone()));
    (state, Dialogue::default(), session)
}

fn status(state: &State) -> String {
    state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_line_adds_a_note_of_its_prefix_and_asks_for_a_save() {
    let (mut state, mut dialogue, session) = taking_notes();
    let before = state.event().note_count(&session);
    let reply = dialogue.on_line(&mut state, "? who pays for hosting");
    assert!(reply.effects.contains(&Effect::Save));
    assert_eq!(status(&state), "Added a question at 10:40.");
    let (_, note) = state.event().notes_of(&session).last().expect("a note");
    assert_eq!(
        (note.kind, note.text.as_str()),
        (NoteKind::Question, "who pays for hosting")
    );
    assert_eq!(state.event().note_count(&session), before + 1);
    assert_eq!(dialogue.prompt(), "> ");
}

#[test]
fn private_applies_to_the_next_note_only() {
    let (mut state, mut dialogue, session) = taking_notes();
    dialogue.on_line(&mut state, "/private");
    dialogue.on_line(&mut state, "! Kim to send the names");
    assert_eq!(status(&state), "Added a private action at 10:40.");
    dialogue.on_line(&mut state, "open to all");
    let last: Vec<bool> = state
        .event()
        .notes_of(&session)
        .rev()
        .take(2)
        .map(|(_, n)| n.private)
        .collect();
    assert_eq!(last, [false, true]);
}

#[test]
fn the_summary_is_written_line_by_line_and_saved_by_a_full_stop() {
    let (mut state, mut dialogue, session) = taking_notes();
    let reply = dialogue.on_line(&mut state, "/summary");
    assert!(
        reply.lines.iter().any(|l| l.contains("full stop")),
        "{reply:?}"
    );
    assert_eq!(dialogue.prompt(), "summary> ");
    dialogue.on_line(&mut state, "We agreed to publish.");
    dialogue.on_line(&mut state, "Then to meet again.");
    assert_eq!(dialogue.prompt(), "summary> ");
    let reply = dialogue.on_line(&mut state, ".");
    assert!(reply.effects.contains(&Effect::Save), "{reply:?}");
    assert_eq!(status(&state), "Saved the summary.");
    assert_eq!(dialogue.mode, Mode::Notes);
    let summary = &state.event().sessions[&session].summary;
    assert!(
        summary.ends_with("We agreed to publish.\nThen to meet again."),
        "{summary:?}"
    );
    // The next line is a note again.
    dialogue.on_line(&mut state, "after");
    assert_eq!(status(&state), "Added a point at 10:40.");
}

#[test]
fn cancel_leaves_the_outcome_as_it_was_and_forgets_the_draft() {
    let (mut state, mut dialogue, session) = taking_notes();
    let before = state.event().sessions[&session].outcome.clone();
    dialogue.on_line(&mut state, "/outcome");
    dialogue.on_line(&mut state, "/clear");
    dialogue.on_line(&mut state, "nothing");
    let reply = dialogue.on_line(&mut state, "/cancel");
    assert!(matches!(
        reply.effects.as_slice(),
        [Effect::ClearDraft { .. }]
    ));
    assert_eq!(state.event().sessions[&session].outcome, before);
    assert_eq!(dialogue.mode, Mode::Notes);
}

#[test]
fn a_next_step_asks_for_its_owner_and_due_date() {
    let (mut state, mut dialogue, session) = taking_notes();
    dialogue.on_line(&mut state, "/next Publish the notes");
    assert_eq!(dialogue.prompt(), "owner> ");
    dialogue.on_line(&mut state, "Kim");
    assert_eq!(dialogue.prompt(), "due> ");
    let reply = dialogue.on_line(&mut state, "not a date");
    assert!(reply.effects.is_empty());
    assert_eq!(
        dialogue.prompt(),
        "due> ",
        "asked again: {}",
        status(&state)
    );
    let reply = dialogue.on_line(&mut state, "2026-12-04");
    assert!(reply.effects.contains(&Effect::Save), "{}", status(&state));
    let steps = state.event().actions_of(Some(&session));
    let step = steps
        .last()
        .map(|(_, a)| (*a).clone())
        .expect("a next step");
    assert_eq!(step.text, "Publish the notes");
    assert_eq!(step.owner.as_deref(), Some("Kim"));
    assert_eq!(dialogue.mode, Mode::Notes);
}

#[test]
fn undo_takes_back_the_last_note() {
    let (mut state, mut dialogue, session) = taking_notes();
    let before = state.event().note_count(&session);
    dialogue.on_line(&mut state, "a typo");
    let reply = dialogue.on_line(&mut state, "/undo");
    assert!(reply.effects.contains(&Effect::Save));
    assert!(status(&state).starts_with("Undid"), "{}", status(&state));
    assert_eq!(state.event().note_count(&session), before);
}

#[test]
fn list_reads_the_last_notes_oldest_first() {
    let (mut state, mut dialogue, _) = taking_notes();
    dialogue.on_line(&mut state, "first");
    dialogue.on_line(&mut state, "* second");
    let reply = dialogue.on_line(&mut state, "/list 2");
    assert_eq!(reply.lines.len(), 3, "{:?}", reply.lines);
    assert!(
        reply.lines[1].ends_with("point: first (Sam)"),
        "{:?}",
        reply.lines
    );
    assert!(
        reply.lines[2].ends_with("idea: second (Sam)"),
        "{:?}",
        reply.lines
    );
}

#[test]
fn session_switches_by_number_from_a_list_with_slot_and_room() {
    let (mut state, mut dialogue, first) = taking_notes();
    let reply = dialogue.on_line(&mut state, "/session");
    assert!(
        reply.lines.iter().any(|l| l.starts_with("1. ")),
        "{reply:?}"
    );
    assert!(reply.lines.iter().any(|l| l.contains("Round")), "{reply:?}");
    let Mode::Choosing(ids) = dialogue.mode.clone() else {
        panic!("a number is asked for");
    };
    let other = ids
        .iter()
        .position(|id| *id != first)
        .expect("another session");
    let reply = dialogue.on_line(&mut state, "99");
    assert!(reply.lines[0].starts_with("Type a number"), "{reply:?}");
    assert_eq!(dialogue.prompt(), "session number> ", "asked again");
    let reply = dialogue.on_line(&mut state, &(other + 1).to_string());
    assert!(reply.lines[0].starts_with("Notes now go to"), "{reply:?}");
    assert_eq!(state.note_taker.as_ref(), Some(&ids[other]));
    dialogue.on_line(&mut state, "here now");
    assert!(state.event().note_count(&ids[other]) > 0);
}

#[test]
fn time_and_who_answer_in_one_sentence() {
    let (mut state, mut dialogue, _) = taking_notes();
    let reply = dialogue.on_line(&mut state, "/time");
    assert!(reply.lines[0].starts_with("It is 10:40; "), "{reply:?}");
    let reply = dialogue.on_line(&mut state, "/who");
    assert_eq!(reply.lines.len(), 1, "{reply:?}");
}

#[test]
fn quit_asks_the_loop_to_leave() {
    let (mut state, mut dialogue, _) = taking_notes();
    let reply = dialogue.on_line(&mut state, "/quit");
    assert!(reply.effects.contains(&Effect::Quit));
}

#[test]
fn a_summary_changed_meanwhile_on_another_laptop_is_kept_and_said_in_plain_words() {
    let (mut state, mut dialogue, session) = taking_notes();
    dialogue.on_line(&mut state, "/summary");
    crate::tui::testing::kim_changes(&mut state, &session, |record| {
        if let crate::model::Record::Session(s) = record {
            s.summary = "Kim's summary.".into();
        }
    });
    dialogue.on_line(&mut state, "Ours.");
    dialogue.on_line(&mut state, ".");
    let told = status(&state);
    assert!(told.starts_with("Saved the summary. Kim changed"), "{told}");
    assert!(
        told.ends_with("both are kept; unconf resolve lists them."),
        "{told}"
    );
}
