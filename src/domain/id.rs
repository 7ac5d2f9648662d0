//! Time-ordered record identifiers (UUID v7).
//!
//! UUID v7 puts the creation time in the most significant bits, so ids sort by creation time
//! both as bytes and as their lowercase hyphenated text, which is how IndexedDB keys them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// A hash map keyed by id with a fast multiply-and-rotate hash instead of the standard
/// SipHash: ids are spread by their random bits already, and a map of 100,000 customers is
/// built at every start-up and analysis.
pub type IdMap<V> = std::collections::HashMap<Id, V, std::hash::BuildHasherDefault<IdHasher>>;

/// The hasher of [`IdMap`] (the word-at-a-time hash rustc uses for its own maps).
#[derive(Clone, Copy, Default)]
pub struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The id of any record: customer, contact person, interaction, purchase or team member.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(Uuid);

impl Id {
    /// A new id stamped with the current time and fresh random bits.
    pub fn generate() -> Self {
        Id(Uuid::now_v7())
    }

    /// A deterministic id from a Unix time in milliseconds and ten random bytes; the sample
    /// data generator uses it so a seed always produces the same records.
    pub fn from_parts(unix_ms: u64, random: [u8; 10]) -> Self {
        Id(uuid::Builder::from_unix_timestamp_millis(unix_ms, &random).into_uuid())
    }

    /// The creation time encoded in the id, in Unix milliseconds.
    pub fn unix_ms(self) -> u64 {
        let bytes = self.0.as_bytes();
        bytes[..6]
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
    }

    /// The smallest possible id; useful as an open lower bound.
    pub const MIN: Id = Id(Uuid::nil());
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.0.hyphenated())
    }
}

impl FromStr for Id {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_time_as_values_and_as_text() {
        let a = Id::from_parts(1_700_000_000_000, [0xff; 10]);
        let b = Id::from_parts(1_700_000_000_001, [0x00; 10]);
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
        assert_eq!(a.unix_ms(), 1_700_000_000_000);
    }

    #[test]
    fn text_round_trip() {
        let id = Id::generate();
        let text = id.to_string();
        assert_eq!(text.len(), 36);
        assert_eq!(text.parse::<Id>().unwrap(), id);
        assert!("not-an-id".parse::<Id>().is_err());
    }

    #[test]
    fn generated_ids_are_version_7_and_increase() {
        let a = Id::generate();
        let b = Id::generate();
        assert_eq!(a.0.get_version_num(), 7);
        assert!(b >= a);
    }
}
