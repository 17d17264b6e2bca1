//! Record identifiers.
//!
//! Ids are ULIDs: 48 bits of creation time, then 80 bits derived from the
//! device and its write counter. One generator never repeats a millisecond,
//! so the ids it makes sort in the order they were made, and the last eight
//! characters (the short form shown in lists) differ between any two records.
//! Files may carry any text as an id (hand-edited files), so an [`Id`] is
//! kept as a string: a shared one, since every record's id is held by the
//! merged versions, the event's maps and its indexes, and a large event
//! copies ids hundreds of thousands of times as it is read.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The stable identifier of one record (a pitch, a note, ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(Arc<str>);

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id, as a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Id, E> {
                Ok(Id(Arc::from(text)))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

impl Id {
    /// Wraps text read from a file or typed by a user.
    pub fn new(text: impl Into<String>) -> Self {
        Id(Arc::from(text.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The short form shown in lists: the last eight characters, which come
    /// from the device and its write counter rather than the time.
    pub fn short(&self) -> &str {
        let start = self.0.len().saturating_sub(8);
        self.0.get(start..).unwrap_or(&self.0)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Makes new ids for one device. Pure: the caller supplies the time and the
/// device's sequence number, so the same inputs always give the same ids.
#[derive(Clone, Debug)]
pub struct IdGen {
    salt: u64,
    last_ms: u64,
}

impl IdGen {
    /// `device_salt` is mixed into every id; pass the device id, plus random
    /// bits in production so that a copied identity still makes unique ids.
    pub fn new(device_salt: &[u8]) -> Self {
        IdGen {
            salt: fnv1a64(device_salt),
            last_ms: 0,
        }
    }

    /// The id for the record made at `unix_ms` as the device's `seq`-th
    /// write. The time is moved on by a millisecond when it would repeat.
    pub fn make(&mut self, unix_ms: u64, seq: u64) -> Id {
        let ms = unix_ms.max(self.last_ms.saturating_add(1));
        self.last_ms = ms;
        let mut input = self.salt.to_le_bytes().to_vec();
        input.extend_from_slice(&seq.to_le_bytes());
        let high = fnv1a64(&input);
        input.push(0xff);
        let low = fnv1a64(&input) & 0xffff;
        let random = (u128::from(high) << 16) | u128::from(low);
        Id::new(ulid::Ulid::from_parts(ms, random).to_string())
    }
}

/// FNV-1a, 64 bits: a stable hash for deriving ids (std's hashers are not
/// promised to stay the same between Rust releases).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_one_device_sort_in_creation_order() {
        let mut ids = IdGen::new(b"laptop");
        let a = ids.make(1_000, 1);
        let b = ids.make(1_000, 2);
        let c = ids.make(999, 3);
        assert!(a < b && b < c);
        assert_eq!(a.as_str().len(), 26);
    }

    #[test]
    fn ids_from_two_devices_differ_for_the_same_time_and_sequence() {
        let a = IdGen::new(b"one").make(5, 1);
        let b = IdGen::new(b"two").make(5, 1);
        assert_ne!(a, b);
        assert_ne!(a.short(), b.short());
        let c = IdGen::new(b"one").make(5, 2);
        assert_ne!(IdGen::new(b"one").make(5, 1).short(), c.short());
    }

    #[test]
    fn an_id_is_written_and_read_as_plain_text_whatever_it_holds() {
        for text in [
            "01M8DWVHC1KZ7CC6TDSAAMYPGG",
            "hand \"edited\" \n id",
            "café",
        ] {
            let id = Id::new(text);
            let ron_text = ron::to_string(&id).expect("written");
            assert_eq!(ron::from_str::<Id>(&ron_text).expect("read"), id);
            let json = serde_json::to_string(&id).expect("written");
            assert_eq!(json, serde_json::to_string(text).expect("a string"));
            assert_eq!(serde_json::from_str::<Id>(&json).expect("read"), id);
        }
        assert!(ron::from_str::<Id>("42").is_err(), "not a string");
    }

    #[test]
    fn the_same_inputs_make_the_same_id() {
        assert_eq!(IdGen::new(b"x").make(7, 9), IdGen::new(b"x").make(7, 9));
    }
}
