//! Installing unconf as people install command-line tools: shell
//! completions that a real shell runs, and manual pages that a real `man`
//! formatter renders, the shipped ones identical to what the binary makes.

mod ci;
mod common;

use std::path::Path;
use std::process::Command;

fn unconf(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_unconf"))
        .args(args)
        .output()
        .expect("unconf runs")
}

/// The tool, or the reason the check cannot run: a failure under `CI=true`.
fn tool(name: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        ci::cannot_check(&format!("{name} is not installed (.ci/run installs it)"));
    }
    found
}

#[test]
fn every_shell_gets_a_completion_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = unconf(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).expect("UTF-8");
        for word in ["unconf", "pitch", "export", "resolve"] {
            assert!(script.contains(word), "{shell} script names {word}");
        }
    }
    let wrong = unconf(&["completions", "tcsh"]);
    assert_eq!(wrong.status.code(), Some(2));
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(said.contains("tcsh") && said.contains("bash"), "{said}");
}

/// Bash completes `unconf pi` to `pitch`, and `unconf pitch ` to its verbs.
#[test]
fn bash_completes_commands_and_subcommands() {
    if !tool("bash") {
        return;
    }
    let script = unconf(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("unconf.bash");
    std::fs::write(&path, script).expect("written");
    // Bash calls a completion function with the command, the word being
    // completed and the word before it, with COMP_WORDS and COMP_CWORD set.
    let complete = |words: &str, current: usize, word: &str, previous: &str| -> String {
        let program = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={current}; \
             COMP_LINE='{words}'; COMP_POINT=${{#COMP_LINE}}; \
             _unconf unconf '{word}' '{previous}'; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            path.display()
        );
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-c", &program])
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let first: Vec<String> = complete("unconf pi", 1, "pi", "unconf")
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(first, ["pitch"]);
    let verbs = complete("unconf pitch ''", 2, "", "pitch");
    for verb in ["add", "list", "import"] {
        assert!(verbs.lines().any(|l| l == verb), "{verb} in {verbs}");
    }
}

#[test]
fn the_manual_page_renders_without_warnings() {
    let out = unconf(&["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(page.contains(".TH unconf 1"), "{page}");
    if !tool("groff") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("unconf.1");
    std::fs::write(&path, &page).expect("written");
    let rendered = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&path)
        .output()
        .expect("groff runs");
    assert!(rendered.status.success());
    assert_eq!(
        String::from_utf8_lossy(&rendered.stderr),
        "",
        "groff warns about the page"
    );
    let text = Command::new("groff")
        .args(["-man", "-Tutf8", "-P-cbou"])
        .arg(&path)
        .output()
        .expect("groff runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for word in ["SYNOPSIS", "pitch", "export", "completions"] {
        assert!(text.contains(word), "{word} in the rendered page");
    }
}

/// `docs/man/` is shipped; it is what `unconf man --out` makes today.
#[test]
fn the_shipped_manual_pages_are_current() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = unconf(&["man", "--out", &dir.path().display().to_string()]);
    assert!(out.status.success());
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
    assert_eq!(
        common::files(&shipped),
        common::files(dir.path()),
        "docs/man/ is stale: run `cargo run -- man --out docs/man`"
    );
}
