//! Time-ordered record identifiers (UUID v7).
//!
//! UUID v7 puts the creation time in the most significant bits, so ids sort by creation time
//! both as bytes and as their lowercase hyphenated text, which is how IndexedDB keys them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// Serde for a list of ids as one byte string, 16 bytes an id: a journal listing a million
/// created purchases is one 16 MB buffer for the browser to store, not a million strings.
/// Reads lists written either way (a sequence of ids in text is the earlier form).
/// Use with `#[serde(with = "crate::domain::id::packed")]`.
pub mod packed {
    use super::Id;
    use serde::de::{Error, SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};
    use std::fmt;

    pub fn serialize<S: Serializer>(ids: &[Id], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = ids.iter().flat_map(|id| id.to_bytes()).collect();
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Id>, D::Error> {
        d.deserialize_any(Ids)
    }

    struct Ids;

    impl<'de> Visitor<'de> for Ids {
        type Value = Vec<Id>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("ids as bytes (16 each) or a sequence of ids")
        }

        fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Vec<Id>, E> {
            let chunks = v.chunks_exact(16);
            if !chunks.remainder().is_empty() {
                return Err(E::invalid_length(v.len(), &self));
            }
            Ok(chunks
                .map(|c| Id::from_bytes(c.try_into().unwrap_or_default()))
                .collect())
        }

        fn visit_byte_buf<E: Error>(self, v: Vec<u8>) -> Result<Vec<Id>, E> {
            self.visit_bytes(&v)
        }

        /// A sequence: ids in text (the earlier form), or the bytes as numbers (JSON).
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Id>, A::Error> {
            #[derive(serde::Deserialize)]
            #[serde(untagged)]
            enum Element {
                Byte(u8),
                Id(Id),
            }
            let (mut ids, mut bytes) = (Vec::new(), Vec::new());
            while let Some(e) = seq.next_element::<Element>()? {
                match e {
                    Element::Byte(b) => bytes.push(b),
                    Element::Id(id) => ids.push(id),
                }
            }
            match (ids.is_empty(), bytes.is_empty()) {
                (_, true) => Ok(ids),
                (true, false) => self.visit_bytes(&bytes),
                (false, false) => Err(A::Error::custom("ids mixed with bytes")),
            }
        }
    }
}

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

    /// The id's 16 bytes.
    pub fn to_bytes(self) -> [u8; 16] {
        *self.0.as_bytes()
    }

    /// The id of 16 bytes (as [`Id::to_bytes`] gives them).
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Id(Uuid::from_bytes(bytes))
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

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Journal {
        #[serde(with = "packed")]
        ids: Vec<Id>,
    }

    #[test]
    fn packed_ids_are_16_bytes_each_and_earlier_text_lists_still_read() {
        let ids = vec![
            Id::from_parts(1_700_000_000_000, [1; 10]),
            Id::from_parts(1_700_000_000_001, [255; 10]),
        ];
        let j = Journal { ids: ids.clone() };
        let json = serde_json::to_value(&j).unwrap();
        let bytes = json["ids"].as_array().unwrap();
        assert_eq!(bytes.len(), 32);
        assert_eq!(
            bytes[0], 0x01,
            "the first byte of the time: 1,700,000,000,000 ms"
        );
        // Earlier journals listed ids as text.
        let text = serde_json::json!({ "ids": [ids[0].to_string(), ids[1].to_string()] });
        assert_eq!(serde_json::from_value::<Journal>(text).unwrap(), j);
        assert_eq!(
            serde_json::from_value::<Journal>(json).unwrap(),
            j,
            "round trip"
        );
        assert!(
            serde_json::from_value::<Journal>(serde_json::json!({ "ids": [] }))
                .unwrap()
                .ids
                .is_empty()
        );
        let cut = serde_json::json!({ "ids": vec![1; 17] });
        assert!(
            serde_json::from_value::<Journal>(cut).is_err(),
            "not 16 bytes an id"
        );
    }

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
