//! The messages between the app and its analysis thread (a Web Worker running the same
//! module), as bytes: the app asks for the analysis of the stored workspace at a date, the
//! thread reads the purchase histories from storage itself, fits and classifies, and answers
//! with the analysis — first as of the date, then as of the start of the period (for the
//! movements).
//!
//! The classes of every customer are encoded one after another, so the app can decode them
//! a slice at a time between other work instead of in one long task.

use super::bgnbd::{BgNbd, BgNbdFit};
use super::config::AnalysisConfig;
use super::engine::{Analysis, CustomerClasses};
use super::gamma_gamma::{GammaGamma, GammaGammaFit};
use super::rfm::RfmCutoffs;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the app asks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Numbers the requests: an answer to an older one is dropped.
    pub seq: u32,
    /// The database to read.
    pub db: String,
    /// The date the classes describe.
    pub as_of: NaiveDate,
    /// The start of the period, analysed after `as_of` with the same models.
    pub before: NaiveDate,
    pub config: AnalysisConfig,
    /// The last fitted parameters, where the fit starts.
    pub start: Option<(BgNbd, GammaGamma)>,
}

/// Which of the two analyses an answer carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Which {
    /// As of the date asked (with the model fit).
    Now,
    /// As of the start of the period.
    Before,
}

/// The header of an answer; the customers' classes follow it (see [`encode_answer`]).
#[expect(
    clippy::large_enum_variant,
    reason = "one per message, never kept in numbers"
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// An analysis.
    Analysis {
        seq: u32,
        which: Which,
        as_of: Option<NaiveDate>,
        rfm_cutoffs: RfmCutoffs,
        purchase_model: Option<BgNbdFit>,
        spend_model: Option<GammaGammaFit>,
        value_cut: f64,
        /// How many customers' classes follow.
        customers: u32,
        /// Milliseconds the thread spent reading the histories, and analysing.
        read_ms: f64,
        analyse_ms: f64,
    },
    /// The analysis could not be made (storage unreadable or damaged): the app analyses
    /// itself.
    Failed { seq: u32, reason: String },
}

/// Why bytes are not a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("analysis message unreadable: {0}")]
pub struct Unreadable(String);

fn unreadable(e: postcard::Error) -> Unreadable {
    Unreadable(e.to_string())
}

/// A request as bytes.
pub fn encode_request(r: &Request) -> Vec<u8> {
    postcard::to_allocvec(r).unwrap_or_default()
}

/// A request from bytes.
pub fn decode_request(bytes: &[u8]) -> Result<Request, Unreadable> {
    postcard::from_bytes(bytes).map_err(unreadable)
}

/// An analysis as an answer: its header, then every customer's classes.
pub fn encode_answer(
    seq: u32,
    which: Which,
    a: &Analysis,
    read_ms: f64,
    analyse_ms: f64,
) -> Vec<u8> {
    let header = Answer::Analysis {
        seq,
        which,
        as_of: a.as_of,
        rfm_cutoffs: a.rfm_cutoffs,
        purchase_model: a.purchase_model,
        spend_model: a.spend_model,
        value_cut: a.value_cut,
        customers: a.customers.len() as u32,
        read_ms,
        analyse_ms,
    };
    let mut out = postcard::to_allocvec(&header).unwrap_or_default();
    for c in &a.customers {
        // Infallible for these types (no maps, no unsized sequences of unknown length).
        if let Ok(more) = postcard::to_extend(c, std::mem::take(&mut out)) {
            out = more;
        }
    }
    out
}

/// A failure as an answer.
pub fn encode_failure(seq: u32, reason: &str) -> Vec<u8> {
    postcard::to_allocvec(&Answer::Failed {
        seq,
        reason: reason.to_string(),
    })
    .unwrap_or_default()
}

/// Reads an answer: the header at once, the customers' classes as many at a time as the
/// caller likes ([`AnswerReader::read`]), then the analysis ([`AnswerReader::finish`]).
pub struct AnswerReader {
    bytes: Vec<u8>,
    at: usize,
    header: Answer,
    /// How many customers' classes the header announces.
    expected: usize,
    customers: Vec<CustomerClasses>,
}

impl AnswerReader {
    /// Reads the header.
    pub fn new(bytes: Vec<u8>) -> Result<Self, Unreadable> {
        let (header, rest) = postcard::take_from_bytes::<Answer>(&bytes).map_err(unreadable)?;
        let at = bytes.len() - rest.len();
        let expected = match &header {
            Answer::Analysis { customers, .. } => *customers as usize,
            Answer::Failed { .. } => 0,
        };
        // Every customer takes more than 16 bytes (the id alone): a count beyond that is
        // damage, and must not reserve memory.
        if expected > (bytes.len() - at) / 16 {
            return Err(Unreadable("more customers announced than sent".into()));
        }
        Ok(AnswerReader {
            customers: Vec::with_capacity(expected),
            expected,
            bytes,
            at,
            header,
        })
    }

    /// The header.
    pub fn header(&self) -> &Answer {
        &self.header
    }

    /// Decodes up to `n` more customers; `Ok(true)` once every one is read.
    pub fn read(&mut self, n: usize) -> Result<bool, Unreadable> {
        for _ in 0..n.min(self.expected - self.customers.len()) {
            let (c, rest) = postcard::take_from_bytes::<CustomerClasses>(&self.bytes[self.at..])
                .map_err(unreadable)?;
            self.at = self.bytes.len() - rest.len();
            self.customers.push(c);
        }
        Ok(self.customers.len() == self.expected)
    }

    /// The analysis, once [`AnswerReader::read`] said every customer is read; `None` for a
    /// failure, or bytes left over.
    pub fn finish(self) -> Result<Option<Analysis>, Unreadable> {
        match self.header {
            Answer::Failed { .. } => Ok(None),
            Answer::Analysis {
                as_of,
                rfm_cutoffs,
                purchase_model,
                spend_model,
                value_cut,
                customers,
                ..
            } => {
                if self.customers.len() != customers as usize || self.at != self.bytes.len() {
                    return Err(Unreadable("customers missing or bytes left over".into()));
                }
                Ok(Some(Analysis::assemble(
                    as_of,
                    self.customers,
                    rfm_cutoffs,
                    purchase_model,
                    spend_model,
                    value_cut,
                )))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::engine::warm_up;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_request_round_trips() {
        let r = Request {
            seq: 7,
            db: "zhike-crm".into(),
            as_of: date(2026, 12, 2),
            before: date(2026, 9, 3),
            config: AnalysisConfig::default(),
            start: Some((
                BgNbd {
                    r: 0.24,
                    alpha: 4.41,
                    a: 0.79,
                    b: 2.43,
                },
                GammaGamma {
                    p: 6.25,
                    q: 3.74,
                    gamma: 15.44,
                },
            )),
        };
        assert_eq!(decode_request(&encode_request(&r)).unwrap(), r);
        assert!(decode_request(&[0xFF; 3]).is_err());
    }

    #[test]
    fn an_analysis_arrives_whole_in_slices_of_any_size() {
        let a = warm_up(date(2026, 11, 24));
        assert!(a.customers.len() > 100);
        let bytes = encode_answer(3, Which::Now, &a, 1.5, 20.0);
        for slice in [1, 7, 1000] {
            let mut reader = AnswerReader::new(bytes.clone()).unwrap();
            assert!(matches!(
                reader.header(),
                Answer::Analysis {
                    seq: 3,
                    which: Which::Now,
                    ..
                }
            ));
            let mut rounds = 0;
            while !reader.read(slice).unwrap() {
                rounds += 1;
            }
            assert_eq!(rounds, a.customers.len().div_ceil(slice) - 1);
            let back = reader.finish().unwrap().unwrap();
            assert_eq!(back, a);
            let id = a.customers[5].id;
            assert_eq!(back.get(id), a.get(id), "looked up by id after the trip");
        }
    }

    #[test]
    fn damaged_answers_are_refused_and_failures_carry_no_analysis() {
        let a = warm_up(date(2026, 11, 24));
        let bytes = encode_answer(1, Which::Before, &a, 0.0, 0.0);
        // Cut anywhere: refused by the header, a slice, or the finish.
        for cut in (0..bytes.len()).step_by(97) {
            let whole = AnswerReader::new(bytes[..cut].to_vec()).and_then(|mut r| {
                while !r.read(50)? {}
                r.finish()
            });
            assert!(whole.is_err(), "cut at {cut}");
        }
        let failed = AnswerReader::new(encode_failure(4, "damaged")).unwrap();
        assert_eq!(
            failed.header(),
            &Answer::Failed {
                seq: 4,
                reason: "damaged".into()
            }
        );
        assert_eq!(failed.finish().unwrap(), None);
    }
}
