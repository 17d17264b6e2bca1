//! A full disk, for real: the event lives on a small tmpfs that the test
//! fills. A save that fails leaves the previous file byte for byte, no
//! temporary file, the edit in memory (library), an error naming the file
//! (CLI), a persistent NOT SAVED warning (TUI); once space is back the next
//! save writes everything from memory.
//!
//! Mounting needs root (CI runs as root). Elsewhere these tests say so and
//! pass without checking anything.

mod ci;
mod crash_kit;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crash_kit::pty::Tui;
use crash_kit::{Home, clock, inspect, titles};
use unconf::model::{Change, Pitch, Record};
use unconf::store::{Access, EventFolder, Identity, StoreError};

const DEVICE: &str = "organiser";

/// A mounted tmpfs of a few hundred KiB, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().expect("a mount point");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=512k", "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if mounted {
            Some(SmallDisk { dir })
        } else {
            ci::cannot_check("mounting a tmpfs needs root");
            None
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn filler(&self) -> PathBuf {
        self.path().join("filler")
    }

    /// Writes until the disk refuses another byte.
    fn fill(&self) {
        let mut file = std::fs::File::create(self.filler()).expect("a filler file");
        let block = vec![0u8; 4096];
        while file.write_all(&block).is_ok() {}
        while file.write_all(&block[..1]).is_ok() {}
    }

    fn free(&self) {
        std::fs::remove_file(self.filler()).expect("space back");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.path()).status();
    }
}

fn pitch(folder: &mut EventFolder, title: &str) -> Vec<Change> {
    let pitch = Pitch {
        title: title.into(),
        ..Pitch::default()
    };
    vec![Change::put(folder.new_id(), Record::Pitch(pitch))]
}

#[test]
fn a_full_disk_keeps_the_file_and_the_edit_and_saves_once_space_is_back() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let home = Home::in_dir(disk.path());
    let dir = home.seed_event("Full day", DEVICE, 3);
    let me = Identity::from_label(DEVICE, DEVICE);
    let mut folder = EventFolder::open(&dir, me, clock(), Access::Write).expect("opens");
    let own = folder.own_path().to_path_buf();
    let before = std::fs::read(&own).expect("the own file");
    disk.fill();
    let changes = pitch(&mut folder, "Written on a full disk");
    let error = folder.commit(changes).expect_err("the disk is full");
    assert!(matches!(error, StoreError::Save { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains(&own.display().to_string()), "{message}");
    assert!(message.contains("No space left on device"), "{message}");
    assert!(folder.has_unsaved());
    assert_eq!(std::fs::read(&own).expect("intact"), before);
    assert_eq!(inspect(&dir).hidden_leftovers, 0);
    let in_memory = folder.event().pitches.values();
    assert!(
        in_memory
            .map(|p| &p.title)
            .any(|t| t == "Written on a full disk")
    );

    disk.free();
    folder.save().expect("space is back");
    assert!(!folder.has_unsaved());
    assert!(titles(&dir).contains("Written on a full disk"));
}

#[test]
fn the_cli_says_which_file_could_not_be_saved_and_a_rerun_succeeds() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let home = Home::in_dir(disk.path());
    let dir = home.seed_event("Full day", DEVICE, 3);
    let own = dir.join(format!(
        "{}.ron",
        Identity::from_label(DEVICE, DEVICE).file_stem()
    ));
    let before = std::fs::read(&own).expect("the own file");
    disk.fill();
    let add = ["pitch", "add", "full-day", "Typed on a full disk"];
    let output = home.command(DEVICE, &add).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: Could not save "), "{stderr}");
    assert!(stderr.contains(&own.display().to_string()), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(std::fs::read(&own).expect("intact"), before);
    assert_eq!(inspect(&dir).hidden_leftovers, 0);

    disk.free();
    let rerun = home.command(DEVICE, &add).output().expect("runs");
    assert!(rerun.status.success(), "{rerun:?}");
    assert!(titles(&dir).contains("Typed on a full disk"));
}

#[test]
fn the_tui_warns_until_a_save_succeeds_and_loses_nothing() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let home = Home::in_dir(disk.path());
    let dir = home.seed_event("Full day", DEVICE, 3);
    let mut tui = Tui::in_home(&home, DEVICE, &["open", "full-day"], &[]);
    tui.wait_for("Seed pitch");
    disk.fill();
    tui.type_text("a");
    tui.type_text("First on a full disk");
    tui.enter();
    tui.wait_for("NOT SAVED Could not save");
    // The warning stays while typing goes on.
    tui.type_text("Second");
    tui.wait_for("Second");
    assert!(tui.contents().contains("NOT SAVED"), "{}", tui.contents());

    disk.free();
    tui.enter();
    tui.wait_for("Added \"Second\".");
    assert!(!tui.contents().contains("NOT SAVED"), "{}", tui.contents());
    let now = titles(&dir);
    assert!(now.contains("First on a full disk"), "written from memory");
    assert!(now.contains("Second"));
    assert_eq!(inspect(&dir).hidden_leftovers, 0);
}

/// A split write-up onto a disk that fills part way writes none of its
/// files: what the folder held before is all it holds, with no part files
/// left, and the one-sentence error names the file and says so.
#[test]
fn a_split_write_up_onto_a_disk_that_fills_part_way_writes_nothing() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let home = Home::new();
    let event_arg = big_day(&home);
    let out = disk.path().join("write-up");
    std::fs::create_dir_all(&out).expect("the folder");
    std::fs::write(out.join("kept.txt"), "already here").expect("a file");
    // Room for some of the pages but not all of them.
    fill_but(&disk, 48 * 1024);
    let out_arg = out.to_string_lossy().into_owned();
    let export = [
        "export",
        &event_arg,
        "--format",
        "html",
        "--split",
        "--with-notes",
        "--out",
        &out_arg,
    ];
    let stderr = refused_for_space(&home, &export);
    let left: Vec<String> = std::fs::read_dir(&out)
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(left, vec!["kept.txt".to_string()], "{stderr}");
}

/// The Markdown write-up is written as it is made; a disk that fills part
/// way leaves the write-up that was there before as it was, and no part
/// file, and the one-sentence error says so.
#[test]
fn a_write_up_onto_a_disk_that_fills_part_way_leaves_the_old_one() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let home = Home::new();
    let event_arg = big_day(&home);
    let out = disk.path().join("write-up.md");
    std::fs::write(&out, "the write-up as it was").expect("a file");
    // Room for some of the write-up but not all of it.
    fill_but(&disk, 48 * 1024);
    let out_arg = out.to_string_lossy().into_owned();
    let export = ["export", &event_arg, "--with-notes", "--out", &out_arg];
    let stderr = refused_for_space(&home, &export);
    let old = std::fs::read_to_string(&out).expect("still there");
    assert_eq!(old, "the write-up as it was");
    let left: Vec<String> = std::fs::read_dir(disk.path())
        .expect("the disk")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains("write-up"))
        .collect();
    assert_eq!(left, ["write-up.md"], "{stderr}");
}

/// A generated event of 60 pitches and 30 sessions in `home`; its path.
fn big_day(home: &Home) -> String {
    let event = home.root().join("big-day");
    let event_arg = event.to_string_lossy().into_owned();
    let generate = [
        "generate",
        &event_arg,
        "--pitches",
        "60",
        "--sessions",
        "30",
    ];
    let made = home.command(DEVICE, &generate).output().expect("runs");
    assert!(made.status.success(), "{made:?}");
    event_arg
}

/// Fills the disk, then gives `room` bytes back.
fn fill_but(disk: &SmallDisk, room: u64) {
    disk.fill();
    let filler = std::fs::OpenOptions::new()
        .write(true)
        .open(disk.filler())
        .expect("the filler");
    let size = filler.metadata().expect("its size").len();
    filler
        .set_len(size.saturating_sub(room))
        .expect("some space back");
}

/// Runs `args`, which must fail for want of space with one sentence saying
/// that nothing was written; that sentence.
fn refused_for_space(home: &Home, args: &[&str]) -> String {
    let output = home.command(DEVICE, args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    stderr
}
