//! Interactions (接触记录): every contact with a customer, and the commitments (承诺) made in
//! them, so a manager can see who promised what and whether it was kept.

use crate::domain::customer::Errors;
use crate::domain::id::Id;
use crate::domain::time::{Timestamp, parse_date};
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_TEXT, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How the contact happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Channel {
    /// 电话
    #[default]
    Call,
    /// 拜访
    Visit,
    /// 邮件
    Email,
    /// 微信
    WeChat,
    /// 会议
    Meeting,
    /// 活动 (trade show, seminar)
    Event,
    /// 备注: an internal note, no contact with the customer.
    Note,
}

impl Channel {
    /// Every channel, in display order.
    pub const ALL: [Channel; 7] = [
        Channel::Call,
        Channel::Visit,
        Channel::Email,
        Channel::WeChat,
        Channel::Meeting,
        Channel::Event,
        Channel::Note,
    ];
    /// A stable short name for CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Call => "call",
            Channel::Visit => "visit",
            Channel::Email => "email",
            Channel::WeChat => "wechat",
            Channel::Meeting => "meeting",
            Channel::Event => "event",
            Channel::Note => "note",
        }
    }
}

/// Something our side promised the customer, with a due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// What was promised.
    pub text: String,
    /// By when.
    pub due: NaiveDate,
    /// When it was marked done; `None` while open.
    pub done_at: Option<Timestamp>,
    /// Who keeps it when not the member who made it (it was handed over); `None`: they do.
    /// (Written even when empty: a packed record has no field names to leave one out by.)
    #[serde(default)]
    pub owner_id: Option<Id>,
}

impl Commitment {
    /// Whether it is still to be done.
    pub fn is_open(&self) -> bool {
        self.done_at.is_none()
    }
    /// Whether it is open and its due date has passed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due < today
    }
}

/// One contact with a customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    /// Time-ordered id.
    pub id: Id,
    /// The customer.
    pub customer_id: Id,
    /// When it happened.
    pub at: Timestamp,
    /// How.
    pub channel: Channel,
    /// Who on our side.
    pub member_id: Option<Id>,
    /// Whom at the customer (a contact person), if recorded.
    pub contact_id: Option<Id>,
    /// What was said or done.
    pub summary: String,
    /// A promise made in it.
    pub commitment: Option<Commitment>,
    /// When created.
    pub created_at: Timestamp,
    /// When last changed.
    pub updated_at: Timestamp,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

impl Interaction {
    /// Who keeps its promise: the member it was handed over to, else the one who made it.
    pub fn keeper(&self) -> Option<Id> {
        self.commitment
            .as_ref()
            .and_then(|c| c.owner_id)
            .or(self.member_id)
    }
}

/// An interaction form as typed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct InteractionInput {
    /// `YYYY-MM-DDTHH:MM` local time, as `<input type="datetime-local">` gives it.
    pub at: String,
    pub channel: Channel,
    pub member_id: Option<Id>,
    pub contact_id: Option<Id>,
    pub summary: String,
    pub commitment_text: String,
    /// `YYYY-MM-DD`.
    pub commitment_due: String,
}

impl InteractionInput {
    /// Checks the form and builds the interaction. `offset_minutes` is the local UTC offset;
    /// `now` refuses an interaction dated in the future (more than a day ahead, to allow for
    /// clocks and time zones).
    pub fn validate(
        &self,
        customer_id: Id,
        existing: Option<&Interaction>,
        now: Timestamp,
        offset_minutes: i32,
    ) -> Result<Interaction, Vec<FieldError>> {
        let mut e = Errors::default();
        let at = e.check(
            Field::When,
            validate::past_instant(&self.at, offset_minutes, now),
        );
        let summary = e.check(
            Field::Summary,
            validate::text_block(&self.summary, MAX_TEXT),
        );
        if summary.is_empty() {
            e.0.push(FieldError::new(Field::Summary, Problem::Required));
        }
        let text = e.check(
            Field::CommitmentText,
            validate::optional_line(&self.commitment_text, MAX_LINE),
        );
        let due_raw = self.commitment_due.trim();
        let commitment = match (text.is_empty(), due_raw.is_empty()) {
            (true, true) => None,
            (true, false) => {
                e.0.push(FieldError::new(Field::CommitmentText, Problem::Required));
                None
            }
            (false, true) => {
                e.0.push(FieldError::new(Field::CommitmentDue, Problem::Required));
                None
            }
            (false, false) => match parse_date(due_raw) {
                Some(due) => Some(Commitment {
                    text,
                    due,
                    // Editing keeps who keeps it and the done mark.
                    owner_id: existing
                        .and_then(|e| e.commitment.as_ref())
                        .and_then(|c| c.owner_id),
                    done_at: existing
                        .and_then(|i| i.commitment.as_ref())
                        .and_then(|c| c.done_at),
                }),
                None => {
                    e.0.push(FieldError::new(Field::CommitmentDue, Problem::BadDate));
                    None
                }
            },
        };
        e.finish(Interaction {
            rev: existing.map_or(crate::domain::record::Rev::default(), |x| x.rev),
            id: existing.map_or_else(Id::generate, |i| i.id),
            customer_id,
            at,
            channel: self.channel,
            member_id: self.member_id,
            contact_id: self.contact_id,
            summary,
            commitment,
            created_at: existing.map_or(now, |i| i.created_at),
            updated_at: now,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp(1_795_420_800_000); // 2026-11-23T08:00:00Z

    fn input() -> InteractionInput {
        InteractionInput {
            at: "2026-11-23T10:30".into(),
            channel: Channel::Visit,
            summary: "拜访采购部，介绍新品".into(),
            ..InteractionInput::default()
        }
    }

    #[test]
    fn local_time_becomes_an_instant() {
        let i = input().validate(Id::generate(), None, NOW, 480).unwrap();
        // 10:30 in Beijing is 02:30 UTC.
        assert_eq!(i.at, Timestamp(NOW.0 - 5 * 3_600_000 - 30 * 60_000));
        assert!(i.commitment.is_none());
    }

    #[test]
    fn a_commitment_needs_both_text_and_a_real_due_date() {
        let mut i = input();
        i.commitment_text = "周五前发报价".into();
        assert_eq!(
            i.validate(Id::generate(), None, NOW, 480).unwrap_err(),
            vec![FieldError::new(Field::CommitmentDue, Problem::Required)]
        );
        i.commitment_due = "2026-11-31".into();
        assert_eq!(
            i.validate(Id::generate(), None, NOW, 480).unwrap_err(),
            vec![FieldError::new(Field::CommitmentDue, Problem::BadDate)]
        );
        i.commitment_due = "2026-11-27".into();
        let c = i
            .validate(Id::generate(), None, NOW, 480)
            .unwrap()
            .commitment
            .unwrap();
        assert!(c.is_open());
        let due = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert!(!c.is_overdue(due));
        assert!(c.is_overdue(due.succ_opt().unwrap()));
        let mut i2 = input();
        i2.commitment_due = "2026-11-27".into();
        assert_eq!(
            i2.validate(Id::generate(), None, NOW, 480).unwrap_err(),
            vec![FieldError::new(Field::CommitmentText, Problem::Required)]
        );
    }

    #[test]
    fn refuses_missing_summary_bad_time_and_future() {
        let i = InteractionInput {
            at: "".into(),
            ..InteractionInput::default()
        };
        assert_eq!(
            i.validate(Id::generate(), None, NOW, 0).unwrap_err(),
            vec![
                FieldError::new(Field::When, Problem::Required),
                FieldError::new(Field::Summary, Problem::Required)
            ]
        );
        let mut i = input();
        i.at = "2026-12-25T10:00".into();
        assert_eq!(
            i.validate(Id::generate(), None, NOW, 0).unwrap_err(),
            vec![FieldError::new(Field::When, Problem::DateInFuture)]
        );
    }
}
