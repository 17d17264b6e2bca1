//! How cost grows with the event: load, export, peak memory and keystroke
//! cost on small, medium, large and (with `UNCONF_BENCH_XL=1`) xl, printed
//! as a Markdown table and drawn as a log-log chart.
//!
//! `cargo bench --bench curve` writes `target/curve/performance-curve.svg`;
//! `UNCONF_BENCH_XL=1 cargo bench --bench curve` adds the xl event (ten
//! times large: about five minutes more and 1 GiB of memory) and writes the
//! chart committed in `docs/performance-curve.svg`. The curve has no
//! budgets of its own (they are in `perf` and `latency`); it shows where
//! the design bends. See docs/PERFORMANCE.md.

mod common;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::screen::{Typist, open};
use plotters::prelude::*;
use unconf::export::{WriteUpOptions, markdown};
use unconf::store::Access;
use unconf::store::generate::Sizes;

/// One size of event and what it cost.
struct Point {
    name: &'static str,
    notes: usize,
    disk: u64,
    /// `unconf generate`: wall time and peak memory, for generated sizes.
    generate: Option<(Duration, u64)>,
    load: Duration,
    export: Duration,
    peak: Option<u64>,
    notes_key: Duration,
    schedule_key: Duration,
}

fn main() {
    if !common::measuring() {
        println!("curve: test run; the curve is measured only under `cargo bench`.");
        return;
    }
    let xl = std::env::var_os("UNCONF_BENCH_XL").is_some_and(|v| v != "0");
    let root = tempfile::tempdir().expect("a temp dir");
    let _state = unconf::store::local::on_this_thread(&root.path().join("state"));
    let small = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/supplier-response-to-the-local-digital-declaration");
    let mut sizes = vec![("medium", Sizes::MEDIUM), ("large", Sizes::LARGE)];
    if xl {
        sizes.push(("xl", Sizes::XL));
    }

    let mut points = vec![measure("small", &small, None, 20)];
    for (name, size) in sizes {
        let dir = root.path().join(name);
        let made = generate(&dir, &size);
        let repeats = match name {
            "medium" => 10,
            "large" => 5,
            _ => 3,
        };
        points.push(measure(name, &dir, Some(made), repeats));
        // Each event is measured, then its files go, so that xl does not
        // sit beside the others on disk.
        let _ = std::fs::remove_dir_all(&dir);
    }

    let table = table(&points);
    println!("\n{table}");
    let out = common::target_dir().join("curve");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(out.join("curve.md"), &table);
    let chart = if xl {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/performance-curve.svg")
    } else {
        out.join("performance-curve.svg")
    };
    match draw(&points, &chart) {
        Ok(()) => println!("chart written to {}", chart.display()),
        Err(error) => {
            eprintln!("could not draw {}: {error}", chart.display());
            std::process::exit(1);
        }
    }
}

/// `unconf generate` for `sizes` into `dir`, timed, its peak memory read
/// from `/usr/bin/time -v`.
fn generate(dir: &Path, sizes: &Sizes) -> (Duration, u64) {
    let start = Instant::now();
    let run = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_unconf"))
        .arg("generate")
        .arg(dir)
        .args(["--pitches", &sizes.pitches.to_string()])
        .args(["--sessions", &sizes.sessions.to_string()])
        .args(["--notes", &sizes.notes.to_string()])
        .args(["--devices", &sizes.devices.to_string()])
        .output()
        .expect("/usr/bin/time runs unconf generate (install GNU time)");
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "unconf generate failed: {stderr}");
    print!("{}", String::from_utf8_lossy(&run.stdout));
    let peak = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|n| n.trim().parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024);
    (took, peak)
}

fn measure(
    name: &'static str,
    dir: &Path,
    generate: Option<(Duration, u64)>,
    repeats: usize,
) -> Point {
    println!("measuring {name}…");
    let disk = common::bytes_on_disk(dir);
    let folder = open(dir, "reader", Access::Read);
    let notes = folder.event().notes.len();
    let options = WriteUpOptions::new(true, false);
    let export = median_of(repeats, || {
        drop(black_box(markdown(folder.event(), &options)))
    });
    drop(folder);
    let load = median_of(repeats, || {
        drop(black_box(open(dir, "reader", Access::Read)))
    });
    let peak = common::peak_of_export(dir)
        .map_err(|why| eprintln!("peak memory of {name} not measured: {why}"))
        .ok();
    let notes_key = per_key(Typist::notes(dir));
    let schedule_key = per_key(Typist::schedule(dir));
    Point {
        name,
        notes,
        disk,
        generate,
        load,
        export,
        peak,
        notes_key,
        schedule_key,
    }
}

/// The median time of `f` over `n` calls, after one to warm up.
fn median_of(n: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// One key's cost on the screen (update and frame): the median over
/// 15 rounds of 50 pairs of keys that leave the screen as it was.
fn per_key(mut typist: Typist) -> Duration {
    for _ in 0..50 {
        typist.pair();
    }
    median_of(15, || {
        for _ in 0..50 {
            typist.pair();
        }
    }) / 100
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn table(points: &[Point]) -> String {
    let mut text = String::from(
        "| size | notes | on disk | generate (time, peak memory) | load | export | peak memory of export | Notes key | Schedule key |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for p in points {
        let generate = p.generate.map_or_else(
            || "(the example event)".to_string(),
            |(took, peak)| format!("{:.1} s, {:.0} MiB", took.as_secs_f64(), mib(peak)),
        );
        let peak = p.peak.map_or_else(
            || "not measured".to_string(),
            |b| format!("{:.1} MiB", mib(b)),
        );
        let _ = writeln!(
            text,
            "| {} | {} | {:.2} MiB | {generate} | {:.1} ms | {:.1} ms | {peak} | {:.3} ms | {:.3} ms |",
            p.name,
            p.notes,
            mib(p.disk),
            ms(p.load),
            ms(p.export),
            ms(p.notes_key),
            ms(p.schedule_key),
        );
    }
    text
}

/// The smallest and largest powers of ten around `values`.
fn decades(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| *v > 0.0)
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    (
        10f64.powf(lo.log10().floor()),
        10f64.powf(hi.log10().ceil()),
    )
}

/// 1, 10, 100, 1k, 10k …: a log axis's labels.
fn power_label(v: f64) -> String {
    match v {
        v if v >= 1e6 => format!("{}M", v / 1e6),
        v if v >= 1e3 => format!("{}k", v / 1e3),
        v if v >= 1.0 => format!("{v}"),
        v => format!("{v}"),
    }
}

type Series<'a> = (&'a str, RGBColor, Vec<(f64, f64)>);

/// Two log-log panels against the number of notes: times (ms) on the left,
/// memory and size (MiB) on the right. Dark text and lines on white, so
/// that it reads the same in GitHub's light and dark modes.
fn draw(points: &[Point], path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let notes = |p: &Point| p.notes.max(1) as f64;
    let line = |name, colour, value: &dyn Fn(&Point) -> Option<f64>| -> Series {
        (
            name,
            colour,
            points
                .iter()
                .filter_map(|p| value(p).map(|v| (notes(p), v)))
                .collect(),
        )
    };
    let times: Vec<Series> = vec![
        line("load (open: read, parse, merge)", BLUE_D, &|p| {
            Some(ms(p.load))
        }),
        line("export (write-up with notes)", ORANGE_D, &|p| {
            Some(ms(p.export))
        }),
        line("Notes keystroke (update + frame)", GREEN_D, &|p| {
            Some(ms(p.notes_key))
        }),
        line("Schedule keystroke", PURPLE_D, &|p| {
            Some(ms(p.schedule_key))
        }),
    ];
    let memory: Vec<Series> = vec![
        line("peak memory of unconf export", RED_D, &|p| p.peak.map(mib)),
        line("device files on disk", GREY_D, &|p| Some(mib(p.disk))),
    ];

    let root = SVGBackend::new(path, (1200, 520)).into_drawing_area();
    root.fill(&WHITE)?;
    let (title, body) = root.split_vertically(40);
    let sizes: Vec<String> = points
        .iter()
        .map(|p| format!("{} ({} notes)", p.name, p.notes))
        .collect();
    title.draw(&Text::new(
        format!("unconf: cost against event size — {}", sizes.join(", ")),
        (20, 12),
        ("sans-serif", 18).into_font().color(&BLACK),
    ))?;
    let (left, right) = body.split_horizontally(640);
    let x = decades(points.iter().map(notes));
    panel(
        &left,
        "Time per operation",
        "milliseconds (log scale)",
        x,
        &times,
    )?;
    panel(&right, "Memory and size", "MiB (log scale)", x, &memory)?;
    root.present()?;
    Ok(())
}

fn panel(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    caption: &str,
    y_desc: &str,
    x: (f64, f64),
    series: &[Series],
) -> Result<(), Box<dyn std::error::Error>> {
    let y = decades(series.iter().flat_map(|s| s.2.iter().map(|p| p.1)));
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 16).into_font().color(&BLACK))
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d((x.0..x.1).log_scale(), (y.0..y.1).log_scale())?;
    chart
        .configure_mesh()
        .x_desc("notes in the event (log scale)")
        .y_desc(y_desc)
        .x_label_formatter(&|v| power_label(*v))
        .y_label_formatter(&|v| power_label(*v))
        .axis_desc_style(("sans-serif", 14).into_font().color(&BLACK))
        .label_style(("sans-serif", 12).into_font().color(&BLACK))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(200, 200, 200))
        .axis_style(BLACK)
        .draw()?;
    for (name, colour, data) in series {
        let style = ShapeStyle::from(*colour).stroke_width(2);
        chart
            .draw_series(LineSeries::new(data.iter().copied(), style))?
            .label(*name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
        chart.draw_series(
            data.iter()
                .map(|&(x, y)| Circle::new((x, y), 4, colour.filled())),
        )?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 12).into_font().color(&BLACK))
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(160, 160, 160))
        .draw()?;
    Ok(())
}

/// Colours that stay apart for most kinds of colour blindness (Okabe–Ito).
const BLUE_D: RGBColor = RGBColor(0, 114, 178);
const ORANGE_D: RGBColor = RGBColor(213, 94, 0);
const GREEN_D: RGBColor = RGBColor(0, 158, 115);
const PURPLE_D: RGBColor = RGBColor(204, 121, 167);
const RED_D: RGBColor = RGBColor(180, 40, 40);
const GREY_D: RGBColor = RGBColor(90, 90, 90);
