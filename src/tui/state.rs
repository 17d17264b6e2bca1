//! Everything on screen: which screen, what is selected, what is being
//! typed, and this device's replica of the event. `update` changes it;
//! views only read it.

use chrono::{DateTime, FixedOffset};

use super::action::{Effect, Screen};
use super::keymap::{self, Binding};
use super::screen::resolve::{self, ResolveState};
use super::screen::{event, export, notes, pitches, schedule, wrapup};
use super::undo::Undo;
use crate::model::ops::OpError;
use crate::model::{Change, Event, Id};
use crate::store::{Begun, Edit, Replica, Written};

/// A message in the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// A device whose file is in the event folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceSeen {
    pub label: String,
    pub own: bool,
    pub last_change: Option<DateTime<FixedOffset>>,
}

/// The devices whose files are in the folder, with a stamp that changes
/// whenever they do, so that a screen drawn from them can tell that it
/// still holds without comparing every device.
#[derive(Clone, Debug, Default)]
pub struct Devices {
    list: Vec<DeviceSeen>,
    /// 0 for none set yet; otherwise unique in this process.
    stamp: u64,
}

impl Devices {
    /// Replaces the devices; the stamp changes only when they did.
    pub fn set(&mut self, list: Vec<DeviceSeen>) {
        if list != self.list || self.stamp == 0 {
            static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
            self.stamp = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.list = list;
        }
    }

    pub fn stamp(&self) -> u64 {
        self.stamp
    }
}

impl std::ops::Deref for Devices {
    type Target = [DeviceSeen];
    fn deref(&self) -> &[DeviceSeen] {
        &self.list
    }
}

#[derive(Debug)]
pub struct State {
    pub replica: Replica,
    pub screen: Screen,
    /// Note-taker mode: the TUI is locked to this one session.
    pub note_taker: Option<Id>,
    /// The help overlay, with its scroll offset.
    pub help: Option<u16>,
    /// The projector board is shown full screen over everything.
    pub board: bool,
    pub now: DateTime<FixedOffset>,
    pub width: u16,
    pub height: u16,
    pub status: Option<Status>,
    /// Set while the own file could not be written; cleared by a good save.
    pub save_error: Option<String>,
    /// When the failed save was last tried; the clock tries again
    /// [`SAVE_RETRY_SECONDS`](super::update::SAVE_RETRY_SECONDS) after it.
    pub save_tried: Option<DateTime<FixedOffset>>,
    pub last_saved: Option<DateTime<FixedOffset>>,
    /// An edit asked for a save whose outcome has not come back yet.
    pub saving: bool,
    pub undo: Undo,
    /// False under `NO_COLOR`: everything is then told apart without colour.
    pub colour: bool,
    pub devices: Devices,
    /// Files in the folder that could not be read, one sentence each.
    pub file_problems: Vec<String>,
    /// Where exports are written, for the Export screen.
    pub exports_dir: String,
    /// The event folder's name, which exports are named after; empty when
    /// not known (tests), and the event's name as a slug is used instead.
    pub folder_name: String,
    pub setup: event::SetupState,
    pub pitches: pitches::PitchesState,
    pub schedule: schedule::ScheduleState,
    pub notes: notes::NotesState,
    pub wrapup: wrapup::WrapupState,
    pub export: export::ExportState,
    /// The conflicting versions of one record, over the screen.
    pub resolve: Option<ResolveState>,
    pub quit: bool,
}

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

impl State {
    pub fn new(replica: Replica, now: DateTime<FixedOffset>) -> State {
        State {
            replica,
            screen: Screen::Pitches,
            note_taker: None,
            help: None,
            board: false,
            now,
            width: 80,
            height: 24,
            status: None,
            save_error: None,
            save_tried: None,
            last_saved: None,
            saving: false,
            undo: Undo::default(),
            colour: true,
            devices: Devices::default(),
            file_problems: Vec::new(),
            exports_dir: String::new(),
            folder_name: String::new(),
            setup: event::SetupState::default(),
            pitches: pitches::PitchesState::default(),
            schedule: schedule::ScheduleState::default(),
            notes: notes::NotesState::default(),
            wrapup: wrapup::WrapupState::default(),
            export: export::ExportState::default(),
            resolve: None,
            quit: false,
        }
    }

    pub fn event(&self) -> &Event {
        self.replica.event()
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// True when a text field has focus, so that keys type.
    pub fn typing(&self) -> bool {
        self.help.is_none() && self.focused_field_is_multi_line().is_some()
    }

    /// A character typed now goes into the focused field: a field is
    /// focused, and it is not a choice that a key turns (a slot's kind,
    /// turned with Space). No binding of such a state is a character
    /// without Ctrl (`tests/fuzz_update.rs` checks this).
    pub fn types_characters(&self) -> bool {
        self.typing()
            && !(self.resolve.is_none()
                && self.screen == Screen::Event
                && self.setup.choice_focused())
    }

    /// `Some(multi_line)` when the current screen has a focused text field.
    pub fn focused_field_is_multi_line(&self) -> Option<bool> {
        if let Some(resolve) = &self.resolve {
            return resolve.focused_field().map(|f| f.is_multi_line());
        }
        match self.screen {
            Screen::Event => self.setup.focused_field(),
            Screen::Pitches => self.pitches.focused_field(),
            Screen::Schedule => self.schedule.focused_field(),
            Screen::Notes => self.notes.focused_field(),
            Screen::Wrapup => self.wrapup.focused_field(),
            Screen::Export => self.export.focused_field(),
        }
        .map(|f| f.is_multi_line())
    }

    /// What Enter and Esc do in the focused field, for the footer.
    pub fn field_keys(&self) -> keymap::FieldKeys {
        match self.screen {
            Screen::Pitches => self.pitches.field_keys(),
            Screen::Notes => self.notes.field_keys(),
            Screen::Event => self.setup.field_keys(),
            Screen::Wrapup => self.wrapup.field_keys(),
            Screen::Schedule | Screen::Export => keymap::FieldKeys::new("done", "leave, kept"),
        }
    }

    /// The keys that work right now, most specific first.
    pub fn bindings(&self) -> Vec<Binding> {
        if self.help.is_some() {
            return super::view::help::bindings();
        }
        self.bindings_without_help()
    }

    /// The keys of the screen itself, as listed in help.
    pub fn bindings_without_help(&self) -> Vec<Binding> {
        if self.resolve.is_some() {
            return resolve::bindings(self);
        }
        if let Some(multi_line) = self.focused_field_is_multi_line() {
            let mut bindings = self.screen_bindings();
            bindings.extend(keymap::typing_bindings(multi_line, self.field_keys()));
            return bindings;
        }
        let open = resolve::open_binding(self);
        let resolving = open.is_some();
        let mut bindings: Vec<Binding> = open.into_iter().collect();
        bindings.extend(self.screen_bindings());
        bindings.extend(keymap::global_bindings().into_iter().filter(|g| {
            // In note-taker mode there is only the Notes screen.
            self.note_taker.is_none()
                || !matches!(
                    g.action,
                    super::action::Action::Show(_)
                        | super::action::Action::NextScreen
                        | super::action::Action::PreviousScreen
                )
        }));
        if resolving {
            resolve::fit_footer(&mut bindings, self.width);
        }
        bindings
    }

    fn screen_bindings(&self) -> Vec<Binding> {
        match self.screen {
            Screen::Event => event::bindings(self),
            Screen::Pitches => pitches::bindings(self),
            Screen::Schedule => schedule::bindings(self),
            Screen::Notes => notes::bindings(self),
            Screen::Wrapup => wrapup::bindings(self),
            Screen::Export => export::bindings(self),
        }
    }

    /// A fresh id for a new record.
    pub fn new_id(&mut self) -> Id {
        self.replica.new_id(self.now.to_utc())
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// Writes the changes as new versions, remembers how to undo them, and
    /// asks for a save. `done` is the past-tense message for the status line.
    pub fn commit(&mut self, done: &str, changes: Vec<Change>) -> Vec<Effect> {
        self.commit_edits(done, changes.into_iter().map(Edit::now).collect())
    }

    /// As [`commit`](State::commit), for an edit begun earlier (an editor or
    /// form that was open): it covers only what was in front of the person
    /// then, and anything that arrived since stays, as a conflict.
    pub fn commit_begun(
        &mut self,
        done: &str,
        changes: Vec<Change>,
        begun: Option<&Begun>,
    ) -> Vec<Effect> {
        let edits = changes
            .into_iter()
            .map(|change| Edit::begun(change, begun))
            .collect();
        self.commit_edits(done, edits)
    }

    /// Writes the edits, remembers how to undo them, and asks for a save.
    pub fn commit_edits(&mut self, done: &str, edits: Vec<Edit>) -> Vec<Effect> {
        if edits.is_empty() {
            return Vec::new();
        }
        match self.replica.commit_edits(edits, self.now.to_utc()) {
            Ok(written) if written.is_empty() => Vec::new(),
            Ok(written) => {
                let told = self.unseen_message(done, &written);
                self.undo.record(done, written);
                self.info(told);
                vec![Effect::Save]
            }
            Err(reason) => {
                self.error(format!("Nothing was changed: {reason}."));
                Vec::new()
            }
        }
    }

    /// When another laptop changed the record an editor or form is editing
    /// (the `field` named, or any) since it opened: who, in a few words, so
    /// that the editor can say so while it is still open.
    pub fn changed_meanwhile(&self, begun: Option<&Begun>, field: Option<&str>) -> Option<String> {
        let begun = begun?;
        let kind = self.replica.kind_of(&begun.id)?;
        let fields = field.map(|f| crate::model::field::FieldSet::from_names(kind, [f]));
        let changed = self.replica.changed_since(begun, fields);
        let who = self.writer_name(changed.first()?);
        Some(format!(" {who} changed this meanwhile; both are kept "))
    }

    /// Who wrote a version: its author, else its laptop's label.
    fn writer_name(&self, version: &crate::store::Version) -> String {
        if version.author.is_empty() {
            self.replica
                .device_label(version.device())
                .unwrap_or("another laptop")
                .to_string()
        } else {
            version.author.clone()
        }
    }

    /// `done`, and, when the edit met a change made on another laptop that
    /// this one had not shown, who made it and that both are kept.
    pub fn unseen_message(&self, done: &str, written: &[Written]) -> String {
        let Some((w, other)) = written
            .iter()
            .find_map(|w| w.unseen.first().map(|other| (w, other)))
        else {
            return done.to_string();
        };
        let who = self.writer_name(other);
        let what = match w.version.kind() {
            Some(kind) if !w.version.fields.is_all(kind) => {
                format!("the {}", w.version.fields.words(kind))
            }
            _ => "it".to_string(),
        };
        format!("{done} {who} changed {what} too, unseen here: both are kept; v compares them.")
    }

    /// As [`apply`](State::apply), for an edit begun when a form opened.
    pub fn apply_begun(
        &mut self,
        done: &str,
        result: Result<Vec<Change>, OpError>,
        begun: Option<&Begun>,
    ) -> Vec<Effect> {
        match result {
            Ok(changes) => self.commit_begun(done, changes, begun),
            Err(error) => {
                self.error(error.to_string());
                Vec::new()
            }
        }
    }

    /// Commits an edit from `model::ops`, or shows why it was refused.
    pub fn apply(&mut self, done: &str, result: Result<Vec<Change>, OpError>) -> Vec<Effect> {
        match result {
            Ok(changes) => self.commit(done, changes),
            Err(error) => {
                self.error(error.to_string());
                Vec::new()
            }
        }
    }
}
