//! The calendar read back by a real iCalendar parser.

use chrono::{TimeZone, Utc};
use icalendar::parser::{Component, read_calendar, unfold};

use super::{IcsError, IcsOptions, fold, ics, text_value};
use crate::export::markdown::fixture::{self, Fixture};
use crate::model::{EventInfo, Record, Session, SlotKind};

fn options(public: bool) -> IcsOptions {
    IcsOptions {
        public,
        fallback_zone: None,
        stamp: Utc
            .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
            .single()
            .expect("a valid time"),
    }
}

fn prop(component: &Component, name: &str) -> Option<String> {
    component
        .find_prop(name)
        .map(|p| p.val.as_str().to_string())
}

fn param(component: &Component, name: &str, key: &str) -> Option<String> {
    let property = component.find_prop(name)?;
    let found = property.params.iter().find(|p| p.key.as_str() == key)?;
    found.val.as_ref().map(|v| v.as_str().to_string())
}

#[test]
fn every_session_plenary_and_break_is_an_event_with_every_field() {
    let event = fixture::supplier_day().event();
    let text = ics(&event, &options(false)).expect("the day has a date");
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("the calendar parses");
    let events: Vec<&Component> = (calendar.components.iter())
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    let summaries: Vec<String> = events.iter().filter_map(|e| prop(e, "SUMMARY")).collect();
    assert_eq!(
        summaries,
        [
            "Pitches",
            "A vendor community",
            "Standards for high-volume transactions",
            "Lunch",
            "A vendor community (repeat)",
        ]
    );
    let first = events[1];
    let session_id = event.sessions_in_order()[0].0.clone();
    assert_eq!(prop(first, "UID"), Some(format!("{session_id}@unconf")));
    assert_eq!(prop(first, "DTSTAMP").as_deref(), Some("20261128T090000Z"));
    assert_eq!(prop(first, "DTSTART").as_deref(), Some("20181023T103000"));
    assert_eq!(prop(first, "DTEND").as_deref(), Some("20181023T111500"));
    assert_eq!(param(first, "DTSTART", "TZID"), None);
    assert_eq!(
        prop(first, "LOCATION").as_deref(),
        Some("Main hall, techUK, 10 St Bride Street, London"),
        "room, venue"
    );
    assert_eq!(
        prop(first, "DESCRIPTION").as_deref(),
        Some("Pitched by Carlos Oliveira (Shaping Cloud) and Jo (Acme)")
    );
    let lunch = events[3];
    assert_eq!(
        prop(lunch, "LOCATION").as_deref(),
        Some("techUK, 10 St Bride Street, London"),
        "the whole group meets at the venue"
    );
    assert_eq!(prop(lunch, "DTSTART").as_deref(), Some("20181023T120000"));
    let uids: std::collections::BTreeSet<_> =
        events.iter().filter_map(|e| prop(e, "UID")).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    assert_eq!(
        prop_of_calendar(&calendar, "VERSION").as_deref(),
        Some("2.0")
    );
}

fn prop_of_calendar(calendar: &icalendar::parser::Calendar, name: &str) -> Option<String> {
    (calendar.properties.iter())
        .find(|p| p.name.as_str() == name)
        .map(|p| p.val.as_str().to_string())
}

#[test]
fn a_time_zone_gives_tzid_and_its_vtimezone() {
    let mut day = fixture::supplier_day();
    day.info(EventInfo {
        name: "Zoned".into(),
        date: Some(fixture::date(2026, 6, 1)),
        time_zone: Some("Europe/London".into()),
        ..EventInfo::default()
    });
    let text = ics(&day.event(), &options(false)).expect("a date and a known zone");
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("the calendar parses");
    let zone = (calendar.components.iter())
        .find(|c| c.name.as_str() == "VTIMEZONE")
        .expect("a VTIMEZONE");
    assert_eq!(prop(zone, "TZID").as_deref(), Some("Europe/London"));
    let session = (calendar.components.iter())
        .find(|c| c.name.as_str() == "VEVENT")
        .expect("an event");
    assert_eq!(
        param(session, "DTSTART", "TZID").as_deref(),
        Some("Europe/London")
    );
    assert_eq!(prop(session, "DTSTART").as_deref(), Some("20260601T100000"));
}

#[test]
fn the_machine_zone_is_used_only_when_the_event_has_none() {
    let zoned = |event_zone: Option<&str>, fallback: Option<chrono_tz::Tz>| {
        let mut day = fixture::supplier_day();
        day.info(EventInfo {
            name: "Zoned".into(),
            date: Some(fixture::date(2026, 1, 15)),
            time_zone: event_zone.map(String::from),
            ..EventInfo::default()
        });
        let options = IcsOptions {
            fallback_zone: fallback,
            ..options(false)
        };
        let text = ics(&day.event(), &options).expect("a date");
        let unfolded = unfold(&text);
        let calendar = read_calendar(&unfolded).expect("parses");
        let session = (calendar.components.iter())
            .find(|c| c.name.as_str() == "VEVENT")
            .expect("an event");
        param(session, "DTSTART", "TZID")
    };
    let paris = Some(chrono_tz::Europe::Paris);
    assert_eq!(zoned(None, paris).as_deref(), Some("Europe/Paris"));
    assert_eq!(
        zoned(Some("Europe/London"), paris).as_deref(),
        Some("Europe/London")
    );
    assert_eq!(
        zoned(None, None),
        None,
        "floating only when nothing is known"
    );
}

#[test]
fn a_missing_date_or_unknown_zone_is_refused() {
    let mut day = Fixture::new();
    day.info(EventInfo::default());
    assert_eq!(ics(&day.event(), &options(false)), Err(IcsError::NoDate));
    day.info(EventInfo {
        date: Some(fixture::date(2026, 11, 27)),
        time_zone: Some("Mars/Olympus".into()),
        ..EventInfo::default()
    });
    assert_eq!(
        ics(&day.event(), &options(false)),
        Err(IcsError::UnknownZone("Mars/Olympus".into()))
    );
}

#[test]
fn text_is_escaped_and_survives_the_round_trip() {
    let mut day = Fixture::new();
    day.info(EventInfo {
        date: Some(fixture::date(2026, 11, 27)),
        ..EventInfo::default()
    });
    let room = day.room("Room; 1, \"east\"", 0);
    let slot = day.slot((10, 0), (11, 0), "", SlotKind::Breakout);
    let awkward = "Back\\slash; semi, comma\nnew line\u{1b}[2J — 会議 🎉 ".repeat(4);
    let pitch = day.pitch(&awkward, &[("Zoë", None)], 0);
    day.edit(&pitch, |r| {
        if let Record::Pitch(p) = r {
            p.description = awkward.clone();
        }
    });
    day.session(Session {
        pitches: vec![pitch],
        slot,
        room,
        ..Session::default()
    });
    let text = ics(&day.event(), &options(false)).expect("a calendar");
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("parses");
    let session = (calendar.components.iter())
        .find(|c| c.name.as_str() == "VEVENT")
        .expect("an event");
    let clean = awkward.replace('\u{1b}', "");
    assert_eq!(prop(session, "SUMMARY"), Some(clean.clone()));
    assert_eq!(
        prop(session, "LOCATION").as_deref(),
        Some("Room; 1, \"east\"")
    );
    assert_eq!(
        prop(session, "DESCRIPTION"),
        Some(format!("{}\n\nPitched by Zoë", clean.trim()))
    );
}

#[test]
fn folding_never_splits_a_character() {
    let line = format!("DESCRIPTION:{}", "é".repeat(100));
    let folded = fold(&line);
    for part in folded.split_terminator("\r\n") {
        assert!(part.len() <= 75);
    }
    assert_eq!(unfold(&folded).trim_end(), line);
    assert_eq!(text_value("a;b,c\\d\r\ne"), "a\\;b\\,c\\\\d\\ne");
}

#[test]
fn the_public_calendar_names_nobody_in_a_chatham_house_session() {
    let mut day = fixture::supplier_day();
    let first = day.event().sessions_in_order()[0].0.clone();
    day.edit(&first, |r| {
        if let Record::Session(s) = r {
            s.chatham_house = true;
        }
    });
    let text = ics(&day.event(), &options(true)).expect("a calendar");
    assert!(!text.contains("Carlos"), "{text}");
    assert!(
        ics(&day.event(), &options(false))
            .expect("a calendar")
            .contains("Carlos")
    );
}
