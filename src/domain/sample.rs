//! Deterministic sample data: realistic bilingual customers with contact persons, interactions
//! and multi-year purchase histories of varied behaviour.
//!
//! The same seed always gives the same records (ids included), on every machine, because the
//! generator uses its own small PRNG (SplitMix64) rather than a crate whose output may change
//! between versions. Each customer is generated from its own sub-seed, so customer *i* can be
//! produced without the ones before it and the stream can be written in chunks. "Load sample
//! data" makes a few hundred customers; benchmarks make 100,000 with about 1,000,000 purchases.

use crate::domain::complaint::{Category, Complaint, Severity};
use crate::domain::contact::{BuyingRole, ContactPerson};
use crate::domain::customer::{
    BusinessProfile, CompetitorPresence, ContactChannel, Customer, CustomerKind, DoNotContact,
    OurPosition, Party, PaymentAbility, Source, SupplierRank, Trend,
};
use crate::domain::i18n::Lang;
use crate::domain::id::Id;
use crate::domain::interaction::{Channel, Commitment, Interaction};
use crate::domain::member::{MemberRole, TeamMember};
use crate::domain::money::{Currency, Money};
use crate::domain::purchase::Purchase;
use crate::domain::satisfaction::{Answer, CompetitorRating, Factor, Response, Survey, Template};
use crate::domain::search::pinyin_keys;
use crate::domain::time::{Timestamp, epoch_day, from_epoch_day};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// SplitMix64: tiny, fast, and fixed forever so sample data never changes under a seed.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
    /// Ten random bytes for an id.
    fn id_bytes(&mut self) -> [u8; 10] {
        let a = self.next_u64().to_le_bytes();
        let b = self.next_u64().to_le_bytes();
        [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], b[0], b[1]]
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct SampleConfig {
    /// Seed: the same seed gives the same data.
    pub seed: u64,
    /// Number of customers.
    pub customers: usize,
    /// The day the histories end (normally today).
    pub today: NaiveDate,
    /// Ids are stamped with this Unix time (ms) plus the customer's index, the way records an
    /// import creates carry the import's time: ids then increase in generation order, so bulk
    /// writes append to the newest summary chunk instead of touching every chunk.
    pub id_epoch_ms: u64,
    /// The language of the sample survey's questions.
    pub lang: Lang,
}

/// One generated customer and everything recorded about them.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleCustomer {
    pub customer: Customer,
    pub contacts: Vec<ContactPerson>,
    pub interactions: Vec<Interaction>,
    pub purchases: Vec<Purchase>,
    pub complaints: Vec<Complaint>,
    /// Answers to [`sample_survey`].
    pub responses: Vec<Response>,
}

impl SampleCustomer {
    /// The customer's summary, as the store computes it from these records.
    pub fn summary(&self) -> crate::domain::summary::CustomerSummary {
        let mut s = crate::domain::summary::CustomerSummary::build(
            &self.customer,
            &self.contacts,
            &self.interactions,
            &self.purchases,
        );
        s.activity.set_complaints(&self.complaints);
        s
    }

    /// Adds this customer's records to `set`, kind by kind.
    pub fn add_to(&self, set: &mut crate::domain::record::RecordSet) {
        set.customers.push(self.customer.clone());
        set.contacts.extend_from_slice(&self.contacts);
        set.interactions.extend_from_slice(&self.interactions);
        set.purchases.extend_from_slice(&self.purchases);
        set.complaints.extend_from_slice(&self.complaints);
        set.responses.extend_from_slice(&self.responses);
    }
}

/// The behaviour a generated customer follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// No purchase yet, a few conversations.
    Prospect,
    /// First purchase within the last three months.
    New,
    /// Buys steadily.
    Regular,
    /// Buys more and more often.
    Growing,
    /// Bought regularly, stopped six to twelve months ago.
    Lapsing,
    /// Last bought one and a half to three and a half years ago.
    Lost,
    /// Large orders, bought very often.
    LargeAccount,
    /// A handful of small purchases.
    Occasional,
}

const PROFILES: [(Profile, u32); 8] = [
    (Profile::Prospect, 10),
    (Profile::New, 10),
    (Profile::Regular, 25),
    (Profile::Growing, 10),
    (Profile::Lapsing, 15),
    (Profile::Lost, 15),
    (Profile::LargeAccount, 5),
    (Profile::Occasional, 10),
];

/// The profile customer `index` of a seed follows.
pub fn profile_of(rng: &mut Rng) -> Profile {
    let total: u32 = PROFILES.iter().map(|p| p.1).sum();
    let mut roll = (rng.next_u64() % u64::from(total)) as u32;
    for (p, w) in PROFILES {
        if roll < w {
            return p;
        }
        roll -= w;
    }
    Profile::Regular
}

const CITIES: [(&str, &str, &str); 20] = [
    ("北京", "北京", "010"),
    ("上海", "上海", "021"),
    ("广州", "广东", "020"),
    ("深圳", "广东", "0755"),
    ("杭州", "浙江", "0571"),
    ("南京", "江苏", "025"),
    ("苏州", "江苏", "0512"),
    ("成都", "四川", "028"),
    ("武汉", "湖北", "027"),
    ("西安", "陕西", "029"),
    ("重庆", "重庆", "023"),
    ("天津", "天津", "022"),
    ("宁波", "浙江", "0574"),
    ("青岛", "山东", "0532"),
    ("厦门", "福建", "0592"),
    ("长沙", "湖南", "0731"),
    ("郑州", "河南", "0371"),
    ("合肥", "安徽", "0551"),
    ("福州", "福建", "0591"),
    ("无锡", "江苏", "0510"),
];
const BRAND: [&str; 24] = [
    "恒", "远", "华", "鑫", "泰", "盛", "达", "瑞", "康", "源", "嘉", "宏", "丰", "信", "德", "隆",
    "新", "金", "海", "博", "正", "安", "永", "天",
];
/// (industry word in a company name, industry, English industry, product, English product)
const INDUSTRIES: [(&str, &str, &str, &str, &str); 15] = [
    (
        "科技",
        "信息技术",
        "IT",
        "软件年费",
        "Software subscription",
    ),
    (
        "贸易",
        "批发零售",
        "Wholesale",
        "日用百货",
        "Household goods",
    ),
    ("机械", "机械制造", "Machinery", "伺服电机", "Servo motors"),
    (
        "电子",
        "电子元器件",
        "Electronics",
        "电子元器件",
        "Electronic components",
    ),
    (
        "食品",
        "食品加工",
        "Food processing",
        "食品原料",
        "Food ingredients",
    ),
    (
        "物流",
        "交通物流",
        "Logistics",
        "物流服务",
        "Logistics services",
    ),
    (
        "医疗器械",
        "医疗健康",
        "Healthcare",
        "医用耗材",
        "Medical consumables",
    ),
    (
        "建材",
        "建筑建材",
        "Construction",
        "建材辅料",
        "Building materials",
    ),
    ("纺织", "纺织服装", "Textiles", "定制面料", "Custom fabrics"),
    (
        "化工",
        "化工",
        "Chemicals",
        "工业涂料",
        "Industrial coatings",
    ),
    (
        "家具",
        "家具家居",
        "Furniture",
        "办公家具",
        "Office furniture",
    ),
    ("茶业", "茶叶", "Tea", "茶叶礼盒", "Tea gift boxes"),
    (
        "包装",
        "包装印刷",
        "Packaging",
        "包装材料",
        "Packaging materials",
    ),
    (
        "汽配",
        "汽车零部件",
        "Auto parts",
        "维修配件",
        "Spare parts",
    ),
    (
        "检测",
        "检验检测",
        "Testing",
        "检测服务",
        "Testing services",
    ),
];
const COMPANY_SUFFIX: [&str; 4] = ["有限公司", "股份有限公司", "集团有限公司", "实业有限公司"];
const SURNAMES: [&str; 32] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "曾", "单", "许", "韩", "冯", "欧阳",
    "仇",
];
const GIVEN: [&str; 32] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "玉兰", "婷", "浩", "宇", "欣怡",
    "子涵", "思远",
];
const EN_ADJ: [&str; 10] = [
    "Blue",
    "North",
    "Silver",
    "Pacific",
    "Summit",
    "Harbor",
    "Crescent",
    "Evergreen",
    "Golden",
    "Atlas",
];
const EN_NOUN: [&str; 10] = [
    "Ridge", "River", "Bay", "Oak", "Stone", "Peak", "Bridge", "Field", "Point", "Gate",
];
const EN_SUFFIX: [&str; 6] = [
    "Trading Ltd",
    "Imports LLC",
    "Foods Inc.",
    "Supply Co.",
    "GmbH",
    "Pty Ltd",
];
const EN_FIRST: [&str; 10] = [
    "James", "Mary", "Anna", "David", "Sophie", "Lucas", "Emma", "Noah", "Olivia", "Liam",
];
const EN_LAST: [&str; 10] = [
    "Smith", "Brown", "Müller", "Martin", "Rossi", "Wilson", "Taylor", "Schmidt", "Dubois",
    "Garcia",
];
const FOREIGN: [(&str, &str, Currency); 5] = [
    ("United States", "+1 415 555 ", Currency::Usd),
    ("Germany", "+49 30 5550 ", Currency::Eur),
    ("United Kingdom", "+44 20 7946 ", Currency::Gbp),
    ("Hong Kong", "+852 2555 ", Currency::Hkd),
    ("Japan", "+81 3 5555 ", Currency::Jpy),
];
const TITLES: [(&str, BuyingRole); 6] = [
    ("总经理", BuyingRole::DecisionMaker),
    ("采购经理", BuyingRole::Buyer),
    ("技术总监", BuyingRole::Influencer),
    ("财务主管", BuyingRole::Influencer),
    ("车间主任", BuyingRole::User),
    ("行政助理", BuyingRole::Gatekeeper),
];
const EN_TITLES: [(&str, BuyingRole); 4] = [
    ("Managing Director", BuyingRole::DecisionMaker),
    ("Purchasing Manager", BuyingRole::Buyer),
    ("Head of Engineering", BuyingRole::Influencer),
    ("Office Manager", BuyingRole::Gatekeeper),
];
const TAGS: [&str; 8] = [
    "重点客户",
    "华东",
    "华南",
    "年度框架协议",
    "老客户转介绍",
    "需要回访",
    "VIP",
    "Export",
];
const COMPETITORS: [&str; 5] = [
    "远大供应链",
    "华东同创",
    "Apex Industrial",
    "众诚贸易",
    "金桥科技",
];
/// (summary, commitment, channel) of Chinese interactions.
const TALKS: [(&str, Option<&str>, Channel); 12] = [
    (
        "电话沟通下季度采购计划，客户预计用量增加",
        Some("三天内发送新报价单"),
        Channel::Call,
    ),
    (
        "上门拜访，介绍新品并留下样品",
        Some("两周内回访收集试用反馈"),
        Channel::Visit,
    ),
    (
        "客户反馈上批货交期延误，已协调物流加急",
        Some("每天同步物流进度直到签收"),
        Channel::Call,
    ),
    ("微信确认订单规格和开票信息", None, Channel::WeChat),
    (
        "参加行业展会，在展位交流合作意向",
        Some("寄送产品目录和案例"),
        Channel::Event,
    ),
    ("邮件发送年度合作方案", None, Channel::Email),
    (
        "与采购部开会讨论框架协议条款",
        Some("法务审核后发送合同草稿"),
        Channel::Meeting,
    ),
    (
        "客户询问售后维修流程",
        Some("安排技术人员上门检修"),
        Channel::Call,
    ),
    ("节日问候并赠送礼品", None, Channel::Visit),
    ("电话催收逾期货款，客户承诺月底前付清", None, Channel::Call),
    (
        "客户抱怨价格偏高，说明成本构成",
        Some("申请特价并答复客户"),
        Channel::WeChat,
    ),
    ("内部备注：客户采购负责人即将调岗", None, Channel::Note),
];
const EN_TALKS: [(&str, Option<&str>, Channel); 6] = [
    (
        "Call about next quarter's volumes",
        Some("Send updated price list"),
        Channel::Call,
    ),
    (
        "Video meeting with purchasing to review the framework agreement",
        Some("Send contract draft"),
        Channel::Meeting,
    ),
    ("E-mailed the product catalogue", None, Channel::Email),
    (
        "Met at the trade show booth",
        Some("Ship samples"),
        Channel::Event,
    ),
    (
        "Customer reported a late delivery; expedited with the forwarder",
        None,
        Channel::Email,
    ),
    ("Quarterly business review", None, Channel::Meeting),
];

/// The sample team: a manager, sales reps, service and an export specialist.
pub fn team(seed: u64) -> Vec<TeamMember> {
    let members = [
        ("王芳", MemberRole::SalesManager),
        ("李强", MemberRole::SalesRep),
        ("陈静", MemberRole::SalesRep),
        ("张伟", MemberRole::SalesRep),
        ("刘洋", MemberRole::Service),
        ("Emily Zhou", MemberRole::SalesRep),
    ];
    let mut rng = Rng::new(seed ^ 0x7ea7);
    members
        .iter()
        .enumerate()
        .map(|(i, (name, role))| TeamMember {
            rev: crate::domain::record::Rev::default(),
            id: Id::from_parts(1_600_000_000_000 + i as u64, rng.id_bytes()),
            name: (*name).to_string(),
            role: *role,
            created_at: Timestamp(1_600_000_000_000 + i as i64),
        })
        .collect()
}

/// Customers of a seed, one by one.
pub struct Generator {
    config: SampleConfig,
    team: Vec<TeamMember>,
    survey: Survey,
    next: usize,
}

impl Generator {
    /// A generator of `config.customers` customers owned by `team` (normally [`team`]).
    pub fn new(config: SampleConfig, team: Vec<TeamMember>) -> Self {
        let survey = sample_survey(config.lang);
        Generator {
            config,
            team,
            survey,
            next: 0,
        }
    }

    /// Customer number `index` of the seed.
    pub fn customer(&self, index: usize) -> SampleCustomer {
        let mut rng = Rng::new(
            self.config
                .seed
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .wrapping_add(index as u64),
        );
        // Warm up so neighbouring sub-seeds diverge at once.
        rng.next_u64();
        build(&mut rng, &self.config, &self.team, &self.survey, index)
    }
}

impl Iterator for Generator {
    type Item = SampleCustomer;
    fn next(&mut self) -> Option<SampleCustomer> {
        if self.next >= self.config.customers {
            return None;
        }
        let c = self.customer(self.next);
        self.next += 1;
        Some(c)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.config.customers - self.next;
        (left, Some(left))
    }
}

const MS_PER_DAY: i64 = 86_400_000;

fn day_ms(day: i32, rng: &mut Rng) -> Timestamp {
    // Office hours, 08:00–18:00 Beijing time (00:00–10:00 UTC).
    Timestamp(i64::from(day) * MS_PER_DAY + rng.range(0, 10 * 3600) * 1000)
}

fn pinyin_of(text: &str) -> String {
    pinyin_keys(text)
        .into_iter()
        .next()
        .map(|k| k.0)
        .unwrap_or_else(|| text.to_lowercase())
}

fn mobile(rng: &mut Rng) -> String {
    format!(
        "1{}{} {:04} {:04}",
        rng.range(3, 9),
        rng.range(0, 9),
        rng.range(0, 9999),
        rng.range(0, 9999)
    )
}

fn decimal(value: f64, digits: u32) -> Decimal {
    Decimal::from_f64_retain(value)
        .unwrap_or_default()
        .round_dp(digits)
        .normalize()
}

fn build(
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

/// The sample survey: the expectation and perception template with a fixed id, so loading
/// sample data twice writes it once.
pub fn sample_survey(lang: Lang) -> Survey {
    const CREATED_MS: u64 = 1_735_689_600_000; // 2025-01-01
    let mut s = Template::ExpectationPerception.build(lang, Timestamp(CREATED_MS as i64));
    s.id = Id::from_parts(CREATED_MS, *b"zk-survey1");
    s
}

/// Competitors the sample customers compare us with.
const RIVALS: [&str; 3] = ["华信科技", "盛达贸易", "Apex Supply"];

/// About three repeat buyers in ten answered the sample survey, one to three times over the
/// last eighteen months. Each has a satisfaction level (lower after a complaint) that drifts up
/// or down between answers; care and communication are rated a little lower than the product,
/// so the factors differ. Some also rated a competitor. Drawn from a generator of its own, so
/// every other sample value is unchanged.
fn responses_of(
    cfg: &SampleConfig,
    index: usize,
    customer: &Customer,
    purchases: &[Purchase],
    complaints: &[Complaint],
    survey: &Survey,
) -> Vec<Response> {
    let mut rng = Rng::new(cfg.seed ^ (index as u64).wrapping_mul(0x94d0_49bb_1331_11eb) ^ 0x5a7);
    if purchases.len() < 2 || !rng.chance(0.3) {
        return Vec::new();
    }
    let today = epoch_day(cfg.today);
    let first = purchases
        .iter()
        .map(|p| epoch_day(p.date))
        .min()
        .unwrap_or(today);
    let start = first.max(today - 540);
    let n = rng.range(1, 3) as usize;
    let mut days: Vec<i32> = (0..n)
        .map(|_| rng.range(i64::from(start), i64::from(today)) as i32)
        .collect();
    days.sort_unstable();
    let mut level = 0.55 + 0.35 * rng.unit() - if complaints.is_empty() { 0.0 } else { 0.2 };
    let drift = (rng.unit() - 0.5) * 0.3;
    let rival = rng.chance(0.3).then(|| *rng.pick(&RIVALS));
    let rival_level = 0.4 + 0.4 * rng.unit();
    let top = f64::from(survey.scale.max());
    let rate = |rng: &mut Rng, level: f64| -> u8 {
        (1.0 + (top - 1.0) * (level + (rng.unit() - 0.5) * 0.3))
            .round()
            .clamp(1.0, top) as u8
    };
    let bias = |f: Factor| match f {
        Factor::Product => 0.06,
        Factor::Company => 0.03,
        Factor::MarketingService => 0.0,
        Factor::Communication => -0.06,
        Factor::Care => -0.1,
    };
    days.into_iter()
        .map(|day| {
            let answers = survey
                .items
                .iter()
                .map(|item| Answer {
                    item: item.key,
                    expectation: survey
                        .paired()
                        .then(|| (5.0 + 2.0 * rng.unit()).round().clamp(1.0, top) as u8),
                    perception: rate(&mut rng, level + bias(item.factor)),
                })
                .collect();
            let recommend = (10.0 * (level + (rng.unit() - 0.4) * 0.3))
                .round()
                .clamp(0.0, 10.0) as u8;
            let competitor = rival.map(|name| CompetitorRating {
                name: name.to_string(),
                scores: survey
                    .items
                    .iter()
                    .map(|item| (item.key, rate(&mut rng, rival_level)))
                    .collect(),
            });
            level = (level + drift).clamp(0.05, 0.98);
            let at = day_ms(day, &mut rng);
            Response {
                rev: crate::domain::record::Rev::default(),
                id: Id::from_parts(cfg.id_epoch_ms + index as u64, rng.id_bytes()),
                survey_id: survey.id,
                customer_id: customer.id,
                date: from_epoch_day(day),
                recommend: survey.recommend.then_some(recommend),
                answers,
                competitor,
                note: String::new(),
                created_at: at,
                updated_at: at,
            }
        })
        .collect()
}

/// About one buyer in sixteen has a complaint, in every stage of handling: recent ones new or
/// acknowledged (some already past their deadline), older ones resolved or closed. Drawn from
/// a generator of its own, so adding complaints left every other sample value unchanged.
fn complaints_of(
    cfg: &SampleConfig,
    index: usize,
    customer: &Customer,
    foreign: bool,
    purchases: &[Purchase],
) -> Vec<Complaint> {
    let mut rng = Rng::new(cfg.seed ^ (index as u64).wrapping_mul(0xd6e8_feb8_6659_fd93) ^ 0xc0);
    if purchases.is_empty() || !rng.chance(1.0 / 16.0) {
        return Vec::new();
    }
    const CASES: [(Category, &str, &str, &str, &str); 6] = [
        (
            Category::Product,
            "第二批货有三箱包装破损，部分产品划伤",
            "Three cartons of the second batch arrived damaged",
            "换货并补发",
            "Replaced the damaged goods",
        ),
        (
            Category::Delivery,
            "交货比合同晚了五天，影响生产排期",
            "Delivered five days later than agreed",
            "调整排产，后续订单优先发货",
            "Rescheduled; their next orders ship first",
        ),
        (
            Category::Price,
            "同型号报价比上月高 8%，且两位销售报价不一致",
            "Two reps quoted different prices for the same item",
            "统一按合同价执行并退差价",
            "Contract price applied, difference refunded",
        ),
        (
            Category::Service,
            "安装调试拖了一周，售后电话无人接听",
            "Installation took a week and nobody answered the service line",
            "安排工程师上门并留专线",
            "Engineer sent on site; direct line given",
        ),
        (
            Category::Attitude,
            "客服回复敷衍，没有给出处理时间",
            "The service desk gave no date for a fix",
            "主管致电道歉，明确处理时限",
            "The supervisor called to apologise and set a date",
        ),
        (
            Category::Other,
            "发票抬头开错，需重开",
            "The invoice was made out to the wrong company",
            "已重开发票并快递",
            "Invoice reissued and sent",
        ),
    ];
    let (category, zh, en, fix_zh, fix_en) = *rng.pick(&CASES);
    let severity = *rng.pick(&[
        Severity::Low,
        Severity::Medium,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ]);
    let age_days = rng.range(0, 120);
    // 10:00 in Beijing (02:00 UTC) on the day it came in.
    let today = epoch_day(cfg.today) as i64;
    let received = Timestamp((today - age_days) * 86_400_000 + 2 * 3_600_000);
    let hour = |h: i64| Timestamp(received.0 + h * 3_600_000);
    // Drawn in the order the generator has always used: id bytes, then the channel.
    let id = Id::from_parts(received.0.max(0) as u64, rng.id_bytes());
    let mut c = Complaint {
        channel: *rng.pick(&[
            Channel::Call,
            Channel::Email,
            Channel::WeChat,
            Channel::Visit,
        ]),
        category,
        severity,
        description: if foreign { en } else { zh }.to_string(),
        owner_id: customer.owner_id,
        due: hour(severity.deadline_hours()),
        ..Complaint::new(id, customer.id, received)
    };
    let fix = if foreign { fix_en } else { fix_zh };
    // Every step below is allowed in the order taken, so the results are ignored safely.
    if age_days <= 3 {
        if rng.chance(0.5) {
            let _ = c.follow_up(
                hour(2),
                if foreign {
                    "Called back and apologised"
                } else {
                    "已回电致歉，正在核实"
                },
            );
        }
    } else if rng.chance(0.12) {
        let _ = c.acknowledge(hour(4));
        if rng.chance(0.5) {
            let _ = c.escalate(
                hour(6),
                if foreign {
                    "Refund above my limit"
                } else {
                    "退款金额超出本人权限"
                },
            );
        }
    } else {
        let first = rng.chance(0.35);
        let took = if first {
            rng.range(1, 6)
        } else {
            rng.range(8, 2 * severity.deadline_hours())
        }
        // Resolved, and closed a day later, before today.
        .min(age_days * 24 - 30);
        if !first {
            let _ = c.follow_up(
                hour(3),
                if foreign {
                    "Investigating with the warehouse"
                } else {
                    "已联系仓库核实"
                },
            );
            if rng.chance(0.4) {
                let _ = c.offer(
                    hour(5),
                    if foreign {
                        "Free shipping on the next order"
                    } else {
                        "下单免运费"
                    },
                    "200",
                );
                let _ = c.answer_offer(hour(7), rng.chance(0.8));
            }
        }
        let _ = c.resolve(hour(took), fix, first);
        if age_days > 10 || rng.chance(0.5) {
            let _ = c.close(hour(took + 24), rng.chance(0.85));
        }
    }
    vec![c]
}

fn customer_short(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::CustomerInput;
    use crate::domain::summary::CustomerSummary;
    use crate::domain::validate;

    fn config(customers: usize) -> SampleConfig {
        SampleConfig {
            seed: 42,
            customers,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            id_epoch_ms: 1_795_420_800_000,
            lang: crate::domain::i18n::Lang::Zh,
        }
    }

    #[test]
    fn rng_is_splitmix64() {
        // First outputs of SplitMix64 seeded with 0, from the reference implementation
        // (Vigna, https://prng.di.unimi.it/splitmix64.c).
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(r.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        assert_eq!(r.next_u64(), 0x06c4_5d18_8009_454f);
    }

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let a: Vec<SampleCustomer> = Generator::new(config(50), team(42)).collect();
        let b: Vec<SampleCustomer> = Generator::new(config(50), team(42)).collect();
        assert_eq!(a, b);
        let g = Generator::new(config(50), team(42));
        assert_eq!(g.customer(17), a[17], "customer i can be made on its own");
        let other: Vec<SampleCustomer> = Generator::new(
            SampleConfig {
                seed: 43,
                ..config(50)
            },
            team(43),
        )
        .collect();
        assert_ne!(a[0].customer.name, other[0].customer.name);
    }

    #[test]
    fn purchases_average_about_ten_per_customer() {
        let n = 5_000;
        let total: usize = Generator::new(config(n), team(42))
            .map(|c| c.purchases.len())
            .sum();
        let mean = total as f64 / n as f64;
        assert!(
            (8.5..=11.5).contains(&mean),
            "mean purchases per customer: {mean}"
        );
    }

    #[test]
    fn every_generated_record_passes_validation() {
        let today = config(1).today;
        for s in Generator::new(config(400), team(42)) {
            let c = &s.customer;
            let input = CustomerInput::from_customer(c);
            let fields = input.validate(today);
            assert!(fields.is_ok(), "{}: {:?}", c.name, fields.err());
            for p in &c.phones {
                assert!(validate::phone(p).is_ok(), "phone {p}");
            }
            for p in &s.purchases {
                assert!(p.date <= today);
                assert!(p.amount.amount > Decimal::ZERO);
                assert!(p.margin.is_none_or(|m| m <= p.amount.amount));
                assert_eq!(p.customer_id, c.id);
            }
            for i in &s.interactions {
                assert!(
                    i.at.0 <= Timestamp::from_local(today.and_hms_opt(23, 59, 0).unwrap(), 0).0
                );
            }
            for cp in &s.contacts {
                for e in &cp.emails {
                    assert!(validate::email(e).is_ok(), "email {e}");
                }
            }
        }
    }

    #[test]
    fn behaviours_are_varied() {
        let today = epoch_day(config(1).today);
        let summaries: Vec<CustomerSummary> = Generator::new(config(1000), team(42))
            .map(|s| s.summary())
            .collect();
        let never = summaries
            .iter()
            .filter(|s| s.activity.purchase_count == 0)
            .count();
        let recent = summaries
            .iter()
            .filter(|s| s.activity.last_purchase.is_some_and(|d| d > today - 90))
            .count();
        let lapsed = summaries
            .iter()
            .filter(|s| s.activity.last_purchase.is_some_and(|d| d < today - 540))
            .count();
        let big = summaries
            .iter()
            .filter(|s| s.activity.purchase_count >= 40)
            .count();
        let foreign = summaries
            .iter()
            .filter(|s| s.activity.revenue.iter().any(|r| r.0 != Currency::Cny))
            .count();
        let individuals = summaries
            .iter()
            .filter(|s| s.party == Party::Individual)
            .count();
        let overdue = summaries
            .iter()
            .filter(|s| s.activity.has_overdue_commitment(from_epoch_day(today)))
            .count();
        for (what, n, lo, hi) in [
            ("prospects", never, 50, 200),
            ("recent buyers", recent, 300, 700),
            ("lost", lapsed, 80, 250),
            ("large accounts", big, 20, 100),
            ("foreign", foreign, 30, 130),
            ("individuals", individuals, 80, 250),
            ("overdue promises", overdue, 5, 300),
        ] {
            assert!((lo..=hi).contains(&n), "{what}: {n} not in {lo}..={hi}");
        }
    }

    #[test]
    fn customer_ids_increase_in_generation_order() {
        let ids: Vec<Id> = Generator::new(config(200), team(42))
            .map(|c| c.customer.id)
            .collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ids[0].unix_ms(), 1_795_420_800_000);
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = std::collections::HashSet::new();
        for s in Generator::new(config(300), team(42)) {
            assert!(ids.insert(s.customer.id));
            for p in &s.purchases {
                assert!(ids.insert(p.id));
            }
            for i in &s.interactions {
                assert!(ids.insert(i.id));
            }
            for c in &s.contacts {
                assert!(ids.insert(c.id));
            }
            for c in &s.complaints {
                assert!(ids.insert(c.id));
            }
        }
    }

    #[test]
    fn sample_responses_are_valid_and_tell_the_factors_apart() {
        use crate::domain::satisfaction::figures::figures;
        let cfg = config(600);
        let survey = sample_survey(Lang::En);
        let all: Vec<SampleCustomer> = Generator::new(cfg.clone(), team(1)).collect();
        let responses: Vec<&Response> = all.iter().flat_map(|s| &s.responses).collect();
        let repeat = all.iter().filter(|s| s.purchases.len() >= 2).count();
        let answered = all.iter().filter(|s| !s.responses.is_empty()).count();
        let share = answered as f64 / repeat as f64;
        assert!((0.2..0.4).contains(&share), "{share}");
        for r in &responses {
            assert!(r.date <= cfg.today);
            assert_eq!(r.answers.len(), survey.items.len());
            assert!(r.answers.iter().all(|a| (1..=7).contains(&a.perception)
                && a.expectation.is_some_and(|x| (1..=7).contains(&x))));
            assert!(r.recommend.is_some_and(|v| v <= 10));
        }
        assert!(responses.iter().any(|r| r.competitor.is_some()));
        let f = figures(&survey, &responses);
        let perf = |k: usize| f.factors[k].performance;
        // Product (index 1) rated above care (index 4) by construction.
        assert!(perf(1) > perf(4), "{} vs {}", perf(1), perf(4));
        assert!(f.index.unwrap().conclusive());
        // The same seed gives the same answers.
        let again = Generator::new(cfg, team(1)).customer(7);
        assert_eq!(again.responses, all[7].responses);
    }

    #[test]
    fn complaints_come_in_every_stage_of_handling() {
        use crate::domain::complaint::Status;
        let cfg = config(3_000);
        let now = Timestamp(cfg.id_epoch_ms as i64);
        let all: Vec<SampleCustomer> = Generator::new(cfg, team(42)).collect();
        let buyers = all.iter().filter(|s| !s.purchases.is_empty()).count();
        let complaints: Vec<&Complaint> = all.iter().flat_map(|s| &s.complaints).collect();
        // One buyer in sixteen, give or take sampling noise.
        let share = complaints.len() as f64 / buyers as f64;
        assert!((0.04..0.09).contains(&share), "share {share}");
        for status in Status::ALL {
            assert!(complaints.iter().any(|c| c.status == status), "{status:?}");
        }
        assert!(complaints.iter().any(|c| c.is_overdue(now)));
        assert!(complaints.iter().any(|c| c.first_contact));
        for s in &all {
            for c in &s.complaints {
                assert_eq!(c.customer_id, s.customer.id);
                assert!(!c.description.is_empty());
                assert!(c.received_at.0 <= now.0);
                if let Some(r) = c.resolved_at {
                    assert!(r.0 >= c.received_at.0 && r.0 <= now.0);
                }
                assert!(c.closed_at.is_none_or(|t| t.0 <= now.0));
            }
            assert_eq!(
                s.summary().activity.open_complaints as usize,
                s.complaints.iter().filter(|c| c.is_open()).count()
            );
        }
    }
}
