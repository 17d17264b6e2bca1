//! What the event screen reads from what people type: times and slot
//! kinds. Its edits (the event's details, renaming and reordering rooms,
//! changing a slot) are `model::ops`, shared with the command line, and
//! named here as the screen has always called them.

use chrono::NaiveTime;

use crate::model::SlotKind;
pub use crate::model::ops::{
    check_times, edit_room, edit_slot, move_room, put_or_resolve as put_changed, set_details,
};

/// Reads a time as people type it: `9:30`, `09:30`, `9.30`, `0930` or `9`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let (hours, minutes) = match text.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None if text.len() > 2 => text.split_at(text.len() - 2),
        None => (text, "0"),
    };
    let hours: u32 = hours.trim().parse().ok()?;
    let minutes: u32 = minutes.trim().parse().ok()?;
    NaiveTime::from_hms_opt(hours, minutes, 0)
}

/// Reads a slot's kind from its word or the start of it (`pl` is plenary).
/// "b" alone could be breakout or break, so it is not accepted.
pub fn parse_kind(text: &str) -> Option<SlotKind> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return None;
    }
    if let Some(exact) = SlotKind::ALL.into_iter().find(|k| k.word() == text) {
        return Some(exact);
    }
    let mut matching = SlotKind::ALL
        .into_iter()
        .filter(|k| k.word().starts_with(&text));
    match (matching.next(), matching.next()) {
        (Some(kind), None) => Some(kind),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use super::*;
    use crate::model::ops::OpError;
    use crate::model::{Id, Slot};
    use crate::tui::testing::sample_state;

    #[test]
    fn times_are_read_as_people_type_them() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_time("9:30"), t(9, 30));
        assert_eq!(parse_time(" 09.05 "), t(9, 5));
        assert_eq!(parse_time("1415"), t(14, 15));
        assert_eq!(parse_time("9"), t(9, 0));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("noon"), None);
    }

    #[test]
    fn kinds_are_read_from_a_unique_start() {
        assert_eq!(parse_kind("Plenary"), Some(SlotKind::Plenary));
        assert_eq!(parse_kind("break"), Some(SlotKind::Break));
        assert_eq!(parse_kind("breako"), Some(SlotKind::Breakout));
        assert_eq!(parse_kind("b"), None);
        assert_eq!(parse_kind(""), None);
    }

    #[test]
    fn moving_a_room_renumbers_only_what_changes() {
        let state = sample_state();
        let event = state.event();
        let order: Vec<Id> = event
            .rooms_in_order()
            .iter()
            .map(|(id, _)| (*id).clone())
            .collect();
        let changes = move_room(event, &order[2], -1).unwrap();
        assert_eq!(changes.len(), 2, "the last two rooms swap places");
        assert!(move_room(event, &order[0], -1).unwrap().is_empty());
    }

    #[test]
    fn a_used_slot_does_not_become_a_break() {
        let state = sample_state();
        let event = state.event();
        let (id, slot) = event
            .slots_in_order()
            .into_iter()
            .find(|(_, s)| s.label == "Round 1")
            .unwrap();
        let err = edit_slot(
            event,
            id,
            Slot {
                kind: SlotKind::Break,
                ..slot.clone()
            },
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Slot Round 1 (10:00) is used by"),
            "{err}"
        );
    }

    #[test]
    fn a_room_may_keep_its_own_name_in_another_case_but_not_take_anothers() {
        let state = sample_state();
        let event = state.event();
        let (id, _) = event.rooms_in_order()[1];
        assert!(edit_room(event, id, "LIBRARY", Some(20)).is_ok());
        let err = edit_room(event, id, "main hall", None).unwrap_err();
        assert!(matches!(err, OpError::DuplicateRoom { .. }));
    }
}
