//! Names the event does not know, guessed from how text is written, so that
//! `check` can point at them in a Chatham House session before it is
//! published: "Sarah Jones", and "Sarah from Wakefield said".
//!
//! A guess, never a removal: a public export leaves what is found here for a
//! person to look at. The rules lean towards organisations and places
//! written in capitals ("Local Digital", "Crown Commercial Service", "Leeds
//! City Council") not being names.

use std::ops::Range;

/// Capitalised words that start sentences (imperatives too: "Ask Priya")
/// or name days and months, and so say nothing about a person.
const COMMON: &[&str] = &[
    "agree",
    "ask",
    "bring",
    "build",
    "call",
    "check",
    "contact",
    "create",
    "develop",
    "email",
    "find",
    "focus",
    "follow",
    "get",
    "give",
    "help",
    "invite",
    "join",
    "keep",
    "look",
    "make",
    "meet",
    "note",
    "plan",
    "put",
    "read",
    "review",
    "run",
    "see",
    "send",
    "set",
    "share",
    "speak",
    "start",
    "stop",
    "take",
    "talk",
    "tell",
    "thank",
    "thanks",
    "try",
    "use",
    "write",
    "a",
    "about",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "april",
    "as",
    "at",
    "august",
    "because",
    "before",
    "both",
    "but",
    "by",
    "can",
    "could",
    "december",
    "do",
    "each",
    "even",
    "every",
    "february",
    "for",
    "friday",
    "from",
    "given",
    "he",
    "her",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "january",
    "july",
    "june",
    "just",
    "last",
    "later",
    "let",
    "many",
    "march",
    "may",
    "monday",
    "more",
    "most",
    "much",
    "my",
    "next",
    "no",
    "not",
    "november",
    "now",
    "october",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "please",
    "saturday",
    "september",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "sunday",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thursday",
    "to",
    "today",
    "tomorrow",
    "too",
    "tuesday",
    "two",
    "under",
    "until",
    "us",
    "we",
    "wednesday",
    "well",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yes",
    "yesterday",
    "you",
    "your",
];

/// Words that make a run of capitalised words an organisation, a place, a
/// programme or a thing rather than a person.
const NOT_PEOPLE: &[&str] = &[
    "academy",
    "agency",
    "alliance",
    "association",
    "authority",
    "bank",
    "board",
    "borough",
    "british",
    "business",
    "cabinet",
    "care",
    "centre",
    "center",
    "charter",
    "city",
    "cloud",
    "code",
    "college",
    "combined",
    "commercial",
    "commission",
    "committee",
    "community",
    "company",
    "council",
    "county",
    "crown",
    "data",
    "declaration",
    "department",
    "digital",
    "district",
    "east",
    "england",
    "english",
    "forum",
    "foundation",
    "framework",
    "fund",
    "government",
    "group",
    "hall",
    "health",
    "house",
    "housing",
    "institute",
    "ireland",
    "kingdom",
    "lab",
    "labs",
    "library",
    "limited",
    "local",
    "ltd",
    "market",
    "marketplace",
    "ministry",
    "national",
    "network",
    "north",
    "office",
    "open",
    "partnership",
    "platform",
    "plc",
    "policy",
    "programme",
    "project",
    "public",
    "road",
    "room",
    "royal",
    "school",
    "scotland",
    "service",
    "services",
    "social",
    "society",
    "south",
    "standard",
    "standards",
    "strategy",
    "street",
    "supplier",
    "suppliers",
    "team",
    "tech",
    "technology",
    "the",
    "trust",
    "union",
    "unit",
    "united",
    "university",
    "wales",
    "west",
];

/// Verbs that end "<Name> from <Organisation> said".
const SAID: &[&str] = &[
    "added",
    "agreed",
    "argued",
    "asked",
    "believes",
    "described",
    "disagreed",
    "explained",
    "felt",
    "feels",
    "mentioned",
    "noted",
    "pointed",
    "proposed",
    "raised",
    "said",
    "says",
    "shared",
    "stressed",
    "suggested",
    "thinks",
    "thought",
    "told",
    "warned",
    "wants",
    "wanted",
];

/// One word of the text, with where it is.
#[derive(Clone, Debug)]
struct Word<'a> {
    text: &'a str,
    range: Range<usize>,
    /// Only one space between this word and the next: no punctuation.
    joined_to_next: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let is_word_char = |c: char| c.is_alphabetic() || c == '-' || c == '\'' || c == '’';
    let mut found: Vec<Word> = Vec::new();
    let mut start: Option<usize> = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word_char(c) && at < text.len()) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                let word = text[from..at].trim_end_matches(['\'', '’', '-']);
                if !word.is_empty() {
                    found.push(Word {
                        text: word,
                        range: from..from + word.len(),
                        joined_to_next: false,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    for i in 1..found.len() {
        let gap = &text[found[i - 1].range.end..found[i].range.start];
        found[i - 1].joined_to_next = gap == " ";
    }
    found
}

fn lower(word: &str) -> String {
    word.trim_end_matches("'s")
        .trim_end_matches("’s")
        .to_lowercase()
}

/// "Sarah", "O'Halloran", "Smith-Jones": a capital, then at least one
/// lower-case letter (so not an acronym), and not a common word.
fn name_like(word: &str) -> bool {
    let mut chars = word.chars();
    let capital = chars.next().is_some_and(char::is_uppercase);
    let lower_case = word.chars().any(char::is_lowercase);
    let key = lower(word);
    capital
        && lower_case
        && word.chars().count() >= 2
        && !COMMON.contains(&key.as_str())
        && !NOT_PEOPLE.contains(&key.as_str())
}

fn capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
}

/// Where `text` probably names a person, in order, not overlapping.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let words = words(text);
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // A run of capitalised words with only spaces between them.
        let mut end = i;
        while end + 1 < words.len() && words[end].joined_to_next && capitalised(words[end + 1].text)
        {
            end += 1;
        }
        if !capitalised(words[i].text) {
            i += 1;
            continue;
        }
        let run = &words[i..=end];
        // An organisation, a place or an acronym makes the words up to it
        // not a person ("Leeds City Council"); a name may follow it ("the
        // Local Public Services Committee Carlos Oliveira").
        let after_organisation = run
            .iter()
            .rposition(|w| {
                NOT_PEOPLE.contains(&lower(w.text).as_str())
                    || !w.text.chars().any(char::is_lowercase)
            })
            .map_or(0, |at| at + 1);
        let run = &run[after_organisation..];
        // Sentence starters and days before a name are not part of it.
        let lead = run
            .iter()
            .take_while(|w| COMMON.contains(&lower(w.text).as_str()))
            .count();
        let name = &run[lead..];
        let name_like_all = !name.is_empty() && name.iter().all(|w| name_like(w.text));
        let pair = (2..=3).contains(&name.len()) && name_like_all;
        // "from" must follow the name itself, not an organisation after it.
        let said = name.len() <= 3 && name_like_all && from_then_said(&words, end + 1);
        if (pair || said)
            && let (Some(first), Some(last)) = (name.first(), name.last())
        {
            found.push(first.range.start..last.range.end);
        }
        i = end + 1;
    }
    found
}

/// Whether the words from `at` read "from <a few words> said".
fn from_then_said(words: &[Word], at: usize) -> bool {
    if words.get(at).is_none_or(|w| w.text != "from") {
        return false;
    }
    (at + 2..(at + 8).min(words.len()))
        .any(|i| SAID.contains(&words[i].text.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Whatever the text, finds are whole words in order, never
        /// overlapping, each starting with a capital.
        #[test]
        fn finds_are_ordered_words_starting_with_a_capital(text in "(\\PC|[A-Z][a-z]{1,6}| from | said |[’'-]){0,30}") {
            let found = find(&text);
            for pair in found.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start);
            }
            for range in found {
                let name = text.get(range.clone());
                prop_assert!(name.is_some_and(|n| n.starts_with(char::is_uppercase)), "{range:?} in {text:?}");
            }
        }
    }

    fn names(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn first_and_last_names_are_found() {
        assert_eq!(
            names("Sarah Jones from Wakefield said the data is poor."),
            ["Sarah Jones"]
        );
        assert_eq!(
            names("We asked Mary Ann O'Brien-Smith about it"),
            ["Mary Ann O'Brien-Smith"]
        );
        assert_eq!(
            names("Yesterday Priya Shah's team agreed."),
            ["Priya Shah's"]
        );
        assert_eq!(names("In March Tom Baker spoke."), ["Tom Baker"]);
        assert_eq!(names("Ask Priya Shah by Friday."), ["Priya Shah"]);
    }

    #[test]
    fn a_single_name_is_found_when_someone_from_somewhere_said_it() {
        assert_eq!(
            names("Sarah from Leeds City Council said they publish too little."),
            ["Sarah"]
        );
        assert_eq!(
            names("Ahmed from a small supplier told us to start small."),
            ["Ahmed"]
        );
        assert_eq!(names("Sarah from Leeds City Council"), Vec::<&str>::new());
        assert_eq!(names("Data from Leeds said little"), Vec::<&str>::new());
    }

    #[test]
    fn organisations_places_and_programmes_are_not_names() {
        for text in [
            "Take inspiration from the active buyer community on Crown Commercial Service.",
            "The Local Digital Declaration and the Local Digital Fund.",
            "Leeds City Council and Kent County Council shared their approach.",
            "MHCLG and the Government Digital Service.",
            "Supplier Standards for digital and technology providers.",
            "The Open Data Institute said so.",
            "On Monday The group met. TED Talks helped.",
            "Dorset have set up a digital academy.",
            "This is the Local Government Association's view.",
        ] {
            assert_eq!(names(text), Vec::<&str>::new(), "{text}");
        }
    }

    /// Sentences of the seed article (techUK, 26 October 2018): only the
    /// two people it names are found, among ministries, committees,
    /// programmes, a framework and a county.
    #[test]
    fn real_phrasing_finds_only_the_people() {
        let article = [
            "Last Tuesday was a significant day for techUK as it hosted its first unconference! Ran in partnership with the Ministry for Housing and Local Government (MHCLG) the unconference bought together suppliers large and small.",
            "After a techUK introduction and a quick rundown of how the day would work from me, CEO & Founder of Shaping Cloud and Chair of techUK’s Local Public Services Committee Carlos Oliveira took to the stage. Carlos shared how we are at a turning point for local government digital.",
            "We then heard from Linda O’Halloran, Head of the MHCLG Local Digital Collaboration Unit, on their mission to help councils move towards more flexible standards-based services.",
            "It should take inspiration from the active buyer community on Crown Commercial Service.",
            "We need to consider how this would work in relation to the existing Supplier Standards for digital and technology providers and who would own it.",
            "There are existing banks of assets that can be utilized from TED Talks to councils already pioneering training in this area – such as Dorset who have set-up a digital academy.",
            "They received close to 400 bids to the Local Digital Fund.",
        ];
        let found: Vec<&str> = article.iter().flat_map(|text| names(text)).collect();
        assert_eq!(found, ["Carlos Oliveira", "Linda O’Halloran"]);
    }

    #[test]
    fn punctuation_between_words_breaks_a_name() {
        assert_eq!(names("Wakefield, Leeds and York."), Vec::<&str>::new());
        assert_eq!(names("Standards. Owners matter"), Vec::<&str>::new());
    }
}
