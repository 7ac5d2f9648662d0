//! Records kept a second time, packed: every record of a kind encoded into one binary
//! (postcard), so a page that needs all of them (the board's 20,000 deals, the list's 50,000
//! leads) reads one value and decodes it in wasm, instead of having the browser rebuild one
//! JavaScript object per record and converting each. The store keeps the pack next to the
//! records and marks which records were written since it was packed (`store::packed`).
//!
//! Postcard writes no field names: a pack can only be read by the same layout that wrote it.
//! The layout's fingerprint, [`format`], is taken from the encoding of a specimen record with
//! every optional part present, so a change of the record's fields changes it and a pack
//! written before is packed again from the records instead of being misread.

use crate::domain::id::Id;
use crate::domain::interaction::{Channel, Commitment, Interaction};
use crate::domain::lead::activity::LeadInteraction;
use crate::domain::lead::{
    Conversion, DisqualifyReason, Lead, LeadSource, LeadStatus, StatusChange,
};
use crate::domain::member::Ownership;
use crate::domain::money::{Currency, Money};
use crate::domain::opportunity::stage::StageId;
use crate::domain::opportunity::{Closing, LostReason, Opportunity, StageChange};
use crate::domain::product::Product;
use crate::domain::quote::totals::TaxMode;
use crate::domain::quote::{Approval, LinePrice, Quote, QuoteLine, QuoteStatus, RejectReason};
use crate::domain::record::{Record, Rev};
use crate::domain::time::Timestamp;

/// A kind read packed. The encoding must stand on its own: no field left out when empty
/// (`skip_serializing_if`), none flattened or untagged.
pub trait Packed: Record {
    /// A record with every optional part present and every list filled, whose encoding
    /// stands for the layout.
    fn specimen() -> Self;
}

/// The fingerprint of `R`'s packed layout: FNV-1a over the kind's name and its specimen's
/// encoding.
pub fn format<R: Packed>() -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let specimen = postcard::to_allocvec(&R::specimen()).unwrap_or_default();
    for b in R::KIND.name().bytes().chain([0]).chain(specimen) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    // Below 2^53, so it is the same number when the browser stores it.
    hash >> 11
}

/// The records packed.
pub fn pack<R: Packed>(records: &[R]) -> Vec<u8> {
    postcard::to_allocvec(records).unwrap_or_default()
}

/// The records of a pack; `None` when it is not one (damaged, or of another layout).
pub fn unpack<R: Packed>(bytes: &[u8]) -> Option<Vec<R>> {
    postcard::from_bytes(bytes).ok()
}

/// Decodes a pack a few records at a time ([`Unpacker::step`]), so a page can answer input
/// between the slices of a large one (50,000 quotes took one task of about 400 ms).
pub struct Unpacker<'a, R> {
    rest: &'a [u8],
    left: usize,
    out: Vec<R>,
}

impl<'a, R: Packed> Unpacker<'a, R> {
    /// Starts on `bytes`; `None` when they cannot be a pack (too short for its count).
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        // A sequence is its length (a varint) and then its elements.
        let (n, rest) = postcard::take_from_bytes::<usize>(bytes).ok()?;
        // Every record takes at least one byte: a larger count is damage, not a reason to
        // reserve room for it.
        (n <= rest.len()).then(|| Unpacker {
            rest,
            left: n,
            out: Vec::with_capacity(n),
        })
    }

    /// Decodes up to `n` more records: `Some(true)` once every record is, `None` when the
    /// bytes are not a pack of `R` (what [`unpack`] refuses).
    pub fn step(&mut self, n: usize) -> Option<bool> {
        for _ in 0..n.min(self.left) {
            let (record, rest) = postcard::take_from_bytes::<R>(self.rest).ok()?;
            self.out.push(record);
            self.rest = rest;
            self.left -= 1;
        }
        Some(self.left == 0)
    }

    /// The records decoded.
    pub fn finish(self) -> Vec<R> {
        self.out
    }
}

// The kinds read packed, each with its specimen.

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn promise() -> Commitment {
    Commitment {
        text: "寄送样品".into(),
        due: day(2026, 3, 2),
        done_at: Some(Timestamp(3)),
        owner_id: Some(Id::from_bytes([9; 16])),
    }
}

impl Packed for Opportunity {
    fn specimen() -> Self {
        let member = Some(Id::from_bytes([2; 16]));
        Opportunity {
            id: Id::from_bytes([1; 16]),
            customer_id: Id::from_bytes([3; 16]),
            name: "年度采购".into(),
            amount: Money::new(rust_decimal::Decimal::new(12_345, 2), Currency::Usd),
            close_date: day(2026, 6, 30),
            stage: StageId("proposal".into()),
            probability: Some(40),
            owner_id: member,
            competitors: vec!["甲公司".into()],
            next_step: Some(promise()),
            source_lead: Some(Id::from_bytes([4; 16])),
            notes: "n".into(),
            history: vec![StageChange {
                at: Timestamp(1),
                stage: StageId("won".into()),
                by: member,
            }],
            owners: vec![Ownership {
                owner_id: member,
                from: Timestamp(1),
            }],
            closing: Some(Closing {
                at: Timestamp(2),
                date: day(2026, 7, 1),
                reason: Some(LostReason::Competitor),
                lost_to: "乙公司".into(),
                purchase_id: Some(Id::from_bytes([5; 16])),
            }),
            created_at: Timestamp(1),
            updated_at: Timestamp(2),
            deleted_at: Some(Timestamp(3)),
            rev: Rev(7),
        }
    }
}

impl Packed for Lead {
    fn specimen() -> Self {
        let member = Some(Id::from_bytes([2; 16]));
        Lead {
            id: Id::from_bytes([1; 16]),
            name: "王芳".into(),
            company: "华南纸业".into(),
            title: "经理".into(),
            phones: vec!["138 0000 0000".into()],
            emails: vec!["a@b.cn".into()],
            wechat: "w".into(),
            region: "广东 广州".into(),
            industry: "造纸".into(),
            source: LeadSource::WebInquiry,
            campaign: "2026 春季展".into(),
            notes: "n".into(),
            owner_id: member,
            status: LeadStatus::Disqualified,
            disqualify_reason: Some(DisqualifyReason::Competitor),
            do_not_contact: true,
            history: vec![StatusChange {
                at: Timestamp(1),
                to: LeadStatus::Contacted,
            }],
            owners: vec![Ownership {
                owner_id: member,
                from: Timestamp(1),
            }],
            converted: Some(Conversion {
                customer_id: Id::from_bytes([3; 16]),
                contact_id: Some(Id::from_bytes([4; 16])),
                at: Timestamp(2),
            }),
            created_at: Timestamp(1),
            updated_at: Timestamp(2),
            deleted_at: Some(Timestamp(3)),
            rev: Rev(7),
        }
    }
}

impl Packed for LeadInteraction {
    fn specimen() -> Self {
        LeadInteraction(Interaction {
            id: Id::from_bytes([1; 16]),
            customer_id: Id::from_bytes([3; 16]),
            at: Timestamp(1),
            channel: Channel::Visit,
            member_id: Some(Id::from_bytes([2; 16])),
            contact_id: Some(Id::from_bytes([4; 16])),
            summary: "拜访".into(),
            commitment: Some(promise()),
            created_at: Timestamp(1),
            updated_at: Timestamp(2),
            rev: Rev(7),
        })
    }
}

impl Packed for Product {
    fn specimen() -> Self {
        Product {
            id: Id::from_bytes([1; 16]),
            code: "BX-01".into(),
            name_zh: "纸箱".into(),
            name_en: "Carton".into(),
            category: "包装材料".into(),
            unit: "个".into(),
            list_price: Money::new(rust_decimal::Decimal::new(850, 2), Currency::Cny),
            tax_rate: rust_decimal::Decimal::new(13, 0),
            cost: Some(rust_decimal::Decimal::new(600, 2)),
            active: true,
            notes: "n".into(),
            created_at: Timestamp(1),
            updated_at: Timestamp(2),
            deleted_at: Some(Timestamp(3)),
            rev: Rev(7),
        }
    }
}

impl Packed for Quote {
    fn specimen() -> Self {
        let d = |n: i64, scale: u32| rust_decimal::Decimal::new(n, scale);
        Quote {
            id: Id::from_bytes([1; 16]),
            number: "QT-20261204-001".into(),
            version: 2,
            customer_id: Id::from_bytes([3; 16]),
            opportunity_id: Some(Id::from_bytes([4; 16])),
            owner_id: Some(Id::from_bytes([2; 16])),
            currency: Currency::Cny,
            tax_mode: TaxMode::Inclusive,
            lines: vec![QuoteLine {
                product_id: Id::from_bytes([5; 16]),
                code: "BX-01".into(),
                name: "纸箱".into(),
                category: "包装材料".into(),
                unit: "个".into(),
                quantity: d(25, 1),
                unit_price: d(900, 2),
                reference_price: d(920, 2),
                list_price: d(1000, 2),
                price: LinePrice::Agreement(Id::from_bytes([6; 16])),
                discount: d(5, 0),
                tax_rate: d(13, 0),
                cost: Some(d(600, 2)),
            }],
            discount: d(3, 0),
            valid_until: day(2026, 12, 31),
            payment_terms: "月结 30 天".into(),
            notes: "n".into(),
            status: QuoteStatus::Rejected {
                at: Timestamp(4),
                reason: RejectReason::Competitor,
                note: "对手更便宜".into(),
            },
            approval: Some(Approval {
                by: Id::from_bytes([7; 16]),
                at: Timestamp(3),
                depth: d(118, 1),
                note: "同意".into(),
            }),
            previous: Some(Id::from_bytes([8; 16])),
            superseded_by: Some(Id::from_bytes([9; 16])),
            created_at: Timestamp(1),
            updated_at: Timestamp(2),
            deleted_at: Some(Timestamp(3)),
            rev: Rev(7),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The specimen and a record with every optional part absent come back as they went in.
    fn round_trip<R: Packed + std::fmt::Debug>(sparse: R) {
        let full = R::specimen();
        let both = vec![full.clone(), sparse.clone(), full];
        let back: Vec<R> = unpack(&pack(&both)).expect("a pack reads back");
        assert_eq!(back, both);
        for (a, b) in back.iter().zip(&both) {
            assert_eq!(a.rev().0, b.rev().0, "the revision is kept");
        }
        assert!(
            unpack::<R>(&pack(&both)[..10]).is_none(),
            "a cut pack is refused"
        );
        // A slice at a time gives the same records, and refuses what `unpack` refuses.
        let bytes = pack(&both);
        for n in [1, 2, 5] {
            let mut u = Unpacker::<R>::new(&bytes).unwrap();
            let mut steps = 1;
            while !u.step(n).unwrap() {
                steps += 1;
            }
            assert_eq!(steps, 3usize.div_ceil(n), "slices of {n}");
            assert_eq!(u.finish(), both);
        }
        let cut = &bytes[..bytes.len() - 1];
        let mut u = Unpacker::<R>::new(cut).unwrap();
        assert_eq!(u.step(1), Some(false));
        assert_eq!(u.step(5), None, "the cut shows in the last record");
        assert!(
            Unpacker::<R>::new(&[200, 1, 0]).is_none(),
            "a count beyond the bytes"
        );
        assert!(Unpacker::<R>::new(&[]).is_none());
    }

    #[test]
    fn every_packed_kind_reads_back_whole_and_sparse() {
        let o = Opportunity::specimen();
        round_trip(Opportunity {
            probability: None,
            owner_id: None,
            competitors: Vec::new(),
            next_step: None,
            source_lead: None,
            history: Vec::new(),
            owners: Vec::new(),
            closing: None,
            deleted_at: None,
            ..o
        });
        let l = Lead::specimen();
        round_trip(Lead {
            phones: Vec::new(),
            emails: Vec::new(),
            owner_id: None,
            disqualify_reason: None,
            history: Vec::new(),
            owners: Vec::new(),
            converted: None,
            deleted_at: None,
            ..l
        });
        round_trip(Product {
            cost: None,
            deleted_at: None,
            ..Product::specimen()
        });
        let q = Quote::specimen();
        let mut line = q.lines[0].clone();
        line.cost = None;
        line.price = LinePrice::Manual;
        round_trip(Quote {
            opportunity_id: None,
            owner_id: None,
            lines: vec![line.clone(), line],
            status: QuoteStatus::Draft,
            approval: None,
            previous: None,
            superseded_by: None,
            deleted_at: None,
            ..q
        });
        let i = LeadInteraction::specimen();
        round_trip(LeadInteraction(crate::domain::interaction::Interaction {
            member_id: None,
            contact_id: None,
            commitment: None,
            ..i.0
        }));
    }

    #[test]
    fn the_format_follows_the_layout_and_differs_by_kind() {
        assert_eq!(format::<Lead>(), format::<Lead>());
        assert_ne!(format::<Lead>(), format::<Opportunity>());
        assert_ne!(format::<LeadInteraction>(), format::<Opportunity>());
        assert!(format::<Lead>() < 1 << 53);
        // The specimen has every optional part: a record without one encodes shorter.
        let full = pack(&[Opportunity::specimen()]);
        let sparse = pack(&[Opportunity {
            closing: None,
            ..Opportunity::specimen()
        }]);
        assert!(sparse.len() < full.len());
    }
}
