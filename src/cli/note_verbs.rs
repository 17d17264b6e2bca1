//! Notes that are there: listing, editing, moving and deleting them, with
//! the same `model::ops` the terminal UI uses.

use serde::Serialize;

use crate::export::json::NoteOut;

use super::args::ListFormat;
use super::event_cmds::event_name;
use super::verb_args::{NoteEditArgs, NoteListArgs, NoteMoveArgs};
use super::{CliError, CliResult, Context, table};
use crate::export::csv;
use crate::model::ops::NoteChange;
use crate::model::reference::{resolve_note, resolve_session};
use crate::model::rules::{plural, quoted, session_title_of};
use crate::model::{Event, Id, NoteKind, ops};

/// One note as `note list --format json` prints it.
#[derive(Serialize)]
struct NoteRow<'a> {
    #[serde(flatten)]
    note: NoteOut<'a>,
    session_title: String,
}

pub fn list(context: &Context, args: NoteListArgs) -> CliResult {
    let folder = context.read(&args.event)?;
    let event = folder.event();
    let sessions: Vec<&Id> = match &args.session {
        Some(query) => {
            let id = resolve_session(event, query, args.slot.as_deref())?;
            match event.sessions.get_key_value(&id) {
                Some((id, _)) => vec![id],
                None => Vec::new(),
            }
        }
        None => event
            .sessions_in_order()
            .into_iter()
            .map(|(id, _)| id)
            .collect(),
    };
    let rows = rows(event, &sessions);
    match args.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        ListFormat::Csv => print!("{}", notes_csv(&rows)),
        ListFormat::Table if rows.is_empty() => {
            println!("No notes in {} yet.", event_name(&folder));
        }
        ListFormat::Table => {
            let cells: Vec<Vec<String>> = (rows.iter())
                .map(|r| {
                    vec![
                        Id::new(r.note.id).short().to_string(),
                        r.note.taken_at.get(11..16).unwrap_or("").to_string(),
                        r.note.kind.to_string(),
                        if r.note.private {
                            format!("[private] {}", r.note.text)
                        } else {
                            r.note.text.to_string()
                        },
                        r.note.author.to_string(),
                        r.session_title.clone(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table::render(&["id", "time", "kind", "note", "by", "session"], &cells, 48)
            );
        }
    }
    Ok(())
}

/// The notes of the sessions, session by session, in the order taken.
fn rows<'a>(event: &'a Event, sessions: &[&'a Id]) -> Vec<NoteRow<'a>> {
    sessions
        .iter()
        .flat_map(|session| {
            let title = event
                .sessions
                .get(*session)
                .map(|s| event.session_title(s).to_string())
                .unwrap_or_default();
            event.notes_of(session).map(move |(id, n)| NoteRow {
                note: NoteOut::of(id, n),
                session_title: title.clone(),
            })
        })
        .collect()
}

fn notes_csv(rows: &[NoteRow]) -> String {
    let mut out = csv::row(&[
        "id",
        "session",
        "session title",
        "kind",
        "text",
        "taken at",
        "author",
        "private",
    ]);
    for r in rows {
        out.push_str(&csv::row(&[
            r.note.id,
            r.note.session,
            &r.session_title,
            r.note.kind,
            r.note.text,
            &r.note.taken_at,
            r.note.author,
            if r.note.private { "yes" } else { "no" },
        ]));
    }
    out
}

pub fn edit(context: &Context, args: NoteEditArgs) -> CliResult {
    let privacy = match (args.private, args.not_private) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    if args.text.is_none() && args.kind.is_none() && privacy.is_none() {
        return Err(CliError::Bad(
            "Nothing to change; give at least one of --text, --kind, --private or --not-private."
                .into(),
        ));
    }
    let mut folder = context.write(&args.event)?;
    let id = resolve_note(folder.event(), &args.note, None)?;
    let change = NoteChange {
        text: args.text,
        kind: args.kind.map(NoteKind::from),
        private: privacy,
    };
    let changes = ops::change_note(folder.event(), &id, change)?;
    let changed = !changes.is_empty();
    folder.commit(changes)?;
    let text = folder
        .event()
        .notes
        .get(&id)
        .map_or("", |n| n.text.as_str());
    if changed {
        println!("Changed note {} ({}).", quoted(text), id.short());
    } else {
        println!("Note {} already said that; nothing changed.", quoted(text));
    }
    Ok(())
}

pub fn delete(context: &Context, event: &str, note: &str) -> CliResult {
    let mut folder = context.write(event)?;
    let id = resolve_note(folder.event(), note, None)?;
    let text = folder
        .event()
        .notes
        .get(&id)
        .map(|n| n.text.clone())
        .unwrap_or_default();
    let changes = ops::delete_note(folder.event(), &id)?;
    folder.commit(changes)?;
    println!("Deleted note {} ({}).", quoted(&text), id.short());
    Ok(())
}

pub fn move_notes(context: &Context, args: NoteMoveArgs) -> CliResult {
    let mut folder = context.write(&args.event)?;
    let to = resolve_session(folder.event(), &args.to, args.slot.as_deref())?;
    let notes = (args.notes.iter())
        .map(|query| resolve_note(folder.event(), query, None))
        .collect::<Result<Vec<Id>, _>>()?;
    let changes = ops::move_notes(folder.event(), &notes, &to)?;
    let moved = changes.len();
    folder.commit(changes)?;
    let title = session_title_of(folder.event(), &to);
    if moved == 0 {
        println!("Those notes are already in session {title}; nothing moved.");
    } else {
        println!("Moved {} to session {title}.", plural(moved, "note"));
    }
    Ok(())
}
