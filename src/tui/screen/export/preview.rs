//! The write-up as last made, kept with what it was made from, so drawing
//! and scrolling reuse it instead of making it again.
//!
//! The event can change without this screen hearing of it: an undo typed
//! here, another device's file reloaded, an edit on another screen before
//! `6` is pressed. So whoever needs the preview (the view for each frame,
//! `update` for scrolling) asks [`Kept::get`], which compares the stamp of
//! the event it was made from with the live one's and makes it again only
//! when they differ. Every change to an event gives it a stamp no other
//! change has had ([`Event::stamp`]), so unlike a counter such as the undo
//! depth or the own file's length it cannot be fooled by an undo followed
//! by a new edit, and checking it costs nothing however large the event
//! (comparing whole events took ~21 ms a frame at 20,000 notes).

use std::cell::RefCell;
use std::rc::Rc;

use crate::export::{WriteUpOptions, markdown};
use crate::model::Event;
use crate::tui::view::export::wrap::{hang_of, wrap};

/// What the staff choose about the write-up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Append every session's timestamped notes.
    pub with_notes: bool,
    /// Safe to publish: the Chatham House Rule per session, no private
    /// notes, contact details redacted; written as `<event>-public.md`.
    pub public: bool,
}

impl ExportOptions {
    pub fn markdown(self) -> WriteUpOptions {
        WriteUpOptions::new(self.with_notes, self.public)
    }
}

/// One write-up and what it was made from.
#[derive(Debug, PartialEq)]
pub struct Made {
    /// The stamp of the event it was made from.
    stamp: u64,
    options: ExportOptions,
    /// The document, exactly as it will be written.
    pub text: String,
    /// In a public write-up, the probable names it keeps in Chatham House
    /// sessions for a person to look at, as written: the view marks them.
    pub marks: Vec<String>,
}

/// A write-up wrapped to a width for drawing.
#[derive(Debug, PartialEq)]
pub struct Preview {
    pub made: Rc<Made>,
    width: u16,
    pub lines: Vec<String>,
}

impl Preview {
    pub fn make(event: &Event, options: ExportOptions, width: u16) -> Preview {
        let made = Made {
            stamp: event.stamp(),
            options,
            text: markdown(event, &options.markdown()),
            marks: if options.public {
                crate::export::personal::names_left_for_review(event)
            } else {
                Vec::new()
            },
        };
        Preview::wrapped(Rc::new(made), width)
    }

    fn wrapped(made: Rc<Made>, width: u16) -> Preview {
        let lines = made
            .text
            .lines()
            .flat_map(|line| wrap(line, usize::from(width), hang_of(line)))
            .collect();
        Preview { made, width, lines }
    }

    fn made_from(&self, event: &Event, options: ExportOptions) -> bool {
        self.made.options == options && self.made.stamp == event.stamp()
    }

    pub fn matches(&self, event: &Event, options: ExportOptions, width: u16) -> bool {
        self.width == width && self.made_from(event, options)
    }
}

/// The preview last made. A cache rather than state: what it gives is a
/// pure function of the event, the options and the width, so filling it
/// while drawing changes nothing anyone can see except the time taken.
#[derive(Clone, Debug, Default)]
pub struct Kept(RefCell<Option<Rc<Preview>>>);

impl Kept {
    /// The preview for this event, options and width: the kept one while it
    /// still matches, else made now and kept. Another width only wraps the
    /// kept document again.
    pub fn get(&self, event: &Event, options: ExportOptions, width: u16) -> Rc<Preview> {
        let kept = self.peek();
        if let Some(preview) = &kept
            && preview.matches(event, options, width)
        {
            return Rc::clone(preview);
        }
        let made = match kept {
            Some(old) if old.made_from(event, options) => {
                Preview::wrapped(Rc::clone(&old.made), width)
            }
            _ => Preview::make(event, options, width),
        };
        let made = Rc::new(made);
        // Never borrowed across a call, so this always succeeds; if it ever
        // did not, the preview is simply made again next time.
        if let Ok(mut slot) = self.0.try_borrow_mut() {
            *slot = Some(Rc::clone(&made));
        }
        made
    }

    /// The preview last made, without checking it.
    pub fn peek(&self) -> Option<Rc<Preview>> {
        self.0.try_borrow().ok().and_then(|kept| kept.clone())
    }
}
