//! Two real Syncthing instances on loopback, each with its own home, sharing
//! one folder; and the laptops that run `unconf` on either side of it.
//!
//! Nothing here talks to any address but 127.0.0.1: discovery (global and
//! local), relays, NAT traversal, STUN, usage and crash reporting and
//! upgrades are all off in the configuration each instance starts with, and
//! the only address either knows for the other is `tcp://127.0.0.1:PORT`.
//! The REST API is spoken over a bare `TcpStream` (HTTP/1.0, one request per
//! connection), so no HTTP client is needed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

/// The folder id both instances share.
pub const FOLDER_ID: &str = "unconf-event";

/// How long an instance may take to answer its REST API after starting.
pub const START_PATIENCE: Duration = Duration::from_secs(30);

/// How long the two instances may take to connect to each other.
pub const CONNECT_PATIENCE: Duration = Duration::from_secs(30);

/// How often a condition is polled while waiting.
const POLL: Duration = Duration::from_millis(200);

/// Where `syncthing` is, or why it cannot be used.
pub fn find_syncthing() -> Result<PathBuf, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let binary = std::env::split_paths(&path)
        .map(|dir| dir.join("syncthing"))
        .find(|candidate| candidate.is_file())
        .ok_or("no `syncthing` on PATH (apt-get install syncthing)")?;
    let version = Command::new(&binary)
        .arg("--version")
        .env_clear()
        // Syncthing will not start without a home; this run writes nothing.
        .env("HOME", std::env::temp_dir())
        .output()
        .map_err(|e| format!("{} --version did not run: {e}", binary.display()))?;
    if !version.status.success() {
        return Err(format!(
            "{} --version failed: {}",
            binary.display(),
            String::from_utf8_lossy(&version.stderr)
        ));
    }
    Ok(binary)
}

/// `n` distinct free TCP ports on 127.0.0.1. All are held at once while
/// being picked, so they differ; another process could still take one
/// before Syncthing binds it, which is as close as a test can get.
pub fn free_ports<const N: usize>() -> [u16; N] {
    let listeners: Vec<TcpListener> = (0..N)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1"))
        .collect();
    std::array::from_fn(|i| listeners[i].local_addr().expect("its address").port())
}

/// One running Syncthing.
pub struct Instance {
    pub name: &'static str,
    pub home: PathBuf,
    pub device_id: String,
    pub gui_port: u16,
    pub log: PathBuf,
    api_key: String,
    child: Option<Child>,
}

/// Both instances. Dropping it kills them (also while a panic unwinds, so a
/// failed test leaves no Syncthing behind), and when the test is failing it
/// prints the tail of both logs first.
pub struct Pair {
    pub a: Instance,
    pub b: Instance,
}

/// What one instance is to be: a name, a home, and the folder it shares.
pub struct Side<'a> {
    pub name: &'static str,
    pub home: &'a Path,
    pub folder: &'a Path,
}

impl Pair {
    /// Makes both homes (`syncthing generate`), writes each a loopback-only
    /// configuration that knows the other device and shares `folder` of
    /// each side as one folder, starts both and waits until both answer
    /// their REST API. An error means this Syncthing cannot be started
    /// here; anything that goes wrong after that is the test's failure.
    pub fn start(binary: &Path, a: Side<'_>, b: Side<'_>) -> Result<Pair, String> {
        let [gui_a, gui_b, listen_a, listen_b] = free_ports::<4>();
        let id_a = generate(binary, a.home)?;
        let id_b = generate(binary, b.home)?;
        // One key per instance, so a request can never reach the wrong one
        // and succeed.
        let key_a = format!("unconf-test-a-{gui_a}-{listen_a}");
        let key_b = format!("unconf-test-b-{gui_b}-{listen_b}");
        for (side, me, other, gui, listen, other_listen, key) in [
            (&a, &id_a, &id_b, gui_a, listen_a, listen_b, &key_a),
            (&b, &id_b, &id_a, gui_b, listen_b, listen_a, &key_b),
        ] {
            // Syncthing refuses to sync a folder without its marker; it is
            // made here so that neither side depends on Syncthing making it.
            std::fs::create_dir_all(side.folder.join(".stfolder"))
                .map_err(|e| format!("{}: {e}", side.folder.display()))?;
            let xml = config_xml(me, other, gui, listen, other_listen, key, side.folder);
            std::fs::write(side.home.join("config.xml"), xml)
                .map_err(|e| format!("writing {}'s config.xml: {e}", side.name))?;
        }
        let mut pair = Pair {
            a: Instance::new(a.name, a.home, id_a, gui_a, key_a),
            b: Instance::new(b.name, b.home, id_b, gui_b, key_b),
        };
        pair.a.spawn(binary)?;
        pair.b.spawn(binary)?;
        pair.a.wait_until_serving()?;
        pair.b.wait_until_serving()?;
        Ok(pair)
    }

    /// Waits until each instance reports the other connected, for at most
    /// [`CONNECT_PATIENCE`].
    pub fn wait_connected(&mut self) -> Result<(), String> {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < CONNECT_PATIENCE {
            let a = self.a.is_connected_to(&self.b.device_id);
            let b = self.b.is_connected_to(&self.a.device_id);
            if let (Ok(true), Ok(true)) = (&a, &b) {
                return Ok(());
            }
            last = format!("A sees B connected: {a:?}; B sees A connected: {b:?}");
            self.still_running()?;
            std::thread::sleep(POLL);
        }
        Err(format!(
            "the two Syncthing instances did not connect within {}s ({last})",
            CONNECT_PATIENCE.as_secs()
        ))
    }

    /// Stops both laptops exchanging the event, as bad venue Wi-Fi would:
    /// each instance pauses the shared folder, and the configuration API
    /// answers only once the folder has stopped. Edits made now cannot
    /// have seen each other. (Pausing the folder rather than the other
    /// device keeps the connection, which Syncthing may take tens of
    /// seconds to dial again after a device pause.)
    pub fn pause(&mut self) -> Result<(), String> {
        self.a.set_folder_paused(true)?;
        self.b.set_folder_paused(true)
    }

    /// Lets the laptops exchange the event again.
    pub fn resume(&mut self) -> Result<(), String> {
        self.a.set_folder_paused(false)?;
        self.b.set_folder_paused(false)?;
        self.wait_connected()
    }

    /// The last `lines` lines of both logs.
    pub fn log_tails(&self, lines: usize) -> String {
        format!("{}\n{}", self.a.log_tail(lines), self.b.log_tail(lines))
    }

    /// Fails unless both instances are still running.
    pub fn still_running(&mut self) -> Result<(), String> {
        self.a.still_running()?;
        self.b.still_running()
    }
}

impl Drop for Pair {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("{}", self.log_tails(40));
        }
        self.a.kill();
        self.b.kill();
    }
}

impl Instance {
    fn new(
        name: &'static str,
        home: &Path,
        device_id: String,
        gui_port: u16,
        api_key: String,
    ) -> Instance {
        Instance {
            name,
            home: home.to_path_buf(),
            device_id,
            gui_port,
            log: home.join("syncthing.log"),
            api_key,
            child: None,
        }
    }

    fn spawn(&mut self, binary: &Path) -> Result<(), String> {
        let log =
            std::fs::File::create(&self.log).map_err(|e| format!("{}: {e}", self.log.display()))?;
        let err = log
            .try_clone()
            .map_err(|e| format!("{}: {e}", self.log.display()))?;
        let child = syncthing(binary, &self.home)
            .args(["serve", "--no-browser", "--no-restart", "--no-upgrade"])
            .arg(format!("--home={}", self.home.display()))
            // Date and time, so that the two logs can be read side by side.
            .arg("--logflags=3")
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("syncthing serve did not start: {e}"))?;
        self.child = Some(child);
        Ok(())
    }

    /// Waits until the REST API answers, failing early if the process ends.
    fn wait_until_serving(&mut self) -> Result<(), String> {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < START_PATIENCE {
            self.still_running()?;
            match self.get("/rest/system/ping") {
                Ok(body) if body.contains("pong") => return Ok(()),
                Ok(body) => last = body,
                Err(e) => last = e,
            }
            std::thread::sleep(POLL);
        }
        Err(format!(
            "Syncthing {} did not answer on 127.0.0.1:{} within {}s ({last})\n{}",
            self.name,
            self.gui_port,
            START_PATIENCE.as_secs(),
            self.log_tail(20)
        ))
    }

    fn still_running(&mut self) -> Result<(), String> {
        let status = match self.child.as_mut().map(Child::try_wait) {
            None => Some("was never started".to_string()),
            Some(Ok(None)) => None,
            Some(Ok(Some(status))) => Some(format!("exited ({status})")),
            Some(Err(e)) => Some(format!("cannot be waited for ({e})")),
        };
        match status {
            None => Ok(()),
            Some(how) => Err(format!(
                "Syncthing {} {how}\n{}",
                self.name,
                self.log_tail(20)
            )),
        }
    }

    fn is_connected_to(&self, device: &str) -> Result<bool, String> {
        let body = self.get("/rest/system/connections")?;
        let json: serde_json::Value =
            serde_json::from_str(&body).map_err(|e| format!("connections: {e}: {body}"))?;
        Ok(json["connections"][device]["connected"].as_bool() == Some(true))
    }

    /// Pauses or unpauses the shared folder, and checks the configuration
    /// now says so.
    fn set_folder_paused(&self, paused: bool) -> Result<(), String> {
        let path = format!("/rest/config/folders/{FOLDER_ID}");
        let body = format!("{{\"paused\": {paused}}}");
        http(self.gui_port, &self.api_key, "PATCH", &path, &body)?;
        let config = self.get(&path)?;
        let json: serde_json::Value =
            serde_json::from_str(&config).map_err(|e| format!("{path}: {e}: {config}"))?;
        if json["paused"].as_bool() == Some(paused) {
            Ok(())
        } else {
            Err(format!(
                "Syncthing {}'s folder is not {}paused: {config}",
                self.name,
                if paused { "" } else { "un" }
            ))
        }
    }

    pub fn get(&self, path: &str) -> Result<String, String> {
        http(self.gui_port, &self.api_key, "GET", path, "")
    }

    /// The last `lines` lines of this instance's log, headed by its name.
    pub fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        let tail = &all[all.len().saturating_sub(lines)..];
        format!(
            "--- last {} lines of Syncthing {}'s log ({}):\n{}",
            tail.len(),
            self.name,
            self.log.display(),
            tail.join("\n")
        )
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `syncthing` with nothing from this process's environment: its own home
/// as `HOME` (so it never reads or writes the real user's files), no
/// upgrades and no default folder. `STMONITORED` makes `serve` run in the
/// process started rather than in a child of a monitor process (which
/// `--no-restart` alone still starts), so that killing it ends it.
fn syncthing(binary: &Path, home: &Path) -> Command {
    let mut command = Command::new(binary);
    command
        .env_clear()
        .env("HOME", home)
        .env("STMONITORED", "1")
        .env("STNORESTART", "1")
        .env("STNOUPGRADE", "1")
        .env("STNODEFAULTFOLDER", "1")
        // Two cores are shared by the whole test run.
        .env("GOMAXPROCS", "1")
        .current_dir(home);
    command
}

/// `syncthing generate` into `home`; the new device's id.
fn generate(binary: &Path, home: &Path) -> Result<String, String> {
    std::fs::create_dir_all(home).map_err(|e| format!("{}: {e}", home.display()))?;
    let home_arg = format!("--home={}", home.display());
    let generated = syncthing(binary, home)
        .args(["generate", &home_arg, "--no-default-folder"])
        // No probing: the ports are set in the configuration written next.
        .arg("--skip-port-probing")
        .output()
        .map_err(|e| format!("syncthing generate did not run: {e}"))?;
    if !generated.status.success() {
        return Err(format!("syncthing generate failed: {}", both(&generated)));
    }
    let shown = syncthing(binary, home)
        .args(["serve", &home_arg, "--device-id"])
        .output()
        .map_err(|e| format!("syncthing serve --device-id did not run: {e}"))?;
    let id = String::from_utf8_lossy(&shown.stdout).trim().to_string();
    // A device id is eight groups of seven letters and digits.
    if !shown.status.success() || id.len() != 63 || id.split('-').count() != 8 {
        return Err(format!(
            "syncthing serve --device-id gave no device id: {}",
            both(&shown)
        ));
    }
    Ok(id)
}

fn both(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The whole configuration of one instance. Everything that could reach
/// beyond loopback is off; what is not named takes Syncthing's default.
fn config_xml(
    me: &str,
    other: &str,
    gui_port: u16,
    listen_port: u16,
    other_port: u16,
    api_key: &str,
    folder: &Path,
) -> String {
    let folder = xml_escape(&folder.display().to_string());
    format!(
        r#"<configuration version="36">
    <folder id="{FOLDER_ID}" label="event" path="{folder}" type="sendreceive" rescanIntervalS="5" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{me}" introducedBy=""></device>
        <device id="{other}" introducedBy=""></device>
        <minDiskFree unit="%">0</minDiskFree>
        <markerName>.stfolder</markerName>
    </folder>
    <device id="{me}" name="me" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>dynamic</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
    <device id="{other}" name="other" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>tcp://127.0.0.1:{other_port}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:{gui_port}</address>
        <apikey>{api_key}</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{listen_port}</listenAddress>
        <globalAnnounceServer></globalAnnounceServer>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <stunServer></stunServer>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <announceLANAddresses>false</announceLANAddresses>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <restartOnWakeup>false</restartOnWakeup>
        <setLowPriority>false</setLowPriority>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
"#
    )
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One HTTP/1.0 request to 127.0.0.1:`port` with a JSON `body` (which may
/// be empty); the body of a 2xx answer. HTTP/1.0 keeps it simple: no
/// chunked answers, and the server closes the connection when it has
/// answered.
fn http(port: u16, api_key: &str, method: &str, path: &str, body: &str) -> Result<String, String> {
    let timeout = Some(Duration::from_secs(5));
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .map_err(|e| format!("{method} {path} on 127.0.0.1:{port}: {e}"))?;
    stream
        .set_read_timeout(timeout)
        .map_err(|e| e.to_string())?;
    stream
        .set_write_timeout(timeout)
        .map_err(|e| e.to_string())?;
    let request = format!(
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nX-API-Key: {api_key}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("{method} {path}: {e}"))?;
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .map_err(|e| format!("{method} {path}: {e}"))?;
    let answer = String::from_utf8_lossy(&answer);
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.lines().next().unwrap_or_default();
    if status
        .split(' ')
        .nth(1)
        .is_some_and(|code| code.starts_with('2'))
    {
        Ok(body.to_string())
    } else {
        Err(format!("{method} {path}: {status}: {}", body.trim()))
    }
}

/// One laptop: a home of its own for `unconf` (config, data, state and
/// sessions directories) and its event folder, the folder Syncthing shares.
pub struct Laptop {
    pub device: &'static str,
    pub author: &'static str,
    pub home: PathBuf,
    pub event: PathBuf,
    clock: Arc<AtomicI64>,
}

/// What one run of `unconf` gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Laptop {
    /// A laptop whose home is `home` and whose event will be `event_slug` in
    /// its sessions directory. The clock is shared by every laptop, so that
    /// times taken on both sides are in the order they happened and no
    /// laptop reads as having its clock ahead.
    pub fn new(
        device: &'static str,
        author: &'static str,
        home: &Path,
        event_slug: &str,
        clock: &Arc<AtomicI64>,
    ) -> Laptop {
        std::fs::create_dir_all(home).expect("the laptop's home");
        Laptop {
            device,
            author,
            home: home.to_path_buf(),
            event: home.join("sessions").join(event_slug),
            clock: Arc::clone(clock),
        }
    }

    /// The event folder as the argument commands take.
    pub fn event_arg(&self) -> String {
        self.event.display().to_string()
    }

    /// The folders and variables the binary gets, by name: nothing else
    /// from the test's environment.
    pub fn dirs(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("HOME", self.home.clone()),
            ("XDG_CONFIG_HOME", self.home.join("config")),
            ("XDG_DATA_HOME", self.home.join("data")),
            ("XDG_STATE_HOME", self.home.join("state")),
            ("UNCONF_HOME", self.home.join("sessions")),
        ]
    }

    pub fn vars(&self, minute: i64) -> Vec<(&'static str, String)> {
        vec![
            ("UNCONF_DEVICE", self.device.to_string()),
            ("UNCONF_AUTHOR", self.author.to_string()),
            ("UNCONF_NOW", at_minute(minute)),
        ]
    }

    /// The clock now, in minutes after 09:00 on the day.
    pub fn minute(&self) -> i64 {
        self.clock.load(Ordering::SeqCst)
    }

    /// Moves the shared clock on by `minutes`; the minute it moved to.
    pub fn advance(&self, minutes: i64) -> i64 {
        self.clock.fetch_add(minutes, Ordering::SeqCst) + minutes
    }

    /// Runs `unconf ARGS` at `minute`.
    pub fn run_at(&self, minute: i64, args: &[&str]) -> Run {
        let mut command =
            assert_cmd::Command::cargo_bin("unconf").expect("the unconf binary is built");
        command.env_clear().current_dir(&self.home);
        for (key, value) in self.dirs() {
            command.env(key, value);
        }
        for (key, value) in self.vars(minute) {
            command.env(key, value);
        }
        let output = command.args(args).output().expect("the binary runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs a command that changes the event, a minute after the last one,
    /// and insists it succeeded; its output.
    pub fn edit(&self, args: &[&str]) -> String {
        let minute = self.advance(1);
        self.ok_at(minute, args)
    }

    /// Runs a command at `minute` and insists it succeeded; its output.
    pub fn ok_at(&self, minute: i64, args: &[&str]) -> String {
        let run = self.run_at(minute, args);
        assert!(
            run.code == 0,
            "unconf {args:?} on {} failed (exit {}): {}",
            self.device,
            run.code,
            run.stderr
        );
        run.stdout
    }

    /// Runs a command that only reads, at the clock's present minute.
    pub fn read(&self, args: &[&str]) -> Run {
        self.run_at(self.minute(), args)
    }

    /// The merged event as `unconf export --format json` gives it.
    pub fn export_json(&self) -> Result<String, String> {
        let run = self.read(&[
            "export",
            &self.event_arg(),
            "--format",
            "json",
            "--out",
            "-",
        ]);
        if run.code == 0 {
            Ok(run.stdout)
        } else {
            Err(format!("export on {} failed: {run:?}", self.device))
        }
    }
}

/// `UNCONF_NOW` for `minutes` after 09:00 on the day.
pub fn at_minute(minutes: i64) -> String {
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-27T09:00:00+00:00")
        .expect("a valid start time");
    (start + chrono::Duration::minutes(minutes)).to_rfc3339()
}

/// Every file under `dir` with its bytes, by path relative to `dir` (with
/// `/` between folders), except Syncthing's own `.stfolder` and
/// `.stversions`, which it never sends. `None` when a file went away while
/// being read (Syncthing was replacing it): look again.
pub fn folder_files(dir: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let mut found = BTreeMap::new();
    collect(dir, "", &mut found).then_some(found)
}

fn collect(dir: &Path, prefix: &str, found: &mut BTreeMap<String, Vec<u8>>) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    for entry in entries {
        let Ok(entry) = entry else { return false };
        let name = entry.file_name().to_string_lossy().into_owned();
        if prefix.is_empty() && (name == ".stfolder" || name == ".stversions") {
            continue;
        }
        let relative = format!("{prefix}{name}");
        let Ok(kind) = entry.file_type() else {
            return false;
        };
        if kind.is_dir() {
            if !collect(&entry.path(), &format!("{relative}/"), found) {
                return false;
            }
        } else {
            let Ok(bytes) = std::fs::read(entry.path()) else {
                return false;
            };
            found.insert(relative, bytes);
        }
    }
    true
}

/// How two folders differ, for a message: names on one side only, and
/// names whose bytes differ.
pub fn folder_difference(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> String {
    let mut text = String::new();
    for (name, bytes) in a {
        match b.get(name) {
            None => {
                let _ = writeln!(text, "  only on A: {name}");
            }
            Some(other) if other != bytes => {
                let _ = writeln!(text, "  differs:   {name}");
            }
            Some(_) => {}
        }
    }
    for name in b.keys().filter(|name| !a.contains_key(*name)) {
        let _ = writeln!(text, "  only on B: {name}");
    }
    text
}

/// Waits until both laptops' event folders hold the same files with the
/// same bytes and `unconf export --format json` gives the same event on
/// both, for at most `patience`. Only called once every edit is on disk, so
/// two equal folders mean that everything has arrived both ways.
pub fn wait_converged(
    pair: &mut Pair,
    a: &Laptop,
    b: &Laptop,
    patience: Duration,
) -> Result<Duration, String> {
    let start = Instant::now();
    let mut last = String::from("  (not looked yet)");
    while start.elapsed() < patience {
        pair.still_running()?;
        match (folder_files(&a.event), folder_files(&b.event)) {
            (Some(on_a), Some(on_b)) if on_a == on_b => match (a.export_json(), b.export_json()) {
                (Ok(ja), Ok(jb)) if ja == jb => return Ok(start.elapsed()),
                (Ok(_), Ok(_)) => {
                    last = "  the folders are equal but the JSON exports differ".into();
                }
                (ja, jb) => last = format!("  {:?}\n  {:?}", ja.err(), jb.err()),
            },
            (Some(on_a), Some(on_b)) => last = folder_difference(&on_a, &on_b),
            _ => last = "  a file went away while being read".into(),
        }
        std::thread::sleep(POLL);
    }
    Err(format!(
        "the two laptops' event folders did not converge within {}s; last seen:\n{last}",
        patience.as_secs()
    ))
}
