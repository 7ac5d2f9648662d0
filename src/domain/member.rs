//! Team members: the people on our side who own accounts and record interactions.

use crate::domain::customer::Errors;
use crate::domain::id::Id;
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, Field, FieldError, MAX_NAME};
use serde::{Deserialize, Serialize};

/// What a team member does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum MemberRole {
    /// 销售代表
    #[default]
    SalesRep,
    /// 销售经理
    SalesManager,
    /// 客服
    Service,
    /// 市场
    Marketing,
    /// 管理员
    Admin,
}

impl MemberRole {
    /// Every role, in display order.
    pub const ALL: [MemberRole; 5] = [
        MemberRole::SalesRep,
        MemberRole::SalesManager,
        MemberRole::Service,
        MemberRole::Marketing,
        MemberRole::Admin,
    ];
}

/// A person on our team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// Time-ordered id.
    pub id: Id,
    /// Name.
    pub name: String,
    /// Role.
    pub role: MemberRole,
    /// When added.
    pub created_at: Timestamp,
    /// When they left the team: they can no longer be chosen as owner, and stay named on
    /// every record they touched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_at: Option<Timestamp>,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

impl TeamMember {
    /// Validates a name and role into a member (new when `existing` is `None`).
    pub fn from_input(
        name: &str,
        role: MemberRole,
        existing: Option<&TeamMember>,
        now: Timestamp,
    ) -> Result<TeamMember, Vec<FieldError>> {
        let mut e = Errors::default();
        let name = e.check(Field::Name, validate::required_line(name, MAX_NAME));
        e.finish(TeamMember {
            rev: existing.map_or(crate::domain::record::Rev::default(), |x| x.rev),
            id: existing.map_or_else(Id::generate, |m| m.id),
            name,
            role,
            created_at: existing.map_or(now, |m| m.created_at),
            left_at: existing.and_then(|m| m.left_at),
        })
    }

    /// Whether they are still on the team.
    pub fn is_active(&self) -> bool {
        self.left_at.is_none()
    }
}

/// Who owned a record (a customer, a lead, an opportunity) from when (until the next entry's
/// `from`); `None`: nobody (the unassigned queue).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ownership {
    pub owner_id: Option<Id>,
    pub from: Timestamp,
}

/// Gives a record (a lead, an opportunity) whose owner is `current` and ownership history
/// `owners` the owner `to` from `now`; false when it already has them (and a history).
pub fn hand_over(
    current: &mut Option<Id>,
    owners: &mut Vec<Ownership>,
    to: Option<Id>,
    now: Timestamp,
) -> bool {
    if to == *current && !owners.is_empty() {
        return false;
    }
    *current = to;
    owners.push(Ownership {
        owner_id: to,
        from: now,
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::Problem;

    #[test]
    fn members_need_a_name() {
        let m =
            TeamMember::from_input(" 王芳 ", MemberRole::SalesManager, None, Timestamp(1)).unwrap();
        assert_eq!(m.name, "王芳");
        assert_eq!(
            TeamMember::from_input("", MemberRole::SalesRep, None, Timestamp(1)).unwrap_err(),
            vec![FieldError::new(Field::Name, Problem::Required)]
        );
        let renamed = TeamMember::from_input("王芳芳", m.role, Some(&m), Timestamp(2)).unwrap();
        assert_eq!((renamed.id, renamed.created_at), (m.id, m.created_at));
    }
}
