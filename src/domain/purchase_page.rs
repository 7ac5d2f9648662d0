//! Pages of purchase books: the books (`purchase::encode_book`) of the customers whose ids lie
//! in one key range, stored as one record.
//!
//! The browser spends about 40 µs on every record it is asked to write, whatever its size: a
//! hundred thousand books of one customer each cost four seconds in requests alone, a few
//! hundred pages of a few hundred customers each a few milliseconds. Pages are keyed like
//! summary chunks, by the lowest id they may hold ([`FIRST_PAGE`] for the first), so new
//! customers (whose ids grow with time) land in the last page, and work that goes through
//! customers in id order (an import, a restore) reads and writes each page once. A page that
//! grows beyond [`PAGE_MAX`] bytes is split into pages of about [`PAGE_TARGET`]; editing one
//! purchase rewrites one page of at most that size, copying the other customers' books as
//! they are.

use crate::domain::blob;
use crate::domain::id::Id;
use crate::domain::purchase::{BookError, Purchase, decode_book, encode_book};
use serde_bytes::ByteBuf;
use std::borrow::Borrow;

/// The bytes of books a split page is cut into.
pub const PAGE_TARGET: usize = 64 * 1024;
/// A page whose books take more bytes than this is split.
pub const PAGE_MAX: usize = 2 * PAGE_TARGET;
/// The key of the first page; every other page is keyed by its first customer's id (as
/// text), so a customer's page is the one with the greatest key not above its id.
pub const FIRST_PAGE: &str = "";

/// Format version of a page's bytes.
const PAGE_FORMAT: u8 = 1;

/// The books of a range of customers, in id order. Books stay encoded: reading one
/// customer's purchases decodes that book only, and writing the page copies the others.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    books: Vec<(Id, Vec<u8>)>,
}

impl Page {
    /// Decodes a page written by [`Page::encode`].
    pub fn decode(bytes: &[u8]) -> Result<Page, BookError> {
        let rows: Vec<([u8; 16], ByteBuf)> = blob::decode(PAGE_FORMAT, bytes)?;
        let books: Vec<(Id, Vec<u8>)> = rows
            .into_iter()
            .map(|(id, book)| (Id::from_bytes(id), book.into_vec()))
            .collect();
        if !books.is_sorted_by(|a, b| a.0 < b.0) {
            return Err(BookError::Corrupt("page out of order".into()));
        }
        Ok(Page { books })
    }

    /// The page as bytes: the format byte, then each customer's id and book.
    pub fn encode(&self) -> Vec<u8> {
        let rows: Vec<([u8; 16], &serde_bytes::Bytes)> = self
            .books
            .iter()
            .map(|(id, book)| (id.to_bytes(), serde_bytes::Bytes::new(book)))
            .collect();
        blob::encode(PAGE_FORMAT, &rows)
    }

    fn find(&self, customer: Id) -> Result<usize, usize> {
        self.books.binary_search_by_key(&customer, |(id, _)| *id)
    }

    /// The purchases of `customer` (none when the page has no book of theirs).
    pub fn book(&self, customer: Id) -> Result<Vec<Purchase>, BookError> {
        match self.find(customer) {
            Ok(i) => decode_book(customer, &self.books[i].1),
            Err(_) => Ok(Vec::new()),
        }
    }

    /// Whether the page holds a book of `customer`.
    pub fn has(&self, customer: Id) -> bool {
        self.find(customer).is_ok()
    }

    /// Makes `purchases` the book of `customer`; no purchases remove the book.
    pub fn set<P: Borrow<Purchase>>(&mut self, customer: Id, purchases: &[P]) {
        match (self.find(customer), purchases.is_empty()) {
            (Ok(i), true) => {
                self.books.remove(i);
            }
            (Ok(i), false) => self.books[i].1 = encode_book(purchases),
            (Err(_), true) => {}
            (Err(i), false) => self.books.insert(i, (customer, encode_book(purchases))),
        }
    }

    /// Whether no customer has a book here.
    pub fn is_empty(&self) -> bool {
        self.books.is_empty()
    }

    /// The customers with a book here, in id order.
    pub fn customers(&self) -> impl Iterator<Item = Id> + '_ {
        self.books.iter().map(|(id, _)| *id)
    }

    /// Every purchase on the page, customer by customer.
    pub fn purchases(&self) -> Result<Vec<Purchase>, BookError> {
        let mut out = Vec::new();
        for (id, book) in &self.books {
            out.append(&mut decode_book(*id, book)?);
        }
        Ok(out)
    }

    /// The bytes of the books on the page.
    pub fn bytes(&self) -> usize {
        self.books.iter().map(|(_, b)| b.len()).sum()
    }

    /// The page keyed `key` as stored: whole when its books take at most [`PAGE_MAX`] bytes,
    /// otherwise cut into pages of about [`PAGE_TARGET`], the first keeping `key` and each
    /// other keyed by its first customer's id.
    pub fn into_pages(self, key: String) -> Vec<(String, Page)> {
        if self.bytes() <= PAGE_MAX {
            return vec![(key, self)];
        }
        let mut pieces: Vec<(String, Page)> = Vec::new();
        let mut current = Page::default();
        let mut size = 0;
        for (id, book) in self.books {
            if size >= PAGE_TARGET {
                let piece_key = match pieces.is_empty() {
                    true => key.clone(),
                    false => current.books[0].0.to_string(),
                };
                pieces.push((piece_key, std::mem::take(&mut current)));
                size = 0;
            }
            size += book.len();
            current.books.push((id, book));
        }
        let last_key = match pieces.is_empty() {
            true => key,
            false => current.books[0].0.to_string(),
        };
        pieces.push((last_key, current));
        pieces
    }
}

/// The index (into `keys`, sorted ascending, starting with [`FIRST_PAGE`]) of the page that
/// holds or would hold `customer`'s book.
pub fn page_of(keys: &[String], customer: Id) -> usize {
    crate::domain::summary::chunk_of(keys, customer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::purchase::tests::green_tea as purchase;

    /// Ids in ascending order, as customers created one after another get them.
    fn customers(n: usize) -> Vec<Id> {
        (0..n)
            .map(|i| Id::from_parts(1_795_000_000_000 + i as u64, [7; 10]))
            .collect()
    }

    #[test]
    fn a_page_keeps_each_customers_book_and_nothing_else() {
        let ids = customers(3);
        let (a, b, c) = (ids[0], ids[1], ids[2]);
        let mut page = Page::default();
        let pa = vec![purchase(a, 100), purchase(a, 250)];
        let pc = vec![purchase(c, 999)];
        // Set out of order: the page keeps ids sorted.
        page.set(c, &pc);
        page.set(a, &pa);
        assert_eq!(page.customers().collect::<Vec<_>>(), vec![a, c]);
        let again = Page::decode(&page.encode()).unwrap();
        assert_eq!(again, page);
        assert_eq!(again.book(a).unwrap(), pa);
        assert_eq!(again.book(c).unwrap(), pc);
        assert_eq!(again.book(b).unwrap(), Vec::new());
        assert!(!again.has(b));
        let mut all = pa.clone();
        all.extend(pc.clone());
        assert_eq!(again.purchases().unwrap(), all);
        // Replacing and removing.
        page.set(a, &pa[..1]);
        assert_eq!(page.book(a).unwrap(), pa[..1].to_vec());
        page.set::<Purchase>(c, &[]);
        page.set::<Purchase>(b, &[]);
        assert_eq!(page.customers().collect::<Vec<_>>(), vec![a]);
        page.set::<Purchase>(a, &[]);
        assert!(page.is_empty());
        assert_eq!(Page::decode(&page.encode()).unwrap(), Page::default());
    }

    #[test]
    fn a_damaged_page_is_refused() {
        let ids = customers(2);
        let mut page = Page::default();
        page.set(ids[0], &[purchase(ids[0], 1)]);
        page.set(ids[1], &[purchase(ids[1], 2)]);
        let bytes = page.encode();
        assert!(matches!(
            Page::decode(&bytes[..bytes.len() - 1]),
            Err(BookError::Corrupt(_))
        ));
        assert_eq!(Page::decode(&[9, 0]), Err(BookError::Format(9)));
        // Books out of id order (written by hand) are damage: lookups would miss them.
        let swapped = Page {
            books: page.books.iter().rev().cloned().collect(),
        };
        assert!(matches!(
            Page::decode(&swapped.encode()),
            Err(BookError::Corrupt(_))
        ));
    }

    #[test]
    fn a_large_page_is_split_by_bytes_and_keyed_by_first_customer() {
        // Every book is its format byte, its count and one purchase of 42 bytes: those of
        // `purchase::tests::a_book_takes_a_few_bytes_per_field` less one, as 100 to 149 cents
        // are 200 to 298 in zigzag, two bytes of varint.
        let ids = customers(7_000);
        let mut page = Page::default();
        for (i, id) in ids.iter().enumerate() {
            page.set(*id, &[purchase(*id, 100 + (i as i64 % 50))]);
        }
        assert_eq!(page.bytes(), 44 * ids.len());
        // 7,000 books of 44 bytes = 308,000 bytes > PAGE_MAX (131,072): cut after
        // ceil(65,536 / 44) = 1,490 books each time, so four pages of 1,490 and one of 1,040.
        let pieces = page.clone().into_pages(FIRST_PAGE.into());
        let sizes: Vec<usize> = pieces.iter().map(|(_, p)| p.customers().count()).collect();
        assert_eq!(sizes, vec![1_490, 1_490, 1_490, 1_490, 1_040]);
        assert_eq!(pieces[0].0, FIRST_PAGE);
        for (n, (key, piece)) in pieces.iter().enumerate().skip(1) {
            assert_eq!(key, &ids[n * 1_490].to_string());
            assert_eq!(piece.customers().next(), Some(ids[n * 1_490]));
        }
        // Nothing lost, and every customer's page found through the keys.
        let keys: Vec<String> = pieces.iter().map(|(k, _)| k.clone()).collect();
        for id in &ids {
            assert!(pieces[page_of(&keys, *id)].1.has(*id));
        }
        // A page within PAGE_MAX stays whole.
        let small = Page {
            books: page.books[..2_000].to_vec(),
        };
        assert_eq!(
            small.clone().into_pages("".into()),
            vec![("".into(), small)]
        );
    }
}
