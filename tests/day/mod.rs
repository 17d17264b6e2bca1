//! The steps of the day in `cli_day.rs`, in the order they happen.

mod morning;
mod sessions;

pub use morning::{list_pitches, log_pitches, set_up};
pub use sessions::{
    a_repeat_is_picked_by_its_slot, schedule_the_morning, schedule_with_clashes, take_notes,
    wrap_up,
};

pub const EVENT: &str = "supplier-unconference";
pub const SAM: (&str, &str) = ("sam-laptop", "Sam");
pub const PRIYA: (&str, &str) = ("priya-laptop", "Priya");
