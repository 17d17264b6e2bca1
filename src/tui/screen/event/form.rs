//! A small form of labelled text fields, one focused at a time. The event
//! screen edits the event, rooms and slots with it; the wrap-up screen edits
//! summaries, outcomes, next steps and decisions. `target` says what the
//! form is for, so saving knows which record to write.

use crate::store::Begun;
use crate::tui::widget::text_field::TextField;

/// One labelled field.
#[derive(Clone, Debug, PartialEq)]
pub struct FormField {
    pub label: &'static str,
    pub field: TextField,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Form<T> {
    pub target: T,
    /// What the form edits, shown in its border ("Room", "Outcome").
    pub title: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// Esc saves rather than leaves (for text written as people speak).
    pub esc_saves: bool,
    /// The fields' text as the form opened, to tell whether anything was typed.
    initial: Vec<String>,
    /// What the record was when the form opened: saving covers only that.
    pub begun: Option<Begun>,
}

impl<T> Form<T> {
    pub fn new(target: T, title: impl Into<String>) -> Form<T> {
        Form {
            target,
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            esc_saves: false,
            initial: Vec::new(),
            begun: None,
        }
    }

    /// Remembers what the record was when the form first opened (a form
    /// left with Esc and opened again keeps its first).
    pub fn begin_with(&mut self, begun: impl FnOnce() -> Option<Begun>) {
        if self.begun.is_none() {
            self.begun = begun();
        }
    }

    /// Adds a field below the others.
    pub fn field(mut self, label: &'static str, field: TextField) -> Form<T> {
        self.initial.push(field.text());
        self.fields.push(FormField { label, field });
        self
    }

    /// True when any field differs from what it held when the form opened.
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, initial)| f.field.text() != *initial)
    }

    /// Makes Esc save the form instead of leaving it.
    pub fn esc_saves(mut self) -> Form<T> {
        self.esc_saves = true;
        self
    }

    /// Puts the cursor in the field with this label.
    pub fn focus_on(mut self, label: &str) -> Form<T> {
        if let Some(i) = self.fields.iter().position(|f| f.label == label) {
            self.focus = i;
        }
        self
    }

    pub fn focused(&self) -> Option<&TextField> {
        self.fields.get(self.focus).map(|f| &f.field)
    }

    pub fn focused_mut(&mut self) -> Option<&mut TextField> {
        self.fields.get_mut(self.focus).map(|f| &mut f.field)
    }

    pub fn focused_label(&self) -> &'static str {
        self.fields.get(self.focus).map_or("", |f| f.label)
    }

    /// Moves the cursor to the next field (`step` 1) or the previous (-1),
    /// wrapping round.
    pub fn step(&mut self, step: isize) {
        let n = self.fields.len();
        if n > 0 {
            self.focus = (self.focus as isize + step).rem_euclid(n as isize) as usize;
        }
    }

    /// The text of the field with this label, trimmed.
    pub fn text(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.field.text().trim().to_string())
            .unwrap_or_default()
    }

    /// Replaces the text of the focused field (for choosers such as a slot's kind).
    pub fn set_focused_text(&mut self, text: &str) {
        if let Some(field) = self.focused_mut() {
            field.clear();
            field.insert(text);
        }
    }

    pub fn has_multi_line(&self) -> bool {
        self.fields.iter().any(|f| f.field.is_multi_line())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form<()> {
        Form::new((), "Room")
            .field("Name", TextField::single(" Library "))
            .field("Capacity", TextField::single("20"))
    }

    #[test]
    fn the_cursor_wraps_round_the_fields() {
        let mut form = form();
        form.step(-1);
        assert_eq!(form.focused_label(), "Capacity");
        form.step(1);
        assert_eq!(form.focused_label(), "Name");
    }

    #[test]
    fn text_is_read_by_label_and_trimmed() {
        let mut form = form().focus_on("Capacity");
        assert!(!form.changed());
        assert_eq!(form.text("Name"), "Library");
        form.set_focused_text("12");
        assert_eq!(form.text("Capacity"), "12");
        assert!(form.changed());
        assert_eq!(form.text("Nope"), "");
    }
}
