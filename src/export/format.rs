//! Dates, times, counts and lists written the way the seed article writes
//! them, in GOV.UK style: "23 October 2018", "10:30am to 11:15am",
//! "midday", "techUK and MHCLG".

use chrono::{NaiveDate, NaiveTime, Timelike};

/// "23 October 2018": no leading zero, month in full.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "10:30am", "2pm" for a whole hour, "midday" and "midnight" (GOV.UK
/// style: "12pm" and "12am" are read both ways).
pub fn clock(time: NaiveTime) -> String {
    match (time.hour(), time.minute()) {
        (12, 0) => return "midday".to_string(),
        (0, 0) => return "midnight".to_string(),
        _ => {}
    }
    let (pm, hour) = time.hour12();
    let suffix = if pm { "pm" } else { "am" };
    match time.minute() {
        0 => format!("{hour}{suffix}"),
        minute => format!("{hour}:{minute:02}{suffix}"),
    }
}

/// "10:30am to 11:15am": GOV.UK style writes "to", never a dash, between
/// times.
pub fn time_range(start: NaiveTime, end: NaiveTime) -> String {
    format!("{} to {}", clock(start), clock(end))
}

/// "A", "A and B", "A, B and C". No Oxford comma, as in the seed article.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "1 pitch", "3 pitches".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
    }

    #[test]
    fn dates_have_no_leading_zero_and_a_full_month() {
        let date = NaiveDate::from_ymd_opt(2018, 10, 23).expect("valid date");
        assert_eq!(long_date(date), "23 October 2018");
        let date = NaiveDate::from_ymd_opt(2018, 11, 2).expect("valid date");
        assert_eq!(long_date(date), "2 November 2018");
    }

    #[test]
    fn times_use_am_and_pm_and_drop_zero_minutes() {
        assert_eq!(clock(at(10, 30)), "10:30am");
        assert_eq!(clock(at(9, 5)), "9:05am");
        assert_eq!(clock(at(14, 0)), "2pm");
        assert_eq!(clock(at(12, 0)), "midday");
        assert_eq!(clock(at(12, 45)), "12:45pm");
        assert_eq!(clock(at(0, 0)), "midnight");
        assert_eq!(clock(at(0, 30)), "12:30am");
        assert_eq!(clock(at(23, 59)), "11:59pm");
    }

    #[test]
    fn ranges_say_to_not_a_dash() {
        assert_eq!(time_range(at(10, 15), at(11, 0)), "10:15am to 11am");
        assert_eq!(time_range(at(11, 30), at(12, 0)), "11:30am to midday");
        assert_eq!(time_range(at(23, 0), at(0, 0)), "11pm to midnight");
    }

    #[test]
    fn lists_are_joined_with_commas_and_a_final_and() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&names(&[])), "");
        assert_eq!(and_list(&names(&["techUK"])), "techUK");
        assert_eq!(and_list(&names(&["techUK", "MHCLG"])), "techUK and MHCLG");
        assert_eq!(and_list(&names(&["A", "B", "C"])), "A, B and C");
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "pitch", "pitches"), "1 pitch");
        assert_eq!(count(0, "pitch", "pitches"), "0 pitches");
        assert_eq!(count(12, "pitch", "pitches"), "12 pitches");
    }
}
