//! `unconf export`: the write-up (whole or split per session), the calendar,
//! a register as CSV or the event as JSON, to a file, a folder or
//! standard output.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::export_args::{ExportArgs, ExportFormat};
use super::progress::Spinner;
use super::{CliError, CliResult, Context};
use crate::export::ics::{IcsOptions, ics};
use crate::export::{
    SplitFile, WriteUpOptions, html, json, markdown, register, split, write_markdown,
};
use crate::model::Event;
use crate::store::{atomic, location};

pub fn export(context: &Context, args: ExportArgs) -> CliResult {
    refuse_mismatched_flags(&args)?;
    let folder = context.read(&args.event)?;
    let folder_name = folder
        .dir()
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("event");
    let public = args.is_public();
    let mut stem = crate::export::file_stem(folder_name, public);
    if args.format == ExportFormat::Csv {
        // One file per register, so that writing one keeps the others.
        stem = format!("{stem}-{}", args.register().word());
    }
    if args.is_poster() {
        stem = format!("{stem}-programme");
    }
    // The versions behind the event are not needed to write it up; dropped
    // here, the write-up of a large event needs about half the memory.
    let (_, replica) = folder.into_parts();
    let event = &replica.into_event();
    let what = match args.format {
        ExportFormat::Csv => format!("the {} register", args.register().word()),
        ExportFormat::Html if args.is_poster() => "the programme poster".to_string(),
        format => format.what().to_string(),
    };
    let what = match public {
        true => format!("the public version of {what}"),
        false => what,
    };
    let spinner = Spinner::start(format!("Writing {what}…"));
    if args.split {
        let options = WriteUpOptions::new(args.with_notes, public);
        let files = match args.format {
            ExportFormat::Html => html::split(event, &options),
            _ => split(event, &options),
        };
        drop(spinner);
        write_split(args.out.as_deref(), &stem, &files, &what)?;
        left_for_review(event, public, true);
        return Ok(());
    }
    let file_name = format!("{stem}.{}", args.format.extension());
    let to_stdout = args.out.as_deref() == Some(Path::new("-"));
    let path = target(args.out.as_deref(), &file_name);
    if args.format == ExportFormat::Md {
        // Written as it is made: a large write-up is never whole in memory.
        let options = WriteUpOptions::new(args.with_notes, public);
        let produce = |out: &mut dyn Write| write_markdown(event, &options, out);
        if to_stdout {
            // The spinner would draw over the write-up in a terminal.
            drop(spinner);
            to_standard_output(produce)?;
        } else {
            let written = write(&path, produce);
            drop(spinner);
            written?;
        }
    } else {
        let text = render(context, &args, event);
        drop(spinner);
        let text = text?;
        let produce = |out: &mut dyn Write| out.write_all(text.as_bytes());
        match to_stdout {
            true => to_standard_output(produce)?,
            false => write(&path, produce)?,
        }
    }
    if !to_stdout {
        println!("Wrote {what} to {}.", path.display());
    }
    left_for_review(event, public, !to_stdout);
    Ok(())
}

/// Writes what `produce` makes to standard output. A reader that goes away
/// (`| head`) ends the process quietly with 141, as `print!` does (see
/// main.rs).
fn to_standard_output(produce: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> CliResult {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match produce(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(141),
        Err(e) => Err(CliError::Bad(format!(
            "Could not write to standard output: {e}."
        ))),
    }
}

/// Says how many probable names a public export left in Chatham House
/// sessions for a person to look at: on standard output beside "Wrote",
/// or, when the export itself went there, on standard error and only when
/// there are some.
fn left_for_review(event: &Event, public: bool, to_stdout: bool) {
    let under_rule = event.sessions.values().any(|s| s.chatham_house);
    if !public || !under_rule {
        return;
    }
    let line = match crate::export::personal::left_for_review(event) {
        0 => "No probable names were left in Chatham House sessions.".to_string(),
        1 => "Left 1 probable name in Chatham House sessions for review; `unconf check` lists it."
            .to_string(),
        n => format!(
            "Left {n} probable names in Chatham House sessions for review; `unconf check` lists them."
        ),
    };
    if to_stdout {
        println!("{line}");
    } else if !line.starts_with("No ") {
        eprintln!("{line}");
    }
}

/// The zone of the machine exporting, for a calendar whose event has none:
/// `TZ` when it names a zone, else the zone /etc/localtime points at.
fn machine_time_zone() -> Option<chrono_tz::Tz> {
    let from_env = std::env::var("TZ").ok();
    let from_env = from_env.as_deref().map(|tz| tz.trim_start_matches(':'));
    if let Some(zone) = from_env.and_then(|tz| tz.parse().ok()) {
        return Some(zone);
    }
    let link = std::fs::read_link("/etc/localtime").ok()?;
    let link = link.to_string_lossy();
    let (_, name) = link.split_once("zoneinfo/")?;
    name.parse().ok()
}

/// Flags that only mean something for the write-up, and --what, which
/// chooses a register or, for a web page, the programme poster.
fn refuse_mismatched_flags(args: &ExportArgs) -> CliResult {
    let format = args.format;
    let flag = match (args.split, args.with_notes) {
        (true, _) => "--split",
        (false, true) => "--with-notes",
        (false, false) => "",
    };
    if args.is_poster() && !flag.is_empty() {
        return Err(CliError::Bad(format!(
            "{flag} applies to the write-up, not to the programme poster (--what programme); leave one of them out."
        )));
    }
    if format == ExportFormat::Html && args.what.is_some() && !args.is_poster() {
        return Err(CliError::Bad(
            "--what with --format html takes only programme (the wall poster); the registers are CSV, with --format csv.".into(),
        ));
    }
    if !args.is_write_up() && !args.is_poster() && !flag.is_empty() {
        return Err(CliError::Bad(format!(
            "{flag} only applies to the write-up (--format md or html); leave it out with --format {}.",
            format.extension()
        )));
    }
    if !matches!(format, ExportFormat::Csv | ExportFormat::Html) && args.what.is_some() {
        return Err(CliError::Bad(format!(
            "--what chooses a CSV register; give --format csv with it, or leave it out with --format {}.",
            format.extension()
        )));
    }
    if args.split && args.out.as_deref() == Some(Path::new("-")) {
        return Err(CliError::Bad(
            "--split writes one file per session; give a folder with --out, not -.".into(),
        ));
    }
    Ok(())
}

fn render(context: &Context, args: &ExportArgs, event: &Event) -> Result<String, CliError> {
    Ok(match args.format {
        ExportFormat::Md => markdown(event, &WriteUpOptions::new(args.with_notes, args.public)),
        ExportFormat::Html if args.is_poster() => {
            html::poster(event, &WriteUpOptions::new(false, args.public))
        }
        ExportFormat::Html => html::html(event, &WriteUpOptions::new(args.with_notes, args.public)),
        ExportFormat::Csv => register(event, args.register(), args.public),
        ExportFormat::Ics => {
            let options = IcsOptions {
                public: args.is_public(),
                fallback_zone: machine_time_zone(),
                stamp: context.clock.now().to_utc(),
            };
            ics(event, &options)?
        }
        ExportFormat::Json => json::json(event, args.public)?,
    })
}

/// Every file of a split write-up in one folder: `--out`, else
/// `exports/<event>/`. File names are checked to be plain names, so that
/// nothing is ever written outside that folder.
fn write_split(out: Option<&Path>, stem: &str, files: &[SplitFile], what: &str) -> CliResult {
    let dir = match out {
        Some(path) => path.to_path_buf(),
        None => location::exports_dir().join(stem),
    };
    if let Some(bad) = files.iter().find(|f| !is_plain_file_name(&f.name)) {
        return Err(CliError::Bad(format!(
            "Refusing to write \"{}\", which is not a plain file name; nothing was written.",
            bad.name
        )));
    }
    write_all(&dir, files)?;
    let removed = remove_stale(&dir, files)?;
    let removed = match removed {
        0 => String::new(),
        1 => "; removed 1 file left from an earlier export".to_string(),
        n => format!("; removed {n} files left from an earlier export"),
    };
    let index = files.first().map_or("an index", |f| f.name.as_str());
    println!(
        "Wrote {what}, split into {index} and {} session file{}, to {}{removed}.",
        files.len() - 1,
        if files.len() == 2 { "" } else { "s" },
        dir.display()
    );
    Ok(())
}

/// Writes every file into `dir`, or none: each is written in full beside
/// its place under a hidden name first, and only when all of them are
/// written are they renamed into place (which needs no space), so that a
/// disk that fills part way leaves the folder as it was.
fn write_all(dir: &Path, files: &[SplitFile]) -> CliResult {
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::Bad(format!(
            "Could not create the folder {}: {e}.",
            dir.display()
        ))
    })?;
    if let Some(taken) = files.iter().map(|f| dir.join(&f.name)).find(|p| p.is_dir()) {
        return Err(CliError::Bad(format!(
            "Could not write {}: a folder of that name is in the way; nothing was written.",
            taken.display()
        )));
    }
    let staged = |file: &SplitFile| dir.join(format!(".{}.unconf-part", file.name));
    let remove_staged = |written: &[SplitFile]| {
        for file in written {
            // Best effort: a hidden part file left behind is harmless.
            let _ = std::fs::remove_file(staged(file));
        }
    };
    for (n, file) in files.iter().enumerate() {
        if let Err(e) = atomic::write(&staged(file), file.text.as_bytes()) {
            remove_staged(&files[..=n]);
            return Err(CliError::Bad(format!(
                "Could not write {}: {e}; nothing was written.",
                dir.join(&file.name).display()
            )));
        }
    }
    for (n, file) in files.iter().enumerate() {
        let path = dir.join(&file.name);
        if let Err(e) = std::fs::rename(staged(file), &path) {
            remove_staged(&files[n..]);
            let done = match n {
                0 => "nothing was written".to_string(),
                1 => "1 file was written before it".to_string(),
                n => format!("{n} files were written before it"),
            };
            return Err(CliError::Bad(format!(
                "Could not write {}: {e}; {done}.",
                path.display()
            )));
        }
    }
    Ok(())
}

/// Lists the files a split export wrote, so that the next one can tell
/// its own old files (a session renamed, moved or deleted since) from
/// anything else in the folder, which it never touches.
const SPLIT_MANIFEST: &str = ".unconf-split";

/// Removes the files the last split export wrote here that this one did
/// not write again, and records this one's files. Returns how many went.
fn remove_stale(dir: &Path, files: &[SplitFile]) -> Result<usize, CliError> {
    let manifest = dir.join(SPLIT_MANIFEST);
    let before = std::fs::read_to_string(&manifest).unwrap_or_default();
    let mut removed = 0;
    for name in before.lines().map(str::trim) {
        let written = files.iter().any(|f| f.name == name);
        if written || !is_plain_file_name(name) {
            continue;
        }
        match std::fs::remove_file(dir.join(name)) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(CliError::Bad(format!(
                    "Could not remove {}, left from an earlier export: {e}.",
                    dir.join(name).display()
                )));
            }
        }
    }
    let names: String = files.iter().map(|f| format!("{}\n", f.name)).collect();
    write(&manifest, |out| out.write_all(names.as_bytes()))?;
    Ok(removed)
}

fn is_plain_file_name(name: &str) -> bool {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
    !name.starts_with('.') && !name.contains("..") && name.chars().all(allowed)
}

/// `--out` as a folder (existing, or ending in a separator) gets the default
/// file name; any other `--out` is the file itself.
fn target(out: Option<&Path>, file_name: &str) -> PathBuf {
    match out {
        None => location::exports_dir().join(file_name),
        Some(path) if path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/') => {
            path.join(file_name)
        }
        Some(path) => path.to_path_buf(),
    }
}

fn write(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), CliError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            CliError::Bad(format!(
                "Could not create the folder {}: {e}.",
                parent.display()
            ))
        })?;
    }
    atomic::write_out_streamed(path, produce).map_err(|e| {
        CliError::Bad(match atomic::replaced(&e) {
            true => format!(
                "Wrote {}, but could not make sure it is on the disk ({e}); check it, or export again.",
                path.display()
            ),
            false => format!(
                "Could not write {}: {e}; nothing was written.",
                path.display()
            ),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_written() {
        assert!(is_plain_file_name("01-round-1-library-open-data.md"));
        assert!(is_plain_file_name("index.md"));
        for bad in [
            "../x.md", "a/b.md", ".hidden", "a..md", "/etc/x", "A.md", "a\\b",
        ] {
            assert!(!is_plain_file_name(bad), "{bad}");
        }
    }
}
