//! `unconf export`: the write-up, to a file, a folder or standard output.

use std::path::{Path, PathBuf};

use super::args::ExportArgs;
use super::{CliError, CliResult, Context};
use crate::export::{MarkdownOptions, markdown};
use crate::store::{atomic, location};

pub fn export(context: &Context, args: ExportArgs) -> CliResult {
    let folder = context.read(&args.event)?;
    let options = MarkdownOptions {
        with_notes: args.with_notes,
    };
    let text = markdown(folder.event(), &options);
    let slug = folder
        .dir()
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("event")
        .to_string();
    let file_name = format!("{slug}.md");
    match args.out.as_deref() {
        Some(path) if path == Path::new("-") => {
            print!("{text}");
            Ok(())
        }
        out => {
            let path = target(out, &file_name);
            write(&path, &text)?;
            println!("Wrote the write-up to {}.", path.display());
            Ok(())
        }
    }
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

fn write(path: &Path, text: &str) -> Result<(), CliError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            CliError::Bad(format!(
                "Could not create the folder {}: {e}.",
                parent.display()
            ))
        })?;
    }
    atomic::write(path, text.as_bytes()).map_err(|e| {
        CliError::Bad(format!(
            "Could not write {}: {e}; nothing was written.",
            path.display()
        ))
    })
}
