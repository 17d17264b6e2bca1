//! The programme as a table: times down, rooms across. On a phone the
//! style shows each slot as a list of its rooms (see style.css); the markup
//! stays one table, so that a pasted copy keeps its rows and columns.

use maud::{Markup, html};

use super::{Links, line};
use crate::export::write_up::{Line, Listed, Programme, ProgrammeSlot};

pub(super) fn table(programme: &Programme, links: &Links) -> Markup {
    let rooms: Vec<String> = programme.rooms.iter().map(Line::plain).collect();
    html! {
        table.programme {
            "\n" caption { "Programme: what runs when, and in which room" }
            "\n" thead {
                tr {
                    th scope="col" { "Time" }
                    @for room in &programme.rooms {
                        th scope="col" { (line(room, links)) }
                    }
                }
            }
            "\n" tbody {
                @for slot in &programme.slots {
                    "\n" (row(slot, &rooms, links))
                }
                "\n"
            }
            "\n"
        }
    }
}

fn row(slot: &ProgrammeSlot, rooms: &[String], links: &Links) -> Markup {
    let listed: Vec<(&String, &Listed)> = (rooms.iter().zip(&slot.rooms))
        .flat_map(|(room, sessions)| sessions.iter().map(move |s| (room, s)))
        .collect();
    // A plenary or break that at most one session fills is the whole
    // group's: one cell across every room.
    let across =
        !rooms.is_empty() && (slot.together.is_some() || slot.whole_group && listed.len() <= 1);
    html! {
        tr class=[across.then_some("whole-group")] {
            th scope="row" {
                span.times { (slot.times) }
                br;
                span.slot { (line(&slot.label, links)) }
            }
            @if across {
                td colspan=(rooms.len()) {
                    @if let Some(together) = slot.together {
                        em { (together.words()) }
                    }
                    @for (room, session) in &listed {
                        (title(session, links)) " (" (room) ")"
                    }
                }
            } @else {
                @for (room, sessions) in rooms.iter().zip(&slot.rooms) {
                    td data-room=(room) {
                        @match sessions.as_slice() {
                            [] => {},
                            [only] => (title(only, links)),
                            many => ul {
                                @for session in many {
                                    li { (title(session, links)) }
                                }
                            },
                        }
                    }
                }
            }
        }
    }
}

/// A session's title, linked to its section or page where it has one.
fn title(session: &Listed, links: &Links) -> Markup {
    match links.session(&session.session) {
        Some(href) => html! { a href=(href) { (line(&session.title, links)) } },
        None => line(&session.title, links),
    }
}
