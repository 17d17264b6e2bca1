//! The VTIMEZONE that RFC 5545 asks for beside every TZID.
//!
//! An unconference is one day, so the zone is described by the offset in
//! force on that day, starting that morning: exact for every time in the
//! file, without carrying a year of daylight-saving rules.

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

pub fn vtimezone(zone: Tz, date: NaiveDate) -> Vec<String> {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    // Noon is never inside a daylight-saving change, so it always exists.
    let noon = date.and_hms_opt(12, 0, 0).unwrap_or_default();
    let local = zone.from_local_datetime(&noon).earliest();
    let Some(local) = local else {
        return Vec::new();
    };
    let offset = local.offset();
    let seconds = offset.fix().local_minus_utc();
    let kind = if offset.dst_offset().num_seconds() == 0 {
        "STANDARD"
    } else {
        "DAYLIGHT"
    };
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{}", zone.name()),
        format!("BEGIN:{kind}"),
        format!("DTSTART:{}", midnight.format("%Y%m%dT%H%M%S")),
        format!("TZOFFSETFROM:{}", utc_offset(seconds)),
        format!("TZOFFSETTO:{}", utc_offset(seconds)),
    ];
    if let Some(name) = offset.abbreviation() {
        lines.push(format!("TZNAME:{}", super::text_value(name)));
    }
    lines.extend([format!("END:{kind}"), "END:VTIMEZONE".to_string()]);
    lines
}

/// "+0100", "-0500", "+0530"; seconds only when there are some.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, rest) = (s / 3600, s % 3600 / 60, s % 60);
    if rest == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_written_as_rfc_5545_asks() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-18000), "-0500");
        assert_eq!(utc_offset(19800), "+0530");
        assert_eq!(utc_offset(0), "+0000");
    }

    #[test]
    fn a_summer_day_in_london_is_daylight_time() {
        let date = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default();
        let lines = vtimezone(chrono_tz::Europe::London, date);
        assert_eq!(
            lines,
            [
                "BEGIN:VTIMEZONE",
                "TZID:Europe/London",
                "BEGIN:DAYLIGHT",
                "DTSTART:20260601T000000",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0100",
                "TZNAME:BST",
                "END:DAYLIGHT",
                "END:VTIMEZONE"
            ]
        );
        let winter = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
        let lines = vtimezone(chrono_tz::Europe::London, winter);
        assert!(lines.contains(&"BEGIN:STANDARD".to_string()), "{lines:?}");
        assert!(lines.contains(&"TZOFFSETTO:+0000".to_string()), "{lines:?}");
    }
}
