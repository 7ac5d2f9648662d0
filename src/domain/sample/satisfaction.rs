//! The sample survey and each customer's answers to it.

use super::SampleConfig;
use super::customer::day_ms;
use super::rng::Rng;
use crate::domain::complaint::Complaint;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::lang::Lang;
use crate::domain::purchase::Purchase;
use crate::domain::satisfaction::{Answer, CompetitorRating, Factor, Response, Survey, Template};
use crate::domain::time::{Timestamp, epoch_day, from_epoch_day};

/// The sample survey: the expectation and perception template with a fixed id, so loading
/// sample data twice writes it once.
pub fn sample_survey(lang: Lang) -> Survey {
    const CREATED_MS: u64 = 1_735_689_600_000; // 2025-01-01
    let mut s = Template::ExpectationPerception.build(lang, Timestamp(CREATED_MS as i64));
    s.id = Id::from_parts(CREATED_MS, *b"zk-survey1");
    s
}

/// Competitors the sample customers compare us with.
pub(super) const RIVALS: [&str; 3] = ["华信科技", "盛达贸易", "Apex Supply"];

/// About three repeat buyers in ten answered the sample survey, one to three times over the
/// last eighteen months. Each has a satisfaction level (lower after a complaint) that drifts up
/// or down between answers; care and communication are rated a little lower than the product,
/// so the factors differ. Some also rated a competitor. Drawn from a generator of its own, so
/// every other sample value is unchanged.
pub(super) fn responses_of(
    cfg: &SampleConfig,
    index: usize,
    customer: &Customer,
    purchases: &[Purchase],
    complaints: &[Complaint],
    survey: &Survey,
) -> Vec<Response> {
    let mut rng = Rng::new(cfg.seed ^ (index as u64).wrapping_mul(0x94d0_49bb_1331_11eb) ^ 0x5a7);
    if purchases.len() < 2 || !rng.chance(0.3) {
        return Vec::new();
    }
    let today = epoch_day(cfg.today);
    let first = purchases
        .iter()
        .map(|p| epoch_day(p.date))
        .min()
        .unwrap_or(today);
    let start = first.max(today - 540);
    let n = rng.range(1, 3) as usize;
    let mut days: Vec<i32> = (0..n)
        .map(|_| rng.range(i64::from(start), i64::from(today)) as i32)
        .collect();
    days.sort_unstable();
    let mut level = 0.55 + 0.35 * rng.unit() - if complaints.is_empty() { 0.0 } else { 0.2 };
    let drift = (rng.unit() - 0.5) * 0.3;
    let rival = rng.chance(0.3).then(|| *rng.pick(&RIVALS));
    let rival_level = 0.4 + 0.4 * rng.unit();
    let top = f64::from(survey.scale.max());
    let rate = |rng: &mut Rng, level: f64| -> u8 {
        (1.0 + (top - 1.0) * (level + (rng.unit() - 0.5) * 0.3))
            .round()
            .clamp(1.0, top) as u8
    };
    let bias = |f: Factor| match f {
        Factor::Product => 0.06,
        Factor::Company => 0.03,
        Factor::MarketingService => 0.0,
        Factor::Communication => -0.06,
        Factor::Care => -0.1,
    };
    days.into_iter()
        .map(|day| {
            let answers = survey
                .items
                .iter()
                .map(|item| Answer {
                    item: item.key,
                    expectation: survey
                        .paired()
                        .then(|| (5.0 + 2.0 * rng.unit()).round().clamp(1.0, top) as u8),
                    perception: rate(&mut rng, level + bias(item.factor)),
                })
                .collect();
            let recommend = (10.0 * (level + (rng.unit() - 0.4) * 0.3))
                .round()
                .clamp(0.0, 10.0) as u8;
            let competitor = rival.map(|name| CompetitorRating {
                name: name.to_string(),
                scores: survey
                    .items
                    .iter()
                    .map(|item| (item.key, rate(&mut rng, rival_level)))
                    .collect(),
            });
            level = (level + drift).clamp(0.05, 0.98);
            let at = day_ms(day, &mut rng);
            Response {
                rev: crate::domain::record::Rev::default(),
                id: Id::from_parts(cfg.id_epoch_ms + index as u64, rng.id_bytes()),
                survey_id: survey.id,
                customer_id: customer.id,
                date: from_epoch_day(day),
                recommend: survey.recommend.then_some(recommend),
                answers,
                competitor,
                note: String::new(),
                created_at: at,
                updated_at: at,
            }
        })
        .collect()
}
