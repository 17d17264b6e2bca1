//! unconf: run an unconference day from the terminal and publish what came out of it.
//!
//! - [`model`]: the day's records and rules, no I/O;
//! - [`store`]: the event folder, one file per device, versions and merge;
//! - [`export`]: the write-up and other formats, pure functions of the event;
//! - [`cli`]: the command line.

pub mod cli;
pub mod export;
pub mod model;
pub mod plain;
pub mod rng;
pub mod store;
pub mod tui;
