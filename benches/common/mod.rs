//! What every benchmark needs: a generated event's files, whether this run
//! measures at all, and the budgets it judged.

#![allow(dead_code)] // each benchmark uses a part of it

pub mod screen;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The event's device files, sorted by name.
pub fn device_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

/// The bytes of the event's device files together.
pub fn bytes_on_disk(dir: &Path) -> u64 {
    device_files(dir)
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

/// True under `cargo bench` (which passes `--bench`), false under `cargo
/// test --benches` or `cargo bench -- --test`: as criterion decides, so that
/// a test run only checks that the benchmarks work, measures nothing and
/// judges no budget.
pub fn measuring() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test")
}

/// A number from the environment, or `default`.
pub fn number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The project's target folder (where criterion and the run log write).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// What became of one budget in this run.
#[derive(Clone, Debug)]
pub enum Verdict {
    /// Measured and within its limit.
    Meets,
    /// Measured and over its limit.
    Over,
    /// A filter left its benchmarks out, or it could not be measured here
    /// (the reason); neither passes nor fails the run.
    NotRun(String),
    /// Its benchmarks ran but the figure could not be taken (the reason):
    /// fails the run, since a budget that cannot be checked is not met.
    Unmeasured(String),
}

/// One budget: what it is about, what was measured and its limit.
#[derive(Clone, Debug)]
pub struct Budget {
    pub name: String,
    pub measured: f64,
    pub limit: f64,
    /// "x" for a ratio, "MiB" for memory.
    pub unit: &'static str,
    pub verdict: Verdict,
}

/// The budgets of one benchmark run: printed as a summary at the end,
/// appended to the run log, and the reason the process exits non-zero.
pub struct Budgets {
    bench: &'static str,
    list: Vec<Budget>,
}

impl Budgets {
    pub fn new(bench: &'static str) -> Budgets {
        Budgets {
            bench,
            list: Vec::new(),
        }
    }

    /// A budget that holds while `measured <= limit`.
    pub fn at_most(&mut self, name: &str, measured: f64, limit: f64, unit: &'static str) {
        let verdict = if measured <= limit {
            Verdict::Meets
        } else {
            Verdict::Over
        };
        self.push(name, measured, limit, unit, verdict);
    }

    /// A budget that holds while `measured < limit`.
    pub fn below(&mut self, name: &str, measured: f64, limit: f64, unit: &'static str) {
        let verdict = if measured < limit {
            Verdict::Meets
        } else {
            Verdict::Over
        };
        self.push(name, measured, limit, unit, verdict);
    }

    /// A budget this run did not measure, and why.
    pub fn not_run(&mut self, name: &str, limit: f64, unit: &'static str, why: &str) {
        self.push(name, f64::NAN, limit, unit, Verdict::NotRun(why.into()));
    }

    /// A budget whose figure could not be taken here, and why: fails.
    pub fn unmeasured(&mut self, name: &str, limit: f64, unit: &'static str, why: &str) {
        self.push(name, f64::NAN, limit, unit, Verdict::Unmeasured(why.into()));
    }

    fn push(&mut self, name: &str, measured: f64, limit: f64, unit: &'static str, v: Verdict) {
        self.list.push(Budget {
            name: name.into(),
            measured,
            limit,
            unit,
            verdict: v,
        });
    }

    /// The summary: one line per budget over its limit (its name, measured
    /// value and limit), then how many were met, over and not run.
    pub fn summary(&self) -> String {
        let mut text = String::new();
        let (mut met, mut over, mut skipped) = (0, 0, 0);
        for budget in &self.list {
            match &budget.verdict {
                Verdict::Meets => met += 1,
                Verdict::Over => {
                    over += 1;
                    let _ = writeln!(
                        text,
                        "OVER BUDGET: {}: measured {}, limit {}",
                        budget.name,
                        show(budget.measured, budget.unit),
                        show(budget.limit, budget.unit)
                    );
                }
                Verdict::Unmeasured(why) => {
                    over += 1;
                    let _ = writeln!(text, "NOT MEASURED: {}: {why}", budget.name);
                }
                Verdict::NotRun(why) => {
                    skipped += 1;
                    let _ = writeln!(text, "not run: {} ({why})", budget.name);
                }
            }
        }
        let _ = writeln!(
            text,
            "{}: {} budgets: {met} met, {over} over or not measured, {skipped} not run.",
            self.bench,
            self.list.len()
        );
        text
    }

    /// Appends this run's budgets to the run log (`UNCONF_BENCH_LOG`, else
    /// `target/bench-runs/runs.tsv`), one tab-separated line each: run,
    /// bench, budget, measured, limit, unit, verdict. `benches/runs.sh`
    /// summarises it.
    pub fn log(&self) {
        let path = std::env::var_os("UNCONF_BENCH_LOG")
            .map(PathBuf::from)
            .unwrap_or_else(|| target_dir().join("bench-runs/runs.tsv"));
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let run = format!(
            "{}-{}",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            std::process::id()
        );
        let mut lines = String::new();
        for b in &self.list {
            let verdict = match &b.verdict {
                Verdict::Meets => "meets",
                Verdict::Over => "over",
                Verdict::NotRun(_) => "not-run",
                Verdict::Unmeasured(_) => "unmeasured",
            };
            let _ = writeln!(
                lines,
                "{run}\t{}\t{}\t{}\t{}\t{}\t{verdict}",
                self.bench, b.name, b.measured, b.limit, b.unit
            );
        }
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut file| file.write_all(lines.as_bytes()));
        match written {
            Ok(()) => println!("(budgets appended to {})", path.display()),
            Err(error) => eprintln!("could not append to {}: {error}", path.display()),
        }
    }

    /// Logs the run and prints the summary; the process's exit code, which
    /// is a failure when any budget is over or could not be measured.
    /// (Returned rather than exiting here, so that temporary folders are
    /// removed on the way out.)
    pub fn finish(self) -> std::process::ExitCode {
        self.log();
        let summary = self.summary();
        let over = self
            .list
            .iter()
            .any(|b| matches!(b.verdict, Verdict::Over | Verdict::Unmeasured(_)));
        if over {
            eprint!("\n{summary}");
            return std::process::ExitCode::FAILURE;
        }
        println!("\n{summary}");
        std::process::ExitCode::SUCCESS
    }
}

/// A value with its unit: "1.23x", "83.9 MiB".
pub fn show(value: f64, unit: &str) -> String {
    match unit {
        "x" => format!("{value:.2}x"),
        unit => format!("{value:.1} {unit}"),
    }
}

/// Peak resident memory in bytes of `unconf export --with-notes` on the
/// event in `dir`, read from `/usr/bin/time -v`; or why it could not be.
pub fn peak_of_export(dir: &Path) -> Result<u64, String> {
    let out = tempfile::tempdir().map_err(|e| format!("no temp dir: {e}"))?;
    let run = std::process::Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_unconf"))
        .arg("export")
        .arg(dir)
        .args(["--with-notes", "--out"])
        .arg(out.path())
        .env("UNCONF_DEVICE", "bench reader")
        .env("UNCONF_AUTHOR", "Bench")
        .env("UNCONF_NOW", "2026-11-27T18:00:00+00:00")
        .output()
        .map_err(|e| format!("/usr/bin/time could not run ({e}); install GNU time"))?;
    let stderr = String::from_utf8_lossy(&run.stderr);
    if !run.status.success() {
        return Err(format!("unconf export failed: {}", stderr.trim()));
    }
    stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|n| n.trim().parse::<u64>().ok())
        .map(|kib| kib * 1024)
        .ok_or_else(|| "/usr/bin/time -v gave no maximum resident set size".into())
}
