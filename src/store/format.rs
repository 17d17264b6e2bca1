//! The device file: what one device has written about one event.
//!
//! ```ron
//! (
//!     format: "unconf",
//!     version: 2,
//!     event: "01J...",
//!     device: "k3j9x2ab",
//!     label: "Sam's laptop",
//!     seq: 42,
//!     counters: {"k3j9x2ab.4f2ak3jd": 12},
//!     records: [
//!         (id: "01J...", by: "k3j9x2ab.4f2ak3jd", n: 12, seen: {"t0rn2akh.9c1d0a7e": 4},
//!          set: ["summary"], author: "Sam", at: "...", value: Some(Session((...)))),
//!     ],
//!     carried: [ /* copies of other devices' versions, brought in by a merge */ ],
//! )
//! ```
//!
//! Files are identified by this header, never by their name. Format 1 files
//! (one version per record, `vv` instead of `by`/`n`/`seen`) are read as
//! versions that set every field; see docs/FORMATS.md.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::version::{Context, Dot, Version, Writer, device_of};
use crate::model::field::FieldSet;
use crate::model::{Id, Record};

/// The value of `format` in every device file.
pub const FORMAT_NAME: &str = "unconf";
/// The newest format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 2;
/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Nesting deeper than this is refused (no real file nests more than ~8).
const RECURSION_LIMIT: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceFile {
    pub format: String,
    pub version: u32,
    pub event: Id,
    pub device: String,
    #[serde(default)]
    pub label: String,
    /// How many records' ids the device has made (ids of new records are
    /// made from it under a fixed clock); never goes back.
    #[serde(default)]
    pub seq: u64,
    /// The highest counter of each run of this device that the file knows:
    /// what its writer has written, so that a restored or stale copy can be
    /// told from the real one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counters: BTreeMap<String, u64>,
    /// Versions written by this device.
    #[serde(default)]
    pub records: Vec<StoredVersion>,
    /// Copies of other devices' versions that a merge brought to this
    /// folder (only this device writes its file, so this is how they come).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<StoredVersion>,
    /// The labels of the devices whose versions it carries, so that they
    /// are named even where no file of theirs is.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
}

/// A version as written in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredVersion {
    pub id: Id,
    /// Format 2: the writer (`device.run`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// Format 2: the writer's counter.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub n: u64,
    /// Format 1: the version vector, whose entry for the file's device is
    /// the version's own counter.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub vv: BTreeMap<String, u64>,
    /// Format 2: what the writer had seen of the fields it sets.
    #[serde(default, skip_serializing_if = "Context::is_empty")]
    pub seen: Context,
    /// Format 2: the fields it sets; every field when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// Format 2, deletions: the versions of the record's notes and next
    /// steps the writer had seen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub saw: Vec<(String, u64)>,
    #[serde(default)]
    pub author: String,
    #[serde(with = "crate::model::serde_time::utc")]
    pub at: DateTime<Utc>,
    pub value: Option<Record>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl StoredVersion {
    /// The stored form of a version.
    pub fn of(version: &Version) -> StoredVersion {
        let set = match version.kind() {
            Some(kind) if !version.fields.is_all(kind) => version.fields.names(kind),
            _ => Vec::new(),
        };
        StoredVersion {
            id: version.id.clone(),
            by: version.dot.writer.to_string(),
            n: version.dot.n,
            vv: BTreeMap::new(),
            seen: version.seen.clone(),
            set: set.into_iter().map(str::to_string).collect(),
            deleted: version.deleted,
            saw: version
                .saw
                .iter()
                .map(|d| (d.writer.to_string(), d.n))
                .collect(),
            author: version.author.clone(),
            at: version.at,
            value: version.value.clone(),
        }
    }
}

/// Just the header, for telling what a file is when it does not parse whole.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// Why a file could not be read. Rendered with the file's path by the caller.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("line {line}, column {column}{field}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        /// " (in records[3].value)" or empty.
        field: String,
        message: String,
    },
    #[error("it is not an unconf device file (format is \"{0}\")")]
    NotOurs(String),
    #[error(
        "it was written by a newer unconf (format version {0}, this build reads up to {FORMAT_VERSION}); update unconf to edit this event"
    )]
    Newer(u32),
    #[error("{0}")]
    Invalid(String),
}

impl FormatError {
    /// Where in the file the problem is, as "line:column", when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            FormatError::Syntax { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

impl DeviceFile {
    /// Parses a device file. The fast path is a plain parse; only when that
    /// fails is the text parsed again to find the field and to tell a newer
    /// format from a broken file.
    pub fn parse(bytes: &[u8]) -> Result<DeviceFile, FormatError> {
        let text = std::str::from_utf8(bytes).map_err(|e| utf8_error(bytes, &e))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        match options().from_str::<DeviceFile>(text) {
            Ok(file) => file.checked(),
            Err(plain) => Err(explain(text, plain)),
        }
    }

    /// A file written by a newer unconf, read as far as this build
    /// understands it (fields it does not know are ignored), so that the
    /// event can still be read; it is never written back.
    pub fn parse_newer(bytes: &[u8]) -> Option<DeviceFile> {
        let text = std::str::from_utf8(bytes).ok()?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file: DeviceFile = options().from_str(text).ok()?;
        let readable = file.format == FORMAT_NAME
            && file.version > FORMAT_VERSION
            && !file.device.trim().is_empty();
        readable.then_some(file)
    }

    fn checked(self) -> Result<DeviceFile, FormatError> {
        self.check()?;
        Ok(self)
    }

    /// What reading a file checks beyond its syntax: that it is ours, of a
    /// version this build reads, and that its records are its device's.
    pub fn check(&self) -> Result<(), FormatError> {
        if self.format != FORMAT_NAME {
            return Err(FormatError::NotOurs(self.format.clone()));
        }
        if self.version > FORMAT_VERSION {
            return Err(FormatError::Newer(self.version));
        }
        if self.version == 0 {
            return Err(FormatError::Invalid(
                "format version 0 does not exist".into(),
            ));
        }
        if self.device.trim().is_empty() {
            return Err(FormatError::Invalid("the header names no device".into()));
        }
        let lying = |v: &StoredVersion| {
            if self.version == 1 {
                v.vv.get(&self.device).copied().unwrap_or(0) == 0
            } else {
                v.by.is_empty() || device_of(&v.by) != self.device || v.n == 0
            }
        };
        if let Some(v) = self.records.iter().find(|v| lying(v)) {
            return Err(FormatError::Invalid(format!(
                "record {} was not written by device \"{}\" named in the header",
                v.id, self.device
            )));
        }
        if let Some(v) = self.carried.iter().find(|v| v.by.is_empty() || v.n == 0) {
            return Err(FormatError::Invalid(format!(
                "the carried copy of record {} names no writer and counter",
                v.id
            )));
        }
        Ok(())
    }

    /// The versions in this file: its own and the ones it carries.
    pub fn versions(&self) -> Vec<Version> {
        self.clone().into_versions()
    }

    /// Consumes the file into its versions. Writers are shared between
    /// versions, so a large file holds each writer's name once.
    pub fn into_versions(mut self) -> Vec<Version> {
        let (records, carried) = (
            std::mem::take(&mut self.records),
            std::mem::take(&mut self.carried),
        );
        versions_of(self.version, self.device, records, carried)
    }

    /// Takes the file apart for merging: done where it is read (a reader
    /// thread), so that the thread merging files only merges.
    pub fn into_file_versions(mut self) -> FileVersions {
        let records = self.records.len();
        let last_change = self.records.iter().map(|r| r.at).max();
        let (own, carried) = (
            std::mem::take(&mut self.records),
            std::mem::take(&mut self.carried),
        );
        let versions = versions_of(self.version, self.device.clone(), own, carried);
        FileVersions {
            head: self,
            versions,
            records,
            last_change,
        }
    }

    /// The file's text: pretty RON with a comment saying whose it is.
    pub fn to_text(&self) -> Result<String, ron::Error> {
        let pretty = ron::ser::PrettyConfig::new()
            .depth_limit(4)
            .struct_names(false)
            .separate_tuple_members(false);
        let body = ron::ser::to_string_pretty(self, pretty)?;
        Ok(format!(
            "// unconf device file for \"{}\". Only that device writes it; \
             edit it by hand only while unconf is closed there.\n{body}\n",
            self.label.replace(['\n', '\r'], " ")
        ))
    }
}

/// A device file taken apart for merging ([`DeviceFile::into_file_versions`]).
#[derive(Clone, Debug, PartialEq)]
pub struct FileVersions {
    /// The file's header: the file without its records and carried copies.
    pub head: DeviceFile,
    /// Its versions, its own and the ones it carries.
    pub versions: Vec<Version>,
    /// How many records of its own it held, and the newest one's time.
    pub records: usize,
    pub last_change: Option<DateTime<Utc>>,
}

/// The versions of a file of format `version` written by `device`.
fn versions_of(
    version: u32,
    device: String,
    records: Vec<StoredVersion>,
    carried: Vec<StoredVersion>,
) -> Vec<Version> {
    let mut writers: HashMap<String, Writer> = HashMap::new();
    let mut intern = |name: &str| -> Writer {
        if let Some(found) = writers.get(name) {
            return Writer::clone(found);
        }
        let writer = Writer::from(name);
        writers.insert(name.to_string(), Writer::clone(&writer));
        writer
    };
    let legacy = version == 1;
    let mut out = Vec::with_capacity(records.len() + carried.len());
    for stored in records.into_iter().chain(carried) {
        let (dot, seen) = if legacy {
            let n = stored.vv.get(&device).copied().unwrap_or(0);
            let mut vv = stored.vv;
            // The version's own counter is its dot; what it had seen
            // of its own device is everything before.
            vv.insert(device.clone(), n.saturating_sub(1));
            let dot = Dot {
                writer: intern(&device),
                n,
            };
            (dot, Context::from(vv))
        } else {
            let by = if stored.by.is_empty() {
                &device
            } else {
                &stored.by
            };
            let writer = intern(by);
            (
                Dot {
                    writer,
                    n: stored.n,
                },
                stored.seen,
            )
        };
        let fields = match stored.value.as_ref() {
            Some(record) if !stored.set.is_empty() => {
                FieldSet::from_names(record.kind(), stored.set.iter().map(String::as_str))
            }
            Some(record) => FieldSet::ALL.of(record.kind()),
            None => FieldSet::ALL,
        };
        let deleted = if legacy {
            stored.value.is_none()
        } else {
            stored.deleted || stored.value.is_none()
        };
        let saw = stored
            .saw
            .into_iter()
            .map(|(writer, n)| Dot {
                writer: intern(&writer),
                n,
            })
            .collect();
        out.push(Version {
            id: stored.id,
            dot,
            seen,
            fields,
            deleted,
            author: stored.author,
            at: stored.at,
            value: stored.value,
            saw,
        });
    }
    out
}

/// Turns a failed plain parse into the most useful error: a newer format
/// version, a file that is not ours, or a syntax error with its field path.
fn explain(text: &str, plain: ron::error::SpannedError) -> FormatError {
    if let Ok(header) = options().from_str::<Header>(text) {
        if header.format != FORMAT_NAME {
            return FormatError::NotOurs(header.format);
        }
        if header.version > FORMAT_VERSION {
            return FormatError::Newer(header.version);
        }
    }
    let field = field_path(text).unwrap_or_default();
    let message = match plain.code {
        // ron's own wording is advice for programmers.
        ron::Error::ExceededRecursionLimit => {
            format!("it nests more than {RECURSION_LIMIT} levels deep, which no unconf file does")
        }
        code => code.to_string(),
    };
    FormatError::Syntax {
        line: plain.span.start.line,
        column: plain.span.start.col,
        field,
        message,
    }
}

/// The path of the field where parsing fails, e.g. " (in records[3].value)".
fn field_path(text: &str) -> Option<String> {
    let mut de = ron::Deserializer::from_str_with_options(text, &options()).ok()?;
    match serde_path_to_error::deserialize::<_, DeviceFile>(&mut de) {
        Ok(_) => None,
        Err(error) => {
            // serde_path_to_error marks a part it could not name with "?".
            let path = error.path().to_string();
            let path = path.trim_end_matches(".?").trim_end_matches('?');
            (path != "." && !path.is_empty()).then(|| format!(" (in {})", shortened(path)))
        }
    }
}

/// A field path cut to a readable length: deep nesting makes paths such
/// as `colour[0][0][0]...` that say nothing more after the first few.
fn shortened(path: &str) -> String {
    const MAX: usize = 48;
    match path.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &path[..cut]),
        None => path.to_string(),
    }
}

fn utf8_error(bytes: &[u8], error: &std::str::Utf8Error) -> FormatError {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return FormatError::Syntax {
            line: 1,
            column: 1,
            field: String::new(),
            message: "the file is UTF-16 text; save it as UTF-8".into(),
        };
    }
    let valid = &bytes[..error.valid_up_to()];
    let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
    let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    FormatError::Syntax {
        line,
        column,
        field: String::new(),
        message: "the file is not valid UTF-8 text".into(),
    }
}

/// Reads and parses one file, refusing files too large to be real.
pub fn read_device_file(path: &Path) -> Result<DeviceFile, ReadError> {
    parse_device_file(&read_file_bytes(path)?)
}

/// The bytes of a device file, refusing files too large to be real.
pub fn read_file_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    read_file_bytes_into(path, &mut bytes)?;
    Ok(bytes)
}

/// [`read_file_bytes`] into `bytes`, which is emptied first and keeps its
/// capacity: a thread that reads many files one after another reuses one
/// buffer rather than leaving a file-sized hole in its memory per file.
pub fn read_file_bytes_into(path: &Path, bytes: &mut Vec<u8>) -> Result<(), ReadError> {
    use std::io::Read;
    bytes.clear();
    let mut file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::Format(FormatError::Invalid(format!(
            "it is {} MiB, larger than any real event file",
            size / (1024 * 1024)
        ))));
    }
    bytes.reserve(usize::try_from(size).unwrap_or(0));
    // A file that grows while it is read is still read whole, up to the limit.
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::Format(FormatError::Invalid(format!(
            "it is over {} MiB, larger than any real event file",
            MAX_FILE_BYTES / (1024 * 1024)
        ))));
    }
    Ok(())
}

/// Parses the bytes of a device file, refusing an empty one.
pub fn parse_device_file(bytes: &[u8]) -> Result<DeviceFile, ReadError> {
    // Editors write an empty UTF-8 file as a lone byte-order mark.
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if text.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Format(FormatError::Invalid(
            "the file is empty".into(),
        )));
    }
    DeviceFile::parse(bytes).map_err(ReadError::Format)
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(std::io::Error),
    #[error("{0}")]
    Format(FormatError),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Decision;

    fn sample() -> DeviceFile {
        DeviceFile {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            event: Id::new("01EVENT"),
            device: "dev1".into(),
            label: "Sam's laptop".into(),
            seq: 1,
            counters: BTreeMap::from([("dev1.run1".to_string(), 1)]),
            records: vec![StoredVersion {
                id: Id::new("01DEC"),
                by: "dev1.run1".into(),
                n: 1,
                vv: BTreeMap::new(),
                seen: Context::default(),
                set: Vec::new(),
                deleted: false,
                saw: Vec::new(),
                author: "Sam".into(),
                at: DateTime::<Utc>::default(),
                value: Some(Record::Decision(Decision {
                    text: "Start three projects".into(),
                    lead: Some("techUK".into()),
                })),
            }],
            carried: Vec::new(),
            labels: BTreeMap::new(),
        }
    }

    #[test]
    fn a_file_round_trips() {
        let file = sample();
        let text = file.to_text().expect("serialises");
        assert_eq!(DeviceFile::parse(text.as_bytes()), Ok(file));
    }

    #[test]
    fn a_bom_and_crlf_line_ends_are_accepted() {
        let text = sample()
            .to_text()
            .expect("serialises")
            .replace('\n', "\r\n");
        let with_bom = format!("\u{feff}{text}");
        assert_eq!(DeviceFile::parse(with_bom.as_bytes()), Ok(sample()));
    }

    #[test]
    fn a_syntax_error_names_line_column_and_field() {
        let text = sample()
            .to_text()
            .expect("serialises")
            .replace("lead: Some(\"techUK\")", "lead: 42");
        let error = DeviceFile::parse(text.as_bytes()).expect_err("must fail");
        let shown = error.to_string();
        assert!(error.position().is_some(), "{shown}");
        assert!(shown.contains("records[0].value"), "{shown}");
    }

    #[test]
    fn a_newer_format_version_is_told_apart_from_a_broken_file() {
        let text = sample()
            .to_text()
            .expect("serialises")
            .replace("version: 2", "version: 7")
            .replace("Decision((", "Poll((");
        assert_eq!(
            DeviceFile::parse(text.as_bytes()),
            Err(FormatError::Newer(7))
        );
    }

    #[test]
    fn a_header_that_lies_about_its_device_is_refused() {
        let mut file = sample();
        file.device = "someone".into();
        let text = file.to_text().expect("serialises");
        assert!(matches!(
            DeviceFile::parse(text.as_bytes()),
            Err(FormatError::Invalid(_))
        ));
    }

    #[test]
    fn invalid_utf8_reports_where() {
        let error = DeviceFile::parse(b"(format: \"unconf\",\n\xff)").expect_err("must fail");
        assert_eq!(error.position(), Some((2, 1)));
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(DeviceFile::parse(text.as_bytes()).is_err());
    }

    #[test]
    fn a_reused_buffer_holds_only_the_file_last_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (long, short) = (dir.path().join("long.ron"), dir.path().join("short.ron"));
        std::fs::write(&long, "x".repeat(10_000)).expect("write");
        std::fs::write(&short, "short").expect("write");
        let mut bytes = Vec::new();
        read_file_bytes_into(&long, &mut bytes).expect("read");
        assert_eq!(bytes.len(), 10_000);
        read_file_bytes_into(&short, &mut bytes).expect("read");
        assert_eq!(bytes, b"short");
        assert!(bytes.capacity() >= 10_000, "the buffer is kept, not freed");
        let missing = read_file_bytes_into(&dir.path().join("gone.ron"), &mut bytes);
        assert!(matches!(missing, Err(ReadError::Io(_))));
        assert!(bytes.is_empty(), "nothing of an earlier file is left");
    }

    #[test]
    fn a_file_taken_apart_for_merging_keeps_its_versions_and_header() {
        let file = sample();
        let apart = file.clone().into_file_versions();
        assert_eq!(apart.versions, file.clone().into_versions());
        assert_eq!(apart.records, file.records.len());
        assert_eq!(apart.last_change, file.records.iter().map(|r| r.at).max());
        let head = DeviceFile {
            records: Vec::new(),
            carried: Vec::new(),
            ..file
        };
        assert_eq!(apart.head, head);
    }
}
