//! Carrying an event between laptops: merge, pack, sync.

use super::args::{MergeArgs, PackArgs};
use super::progress::Spinner;
use super::{CliResult, Context};
use crate::store::{carry, location, sync};

pub fn merge(context: &Context, args: MergeArgs) -> CliResult {
    let dir = context.event_dir(&args.event)?;
    let me = context.identity()?;
    let spinner = Spinner::start(format!("Merging {}…", args.other.display()));
    let report = carry::merge(&dir, me, context.clock, &args.other, args.dry_run);
    drop(spinner);
    let report = report?;
    let verb = if args.dry_run {
        "Would bring in"
    } else {
        "Brought in"
    };
    if !report.changed_anything() {
        println!(
            "Nothing new in {}: this event already has all of it.",
            args.other.display()
        );
        return Ok(());
    }
    println!(
        "{verb} {} new record{}, {} changed record{} and {} new conflict{} from {}.",
        report.new_records,
        plural(report.new_records),
        report.changed_records,
        plural(report.changed_records),
        report.new_conflicts,
        plural(report.new_conflicts),
        args.other.display()
    );
    if !args.dry_run {
        println!(
            "  {} version{} now travel{} in this laptop's file to every laptop that gets it.",
            report.versions,
            plural(report.versions),
            if report.versions == 1 { "s" } else { "" }
        );
    }
    if report.new_conflicts > 0 {
        println!(
            "`unconf resolve {}` shows the conflicting versions and keeps one.",
            args.event
        );
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub fn pack(context: &Context, args: PackArgs) -> CliResult {
    let dir = context.event_dir(&args.event)?;
    let slug = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "event".into());
    let out = args
        .out
        .unwrap_or_else(|| location::exports_dir().join(format!("{slug}.zip")));
    let count = carry::pack(&dir, context.identity()?, context.clock, &out)?;
    println!(
        "Packed {count} device file{} into {}; on the other laptop run `unconf merge EVENT {}`.",
        plural(count),
        out.display(),
        out.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    Ok(())
}

pub fn sync(context: &Context, event: &str) -> CliResult {
    let dir = context.event_dir(event)?;
    let report = sync::sync(&dir, context.identity()?, context.clock)?;
    let sent = if report.committed {
        "sent this laptop's changes"
    } else {
        "nothing new to send"
    };
    println!(
        "Synced {}: {sent}, {} device file{} came in.",
        dir.display(),
        report.received,
        plural(report.received)
    );
    Ok(())
}
