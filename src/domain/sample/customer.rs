//! One generated customer with its contact persons, interactions and purchases.

use super::complaints::complaints_of;
use super::profile::{Profile, profile_of};
use super::rng::Rng;
use super::satisfaction::responses_of;
use super::tables::*;
use super::{SampleConfig, SampleCustomer};
use crate::domain::contact::ContactPerson;
use crate::domain::customer::{
    BusinessProfile, CompetitorPresence, ContactChannel, Customer, CustomerKind, DoNotContact,
    OurPosition, Party, PaymentAbility, Source, SupplierRank, Trend,
};
use crate::domain::id::Id;
use crate::domain::interaction::{Commitment, Interaction};
use crate::domain::member::{MemberRole, TeamMember};
use crate::domain::money::{Currency, Money};
use crate::domain::purchase::Purchase;
use crate::domain::satisfaction::Survey;
use crate::domain::search::pinyin_keys;
use crate::domain::time::{Timestamp, epoch_day, from_epoch_day};
use rust_decimal::Decimal;

pub(super) const MS_PER_DAY: i64 = 86_400_000;

pub(super) fn day_ms(day: i32, rng: &mut Rng) -> Timestamp {
    // Office hours, 08:00–18:00 Beijing time (00:00–10:00 UTC).
    Timestamp(i64::from(day) * MS_PER_DAY + rng.range(0, 10 * 3600) * 1000)
}

pub(super) fn pinyin_of(text: &str) -> String {
    pinyin_keys(text)
        .into_iter()
        .next()
        .map(|k| k.0)
        .unwrap_or_else(|| text.to_lowercase())
}

pub(super) fn mobile(rng: &mut Rng) -> String {
    format!(
        "1{}{} {:04} {:04}",
        rng.range(3, 9),
        rng.range(0, 9),
        rng.range(0, 9999),
        rng.range(0, 9999)
    )
}

pub(super) fn decimal(value: f64, digits: u32) -> Decimal {
    Decimal::from_f64_retain(value)
        .unwrap_or_default()
        .round_dp(digits)
        .normalize()
}

pub(super) fn build(
    rng: &mut Rng,
    cfg: &SampleConfig,
    team: &[TeamMember],
    survey: &Survey,
    index: usize,
) -> SampleCustomer {
    let today = epoch_day(cfg.today);
    let id_ms = cfg.id_epoch_ms + index as u64;
    let profile = profile_of(rng);
    let foreign = rng.chance(0.08).then(|| *rng.pick(&FOREIGN));
    let kind = match rng.range(0, 99) {
        0..=54 => CustomerKind::EnterpriseBuyer,
        55..=69 => CustomerKind::InstitutionalBuyer,
        70..=84 => CustomerKind::Distributor,
        _ => CustomerKind::Consumer,
    };
    let party = if kind == CustomerKind::Consumer {
        Party::Individual
    } else {
        Party::Organisation
    };
    let (city, province, area) = *rng.pick(&CITIES);
    let industry = *rng.pick(&INDUSTRIES);
    let person_name = |rng: &mut Rng| -> String {
        if foreign.is_some() {
            format!("{} {}", rng.pick(&EN_FIRST), rng.pick(&EN_LAST))
        } else {
            format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN))
        }
    };

    // Identity.
    let (name, company, domain) = match (party, foreign) {
        (Party::Individual, _) => {
            let name = person_name(rng);
            (name, String::new(), String::new())
        }
        (Party::Organisation, Some(_)) => {
            let adj = *rng.pick(&EN_ADJ);
            let noun = *rng.pick(&EN_NOUN);
            let name = format!("{adj} {noun} {}", rng.pick(&EN_SUFFIX));
            let domain = format!("{}{}.com", adj.to_lowercase(), noun.to_lowercase());
            (name, String::new(), domain)
        }
        (Party::Organisation, None) => {
            let brand = format!("{}{}", rng.pick(&BRAND), rng.pick(&BRAND));
            let name = match kind {
                CustomerKind::InstitutionalBuyer => match rng.range(0, 3) {
                    0 => format!("{city}市第{}人民医院", rng.range(1, 9)),
                    1 => format!("{city}{brand}职业技术学院"),
                    2 => format!(
                        "{city}市{}",
                        rng.pick(&["疾病预防控制中心", "教育局", "图书馆", "自来水公司"])
                    ),
                    _ => format!("{city}{brand}大学"),
                },
                CustomerKind::Distributor => format!("{city}{brand}商贸有限公司"),
                _ => format!("{city}{brand}{}{}", industry.0, rng.pick(&COMPANY_SUFFIX)),
            };
            let domain = format!("{}.com.cn", pinyin_of(&brand));
            (name, String::new(), domain)
        }
    };
    let company = if party == Party::Individual && rng.chance(0.4) && foreign.is_none() {
        format!(
            "{city}{}{}{}",
            rng.pick(&BRAND),
            rng.pick(&BRAND),
            industry.0
        )
    } else {
        company
    };

    // When the relationship started and how purchases are spread.
    let years = |rng: &mut Rng, lo: f64, hi: f64| (365.0 * (lo + (hi - lo) * rng.unit())) as i32;
    let (span_start, span_end, count, growing) = match profile {
        Profile::Prospect => (today - years(rng, 0.0, 1.0), today, 0, false),
        Profile::New => {
            let start = today - rng.range(0, 90) as i32;
            (start, today, rng.range(1, 3), false)
        }
        Profile::Regular => {
            let len = years(rng, 1.0, 4.0);
            let rate = 3.0 + 3.0 * rng.unit();
            (
                today - len,
                today,
                (f64::from(len) / 365.0 * rate).round() as i64,
                false,
            )
        }
        Profile::Growing => {
            let len = years(rng, 1.5, 2.5);
            (today - len, today, rng.range(8, 16), true)
        }
        Profile::Lapsing => {
            let end = today - rng.range(180, 365) as i32;
            let len = years(rng, 1.0, 3.0);
            let rate = 4.0 + 4.0 * rng.unit();
            (
                end - len,
                end,
                (f64::from(len) / 365.0 * rate).round() as i64,
                false,
            )
        }
        Profile::Lost => {
            let end = today - rng.range(540, 1280) as i32;
            let len = years(rng, 0.5, 2.0);
            let rate = 2.0 + 3.0 * rng.unit();
            (
                end - len,
                end,
                (f64::from(len) / 365.0 * rate).round().max(1.0) as i64,
                false,
            )
        }
        Profile::LargeAccount => {
            let len = years(rng, 2.0, 4.0);
            let rate = 15.0 + 15.0 * rng.unit();
            (
                today - len,
                today,
                (f64::from(len) / 365.0 * rate).round() as i64,
                false,
            )
        }
        Profile::Occasional => {
            let len = years(rng, 1.0, 4.0);
            (today - len, today, rng.range(1, 4), false)
        }
    };
    let created_day = span_start - rng.range(0, 60) as i32;
    let created_at = day_ms(created_day, rng);
    let id = Id::from_parts(id_ms, rng.id_bytes());

    let currency = foreign.map_or(Currency::Cny, |f| f.2);
    // Typical order size in yuan; other currencies scaled by a rough rate so amounts look real.
    let base_cny = match kind {
        CustomerKind::Consumer => 200.0 * 15f64.powf(rng.unit()),
        CustomerKind::EnterpriseBuyer => 5_000.0 * 16f64.powf(rng.unit()),
        CustomerKind::Distributor => 20_000.0 * 15f64.powf(rng.unit()),
        CustomerKind::InstitutionalBuyer => 50_000.0 * 10f64.powf(rng.unit()),
    } * if profile == Profile::LargeAccount {
        3.0
    } else {
        1.0
    } * if profile == Profile::Occasional {
        0.3
    } else {
        1.0
    };
    let per_cny = match currency {
        Currency::Cny => 1.0,
        Currency::Usd => 1.0 / 7.2,
        Currency::Eur => 1.0 / 7.8,
        Currency::Gbp => 1.0 / 9.1,
        Currency::Hkd => 1.0 / 0.92,
        Currency::Jpy => 1.0 / 0.048,
    };
    let product = if foreign.is_some() {
        industry.4
    } else {
        industry.3
    };
    let mut days: Vec<i32> = (0..count)
        .map(|_| {
            let u = if growing {
                rng.unit().sqrt()
            } else {
                rng.unit()
            };
            span_start + (f64::from(span_end - span_start) * u) as i32
        })
        .collect();
    days.sort_unstable();
    let mut purchases: Vec<Purchase> = days
        .iter()
        .map(|&d| {
            let at = day_ms(d, rng);
            let amount = base_cny * per_cny * (0.5 + rng.unit());
            let digits = if currency == Currency::Jpy || amount > 1000.0 {
                0
            } else {
                2
            };
            let amount = decimal(amount, digits);
            let margin = rng.chance(0.7).then(|| {
                (amount * decimal(0.15 + 0.25 * rng.unit(), 2)).round_dp(currency.minor_digits())
            });
            Purchase {
                rev: crate::domain::record::Rev::default(),
                id: Id::from_parts(id_ms, rng.id_bytes()),
                customer_id: id,
                date: from_epoch_day(d),
                amount: Money::new(amount, currency),
                quantity: Decimal::from(rng.range(1, 50)),
                product: product.to_string(),
                order: String::new(),
                margin,
                notes: String::new(),
                discounted: false,
                created_at: at,
                updated_at: at,
            }
        })
        .collect();

    // Some customers wait for promotions, some never do (price sensitivity). A generator of
    // its own, so the other sample values stay as they were.
    let mut deals =
        Rng::new(cfg.seed ^ (index as u64).wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0xd15c);
    let propensity = 0.05 + 0.5 * deals.unit();
    for p in &mut purchases {
        p.discounted = deals.chance(propensity);
    }

    // Contact persons.
    let contacts: Vec<ContactPerson> = if party == Party::Organisation {
        (0..rng.range(1, 3))
            .map(|_| {
                let (title, role) = if foreign.is_some() {
                    *rng.pick(&EN_TITLES)
                } else {
                    *rng.pick(&TITLES)
                };
                let name = person_name(rng);
                let email_user = if foreign.is_some() {
                    name.split(' ').next().unwrap_or("info").to_lowercase()
                } else {
                    pinyin_of(&name)
                };
                let phone = match foreign {
                    Some(f) => format!("{}{:04}", f.1, rng.range(0, 9999)),
                    None => mobile(rng),
                };
                ContactPerson {
                    rev: crate::domain::record::Rev::default(),
                    id: Id::from_parts(id_ms, rng.id_bytes()),
                    customer_id: id,
                    name,
                    title: title.to_string(),
                    role,
                    phones: vec![phone],
                    emails: vec![format!("{email_user}@{domain}")],
                    notes: String::new(),
                    created_at,
                    updated_at: created_at,
                }
            })
            .collect()
    } else {
        Vec::new()
    };

    // Interactions across the relationship, some with promises.
    let owner = if rng.chance(0.05) {
        None
    } else if foreign.is_some() {
        team.iter()
            .find(|m| m.name == "Emily Zhou")
            .or(team.first())
    } else {
        let reps: Vec<&TeamMember> = team
            .iter()
            .filter(|m| matches!(m.role, MemberRole::SalesRep | MemberRole::SalesManager))
            .collect();
        if reps.is_empty() {
            team.first()
        } else {
            Some(*rng.pick(&reps))
        }
    };
    let talk_end = if matches!(profile, Profile::Lost) {
        span_end + rng.range(0, 120) as i32
    } else {
        today
    };
    let n_talks = rng.range(1, 8);
    let mut interactions: Vec<Interaction> = (0..n_talks)
        .map(|_| {
            let d = created_day + (f64::from((talk_end - created_day).max(1)) * rng.unit()) as i32;
            // Up to yesterday: an office-hours time today may still be in the future.
            let at = day_ms(d.min(today - 1), rng);
            let (summary, promise, channel) = if foreign.is_some() {
                *rng.pick(&EN_TALKS)
            } else {
                *rng.pick(&TALKS)
            };
            let commitment = promise.filter(|_| rng.chance(0.6)).map(|text| {
                let due = d + rng.range(2, 14) as i32;
                // Most promises were kept; some recent ones are still open, a few overdue.
                let done = due < today - 30 || (due < today && rng.chance(0.75));
                Commitment {
                    text: text.to_string(),
                    due: from_epoch_day(due),
                    owner_id: None,
                    done_at: done.then(|| day_ms(due.min(today), rng)),
                }
            });
            Interaction {
                rev: crate::domain::record::Rev::default(),
                id: Id::from_parts(id_ms, rng.id_bytes()),
                customer_id: id,
                at,
                channel,
                member_id: owner.map(|m| m.id),
                contact_id: contacts.first().filter(|_| rng.chance(0.6)).map(|c| c.id),
                summary: summary.to_string(),
                commitment,
                created_at: at,
                updated_at: at,
            }
        })
        .collect();
    interactions.sort_by_key(|i| i.at);

    let phones = match (party, foreign) {
        (_, Some(f)) => vec![format!("{}{:04}", f.1, rng.range(0, 9999))],
        (Party::Individual, None) => vec![mobile(rng)],
        (Party::Organisation, None) => {
            let first = format!(
                "{area}-{:04} {:04}",
                rng.range(5000, 8999),
                rng.range(0, 9999)
            );
            if rng.chance(0.3) {
                vec![first, mobile(rng)]
            } else {
                vec![first]
            }
        }
    };
    let emails = match party {
        Party::Individual => {
            let user = if foreign.is_some() {
                name.replace(' ', ".").to_lowercase()
            } else {
                pinyin_of(&name)
            };
            let host = if foreign.is_some() {
                "mail.com"
            } else {
                *rng.pick(&["163.com", "qq.com", "126.com"])
            };
            vec![format!("{user}{}@{host}", rng.range(1, 99))]
        }
        Party::Organisation => vec![format!(
            "{}@{domain}",
            rng.pick(&["sales", "purchasing", "info", "caigou"])
        )],
    };
    let mut tags: Vec<String> = Vec::new();
    for _ in 0..rng.range(0, 2) {
        let t = rng.pick(&TAGS).to_string();
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    if profile == Profile::LargeAccount && !tags.iter().any(|t| t == "VIP") {
        tags.push("VIP".into());
    }
    let region = match foreign {
        Some(f) => f.0.to_string(),
        // Municipalities are their own province: 北京, not 北京 北京.
        None if province == city => city.to_string(),
        None => format!("{province} {city}"),
    };
    let last_activity = interactions
        .iter()
        .map(|i| i.at)
        .chain(purchases.iter().map(|p| p.created_at))
        .max()
        .unwrap_or(created_at)
        .max(created_at);
    let do_not_contact = rng.chance(0.03).then(|| DoNotContact {
        since: from_epoch_day(today - rng.range(10, 400) as i32),
        channels: if rng.chance(0.5) {
            Vec::new()
        } else {
            vec![ContactChannel::Phone, ContactChannel::Sms]
        },
    });
    let competitors = if party == Party::Organisation && rng.chance(0.3) {
        vec![CompetitorPresence {
            name: rng.pick(&COMPETITORS).to_string(),
            notes: if foreign.is_some() {
                "Cheaper, slower delivery".into()
            } else {
                "报价低 5%–8%，交期较长".into()
            },
        }]
    } else {
        Vec::new()
    };
    let customer = Customer {
        rev: crate::domain::record::Rev::default(),
        id,
        party,
        kind,
        name,
        company,
        industry: if foreign.is_some() {
            industry.2
        } else {
            industry.1
        }
        .to_string(),
        region,
        address: if foreign.is_some() {
            String::new()
        } else {
            format!("{city}市{}路{}号", rng.pick(&BRAND), rng.range(1, 999))
        },
        phones,
        emails,
        wechat: if foreign.is_none() && rng.chance(0.5) {
            format!(
                "wx_{}{}",
                pinyin_of(&customer_short(rng)),
                rng.range(10, 9999)
            )
        } else {
            String::new()
        },
        owner_id: owner.map(|m| m.id),
        owners: Vec::new(),
        tags,
        source: *rng.pick(&Source::ALL),
        business: BusinessProfile {
            main_products: if party == Party::Organisation && foreign.is_none() {
                format!("{}相关产品与服务", industry.1)
            } else {
                String::new()
            },
            scale: String::new(),
            trend: *rng.pick(&Trend::ALL),
            payment_ability: *rng.pick(&PaymentAbility::ALL),
            notes: String::new(),
        },
        sales_policy: if kind == CustomerKind::InstitutionalBuyer {
            "年度公开招标，入围后按季度下单，付款周期 60 天".into()
        } else {
            String::new()
        },
        position: OurPosition {
            rank: *rng.pick(&SupplierRank::ALL),
            share_of_wallet: rng.chance(0.4).then(|| rng.range(5, 100) as u8),
            notes: String::new(),
        },
        competitors,
        credit_limit: (party == Party::Organisation && rng.chance(0.5))
            .then(|| Money::new(decimal((base_cny * per_cny * 5.0).round(), 0), currency)),
        do_not_contact,
        notes: String::new(),
        created_at,
        updated_at: last_activity,
        deleted_at: None,
        external_id: String::new(),
    };
    let complaints = complaints_of(cfg, index, &customer, foreign.is_some(), &purchases);
    let responses = responses_of(cfg, index, &customer, &purchases, &complaints, survey);
    SampleCustomer {
        customer,
        contacts,
        interactions,
        purchases,
        complaints,
        responses,
    }
}

pub(super) fn customer_short(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN))
}
