//! Leads (线索): people and organisations that are not customers yet — a business card from a
//! trade show, a web inquiry, a name from a campaign. A lead moves **new → contacted →
//! qualified → converted**, or is *disqualified* with a reason; every change of status and of
//! owner is kept with its time, so the funnel's days between steps and the handover's ownership
//! history come from the record itself.
//!
//! Matching a lead with the customers, contact persons and other leads already stored is
//! [`matching`]; the qualification score and the conversion build on this module.

pub mod activity;
pub mod assign;
pub mod convert;
pub mod funnel;
pub mod list;
pub mod matching;
pub mod score;
#[cfg(test)]
mod tests;

use crate::domain::customer::{Errors, Source, validate_emails, validate_phones, wechat_id};
use crate::domain::id::Id;
pub use crate::domain::member::{Ownership, hand_over};
use crate::domain::record::Rev;
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_NAME, MAX_TEXT, Problem};
use serde::{Deserialize, Serialize};

/// Where a lead came from: the customer sources, plus a campaign and a web inquiry.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum LeadSource {
    /// 展会
    TradeShow,
    /// 转介绍
    Referral,
    /// 网站
    Website,
    /// 陌生拜访 / 电话
    ColdCall,
    /// 广告
    Advertising,
    /// 营销活动
    Campaign,
    /// 网站询盘
    WebInquiry,
    /// 其他
    #[default]
    Other,
}

impl LeadSource {
    /// Every source, in display order.
    pub const ALL: [LeadSource; 8] = [
        LeadSource::TradeShow,
        LeadSource::Referral,
        LeadSource::Website,
        LeadSource::WebInquiry,
        LeadSource::Campaign,
        LeadSource::ColdCall,
        LeadSource::Advertising,
        LeadSource::Other,
    ];

    /// A stable short name (URL parameters, CSV).
    pub fn as_str(self) -> &'static str {
        match self {
            LeadSource::TradeShow => "trade_show",
            LeadSource::Referral => "referral",
            LeadSource::Website => "website",
            LeadSource::ColdCall => "cold_call",
            LeadSource::Advertising => "advertising",
            LeadSource::Campaign => "campaign",
            LeadSource::WebInquiry => "web_inquiry",
            LeadSource::Other => "other",
        }
    }

    /// The source named by [`as_str`](Self::as_str).
    pub fn parse(s: &str) -> Option<LeadSource> {
        LeadSource::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The customer source a converted lead keeps (a campaign is advertising, a web inquiry
    /// came through the website).
    pub fn customer_source(self) -> Source {
        match self {
            LeadSource::TradeShow => Source::TradeShow,
            LeadSource::Referral => Source::Referral,
            LeadSource::Website | LeadSource::WebInquiry => Source::Website,
            LeadSource::ColdCall => Source::ColdCall,
            LeadSource::Advertising | LeadSource::Campaign => Source::Advertising,
            LeadSource::Other => Source::Other,
        }
    }
}

/// Where a lead stands.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    /// 新线索: nobody has reached them yet.
    #[default]
    New,
    /// 已联系
    Contacted,
    /// 已确认: a real need, budget and someone who decides.
    Qualified,
    /// 已转化: became a customer (or a contact person of one).
    Converted,
    /// 无效: see the reason.
    Disqualified,
}

impl LeadStatus {
    /// Every status, in funnel order.
    pub const ALL: [LeadStatus; 5] = [
        LeadStatus::New,
        LeadStatus::Contacted,
        LeadStatus::Qualified,
        LeadStatus::Converted,
        LeadStatus::Disqualified,
    ];

    /// The statuses a user sets by hand (conversion sets [`Converted`](Self::Converted)).
    pub const MANUAL: [LeadStatus; 4] = [
        LeadStatus::New,
        LeadStatus::Contacted,
        LeadStatus::Qualified,
        LeadStatus::Disqualified,
    ];

    /// A stable short name (URL parameters, CSS classes, CSV).
    pub fn as_str(self) -> &'static str {
        match self {
            LeadStatus::New => "new",
            LeadStatus::Contacted => "contacted",
            LeadStatus::Qualified => "qualified",
            LeadStatus::Converted => "converted",
            LeadStatus::Disqualified => "disqualified",
        }
    }

    /// The status named by [`as_str`](Self::as_str).
    pub fn parse(s: &str) -> Option<LeadStatus> {
        LeadStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still being worked on (neither converted nor disqualified).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            LeadStatus::New | LeadStatus::Contacted | LeadStatus::Qualified
        )
    }
}

/// Why a lead was disqualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisqualifyReason {
    /// 无需求
    NoNeed,
    /// 无预算
    NoBudget,
    /// 无决策权
    NoAuthority,
    /// 已选竞争对手
    Competitor,
    /// 联系不上
    Unreachable,
    /// 重复线索
    Duplicate,
    /// 其他
    Other,
}

impl DisqualifyReason {
    /// Every reason, in display order.
    pub const ALL: [DisqualifyReason; 7] = [
        DisqualifyReason::NoNeed,
        DisqualifyReason::NoBudget,
        DisqualifyReason::NoAuthority,
        DisqualifyReason::Competitor,
        DisqualifyReason::Unreachable,
        DisqualifyReason::Duplicate,
        DisqualifyReason::Other,
    ];

    /// A stable short name.
    pub fn as_str(self) -> &'static str {
        match self {
            DisqualifyReason::NoNeed => "no_need",
            DisqualifyReason::NoBudget => "no_budget",
            DisqualifyReason::NoAuthority => "no_authority",
            DisqualifyReason::Competitor => "competitor",
            DisqualifyReason::Unreachable => "unreachable",
            DisqualifyReason::Duplicate => "duplicate",
            DisqualifyReason::Other => "other",
        }
    }

    /// The reason named by [`as_str`](Self::as_str).
    pub fn parse(s: &str) -> Option<DisqualifyReason> {
        DisqualifyReason::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One change of status, kept in order on the lead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub at: Timestamp,
    pub to: LeadStatus,
}

/// What a converted lead became.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversion {
    pub customer_id: Id,
    /// The contact person made from the lead, when it was a person.
    pub contact_id: Option<Id>,
    pub at: Timestamp,
}

/// A lead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    pub id: Id,
    /// The person's name (may be empty when only the organisation is known).
    pub name: String,
    /// The organisation (may be empty for a private person).
    pub company: String,
    /// Job title (职位).
    pub title: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub wechat: String,
    pub region: String,
    pub industry: String,
    pub source: LeadSource,
    /// The campaign or event it came from (free text until campaigns exist).
    pub campaign: String,
    pub notes: String,
    pub owner_id: Option<Id>,
    pub status: LeadStatus,
    /// Set while the status is [`LeadStatus::Disqualified`].
    pub disqualify_reason: Option<DisqualifyReason>,
    /// Asked not to be contacted: left out of calls and marketing like a customer would be.
    pub do_not_contact: bool,
    /// Every status the lead has had, oldest first (the first is where it started).
    pub history: Vec<StatusChange>,
    /// Every owner the lead has had, oldest first.
    pub owners: Vec<Ownership>,
    pub converted: Option<Conversion>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When it was moved to the trash.
    pub deleted_at: Option<Timestamp>,
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: Rev,
}

/// A lead form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeadInput {
    pub name: String,
    pub company: String,
    pub title: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub wechat: String,
    pub region: String,
    pub industry: String,
    pub source: LeadSource,
    pub campaign: String,
    pub notes: String,
    pub owner_id: Option<Id>,
    pub do_not_contact: bool,
}

/// The validated content of a [`LeadInput`].
#[derive(Clone, Debug, PartialEq)]
pub struct LeadFields {
    pub name: String,
    pub company: String,
    pub title: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub wechat: String,
    pub region: String,
    pub industry: String,
    pub source: LeadSource,
    pub campaign: String,
    pub notes: String,
    pub owner_id: Option<Id>,
    pub do_not_contact: bool,
}

impl LeadInput {
    /// The form filled from a stored lead, for editing.
    pub fn from_lead(l: &Lead) -> Self {
        LeadInput {
            name: l.name.clone(),
            company: l.company.clone(),
            title: l.title.clone(),
            phones: l.phones.clone(),
            emails: l.emails.clone(),
            wechat: l.wechat.clone(),
            region: l.region.clone(),
            industry: l.industry.clone(),
            source: l.source,
            campaign: l.campaign.clone(),
            notes: l.notes.clone(),
            owner_id: l.owner_id,
            do_not_contact: l.do_not_contact,
        }
    }

    /// Checks every field; all problems at once, each naming its field (and entry). A lead
    /// needs a person's name or an organisation, and some way to reach or find them is not
    /// required (a name from a referral is a lead).
    pub fn validate(&self) -> Result<LeadFields, Vec<FieldError>> {
        let mut e = Errors::default();
        let name = e.check(Field::Name, validate::optional_line(&self.name, MAX_NAME));
        let company = e.check(
            Field::Company,
            validate::optional_line(&self.company, MAX_NAME),
        );
        if self.name.trim().is_empty() && self.company.trim().is_empty() {
            e.0.push(FieldError::new(Field::Name, Problem::NameOrCompany));
        }
        let title = e.check(Field::Title, validate::optional_line(&self.title, MAX_LINE));
        let phones = validate_phones(&mut e, Field::Phone, &self.phones);
        let emails = validate_emails(&mut e, Field::Email, &self.emails);
        let wechat = e.check(Field::WeChat, wechat_id(&self.wechat));
        let region = e.check(
            Field::Region,
            validate::optional_line(&self.region, MAX_LINE),
        );
        let industry = e.check(
            Field::Industry,
            validate::optional_line(&self.industry, MAX_LINE),
        );
        let campaign = e.check(
            Field::Campaign,
            validate::optional_line(&self.campaign, MAX_LINE),
        );
        let notes = e.check(Field::Notes, validate::text_block(&self.notes, MAX_TEXT));
        e.finish(LeadFields {
            name,
            company,
            title,
            phones,
            emails,
            wechat,
            region,
            industry,
            source: self.source,
            campaign,
            notes,
            owner_id: self.owner_id,
            do_not_contact: self.do_not_contact,
        })
    }
}

/// A status change that cannot be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusError {
    /// A converted lead's status is its conversion's; it does not change by hand.
    AlreadyConverted,
    /// Conversion sets the converted status, with what the lead became.
    ConvertByHand,
    /// Disqualifying needs a reason.
    ReasonRequired,
}

impl Lead {
    /// A new lead from validated fields, new and owned as the form says.
    pub fn create(id: Id, fields: LeadFields, now: Timestamp) -> Self {
        let mut lead = Lead {
            id,
            name: String::new(),
            company: String::new(),
            title: String::new(),
            phones: Vec::new(),
            emails: Vec::new(),
            wechat: String::new(),
            region: String::new(),
            industry: String::new(),
            source: LeadSource::Other,
            campaign: String::new(),
            notes: String::new(),
            owner_id: fields.owner_id,
            status: LeadStatus::New,
            disqualify_reason: None,
            do_not_contact: false,
            history: vec![StatusChange {
                at: now,
                to: LeadStatus::New,
            }],
            owners: vec![Ownership {
                owner_id: fields.owner_id,
                from: now,
            }],
            converted: None,
            created_at: now,
            updated_at: now,
            deleted_at: None,
            rev: Rev::default(),
        };
        lead.apply(fields, now);
        lead
    }

    /// Takes validated fields from a form; a new owner starts a new entry of the ownership
    /// history.
    pub fn apply(&mut self, f: LeadFields, now: Timestamp) {
        if f.owner_id != self.owner_id {
            self.set_owner(f.owner_id, now);
        }
        self.name = f.name;
        self.company = f.company;
        self.title = f.title;
        self.phones = f.phones;
        self.emails = f.emails;
        self.wechat = f.wechat;
        self.region = f.region;
        self.industry = f.industry;
        self.source = f.source;
        self.campaign = f.campaign;
        self.notes = f.notes;
        self.do_not_contact = f.do_not_contact;
        self.updated_at = now;
    }

    /// Hands the lead to `owner` (`None`: back to the unassigned queue) from `now`.
    pub fn set_owner(&mut self, owner: Option<Id>, now: Timestamp) {
        if hand_over(&mut self.owner_id, &mut self.owners, owner, now) {
            self.updated_at = now;
        }
    }

    /// Moves the lead to `to` (with `reason` when disqualifying). Setting the status it has
    /// changes nothing; a disqualified lead may be reopened.
    pub fn set_status(
        &mut self,
        to: LeadStatus,
        reason: Option<DisqualifyReason>,
        now: Timestamp,
    ) -> Result<(), StatusError> {
        if self.status == LeadStatus::Converted {
            return Err(StatusError::AlreadyConverted);
        }
        if to == LeadStatus::Converted {
            return Err(StatusError::ConvertByHand);
        }
        let reason = match (to, reason) {
            (LeadStatus::Disqualified, None) => return Err(StatusError::ReasonRequired),
            (LeadStatus::Disqualified, Some(r)) => Some(r),
            _ => None,
        };
        if to == self.status && reason == self.disqualify_reason {
            return Ok(());
        }
        if to != self.status {
            self.history.push(StatusChange { at: now, to });
        }
        self.status = to;
        self.disqualify_reason = reason;
        self.updated_at = now;
        Ok(())
    }

    /// The name shown for the lead: the person, with the organisation when both are known.
    pub fn display_name(&self) -> String {
        match (self.name.is_empty(), self.company.is_empty()) {
            (false, false) => format!("{} · {}", self.name, self.company),
            (false, true) => self.name.clone(),
            _ => self.company.clone(),
        }
    }

    /// When the lead first reached `status`, if it has.
    pub fn reached(&self, status: LeadStatus) -> Option<Timestamp> {
        self.history.iter().find(|c| c.to == status).map(|c| c.at)
    }
}
