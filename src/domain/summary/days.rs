//! A customer's purchase days held packed: the summary chunk's own encoding of them, kept as
//! bytes instead of a list of [`PurchaseDay`]s.
//!
//! A day as a value takes 32 bytes (an `i64` amount, an optional `i64` margin, the day and
//! the currency, aligned to eight), and a list of them its own allocation: at 300,000
//! customers and 3,000,000 purchase days about 100 MB of the page's memory, for data read
//! only by the analysis and a few figures, each in one pass from the oldest day. Packed, a
//! day takes five to seven bytes: the days since the one before and the amount as varints,
//! the currency and whether a margin follows in one byte.

use super::PurchaseDay;
use super::codec::{read_day, write_day};
use crate::domain::wire::{Reader, Result, Writer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Purchase days, oldest first, packed (see the module's documentation). Read them with
/// [`DayHistory::iter`]; build them from a list with [`DayHistory::from`] or `collect`.
#[derive(Clone, Default)]
pub struct DayHistory {
    /// Empty for no days; otherwise the number of days as a varint, then each day as
    /// [`write_day`] writes it. Only ever written by [`write_day`] or checked by
    /// [`DayHistory::read`], so reading it back cannot fail.
    bytes: Box<[u8]>,
}

impl DayHistory {
    /// Number of days.
    pub fn len(&self) -> usize {
        if self.bytes.is_empty() {
            return 0;
        }
        Reader::new(&self.bytes).uvar().unwrap_or(0) as usize
    }

    /// Whether there are no days.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The days, oldest first.
    pub fn iter(&self) -> Days<'_> {
        let mut r = Reader::new(&self.bytes);
        let left = if self.bytes.is_empty() {
            0
        } else {
            r.uvar().unwrap_or(0)
        };
        Days { r, left, day: 0 }
    }

    /// The oldest day.
    pub fn first(&self) -> Option<PurchaseDay> {
        self.iter().next()
    }

    /// The latest day.
    pub fn last(&self) -> Option<PurchaseDay> {
        self.iter().last()
    }

    /// The packed bytes, as a summary chunk holds them (a count of zero for no days).
    pub(super) fn write(&self, w: &mut Writer) {
        if self.bytes.is_empty() {
            w.uvar(0);
        } else {
            w.raw(&self.bytes);
        }
    }

    /// Reads the days a summary chunk holds, checking every one, and keeps their bytes.
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self> {
        let start = r.rest();
        let n = r.len()?;
        if n == 0 {
            return Ok(DayHistory::default());
        }
        let mut day = 0i64;
        for _ in 0..n {
            read_day(r, &mut day)?;
        }
        let used = start.len() - r.remaining();
        Ok(DayHistory {
            bytes: start[..used].into(),
        })
    }
}

impl FromIterator<PurchaseDay> for DayHistory {
    fn from_iter<I: IntoIterator<Item = PurchaseDay>>(days: I) -> Self {
        let mut body = Writer::with_capacity(0);
        let mut day = 0i64;
        let mut n = 0u64;
        for h in days {
            write_day(&mut body, &mut day, &h);
            n += 1;
        }
        if n == 0 {
            return DayHistory::default();
        }
        let body = body.into_bytes();
        let mut w = Writer::with_capacity(body.len() + 3);
        w.uvar(n);
        w.raw(&body);
        DayHistory {
            bytes: w.into_bytes().into_boxed_slice(),
        }
    }
}

impl From<Vec<PurchaseDay>> for DayHistory {
    fn from(days: Vec<PurchaseDay>) -> Self {
        days.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a DayHistory {
    type Item = PurchaseDay;
    type IntoIter = Days<'a>;
    fn into_iter(self) -> Days<'a> {
        self.iter()
    }
}

/// The same days, whatever their bytes (a chunk from elsewhere may spell a varint longer).
impl PartialEq for DayHistory {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for DayHistory {}

impl fmt::Debug for DayHistory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// As the list of days it holds, so the older serde-encoded chunks read as before.
impl Serialize for DayHistory {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for DayHistory {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Vec::<PurchaseDay>::deserialize(d).map(DayHistory::from)
    }
}

/// The days of a [`DayHistory`], oldest first.
pub struct Days<'a> {
    r: Reader<'a>,
    left: u64,
    day: i64,
}

impl Iterator for Days<'_> {
    type Item = PurchaseDay;

    #[inline]
    fn next(&mut self) -> Option<PurchaseDay> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        // Checked when the bytes were made; a failure here cannot happen and ends the days.
        let h = read_day(&mut self.r, &mut self.day).ok();
        if h.is_none() {
            self.left = 0;
        }
        h
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.left as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Days<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn day(day: i32, currency: Currency, amount: i64, margin: Option<i64>) -> PurchaseDay {
        PurchaseDay {
            day,
            currency,
            amount,
            margin,
        }
    }

    #[test]
    fn days_come_back_as_they_went_in() {
        let days = vec![
            day(-3, Currency::Cny, 0, None),
            day(19_000, Currency::Cny, 12_345, Some(-4_000)),
            day(19_000, Currency::Usd, i64::MAX, Some(i64::MIN)),
            day(20_500, Currency::Gbp, -7, None),
        ];
        let packed = DayHistory::from(days.clone());
        assert_eq!(packed.len(), 4);
        assert!(!packed.is_empty());
        assert_eq!(packed.iter().collect::<Vec<_>>(), days);
        assert_eq!(packed.iter().len(), 4);
        assert_eq!(packed.first(), Some(days[0]));
        assert_eq!(packed.last(), Some(days[3]));
        assert_eq!(format!("{packed:?}"), format!("{days:?}"));
    }

    #[test]
    fn no_days_hold_no_bytes() {
        let none = DayHistory::from(Vec::new());
        assert!(none.is_empty());
        assert_eq!(none.len(), 0);
        assert_eq!(none.iter().next(), None);
        assert_eq!(none.first(), None);
        assert_eq!(none.last(), None);
        assert_eq!(std::mem::size_of_val(&*none.bytes), 0);
        let mut w = Writer::with_capacity(1);
        none.write(&mut w);
        assert_eq!(w.into_bytes(), vec![0], "a count of zero in a chunk");
    }

    #[test]
    fn a_typical_day_takes_a_few_bytes() {
        // Ten purchases of 350 yuan thirty days apart. Varints hold seven bits a byte, signed
        // values zigzagged (doubled): the first day, 20,000, is 40,000 (three bytes); a gap
        // of 30 is 60 (one byte); 35,000 fen is 70,000 (three bytes); the tag one byte.
        let days: Vec<PurchaseDay> = (0..10)
            .map(|i| day(20_000 + 30 * i, Currency::Cny, 35_000, None))
            .collect();
        let packed = DayHistory::from(days);
        // 1 (count) + first day: 3 (20,000 zigzagged = 40,000) + 1 + 3; nine more: 1 + 1 + 3.
        assert_eq!(packed.bytes.len(), 1 + (3 + 1 + 3) + 9 * (1 + 1 + 3));
    }

    #[test]
    fn reading_checks_every_day_and_keeps_exactly_their_bytes() {
        let days = vec![
            day(10, Currency::Eur, 5, Some(1)),
            day(11, Currency::Cny, 6, None),
        ];
        let mut w = Writer::with_capacity(16);
        DayHistory::from(days.clone()).write(&mut w);
        w.u8(0xAB); // what follows in the chunk
        let bytes = w.into_bytes();
        let mut r = Reader::new(&bytes);
        let read = DayHistory::read(&mut r).unwrap();
        assert_eq!(read.iter().collect::<Vec<_>>(), days);
        assert_eq!(r.u8(), Ok(0xAB), "the reader stops after the days");

        // A day with an unknown currency, or cut short, is refused.
        let mut bad = bytes.clone();
        bad[2] = 0x7F << 1; // the first day's tag: currency 63
        assert!(DayHistory::read(&mut Reader::new(&bad)).is_err());
        assert!(DayHistory::read(&mut Reader::new(&bytes[..4])).is_err());
    }

    #[test]
    fn equal_days_are_equal_however_spelled() {
        let a = DayHistory::from(vec![day(1, Currency::Cny, 2, None)]);
        // The same day with the count spelled in two bytes (0x81 0x00 is 1).
        let mut long = vec![0x81, 0x00];
        long.extend_from_slice(&a.bytes[1..]);
        let b = DayHistory::read(&mut Reader::new(&long)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, DayHistory::from(vec![day(1, Currency::Cny, 3, None)]));
    }
}
