//! "My day" (今日工作): what a member has to do today, from the records — promises due today
//! or overdue, complaints they handle that are near or past their deadline, valuable customers
//! of theirs at risk (the call list), and win-back steps due. A manager sees the same for the
//! whole team, member by member.

use crate::domain::analysis::report::AtRisk;
use crate::domain::churn::{Outcome, WinBack};
use crate::domain::complaint::Complaint;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::time::Timestamp;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A complaint is near its deadline within this many hours.
pub const NEAR_DEADLINE_HOURS: i64 = 24;

/// What the agenda is read from.
pub struct Sources<'a> {
    /// Interactions with a commitment (open ones count).
    pub interactions: &'a [Interaction],
    pub complaints: &'a [Complaint],
    pub winbacks: &'a [WinBack],
    /// The call list (valuable customers at risk), most valuable first.
    pub at_risk: &'a [AtRisk],
    /// Each customer's owner; customers not in it (in the trash, gone) are left out.
    pub owners: &'a dyn Fn(Id) -> Option<Option<Id>>,
}

/// One member's day (or the unassigned items', with `member` `None`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Agenda {
    pub member: Option<Id>,
    /// Promises past their due date, earliest first.
    pub overdue: Vec<Interaction>,
    /// Promises due today.
    pub due_today: Vec<Interaction>,
    /// Pending complaints past or within [`NEAR_DEADLINE_HOURS`] of their deadline, earliest
    /// deadline first.
    pub complaints: Vec<Complaint>,
    /// Customers of theirs on the call list, most valuable first.
    pub calls: Vec<AtRisk>,
    /// Win-back steps planned for today or earlier, earliest first.
    pub winbacks: Vec<WinBack>,
}

impl Agenda {
    /// Nothing to do.
    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty()
            && self.due_today.is_empty()
            && self.complaints.is_empty()
            && self.calls.is_empty()
            && self.winbacks.is_empty()
    }

    /// How many items in all.
    pub fn len(&self) -> usize {
        self.overdue.len()
            + self.due_today.len()
            + self.complaints.len()
            + self.calls.len()
            + self.winbacks.len()
    }
}

/// The agenda of `member` in `by`, made on first use.
fn agenda_of(by: &mut BTreeMap<Option<Id>, Agenda>, member: Option<Id>) -> &mut Agenda {
    by.entry(member).or_insert_with(|| Agenda {
        member,
        ..Agenda::default()
    })
}

/// Every member's day, by member (the unassigned items last), members with nothing left out.
/// A promise belongs to who made it, a complaint to who handles it, a call to the customer's
/// owner, a win-back step to who does it. Records of customers not in `owners` (in the trash)
/// are left out.
pub fn agendas(s: &Sources<'_>, today: NaiveDate, now: Timestamp) -> Vec<Agenda> {
    let mut by: BTreeMap<Option<Id>, Agenda> = BTreeMap::new();
    let known = |customer: Id| (s.owners)(customer).is_some();
    for i in s.interactions {
        let Some(c) = i.commitment.as_ref().filter(|c| c.is_open()) else {
            continue;
        };
        if !known(i.customer_id) || c.due > today {
            continue;
        }
        let agenda = agenda_of(&mut by, i.keeper());
        if c.due < today {
            agenda.overdue.push(i.clone());
        } else {
            agenda.due_today.push(i.clone());
        }
    }
    let horizon = now.0 + NEAR_DEADLINE_HOURS * 3_600_000;
    for c in s.complaints {
        if c.is_pending() && c.due.0 <= horizon && known(c.customer_id) {
            agenda_of(&mut by, c.owner_id).complaints.push(c.clone());
        }
    }
    for r in s.at_risk {
        if let Some(owner) = (s.owners)(r.id) {
            agenda_of(&mut by, owner).calls.push(*r);
        }
    }
    for w in s.winbacks {
        if w.outcome == Outcome::Planned && w.due <= today && known(w.customer_id) {
            agenda_of(&mut by, w.owner_id).winbacks.push(w.clone());
        }
    }
    let mut out: Vec<Agenda> = by.into_values().collect();
    for a in &mut out {
        a.overdue
            .sort_by_key(|i| i.commitment.as_ref().map(|c| c.due));
        a.complaints.sort_by_key(|c| c.due);
        a.winbacks.sort_by_key(|w| w.due);
    }
    // The unassigned items after the members'.
    out.sort_by_key(|a| (a.member.is_none(), a.member));
    out
}

/// A complaint's deadline is announced this many minutes ahead.
pub const NOTIFY_AHEAD_MINUTES: i64 = 60;

/// What a notification is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// A promise due today.
    Promise,
    /// A complaint whose deadline is within [`NOTIFY_AHEAD_MINUTES`] or has just passed.
    Complaint,
    /// A win-back step planned for today.
    WinBack,
}

/// One item coming due, to announce once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Stable for the item and its due date or deadline: announced once, and again only if
    /// the date moves.
    pub key: String,
    pub kind: NoticeKind,
    pub customer_id: Id,
    /// The promise, the complaint's description or the step.
    pub text: String,
}

/// The items of one agenda coming due at `now` that are not in `announced` yet: promises and
/// win-back steps due today (overdue ones were due before the app could say so), and pending
/// complaints whose deadline is less than [`NOTIFY_AHEAD_MINUTES`] away or passed.
pub fn coming_due(
    agenda: &Agenda,
    today: NaiveDate,
    now: Timestamp,
    announced: &std::collections::HashSet<String>,
) -> Vec<Notice> {
    let mut out = Vec::new();
    for i in &agenda.due_today {
        if let Some(c) = &i.commitment {
            out.push(Notice {
                key: format!("promise:{}:{}", i.id, c.due),
                kind: NoticeKind::Promise,
                customer_id: i.customer_id,
                text: c.text.clone(),
            });
        }
    }
    for c in &agenda.complaints {
        if c.due.0 - now.0 <= NOTIFY_AHEAD_MINUTES * 60_000 {
            out.push(Notice {
                key: format!("complaint:{}:{}", c.id, c.due.0),
                kind: NoticeKind::Complaint,
                customer_id: c.customer_id,
                text: c.description.clone(),
            });
        }
    }
    for w in &agenda.winbacks {
        if w.due == today {
            out.push(Notice {
                key: format!("winback:{}:{}", w.id, w.due),
                kind: NoticeKind::WinBack,
                customer_id: w.customer_id,
                text: w.action.clone(),
            });
        }
    }
    out.retain(|n| !announced.contains(&n.key));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::complaint::Status;
    use crate::domain::interaction::{Channel, Commitment};
    use crate::domain::record::Rev;

    const HOUR: i64 = 3_600_000;

    fn id(n: u64) -> Id {
        Id::from_parts(1_700_000_000_000 + n, [n as u8; 10])
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn promise(
        n: u64,
        customer: Id,
        member: Option<Id>,
        due: NaiveDate,
        done: bool,
    ) -> Interaction {
        Interaction {
            id: id(100 + n),
            customer_id: customer,
            at: Timestamp(0),
            channel: Channel::Call,
            member_id: member,
            contact_id: None,
            summary: String::new(),
            commitment: Some(Commitment {
                text: format!("promise {n}"),
                due,
                owner_id: None,
                done_at: done.then_some(Timestamp(1)),
            }),
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            rev: Rev(1),
        }
    }

    fn complaint(
        n: u64,
        customer: Id,
        owner: Option<Id>,
        due: Timestamp,
        status: Status,
    ) -> Complaint {
        let mut c = Complaint::new(id(200 + n), customer, Timestamp(0));
        c.owner_id = owner;
        c.due = due;
        c.status = status;
        c
    }

    fn winback(
        n: u64,
        customer: Id,
        owner: Option<Id>,
        due: NaiveDate,
        outcome: Outcome,
    ) -> WinBack {
        WinBack {
            id: id(300 + n),
            customer_id: customer,
            action: format!("step {n}"),
            owner_id: owner,
            due,
            outcome,
            outcome_note: String::new(),
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            rev: Rev(1),
        }
    }

    #[test]
    fn each_member_gets_what_is_due_and_nothing_else() {
        let (me, other) = (id(1), id(2));
        // Customers: a and b owned by me, c by the other member, d unowned, e in the trash.
        let (a, b, c, d, e) = (id(11), id(12), id(13), id(14), id(15));
        let owners = move |customer: Id| -> Option<Option<Id>> {
            match customer {
                x if x == a || x == b => Some(Some(me)),
                x if x == c => Some(Some(other)),
                x if x == d => Some(None),
                _ => None,
            }
        };
        let today = day(2);
        let now = Timestamp(1_795_000_000_000);
        let interactions = [
            promise(1, a, Some(me), day(1), false),    // overdue
            promise(2, b, Some(me), day(2), false),    // due today
            promise(3, a, Some(me), day(3), false),    // tomorrow: not yet
            promise(4, a, Some(me), day(1), true),     // done
            promise(5, e, Some(me), day(1), false),    // customer in the trash
            promise(6, c, Some(other), day(1), false), // the other member's
            promise(7, a, Some(me), day(1) - chrono::Days::new(3), false), // overdue, earlier
        ];
        let complaints = [
            complaint(1, a, Some(me), Timestamp(now.0 + 5 * HOUR), Status::New), // near
            complaint(2, a, Some(me), Timestamp(now.0 + 30 * HOUR), Status::New), // not yet
            complaint(
                3,
                b,
                Some(me),
                Timestamp(now.0 - HOUR),
                Status::Acknowledged,
            ), // overdue
            complaint(4, b, Some(me), Timestamp(now.0 - HOUR), Status::Resolved), // solved
            complaint(5, d, None, Timestamp(now.0 + HOUR), Status::New),         // nobody's
        ];
        let winbacks = [
            winback(1, c, Some(other), day(2), Outcome::Planned), // due today
            winback(2, c, Some(other), day(3), Outcome::Planned), // tomorrow
            winback(3, c, Some(other), day(1), Outcome::Won),     // done
        ];
        let at_risk = [
            AtRisk {
                id: b,
                clv: 900.0,
                p_alive: 0.3,
                p_alive_before: None,
            },
            AtRisk {
                id: d,
                clv: 800.0,
                p_alive: 0.4,
                p_alive_before: Some(0.7),
            },
            AtRisk {
                id: e,
                clv: 700.0,
                p_alive: 0.2,
                p_alive_before: None,
            },
        ];
        let sources = Sources {
            interactions: &interactions,
            complaints: &complaints,
            winbacks: &winbacks,
            at_risk: &at_risk,
            owners: &owners,
        };
        let all = agendas(&sources, today, now);
        assert_eq!(
            all.iter().map(|a| a.member).collect::<Vec<_>>(),
            [Some(me), Some(other), None]
        );
        let mine = &all[0];
        let texts = |list: &[Interaction]| -> Vec<String> {
            list.iter()
                .map(|i| i.commitment.clone().unwrap().text)
                .collect()
        };
        assert_eq!(texts(&mine.overdue), ["promise 7", "promise 1"]);
        assert_eq!(texts(&mine.due_today), ["promise 2"]);
        assert_eq!(
            mine.complaints.iter().map(|c| c.id).collect::<Vec<_>>(),
            [id(203), id(201)]
        );
        assert_eq!(mine.calls.iter().map(|r| r.id).collect::<Vec<_>>(), [b]);
        assert!(mine.winbacks.is_empty());
        assert_eq!(mine.len(), 6);
        let theirs = &all[1];
        assert_eq!(texts(&theirs.overdue), ["promise 6"]);
        assert_eq!(
            theirs.winbacks.iter().map(|w| w.id).collect::<Vec<_>>(),
            [id(301)]
        );
        let nobody = &all[2];
        assert_eq!(nobody.complaints.len(), 1);
        assert_eq!(nobody.calls.iter().map(|r| r.id).collect::<Vec<_>>(), [d]);
        assert!(!nobody.is_empty());
    }

    #[test]
    fn coming_due_announces_each_item_once_and_complaints_an_hour_ahead() {
        let (me, a) = (id(1), id(11));
        let today = day(2);
        let now = Timestamp(1_795_000_000_000);
        let agenda = Agenda {
            member: Some(me),
            overdue: vec![promise(1, a, Some(me), day(1), false)],
            due_today: vec![promise(2, a, Some(me), day(2), false)],
            complaints: vec![
                complaint(1, a, Some(me), Timestamp(now.0 + 59 * 60_000), Status::New), // within the hour
                complaint(2, a, Some(me), Timestamp(now.0 + 61 * 60_000), Status::New), // not yet
                complaint(
                    3,
                    a,
                    Some(me),
                    Timestamp(now.0 - HOUR),
                    Status::Acknowledged,
                ), // passed
            ],
            calls: Vec::new(),
            winbacks: vec![
                winback(1, a, Some(me), day(2), Outcome::Planned), // today
                winback(2, a, Some(me), day(1), Outcome::Planned), // overdue: not announced
            ],
        };
        let none = std::collections::HashSet::new();
        let notices = coming_due(&agenda, today, now, &none);
        let got: Vec<(NoticeKind, &str)> =
            notices.iter().map(|n| (n.kind, n.text.as_str())).collect();
        let descriptions: Vec<String> = agenda
            .complaints
            .iter()
            .map(|c| c.description.clone())
            .collect();
        assert_eq!(
            got,
            vec![
                (NoticeKind::Promise, "promise 2"),
                (NoticeKind::Complaint, descriptions[0].as_str()),
                (NoticeKind::Complaint, descriptions[2].as_str()),
                (NoticeKind::WinBack, "step 1"),
            ]
        );
        // Announced once: the same items are not announced again.
        let announced: std::collections::HashSet<String> =
            notices.iter().map(|n| n.key.clone()).collect();
        assert_eq!(coming_due(&agenda, today, now, &announced), Vec::new());
        // A deadline moved (the complaint was re-graded) is announced again.
        let mut moved = agenda.clone();
        moved.complaints[0].due = Timestamp(now.0 + 30 * 60_000);
        assert_eq!(coming_due(&moved, today, now, &announced).len(), 1);
    }
}
