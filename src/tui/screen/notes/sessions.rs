//! The list of sessions on the Notes screen: grouped by slot, the slot
//! running now first (that is where notes are being taken), then the rest
//! in programme order.

use chrono::{DateTime, FixedOffset};

use crate::model::{Event, Id};
use crate::tui::widget::countdown::current_slot;

/// One row of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row<'a> {
    /// A slot heading; `None` for sessions whose slot is missing.
    Slot {
        slot: Option<&'a Id>,
        now: bool,
    },
    Session(&'a Id),
}

/// The rows of the list, headings included.
pub fn rows(event: &Event, now: DateTime<FixedOffset>) -> Vec<Row<'_>> {
    let current = current_slot(event, now);
    let mut groups: Vec<(Option<&Id>, Vec<&Id>)> = Vec::new();
    for (id, session) in event.sessions_in_order() {
        let slot = event
            .slots
            .contains_key(&session.slot)
            .then_some(&session.slot);
        match groups.last_mut() {
            Some((last, ids)) if *last == slot => ids.push(id),
            _ => groups.push((slot, vec![id])),
        }
    }
    if let Some(at) = groups
        .iter()
        .position(|(slot, _)| slot.is_some() && *slot == current)
    {
        let running = groups.remove(at);
        groups.insert(0, running);
    }
    let mut rows = Vec::new();
    for (slot, ids) in groups {
        rows.push(Row::Slot {
            slot,
            now: slot.is_some() && slot == current,
        });
        rows.extend(ids.into_iter().map(Row::Session));
    }
    rows
}

/// The sessions in list order, without headings.
pub fn order(event: &Event, now: DateTime<FixedOffset>) -> Vec<&Id> {
    rows(event, now)
        .into_iter()
        .filter_map(|row| match row {
            Row::Session(id) => Some(id),
            Row::Slot { .. } => None,
        })
        .collect()
}
