//! Customer satisfaction (客户满意): surveys the user defines, responses per customer, and the
//! figures computed from them (see [`figures`]).
//!
//! Satisfaction is perceived experience against expectation (seed 002). A survey rates items,
//! each belonging to one of the five satisfaction factors of seed 002 and carrying an importance
//! weight; a paired (expectation / perception) survey rates every item twice, so the gap
//! perception − expectation can be measured. Any survey can also ask the 0–10 "would you
//! recommend us" question behind the Net Promoter Score, and a response can rate a named
//! competitor on the same items.

pub mod figures;
pub mod import;

use crate::domain::customer::Errors;
use crate::domain::id::Id;
use crate::domain::lang::Lang;
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_TEXT, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The five satisfaction factors of seed 002.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Factor {
    /// 企业因素: the company's reputation and reliability.
    Company,
    /// 产品因素
    Product,
    /// 营销与服务体系
    MarketingService,
    /// 沟通因素
    Communication,
    /// 客户关怀
    Care,
}

impl Factor {
    /// Every factor, in display order.
    pub const ALL: [Factor; 5] = [
        Factor::Company,
        Factor::Product,
        Factor::MarketingService,
        Factor::Communication,
        Factor::Care,
    ];

    /// A stable short name for selectors and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Factor::Company => "company",
            Factor::Product => "product",
            Factor::MarketingService => "service",
            Factor::Communication => "communication",
            Factor::Care => "care",
        }
    }
}

/// What a survey is built for; it decides whether items are rated once or twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SurveyKind {
    /// Customer satisfaction: each item rated once (how satisfied).
    Csat,
    /// Net Promoter Score: the recommend question, optionally with rated items.
    Nps,
    /// Expectation and perception: each item rated twice.
    Paired,
}

impl SurveyKind {
    /// Every kind, in display order.
    pub const ALL: [SurveyKind; 3] = [SurveyKind::Csat, SurveyKind::Nps, SurveyKind::Paired];

    /// A stable short name for selectors.
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyKind::Csat => "csat",
            SurveyKind::Nps => "nps",
            SurveyKind::Paired => "paired",
        }
    }
}

/// The rating scale of a survey's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scale {
    /// 1 (very dissatisfied) to 5 (very satisfied).
    Five,
    /// 1 to 7, as in expectation / perception questionnaires.
    Seven,
}

impl Scale {
    /// Both scales.
    pub const ALL: [Scale; 2] = [Scale::Five, Scale::Seven];

    /// The lowest rating.
    pub fn min(self) -> u8 {
        1
    }

    /// The highest rating.
    pub fn max(self) -> u8 {
        match self {
            Scale::Five => 5,
            Scale::Seven => 7,
        }
    }

    /// A rating on 0–100: the lowest is 0, the highest 100.
    pub fn to_percent(self, rating: f64) -> f64 {
        (rating - f64::from(self.min())) / f64::from(self.max() - self.min()) * 100.0
    }
}

/// The range of the recommend question.
pub const RECOMMEND_MAX: u8 = 10;
/// Importance weights run from 1 (minor) to this (decisive).
pub const MAX_WEIGHT: u8 = 5;
/// Most items a survey may have.
pub const MAX_ITEMS: usize = 40;

/// One rated item of a survey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable within the survey: answers refer to it, so editing the text keeps them.
    pub key: u16,
    pub text: String,
    pub factor: Factor,
    /// Importance, 1–[`MAX_WEIGHT`].
    pub weight: u8,
}

/// A questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    pub id: Id,
    pub name: String,
    pub kind: SurveyKind,
    pub scale: Scale,
    pub items: Vec<Item>,
    /// Whether it asks "how likely are you to recommend us" (0–10).
    pub recommend: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

impl Survey {
    /// Whether items are rated for expectation as well as perception.
    pub fn paired(&self) -> bool {
        self.kind == SurveyKind::Paired
    }

    /// The item with this key.
    pub fn item(&self, key: u16) -> Option<&Item> {
        self.items.iter().find(|i| i.key == key)
    }

    /// A key no item has used yet.
    pub fn next_key(&self) -> u16 {
        self.items.iter().map(|i| i.key).max().map_or(1, |k| k + 1)
    }

    /// Checks a survey as edited: a name, at least one question, item texts, weights 1–5.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.check(Field::Name, validate::required_line(&self.name, MAX_LINE));
        if self.items.is_empty() && !self.recommend {
            e.0.push(FieldError::new(Field::Questions, Problem::Required));
        }
        if self.items.len() > MAX_ITEMS {
            e.0.push(FieldError::new(
                Field::Questions,
                Problem::TooLong { max: MAX_ITEMS },
            ));
        }
        for (i, item) in self.items.iter().enumerate() {
            e.check_at(
                Field::Questions,
                i,
                validate::required_line(&item.text, MAX_LINE),
            );
            if !(1..=MAX_WEIGHT).contains(&item.weight) {
                e.0.push(FieldError::at(
                    Field::Weight,
                    i,
                    Problem::OutOfRange {
                        min: 1,
                        max: MAX_WEIGHT,
                    },
                ));
            }
        }
        e.finish(())
    }
}

/// A survey to start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// Five items, one per factor, rated 1–5.
    Csat,
    /// The recommend question alone.
    Nps,
    /// Ten items, two per factor, each rated for expectation and perception on 1–7, and the
    /// recommend question.
    ExpectationPerception,
}

impl Template {
    /// Every template.
    pub const ALL: [Template; 3] = [
        Template::Csat,
        Template::Nps,
        Template::ExpectationPerception,
    ];

    /// A stable short name for selectors.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Csat => "csat",
            Template::Nps => "nps",
            Template::ExpectationPerception => "paired",
        }
    }

    /// The survey this template makes, with its texts in `lang`.
    pub fn build(self, lang: Lang, now: Timestamp) -> Survey {
        let pick = |en: &str, zh: &str| match lang {
            Lang::En => en.to_string(),
            Lang::Zh => zh.to_string(),
        };
        let items = |rows: &[(Factor, u8, &str, &str)]| -> Vec<Item> {
            rows.iter()
                .zip(1..)
                .map(|(&(factor, weight, en, zh), key)| Item {
                    key,
                    text: pick(en, zh),
                    factor,
                    weight,
                })
                .collect()
        };
        let (name, kind, scale, items, recommend) = match self {
            Template::Csat => (
                pick("Customer satisfaction (CSAT)", "客户满意度调查（CSAT）"),
                SurveyKind::Csat,
                Scale::Five,
                items(&[
                    (
                        Factor::Company,
                        3,
                        "Our company overall (reputation, reliability)",
                        "对本公司的整体印象（信誉、可靠）",
                    ),
                    (
                        Factor::Product,
                        5,
                        "Our products (quality, fit for your needs)",
                        "产品（质量、满足需求的程度）",
                    ),
                    (
                        Factor::MarketingService,
                        4,
                        "Sales and service (delivery, after-sales)",
                        "销售与服务（交付、售后）",
                    ),
                    (
                        Factor::Communication,
                        3,
                        "Communication (responsiveness, clear answers)",
                        "沟通（响应速度、答复清楚）",
                    ),
                    (
                        Factor::Care,
                        3,
                        "Customer care (follow-up, remembering your needs)",
                        "客户关怀（回访、记得您的需求）",
                    ),
                ]),
                false,
            ),
            Template::Nps => (
                pick("Net Promoter Score (NPS)", "净推荐值调查（NPS）"),
                SurveyKind::Nps,
                Scale::Five,
                Vec::new(),
                true,
            ),
            Template::ExpectationPerception => (
                pick("Expectation and perception", "期望与感知调查"),
                SurveyKind::Paired,
                Scale::Seven,
                items(&[
                    (
                        Factor::Company,
                        3,
                        "The company is reputable",
                        "公司信誉良好",
                    ),
                    (
                        Factor::Company,
                        4,
                        "The company keeps its promises",
                        "公司信守承诺",
                    ),
                    (Factor::Product, 5, "Product quality", "产品质量"),
                    (
                        Factor::Product,
                        4,
                        "The product fits our needs",
                        "产品符合我们的需求",
                    ),
                    (Factor::MarketingService, 4, "Delivery on time", "按时交付"),
                    (
                        Factor::MarketingService,
                        4,
                        "After-sales service",
                        "售后服务",
                    ),
                    (
                        Factor::Communication,
                        3,
                        "Quick response to questions",
                        "问题响应及时",
                    ),
                    (
                        Factor::Communication,
                        3,
                        "Clear and honest information",
                        "信息清楚、真实",
                    ),
                    (Factor::Care, 2, "Regular follow-up", "定期回访"),
                    (
                        Factor::Care,
                        2,
                        "They remember our needs",
                        "了解并记得我们的需求",
                    ),
                ]),
                true,
            ),
        };
        Survey {
            rev: crate::domain::record::Rev::default(),
            id: Id::generate(),
            name,
            kind,
            scale,
            items,
            recommend,
            created_at: now,
            updated_at: now,
        }
    }
}

/// One item as answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub item: u16,
    /// What the customer expected (paired surveys only).
    pub expectation: Option<u8>,
    /// What the customer experienced (how satisfied).
    pub perception: u8,
}

/// A named competitor rated by the customer on the survey's items (perception only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetitorRating {
    pub name: String,
    /// (item key, rating).
    pub scores: Vec<(u16, u8)>,
}

/// A customer's answers to a survey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub id: Id,
    pub survey_id: Id,
    pub customer_id: Id,
    pub date: NaiveDate,
    /// 0–10, when the survey asks it and the customer answered.
    pub recommend: Option<u8>,
    pub answers: Vec<Answer>,
    pub competitor: Option<CompetitorRating>,
    pub note: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

/// A response as typed (or read from a CSV row): one text per value, items in survey order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ResponseInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub recommend: String,
    /// Perception per item, in the survey's item order.
    pub perception: Vec<String>,
    /// Expectation per item (paired surveys).
    pub expectation: Vec<String>,
    pub competitor: String,
    /// The competitor's rating per item.
    pub competitor_scores: Vec<String>,
    pub note: String,
}

impl ResponseInput {
    /// An empty form for `survey`.
    pub fn for_survey(survey: &Survey) -> Self {
        let n = survey.items.len();
        ResponseInput {
            perception: vec![String::new(); n],
            expectation: vec![String::new(); n],
            competitor_scores: vec![String::new(); n],
            ..ResponseInput::default()
        }
    }

    /// Checks the answers against the survey. Every rating is a whole number on the survey's
    /// scale; a paired item is rated for both expectation and perception or for neither; the
    /// response answers something; competitor ratings come with the competitor's name.
    pub fn validate(
        &self,
        survey: &Survey,
        customer_id: Id,
        today: NaiveDate,
        now: Timestamp,
    ) -> Result<Response, Vec<FieldError>> {
        let mut e = Errors::default();
        let date = e.check(Field::Date, validate::past_date(&self.date, today));
        let recommend = if survey.recommend {
            e.check(Field::Recommend, rating(&self.recommend, 0, RECOMMEND_MAX))
        } else {
            None
        };
        let (lo, hi) = (survey.scale.min(), survey.scale.max());
        let text = |v: &Vec<String>, i: usize| v.get(i).map_or("", String::as_str).to_string();
        let mut answers = Vec::new();
        let mut scores = Vec::new();
        for (i, item) in survey.items.iter().enumerate() {
            let p = e.check_at(
                Field::Perception,
                i,
                rating(&text(&self.perception, i), lo, hi),
            );
            let x = if survey.paired() {
                e.check_at(
                    Field::Expectation,
                    i,
                    rating(&text(&self.expectation, i), lo, hi),
                )
            } else {
                None
            };
            match (survey.paired(), x, p) {
                (_, None, Some(p)) if !survey.paired() => answers.push(Answer {
                    item: item.key,
                    expectation: None,
                    perception: p,
                }),
                (true, Some(x), Some(p)) => answers.push(Answer {
                    item: item.key,
                    expectation: Some(x),
                    perception: p,
                }),
                (true, Some(_), None) => {
                    e.0.push(FieldError::at(Field::Perception, i, Problem::Required));
                }
                (true, None, Some(_)) => {
                    e.0.push(FieldError::at(Field::Expectation, i, Problem::Required));
                }
                _ => {}
            }
            if let Some(c) = e.check_at(
                Field::CompetitorScore,
                i,
                rating(&text(&self.competitor_scores, i), lo, hi),
            ) {
                scores.push((item.key, c));
            }
        }
        let name = e.check(
            Field::Competitor,
            validate::optional_line(&self.competitor, MAX_LINE),
        );
        let competitor = match (name.is_empty(), scores.is_empty()) {
            (true, true) => None,
            (false, false) => Some(CompetitorRating { name, scores }),
            (true, false) => {
                e.0.push(FieldError::new(Field::Competitor, Problem::Required));
                None
            }
            (false, true) => {
                e.0.push(FieldError::new(Field::CompetitorScore, Problem::Required));
                None
            }
        };
        if e.0.is_empty() && answers.is_empty() && recommend.is_none() {
            e.0.push(FieldError::new(Field::Perception, Problem::NothingAnswered));
        }
        let note = e.check(Field::Notes, validate::text_block(&self.note, MAX_TEXT));
        e.finish(Response {
            rev: crate::domain::record::Rev::default(),
            id: Id::generate(),
            survey_id: survey.id,
            customer_id,
            date,
            recommend,
            answers,
            competitor,
            note,
            created_at: now,
            updated_at: now,
        })
    }
}

/// A whole-number rating from `lo` to `hi`; empty is no answer.
fn rating(text: &str, lo: u8, hi: u8) -> Result<Option<u8>, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let v: i64 = text.parse().map_err(|_| Problem::NotANumber)?;
    if v < i64::from(lo) || v > i64::from(hi) {
        return Err(Problem::OutOfRange { min: lo, max: hi });
    }
    Ok(Some(v as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const NOW: Timestamp = Timestamp(1_795_420_800_000); // 2026-11-23T08:00Z

    pub(crate) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn input(date: &str, p: &[&str], x: &[&str]) -> ResponseInput {
        ResponseInput {
            date: date.into(),
            perception: p.iter().map(|s| s.to_string()).collect(),
            expectation: x.iter().map(|s| s.to_string()).collect(),
            ..ResponseInput::default()
        }
    }

    #[test]
    fn templates_are_valid_surveys_in_both_languages() {
        for lang in Lang::ALL {
            for t in Template::ALL {
                let s = t.build(lang, NOW);
                assert_eq!(s.validate(), Ok(()), "{t:?} {lang:?}");
            }
        }
        let paired = Template::ExpectationPerception.build(Lang::Zh, NOW);
        assert_eq!(paired.items.len(), 10);
        for f in Factor::ALL {
            assert_eq!(paired.items.iter().filter(|i| i.factor == f).count(), 2);
        }
        assert_eq!(paired.next_key(), 11);
        assert!(Template::Nps.build(Lang::En, NOW).items.is_empty());
    }

    #[test]
    fn scale_maps_to_percent() {
        assert_eq!(Scale::Five.to_percent(1.0), 0.0);
        assert_eq!(Scale::Five.to_percent(4.0), 75.0);
        assert_eq!(Scale::Seven.to_percent(7.0), 100.0);
        assert_eq!(Scale::Seven.to_percent(4.0), 50.0);
    }

    #[test]
    fn a_survey_needs_a_name_a_question_and_weights_in_range() {
        let mut s = Template::Csat.build(Lang::En, NOW);
        s.name = " ".into();
        s.items[1].weight = 0;
        s.items[2].text = String::new();
        let errs = s.validate().unwrap_err();
        assert!(errs.contains(&FieldError::new(Field::Name, Problem::Required)));
        assert!(errs.contains(&FieldError::at(
            Field::Weight,
            1,
            Problem::OutOfRange { min: 1, max: 5 }
        )));
        assert!(errs.contains(&FieldError::at(Field::Questions, 2, Problem::Required)));
        let mut empty = Template::Csat.build(Lang::En, NOW);
        empty.items.clear();
        assert_eq!(
            empty.validate(),
            Err(vec![FieldError::new(Field::Questions, Problem::Required)])
        );
    }

    #[test]
    fn csat_response_keeps_answered_items() {
        let s = Template::Csat.build(Lang::En, NOW);
        let r = input("2026-11-20", &["4", "", " 5 ", "1", ""], &[])
            .validate(&s, Id::generate(), today(), NOW)
            .unwrap();
        let got: Vec<(u16, u8)> = r.answers.iter().map(|a| (a.item, a.perception)).collect();
        assert_eq!(got, vec![(1, 4), (3, 5), (4, 1)]);
        assert_eq!(r.recommend, None);
        assert_eq!(r.competitor, None);
    }

    #[test]
    fn bad_ratings_say_which_item_and_why() {
        let s = Template::Csat.build(Lang::En, NOW);
        let errs = input("2026-11-30", &["6", "x", "0", "3", "-1"], &[])
            .validate(&s, Id::generate(), today(), NOW)
            .unwrap_err();
        let range = Problem::OutOfRange { min: 1, max: 5 };
        assert_eq!(
            errs,
            vec![
                FieldError::new(Field::Date, Problem::DateInFuture),
                FieldError::at(Field::Perception, 0, range),
                FieldError::at(Field::Perception, 1, Problem::NotANumber),
                FieldError::at(Field::Perception, 2, range),
                FieldError::at(Field::Perception, 4, range),
            ]
        );
        let nothing = input("2026-11-20", &[], &[])
            .validate(&s, Id::generate(), today(), NOW)
            .unwrap_err();
        assert_eq!(
            nothing,
            vec![FieldError::new(Field::Perception, Problem::NothingAnswered)]
        );
    }

    #[test]
    fn paired_items_need_both_ratings() {
        let s = Template::ExpectationPerception.build(Lang::En, NOW);
        let mut i = input("2026-11-01", &["5", "", "7"], &["6", "4", ""]);
        i.recommend = "11".into();
        let errs = i.validate(&s, Id::generate(), today(), NOW).unwrap_err();
        assert_eq!(
            errs,
            vec![
                FieldError::new(Field::Recommend, Problem::OutOfRange { min: 0, max: 10 }),
                FieldError::at(Field::Perception, 1, Problem::Required),
                FieldError::at(Field::Expectation, 2, Problem::Required),
            ]
        );
        i.recommend = "9".into();
        i.perception[1] = "3".into();
        i.expectation[2] = "7".into();
        let r = i.validate(&s, Id::generate(), today(), NOW).unwrap();
        assert_eq!(r.recommend, Some(9));
        assert_eq!(
            r.answers[1],
            Answer {
                item: 2,
                expectation: Some(4),
                perception: 3
            }
        );
    }

    #[test]
    fn competitor_ratings_need_the_competitors_name_and_back() {
        let s = Template::Csat.build(Lang::En, NOW);
        let mut i = input("2026-11-20", &["4"], &[]);
        i.competitor_scores = vec!["3".into(), "5".into()];
        let errs = i.validate(&s, Id::generate(), today(), NOW).unwrap_err();
        assert_eq!(
            errs,
            vec![FieldError::new(Field::Competitor, Problem::Required)]
        );
        i.competitor = "Acme 公司".into();
        let r = i.validate(&s, Id::generate(), today(), NOW).unwrap();
        assert_eq!(
            r.competitor,
            Some(CompetitorRating {
                name: "Acme 公司".into(),
                scores: vec![(1, 3), (2, 5)]
            })
        );
        i.competitor_scores.clear();
        let errs = i.validate(&s, Id::generate(), today(), NOW).unwrap_err();
        assert_eq!(
            errs,
            vec![FieldError::new(Field::CompetitorScore, Problem::Required)]
        );
    }
}
