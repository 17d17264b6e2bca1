//! What the write-up says, whatever it is rendered as: the decisions about
//! content that the Markdown write-up (and any later renderer, such as a web
//! page) share, as data or as plain sentences with no markup in them.

use crate::model::{Event, Id, Pitch, PitchStatus};

/// How many came: the day's headcount, and the counts sessions took of
/// their own, which are never added up (that would count everyone once
/// per session they joined).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendance {
    pub headcount: Option<u32>,
    /// Sessions that counted, of all the sessions.
    pub counted: usize,
    pub sessions: usize,
    pub fewest: u32,
    pub most: u32,
}

impl Attendance {
    pub fn of(event: &Event) -> Attendance {
        let counts: Vec<u32> = (event.sessions.values())
            .filter_map(|s| s.attendees)
            .collect();
        Attendance {
            headcount: event.info.attendees,
            counted: counts.len(),
            sessions: event.sessions.len(),
            fewest: counts.iter().copied().min().unwrap_or(0),
            most: counts.iter().copied().max().unwrap_or(0),
        }
    }

    /// "45 attendees", and "Attendance counted in 8 of 10 sessions: from 6
    /// to 20 people in each", each only when known.
    pub fn sentences(&self) -> Vec<String> {
        let mut said = Vec::new();
        if let Some(headcount) = self.headcount {
            said.push(crate::export::format::count(
                headcount as usize,
                "attendee",
                "attendees",
            ));
        }
        if self.counted > 0 {
            let range = if self.fewest == self.most {
                crate::export::format::count(self.most as usize, "person", "people")
            } else {
                format!("from {} to {} people", self.fewest, self.most)
            };
            let each = if self.counted == 1 { "" } else { " in each" };
            said.push(format!(
                "Attendance counted in {} of {} sessions: {range}{each}",
                self.counted, self.sessions
            ));
        }
        said
    }
}

/// The pitches of a session that say what they proposed, for a session
/// that recorded nothing else: shown as the pitch, never as what was said.
pub fn described<'e>(event: &'e Event, pitches: &[&Id]) -> Vec<&'e Pitch> {
    (pitches.iter())
        .filter_map(|p| event.pitches.get(*p))
        .filter(|p| !p.description.trim().is_empty())
        .collect()
}

/// Whether a merged pitch ran: the pitch it was merged into is scheduled,
/// so it is written up under that session, not as "not scheduled".
pub fn ran_merged(event: &Event, id: &Id) -> bool {
    let root = event.merge_root(id);
    root != id && event.pitch_status(root) == PitchStatus::Scheduled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_is_said_as_the_day_and_per_session() {
        let none = Attendance {
            headcount: None,
            counted: 0,
            sessions: 3,
            fewest: 0,
            most: 0,
        };
        assert!(none.sentences().is_empty());
        let day = Attendance {
            headcount: Some(45),
            counted: 2,
            fewest: 9,
            most: 14,
            ..none.clone()
        };
        assert_eq!(
            day.sentences(),
            [
                "45 attendees",
                "Attendance counted in 2 of 3 sessions: from 9 to 14 people in each"
            ]
        );
        let one = Attendance {
            counted: 1,
            fewest: 1,
            most: 1,
            ..none
        };
        assert_eq!(
            one.sentences(),
            ["Attendance counted in 1 of 3 sessions: 1 person"]
        );
    }
}
