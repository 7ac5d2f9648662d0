//! What the top of the customer 360 view shows before the next call: the steps still to take
//! (open promises, planned win-back actions and open deals' next steps, earliest first, the
//! first being the next step),
//! the complaints still open, and the last few contacts.

use crate::domain::churn::{Outcome, WinBack};
use crate::domain::complaint::Complaint;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::opportunity::Opportunity;
use chrono::NaiveDate;

/// How many recent contacts the top of the page shows.
pub const RECENT: usize = 3;

/// Where a step comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// A promise made in a contact (承诺).
    Promise,
    /// A planned win-back action (挽回行动).
    WinBack,
    /// An open opportunity's next step (商机下一步).
    DealStep,
}

/// One thing our side still has to do for the customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub kind: StepKind,
    pub text: String,
    pub due: NaiveDate,
    /// Who keeps the promise or owns the action or the deal.
    pub member: Option<Id>,
    /// The record it lives on (the interaction, the win-back plan, the opportunity).
    pub record: Id,
    /// What it is for, when that is not the customer alone (the opportunity's name).
    pub about: String,
}

impl Step {
    /// Due before `today` and not done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due < today
    }
}

/// The top of one customer's page.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Glance {
    /// Open promises and planned win-back steps, earliest due first (ties: promises first,
    /// then as given); the first is the next step.
    pub steps: Vec<Step>,
    /// Complaints not yet closed, the earliest deadline first.
    pub open_complaints: Vec<Complaint>,
    /// The last `RECENT` contacts, newest first (internal notes left out: they are not contacts).
    pub recent: Vec<Interaction>,
}

impl Glance {
    /// Gathers it from one customer's records (in any order).
    pub fn of(
        interactions: &[Interaction],
        winbacks: &[WinBack],
        complaints: &[Complaint],
        deals: &[Opportunity],
    ) -> Self {
        let mut steps: Vec<Step> = interactions
            .iter()
            .filter_map(|i| {
                let c = i.commitment.as_ref().filter(|c| c.is_open())?;
                Some(Step {
                    kind: StepKind::Promise,
                    text: c.text.clone(),
                    due: c.due,
                    member: i.keeper(),
                    record: i.id,
                    about: String::new(),
                })
            })
            .chain(
                winbacks
                    .iter()
                    .filter(|w| w.outcome == Outcome::Planned)
                    .map(|w| Step {
                        kind: StepKind::WinBack,
                        text: w.action.clone(),
                        due: w.due,
                        member: w.owner_id,
                        record: w.id,
                        about: String::new(),
                    }),
            )
            .chain(
                deals
                    .iter()
                    .filter(|o| o.deleted_at.is_none())
                    .filter_map(|o| {
                        let c = o.open_step()?;
                        Some(Step {
                            kind: StepKind::DealStep,
                            text: c.text.clone(),
                            due: c.due,
                            member: o.owner_id,
                            record: o.id,
                            about: o.name.clone(),
                        })
                    }),
            )
            .collect();
        steps.sort_by_key(|s| (s.due, s.kind == StepKind::WinBack));
        let mut open_complaints: Vec<Complaint> =
            complaints.iter().filter(|c| c.is_open()).cloned().collect();
        open_complaints.sort_by_key(|c| c.due);
        let mut recent: Vec<&Interaction> = interactions
            .iter()
            .filter(|i| i.channel != crate::domain::interaction::Channel::Note)
            .collect();
        recent.sort_by_key(|i| std::cmp::Reverse((i.at, i.id)));
        Glance {
            steps,
            open_complaints,
            recent: recent.into_iter().take(RECENT).cloned().collect(),
        }
    }

    /// The step to take next, if any.
    pub fn next_step(&self) -> Option<&Step> {
        self.steps.first()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::complaint::Status;
    use crate::domain::interaction::{Channel, Commitment};
    use crate::domain::record::Rev;
    use crate::domain::time::Timestamp;

    fn id(n: u64) -> Id {
        Id::from_parts(1_700_000_000_000 + n, [n as u8; 10])
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn contact(
        n: u64,
        at: i64,
        channel: Channel,
        promise: Option<(NaiveDate, bool)>,
    ) -> Interaction {
        Interaction {
            id: id(n),
            customer_id: id(1),
            at: Timestamp(at),
            channel,
            member_id: Some(id(90)),
            contact_id: None,
            summary: format!("contact {n}"),
            commitment: promise.map(|(due, done)| Commitment {
                text: format!("promise {n}"),
                due,
                owner_id: None,
                done_at: done.then_some(Timestamp(1)),
            }),
            created_at: Timestamp(at),
            updated_at: Timestamp(at),
            rev: Rev(1),
        }
    }

    fn plan(n: u64, due: NaiveDate, outcome: Outcome) -> WinBack {
        WinBack {
            id: id(n),
            customer_id: id(1),
            action: format!("step {n}"),
            owner_id: Some(id(91)),
            due,
            outcome,
            outcome_note: String::new(),
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            rev: Rev(1),
        }
    }

    #[test]
    fn the_next_step_is_the_earliest_open_promise_or_planned_action() {
        let interactions = [
            contact(10, 100, Channel::Call, Some((day(9), false))),
            contact(11, 200, Channel::Visit, Some((day(3), true))), // kept: not a step
            contact(12, 300, Channel::Email, Some((day(5), false))),
            contact(13, 400, Channel::Call, None),
        ];
        let winbacks = [
            plan(20, day(5), Outcome::Planned), // same day as promise 12: after it
            plan(21, day(1), Outcome::Won),     // concluded: not a step
            plan(22, day(7), Outcome::Planned),
        ];
        // An open deal's next step, and one of a deal in the trash.
        let deal = |n: u64, step: &str, due: NaiveDate| {
            use crate::domain::opportunity::OpportunityInput;
            use crate::domain::opportunity::stage::StageId;
            let fields = OpportunityInput {
                customer_id: Some(id(1)),
                name: "年度采购".into(),
                amount: "1000".into(),
                close_date: "2027-01-01".into(),
                owner_id: Some(id(92)),
                next_step: step.into(),
                next_step_due: crate::domain::time::date_input_value(due),
                ..OpportunityInput::default()
            }
            .validate()
            .unwrap();
            Opportunity::create(id(n), fields, StageId("needs".into()), None, Timestamp(0))
        };
        let mut gone = deal(31, "deal step 31", day(2));
        gone.deleted_at = Some(Timestamp(1));
        let deals = [deal(30, "deal step 30", day(4)), gone];
        let g = Glance::of(&interactions, &winbacks, &[], &deals);
        let order: Vec<(StepKind, &str)> =
            g.steps.iter().map(|s| (s.kind, s.text.as_str())).collect();
        assert_eq!(
            order,
            [
                (StepKind::DealStep, "deal step 30"),
                (StepKind::Promise, "promise 12"),
                (StepKind::WinBack, "step 20"),
                (StepKind::WinBack, "step 22"),
                (StepKind::Promise, "promise 10"),
            ]
        );
        let next = g.next_step().unwrap();
        assert_eq!(
            (next.record, next.member, next.about.as_str()),
            (id(30), Some(id(92)), "年度采购")
        );
        let promise = &g.steps[1];
        assert_eq!((promise.record, promise.member), (id(12), Some(id(90))));
        assert!(promise.is_overdue(day(6)));
        assert!(!promise.is_overdue(day(5)), "due today is not overdue");
    }

    #[test]
    fn recent_contacts_are_the_last_three_without_internal_notes() {
        let interactions = [
            contact(1, 100, Channel::Call, None),
            contact(2, 500, Channel::Note, None), // newest, but a note
            contact(3, 300, Channel::Visit, None),
            contact(4, 400, Channel::WeChat, None),
            contact(5, 200, Channel::Email, None),
        ];
        let g = Glance::of(&interactions, &[], &[], &[]);
        let ids: Vec<Id> = g.recent.iter().map(|i| i.id).collect();
        assert_eq!(ids, [id(4), id(3), id(5)]);
        assert!(g.steps.is_empty());
        assert_eq!(g.next_step(), None);
    }

    #[test]
    fn open_complaints_come_earliest_deadline_first_and_closed_ones_stay_out() {
        let complaint = |n: u64, due: i64, status: Status| {
            let mut c = Complaint::new(id(n), id(1), Timestamp(0));
            c.due = Timestamp(due);
            c.status = status;
            c
        };
        let complaints = [
            complaint(30, 900, Status::New),
            complaint(31, 100, Status::Closed),
            complaint(32, 500, Status::Resolved), // resolved, not yet confirmed: still open
            complaint(33, 700, Status::Acknowledged),
        ];
        let g = Glance::of(&[], &[], &complaints, &[]);
        let ids: Vec<Id> = g.open_complaints.iter().map(|c| c.id).collect();
        assert_eq!(ids, [id(32), id(33), id(30)]);
    }
}
