//! Tracking text being typed so that it can be kept as a draft within a
//! couple of seconds of idle, and offered back after a crash.

use chrono::{DateTime, FixedOffset};

use super::action::Effect;

/// What one text field last typed, and since when it is unsaved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftSlot {
    /// What the draft is for: "pitch-quick-add", "note:<session id>", ...
    pub key: String,
    pub text: String,
    pub dirty_since: Option<DateTime<FixedOffset>>,
}

impl DraftSlot {
    pub fn new(key: impl Into<String>) -> DraftSlot {
        DraftSlot {
            key: key.into(),
            ..DraftSlot::default()
        }
    }

    /// Notes that the field now holds `text`; the idle timer restarts.
    /// Copied into the room the last text had: this runs after every key.
    pub fn typed(&mut self, text: &str, now: DateTime<FixedOffset>) {
        if text != self.text {
            self.text.clear();
            self.text.push_str(text);
            self.dirty_since = Some(now);
        }
    }

    /// The text was committed or discarded: forget the draft.
    pub fn clear(&mut self) -> Effect {
        self.text.clear();
        self.dirty_since = None;
        Effect::ClearDraft {
            key: self.key.clone(),
        }
    }

    /// The effect that keeps the current text.
    pub fn effect(&self) -> Effect {
        if self.text.trim().is_empty() {
            Effect::ClearDraft {
                key: self.key.clone(),
            }
        } else {
            Effect::SaveDraft {
                key: self.key.clone(),
                text: self.text.clone(),
            }
        }
    }
}
