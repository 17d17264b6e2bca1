//! Spreadsheet injection: every CSV the app writes neutralises cells that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
//! tab or a carriage return, as OWASP lists) by a leading `'`, and parses
//! back, per RFC 4180, to exactly the cells meant.
//!
//! The CSVs: `unconf pitch list --format csv` and the actions register
//! (`unconf export --format csv`). Add any new CSV output here.

mod crash_kit;

use crash_kit::Home;
use proptest::prelude::*;
use unconf::export::csv;

const EVENT: &str = "csv-day";

/// Cells that would run in Excel, LibreOffice or Google Sheets.
const FORMULAS: [&str; 9] = [
    "=1+1",
    "=HYPERLINK(\"http://x\",\"click\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|'/c calc'!A1,\"quoted\"\nsecond line",
    "-",
];

/// RFC 4180 records: quoted fields may hold commas, quotes and newlines.
fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![vec![String::new()]];
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        let row = rows.last_mut().expect("a row");
        let cell = row.last_mut().expect("a cell");
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(String::new()),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                rows.push(vec![String::new()]);
            }
            (false, c) => cell.push(c),
        }
    }
    if rows.last().is_some_and(|r| r.len() == 1 && r[0].is_empty()) {
        rows.pop();
    }
    rows
}

/// What a cell must read as, once parsed: the text, with a `'` first when
/// it would otherwise start a formula.
fn neutral(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn assert_safe(cell: &str) {
    assert!(
        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
        "a live formula: {cell:?}"
    );
}

#[test]
fn pitch_list_csv_neutralises_every_formula() {
    let home = Home::new();
    home.seed_event("CSV day", "organiser", 0);
    for formula in FORMULAS {
        // `--x=VALUE` and `--` let values start with `-`, as scripts do.
        let options = ["by", "org", "description", "tag"].map(|o| format!("--{o}={formula}"));
        let mut args = vec!["pitch", "add"];
        args.extend(options.iter().map(String::as_str));
        args.extend([EVENT, "--", formula]);
        let output = home.command("organiser", &args).output().expect("runs");
        assert!(output.status.success(), "{formula:?}: {output:?}");
    }
    let output = home
        .command("organiser", &["pitch", "list", EVENT, "--format", "csv"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let rows = parse(&String::from_utf8(output.stdout).expect("UTF-8"));
    assert_eq!(
        rows.len(),
        FORMULAS.len() + 1,
        "a header and one row per pitch"
    );
    let header = &rows[0];
    let title = header
        .iter()
        .position(|h| h == "title")
        .expect("a title column");
    let mut titles: Vec<&str> = Vec::new();
    for row in &rows {
        assert_eq!(row.len(), header.len(), "{row:?}");
        row.iter().for_each(|cell| assert_safe(cell));
        titles.push(&row[title]);
    }
    for formula in FORMULAS {
        let expected = neutral(formula.trim());
        assert!(
            titles
                .iter()
                .any(|t| *t == expected || *t == neutral(formula)),
            "{formula:?} not shown as {expected:?} in {titles:?}"
        );
    }
}

#[test]
fn the_actions_register_neutralises_every_formula() {
    let home = Home::new();
    home.seed_event("CSV day", "organiser", 0);
    for formula in FORMULAS {
        let owner = format!("--owner={formula}");
        let args = ["action", "add", "--event", &owner, EVENT, "--", formula];
        let output = home.command("organiser", &args).output().expect("runs");
        assert!(output.status.success(), "{formula:?}: {output:?}");
    }
    let args = ["export", EVENT, "--format", "csv", "--out", "-"];
    let output = home.command("organiser", &args).output().expect("runs");
    assert!(output.status.success(), "{output:?}");
    let rows = parse(&String::from_utf8(output.stdout).expect("UTF-8"));
    assert_eq!(rows.len(), FORMULAS.len() + 1, "{rows:?}");
    let action = rows[0]
        .iter()
        .position(|h| h == "action")
        .expect("a column");
    for row in &rows {
        assert_eq!(row.len(), rows[0].len(), "{row:?}");
        row.iter().for_each(|cell| assert_safe(cell));
    }
    for formula in FORMULAS {
        let shown = [neutral(formula), neutral(formula.trim())];
        assert!(
            rows.iter().any(|r| shown.contains(&r[action])),
            "{formula:?} in {rows:?}"
        );
    }
}

proptest! {
    #[test]
    fn any_cell_parses_back_neutralised(cells in proptest::collection::vec(any::<String>(), 1..6)) {
        let line = csv::row(&cells);
        let parsed = parse(&line);
        prop_assert_eq!(parsed.len(), 1);
        let expected: Vec<String> = cells.iter().map(|c| neutral(c)).collect();
        prop_assert_eq!(&parsed[0], &expected);
        for cell in &parsed[0] {
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']));
        }
    }
}
