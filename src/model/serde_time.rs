//! Times as serde writes them: as text (RFC 3339, chrono's own form) for
//! formats people read, the device files in RON and JSON, and as numbers
//! for compact binary ones, this machine's cache of parsed files
//! (`store/cache.rs`), where parsing the text of every note's time was a
//! seventh of the time it took to read a large event from the cache.
//!
//! Text is whatever chrono writes and reads, so device files are byte for
//! byte what they were.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// For `DateTime<FixedOffset>` fields: `#[serde(with = "serde_time::fixed")]`.
pub mod fixed {
    use super::*;

    pub fn serialize<S: Serializer>(at: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            at.serialize(s)
        } else {
            let offset = at.offset().local_minus_utc();
            (at.timestamp(), at.timestamp_subsec_nanos(), offset).serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        if d.is_human_readable() {
            return DateTime::<FixedOffset>::deserialize(d);
        }
        let (secs, nanos, offset) = <(i64, u32, i32)>::deserialize(d)?;
        let zone = FixedOffset::east_opt(offset)
            .ok_or_else(|| D::Error::custom(format!("no such offset: {offset} s")))?;
        let utc = DateTime::from_timestamp(secs, nanos)
            .ok_or_else(|| D::Error::custom(format!("no such time: {secs} s")))?;
        Ok(zone.from_utc_datetime(&utc.naive_utc()))
    }
}

/// For `DateTime<Utc>` fields: `#[serde(with = "serde_time::utc")]`.
pub mod utc {
    use super::*;

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            at.serialize(s)
        } else {
            (at.timestamp(), at.timestamp_subsec_nanos()).serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        if d.is_human_readable() {
            return DateTime::<Utc>::deserialize(d);
        }
        let (secs, nanos) = <(i64, u32)>::deserialize(d)?;
        DateTime::from_timestamp(secs, nanos)
            .ok_or_else(|| D::Error::custom(format!("no such time: {secs} s")))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset, Utc};
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Both {
        #[serde(with = "super::fixed")]
        taken: DateTime<FixedOffset>,
        #[serde(with = "super::utc")]
        at: DateTime<Utc>,
    }

    /// What chrono alone writes, for comparison.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Chrono {
        taken: DateTime<FixedOffset>,
        at: DateTime<Utc>,
    }

    proptest! {
        #[test]
        fn any_time_reads_back_from_text_and_from_numbers(
            secs in -62_000_000_000i64..250_000_000_000,
            nanos in 0u32..1_000_000_000,
            // Whole minutes: RFC 3339 text has no seconds in an offset.
            minutes in -1_439i32..1_440,
        ) {
            let at = DateTime::from_timestamp(secs, nanos).expect("in range");
            let zone = FixedOffset::east_opt(minutes * 60).expect("an offset");
            let both = Both { taken: at.with_timezone(&zone), at };
            let chrono = Chrono { taken: both.taken, at };
            // Text is chrono's, so device files are unchanged.
            let ron = ron::to_string(&both).expect("RON");
            prop_assert_eq!(&ron, &ron::to_string(&chrono).expect("RON"));
            prop_assert_eq!(ron::from_str::<Both>(&ron).expect("read"), Both { ..both });
            let bytes = postcard::to_allocvec(&Both { ..both }).expect("postcard");
            let again: Both = postcard::from_bytes(&bytes).expect("read");
            prop_assert_eq!(again.taken.offset(), &zone);
            prop_assert_eq!(again.taken, at.with_timezone(&zone));
            prop_assert_eq!(again.at, at);
        }
    }

    #[test]
    fn impossible_numbers_are_an_error_not_a_panic() {
        let offset =
            postcard::to_allocvec(&((0i64, 0u32, 90_000i32), (0i64, 0u32))).expect("bytes");
        assert!(postcard::from_bytes::<Both>(&offset).is_err());
        let time = postcard::to_allocvec(&((0i64, 0u32, 0i32), (i64::MAX, 0u32))).expect("bytes");
        assert!(postcard::from_bytes::<Both>(&time).is_err());
    }
}
