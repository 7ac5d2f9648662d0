//! Hand-written binary encoding for the data read at every start-up (the summary chunks).
//!
//! The release build is optimised for size, and at that level the compiler does not inline
//! the layers of a serde deserializer: reading 100,000 summaries through postcard took about
//! 230 ms of the browser's start-up against about 115 ms for the same code optimised for
//! speed. These primitives are few and forced inline, so the readers built on them compile to
//! straight loops over the bytes whatever the optimisation level.
//!
//! Integers are LEB128 varints (signed ones zigzag-encoded first), strings and lists carry
//! their length in front. Every read checks its bounds: damaged bytes give a [`WireError`],
//! never a panic or a huge allocation.

use std::fmt;

/// Why bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WireError(pub &'static str);

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

pub(crate) type Result<T> = std::result::Result<T, WireError>;

/// Appends values to a byte buffer.
pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub fn with_capacity(bytes: usize) -> Self {
        Writer {
            buf: Vec::with_capacity(bytes),
        }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// Bytes as they are (already encoded).
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    #[inline]
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    #[inline]
    pub fn uvar(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    #[inline]
    pub fn ivar(&mut self, v: i64) {
        self.uvar(((v << 1) ^ (v >> 63)) as u64);
    }

    pub fn bytes16(&mut self, b: [u8; 16]) {
        self.buf.extend_from_slice(&b);
    }

    /// The number's eight bytes, little-endian (every value kept exactly).
    #[inline]
    pub fn f64(&mut self, v: f64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn str(&mut self, s: &str) {
        self.uvar(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
}

/// Reads values from bytes, front to back.
#[derive(Clone)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    /// How many bytes are left to read.
    pub fn remaining(&self) -> usize {
        self.bytes.len()
    }

    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        self.bytes
    }

    /// Succeeds if every byte was read.
    pub fn finish(self) -> Result<()> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(WireError("bytes left over after the end"))
        }
    }

    #[inline(always)]
    pub fn u8(&mut self) -> Result<u8> {
        match self.bytes.split_first() {
            Some((&b, rest)) => {
                self.bytes = rest;
                Ok(b)
            }
            None => Err(WireError("cut short")),
        }
    }

    #[inline(always)]
    pub fn uvar(&mut self) -> Result<u64> {
        let mut value = 0u64;
        let mut shift = 0u32;
        loop {
            let b = self.u8()?;
            // The tenth byte may only hold the top bit of a u64.
            if shift == 63 && b > 1 {
                return Err(WireError("varint too long"));
            }
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    #[inline(always)]
    pub fn ivar(&mut self) -> Result<i64> {
        let u = self.uvar()?;
        Ok((u >> 1) as i64 ^ -((u & 1) as i64))
    }

    #[inline(always)]
    pub fn u32(&mut self) -> Result<u32> {
        u32::try_from(self.uvar()?).map_err(|_| WireError("number out of range"))
    }

    #[inline(always)]
    pub fn i32(&mut self) -> Result<i32> {
        i32::try_from(self.ivar()?).map_err(|_| WireError("number out of range"))
    }

    /// A length or count: never more than the bytes left, since every element or byte it
    /// counts takes at least one, so damaged bytes cannot ask for a huge allocation.
    #[inline(always)]
    pub fn len(&mut self) -> Result<usize> {
        match usize::try_from(self.uvar()?) {
            Ok(n) if n <= self.bytes.len() => Ok(n),
            _ => Err(WireError("length beyond the end")),
        }
    }

    #[inline(always)]
    pub fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.bytes.len() {
            return Err(WireError("cut short"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    #[inline(always)]
    pub fn bytes16(&mut self) -> Result<[u8; 16]> {
        let head = self.take(16)?;
        let mut out = [0; 16];
        out.copy_from_slice(head);
        Ok(out)
    }

    #[inline(always)]
    pub fn f64(&mut self) -> Result<f64> {
        let head = self.take(8)?;
        let mut out = [0; 8];
        out.copy_from_slice(head);
        Ok(f64::from_le_bytes(out))
    }

    #[inline(always)]
    pub fn string(&mut self) -> Result<String> {
        let n = self.len()?;
        let bytes = self.take(n)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(WireError("text is not UTF-8")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Writer)) -> Vec<u8> {
        let mut w = Writer::with_capacity(0);
        f(&mut w);
        w.into_bytes()
    }

    #[test]
    fn varints_are_leb128() {
        // Worked out by hand: 300 = 0b10_0101100 -> 0xAC 0x02; zigzag(-1) = 1, zigzag(1) = 2,
        // zigzag(-64) = 127 (one byte), zigzag(64) = 128 (two bytes).
        assert_eq!(written(|w| w.uvar(0)), [0]);
        assert_eq!(written(|w| w.uvar(127)), [0x7f]);
        assert_eq!(written(|w| w.uvar(300)), [0xac, 0x02]);
        assert_eq!(written(|w| w.ivar(-1)), [1]);
        assert_eq!(written(|w| w.ivar(1)), [2]);
        assert_eq!(written(|w| w.ivar(-64)), [127]);
        assert_eq!(written(|w| w.ivar(64)), [0x80, 0x01]);
        assert_eq!(written(|w| w.uvar(u64::MAX)).len(), 10);
    }

    #[test]
    fn values_round_trip_at_their_extremes() {
        let ints = [0, 1, -1, 63, -64, i64::from(i32::MAX), i64::MIN, i64::MAX];
        let bytes = written(|w| {
            for v in ints {
                w.ivar(v);
            }
            w.uvar(u64::MAX);
            w.str("北京 · Zhang");
            w.bytes16([7; 16]);
        });
        let mut r = Reader::new(&bytes);
        for v in ints {
            assert_eq!(r.ivar().unwrap(), v);
        }
        assert_eq!(r.uvar().unwrap(), u64::MAX);
        assert_eq!(r.string().unwrap(), "北京 · Zhang");
        assert_eq!(r.bytes16().unwrap(), [7; 16]);
        assert!(r.finish().is_ok());
    }

    #[test]
    fn damaged_bytes_are_refused() {
        // A varint whose last byte promises more.
        assert!(Reader::new(&[0x80]).uvar().is_err());
        // Eleven bytes of varint, and a tenth byte beyond 64 bits.
        assert!(Reader::new(&[0xff; 11]).uvar().is_err());
        let mut ten = [0xff; 10];
        ten[9] = 0x02;
        assert!(Reader::new(&ten).uvar().is_err());
        // A length beyond the end: no allocation of it.
        assert!(
            Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x0f])
                .string()
                .is_err()
        );
        assert!(Reader::new(&[3, b'a']).string().is_err());
        assert!(Reader::new(&[2, 0xff, 0xfe]).string().is_err(), "not UTF-8");
        assert!(Reader::new(&[5; 15]).bytes16().is_err());
        assert!(Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x10]).u32().is_err());
        let mut r = Reader::new(&[1, 2]);
        r.u8().unwrap();
        assert!(r.finish().is_err());
    }
}
