//! Terminal injection through the command line: an event whose every text
//! field holds escape sequences, BEL, backspaces, bidirectional overrides,
//! zero-width characters, C1 controls and very long words, written by a
//! device with such a label (as a hand-edited or remote file could be).
//! Whatever a command prints for a terminal (tables, lists, messages,
//! `check`) holds none of those characters; the write-up keeps its
//! structure when parsed back.

mod crash_kit;

use crash_kit::hostile::{build, dangerous};
use crash_kit::{Home, clock};
use pulldown_cmark::{Event as Md, Parser, Tag};
use unconf::store::{Access, EventFolder, Identity};

fn assert_inert(what: &str, text: &str) {
    if let Some((at, c)) = text.char_indices().find(|(_, c)| dangerous(*c)) {
        let from = text[..at]
            .char_indices()
            .rev()
            .nth(39)
            .map_or(0, |(i, _)| i);
        panic!(
            "{what} printed {c:?} at byte {at}: {:?}",
            &text[from..at + c.len_utf8()]
        );
    }
}

#[test]
fn every_command_prints_user_text_inert() {
    let home = Home::new();
    let dir = build(&home);
    let folder_name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a name")
        .to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec![],
        vec!["list"],
        vec!["pitch", "list", &folder_name],
        vec!["actions", &folder_name],
        vec!["check", &folder_name],
        vec!["pitch", "list", &folder_name, "--format", "json"],
        // Refusals quote what was typed and what it could mean.
        vec![
            "schedule",
            &folder_name,
            "\u{1b}[2Jnothing",
            "--slot",
            "10:30",
            "--room",
            "x",
        ],
        vec![
            "schedule",
            &folder_name,
            "#",
            "--slot",
            "\u{1b}[2J",
            "--room",
            "x",
        ],
        vec!["note", "add", &folder_name, "漢字", "\u{1b}[2J"],
    ];
    for args in &commands {
        let output = home.command("reader", args).output().expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if args.contains(&"json") {
            // JSON carries the text exactly; controls come out escaped.
            assert!(
                !stdout.chars().any(|c| c.is_control() && c != '\n'),
                "{stdout}"
            );
            continue;
        }
        assert_inert(&format!("unconf {args:?} (stdout)"), &stdout);
        assert_inert(
            &format!("unconf {args:?} (stderr)"),
            &String::from_utf8_lossy(&output.stderr),
        );
    }
}

#[test]
fn a_broken_file_whose_name_and_text_are_hostile_is_reported_inert() {
    let home = Home::new();
    let dir = build(&home);
    let folder_name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a name")
        .to_string();
    std::fs::write(
        dir.join("\u{1b}[2Jevil\u{7}.ron"),
        "(format: \"\u{1b}]0;x\u{7}\")",
    )
    .expect("a hostile file");
    std::fs::write(
        dir.join("liar.ron"),
        "(format: \"\u{1b}[31mplanner\", version: 1, event: \"x\", device: \"d\")",
    )
    .expect("another");
    for args in [
        vec!["check", &folder_name],
        vec!["pitch", "list", &folder_name],
    ] {
        let output = home.command("reader", &args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2));
        assert_inert(
            &format!("unconf {args:?} (stdout)"),
            &String::from_utf8_lossy(&output.stdout),
        );
        assert_inert(
            &format!("unconf {args:?} (stderr)"),
            &String::from_utf8_lossy(&output.stderr),
        );
    }
}

#[test]
fn the_write_up_keeps_its_structure() {
    let home = Home::new();
    let dir = build(&home);
    let folder_name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a name")
        .to_string();
    let output = home
        .command(
            "reader",
            &["export", &folder_name, "--with-notes", "--out", "-"],
        )
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    for event in Parser::new(&text) {
        match event {
            Md::Html(html) | Md::InlineHtml(html) => panic!("raw HTML in the write-up: {html}"),
            Md::Start(Tag::Link { dest_url, .. }) | Md::Start(Tag::Image { dest_url, .. }) => {
                assert!(
                    !dest_url.to_lowercase().contains("javascript:"),
                    "{dest_url}"
                );
            }
            _ => {}
        }
    }
    let reader = EventFolder::open(
        &dir,
        Identity::from_label("reader", "reader"),
        clock(),
        Access::Read,
    )
    .expect("opens");
    assert_eq!(reader.event().pitches.len(), 1);
}
