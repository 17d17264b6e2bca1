//! The crash and signal tests' way into the one pseudo-terminal harness
//! (`tests/pty`): unconf at 80x24 in a crash [`Home`], as one device, at
//! the fixed time of the crash kit.

#[path = "../pty/mod.rs"]
mod harness;

pub use harness::Tui;

use super::{Home, NOW};

impl Tui {
    /// `unconf ARGS` at 80x24 in `home` as device `label`, plus `vars`.
    pub fn in_home(home: &Home, label: &str, args: &[&str], vars: &[(&str, &str)]) -> Tui {
        Tui::in_home_under(&[], home, label, args, vars)
    }

    /// As [`Tui::in_home`], run by the command `under` (see
    /// [`Tui::start_under`]).
    pub fn in_home_under(
        under: &[&str],
        home: &Home,
        label: &str,
        args: &[&str],
        vars: &[(&str, &str)],
    ) -> Tui {
        let root = home.root();
        let sessions = home.sessions();
        let config = root.join("config");
        let data = root.join("data");
        let env: [(&str, &std::path::Path); 4] = [
            ("HOME", root),
            ("XDG_CONFIG_HOME", &config),
            ("XDG_DATA_HOME", &data),
            ("UNCONF_HOME", &sessions),
        ];
        let mut all = vec![
            ("UNCONF_DEVICE", label),
            ("UNCONF_AUTHOR", label),
            ("UNCONF_NOW", NOW),
        ];
        all.extend_from_slice(vars);
        Tui::start_under(under, args, &env, &all, 80, 24)
    }
}
