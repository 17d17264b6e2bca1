//! What groups record: notes, session details, next steps and decisions.

use super::args::{
    ActionAddArgs, ActionCommand, DecisionCommand, EventArg, NoteCommand, SessionCommand,
    SessionRef, SessionSetArgs,
};
use super::event_cmds::event_name;
use super::{CliError, CliResult, Context, table};
use crate::model::ops::{self, SessionDetails};
use crate::model::reference::{resolve_action, resolve_session};
use crate::model::rules::{quoted, session_title_of};
use crate::model::{Action, ActionStatus, Decision, Event, Id, Note};
use crate::store::EventFolder;

fn session_of(folder: &EventFolder, target: &SessionRef) -> Result<Id, CliError> {
    Ok(resolve_session(
        folder.event(),
        &target.session,
        target.slot.as_deref(),
    )?)
}

pub fn note(context: &Context, command: NoteCommand) -> CliResult {
    let (target, text, kind, by, private) = match command {
        NoteCommand::Add {
            target,
            text,
            kind,
            by,
            private,
        } => (target, text, kind, by, private),
        NoteCommand::List(args) => return super::note_verbs::list(context, args),
        NoteCommand::Edit(args) => return super::note_verbs::edit(context, args),
        NoteCommand::Delete { event, note } => {
            return super::note_verbs::delete(context, &event, &note);
        }
        NoteCommand::Move(args) => return super::note_verbs::move_notes(context, args),
    };
    let mut folder = context.write(&target.event)?;
    let session = session_of(&folder, &target)?;
    let author = match by {
        Some(by) => crate::model::people::People::of_event(folder.event()).matched(&by),
        None => folder.identity().author.clone(),
    };
    // The same text makes the same note here as in the TUI and plain mode.
    let (kind, text) = match kind {
        Some(kind) => (kind.into(), text),
        None => {
            let (kind, rest) = crate::model::NoteKind::parse_prefixed(&text);
            (kind, rest.to_string())
        }
    };
    let note = Note {
        session: session.clone(),
        text,
        kind,
        taken_at: context.clock.now(),
        author,
        private,
        status: crate::model::ActionStatus::Open,
    };
    let id = folder.new_id();
    let changes = ops::add_note(folder.event(), id.clone(), note)?;
    folder.commit(changes)?;
    let kind = kind.word();
    let described = match (private, kind.starts_with(['a', 'e', 'i', 'o', 'u'])) {
        (true, _) => format!("a private {kind}"),
        (false, true) => format!("an {kind}"),
        (false, false) => format!("a {kind}"),
    };
    println!(
        "Added {described} to {} (note id {}).",
        session_title_of(folder.event(), &session),
        id.short()
    );
    Ok(())
}

pub fn session(context: &Context, command: SessionCommand) -> CliResult {
    let SessionCommand::Set(args) = command;
    let SessionSetArgs {
        target,
        summary,
        outcome,
        attendees,
        note_taker,
        facilitator,
        chatham_house,
        not_chatham_house,
    } = args;
    let details = SessionDetails {
        summary,
        outcome,
        attendees: attendees.map(Some),
        note_taker,
        facilitator,
        chatham_house: match (chatham_house, not_chatham_house) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
    };
    if details == SessionDetails::default() {
        return Err(CliError::Bad(
            "Nothing to change; give at least one of --summary, --outcome, --attendees, --note-taker, --facilitator or --chatham-house.".into(),
        ));
    }
    let mut folder = context.write(&target.event)?;
    let session = session_of(&folder, &target)?;
    let changes = ops::set_session_details(folder.event(), &session, details)?;
    let changed = !changes.is_empty();
    folder.commit(changes)?;
    let title = session_title_of(folder.event(), &session);
    if changed {
        println!("Updated session {title}.");
    } else {
        println!("Session {title} already had those details; nothing changed.");
    }
    Ok(())
}

pub fn action(context: &Context, command: ActionCommand) -> CliResult {
    match command {
        ActionCommand::Add(args) => add_action(context, args),
        ActionCommand::Done {
            event,
            action,
            reopen,
        } => {
            let mut folder = context.write(&event)?;
            let id = resolve_action(folder.event(), &action)?;
            let status = if reopen {
                ActionStatus::Open
            } else {
                ActionStatus::Done
            };
            let (before, text) = (folder.event().action(&id))
                .map(|a| (Some(a.status), a.text))
                .unwrap_or_default();
            if before == Some(status) {
                println!(
                    "{} was already {}; nothing changed.",
                    quoted(&text),
                    status.word()
                );
                return Ok(());
            }
            let changes = ops::set_action_status(folder.event(), &id, status)?;
            folder.commit(changes)?;
            match status {
                ActionStatus::Done => println!("Marked {} done.", quoted(&text)),
                ActionStatus::Open => println!("Opened {} again.", quoted(&text)),
            }
            Ok(())
        }
    }
}

fn add_action(context: &Context, args: ActionAddArgs) -> CliResult {
    let (session, text) = match (args.event_level, args.words.as_slice()) {
        (true, [text]) => (None, text.clone()),
        (false, [session, text]) => (Some(session.clone()), text.clone()),
        (true, _) => {
            return Err(CliError::Bad(
                "With --event give only the action's text, e.g. unconf action add EVENT --event \"Run a workshop\".".into(),
            ));
        }
        (false, _) => {
            return Err(CliError::Bad(
                "Give the session and the action's text, or --event and the text, e.g. unconf action add EVENT \"open data\" \"Share the list\".".into(),
            ));
        }
    };
    let mut folder = context.write(&args.event)?;
    let session = match session {
        Some(query) => Some(resolve_session(
            folder.event(),
            &query,
            args.slot.as_deref(),
        )?),
        None => None,
    };
    let action = Action {
        session: session.clone(),
        text: text.clone(),
        owner: (args.owner.as_deref())
            .map(|owner| crate::model::people::People::of_event(folder.event()).matched(owner)),
        due: args.due,
        status: ActionStatus::Open,
    };
    let id = folder.new_id();
    let changes = ops::add_action(folder.event(), id.clone(), action)?;
    folder.commit(changes)?;
    let whose = match &session {
        Some(s) => format!("session {}", session_title_of(folder.event(), s)),
        None => event_name(&folder),
    };
    println!(
        "Added action {} to {whose} (id {}).",
        quoted(&text),
        id.short()
    );
    Ok(())
}

/// The actions register: event-level first, then by session in programme order.
pub fn actions(context: &Context, args: EventArg) -> CliResult {
    let folder = context.read(&args.event)?;
    let event = folder.event();
    let rows = register(event);
    if rows.is_empty() {
        println!("No actions in {} yet.", event_name(&folder));
        return Ok(());
    }
    print!(
        "{}",
        table::render(
            &["id", "status", "action", "owner", "due", "session"],
            &rows,
            48
        )
    );
    Ok(())
}

fn register(event: &Event) -> Vec<Vec<String>> {
    let event_level = event
        .actions_of(None)
        .into_iter()
        .map(|a| (a, String::new()));
    let by_session = event.sessions_in_order().into_iter().flat_map(|(sid, s)| {
        event
            .actions_of(Some(sid))
            .into_iter()
            .map(|a| (a, event.session_title(s).to_string()))
    });
    event_level
        .chain(by_session)
        .map(|((id, action), session)| {
            vec![
                id.short().to_string(),
                action.status.word().to_string(),
                action.text.clone(),
                action.owner.clone().unwrap_or_default(),
                action.due.map(|d| d.to_string()).unwrap_or_default(),
                session,
            ]
        })
        .collect()
}

pub fn decision(context: &Context, command: DecisionCommand) -> CliResult {
    let DecisionCommand::Add { event, text, lead } = command;
    let mut folder = context.write(&event)?;
    let id = folder.new_id();
    let decision = Decision {
        text: text.clone(),
        lead,
    };
    let changes = ops::add_decision(folder.event(), id, decision)?;
    folder.commit(changes)?;
    println!(
        "Recorded decision {} for {}.",
        quoted(&text),
        event_name(&folder)
    );
    Ok(())
}
