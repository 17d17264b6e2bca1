//! The actions register as CSV, for whoever keeps it in a spreadsheet.

use super::{csv, public_view};
use crate::model::{Action, Event, Id};

/// The columns, in order.
pub const HEADER: [&str; 6] = ["event", "session", "action", "owner", "due", "status"];

/// Every next step: the event's own first, then each session's in programme
/// order, each in the order it was made. Dates are YYYY-MM-DD, which every
/// spreadsheet reads as a date. With `public`, the public view's text.
pub fn actions_register(event: &Event, public: bool) -> String {
    let shown;
    let event = if public {
        shown = public_view(event);
        &shown
    } else {
        event
    };
    let mut out = csv::row(&HEADER);
    for (session, action) in in_order(event) {
        let due = action.due.map(|d| d.to_string()).unwrap_or_default();
        out.push_str(&csv::row(&[
            event.info.name.as_str(),
            &session,
            &action.text,
            action.owner.as_deref().unwrap_or(""),
            &due,
            action.status.word(),
        ]));
    }
    out
}

/// Each action with the title of its session ("" for the event's own); a
/// repeat says so, since its title is the same as the first run's.
fn in_order(event: &Event) -> Vec<(String, Action)> {
    let own = event
        .actions_of(None)
        .into_iter()
        .map(|(_, a)| (String::new(), a));
    let by_session = event.sessions_in_order().into_iter().flat_map(|(id, s)| {
        let title = session_title(event, id, event.session_title(s));
        event
            .actions_of(Some(id))
            .into_iter()
            .map(move |(_, a)| (title.clone(), a))
    });
    own.chain(by_session).collect()
}

fn session_title(event: &Event, id: &Id, title: &str) -> String {
    match event.repeat_of(id) {
        Some(_) => format!("{title} (repeat)"),
        None => title.to_string(),
    }
}
