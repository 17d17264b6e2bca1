//! The write-up as a web page, checked in a real browser: the example event
//! and a hostile day (HTML tricks, right-to-left text, emoji, a very long
//! word, and a Chatham House session that mentions everyone), each as the
//! internal page, the public page, the split pages and the programme
//! poster. Each page is loaded by tests/html/check.mjs in the system's
//! Chromium at phone and desktop sizes: axe-core finds no WCAG 2.x A or AA
//! violation nor any best-practice one, the page asks for nothing but
//! itself, a phone never scrolls sideways, there is one h1 and the headings
//! go in order, and the page prints to PDF.

mod ci;
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{CHATHAM_DAY, CHATHAM_PEOPLE, EXAMPLE, Env, many_people};
use serde_json::Value;

/// The day of [`many_people`], with hostile text in every kind of field.
fn hostile_day(env: &Env) {
    many_people(env);
    let e = CHATHAM_DAY;
    env.ok(&[
        "room",
        "add",
        e,
        "\"><img src=x onerror=alert(1)> & <b>Room</b>",
    ]);
    env.ok(&[
        "slot",
        "add",
        e,
        "09:30",
        "10:15",
        "--label",
        "Welcome <script>alert(1)</script>",
        "--kind",
        "plenary",
    ]);
    env.ok(&[
        "slot",
        "add",
        e,
        "12:00",
        "12:30",
        "--label",
        "Lunch 🍲",
        "--kind",
        "break",
    ]);
    for title in HOSTILE_TITLES {
        env.ok(&["pitch", "add", e, title, "--by", "Dana <i>Evil</i>"]);
    }
    env.ok(&[
        "schedule",
        e,
        HOSTILE_TITLES[0],
        "--slot",
        "Round 2",
        "--room",
        "Library",
    ]);
    env.ok(&[
        "note",
        "add",
        e,
        HOSTILE_TITLES[0],
        "<script>alert('note')</script> & more",
    ]);
    env.ok(&["note", "add", e, HOSTILE_TITLES[0], &"w".repeat(400)]);
    env.ok(&[
        "note",
        "add",
        e,
        HOSTILE_TITLES[0],
        "مرحبا بالعالم (hello) שלום",
    ]);
}

const HOSTILE_TITLES: [&str; 3] = [
    "<script>alert(1)</script> & \"quotes\" 'too'",
    "مستقبل البيانات المفتوحة 🎉",
    "javascript:alert(1) <a href=https://example.org>link</a>",
];

struct Exported {
    /// Pages printed on A4.
    pages: Vec<PathBuf>,
    poster: PathBuf,
    public: PathBuf,
    internal: PathBuf,
    split: PathBuf,
}

/// The event as every kind of web page, in `out`.
fn export_all(env: &Env, event: &str, out: &Path) -> Exported {
    let path = |name: &str| out.join(name);
    let internal = path(&format!("{event}.html"));
    let public = path(&format!("{event}-public.html"));
    let poster = path(&format!("{event}-programme.html"));
    let split = out.join("split");
    let arg = |p: &Path| p.to_str().expect("a UTF-8 path").to_string();
    env.ok(&[
        "export",
        event,
        "--format",
        "html",
        "--with-notes",
        "--out",
        &arg(&internal),
    ]);
    env.ok(&[
        "export",
        event,
        "--format",
        "html",
        "--public",
        "--out",
        &arg(&public),
    ]);
    env.ok(&[
        "export",
        event,
        "--format",
        "html",
        "--what",
        "programme",
        "--out",
        &arg(&poster),
    ]);
    env.ok(&[
        "export",
        event,
        "--format",
        "html",
        "--split",
        "--public",
        "--out",
        &arg(&split),
    ]);
    let mut split_pages: Vec<PathBuf> = (std::fs::read_dir(&split).expect("the split folder"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    split_pages.sort();
    assert!(
        split_pages.len() >= 2,
        "an index and session pages: {split_pages:?}"
    );
    let mut pages = vec![internal.clone(), public.clone()];
    pages.extend(split_pages);
    Exported {
        pages,
        poster,
        public,
        internal,
        split,
    }
}

/// What check.mjs found for each file, or none when this machine cannot
/// run it (a failure under CI=true).
fn browser_check(a4: &[PathBuf], a3: &[PathBuf]) -> Option<Vec<Value>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/html/check.mjs");
    let browser = std::env::var("UNCONF_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&browser).exists() {
        ci::cannot_check(&format!(
            "no Chromium at {browser} (apt-get install chromium)"
        ));
        return None;
    }
    for package in ["playwright-core", "axe-core"] {
        if !root.join("tests/html/node_modules").join(package).exists() {
            ci::cannot_check(&format!(
                "{package} is not installed (npm ci --prefix tests/html)"
            ));
            return None;
        }
    }
    let mut command = Command::new("node");
    command
        .arg(&script)
        .arg("--a4")
        .args(a4)
        .arg("--a3")
        .args(a3);
    let output = match command.output() {
        Ok(output) => output,
        Err(e) => {
            ci::cannot_check(&format!("node does not run: {e}"));
            return None;
        }
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(2) {
        ci::cannot_check(&format!("check.mjs could not check: {stderr}"));
        return None;
    }
    assert!(output.status.success(), "check.mjs failed: {stderr}");
    let results: Vec<Value> = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("check.mjs printed no JSON list ({e}): {stderr}"));
    assert_eq!(results.len(), a4.len() + a3.len(), "one result per file");
    Some(results)
}

/// No accessibility violation, no outside request, no sideways scrolling
/// on a phone, one h1, headings in order, and a PDF with pages.
fn assert_clean(result: &Value) {
    let file = result["file"].as_str().unwrap_or("?");
    let outside = result["outside_requests"].as_array().expect("a list");
    assert!(outside.is_empty(), "{file} asked for {outside:?}");
    for name in ["phone", "desktop"] {
        let view = &result["viewports"][name];
        let violations = view["violations"].as_array().expect("a list");
        assert!(
            violations.is_empty(),
            "{file} at {name}: {}",
            serde_json::to_string_pretty(violations).unwrap_or_default()
        );
        assert!(
            view["passes"].as_u64().unwrap_or(0) > 10,
            "{file}: axe checked little"
        );
        assert_eq!(
            view["overflow"], false,
            "{file} scrolls sideways at {name}: {view}"
        );
        assert_eq!(view["h1_count"], 1, "{file} at {name}");
        let skips = view["heading_skips"].as_array().expect("a list");
        assert!(skips.is_empty(), "{file}: {skips:?}");
        assert_eq!(view["lang"], "en-GB", "{file}");
        assert_eq!(view["scripts"], 0, "{file}");
    }
    let pdf = &result["pdf"];
    assert_eq!(pdf["is_pdf"], true, "{file}: {pdf}");
    assert!(pdf["pages"].as_u64().unwrap_or(0) >= 1, "{file}: {pdf}");
}

fn result_for<'r>(results: &'r [Value], path: &Path) -> &'r Value {
    let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
    (results.iter())
        .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with(name)))
        .unwrap_or_else(|| panic!("no result for {name}"))
}

/// The visible text of the section headed `heading`, at both sizes.
fn section_texts(result: &Value, heading: &str) -> Vec<String> {
    ["phone", "desktop"]
        .iter()
        .map(|view| {
            let sections = result["viewports"][view]["sections"]
                .as_array()
                .expect("a list");
            (sections.iter())
                .find(|s| s["heading"] == heading)
                .and_then(|s| s["text"].as_str())
                .unwrap_or_else(|| panic!("no section {heading:?} at {view}"))
                .to_string()
        })
        .collect()
}

fn page_texts(result: &Value) -> Vec<String> {
    ["phone", "desktop"]
        .iter()
        .map(|view| {
            result["viewports"][view]["text"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

/// Every form the Chatham test looks for: the full name and each part.
fn name_forms() -> Vec<String> {
    (CHATHAM_PEOPLE.iter())
        .flat_map(|person| std::iter::once(*person).chain(person.split_whitespace()))
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn the_example_event_pages_pass_in_a_browser() {
    let env = Env::new();
    common::copy_example(&env.event_dir(EXAMPLE));
    let out = env.root().join("out");
    let exported = export_all(&env, EXAMPLE, &out);
    let Some(results) = browser_check(&exported.pages, std::slice::from_ref(&exported.poster))
    else {
        return;
    };
    for result in &results {
        assert_clean(result);
    }
    let poster = result_for(&results, &exported.poster);
    assert_eq!(poster["pdf"]["paper"], "a3");
    assert_eq!(
        poster["pdf"]["pages"], 1,
        "the poster is one A3 sheet: {poster}"
    );
    // By the pages' own sizes, in points: the poster is A3 landscape; the
    // write-up is A4, its programme on a landscape page of its own.
    assert_eq!(
        poster["pdf"]["own_page_sizes"],
        serde_json::json!([[1191, 842]])
    );
    let internal = result_for(&results, &exported.internal);
    let sizes = internal["pdf"]["own_page_sizes"].as_array().expect("sizes");
    let landscape = serde_json::json!([842, 595]);
    assert_eq!(sizes[0], serde_json::json!([595, 842]), "{sizes:?}");
    assert_eq!(
        sizes.iter().filter(|s| **s == landscape).count(),
        1,
        "{sizes:?}"
    );
    // A page break between sessions: the write-up prints a page at least
    // for each of its ten sessions.
    assert!(
        internal["pdf"]["pages"].as_u64().unwrap_or(0) >= 10,
        "{}",
        internal["pdf"]
    );
}

#[test]
fn the_hostile_day_pages_pass_in_a_browser_and_the_public_one_names_no_one() {
    let env = Env::new();
    hostile_day(&env);
    let out = env.root().join("out");
    let exported = export_all(&env, CHATHAM_DAY, &out);
    let Some(results) = browser_check(&exported.pages, std::slice::from_ref(&exported.poster))
    else {
        return;
    };
    for result in &results {
        assert_clean(result);
    }
    // What was typed shows as text.
    let internal = result_for(&results, &exported.internal);
    for text in page_texts(internal) {
        for title in HOSTILE_TITLES {
            assert!(text.contains(title), "{title:?} not shown as typed");
        }
        assert!(text.contains("<script>alert('note')</script> & more"));
    }
    // The internal page names them (so the search below can find names).
    for text in section_texts(internal, "Open data") {
        assert!(
            text.contains("Priya Shah") && text.contains("MARCUS BROWN"),
            "{text}"
        );
    }
    let public = result_for(&results, &exported.public);
    let mut texts = section_texts(public, "Open data");
    let split_page = (exported.pages.iter())
        .find(|p| p.starts_with(&exported.split) && p.to_string_lossy().contains("open-data"))
        .expect("the Open data page");
    texts.extend(page_texts(result_for(&results, split_page)));
    for text in &texts {
        let lower = text.to_lowercase();
        for form in name_forms() {
            assert!(!lower.contains(&form), "{form:?} left in:\n{text}");
        }
        assert!(text.contains("[name removed]"), "{text}");
    }
    // Priya Shah pitched only the Chatham House session: nowhere on the page.
    for text in page_texts(public) {
        let lower = text.to_lowercase();
        assert!(
            !lower.contains("priya") && !lower.contains("shah"),
            "{text}"
        );
    }
}

/// The example event's page, kept as a snapshot so that every change to
/// the markup is read before it ships.
#[test]
fn the_example_event_page_matches_its_snapshot() {
    let env = Env::new();
    common::copy_example(&env.event_dir(EXAMPLE));
    let page = env.ok(&["export", EXAMPLE, "--format", "html", "--out", "-"]);
    let body = &page[page.find("<body").expect("a body")..];
    insta::assert_snapshot!("example_page_body", body);
    let poster = env.ok(&[
        "export",
        EXAMPLE,
        "--format",
        "html",
        "--what",
        "programme",
        "--out",
        "-",
    ]);
    let body = &poster[poster.find("<body").expect("a body")..];
    insta::assert_snapshot!("example_poster_body", body);
}

#[test]
fn nonsense_combinations_are_refused_with_what_to_do() {
    let env = Env::new();
    common::copy_example(&env.event_dir(EXAMPLE));
    let cases: [(&[&str], &str); 4] = [
        (
            &["--format", "html", "--what", "actions"],
            "--what with --format html takes only programme",
        ),
        (
            &["--format", "html", "--what", "programme", "--split"],
            "--split applies to the write-up, not to the programme poster",
        ),
        (
            &["--format", "html", "--what", "programme", "--with-notes"],
            "--with-notes applies to the write-up, not to the programme poster",
        ),
        (
            &["--format", "json", "--split"],
            "--split only applies to the write-up (--format md or html)",
        ),
    ];
    for (flags, says) in cases {
        let mut args = vec!["export", EXAMPLE];
        args.extend(flags);
        args.extend(["--out", "-"]);
        let refused = env.refused(&args);
        assert!(refused.contains(says), "{args:?}: {refused}");
    }
}

/// A split write-up that cannot write one of its files (here a folder has
/// taken that file's name; on the day, a full disk) writes none of them:
/// the folder keeps what it held, and the error says so truthfully.
#[test]
fn a_split_write_up_that_fails_part_way_writes_none_of_its_files() {
    let env = Env::new();
    common::copy_example(&env.event_dir(EXAMPLE));
    let first = env.root().join("first");
    let first_arg = first.to_string_lossy().into_owned();
    env.ok(&[
        "export", EXAMPLE, "--format", "html", "--split", "--out", &first_arg,
    ]);
    let mut names = common::names(&first);
    names.retain(|n| n.ends_with(".html") && n != "index.html");
    names.sort();
    assert!(names.len() > 4, "{names:?}");
    let out = env.root().join("second");
    std::fs::create_dir_all(out.join(&names[3])).expect("a folder in the way");
    std::fs::write(out.join("notes.txt"), "mine").expect("a file of the user's");
    let out_arg = out.to_string_lossy().into_owned();
    let refused = env.refused(&[
        "export", EXAMPLE, "--format", "html", "--split", "--out", &out_arg,
    ]);
    assert!(refused.contains(&names[3]), "{refused}");
    let mut left = common::names(&out);
    left.sort();
    assert_eq!(
        left,
        vec![names[3].clone(), "notes.txt".to_string()],
        "{refused}"
    );
    let hidden: Vec<_> = std::fs::read_dir(&out)
        .expect("the folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.file_name())
        .collect();
    assert!(hidden.is_empty(), "temporary files left: {hidden:?}");
}

/// The help's own summary of the formats names the web page and shows it
/// in an example, as it does every other format.
#[test]
fn the_export_help_names_the_web_page_and_the_poster() {
    let env = Env::new();
    let help = env.ok(&["export", "--help"]);
    let after = help.split("Formats:").nth(1).unwrap_or_default();
    assert!(after.contains("html (the write-up as a web page"), "{help}");
    assert!(after.contains("--format html"), "{help}");
    assert!(after.contains("--what programme"), "{help}");
}

/// A long day: ten slots of five rooms each. The poster is still one A3
/// sheet, its titles smaller than five rooms alone would allow.
#[test]
fn a_poster_of_a_long_day_is_still_one_a3_sheet() {
    let env = Env::new();
    let event = env.root().join("long-day");
    let event_arg = event.to_string_lossy().into_owned();
    env.ok(&[
        "generate",
        &event_arg,
        "--pitches",
        "60",
        "--sessions",
        "50",
    ]);
    let poster = env.root().join("long-day-programme.html");
    let poster_arg = poster.to_string_lossy().into_owned();
    env.ok(&[
        "export",
        &event_arg,
        "--format",
        "html",
        "--what",
        "programme",
        "--out",
        &poster_arg,
    ]);
    let Some(results) = browser_check(&[], std::slice::from_ref(&poster)) else {
        return;
    };
    let result = result_for(&results, &poster);
    assert_clean(result);
    assert_eq!(result["pdf"]["pages"], 1, "one A3 sheet: {result}");
}
