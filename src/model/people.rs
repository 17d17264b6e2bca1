//! People as the event knows them: one person for one name whatever its
//! case or spacing ("jo  bloggs" is "Jo Bloggs"), shown everywhere in the
//! best-capitalised spelling anyone gave.

use std::collections::BTreeMap;

use super::Event;

/// What makes two spellings one person: the words of the name, lower-case.
pub fn key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two spellings name one person.
pub fn same(a: &str, b: &str) -> bool {
    key(a) == key(b)
}

/// How well a spelling is capitalised, higher is better: first, words that
/// start with a capital; then words not shouted in capitals; then mixed
/// case ("McDonald") over plain. Ties go to the
/// first in sort order, so the choice never depends on which file was read
/// first.
fn score(name: &str) -> (usize, usize, usize) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    let not_shouted = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() < 2 || !is_shouted(w))
        .count();
    let mixed = words
        .iter()
        .filter(|w| w.chars().skip(1).any(char::is_uppercase) && !is_shouted(w))
        .count();
    (capitalised, not_shouted, mixed)
}

fn is_shouted(word: &str) -> bool {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
}

/// Every name the event holds, each with its best spelling.
#[derive(Clone, Debug, Default)]
pub struct People {
    best: BTreeMap<String, String>,
}

impl People {
    /// Everyone the event names: pitchers, facilitators, note-takers, note
    /// authors, owners of next steps and leads of decisions.
    pub fn of_event(event: &Event) -> People {
        let mut people = People::default();
        for organiser in &event.info.organisers {
            people.add(organiser);
        }
        for pitch in event.pitches.values() {
            for person in &pitch.pitched_by {
                people.add(&person.name);
            }
        }
        for session in event.sessions.values() {
            people.extend(session.facilitator.as_deref());
            people.extend(session.note_taker.as_deref());
        }
        for note in event.notes.values() {
            people.add(&note.author);
        }
        for action in event.actions.values() {
            people.extend(action.owner.as_deref());
        }
        for decision in event.decisions.values() {
            people.extend(decision.lead.as_deref());
        }
        people
    }

    fn extend(&mut self, name: Option<&str>) {
        if let Some(name) = name {
            self.add(name);
        }
    }

    /// Takes one more spelling into account.
    pub fn add(&mut self, name: &str) {
        let tidy = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if tidy.is_empty() {
            return;
        }
        let key = key(&tidy);
        match self.best.get_mut(&key) {
            Some(best) => {
                let better = (score(&tidy), std::cmp::Reverse(&tidy))
                    > (score(best), std::cmp::Reverse(&*best));
                if better {
                    *best = tidy;
                }
            }
            None => {
                self.best.insert(key, tidy);
            }
        }
    }

    /// The spelling to show for `name`: the best one known for that person,
    /// or the name itself, tidied, when nobody else wrote it.
    pub fn spelling(&self, name: &str) -> String {
        match self.best.get(&key(name)) {
            Some(best) => best.clone(),
            None => name.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }

    /// How to store a name someone has just typed (`--by`, a form): as the
    /// person the event already knows under any spelling of it, in the
    /// better of their spelling and this one.
    pub fn matched(&self, typed: &str) -> String {
        let tidy = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        match self.best.get(&key(&tidy)) {
            Some(best)
                if (score(best), std::cmp::Reverse(best))
                    >= (score(&tidy), std::cmp::Reverse(&tidy)) =>
            {
                best.clone()
            }
            _ => tidy,
        }
    }

    /// Every person, in the best spelling, in order of their key.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.best.values().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn people(names: &[&str]) -> People {
        let mut people = People::default();
        for name in names {
            people.add(name);
        }
        people
    }

    #[test]
    fn the_best_capitalised_spelling_is_shown() {
        let people = people(&["jo bloggs", "Jo  Bloggs", "JO BLOGGS", "jo Bloggs"]);
        assert_eq!(people.spelling("jo bloggs"), "Jo Bloggs");
        assert_eq!(people.spelling(" JO   bloggs "), "Jo Bloggs");
        assert_eq!(people.names().collect::<Vec<_>>(), ["Jo Bloggs"]);
        let people = people_with_mixed_case();
        assert_eq!(people.spelling("ellen mcdonald"), "Ellen McDonald");
        assert_eq!(people.spelling("Someone New"), "Someone New");
        assert_eq!(people.matched("ELLEN  MCDONALD"), "Ellen McDonald");
        assert_eq!(people.matched("ellen mcdonald "), "Ellen McDonald");
        assert_eq!(people.matched(" new  person"), "new person");
    }

    fn people_with_mixed_case() -> People {
        people(&[
            "ellen mcdonald",
            "Ellen Mcdonald",
            "Ellen McDonald",
            "ELLEN MCDONALD",
        ])
    }

    #[test]
    fn capitals_alone_are_kept_when_nothing_better_was_given() {
        assert_eq!(people(&["SAM", "sam"]).spelling("sam"), "SAM");
        assert_eq!(people(&["MHCLG", "mhclg"]).spelling("Mhclg"), "MHCLG");
    }

    proptest! {
        /// The choice is the same whatever order the spellings come in, and
        /// every spelling of a person shows as one.
        #[test]
        fn the_choice_does_not_depend_on_order(
            names in proptest::collection::vec("(jo|JO|Jo|jO)( | {2})(bloggs|Bloggs|BLOGGS)", 1..6)
        ) {
            let forward = people(&names.iter().map(String::as_str).collect::<Vec<_>>());
            let mut reversed = names.clone();
            reversed.reverse();
            let backward = people(&reversed.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert_eq!(forward.names().count(), 1);
            for name in &names {
                prop_assert_eq!(forward.spelling(name), backward.spelling(name));
                prop_assert!(same(name, &forward.spelling(name)));
            }
        }
    }
}
