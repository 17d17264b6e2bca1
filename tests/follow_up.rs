//! `unconf new NAME --follow-up PREVIOUS`, the actions register and
//! `action done`: the next day opens with what happened since.

mod common;

use common::Env;

const FIRST: &str = "supplier-day";
const NEXT: &str = "co-design-workshop";

/// A first day with a session, open and done next steps, and a decision.
fn first_day(env: &Env) {
    env.ok(&["new", "Supplier day", "--date", "2018-10-23"]);
    env.ok(&["room", "add", FIRST, "Library"]);
    env.ok(&["slot", "add", FIRST, "10:30", "11:30", "--label", "Round 1"]);
    env.ok(&[
        "pitch",
        "add",
        FIRST,
        "A vendor community",
        "--by",
        "Carlos",
    ]);
    env.ok(&[
        "schedule", FIRST, "vendor", "--slot", "Round 1", "--room", "Library",
    ]);
    env.ok(&[
        "action",
        "add",
        FIRST,
        "vendor",
        "Write to members",
        "--owner",
        "Carlos",
        "--due",
        "2018-11-02",
    ]);
    env.ok(&[
        "action",
        "add",
        FIRST,
        "vendor",
        "Book the room",
        "--owner",
        "techUK",
    ]);
    env.ok(&["action", "done", FIRST, "book the room"]);
    env.ok(&[
        "action",
        "add",
        FIRST,
        "--event",
        "Run a co-design workshop",
        "--owner",
        "techUK",
        "--due",
        "2018-11-20",
    ]);
    env.ok(&[
        "decision",
        "add",
        FIRST,
        "Start a vendor community",
        "--lead",
        "techUK",
    ]);
}

#[test]
fn a_follow_up_carries_open_actions_and_decisions_and_reports_them() {
    let env = Env::new();
    first_day(&env);
    let made = env.ok(&[
        "new",
        "Co-design workshop",
        "--date",
        "2018-11-20",
        "--follow-up",
        FIRST,
    ]);
    assert_eq!(
        made,
        "Created \"Co-design workshop\" in [HOME]/sessions/co-design-workshop.\n\
         Carried over 2 open actions and 1 decision from \"Supplier day\".\n"
    );
    let register = env.ok(&["export", NEXT, "--format", "csv", "--out", "-"]);
    assert_eq!(
        register,
        "event,session,action,owner,due,status\r\n\
         Co-design workshop,,Run a co-design workshop (carried over from Supplier day),techUK,2018-11-20,open\r\n\
         Co-design workshop,,\"Write to members (carried over from Supplier day, session “A vendor community”)\",Carlos,2018-11-02,open\r\n"
    );
    let decisions = env.ok(&["export", NEXT, "--format", "json", "--out", "-"]);
    assert!(
        decisions
            .contains("\"text\": \"Start a vendor community (carried over from Supplier day)\""),
        "{decisions}"
    );

    env.ok(&["action", "done", NEXT, "write to members"]);
    let write_up = env.ok(&["export", NEXT, "--out", "-"]);
    let since = "## What happened since Supplier day\n\n\
                 These decisions and next steps were carried over from Supplier day.\n\n\
                 **Decisions carried over:**\n\n\
                 - Start a vendor community — led by techUK\n\n\
                 **Next steps carried over:**\n\n\
                 - Run a co-design workshop — techUK, due 20 November 2018 (still open)\n\
                 - Write to members — Carlos, due 2 November 2018 (from A vendor community; done)\n";
    assert!(write_up.contains(since), "{write_up}");
    assert!(
        write_up.contains("This event follows up Supplier day."),
        "{write_up}"
    );
    assert!(
        !write_up.contains("## Decisions and next steps"),
        "carried items are not listed twice: {write_up}"
    );
    let first = env.ok(&["export", FIRST, "--out", "-"]);
    assert!(!first.contains("What happened since"), "{first}");
}

#[test]
fn a_follow_up_of_an_unknown_event_makes_nothing() {
    let env = Env::new();
    first_day(&env);
    let message = env.refused(&["new", "Next", "--follow-up", "no-such-event"]);
    assert!(message.contains("no-such-event"), "{message}");
    assert!(!env.event_dir("next").exists());
}

#[test]
fn the_actions_register_lists_status_and_action_done_closes_one() {
    let env = Env::new();
    first_day(&env);
    let register = env.ok(&["actions", FIRST]);
    let lines: Vec<&str> = register.lines().collect();
    assert!(
        lines[0].starts_with("id") && lines[0].contains("status"),
        "{register}"
    );
    assert_eq!(lines.len(), 4, "{register}");
    assert!(register.contains("done    Book the room"), "{register}");
    let csv = env.ok(&["export", FIRST, "--format", "csv", "--out", "-"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        ["event", "session", "action", "owner", "due", "status"]
    );
    let rows: Vec<Vec<String>> = (reader.records())
        .map(|r| r.expect("a row").iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows,
        [
            [
                "Supplier day",
                "",
                "Run a co-design workshop",
                "techUK",
                "2018-11-20",
                "open"
            ],
            [
                "Supplier day",
                "A vendor community",
                "Write to members",
                "Carlos",
                "2018-11-02",
                "open"
            ],
            [
                "Supplier day",
                "A vendor community",
                "Book the room",
                "techUK",
                "",
                "done"
            ],
        ]
    );
}
