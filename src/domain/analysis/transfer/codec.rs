//! The bytes of one customer's classes in an answer (and in the analysis kept for the next
//! start-up), written and read by hand with [`crate::domain::wire`]: a start-up that shows the
//! kept analysis reads 100,000 of them, and serde's layers cost several times the reading
//! itself in the size-optimised browser build (see the note in `wire`).
//!
//! One customer: the id (16 bytes); a byte of flags (bit 0 RFM, 1 tenure, 2 prediction,
//! 3 quadrant present); the RFM facts if present (recency zigzag, frequency, monetary, mean,
//! the three scores and the segment code); importance (class code, value, share, cumulative
//! share, rank); loyalty (stage code, purchase days, tenure if flagged, days in the last
//! year); lifecycle (stage code, recent, previous, total); the prediction if present (x,
//! t_x, t, p(alive), expected purchases, expected spend, CLV); the quadrant if present (class
//! code, current, ahead, value cut, growth threshold); revenue and period value. Counts are
//! varints, numbers their eight bytes. Codes are places in each class's `ALL`: part of the
//! format (`KEPT_FORMAT` changes with any change here).

use crate::domain::analysis::engine::{CustomerClasses, Prediction};
use crate::domain::analysis::importance::{Importance, ImportanceFacts};
use crate::domain::analysis::quadrant::{Quadrant, QuadrantFacts};
use crate::domain::analysis::rfm::{Rfm, RfmSegment};
use crate::domain::analysis::stages::{LifecycleFacts, LifecycleStage, LoyaltyFacts, LoyaltyStage};
use crate::domain::id::Id;
use crate::domain::wire::{Reader, Result, WireError, Writer};

const RFM: u8 = 1;
const TENURE: u8 = 2;
const PREDICTION: u8 = 4;
const QUADRANT: u8 = 8;

/// Bytes to reserve per customer: every part present.
pub(super) const MAX_BYTES: usize = 200;

fn code<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter().position(|x| x == v).unwrap_or_default() as u8
}

#[inline(always)]
fn coded<T: Copy>(all: &[T], code: u8) -> Result<T> {
    all.get(usize::from(code))
        .copied()
        .ok_or(WireError("unknown class code"))
}

pub(super) fn write(w: &mut Writer, c: &CustomerClasses) {
    w.bytes16(c.id.to_bytes());
    let mut flags = 0;
    if c.rfm.is_some() {
        flags |= RFM;
    }
    if c.loyalty.tenure_days.is_some() {
        flags |= TENURE;
    }
    if c.prediction.is_some() {
        flags |= PREDICTION;
    }
    if c.quadrant.is_some() {
        flags |= QUADRANT;
    }
    w.u8(flags);
    if let Some(r) = &c.rfm {
        w.ivar(i64::from(r.recency_days));
        w.uvar(u64::from(r.frequency));
        w.f64(r.monetary);
        w.f64(r.mean);
        w.u8(r.r);
        w.u8(r.f);
        w.u8(r.m);
        w.u8(code(&RfmSegment::ALL, &r.segment));
    }
    let i = &c.importance;
    w.u8(code(&Importance::ALL, &i.class));
    w.f64(i.value);
    w.f64(i.share);
    w.f64(i.cumulative);
    w.uvar(u64::from(i.rank));
    let l = &c.loyalty;
    w.u8(code(&LoyaltyStage::ALL, &l.stage));
    w.uvar(u64::from(l.purchase_days));
    if let Some(t) = l.tenure_days {
        w.ivar(i64::from(t));
    }
    w.uvar(u64::from(l.days_last_year));
    let s = &c.lifecycle;
    w.u8(code(&LifecycleStage::ALL, &s.stage));
    w.uvar(u64::from(s.recent));
    w.uvar(u64::from(s.previous));
    w.uvar(u64::from(s.total));
    if let Some(p) = &c.prediction {
        w.uvar(u64::from(p.x));
        for v in [
            p.t_x,
            p.t,
            p.p_alive,
            p.expected_purchases,
            p.expected_spend,
            p.clv,
        ] {
            w.f64(v);
        }
    }
    if let Some(q) = &c.quadrant {
        w.u8(code(&Quadrant::ALL, &q.class));
        for v in [q.current, q.ahead, q.value_cut, q.growth_threshold] {
            w.f64(v);
        }
    }
    w.f64(c.revenue);
    w.f64(c.period_value);
}

#[inline(always)]
pub(super) fn read(r: &mut Reader<'_>) -> Result<CustomerClasses> {
    let id = Id::from_bytes(r.bytes16()?);
    let flags = r.u8()?;
    let rfm = if flags & RFM != 0 {
        Some(Rfm {
            recency_days: r.i32()?,
            frequency: r.u32()?,
            monetary: r.f64()?,
            mean: r.f64()?,
            r: r.u8()?,
            f: r.u8()?,
            m: r.u8()?,
            segment: coded(&RfmSegment::ALL, r.u8()?)?,
        })
    } else {
        None
    };
    let importance = ImportanceFacts {
        class: coded(&Importance::ALL, r.u8()?)?,
        value: r.f64()?,
        share: r.f64()?,
        cumulative: r.f64()?,
        rank: r.u32()?,
    };
    let loyalty = LoyaltyFacts {
        stage: coded(&LoyaltyStage::ALL, r.u8()?)?,
        purchase_days: r.u32()?,
        tenure_days: if flags & TENURE != 0 {
            Some(r.i32()?)
        } else {
            None
        },
        days_last_year: r.u32()?,
    };
    let lifecycle = LifecycleFacts {
        stage: coded(&LifecycleStage::ALL, r.u8()?)?,
        recent: r.u32()?,
        previous: r.u32()?,
        total: r.u32()?,
    };
    let prediction = if flags & PREDICTION != 0 {
        Some(Prediction {
            x: r.u32()?,
            t_x: r.f64()?,
            t: r.f64()?,
            p_alive: r.f64()?,
            expected_purchases: r.f64()?,
            expected_spend: r.f64()?,
            clv: r.f64()?,
        })
    } else {
        None
    };
    let quadrant = if flags & QUADRANT != 0 {
        Some(QuadrantFacts {
            class: coded(&Quadrant::ALL, r.u8()?)?,
            current: r.f64()?,
            ahead: r.f64()?,
            value_cut: r.f64()?,
            growth_threshold: r.f64()?,
        })
    } else {
        None
    };
    Ok(CustomerClasses {
        id,
        rfm,
        importance,
        loyalty,
        lifecycle,
        prediction,
        quadrant,
        revenue: r.f64()?,
        period_value: r.f64()?,
    })
}
