//! The event folder on disk.
