//! What a typed line means in plain mode: a note, a command, or nothing.
//! Pure: the dialogue decides what each one does.

/// One line typed at the notes prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Enter on an empty line: hear what arrived meanwhile.
    Nothing,
    /// A note, as typed (its prefix sets the kind). `//text` is the note
    /// `/text`, for the rare note that starts with a slash.
    Note(String),
    Command(Command),
    /// A word after `/` that is no command, as typed.
    Unknown(String),
}

/// The commands, each with its help line in [`Command::HELP`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Summary,
    Outcome,
    /// A next step; the text may come with the command.
    Next(Option<String>),
    /// The last notes, this many (5 when not given).
    List(usize),
    Undo,
    Time,
    Who,
    Private,
    Session,
    Quit,
}

/// How many notes `/list` reads out when not told.
pub const LIST_DEFAULT: usize = 5;

impl Command {
    /// What `/help` reads out, one line each.
    pub const HELP: [&'static str; 11] = [
        "/summary  write the session's summary, line by line; a line with only a full stop saves it",
        "/outcome  write the session's outcome, the same way",
        "/next     add a next step (then its owner and due date, each may be left empty)",
        "/list     read the last notes; /list 10 reads ten",
        "/undo     undo the last change",
        "/private  make the next note private (left out of the public write-up)",
        "/time     the time left in this session's slot",
        "/who      the laptops whose files are in the event folder",
        "/session  take notes in another session, chosen from a numbered list",
        "/help     this list",
        "/quit     leave (everything is already saved)",
    ];
}

/// Reads one line typed at the notes prompt.
pub fn parse(line: &str) -> Input {
    let line = line.trim();
    if line.is_empty() {
        return Input::Nothing;
    }
    let Some(rest) = line.strip_prefix('/') else {
        return Input::Note(line.to_string());
    };
    if rest.starts_with('/') {
        return Input::Note(rest.to_string());
    }
    let (word, argument) = match rest.split_once(char::is_whitespace) {
        Some((word, argument)) => (word, argument.trim()),
        None => (rest, ""),
    };
    let command = match word.to_lowercase().as_str() {
        "help" | "h" | "?" => Command::Help,
        "summary" => Command::Summary,
        "outcome" => Command::Outcome,
        "next" => Command::Next(Some(argument.to_string()).filter(|a| !a.is_empty())),
        "list" => match argument {
            "" => Command::List(LIST_DEFAULT),
            n => match n.parse::<usize>() {
                Ok(n) if n > 0 => Command::List(n),
                _ => return Input::Unknown(line.to_string()),
            },
        },
        "undo" => Command::Undo,
        "time" => Command::Time,
        "who" => Command::Who,
        "private" => Command::Private,
        "session" => Command::Session,
        "quit" | "exit" | "q" => Command::Quit,
        _ => return Input::Unknown(line.to_string()),
    };
    Input::Command(command)
}

/// What a line typed in the summary or outcome editor means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WritingLine {
    /// A line with only a full stop: save.
    Done,
    /// `/cancel`: leave the text as it was.
    Cancel,
    /// `/clear`: start again from nothing.
    Clear,
    /// A line of text (an empty one is a paragraph break).
    Text(String),
}

pub fn parse_writing(line: &str) -> WritingLine {
    match line.trim() {
        "." => WritingLine::Done,
        "/cancel" => WritingLine::Cancel,
        "/clear" => WritingLine::Clear,
        _ => WritingLine::Text(line.trim_end().to_string()),
    }
}

/// `/cancel` in a question (a next step's fields, the list of sessions).
pub fn is_cancel(line: &str) -> bool {
    line.trim().eq_ignore_ascii_case("/cancel")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_a_note_unless_it_starts_with_a_slash() {
        assert_eq!(parse("  ? who pays  "), Input::Note("? who pays".into()));
        assert_eq!(
            parse("= use open standards"),
            Input::Note("= use open standards".into())
        );
        assert_eq!(parse(""), Input::Nothing);
        assert_eq!(parse("   "), Input::Nothing);
        assert_eq!(
            parse("//etc/hosts is a file"),
            Input::Note("/etc/hosts is a file".into())
        );
    }

    #[test]
    fn commands_are_read_with_their_arguments() {
        assert_eq!(parse("/summary"), Input::Command(Command::Summary));
        assert_eq!(parse("/OUTCOME"), Input::Command(Command::Outcome));
        assert_eq!(parse("/next"), Input::Command(Command::Next(None)));
        assert_eq!(
            parse("/next  Publish the notes "),
            Input::Command(Command::Next(Some("Publish the notes".into())))
        );
        assert_eq!(parse("/list"), Input::Command(Command::List(LIST_DEFAULT)));
        assert_eq!(parse("/list 12"), Input::Command(Command::List(12)));
        for (typed, command) in [
            ("/undo", Command::Undo),
            ("/time", Command::Time),
            ("/who", Command::Who),
            ("/private", Command::Private),
            ("/session", Command::Session),
            ("/quit", Command::Quit),
            ("/help", Command::Help),
        ] {
            assert_eq!(parse(typed), Input::Command(command), "{typed}");
        }
    }

    #[test]
    fn an_unknown_command_or_argument_is_said_back() {
        assert_eq!(parse("/sumary"), Input::Unknown("/sumary".into()));
        assert_eq!(parse("/list ten"), Input::Unknown("/list ten".into()));
        assert_eq!(parse("/list 0"), Input::Unknown("/list 0".into()));
        assert_eq!(parse("/"), Input::Unknown("/".into()));
    }

    #[test]
    fn the_editor_ends_on_a_lone_full_stop() {
        assert_eq!(parse_writing(" . "), WritingLine::Done);
        assert_eq!(parse_writing("/cancel"), WritingLine::Cancel);
        assert_eq!(parse_writing("/clear"), WritingLine::Clear);
        assert_eq!(
            parse_writing("Ends here."),
            WritingLine::Text("Ends here.".into())
        );
        assert_eq!(parse_writing(""), WritingLine::Text(String::new()));
        assert!(is_cancel(" /Cancel "));
    }

    #[test]
    fn every_command_has_a_help_line() {
        for line in Command::HELP {
            let word = line.split_whitespace().next().unwrap_or_default();
            assert!(matches!(parse(word), Input::Command(_)), "{word}");
        }
    }
}
