//! `unconf sync` in a git repository, with a zip merged between syncs:
//! since merge writes only this laptop's own file, git never has two
//! writers of one file, every sync succeeds, no conflict markers are ever
//! left, and both laptops end with every note.

mod ci;
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Env, SESSION, path_arg, texts};

const A: (&str, &str) = ("laptop-a", "Ann");
const B: (&str, &str) = ("laptop-b", "Ben");

/// Whether git is here; under CI its absence fails the test.
fn have_git() -> bool {
    let found = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        ci::cannot_check("git is not installed");
    }
    found
}

/// Two clones of a local bare repository, one per laptop.
struct Repo<'a> {
    env: &'a Env,
}

impl Repo<'_> {
    fn tree(&self, who: (&str, &str)) -> PathBuf {
        self.env.root().join(who.0)
    }

    fn event(&self, who: (&str, &str)) -> PathBuf {
        self.tree(who).join("sessions").join(common::OPEN_DAY)
    }

    /// git with no system or user configuration, as `who`.
    fn git(&self, who: (&str, &str), args: &[&str]) -> String {
        let output = Command::new("git")
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.env.laptop_home(who.0))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_TERMINAL_PROMPT", "0")
            .current_dir(self.env.root())
            .args(["-c", &format!("user.name={}", who.1)])
            .args(["-c", "user.email=laptop@example.invalid"])
            .args(["-c", "init.defaultBranch=main"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// unconf as `who` in its own work tree (git on the PATH).
    fn unconf(&self, who: (&str, &str), args: &[&str]) -> common::Run {
        self.env.tick();
        let mut command = self.env.command_on(who, &self.env.now());
        command
            .env("UNCONF_HOME", self.tree(who).join("sessions"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_TERMINAL_PROMPT", "0");
        self.env.run_command(command, args)
    }

    fn ok(&self, who: (&str, &str), args: &[&str]) -> String {
        self.unconf(who, args).success(args)
    }

    fn note(&self, who: (&str, &str), text: &str) {
        self.ok(
            who,
            &["note", "add", path_arg(&self.event(who)), SESSION, text],
        );
    }

    /// `unconf sync` must succeed and leave no conflict marker anywhere.
    fn sync(&self, who: (&str, &str), when: &str) {
        let run = self.unconf(who, &["sync", path_arg(&self.event(who))]);
        assert_eq!(run.code, 0, "{when}: {}'s sync failed: {run:?}", who.0);
        for laptop in [A, B] {
            let marked = marked_files(&self.event(laptop));
            assert!(
                marked.is_empty(),
                "{when}: {}'s sync said {:?} and left conflict markers on {} in {marked:?}",
                who.0,
                run.stdout.trim(),
                laptop.0
            );
        }
    }

    fn notes(&self, who: (&str, &str)) -> Vec<String> {
        texts(
            &self.env.export_json(who, &self.event(who)),
            "notes",
            "text",
        )
    }
}

/// Device files in `dir` holding a line that starts with `<<<<<<<`.
fn marked_files(dir: &Path) -> Vec<String> {
    if !dir.is_dir() {
        return Vec::new();
    }
    common::ron_files(dir)
        .into_iter()
        .filter(|n| {
            std::fs::read_to_string(dir.join(n))
                .is_ok_and(|t| t.lines().any(|l| l.starts_with("<<<<<<<")))
        })
        .collect()
}

/// From git-sync-leaves-conflict-markers.sh.
#[test]
fn syncs_around_a_merged_zip_all_succeed_without_conflict_markers_and_lose_no_note() {
    if !have_git() {
        return;
    }
    let env = Env::new();
    let repo = Repo { env: &env };
    let remote = env.root().join("remote.git");
    repo.git(A, &["init", "-q", "--bare", path_arg(&remote)]);
    for who in [A, B] {
        repo.git(
            who,
            &["clone", "-q", path_arg(&remote), path_arg(&repo.tree(who))],
        );
    }
    let (a, b) = (repo.event(A), repo.event(B));
    let (tree_a, tree_b) = (repo.tree(A), repo.tree(B));
    let (ta, tb) = (path_arg(&tree_a), path_arg(&tree_b));
    repo.ok(A, &["new", "Open day", "--date", "2026-11-27"]);
    let ea = path_arg(&a);
    repo.ok(A, &["room", "add", ea, "Library"]);
    repo.ok(
        A,
        &["slot", "add", ea, "10:30", "11:15", "--label", "Round 1"],
    );
    repo.ok(A, &["pitch", "add", ea, "Open standards"]);
    repo.ok(
        A,
        &[
            "schedule", ea, SESSION, "--slot", "Round 1", "--room", "Library",
        ],
    );
    // What the script does for the state unconf kept in the event folder
    // before it moved to the machine's local state; harmless either way.
    std::fs::write(repo.tree(A).join(".gitignore"), ".unconf/\n").expect(".gitignore");
    repo.git(A, &["-C", ta, "add", ".gitignore"]);
    repo.git(
        A,
        &[
            "-C",
            ta,
            "commit",
            "-qm",
            "Keep per-machine state out of git",
        ],
    );
    repo.git(A, &["-C", ta, "push", "-q", "-u", "origin", "HEAD:main"]);
    repo.sync(A, "laptop A's first sync");
    repo.git(B, &["-C", tb, "pull", "-q", "origin", "main"]);
    repo.git(
        B,
        &["-C", tb, "branch", "-q", "--set-upstream-to=origin/main"],
    );

    let mut written = Vec::new();
    for round in 1..=2 {
        for i in 1..=2 {
            for (who, letter) in [(A, 'A'), (B, 'B')] {
                let text = format!("{letter} round {round} note {i}");
                repo.note(who, &text);
                written.push(text);
            }
        }
        repo.sync(A, &format!("round {round}"));
        repo.sync(B, &format!("round {round}"));
    }
    repo.sync(A, "after the rounds");

    // The network is down: laptop A hands laptop B a zip.
    repo.note(A, "A note carried on a USB stick");
    let zip = env.root().join("laptop-a.zip");
    repo.ok(A, &["pack", ea, "--out", path_arg(&zip)]);
    repo.ok(B, &["merge", path_arg(&b), path_arg(&zip)]);
    // The network is back.
    repo.note(A, "A note after the USB stick");
    repo.sync(A, "after the USB stick");
    repo.note(B, "B note after the USB stick");
    repo.sync(B, "laptop B's first sync after merging the zip");
    repo.note(B, "B note after the sync");
    repo.sync(B, "laptop B's second sync after merging the zip");
    repo.sync(A, "laptop A's last sync");
    written.extend(
        [
            "A note carried on a USB stick",
            "A note after the USB stick",
            "B note after the USB stick",
            "B note after the sync",
        ]
        .map(String::from),
    );
    written.sort();
    assert_eq!(repo.notes(A), written, "laptop A's notes");
    assert_eq!(repo.notes(B), written, "laptop B's notes");
}
