use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::export::markdown;
use crate::model::ops;
use crate::tui::action::Screen;
use crate::tui::testing::{act, press, sample_state, screen};

fn on_export() -> State {
    let mut state = sample_state();
    state.screen = Screen::Export;
    state.exports_dir = "/home/sam/unconf/exports".into();
    state
}

fn kept_text(state: &State) -> Option<*const u8> {
    state.export.kept.peek().map(|p| p.made.text.as_ptr())
}

fn fresh(state: &State) -> bool {
    let width = preview_width(state);
    let kept = state.export.kept.peek();
    kept.is_some_and(|p| p.matches(state.event(), state.export.options, width))
}

#[test]
fn the_write_up_is_made_once_and_kept_while_scrolling() {
    let mut state = on_export();
    screen(&mut state, 80, 24);
    press(&mut state, &[KeyCode::Char('j')]);
    let kept = kept_text(&state);
    assert!(kept.is_some());
    press(
        &mut state,
        &[KeyCode::Char('j'), KeyCode::PageDown, KeyCode::Char('k')],
    );
    act(&mut state, Action::Scroll(3));
    assert_eq!(kept_text(&state), kept, "scrolling reuses the same text");
}

#[test]
fn an_edit_elsewhere_or_an_undo_shows_in_the_preview() {
    let mut state = on_export();
    press(&mut state, &[KeyCode::Char('j')]);
    let before = preview(&state).made.text.clone();
    // "A pattern library" is not scheduled, so its interest is in the text.
    let id = state
        .event()
        .pitches
        .keys()
        .last()
        .cloned()
        .unwrap_or_default();
    let changes = ops::bump_interest(state.event(), &id, 1);
    state.apply("Interest up.", changes);
    assert!(!fresh(&state), "the kept write-up is stale");
    let expected = markdown(state.event(), &ExportOptions::default().markdown());
    assert_ne!(expected, before);
    assert_eq!(preview(&state).made.text, expected);
    screen(&mut state, 160, 48);
    press(&mut state, &[KeyCode::End]);
    assert!(screen(&mut state, 160, 48).contains("A pattern library (2 interested)"));
    press(&mut state, &[KeyCode::Char('u')]);
    assert!(!fresh(&state), "undo changed the event again");
    assert_eq!(preview(&state).made.text, before);
}

#[test]
fn scrolling_stops_at_both_ends() {
    let mut state = on_export();
    screen(&mut state, 80, 24);
    press(&mut state, &[KeyCode::Char('k'), KeyCode::PageUp]);
    assert_eq!(state.export.scroll, 0);
    press(&mut state, &[KeyCode::End]);
    let total = preview(&state).lines.len();
    let end = total - preview_rows(&state);
    assert_eq!(state.export.scroll, end);
    press(&mut state, &[KeyCode::Char('j'), KeyCode::PageDown]);
    act(&mut state, Action::Scroll(3));
    assert_eq!(state.export.scroll, end);
    press(&mut state, &[KeyCode::Char('g')]);
    assert_eq!(state.export.scroll, 0);
    press(&mut state, &[KeyCode::Char('G'), KeyCode::Home]);
    assert_eq!(state.export.scroll, 0);
}

#[test]
fn n_adds_the_full_notes_and_takes_them_away_again() {
    let mut state = on_export();
    press(&mut state, &[KeyCode::Char('n')]);
    assert!(state.export.options.with_notes);
    let text = preview(&state).made.text.clone();
    assert!(text.contains("## Appendix: full notes"));
    assert!(text.contains("Who owns the standard?"));
    press(&mut state, &[KeyCode::Char('n')]);
    let text = preview(&state).made.text.clone();
    assert!(!text.contains("## Appendix"));
}

#[test]
fn w_or_enter_asks_the_loop_to_write_the_write_up_and_the_path_is_reported() {
    let mut state = on_export();
    let effects = press(&mut state, &[KeyCode::Char('w')]);
    let expected = markdown(state.event(), &ExportOptions::default().markdown());
    assert_eq!(
        effects,
        vec![Effect::WriteExport {
            file_name: "local-digital-unconference.md".into(),
            text: expected,
        }]
    );
    assert_eq!(press(&mut state, &[KeyCode::Enter]).len(), 1);
    act(
        &mut state,
        Action::Told {
            text: "Wrote /home/sam/unconf/exports/local-digital-unconference.md.".into(),
            error: false,
        },
    );
    assert!(screen(&mut state, 80, 24).contains("Wrote /home/sam/unconf/exports/local-digital"));
}

#[test]
fn the_export_screen_at_80_by_24() {
    let mut state = on_export();
    let shown = screen(&mut state, 80, 24);
    assert!(shown.contains("/home/sam/unconf/exports/local-digital-unconference.md"));
    insta::assert_snapshot!(shown);
}

#[test]
fn the_export_header_at_60_by_20_keeps_a_gap_before_the_place() {
    let mut state = on_export();
    let shown = screen(&mut state, 60, 20);
    let header = shown.lines().nth(1).unwrap_or_default();
    assert!(header.contains("  "), "{header}");
    assert!(header.trim_end().ends_with(char::is_numeric), "{header}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_export_screen_at_160_by_48() {
    let mut state = on_export();
    insta::assert_snapshot!(screen(&mut state, 160, 48));
}

#[test]
fn the_export_preview_scrolled_with_notes() {
    let mut state = on_export();
    screen(&mut state, 80, 24);
    press(
        &mut state,
        &[KeyCode::Char('n'), KeyCode::PageDown, KeyCode::PageDown],
    );
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn p_switches_to_the_public_write_up_named_as_the_cli_names_it() {
    let mut state = on_export();
    // The first session keeps the Chatham House Rule: what was said stays,
    // who pitched it and who took notes do not.
    let session = state.event().sessions_in_order()[0].0.clone();
    let details = ops::SessionDetails {
        chatham_house: Some(true),
        ..ops::SessionDetails::default()
    };
    let changes = ops::set_session_details(state.event(), &session, details);
    state.apply("Chatham House.", changes);
    let internal = preview(&state).made.text.clone();
    assert!(internal.contains("Asha Patel"));

    press(&mut state, &[KeyCode::Char('p')]);
    assert!(state.export.options.public);
    let public = preview(&state).made.text.clone();
    assert!(
        public.contains("Councils want one standard"),
        "what was said stays"
    );
    assert!(
        !public.contains("Asha Patel"),
        "who pitched it goes:\n{public}"
    );
    let shown = screen(&mut state, 80, 24);
    assert!(shown.contains("Public write-up"), "{shown}");
    assert!(
        shown.contains("local-digital-unconference-public.md"),
        "{shown}"
    );

    let effects = press(&mut state, &[KeyCode::Char('w')]);
    assert_eq!(
        effects,
        vec![Effect::WriteExport {
            file_name: "local-digital-unconference-public.md".into(),
            text: public,
        }]
    );
    press(&mut state, &[KeyCode::Char('p')]);
    assert_eq!(preview(&state).made.text, internal);
    assert!(screen(&mut state, 80, 24).contains("Internal write-up"));
}

#[test]
fn the_file_is_named_after_the_event_folder_as_the_command_line_names_it() {
    let mut state = on_export();
    // A second event of the same name got the folder "…-2".
    state.folder_name = "local-digital-unconference-2".into();
    assert_eq!(file_name(&state), "local-digital-unconference-2.md");
    press(&mut state, &[KeyCode::Char('p')]);
    assert_eq!(file_name(&state), "local-digital-unconference-2-public.md");
}

#[test]
fn the_public_preview_marks_probable_names_left_for_review() {
    let mut state = on_export();
    let session = state.event().sessions_in_order()[0].0.clone();
    let details = ops::SessionDetails {
        chatham_house: Some(true),
        summary: Some("Sarah Jones from Wakefield said councils publish too little.".into()),
        ..ops::SessionDetails::default()
    };
    let changes = ops::set_session_details(state.event(), &session, details);
    state.apply("Chatham House.", changes);
    assert!(preview(&state).made.marks.is_empty(), "only the public one");
    press(&mut state, &[KeyCode::Char('p')]);
    let made = &preview(&state).made;
    assert_eq!(made.marks, ["Sarah"], "Jones is known, and removed");
    assert!(made.text.contains("Sarah [name removed] from Wakefield"));
}

#[test]
fn f_switches_to_a_web_page_with_the_same_words_and_names_it_html() {
    let mut state = on_export();
    press(&mut state, &[KeyCode::Char('f')]);
    assert!(state.export.web_page);
    assert_eq!(file_name(&state), "local-digital-unconference.html");
    let shown = screen(&mut state, 80, 24);
    assert!(
        shown.contains("w writes it as a web page to …/unconf/exports/"),
        "{shown}"
    );
    assert!(shown.contains("local-digital-unconference.html"), "{shown}");
    insta::assert_snapshot!(shown);
    let effects = press(&mut state, &[KeyCode::Char('p'), KeyCode::Char('w')]);
    let expected = crate::export::html::html(state.event(), &state.export.options.markdown());
    assert_eq!(
        effects,
        vec![Effect::WriteExport {
            file_name: "local-digital-unconference-public.html".into(),
            text: expected,
        }]
    );
    press(&mut state, &[KeyCode::Char('f')]);
    assert_eq!(file_name(&state), "local-digital-unconference-public.md");
}
