//! The words and numbers sample customers are made of: cities, industries, names, titles,
//! tags, competitors and what is said in interactions, in Chinese and English.

use crate::domain::contact::BuyingRole;
use crate::domain::interaction::Channel;
use crate::domain::money::Currency;

pub(super) const CITIES: [(&str, &str, &str); 20] = [
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
pub(super) const BRAND: [&str; 24] = [
    "恒", "远", "华", "鑫", "泰", "盛", "达", "瑞", "康", "源", "嘉", "宏", "丰", "信", "德", "隆",
    "新", "金", "海", "博", "正", "安", "永", "天",
];
/// (industry word in a company name, industry, English industry, product, English product)
pub(super) const INDUSTRIES: [(&str, &str, &str, &str, &str); 15] = [
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
pub(super) const COMPANY_SUFFIX: [&str; 4] =
    ["有限公司", "股份有限公司", "集团有限公司", "实业有限公司"];
pub(super) const SURNAMES: [&str; 32] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "曾", "单", "许", "韩", "冯", "欧阳",
    "仇",
];
pub(super) const GIVEN: [&str; 32] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "玉兰", "婷", "浩", "宇", "欣怡",
    "子涵", "思远",
];
pub(super) const EN_ADJ: [&str; 10] = [
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
pub(super) const EN_NOUN: [&str; 10] = [
    "Ridge", "River", "Bay", "Oak", "Stone", "Peak", "Bridge", "Field", "Point", "Gate",
];
pub(super) const EN_SUFFIX: [&str; 6] = [
    "Trading Ltd",
    "Imports LLC",
    "Foods Inc.",
    "Supply Co.",
    "GmbH",
    "Pty Ltd",
];
pub(super) const EN_FIRST: [&str; 10] = [
    "James", "Mary", "Anna", "David", "Sophie", "Lucas", "Emma", "Noah", "Olivia", "Liam",
];
pub(super) const EN_LAST: [&str; 10] = [
    "Smith", "Brown", "Müller", "Martin", "Rossi", "Wilson", "Taylor", "Schmidt", "Dubois",
    "Garcia",
];
pub(super) const FOREIGN: [(&str, &str, Currency); 5] = [
    ("United States", "+1 415 555 ", Currency::Usd),
    ("Germany", "+49 30 5550 ", Currency::Eur),
    ("United Kingdom", "+44 20 7946 ", Currency::Gbp),
    ("Hong Kong", "+852 2555 ", Currency::Hkd),
    ("Japan", "+81 3 5555 ", Currency::Jpy),
];
pub(super) const TITLES: [(&str, BuyingRole); 6] = [
    ("总经理", BuyingRole::DecisionMaker),
    ("采购经理", BuyingRole::Buyer),
    ("技术总监", BuyingRole::Influencer),
    ("财务主管", BuyingRole::Influencer),
    ("车间主任", BuyingRole::User),
    ("行政助理", BuyingRole::Gatekeeper),
];
pub(super) const EN_TITLES: [(&str, BuyingRole); 4] = [
    ("Managing Director", BuyingRole::DecisionMaker),
    ("Purchasing Manager", BuyingRole::Buyer),
    ("Head of Engineering", BuyingRole::Influencer),
    ("Office Manager", BuyingRole::Gatekeeper),
];
pub(super) const TAGS: [&str; 8] = [
    "重点客户",
    "华东",
    "华南",
    "年度框架协议",
    "老客户转介绍",
    "需要回访",
    "VIP",
    "Export",
];
pub(super) const COMPETITORS: [&str; 5] = [
    "远大供应链",
    "华东同创",
    "Apex Industrial",
    "众诚贸易",
    "金桥科技",
];
/// (summary, commitment, channel) of Chinese interactions.
pub(super) const TALKS: [(&str, Option<&str>, Channel); 12] = [
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
pub(super) const EN_TALKS: [(&str, Option<&str>, Channel); 6] = [
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
