//! E-mail addresses and phone numbers in free text: found so that `check`
//! can list them, and replaced so that a public write-up leaves them out.
//!
//! Written by hand rather than with a regex because the rules that keep
//! dates, times, years and plain numbers out are easier to read as code.

use std::ops::Range;

/// What a piece of text looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Personal {
    Email,
    Phone,
    /// A long run of digits that might be a phone number written without a
    /// leading 0 or +: listed by `check`, left as it is in the export.
    MaybePhone,
}

impl Personal {
    /// What `check` calls it.
    pub fn noun(self) -> &'static str {
        match self {
            Personal::Email => "an e-mail address",
            Personal::Phone => "a phone number",
            Personal::MaybePhone => "a number that may be a phone number",
        }
    }

    fn stand_in(self) -> Option<&'static str> {
        match self {
            Personal::Email => Some("[email address removed]"),
            Personal::Phone => Some("[phone number removed]"),
            Personal::MaybePhone => None,
        }
    }
}

/// One find: what it is and where, in bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: Personal,
    pub range: Range<usize>,
}

/// Every e-mail address and phone number in `text`, in order, not
/// overlapping.
pub fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut from = 0;
    for (at, c) in text.char_indices() {
        if at < from {
            continue;
        }
        let hit = match c {
            '@' => email_around(text, at, from),
            '+' | '(' | '0'..='9' => phone_at(text, at),
            _ => None,
        };
        if let Some(hit) = hit {
            from = hit.range.end;
            // An address found at its '@' starts before digits found earlier.
            found.retain(|f: &Found| f.range.end <= hit.range.start);
            found.push(hit);
        }
    }
    found
}

/// `text` with every e-mail address and phone number replaced by a note
/// saying one was there.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for found in find(text) {
        if let Some(stand_in) = found.kind.stand_in() {
            out.push_str(&text[last..found.range.start]);
            out.push_str(stand_in);
            last = found.range.end;
        }
    }
    out.push_str(&text[last..]);
    out
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || "._%+-'".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || c == '-'
}

/// The address around the '@' at `at`, not reaching back before `floor`.
fn email_around(text: &str, at: usize, floor: usize) -> Option<Found> {
    let before = &text[floor..at];
    let local_len: usize = before
        .chars()
        .rev()
        .take_while(|c| is_local_char(*c))
        .map(char::len_utf8)
        .sum();
    let local = before[before.len() - local_len..].trim_start_matches(['.', '\'']);
    let after = &text[at + 1..];
    let domain_len: usize = after
        .chars()
        .take_while(|c| is_domain_char(*c))
        .map(char::len_utf8)
        .sum();
    let domain = after[..domain_len].trim_end_matches(['.', '-']);
    let (name, tld) = domain.rsplit_once('.')?;
    let tld_ok = tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic);
    if local.is_empty() || name.is_empty() || !tld_ok {
        return None;
    }
    Some(Found {
        kind: Personal::Email,
        range: at - local.len()..at + 1 + domain.len(),
    })
}

/// The number starting at `at`, when it reads as a phone number.
fn phone_at(text: &str, at: usize) -> Option<Found> {
    let before = text[..at].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || "+.,/:£$€-".contains(c)) {
        return None;
    }
    let end = run_end(text, at);
    let candidate = text[at..end].trim_end_matches(|c: char| !c.is_ascii_digit());
    let end = at + candidate.len();
    let after = text[end..].chars().next();
    if after.is_some_and(|c| c.is_alphanumeric() || c == '@') {
        return None;
    }
    let kind = classify(candidate)?;
    Some(Found {
        kind,
        range: at..end,
    })
}

/// Where a run of digits and phone separators ends: single spaces, hyphens,
/// dots and brackets between digits; two separators in a row only when one
/// is a bracket.
fn run_end(text: &str, at: usize) -> usize {
    let mut end = at;
    let mut previous: Option<char> = None;
    for (i, c) in text[at..].char_indices() {
        let separator = matches!(c, ' ' | '\u{a0}' | '-' | '.' | '(' | ')');
        let ok = c.is_ascii_digit()
            || (i == 0 && c == '+')
            || (separator
                && previous.is_none_or(|p| {
                    p.is_ascii_digit() || p == '+' || "()".contains(p) || "()".contains(c)
                }));
        if !ok {
            break;
        }
        previous = Some(c);
        end = at + i + c.len_utf8();
    }
    end
}

/// A phone number starts with + or 00 (international), with 0 (a UK
/// number, 10 or 11 digits), or with a bracketed area code. Anything else
/// long enough is only "maybe", unless it reads as a date or a run of years.
fn classify(candidate: &str) -> Option<Personal> {
    let digits: String = candidate.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    let bare = candidate.trim_start_matches(['(', '+']);
    if candidate.starts_with('+') || digits.starts_with("00") {
        return (8..=15).contains(&n).then_some(Personal::Phone);
    }
    if bare.starts_with('0') {
        return (10..=11).contains(&n).then_some(Personal::Phone);
    }
    if candidate.starts_with('(') {
        return (10..=11).contains(&n).then_some(Personal::Phone);
    }
    let groups: Vec<&str> = candidate
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let plain_groups = candidate
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    let maybe = (8..=15).contains(&n) && groups.len() >= 2 && plain_groups;
    (maybe && !is_date(&groups) && !all_years(&groups)).then_some(Personal::MaybePhone)
}

/// 2026-11-27, 27 11 2026.
fn is_date(groups: &[&str]) -> bool {
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    matches!(lengths.as_slice(), [4, 1 | 2, 1 | 2] | [1 | 2, 1 | 2, 4])
}

/// 2018 2019 2020.
fn all_years(groups: &[&str]) -> bool {
    groups
        .iter()
        .all(|g| g.len() == 4 && (g.starts_with("19") || g.starts_with("20")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Personal, &str)> {
        find(text)
            .into_iter()
            .map(|f| (f.kind, &text[f.range]))
            .collect()
    }

    #[test]
    fn e_mail_addresses_are_found_whole() {
        assert_eq!(
            kinds("Write to sam.jones+unconf@example.co.uk, or o'neil@x.org."),
            [
                (Personal::Email, "sam.jones+unconf@example.co.uk"),
                (Personal::Email, "o'neil@x.org")
            ]
        );
        assert!(kinds("meet @ 10, @handle, a@b, x@y.1").is_empty());
    }

    #[test]
    fn uk_and_international_phone_numbers_are_found() {
        for number in [
            "020 7946 0958",
            "020-7946-0958",
            "(020) 7946 0958",
            "07700 900123",
            "07700900123",
            "0161 496 0000",
            "+44 20 7946 0958",
            "+44 (0)20 7946 0958",
            "+44 7700 900123",
            "+1 415 555 0100",
            "+33 1 23 45 67 89",
            "0033 1 23 45 67 89",
            "(415) 555-0100",
        ] {
            let text = format!("Call {number} today.");
            assert_eq!(kinds(&text), [(Personal::Phone, number)], "{number}");
        }
    }

    #[test]
    fn dates_times_years_and_plain_numbers_are_left_alone() {
        for text in [
            "27 November 2026 at 10:30am, 2026-11-27, 27/11/2026, 2026.11.27",
            "10:30–11:15, 10.30am, from 2018 to 2019, 2018-2019",
            "almost 400 applications, £250,000, 1,000,000, 3.14159, 12345",
            "version 1.2.3, room 0.12, 20261127",
            "2018 2019 2020 2021",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn long_numbers_without_a_prefix_are_only_maybe() {
        assert_eq!(
            kinds("ring 415-555-0100 or 7946 0958"),
            [
                (Personal::MaybePhone, "415-555-0100"),
                (Personal::MaybePhone, "7946 0958")
            ]
        );
        assert_eq!(redact("ring 415-555-0100"), "ring 415-555-0100");
    }

    #[test]
    fn redaction_replaces_only_what_it_is_sure_of() {
        assert_eq!(
            redact("Email priya@example.org or call +44 20 7946 0958 by 27 November 2026."),
            "Email [email address removed] or call [phone number removed] by 27 November 2026."
        );
        assert_eq!(redact("nothing here"), "nothing here");
        assert_eq!(redact("会議 sam@例え.jp"), "会議 [email address removed]");
    }
}
