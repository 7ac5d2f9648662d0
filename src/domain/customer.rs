//! The customer (客户): identity, contact channels, ownership, the four information blocks of
//! the customer file, credit and do-not-contact preferences.

use crate::domain::id::Id;
use crate::domain::money::{Currency, Money, parse_amount};
use crate::domain::time::{Timestamp, parse_date};
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_NAME, MAX_TEXT, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether the customer is an organisation or a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Party {
    /// A company, institution or other organisation (单位客户).
    #[default]
    Organisation,
    /// A private person (个人客户).
    Individual,
}

/// The relationship kind (客户类型) of seed 004.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum CustomerKind {
    /// 企业购买者: a business buying for its own use or production.
    #[default]
    EnterpriseBuyer,
    /// 机构购买者: a government body, school, hospital... buying through tenders.
    InstitutionalBuyer,
    /// 经销商: buys to resell.
    Distributor,
    /// 个人消费者: an individual consumer.
    Consumer,
}

impl CustomerKind {
    /// Every kind, in display order.
    pub const ALL: [CustomerKind; 4] = [
        CustomerKind::EnterpriseBuyer,
        CustomerKind::InstitutionalBuyer,
        CustomerKind::Distributor,
        CustomerKind::Consumer,
    ];
    /// A stable short name for URLs and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerKind::EnterpriseBuyer => "enterprise",
            CustomerKind::InstitutionalBuyer => "institution",
            CustomerKind::Distributor => "distributor",
            CustomerKind::Consumer => "consumer",
        }
    }
    /// The kind for a short name produced by [`CustomerKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where the customer came from (客户来源).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Source {
    /// 展会
    TradeShow,
    /// 转介绍
    Referral,
    /// 网站
    Website,
    /// 陌生电话
    ColdCall,
    /// 广告
    Advertising,
    /// 其他
    #[default]
    Other,
}

impl Source {
    /// Every source, in display order.
    pub const ALL: [Source; 6] = [
        Source::TradeShow,
        Source::Referral,
        Source::Website,
        Source::ColdCall,
        Source::Advertising,
        Source::Other,
    ];
}

/// A way of reaching the customer, for do-not-contact preferences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ContactChannel {
    /// Phone calls.
    Phone,
    /// Text messages.
    Sms,
    /// E-mail.
    Email,
    /// WeChat messages.
    WeChat,
    /// Letters and printed mailings.
    Post,
    /// Visits in person.
    Visit,
}

impl ContactChannel {
    /// Every channel, in display order.
    pub const ALL: [ContactChannel; 6] = [
        ContactChannel::Phone,
        ContactChannel::Sms,
        ContactChannel::Email,
        ContactChannel::WeChat,
        ContactChannel::Post,
        ContactChannel::Visit,
    ];
}

/// The customer asked not to be contacted ("stop mailing me", seed 000).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoNotContact {
    /// Since when the wish applies.
    pub since: NaiveDate,
    /// The channels it covers; all of them when empty.
    pub channels: Vec<ContactChannel>,
}

impl DoNotContact {
    /// Whether the preference forbids the given channel.
    pub fn forbids(&self, channel: ContactChannel) -> bool {
        self.channels.is_empty() || self.channels.contains(&channel)
    }
}

/// Direction of the customer's business.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Trend {
    /// Not known.
    #[default]
    Unknown,
    /// Growing.
    Growing,
    /// Stable.
    Stable,
    /// Shrinking.
    Declining,
}

impl Trend {
    /// Every value, in display order.
    pub const ALL: [Trend; 4] = [
        Trend::Unknown,
        Trend::Growing,
        Trend::Stable,
        Trend::Declining,
    ];
}

/// How well the customer pays (支付能力).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum PaymentAbility {
    /// Not known.
    #[default]
    Unknown,
    /// Pays on time.
    Good,
    /// Sometimes late.
    Fair,
    /// Often late or in difficulty.
    Poor,
}

impl PaymentAbility {
    /// Every value, in display order.
    pub const ALL: [PaymentAbility; 4] = [
        PaymentAbility::Unknown,
        PaymentAbility::Good,
        PaymentAbility::Fair,
        PaymentAbility::Poor,
    ];
}

/// Information block 1: the customer's business and its performance (业务内容和业绩变化).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct BusinessProfile {
    /// What the customer makes or sells.
    pub main_products: String,
    /// Their scale (annual sales, staff), in the user's words.
    pub scale: String,
    /// Direction of their sales and profit.
    pub trend: Trend,
    /// Their ability to pay.
    pub payment_ability: PaymentAbility,
    /// Anything else worth knowing.
    pub notes: String,
}

/// Our standing as a supplier at this customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum SupplierRank {
    /// Not known.
    #[default]
    Unknown,
    /// We are their only supplier of what we sell.
    Sole,
    /// We are their main supplier.
    Primary,
    /// One of several.
    Secondary,
    /// Occasional or trial supplier.
    Occasional,
}

impl SupplierRank {
    /// Every value, in display order.
    pub const ALL: [SupplierRank; 5] = [
        SupplierRank::Unknown,
        SupplierRank::Sole,
        SupplierRank::Primary,
        SupplierRank::Secondary,
        SupplierRank::Occasional,
    ];
}

/// Information block 3: our position at the customer (企业在客户中所处的位置).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OurPosition {
    /// Our standing among their suppliers.
    pub rank: SupplierRank,
    /// Our share of their total need for what we sell (0–100 %), when known.
    pub share_of_wallet: Option<u8>,
    /// Notes.
    pub notes: String,
}

/// Information block 4: one competitor present at the customer (竞争对手状况).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CompetitorPresence {
    /// The competitor.
    pub name: String,
    /// What they supply there, prices, relationships...
    pub notes: String,
}

/// A customer: an organisation or individual we sell to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Time-ordered id.
    pub id: Id,
    /// Organisation or individual.
    pub party: Party,
    /// Relationship kind.
    pub kind: CustomerKind,
    /// The organisation's or person's name.
    pub name: String,
    /// For an individual: the company they work for (optional).
    pub company: String,
    /// Industry (行业).
    pub industry: String,
    /// Region: province / city (地区).
    pub region: String,
    /// Street address.
    pub address: String,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// WeChat id.
    pub wechat: String,
    /// The team member responsible for the account.
    pub owner_id: Option<Id>,
    /// Every owner it had, oldest first, from the first change of owner on (a customer whose
    /// owner never changed has none: its owner held it since it was created).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<crate::domain::member::Ownership>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Where the customer came from.
    pub source: Source,
    /// Information block 1.
    pub business: BusinessProfile,
    /// Information block 2: the customer's own sales / purchasing policy (销售方针).
    pub sales_policy: String,
    /// Information block 3.
    pub position: OurPosition,
    /// Information block 4.
    pub competitors: Vec<CompetitorPresence>,
    /// Credit limit (信用限度额).
    pub credit_limit: Option<Money>,
    /// Do-not-contact preference.
    pub do_not_contact: Option<DoNotContact>,
    /// Free notes.
    pub notes: String,
    /// When the record was created.
    pub created_at: Timestamp,
    /// When the record last changed.
    pub updated_at: Timestamp,
    /// When the record was moved to the trash.
    pub deleted_at: Option<Timestamp>,
    /// The customer's number in another system (a spreadsheet, an ERP, another CRM), kept from
    /// an import so that later files can refer to the customer by it. Empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_id: String,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

/// A customer form as typed: every field as text, lists as entered.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CustomerInput {
    pub party: Party,
    pub kind: CustomerKind,
    pub name: String,
    pub company: String,
    pub industry: String,
    pub region: String,
    pub address: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub wechat: String,
    pub owner_id: Option<Id>,
    /// Tags as typed, separated by commas or 、.
    pub tags: String,
    pub source: Source,
    pub main_products: String,
    pub scale: String,
    pub trend: Trend,
    pub payment_ability: PaymentAbility,
    pub business_notes: String,
    pub sales_policy: String,
    pub rank: SupplierRank,
    pub share_of_wallet: String,
    pub position_notes: String,
    pub competitors: Vec<(String, String)>,
    pub credit_limit: String,
    pub credit_currency: Currency,
    pub do_not_contact: bool,
    pub do_not_contact_since: String,
    pub do_not_contact_channels: Vec<ContactChannel>,
    pub notes: String,
}

/// The validated content of a [`CustomerInput`], ready to become or update a [`Customer`].
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerFields {
    pub party: Party,
    pub kind: CustomerKind,
    pub name: String,
    pub company: String,
    pub industry: String,
    pub region: String,
    pub address: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub wechat: String,
    pub owner_id: Option<Id>,
    pub tags: Vec<String>,
    pub source: Source,
    pub business: BusinessProfile,
    pub sales_policy: String,
    pub position: OurPosition,
    pub competitors: Vec<CompetitorPresence>,
    pub credit_limit: Option<Money>,
    pub do_not_contact: Option<DoNotContact>,
    pub notes: String,
}

/// Collects field errors while validating a form.
#[derive(Default)]
pub(crate) struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn check<T>(&mut self, field: Field, result: Result<T, Problem>) -> T
    where
        T: Default,
    {
        match result {
            Ok(v) => v,
            Err(p) => {
                self.0.push(FieldError::new(field, p));
                T::default()
            }
        }
    }

    pub fn check_at<T: Default>(
        &mut self,
        field: Field,
        i: usize,
        result: Result<T, Problem>,
    ) -> T {
        match result {
            Ok(v) => v,
            Err(p) => {
                self.0.push(FieldError::at(field, i, p));
                T::default()
            }
        }
    }

    /// Whether a problem with `field` is already noted.
    pub fn has(&self, field: Field) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    pub fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

/// Validates a list field entry by entry, skipping blank entries and flagging repeats (two
/// entries with the same `identity`), so every problem names its entry.
fn validate_list(
    errors: &mut Errors,
    field: Field,
    raw: &[String],
    check: impl Fn(&str) -> Result<String, Problem>,
    identity: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, value) in raw.iter().enumerate() {
        if value.trim().is_empty() {
            continue;
        }
        match check(value) {
            Ok(value) => {
                let id = identity(&value);
                if seen.contains(&id) {
                    errors.0.push(FieldError::at(field, i, Problem::Duplicate));
                } else {
                    seen.push(id);
                    out.push(value);
                }
            }
            Err(problem) => errors.0.push(FieldError::at(field, i, problem)),
        }
    }
    out
}

/// Validates a list of phone numbers (the same number written differently is a repeat).
pub(crate) fn validate_phones(errors: &mut Errors, field: Field, raw: &[String]) -> Vec<String> {
    validate_list(
        errors,
        field,
        raw,
        |p| validate::phone(p).map(|(p, _)| p),
        validate::phone_identity,
    )
}

/// Validates a list of e-mail addresses (repeats compared case-insensitively).
pub(crate) fn validate_emails(errors: &mut Errors, field: Field, raw: &[String]) -> Vec<String> {
    validate_list(errors, field, raw, validate::email, str::to_lowercase)
}

impl CustomerInput {
    /// The form pre-filled from an existing customer, for editing.
    pub fn from_customer(c: &Customer) -> Self {
        CustomerInput {
            party: c.party,
            kind: c.kind,
            name: c.name.clone(),
            company: c.company.clone(),
            industry: c.industry.clone(),
            region: c.region.clone(),
            address: c.address.clone(),
            phones: c.phones.clone(),
            emails: c.emails.clone(),
            wechat: c.wechat.clone(),
            owner_id: c.owner_id,
            tags: c.tags.join(", "),
            source: c.source,
            main_products: c.business.main_products.clone(),
            scale: c.business.scale.clone(),
            trend: c.business.trend,
            payment_ability: c.business.payment_ability,
            business_notes: c.business.notes.clone(),
            sales_policy: c.sales_policy.clone(),
            rank: c.position.rank,
            share_of_wallet: c
                .position
                .share_of_wallet
                .map(|p| p.to_string())
                .unwrap_or_default(),
            position_notes: c.position.notes.clone(),
            competitors: c
                .competitors
                .iter()
                .map(|cp| (cp.name.clone(), cp.notes.clone()))
                .collect(),
            credit_limit: c
                .credit_limit
                .map(|m| m.amount.to_string())
                .unwrap_or_default(),
            credit_currency: c.credit_limit.map(|m| m.currency).unwrap_or_default(),
            do_not_contact: c.do_not_contact.is_some(),
            do_not_contact_since: c
                .do_not_contact
                .as_ref()
                .map(|d| crate::domain::time::date_input_value(d.since))
                .unwrap_or_default(),
            do_not_contact_channels: c
                .do_not_contact
                .as_ref()
                .map(|d| d.channels.clone())
                .unwrap_or_default(),
            notes: c.notes.clone(),
        }
    }

    /// Checks every field; returns all problems at once so the form can mark each of them.
    /// `today` is the local date, used as the default start of a do-not-contact wish and to
    /// refuse one that starts in the future.
    pub fn validate(&self, today: NaiveDate) -> Result<CustomerFields, Vec<FieldError>> {
        let mut e = Errors::default();
        let name = e.check(Field::Name, validate::required_line(&self.name, MAX_NAME));
        let company = e.check(
            Field::Company,
            validate::optional_line(&self.company, MAX_NAME),
        );
        let industry = e.check(
            Field::Industry,
            validate::optional_line(&self.industry, MAX_LINE),
        );
        let region = e.check(
            Field::Region,
            validate::optional_line(&self.region, MAX_LINE),
        );
        let address = e.check(Field::Address, validate::optional_line(&self.address, 500));
        let phones = validate_phones(&mut e, Field::Phone, &self.phones);
        let emails = validate_emails(&mut e, Field::Email, &self.emails);
        let wechat = e.check(Field::WeChat, wechat_id(&self.wechat));
        let tags = match validate::tags(&validate::split_tags(&self.tags)) {
            Ok(t) => t,
            Err(err) => {
                e.0.push(err);
                Vec::new()
            }
        };
        let business = BusinessProfile {
            main_products: e.check(
                Field::Text,
                validate::text_block(&self.main_products, MAX_TEXT),
            ),
            scale: e.check(Field::Text, validate::optional_line(&self.scale, MAX_LINE)),
            trend: self.trend,
            payment_ability: self.payment_ability,
            notes: e.check(
                Field::Notes,
                validate::text_block(&self.business_notes, MAX_TEXT),
            ),
        };
        let sales_policy = e.check(
            Field::Text,
            validate::text_block(&self.sales_policy, MAX_TEXT),
        );
        let position = OurPosition {
            rank: self.rank,
            share_of_wallet: e.check(
                Field::SharePercent,
                validate::percent(&self.share_of_wallet),
            ),
            notes: e.check(
                Field::Notes,
                validate::text_block(&self.position_notes, MAX_TEXT),
            ),
        };
        let mut competitors = Vec::new();
        for (i, (cname, cnotes)) in self.competitors.iter().enumerate() {
            if cname.trim().is_empty() && cnotes.trim().is_empty() {
                continue;
            }
            let name = e.check_at(
                Field::Competitor,
                i,
                validate::required_line(cname, MAX_NAME),
            );
            let notes = e.check_at(Field::Competitor, i, validate::text_block(cnotes, MAX_TEXT));
            competitors.push(CompetitorPresence { name, notes });
        }
        let credit_limit = if self.credit_limit.trim().is_empty() {
            None
        } else {
            e.check(
                Field::CreditLimit,
                parse_amount(&self.credit_limit, self.credit_currency)
                    .map(|a| Some(Money::new(a, self.credit_currency))),
            )
        };
        let do_not_contact = if self.do_not_contact {
            let since = if self.do_not_contact_since.trim().is_empty() {
                Ok(today)
            } else {
                match parse_date(&self.do_not_contact_since) {
                    Some(d) if d > today => Err(Problem::DateInFuture),
                    Some(d) => Ok(d),
                    None => Err(Problem::BadDate),
                }
            };
            match since {
                Ok(since) => {
                    let mut channels = self.do_not_contact_channels.clone();
                    channels.sort();
                    channels.dedup();
                    Some(DoNotContact { since, channels })
                }
                Err(p) => {
                    e.0.push(FieldError::new(Field::DoNotContactSince, p));
                    None
                }
            }
        } else {
            None
        };
        let notes = e.check(Field::Notes, validate::text_block(&self.notes, MAX_TEXT));
        e.finish(CustomerFields {
            party: self.party,
            kind: self.kind,
            name,
            company,
            industry,
            region,
            address,
            phones,
            emails,
            wechat,
            owner_id: self.owner_id,
            tags,
            source: self.source,
            business,
            sales_policy,
            position,
            competitors,
            credit_limit,
            do_not_contact,
            notes,
        })
    }
}

/// A WeChat id: 6–20 letters, digits, `_` or `-`, starting with a letter; or a phone number,
/// which WeChat also accepts as an id.
pub(crate) fn wechat_id(value: &str) -> Result<String, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    let plain = (6..=20).contains(&value.len())
        && value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain || validate::phone(value).is_ok() {
        Ok(value.to_string())
    } else {
        Err(Problem::BadWeChat)
    }
}

impl Customer {
    /// A new customer from validated fields.
    pub fn create(id: Id, fields: CustomerFields, now: Timestamp) -> Self {
        let mut c = Customer {
            rev: crate::domain::record::Rev::default(),
            id,
            party: fields.party,
            kind: fields.kind,
            name: String::new(),
            company: String::new(),
            industry: String::new(),
            region: String::new(),
            address: String::new(),
            phones: Vec::new(),
            emails: Vec::new(),
            wechat: String::new(),
            owner_id: None,
            owners: Vec::new(),
            tags: Vec::new(),
            source: fields.source,
            business: BusinessProfile::default(),
            sales_policy: String::new(),
            position: OurPosition::default(),
            competitors: Vec::new(),
            credit_limit: None,
            do_not_contact: None,
            notes: String::new(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
            external_id: String::new(),
        };
        c.apply(fields, now);
        c
    }

    /// Gives the customer to `to` from `now`, keeping who had it before; false when it is
    /// theirs already. A customer whose owner never changed was held by that owner (or nobody)
    /// since it was created; that is written down the first time it changes hands.
    pub fn set_owner(&mut self, to: Option<Id>, now: Timestamp) -> bool {
        if to == self.owner_id {
            return false;
        }
        if self.owners.is_empty() {
            if self.created_at == now {
                // A new customer: its first owner needs no history yet.
                self.owner_id = to;
                return true;
            }
            self.owners.push(crate::domain::member::Ownership {
                owner_id: self.owner_id,
                from: self.created_at,
            });
        }
        crate::domain::member::hand_over(&mut self.owner_id, &mut self.owners, to, now);
        self.updated_at = now;
        true
    }

    /// The ownership history as it reads: every owner from when, oldest first (the first owner
    /// from the day the customer was created when it never changed hands).
    pub fn ownership(&self) -> Vec<crate::domain::member::Ownership> {
        if self.owners.is_empty() {
            return vec![crate::domain::member::Ownership {
                owner_id: self.owner_id,
                from: self.created_at,
            }];
        }
        self.owners.clone()
    }

    /// Replaces every editable field with validated values and stamps the change.
    pub fn apply(&mut self, f: CustomerFields, now: Timestamp) {
        self.party = f.party;
        self.kind = f.kind;
        self.name = f.name;
        self.company = f.company;
        self.industry = f.industry;
        self.region = f.region;
        self.address = f.address;
        self.phones = f.phones;
        self.emails = f.emails;
        self.wechat = f.wechat;
        self.set_owner(f.owner_id, now);
        self.tags = f.tags;
        self.source = f.source;
        self.business = f.business;
        self.sales_policy = f.sales_policy;
        self.position = f.position;
        self.competitors = f.competitors;
        self.credit_limit = f.credit_limit;
        self.do_not_contact = f.do_not_contact;
        self.notes = f.notes;
        self.updated_at = now;
    }

    /// Adds a tag unless it is already there (case-insensitively); returns whether it changed.
    pub fn add_tag(&mut self, tag: &str, now: Timestamp) -> bool {
        let tag = tag.trim();
        if tag.is_empty()
            || self
                .tags
                .iter()
                .any(|t| t.to_lowercase() == tag.to_lowercase())
        {
            return false;
        }
        self.tags.push(tag.to_string());
        self.updated_at = now;
        true
    }

    /// Whether the customer is in the trash.
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn input() -> CustomerInput {
        CustomerInput {
            name: "杭州西湖茶业有限公司".into(),
            phones: vec!["0571-88886666".into(), "".into(), "138 0013 8000".into()],
            emails: vec!["buyer@xihutea.cn".into()],
            tags: "重点, 华东".into(),
            ..CustomerInput::default()
        }
    }

    #[test]
    fn a_good_form_validates_and_normalises() {
        let f = input().validate(today()).unwrap();
        assert_eq!(f.name, "杭州西湖茶业有限公司");
        assert_eq!(
            f.phones,
            vec!["0571-88886666", "138 0013 8000"],
            "blank entries dropped"
        );
        assert_eq!(f.tags, vec!["重点", "华东"]);
        assert!(f.do_not_contact.is_none());
        assert!(f.credit_limit.is_none());
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_field_and_entry() {
        let bad = CustomerInput {
            name: "  ".into(),
            phones: vec![
                "138".into(),
                "13800138000".into(),
                "+86 138 0013 8000".into(),
            ],
            emails: vec!["ok@example.com".into(), "nope".into()],
            credit_limit: "-100".into(),
            share_of_wallet: "120".into(),
            wechat: "a b".into(),
            ..CustomerInput::default()
        };
        let errors = bad.validate(today()).unwrap_err();
        assert!(errors.contains(&FieldError::new(Field::Name, Problem::Required)));
        assert!(errors.contains(&FieldError::at(Field::Phone, 0, Problem::BadPhone)));
        assert!(
            errors.contains(&FieldError::at(Field::Phone, 2, Problem::Duplicate)),
            "the same number written differently is a duplicate: {errors:?}"
        );
        assert!(errors.contains(&FieldError::at(Field::Email, 1, Problem::BadEmail)));
        assert!(errors.contains(&FieldError::new(
            Field::CreditLimit,
            Problem::NegativeAmount
        )));
        assert!(errors.contains(&FieldError::new(Field::SharePercent, Problem::BadPercent)));
        assert!(errors.contains(&FieldError::new(Field::WeChat, Problem::BadWeChat)));
        assert_eq!(errors.len(), 7, "{errors:?}");
    }

    #[test]
    fn do_not_contact_dates() {
        let mut i = input();
        i.do_not_contact = true;
        let f = i.validate(today()).unwrap();
        assert_eq!(
            f.do_not_contact.unwrap().since,
            today(),
            "defaults to today"
        );

        i.do_not_contact_since = "2026-02-30".into();
        assert_eq!(
            i.validate(today()).unwrap_err(),
            vec![FieldError::new(Field::DoNotContactSince, Problem::BadDate)]
        );
        i.do_not_contact_since = "2026-12-01".into();
        assert_eq!(
            i.validate(today()).unwrap_err(),
            vec![FieldError::new(
                Field::DoNotContactSince,
                Problem::DateInFuture
            )]
        );
        i.do_not_contact_since = "2026-01-15".into();
        i.do_not_contact_channels = vec![
            ContactChannel::Email,
            ContactChannel::Phone,
            ContactChannel::Email,
        ];
        let dnc = i.validate(today()).unwrap().do_not_contact.unwrap();
        assert_eq!(
            dnc.channels,
            vec![ContactChannel::Phone, ContactChannel::Email]
        );
        assert!(dnc.forbids(ContactChannel::Email));
        assert!(!dnc.forbids(ContactChannel::Visit));
        let all = DoNotContact {
            since: today(),
            channels: vec![],
        };
        assert!(
            all.forbids(ContactChannel::Visit),
            "no channel listed means all channels"
        );
    }

    #[test]
    fn credit_limit_is_exact() {
        let mut i = input();
        i.credit_limit = "500,000.00".into();
        let f = i.validate(today()).unwrap();
        assert_eq!(f.credit_limit.unwrap().amount.to_string(), "500000");
    }

    #[test]
    fn edit_round_trip_keeps_every_field() {
        let mut i = input();
        i.kind = CustomerKind::Distributor;
        i.share_of_wallet = "40".into();
        i.competitors = vec![("竞品甲".into(), "价格低 5%".into())];
        i.do_not_contact = true;
        i.do_not_contact_since = "2026-01-02".into();
        i.credit_limit = "1000".into();
        let c = Customer::create(Id::generate(), i.validate(today()).unwrap(), Timestamp(1));
        let again = CustomerInput::from_customer(&c).validate(today()).unwrap();
        let mut c2 = c.clone();
        c2.apply(again, Timestamp(1));
        assert_eq!(c, c2);
    }

    #[test]
    fn wechat_ids() {
        assert_eq!(wechat_id("wxid_abc123"), Ok("wxid_abc123".into()));
        assert_eq!(wechat_id("13800138000"), Ok("13800138000".into()));
        assert_eq!(wechat_id(""), Ok(String::new()));
        assert_eq!(wechat_id("ab"), Err(Problem::BadWeChat));
        assert_eq!(wechat_id("1abcdef"), Err(Problem::BadWeChat));
    }

    #[test]
    fn tags_are_added_once() {
        let mut c = Customer::create(
            Id::generate(),
            input().validate(today()).unwrap(),
            Timestamp(1),
        );
        assert!(!c.add_tag("华东", Timestamp(2)));
        assert!(c.add_tag("VIP", Timestamp(3)));
        assert!(!c.add_tag("vip", Timestamp(4)));
        assert_eq!(c.updated_at, Timestamp(3));
    }
}
