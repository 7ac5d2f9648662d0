//! Complaints (客户投诉): intake, the handling flow, escalation and the figures a manager
//! watches.
//!
//! The texts ask for sincere, one-stop handling: solve at once within one's authority and tell
//! the customer, apologise and compensate with consent, escalate what exceeds one's authority and
//! follow it up. Here a complaint moves **new → acknowledged → resolved → closed**; it is
//! *escalated* to a manager when the owner marks it beyond their authority or when it is still
//! unresolved at its deadline (set at intake from its severity). The deadline escalation is
//! computed from the clock, never stored, so it cannot be forgotten or go stale.
//!
//! A complaint stays *open* until it is closed, and while any complaint of a customer is open
//! the customer is flagged everywhere and left out of marketing exports.

use crate::domain::customer::Errors;
use crate::domain::id::Id;
use crate::domain::interaction::Channel;
use crate::domain::money::{Currency, Money, parse_amount};
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_TEXT, Problem};
use serde::{Deserialize, Serialize};

const MS_PER_HOUR: i64 = 3_600_000;

/// What the complaint is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    /// 产品质量
    Product,
    /// 服务
    Service,
    /// 价格
    Price,
    /// 交付 / 物流
    Delivery,
    /// 态度
    Attitude,
    /// 其他
    Other,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 6] = [
        Category::Product,
        Category::Service,
        Category::Price,
        Category::Delivery,
        Category::Attitude,
        Category::Other,
    ];
}

/// How serious it is; sets the deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// 轻微
    Low,
    /// 一般
    Medium,
    /// 严重
    High,
    /// 紧急
    Critical,
}

impl Severity {
    /// Every severity, mildest first.
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];
    /// A stable short name for CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
    /// Hours from intake to the resolution deadline.
    pub fn deadline_hours(self) -> i64 {
        match self {
            Severity::Low => 240,
            Severity::Medium => 120,
            Severity::High => 48,
            Severity::Critical => 24,
        }
    }
}

/// Where the complaint is in its handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    /// 新建: received, nobody has answered the customer yet.
    New,
    /// 已受理: the customer was told we are on it.
    Acknowledged,
    /// 已解决: a solution was given; waiting for the customer's confirmation to close.
    Resolved,
    /// 已关闭
    Closed,
}

impl Status {
    /// Every status, in flow order.
    pub const ALL: [Status; 4] = [
        Status::New,
        Status::Acknowledged,
        Status::Resolved,
        Status::Closed,
    ];
    /// A stable short name for CSS classes and selectors.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Acknowledged => "acknowledged",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }
}

/// Why a complaint went to a manager.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EscalationReason {
    /// The owner marked it beyond their authority.
    Authority,
    /// Still unresolved at its deadline.
    Overdue,
}

/// The owner's escalation of a complaint beyond their authority.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    /// When.
    pub at: Timestamp,
    /// Why the owner cannot settle it.
    pub note: String,
}

/// One step taken with the customer while handling the complaint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// When.
    pub at: Timestamp,
    /// What was done or said.
    pub text: String,
}

/// Compensation offered to the customer, and whether they accepted it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compensation {
    /// What was offered (replacement, refund, discount…).
    pub offer: String,
    /// Its value, if it has one.
    pub amount: Option<Money>,
    /// `None` while the customer has not answered.
    pub accepted: Option<bool>,
}

/// One complaint of a customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    /// Time-ordered id.
    pub id: Id,
    /// The customer.
    pub customer_id: Id,
    /// When it was received.
    pub received_at: Timestamp,
    /// How it came in.
    pub channel: Channel,
    pub category: Category,
    pub severity: Severity,
    /// What the customer says.
    pub description: String,
    /// Who handles it (one-stop ownership).
    pub owner_id: Option<Id>,
    /// By when it must be resolved: intake time plus the severity's deadline.
    pub due: Timestamp,
    pub status: Status,
    pub acknowledged_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    /// What solved it.
    pub resolution: String,
    /// Solved at the first contact, without coming back to the customer.
    pub first_contact: bool,
    /// When the customer confirmed the resolution.
    pub confirmed_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    /// Marked beyond the owner's authority.
    pub escalation: Option<Escalation>,
    pub follow_ups: Vec<FollowUp>,
    pub compensation: Option<Compensation>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

/// Why a step of the flow cannot be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowError {
    /// The complaint is not in a status that allows the step.
    NotAllowed,
    /// A required text is missing or malformed.
    Field(FieldError),
}

impl From<FieldError> for FlowError {
    fn from(e: FieldError) -> Self {
        FlowError::Field(e)
    }
}

impl Complaint {
    /// A new complaint received `now`, with nothing handled yet (callers set what the customer
    /// said; the deadline here is a medium one).
    pub fn new(id: Id, customer_id: Id, now: Timestamp) -> Self {
        Complaint {
            rev: crate::domain::record::Rev::default(),
            id,
            customer_id,
            received_at: now,
            channel: Channel::Call,
            category: Category::Other,
            severity: Severity::Medium,
            description: String::new(),
            owner_id: None,
            due: Timestamp(now.0 + Severity::Medium.deadline_hours() * MS_PER_HOUR),
            status: Status::New,
            acknowledged_at: None,
            resolved_at: None,
            resolution: String::new(),
            first_contact: false,
            confirmed_at: None,
            closed_at: None,
            escalation: None,
            follow_ups: Vec::new(),
            compensation: None,
            created_at: now,
            updated_at: now,
        }
    }

    /// Open until closed: the customer is flagged and left out of marketing meanwhile.
    pub fn is_open(&self) -> bool {
        self.status != Status::Closed
    }

    /// Still waiting for a solution, so the deadline applies.
    pub fn is_pending(&self) -> bool {
        matches!(self.status, Status::New | Status::Acknowledged)
    }

    /// Pending and past its deadline at `now`.
    pub fn is_overdue(&self, now: Timestamp) -> bool {
        self.is_pending() && now.0 > self.due.0
    }

    /// Why it is with a manager at `now`, if it is: the owner's escalation comes first,
    /// otherwise a pending complaint past its deadline.
    pub fn escalated(&self, now: Timestamp) -> Option<EscalationReason> {
        if !self.is_pending() {
            return None;
        }
        if self.escalation.is_some() {
            Some(EscalationReason::Authority)
        } else if self.is_overdue(now) {
            Some(EscalationReason::Overdue)
        } else {
            None
        }
    }

    /// Hours from intake to resolution, once resolved.
    pub fn hours_to_resolve(&self) -> Option<f64> {
        self.resolved_at
            .map(|r| (r.0 - self.received_at.0) as f64 / MS_PER_HOUR as f64)
    }

    /// New → acknowledged: the customer was told we are on it.
    pub fn acknowledge(&mut self, now: Timestamp) -> Result<(), FlowError> {
        if self.status != Status::New {
            return Err(FlowError::NotAllowed);
        }
        self.status = Status::Acknowledged;
        self.acknowledged_at = Some(now);
        self.updated_at = now;
        Ok(())
    }

    /// New or acknowledged → resolved, saying what solved it and whether at the first contact.
    pub fn resolve(
        &mut self,
        now: Timestamp,
        resolution: &str,
        first_contact: bool,
    ) -> Result<(), FlowError> {
        if !self.is_pending() {
            return Err(FlowError::NotAllowed);
        }
        let text = validate::text_block(resolution, MAX_TEXT)
            .map_err(|p| FieldError::new(Field::Resolution, p))?;
        if text.is_empty() {
            return Err(FieldError::new(Field::Resolution, Problem::Required).into());
        }
        self.status = Status::Resolved;
        self.resolution = text;
        self.first_contact = first_contact;
        self.resolved_at = Some(now);
        self.acknowledged_at.get_or_insert(now);
        self.updated_at = now;
        Ok(())
    }

    /// Resolved → closed. `confirmed` records that the customer confirmed the resolution.
    pub fn close(&mut self, now: Timestamp, confirmed: bool) -> Result<(), FlowError> {
        if self.status != Status::Resolved {
            return Err(FlowError::NotAllowed);
        }
        self.status = Status::Closed;
        self.closed_at = Some(now);
        if confirmed {
            self.confirmed_at = Some(now);
        }
        self.updated_at = now;
        Ok(())
    }

    /// Resolved or closed → acknowledged again: the customer is not satisfied with the
    /// solution. The deadline still runs from the original intake.
    pub fn reopen(&mut self, now: Timestamp) -> Result<(), FlowError> {
        if self.is_pending() {
            return Err(FlowError::NotAllowed);
        }
        self.status = Status::Acknowledged;
        self.resolved_at = None;
        self.closed_at = None;
        self.confirmed_at = None;
        self.first_contact = false;
        self.updated_at = now;
        Ok(())
    }

    /// Hands a pending complaint to a manager because it is beyond the owner's authority.
    pub fn escalate(&mut self, now: Timestamp, note: &str) -> Result<(), FlowError> {
        if !self.is_pending() || self.escalation.is_some() {
            return Err(FlowError::NotAllowed);
        }
        let note =
            validate::text_block(note, MAX_TEXT).map_err(|p| FieldError::new(Field::Text, p))?;
        if note.is_empty() {
            return Err(FieldError::new(Field::Text, Problem::Required).into());
        }
        self.escalation = Some(Escalation { at: now, note });
        self.updated_at = now;
        Ok(())
    }

    /// Records a step taken with the customer. A follow-up also counts as acknowledging a
    /// new complaint: someone has answered the customer.
    pub fn follow_up(&mut self, now: Timestamp, text: &str) -> Result<(), FlowError> {
        if self.status == Status::Closed {
            return Err(FlowError::NotAllowed);
        }
        let text =
            validate::text_block(text, MAX_TEXT).map_err(|p| FieldError::new(Field::Text, p))?;
        if text.is_empty() {
            return Err(FieldError::new(Field::Text, Problem::Required).into());
        }
        self.follow_ups.push(FollowUp { at: now, text });
        if self.status == Status::New {
            self.status = Status::Acknowledged;
            self.acknowledged_at = Some(now);
        }
        self.updated_at = now;
        Ok(())
    }

    /// Records compensation offered (amount in yuan, optional); the answer comes later.
    pub fn offer(&mut self, now: Timestamp, offer: &str, amount: &str) -> Result<(), FlowError> {
        if self.status == Status::Closed {
            return Err(FlowError::NotAllowed);
        }
        let offer = validate::required_line(offer, MAX_LINE)
            .map_err(|p| FieldError::new(Field::Compensation, p))?;
        let amount = match amount.trim() {
            "" => None,
            text => Some(Money::new(
                parse_amount(text, Currency::Cny).map_err(|p| FieldError::new(Field::Amount, p))?,
                Currency::Cny,
            )),
        };
        self.compensation = Some(Compensation {
            offer,
            amount,
            accepted: None,
        });
        self.updated_at = now;
        Ok(())
    }

    /// Records the customer's answer to the compensation offered.
    pub fn answer_offer(&mut self, now: Timestamp, accepted: bool) -> Result<(), FlowError> {
        let Some(c) = self.compensation.as_mut() else {
            return Err(FlowError::NotAllowed);
        };
        c.accepted = Some(accepted);
        self.updated_at = now;
        Ok(())
    }
}

/// The intake form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintInput {
    /// `YYYY-MM-DDTHH:MM` local time.
    pub received_at: String,
    pub channel: Channel,
    pub category: Category,
    pub severity: Severity,
    pub description: String,
    pub owner_id: Option<Id>,
}

impl Default for ComplaintInput {
    fn default() -> Self {
        ComplaintInput {
            received_at: String::new(),
            channel: Channel::Call,
            category: Category::Product,
            severity: Severity::Medium,
            description: String::new(),
            owner_id: None,
        }
    }
}

impl ComplaintInput {
    /// Checks the form and builds the complaint (new, or `existing` edited: its flow and
    /// history are kept; the deadline follows the intake time and severity).
    pub fn validate(
        &self,
        customer_id: Id,
        existing: Option<&Complaint>,
        now: Timestamp,
        offset_minutes: i32,
    ) -> Result<Complaint, Vec<FieldError>> {
        let mut e = Errors::default();
        let received_at = e.check(
            Field::When,
            validate::past_instant(&self.received_at, offset_minutes, now),
        );
        let description = e.check(
            Field::Description,
            validate::text_block(&self.description, MAX_TEXT),
        );
        if description.is_empty() && !e.0.iter().any(|f| f.field == Field::Description) {
            e.0.push(FieldError::new(Field::Description, Problem::Required));
        }
        let due = Timestamp(received_at.0 + self.severity.deadline_hours() * MS_PER_HOUR);
        // Editing keeps the flow and history; the deadline follows intake time and severity.
        let base = existing
            .cloned()
            .unwrap_or_else(|| Complaint::new(Id::generate(), customer_id, now));
        let complaint = Complaint {
            received_at,
            channel: self.channel,
            category: self.category,
            severity: self.severity,
            description,
            owner_id: self.owner_id,
            due,
            updated_at: now,
            ..base
        };
        e.finish(complaint)
    }
}

/// Which complaints a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    /// Not closed.
    #[default]
    Open,
    /// Pending past their deadline.
    Overdue,
    /// Pending and escalated (by the owner or the deadline).
    Escalated,
    /// Every complaint.
    All,
}

impl View {
    /// Every view, in display order.
    pub const ALL: [View; 4] = [View::Open, View::Overdue, View::Escalated, View::All];

    /// Whether the complaint belongs in this view at `now`.
    pub fn shows(self, c: &Complaint, now: Timestamp) -> bool {
        match self {
            View::Open => c.is_open(),
            View::Overdue => c.is_overdue(now),
            View::Escalated => c.escalated(now).is_some(),
            View::All => true,
        }
    }
}

/// Orders complaints by what needs attention first: pending ones by deadline (overdue ones
/// therefore first), then resolved ones waiting to be closed, then closed ones, newest first.
pub fn sort_for_attention(complaints: &mut [Complaint]) {
    complaints.sort_by(|a, b| {
        let rank = |c: &Complaint| match c.status {
            Status::New | Status::Acknowledged => 0,
            Status::Resolved => 1,
            Status::Closed => 2,
        };
        rank(a).cmp(&rank(b)).then_with(|| {
            if rank(a) == 0 {
                a.due.cmp(&b.due)
            } else {
                b.received_at.cmp(&a.received_at)
            }
        })
    });
}

/// The complaint figures of a set of complaints.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ComplaintStats {
    /// All complaints counted.
    pub total: usize,
    /// Not closed.
    pub open: usize,
    /// Pending past their deadline.
    pub overdue: usize,
    /// Pending and escalated (by the owner or the deadline).
    pub escalated: usize,
    /// Count per category, in [`Category::ALL`] order.
    pub by_category: [usize; 6],
    /// Resolved or closed.
    pub resolved: usize,
    /// Of the resolved, how many at the first contact.
    pub first_contact: usize,
    /// Median hours from intake to resolution.
    pub median_hours: Option<f64>,
    /// Mean hours from intake to resolution.
    pub mean_hours: Option<f64>,
    /// Resolved ones that took longer than their deadline.
    pub resolved_late: usize,
}

impl ComplaintStats {
    /// The figures of `complaints` at `now`.
    pub fn of<'a>(complaints: impl IntoIterator<Item = &'a Complaint>, now: Timestamp) -> Self {
        let mut s = ComplaintStats::default();
        let mut hours = Vec::new();
        for c in complaints {
            s.total += 1;
            s.open += usize::from(c.is_open());
            s.overdue += usize::from(c.is_overdue(now));
            s.escalated += usize::from(c.escalated(now).is_some());
            let slot = Category::ALL
                .iter()
                .position(|k| *k == c.category)
                .unwrap_or(5);
            s.by_category[slot] += 1;
            if let (Some(h), Some(resolved)) = (c.hours_to_resolve(), c.resolved_at) {
                s.resolved += 1;
                s.first_contact += usize::from(c.first_contact);
                s.resolved_late += usize::from(resolved.0 > c.due.0);
                hours.push(h);
            }
        }
        if !hours.is_empty() {
            hours.sort_by(f64::total_cmp);
            let n = hours.len();
            s.median_hours = Some(if n % 2 == 1 {
                hours[n / 2]
            } else {
                (hours[n / 2 - 1] + hours[n / 2]) / 2.0
            });
            s.mean_hours = Some(hours.iter().sum::<f64>() / n as f64);
        }
        s
    }

    /// Share of resolved complaints solved at the first contact, 0–1.
    pub fn first_contact_share(&self) -> Option<f64> {
        (self.resolved > 0).then(|| self.first_contact as f64 / self.resolved as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp(1_795_420_800_000); // 2026-11-23T08:00:00Z
    const H: i64 = MS_PER_HOUR;

    fn input() -> ComplaintInput {
        ComplaintInput {
            // 2026-11-23 10:00 in Beijing = 02:00 UTC, six hours before NOW.
            received_at: "2026-11-23T10:00".into(),
            channel: Channel::Call,
            category: Category::Delivery,
            severity: Severity::High,
            description: "货物晚到三天，影响生产".into(),
            owner_id: None,
        }
    }

    fn new_complaint() -> Complaint {
        input().validate(Id::generate(), None, NOW, 480).unwrap()
    }

    #[test]
    fn intake_sets_the_deadline_from_the_severity() {
        let c = new_complaint();
        assert_eq!(c.received_at, Timestamp(NOW.0 - 6 * H));
        // High: 48 hours after intake.
        assert_eq!(c.due, Timestamp(NOW.0 - 6 * H + 48 * H));
        assert_eq!(c.status, Status::New);
        assert!(c.is_open() && c.is_pending());
        let mut critical = input();
        critical.severity = Severity::Critical;
        let c = critical.validate(Id::generate(), None, NOW, 480).unwrap();
        assert_eq!(c.due.0 - c.received_at.0, 24 * H);
    }

    #[test]
    fn intake_refuses_missing_description_and_bad_or_future_time() {
        let mut i = input();
        i.description = "  ".into();
        i.received_at = "2026-02-30T10:00".into();
        assert_eq!(
            i.validate(Id::generate(), None, NOW, 480).unwrap_err(),
            vec![
                FieldError::new(Field::When, Problem::BadDate),
                FieldError::new(Field::Description, Problem::Required)
            ]
        );
        let mut i = input();
        i.received_at = "2026-12-01T10:00".into();
        assert_eq!(
            i.validate(Id::generate(), None, NOW, 480).unwrap_err(),
            vec![FieldError::new(Field::When, Problem::DateInFuture)]
        );
    }

    #[test]
    fn editing_keeps_the_flow_and_moves_the_deadline_with_the_severity() {
        let mut c = new_complaint();
        c.acknowledge(NOW).unwrap();
        let mut i = input();
        i.severity = Severity::Low;
        let edited = i
            .validate(c.customer_id, Some(&c), Timestamp(NOW.0 + H), 480)
            .unwrap();
        assert_eq!(edited.id, c.id);
        assert_eq!(edited.status, Status::Acknowledged);
        assert_eq!(edited.due.0 - edited.received_at.0, 240 * H);
        assert_eq!(edited.created_at, c.created_at);
    }

    #[test]
    fn the_flow_goes_new_acknowledged_resolved_closed() {
        let mut c = new_complaint();
        assert_eq!(c.close(NOW, true), Err(FlowError::NotAllowed));
        c.acknowledge(NOW).unwrap();
        assert_eq!(c.acknowledge(NOW), Err(FlowError::NotAllowed));
        assert_eq!(
            c.resolve(NOW, " ", false),
            Err(FlowError::Field(FieldError::new(
                Field::Resolution,
                Problem::Required
            )))
        );
        c.resolve(Timestamp(NOW.0 + 10 * H), "补发并赔偿运费", false)
            .unwrap();
        assert_eq!(c.status, Status::Resolved);
        // Still open (flagged) until the customer confirms and it is closed.
        assert!(c.is_open() && !c.is_pending());
        assert_eq!(c.hours_to_resolve(), Some(16.0));
        c.close(Timestamp(NOW.0 + 20 * H), true).unwrap();
        assert!(!c.is_open());
        assert_eq!(c.confirmed_at, Some(Timestamp(NOW.0 + 20 * H)));
        assert_eq!(c.follow_up(NOW, "x"), Err(FlowError::NotAllowed));
        c.reopen(Timestamp(NOW.0 + 30 * H)).unwrap();
        assert_eq!(c.status, Status::Acknowledged);
        assert_eq!(c.resolved_at, None);
        assert_eq!(c.closed_at, None);
    }

    #[test]
    fn resolving_at_once_counts_as_first_contact_and_acknowledges() {
        let mut c = new_complaint();
        c.resolve(NOW, "当场更换", true).unwrap();
        assert!(c.first_contact);
        assert_eq!(c.acknowledged_at, Some(NOW));
    }

    #[test]
    fn a_follow_up_answers_a_new_complaint() {
        let mut c = new_complaint();
        c.follow_up(NOW, "已电话致歉，明天上门").unwrap();
        assert_eq!(c.status, Status::Acknowledged);
        assert_eq!(c.follow_ups.len(), 1);
    }

    #[test]
    fn escalated_by_the_owner_or_by_the_deadline() {
        let mut c = new_complaint();
        let before = Timestamp(c.due.0 - 1);
        let after = Timestamp(c.due.0 + 1);
        assert_eq!(c.escalated(before), None);
        assert!(!c.is_overdue(c.due));
        assert_eq!(c.escalated(after), Some(EscalationReason::Overdue));
        assert!(c.is_overdue(after));
        c.escalate(NOW, "退款超过本人权限").unwrap();
        assert_eq!(c.escalated(before), Some(EscalationReason::Authority));
        assert_eq!(c.escalate(NOW, "again"), Err(FlowError::NotAllowed));
        // Resolved complaints are no longer escalated nor overdue.
        c.resolve(after, "经理批准退款", false).unwrap();
        assert_eq!(c.escalated(Timestamp(after.0 + 100 * H)), None);
        assert!(!c.is_overdue(Timestamp(after.0 + 100 * H)));
    }

    #[test]
    fn compensation_offer_and_answer() {
        let mut c = new_complaint();
        assert_eq!(c.answer_offer(NOW, true), Err(FlowError::NotAllowed));
        assert_eq!(
            c.offer(NOW, "退运费", "-5"),
            Err(FlowError::Field(FieldError::new(
                Field::Amount,
                Problem::NegativeAmount
            )))
        );
        c.offer(NOW, "退运费", "120.50").unwrap();
        c.answer_offer(NOW, true).unwrap();
        let comp = c.compensation.unwrap();
        assert_eq!(comp.accepted, Some(true));
        assert_eq!(comp.amount.unwrap().minor_units(), 12_050);
    }

    #[test]
    fn figures_worked_by_hand() {
        // Four complaints received at t0:
        //  a: product, resolved after 2 h at first contact, closed;
        //  b: product, resolved after 10 h;
        //  c: delivery (high, 48 h deadline), resolved after 60 h (late);
        //  d: price (low), pending, received 300 h before `now` (deadline 240 h: overdue).
        let t0 = NOW;
        let mk = |cat: Category, sev: Severity| {
            let mut i = input();
            i.category = cat;
            i.severity = sev;
            let mut c = i.validate(Id::generate(), None, NOW, 480).unwrap();
            c.received_at = t0;
            c.due = Timestamp(t0.0 + sev.deadline_hours() * H);
            c
        };
        let mut a = mk(Category::Product, Severity::Medium);
        a.resolve(Timestamp(t0.0 + 2 * H), "ok", true).unwrap();
        a.close(Timestamp(t0.0 + 3 * H), true).unwrap();
        let mut b = mk(Category::Product, Severity::Medium);
        b.resolve(Timestamp(t0.0 + 10 * H), "ok", false).unwrap();
        let mut c = mk(Category::Delivery, Severity::High);
        c.resolve(Timestamp(t0.0 + 60 * H), "ok", false).unwrap();
        let d = mk(Category::Price, Severity::Low);
        let now = Timestamp(t0.0 + 300 * H);
        let s = ComplaintStats::of([&a, &b, &c, &d], now);
        assert_eq!(s.total, 4);
        assert_eq!(s.open, 3); // b, c (resolved, not closed) and d
        assert_eq!(s.overdue, 1);
        assert_eq!(s.escalated, 1);
        assert_eq!(s.by_category, [2, 0, 1, 1, 0, 0]);
        assert_eq!(s.resolved, 3);
        assert_eq!(s.first_contact_share(), Some(1.0 / 3.0));
        // Hours 2, 10, 60: median 10, mean 24.
        assert_eq!(s.median_hours, Some(10.0));
        assert_eq!(s.mean_hours, Some(24.0));
        assert_eq!(s.resolved_late, 1);
        // Views and the attention order.
        let shown = |v: View| {
            [&a, &b, &c, &d]
                .into_iter()
                .filter(|x| v.shows(x, now))
                .count()
        };
        assert_eq!(
            View::ALL.map(shown),
            [3, 1, 1, 4] // open, overdue, escalated, all
        );
        let mut all = vec![a.clone(), b.clone(), c.clone(), d.clone()];
        sort_for_attention(&mut all);
        assert_eq!(all[0].id, d.id); // the only pending one
        assert_eq!(all[3].id, a.id); // the closed one last
        let empty = ComplaintStats::of([], now);
        assert_eq!(empty.median_hours, None);
        assert_eq!(empty.first_contact_share(), None);
    }
}
