//! Opportunities (商机): a deal being worked with a customer — what it is worth (an exact
//! amount in a currency), when it should close, the stage it stands in and the chance of
//! winning it, who owns it, the competitors in it, the next step promised, the lead it came
//! from. Every stage it passed and every owner it had is kept with its time, so the time spent
//! in each stage, the cycle length and the ownership history come from the record itself.
//!
//! A deal closes as won (its amount can be recorded as a purchase of the customer, which the
//! segmentation then counts) or lost (with a reason and, when lost to a competitor, which
//! one). The stages are the team's ([`stage`]); the board and table ([`list`]), the time in
//! each stage ([`history`]), the forecast ([`forecast`]) and the rep figures ([`reps`]) build
//! on this module.

#[cfg(test)]
mod figures_tests;
pub mod forecast;
pub mod history;
pub mod list;
pub mod reps;
pub mod stage;
#[cfg(test)]
mod tests;

use crate::domain::customer::Errors;
use crate::domain::id::Id;
use crate::domain::interaction::Commitment;
use crate::domain::member::Ownership;
use crate::domain::money::{Currency, Money, parse_amount};
use crate::domain::purchase::Purchase;
use crate::domain::record::Rev;
use crate::domain::time::{Timestamp, date_input_value, parse_date};
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_NAME, MAX_TEXT, Problem};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use stage::{Outcome, Pipeline, StageId};

/// Why a deal was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LostReason {
    /// 价格
    Price,
    /// 输给竞争对手
    Competitor,
    /// 无预算
    NoBudget,
    /// 客户未决策 / 项目取消
    NoDecision,
    /// 产品不满足需求
    ProductFit,
    /// 时机不对
    Timing,
    /// 其他
    Other,
}

impl LostReason {
    /// Every reason, in display order.
    pub const ALL: [LostReason; 7] = [
        LostReason::Price,
        LostReason::Competitor,
        LostReason::NoBudget,
        LostReason::NoDecision,
        LostReason::ProductFit,
        LostReason::Timing,
        LostReason::Other,
    ];

    /// A stable short name.
    pub fn as_str(self) -> &'static str {
        match self {
            LostReason::Price => "price",
            LostReason::Competitor => "competitor",
            LostReason::NoBudget => "no_budget",
            LostReason::NoDecision => "no_decision",
            LostReason::ProductFit => "product_fit",
            LostReason::Timing => "timing",
            LostReason::Other => "other",
        }
    }

    /// The reason named by [`as_str`](Self::as_str).
    pub fn parse(s: &str) -> Option<LostReason> {
        LostReason::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One move to a stage, kept in order on the deal (the first is where it started).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    pub at: Timestamp,
    pub stage: StageId,
    /// Who moved it, when known.
    #[serde(default)]
    pub by: Option<Id>,
}

/// How a closed deal ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    pub at: Timestamp,
    /// The day it closed (the purchase's date when won).
    pub date: NaiveDate,
    /// Why it was lost (lost deals only).
    pub reason: Option<LostReason>,
    /// Who won it instead (lost to a competitor).
    pub lost_to: String,
    /// The purchase recorded from it (won deals whose amount was booked).
    pub purchase_id: Option<Id>,
}

/// An opportunity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    pub id: Id,
    pub customer_id: Id,
    /// What the deal is ("2027 年度包装材料采购").
    pub name: String,
    pub amount: Money,
    /// The expected close date.
    pub close_date: NaiveDate,
    pub stage: StageId,
    /// The chance of winning in percent when the owner set it by hand; `None`: the stage's.
    pub probability: Option<u8>,
    pub owner_id: Option<Id>,
    /// The competitors in the deal.
    pub competitors: Vec<String>,
    /// What is to be done next and by when (it appears among the commitments).
    pub next_step: Option<Commitment>,
    /// The lead it came from.
    pub source_lead: Option<Id>,
    pub notes: String,
    /// Every stage it stood in, oldest first.
    pub history: Vec<StageChange>,
    /// Every owner it had, oldest first.
    pub owners: Vec<Ownership>,
    /// Set once won or lost.
    pub closing: Option<Closing>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When it was moved to the trash.
    pub deleted_at: Option<Timestamp>,
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: Rev,
}

/// An opportunity form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpportunityInput {
    pub customer_id: Option<Id>,
    pub name: String,
    pub amount: String,
    pub currency: Currency,
    /// `YYYY-MM-DD`.
    pub close_date: String,
    /// The stage's chance (empty) or the owner's own, in percent.
    pub probability: String,
    pub owner_id: Option<Id>,
    pub competitors: Vec<String>,
    pub next_step: String,
    /// `YYYY-MM-DD`.
    pub next_step_due: String,
    pub notes: String,
}

/// The validated content of an [`OpportunityInput`].
#[derive(Clone, Debug, PartialEq)]
pub struct OpportunityFields {
    pub customer_id: Id,
    pub name: String,
    pub amount: Money,
    pub close_date: NaiveDate,
    pub probability: Option<u8>,
    pub owner_id: Option<Id>,
    pub competitors: Vec<String>,
    /// The next step's text and due date.
    pub next_step: Option<(String, NaiveDate)>,
    pub notes: String,
}

impl OpportunityInput {
    /// The form filled from a stored deal, for editing.
    pub fn from_opportunity(o: &Opportunity) -> Self {
        let step = o.next_step.as_ref().filter(|s| s.is_open());
        OpportunityInput {
            customer_id: Some(o.customer_id),
            name: o.name.clone(),
            amount: o.amount.amount.to_string(),
            currency: o.amount.currency,
            close_date: date_input_value(o.close_date),
            probability: o.probability.map(|p| p.to_string()).unwrap_or_default(),
            owner_id: o.owner_id,
            competitors: o.competitors.clone(),
            next_step: step.map(|s| s.text.clone()).unwrap_or_default(),
            next_step_due: step.map(|s| date_input_value(s.due)).unwrap_or_default(),
            notes: o.notes.clone(),
        }
    }

    /// Checks every field; all problems at once. A deal needs a customer, a name, an amount
    /// (zero while unknown) and an expected close date; a next step needs both its text and
    /// its date.
    pub fn validate(&self) -> Result<OpportunityFields, Vec<FieldError>> {
        let mut e = Errors::default();
        if self.customer_id.is_none() {
            e.0.push(FieldError::new(Field::Customer, Problem::Required));
        }
        let name = e.check(Field::Name, validate::required_line(&self.name, MAX_NAME));
        let amount = if self.amount.trim().is_empty() {
            Decimal::ZERO
        } else {
            e.check(Field::Amount, parse_amount(&self.amount, self.currency))
        };
        let close_date = match self.close_date.trim() {
            "" => {
                e.0.push(FieldError::new(Field::CloseDate, Problem::Required));
                None
            }
            text => {
                let d = parse_date(text);
                if d.is_none() {
                    e.0.push(FieldError::new(Field::CloseDate, Problem::BadDate));
                }
                d
            }
        };
        let probability = match self.probability.trim().trim_end_matches('%').trim() {
            "" => None,
            text => match text.parse::<u8>() {
                Ok(p) if p <= 100 => Some(p),
                _ => {
                    e.0.push(FieldError::new(Field::Probability, Problem::BadPercent));
                    None
                }
            },
        };
        let mut competitors: Vec<String> = Vec::new();
        for (i, raw) in self.competitors.iter().enumerate() {
            let c = e.check_at(Field::Competitor, i, validate::optional_line(raw, MAX_LINE));
            if c.is_empty() {
                continue;
            }
            if competitors.iter().any(|x| x.eq_ignore_ascii_case(&c)) {
                e.0.push(FieldError::at(Field::Competitor, i, Problem::Duplicate));
            } else {
                competitors.push(c);
            }
        }
        let text = e.check(
            Field::CommitmentText,
            validate::optional_line(&self.next_step, MAX_LINE),
        );
        let next_step = match (text.is_empty(), self.next_step_due.trim()) {
            (true, "") => None,
            (true, _) => {
                e.0.push(FieldError::new(Field::CommitmentText, Problem::Required));
                None
            }
            (false, "") => {
                e.0.push(FieldError::new(Field::CommitmentDue, Problem::Required));
                None
            }
            (false, due) => match parse_date(due) {
                Some(due) => Some((text, due)),
                None => {
                    e.0.push(FieldError::new(Field::CommitmentDue, Problem::BadDate));
                    None
                }
            },
        };
        let notes = e.check(Field::Notes, validate::text_block(&self.notes, MAX_TEXT));
        let customer_id = match self.customer_id {
            Some(c) if e.0.is_empty() => c,
            _ => return Err(e.0),
        };
        Ok(OpportunityFields {
            customer_id,
            name,
            amount: Money::new(amount, self.currency),
            close_date: close_date.unwrap_or_default(),
            probability,
            owner_id: self.owner_id,
            competitors,
            next_step,
            notes,
        })
    }
}

/// A change of stage that cannot be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveError {
    /// The pipeline has no such stage.
    UnknownStage,
    /// Winning or losing goes through [`Opportunity::win`] / [`Opportunity::lose`], which ask
    /// what they need.
    CloseByMove,
}

impl Opportunity {
    /// A new deal from validated fields, in the pipeline's first stage (or `stage`), created
    /// by `by`.
    pub fn create(
        id: Id,
        fields: OpportunityFields,
        stage: StageId,
        by: Option<Id>,
        now: Timestamp,
    ) -> Self {
        let mut o = Opportunity {
            id,
            customer_id: fields.customer_id,
            name: String::new(),
            amount: fields.amount,
            close_date: fields.close_date,
            stage: stage.clone(),
            probability: None,
            owner_id: fields.owner_id,
            competitors: Vec::new(),
            next_step: None,
            source_lead: None,
            notes: String::new(),
            history: vec![StageChange { at: now, stage, by }],
            owners: vec![Ownership {
                owner_id: fields.owner_id,
                from: now,
            }],
            closing: None,
            created_at: now,
            updated_at: now,
            deleted_at: None,
            rev: Rev::default(),
        };
        o.apply(fields, now);
        o
    }

    /// Takes validated fields from the form. A next step whose text and date did not change
    /// keeps its done mark; a new owner starts a new entry of the ownership history.
    pub fn apply(&mut self, f: OpportunityFields, now: Timestamp) {
        self.set_owner(f.owner_id, now);
        self.customer_id = f.customer_id;
        self.name = f.name;
        self.amount = f.amount;
        self.close_date = f.close_date;
        self.probability = f.probability;
        self.competitors = f.competitors;
        self.next_step = f.next_step.map(|(text, due)| {
            let kept = self
                .next_step
                .as_ref()
                .filter(|s| s.text == text && s.due == due)
                .and_then(|s| s.done_at);
            Commitment {
                text,
                due,
                owner_id: None,
                done_at: kept,
            }
        });
        self.notes = f.notes;
        self.updated_at = now;
    }

    /// Hands the deal to `owner` from `now` (no change when it already has them).
    pub fn set_owner(&mut self, owner: Option<Id>, now: Timestamp) {
        if crate::domain::member::hand_over(&mut self.owner_id, &mut self.owners, owner, now) {
            self.updated_at = now;
        }
    }

    /// Whether it is still being worked (neither won nor lost).
    pub fn is_open(&self) -> bool {
        self.closing.is_none()
    }

    /// How it stands: open, won or lost.
    pub fn outcome(&self, pipeline: &Pipeline) -> Outcome {
        pipeline
            .stage(&self.stage)
            .map_or(Outcome::Open, |s| s.outcome)
    }

    /// The chance of winning it, in percent: 100 once won, 0 once lost, otherwise the
    /// owner's figure or the stage's.
    pub fn probability(&self, pipeline: &Pipeline) -> u8 {
        match self.outcome(pipeline) {
            Outcome::Won => 100,
            Outcome::Lost => 0,
            Outcome::Open => self
                .probability
                .or_else(|| pipeline.stage(&self.stage).map(|s| s.probability))
                .unwrap_or(0),
        }
    }

    /// The amount weighted by the chance of winning (amount × probability), exact.
    pub fn weighted(&self, pipeline: &Pipeline) -> Decimal {
        self.amount.amount * Decimal::from(self.probability(pipeline)) / Decimal::from(100)
    }

    /// Moves an open deal to another open stage (a closed one is reopened there).
    pub fn move_to(
        &mut self,
        to: &StageId,
        pipeline: &Pipeline,
        by: Option<Id>,
        now: Timestamp,
    ) -> Result<(), MoveError> {
        let stage = pipeline.stage(to).ok_or(MoveError::UnknownStage)?;
        if stage.outcome != Outcome::Open {
            return Err(MoveError::CloseByMove);
        }
        if *to == self.stage {
            return Ok(());
        }
        self.enter(to.clone(), by, now);
        self.closing = None;
        Ok(())
    }

    /// Closes the deal as won on `date`; with `purchase`, its amount is booked as that
    /// purchase's id (see [`Opportunity::purchase`]).
    pub fn win(
        &mut self,
        pipeline: &Pipeline,
        date: NaiveDate,
        purchase: Option<Id>,
        by: Option<Id>,
        now: Timestamp,
    ) {
        self.enter(pipeline.closing(Outcome::Won).id.clone(), by, now);
        self.closing = Some(Closing {
            at: now,
            date,
            reason: None,
            lost_to: String::new(),
            purchase_id: purchase,
        });
        self.close_step(now);
    }

    /// Closes the deal as lost for `reason`, to `lost_to` when a competitor won it (added to
    /// the deal's competitors if it was not among them).
    pub fn lose(
        &mut self,
        pipeline: &Pipeline,
        reason: LostReason,
        lost_to: &str,
        date: NaiveDate,
        by: Option<Id>,
        now: Timestamp,
    ) {
        let lost_to = lost_to.trim().to_string();
        if !lost_to.is_empty()
            && !self
                .competitors
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&lost_to))
        {
            self.competitors.push(lost_to.clone());
        }
        self.enter(pipeline.closing(Outcome::Lost).id.clone(), by, now);
        self.closing = Some(Closing {
            at: now,
            date,
            reason: Some(reason),
            lost_to,
            purchase_id: None,
        });
        self.close_step(now);
    }

    /// The purchase that books a won deal's amount for its customer on `date`: one unit of
    /// the deal, named after it, with its id.
    pub fn purchase(&self, id: Id, date: NaiveDate, now: Timestamp) -> Purchase {
        Purchase {
            id,
            customer_id: self.customer_id,
            date,
            amount: self.amount,
            quantity: Decimal::ONE,
            product: self.name.clone(),
            order: String::new(),
            margin: None,
            notes: String::new(),
            discounted: false,
            created_at: now,
            updated_at: now,
            rev: Rev::default(),
        }
    }

    /// Marks the next step done (or open again).
    pub fn set_step_done(&mut self, done: bool, now: Timestamp) {
        if let Some(s) = &mut self.next_step {
            s.done_at = done.then_some(now);
            self.updated_at = now;
        }
    }

    /// The next step, while it is still to be done.
    pub fn open_step(&self) -> Option<&Commitment> {
        self.next_step.as_ref().filter(|s| s.is_open())
    }

    /// Open and its expected close date has passed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.close_date < today
    }

    /// Open and nothing happened on it (an edit, a move, a step done) for `days` days or more
    /// before `now`; `last_contact` is the customer's last interaction, which counts too.
    pub fn is_stale(&self, now: Timestamp, days: u32, last_contact: Option<Timestamp>) -> bool {
        let last = last_contact.map_or(self.updated_at, |c| c.max(self.updated_at));
        self.is_open() && crate::domain::time::days_between(last, now) >= i64::from(days)
    }

    fn enter(&mut self, stage: StageId, by: Option<Id>, now: Timestamp) {
        self.history.push(StageChange {
            at: now,
            stage: stage.clone(),
            by,
        });
        self.stage = stage;
        self.updated_at = now;
    }

    // A closed deal has no next step left to do: an open one is dropped from the
    // commitments (kept on the record as done at the close).
    fn close_step(&mut self, now: Timestamp) {
        if let Some(s) = &mut self.next_step
            && s.done_at.is_none()
        {
            s.done_at = Some(now);
        }
    }
}
