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
use crate::domain::wire::{Reader, Writer};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod codec;

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
    /// Whether the app waits for the analysis. Either way the thread keeps what it made in
    /// storage for the next start-up ([`describes`]); without a reply it makes nothing when
    /// storage already holds the analysis asked for, and answers only [`Answer::Done`].
    pub reply: bool,
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
    /// The request is handled: nothing more comes for it.
    Done { seq: u32 },
}

/// Why bytes are not a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("analysis message unreadable: {0}")]
pub struct Unreadable(String);

fn unreadable(e: postcard::Error) -> Unreadable {
    Unreadable(e.to_string())
}

/// What the thread is asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// An analysis (answered with [`Answer`]s).
    Analyse(Request),
    /// How many records each lead may already be: the leads page's matching, which reads
    /// every customer and contact person (answered with [`encode_lead_matches`]).
    MatchLeads { db: String },
}

/// A job as bytes.
pub fn encode_job(j: &Job) -> Vec<u8> {
    postcard::to_allocvec(j).unwrap_or_default()
}

/// A job from bytes.
pub fn decode_job(bytes: &[u8]) -> Result<Job, Unreadable> {
    postcard::from_bytes(bytes).map_err(unreadable)
}

/// The leads' matches, `(lead, how many records it may be)` for each lead with any, or why
/// they could not be counted.
pub type LeadMatches = Result<Vec<(crate::domain::id::Id, u32)>, String>;

/// The leads' matches as an answer.
pub fn encode_lead_matches(m: &LeadMatches) -> Vec<u8> {
    postcard::to_allocvec(m).unwrap_or_default()
}

/// The leads' matches from bytes.
pub fn decode_lead_matches(bytes: &[u8]) -> Result<LeadMatches, Unreadable> {
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
    let header = postcard::to_allocvec(&header).unwrap_or_default();
    let mut w = Writer::with_capacity(header.len() + a.customers.len() * codec::MAX_BYTES);
    w.raw(&header);
    for c in &a.customers {
        codec::write(&mut w, c);
    }
    w.into_bytes()
}

/// The end of the answers to a request.
pub fn encode_done(seq: u32) -> Vec<u8> {
    postcard::to_allocvec(&Answer::Done { seq }).unwrap_or_default()
}

/// Version of the bytes of a kept analysis (an answer's): bumped when [`CustomerClasses`], its
/// encoding (`codec`) or the header change, so an analysis kept by an earlier version is made
/// again, not misread.
const KEPT_FORMAT: u8 = 2;

/// What a kept analysis describes, as bytes to compare: the summaries it was made from (their
/// [`crate::domain::summary::Stamp`]), the date, and the settings. An analysis kept with
/// exactly these bytes is the one the app would make now.
pub fn describes(stamp: u64, as_of: NaiveDate, config: &AnalysisConfig) -> Vec<u8> {
    postcard::to_allocvec(&(KEPT_FORMAT, stamp, as_of, config)).unwrap_or_default()
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
            Answer::Failed { .. } | Answer::Done { .. } => 0,
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
        let mut r = Reader::new(&self.bytes[self.at..]);
        for _ in 0..n.min(self.expected - self.customers.len()) {
            let c = codec::read(&mut r).map_err(|e| Unreadable(e.to_string()))?;
            self.customers.push(c);
        }
        self.at = self.bytes.len() - r.remaining();
        Ok(self.customers.len() == self.expected)
    }

    /// The analysis, once [`AnswerReader::read`] said every customer is read; `None` for a
    /// failure, or bytes left over.
    pub fn finish(self) -> Result<Option<Analysis>, Unreadable> {
        match self.header {
            Answer::Failed { .. } | Answer::Done { .. } => Ok(None),
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
            reply: true,
        };
        let job = Job::Analyse(r);
        assert_eq!(decode_job(&encode_job(&job)).unwrap(), job);
        assert!(decode_job(&[0xFF; 3]).is_err());
        let job = Job::MatchLeads { db: "zhike".into() };
        assert_eq!(decode_job(&encode_job(&job)).unwrap(), job);
        let id = crate::domain::id::Id::from_parts(5, [2; 10]);
        for m in [Ok(vec![(id, 3)]), Ok(Vec::new()), Err("quota".to_string())] {
            assert_eq!(decode_lead_matches(&encode_lead_matches(&m)).unwrap(), m);
        }
        assert!(decode_lead_matches(&[0xFF; 3]).is_err());
    }

    #[test]
    fn an_analysis_arrives_whole_in_slices_of_any_size() {
        let a = warm_up(date(2026, 11, 24));
        assert!(a.customers.len() > 100);
        // Every part that may be missing is missing for some customers and there for others.
        let both = |has: fn(&CustomerClasses) -> bool| {
            a.customers.iter().any(has) && !a.customers.iter().all(has)
        };
        assert!(both(|c| c.rfm.is_some()));
        assert!(both(|c| c.prediction.is_some()));
        assert!(both(|c| c.quadrant.is_some()));
        assert!(both(|c| c.loyalty.tenure_days.is_some()));
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
        let done = AnswerReader::new(encode_done(5)).unwrap();
        assert_eq!(done.header(), &Answer::Done { seq: 5 });
        assert_eq!(done.finish().unwrap(), None);
    }

    #[test]
    fn a_kept_analysis_fits_only_the_same_summaries_date_and_settings() {
        let cfg = AnalysisConfig::default();
        let day = date(2026, 12, 3);
        let kept = describes(42, day, &cfg);
        assert_eq!(kept, describes(42, day, &cfg));
        assert_ne!(kept, describes(43, day, &cfg), "other summaries");
        assert_ne!(kept, describes(42, date(2026, 12, 4), &cfg), "the next day");
        let mut other = cfg.clone();
        other.horizon_weeks += 1;
        assert_ne!(kept, describes(42, day, &other), "other settings");
    }
}
