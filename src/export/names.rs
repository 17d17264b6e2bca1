//! The names an event knows (who pitched, facilitated, took notes, owns a
//! next step, leads a decision), found in free text so that a Chatham House
//! session can be published without them.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::model::Event;

/// What replaces a name in a public write-up.
pub const REMOVED: &str = "[name removed]";

/// Honorifics and little words that are never a name on their own.
const NOT_NAMES: [&str; 10] = [
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "the", "and", "of",
];

/// Names that are also ordinary words: written in lower case ("we will
/// ask"), they are left as they are and `check` asks a person to look.
const ORDINARY_WORDS: [&str; 30] = [
    "amber", "april", "art", "bill", "bob", "dawn", "don", "drew", "faith", "frank", "grace",
    "holly", "hope", "ivy", "jack", "joy", "june", "mark", "max", "may", "penny", "pat", "ray",
    "rich", "robin", "rose", "ruby", "sue", "summer", "will",
];

/// A name found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameFound {
    pub range: Range<usize>,
    /// Surely the name, in any case or spacing, unless it is written in
    /// lower case and is also an ordinary word ("will", "may").
    pub sure: bool,
}

/// Every name of the event, and each part of a personal name of two or
/// three words ("Carlos Oliveira" is also "Carlos" and "Oliveira"), longest
/// first.
#[derive(Clone, Debug, Default)]
pub struct Names {
    patterns: Vec<String>,
}

impl Names {
    pub fn of_event(event: &Event) -> Names {
        let mut people: BTreeSet<String> = BTreeSet::new();
        let mut organisations: BTreeSet<String> = BTreeSet::new();
        for pitch in event.pitches.values() {
            for person in &pitch.pitched_by {
                people.insert(person.name.clone());
                organisations.extend(person.organisation.clone());
            }
        }
        for session in event.sessions.values() {
            people.extend(session.facilitator.clone());
            people.extend(session.note_taker.clone());
        }
        people.extend(event.notes.values().map(|n| n.author.clone()));
        people.extend(event.all_actions().into_iter().filter_map(|(_, a)| a.owner));
        people.extend(event.decisions.values().filter_map(|d| d.lead.clone()));
        // The organisers host the day: naming them ("hosted by techUK")
        // says nothing about who was in the room.
        let hosts: BTreeSet<String> = (event.info.organisers.iter())
            .map(|o| o.trim().to_lowercase())
            .collect();
        people.retain(|p| !hosts.contains(&p.trim().to_lowercase()));
        organisations.retain(|o| !hosts.contains(&o.trim().to_lowercase()));
        Names::from_lists(&people, &organisations)
    }

    /// People's names, split into parts; organisations only whole, since
    /// "Local Government Association" is not three names.
    pub fn from_lists(people: &BTreeSet<String>, organisations: &BTreeSet<String>) -> Names {
        let mut patterns: BTreeSet<String> = BTreeSet::new();
        for name in people.iter().chain(organisations) {
            patterns.insert(name.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        for name in people {
            let parts: Vec<&str> = name.split_whitespace().collect();
            if (2..=3).contains(&parts.len()) && parts.iter().all(|p| looks_like_name(p)) {
                patterns.extend(parts.iter().map(|p| p.to_string()));
            }
        }
        let mut patterns: Vec<String> = patterns
            .into_iter()
            .filter(|p| p.chars().count() >= 2 && !NOT_NAMES.contains(&p.to_lowercase().as_str()))
            .collect();
        patterns.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        Names { patterns }
    }

    /// Every name in `text`, in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<NameFound> {
        let mut found: Vec<NameFound> = Vec::new();
        for pattern in &self.patterns {
            for range in matches(text, pattern) {
                if found.iter().any(|f| overlaps(&f.range, &range)) {
                    continue;
                }
                let written = &text[range.clone()];
                let ordinary = ORDINARY_WORDS.contains(&pattern.to_lowercase().as_str());
                let sure =
                    written == pattern || written.starts_with(char::is_uppercase) || !ordinary;
                found.push(NameFound { range, sure });
            }
        }
        found.sort_by_key(|f| f.range.start);
        found
    }

    /// `text` with every name it is sure of replaced by [`REMOVED`].
    pub fn remove(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for found in self.find(text).into_iter().filter(|f| f.sure) {
            out.push_str(&text[last..found.range.start]);
            out.push_str(REMOVED);
            last = found.range.end;
        }
        out.push_str(&text[last..]);
        out
    }
}

/// "Carlos", "O'Halloran", "Smith-Jones": a capital, then letters.
fn looks_like_name(part: &str) -> bool {
    part.starts_with(char::is_uppercase)
        && part
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Where `pattern` occurs in `text` as whole words, ignoring case.
fn matches(text: &str, pattern: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        let boundary = previous.is_none_or(|p| !p.is_alphanumeric());
        previous = Some(c);
        if !boundary {
            continue;
        }
        if let Some(end) = match_at(text, at, pattern)
            && text[end..]
                .chars()
                .next()
                .is_none_or(|n| !n.is_alphanumeric())
        {
            found.push(at..end);
        }
    }
    found
}

/// The end of `pattern` matched at `at`, ignoring case.
fn match_at(text: &str, at: usize, pattern: &str) -> Option<usize> {
    let mut rest = text[at..].char_indices();
    let mut end = at;
    for wanted in pattern.chars() {
        let (i, got) = rest.next()?;
        if !got.to_lowercase().eq(wanted.to_lowercase()) {
            return None;
        }
        end = at + i + got.len_utf8();
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(people: &[&str], organisations: &[&str]) -> Names {
        let set = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        Names::from_lists(&set(people), &set(organisations))
    }

    #[test]
    fn whole_names_and_their_parts_are_removed() {
        let names = names(&["Carlos Oliveira", "Priya"], &["Acme Ltd"]);
        assert_eq!(
            names.remove("Carlos Oliveira said Priya's idea; carlos agreed. Oliveira too."),
            "[name removed] said [name removed]'s idea; [name removed] agreed. [name removed] too."
        );
        assert_eq!(names.remove("Acme Ltd and Acme"), "[name removed] and Acme");
    }

    #[test]
    fn every_form_of_a_known_name_is_removed() {
        let names = names(&["Priya Shah", "Mary Ann Jones"], &[]);
        assert_eq!(
            names.remove("priya shah, PRIYA, Shah, priya  and ann and MARY ANN JONES"),
            "[name removed], [name removed], [name removed], [name removed]  and [name removed] and [name removed]"
        );
    }

    #[test]
    fn only_whole_words_match() {
        let names = names(&["Sam", "Will"], &[]);
        assert_eq!(
            names.remove("Same as Samuel, Sam."),
            "Same as Samuel, [name removed]."
        );
        let found = names.find("we will ask Will");
        assert_eq!(found.len(), 2);
        assert!(!found[0].sure && found[1].sure);
        assert_eq!(
            names.remove("we will ask Will"),
            "we will ask [name removed]"
        );
    }

    #[test]
    fn organisations_are_not_split_and_honorifics_are_not_names() {
        let names = names(&["Dr Smith"], &["Local Government Association"]);
        assert_eq!(
            names.remove("The Local Government Association asked Dr Smith and dr who."),
            "The [name removed] asked [name removed] and dr who."
        );
        assert_eq!(names.remove("Local government"), "Local government");
    }
}
