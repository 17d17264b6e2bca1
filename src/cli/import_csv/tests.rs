use super::*;

fn titles(parsed: &Parsed) -> Vec<(u64, &str)> {
    (parsed.pitches.iter())
        .map(|(line, p)| (*line, p.title.as_str()))
        .collect()
}

#[test]
fn google_forms_headers_with_a_bom_and_quoted_fields() {
    let csv = "\u{feff}Timestamp,Email Address,Session title,Your name,Organisation,Tell us more,Tags\r\n\
               2026/11/20 10:01:02 am GMT,sam@example.org,Open data,Sam Jones,Acme,\"Publish, then\nimprove\",\"data, standards\"\r\n\
               2026/11/20 10:05:00 am GMT,p@example.org,\"Ethics, \"\"responsibly\"\"\",Priya and Ade,,,\r\n";
    let parsed = parse(csv.as_bytes()).expect("parses");
    assert_eq!(
        titles(&parsed),
        [(2, "Open data"), (4, "Ethics, \"responsibly\"")]
    );
    let (_, open_data) = &parsed.pitches[0];
    assert_eq!(
        open_data.pitched_by,
        [Person {
            name: "Sam Jones".into(),
            organisation: Some("Acme".into())
        }]
    );
    assert_eq!(open_data.tags, ["data", "standards"]);
    assert_eq!(
        open_data.description, "",
        "\"Tell us more\" is not a description header"
    );
    let names: Vec<&str> = parsed.pitches[1]
        .1
        .pitched_by
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Priya", "Ade"]);
    assert_eq!(
        parsed.ignored,
        ["Timestamp", "Email Address", "Tell us more"]
    );
    assert!(parsed.bad.is_empty());
}

#[test]
fn microsoft_forms_prefers_the_question_over_the_account_name() {
    let csv = "ID,Start time,Completion time,Email,Name,Topic,Your name,Organization,Summary,Interest\n\
               1,11/20/26 10:01:02,11/20/26 10:03:00,anonymous,anonymous,Pattern library,Jo,Council,A shared library,4\n";
    let parsed = parse(csv.as_bytes()).expect("parses");
    let (_, pitch) = &parsed.pitches[0];
    assert_eq!(pitch.title, "Pattern library");
    assert_eq!(pitch.pitched_by[0].name, "Jo");
    assert_eq!(pitch.pitched_by[0].organisation.as_deref(), Some("Council"));
    assert_eq!(pitch.description, "A shared library");
    assert_eq!(pitch.interest, 4);
    assert!(parsed.ignored.contains(&"Name".to_string()));
}

#[test]
fn bad_rows_are_reported_with_their_line_and_blank_rows_skipped() {
    let csv = "TITLE,Votes\n\
               Good one,3\n\
               ,2\n\
               Lots,many\n\
               \"Multi\nline\",1\n\
               ,\n\
               Too,1,extra\n\
               Last,\n";
    let parsed = parse(csv.as_bytes()).expect("parses");
    assert_eq!(
        titles(&parsed),
        [(2, "Good one"), (5, "Multi line"), (9, "Last")]
    );
    assert_eq!(
        parsed.bad,
        [
            (3, "it has no title".to_string()),
            (4, "its votes, \"many\", are not a whole number".to_string()),
            (8, "it has 3 fields but the header has 2".to_string()),
        ]
    );
}

#[test]
fn headers_match_whatever_their_case_and_decoration() {
    for header in [
        "Title",
        "TOPIC",
        " session ",
        "Session Title?",
        "Session title (required)",
        "Pitch:",
    ] {
        let csv = format!("{header}\nOpen data\n");
        let parsed = parse(csv.as_bytes()).expect("parses");
        assert_eq!(titles(&parsed), [(2, "Open data")], "{header}");
    }
}

#[test]
fn files_that_cannot_be_read_are_refused_whole() {
    assert_eq!(
        parse(b"Name,Email\nSam,x\n"),
        Err(ImportError::NoTitle("\"Name\", \"Email\"".into()))
    );
    assert_eq!(parse(b"Title\n\xff\xfe\n"), Err(ImportError::NotUtf8));
    assert_eq!(parse(b""), Err(ImportError::Empty));
    let semicolons = parse(b"Title;Votes\nOpen data;5\n").expect("parses");
    assert_eq!(semicolons.pitches[0].1.interest, 5);
}
