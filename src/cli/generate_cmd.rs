//! `unconf generate`: a generated event of any size, for benchmarks.

use super::CliResult;
use super::args::GenerateArgs;
use super::progress::Spinner;
use crate::store::generate::{Sizes, generate as write_event};

pub fn generate(args: &GenerateArgs) -> CliResult {
    let sizes = Sizes {
        pitches: args.pitches,
        sessions: args.sessions,
        notes: args.notes,
        devices: args.devices,
    };
    let spinner = Spinner::start(format!(
        "Generating {} notes on {} laptops…",
        sizes.notes, sizes.devices
    ));
    let done = write_event(&args.dir, &sizes);
    drop(spinner);
    let done = done?;
    println!(
        "Generated {}: {} pitches, {} sessions in {} slots x {} rooms, {} notes, {} device files ({:.1} MiB).",
        done.dir.display(),
        sizes.pitches,
        sizes.sessions,
        done.slots,
        done.rooms,
        sizes.notes,
        done.files,
        done.bytes as f64 / (1024.0 * 1024.0)
    );
    Ok(())
}
