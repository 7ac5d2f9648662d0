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

thread_local! {
    static FRESH: std::cell::RefCell<Option<Fresh>> = const { std::cell::RefCell::new(None) };
}

/// The random bits of new ids. Asking the browser for random bytes costs a call into
/// JavaScript and an array each time (a second per million ids); a xoshiro256++ generator
/// seeded once from it gives the same uniqueness (the seed has 256 bits) for nanoseconds.
/// Ids generated in the same millisecond (or after the clock stepped back) count up from the
/// last by a random step, so they stay in order: RFC 9562 §6.2, method 2 ("monotonic
/// random").
struct Fresh {
    state: [u64; 4],
    last_ms: u64,
    /// The last id's 74 random bits.
    last_random: u128,
}

/// The 74 random bits of a version 7 id: 12 after the version, 62 after the variant.
const RANDOM_BITS: u128 = (1 << 74) - 1;

impl Fresh {
    fn new(seed: [u64; 4]) -> Fresh {
        // xoshiro's state must not be all zero.
        let state = match seed {
            [0, 0, 0, 0] => [1, 2, 3, 4],
            s => s,
        };
        Fresh {
            state,
            last_ms: 0,
            last_random: 0,
        }
    }

    /// xoshiro256++ (Blackman and Vigna, <https://prng.di.unimi.it/xoshiro256plusplus.c>).
    fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let out = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        out
    }

    /// The id for a moment `ms` (Unix milliseconds).
    fn next(&mut self, ms: u64) -> Id {
        let fresh =
            ((u128::from(self.next_u64()) << 64) | u128::from(self.next_u64())) & RANDOM_BITS;
        let (ms, random) = if ms > self.last_ms {
            (ms, fresh)
        } else {
            let step = 1 + u128::from(self.next_u64() >> 32);
            match self.last_random + step {
                r if r <= RANDOM_BITS => (self.last_ms, r),
                // The millisecond's ids are used up: borrow the next one.
                _ => (self.last_ms + 1, fresh),
            }
        };
        self.last_ms = ms;
        self.last_random = random;
        let mut bytes = [0u8; 16];
        bytes[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
        bytes[6..8].copy_from_slice(&(0x7000 | (random >> 62) as u16 & 0x0fff).to_be_bytes());
        let low = (random as u64) & ((1 << 62) - 1);
        bytes[8..].copy_from_slice(&((0b10 << 62) | low).to_be_bytes());
        Id(Uuid::from_bytes(bytes))
    }
}

/// The id of any record: customer, contact person, interaction, purchase or team member.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(Uuid);

impl Id {
    /// A new id stamped with the current time and fresh random bits, greater than every id
    /// generated before it in this thread.
    pub fn generate() -> Self {
        let (secs, nanos) = uuid::Timestamp::now(uuid::NoContext).to_unix();
        let ms = secs * 1_000 + u64::from(nanos / 1_000_000);
        FRESH.with(|fresh| {
            let mut fresh = fresh.borrow_mut();
            let fresh = fresh.get_or_insert_with(|| {
                // Seeded once from the system's random source (the browser's crypto).
                let (a, b) = Uuid::new_v4().as_u64_pair();
                let (c, d) = Uuid::new_v4().as_u64_pair();
                Fresh::new([a, b, c, d])
            });
            fresh.next(ms)
        })
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
        let before = std::time::SystemTime::UNIX_EPOCH
            .elapsed()
            .unwrap()
            .as_millis() as u64;
        let ids: Vec<Id> = (0..100_000).map(|_| Id::generate()).collect();
        let after = std::time::SystemTime::UNIX_EPOCH
            .elapsed()
            .unwrap()
            .as_millis() as u64;
        for id in &ids {
            assert_eq!(id.0.get_version_num(), 7);
            assert_eq!(id.0.get_variant(), uuid::Variant::RFC4122);
            // Within the time taken, allowing for ids that borrowed a millisecond.
            assert!((before..=after + 1).contains(&id.unix_ms()));
        }
        // Strictly increasing, so all different, though many share a millisecond.
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        let mut ms: Vec<u64> = ids.iter().map(|id| id.unix_ms()).collect();
        ms.dedup();
        assert!(ms.len() < ids.len());
    }

    #[test]
    fn ids_stay_in_order_within_a_millisecond_and_when_the_clock_steps_back() {
        let mut fresh = Fresh::new([1, 2, 3, 4]);
        let a = fresh.next(1_000);
        let b = fresh.next(1_000);
        let c = fresh.next(999);
        assert!(a < b && b < c);
        assert_eq!([a.unix_ms(), b.unix_ms(), c.unix_ms()], [1_000; 3]);
        // The last step of a millisecond moves on to the next one.
        fresh.last_random = RANDOM_BITS;
        let d = fresh.next(1_000);
        assert_eq!(d.unix_ms(), 1_001);
        assert!(c < d);
        // Two generators with other seeds give other ids for the same moment.
        let mut other = Fresh::new([5, 6, 7, 8]);
        assert_ne!(other.next(1_000), a);
    }

    #[test]
    fn the_generator_is_xoshiro256_plus_plus() {
        // First outputs for the state [1, 2, 3, 4], worked out from the reference C code's
        // definition by hand: out = rotl(s0 + s3, 23) + s0 = rotl(5, 23) + 1 = 41,943,041.
        let mut fresh = Fresh::new([1, 2, 3, 4]);
        assert_eq!(fresh.next_u64(), 41_943_041);
        // Then the state: t = 2 << 17 = 262,144; s2 = 3 ^ 1 = 2; s3 = 4 ^ 2 = 6;
        // s1 = 2 ^ 2 = 0; s0 = 1 ^ 6 = 7; s2 = 2 ^ 262,144 = 262,146; s3 = rotl(6, 45).
        assert_eq!(fresh.state, [7, 0, 262_146, 6u64.rotate_left(45)]);
    }
}
