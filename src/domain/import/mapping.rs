//! What an import file holds, and which field each of its columns fills. Columns are mapped
//! automatically from the Chinese and English names that spreadsheets and other CRMs use
//! (客户名称 / 公司 / Company / Name, 手机 / 电话 / Phone, 邮箱 / E-mail, 日期 / Date, 金额 /
//! Amount, ...); the user can change each column's field before anything is checked.

use serde::{Deserialize, Serialize};

/// The kind of record a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Kind {
    /// One customer per row.
    #[default]
    Customers,
    /// One contact person per row, at a customer named in the row.
    Contacts,
    /// One interaction per row, with a customer named in the row.
    Interactions,
    /// One purchase per row, by a customer named in the row.
    Purchases,
    /// One lead per row (or per business card of a vCard file).
    Leads,
    /// One product of the price list per row.
    Products,
}

impl Kind {
    /// Every kind, in the order the wizard offers them.
    pub const ALL: [Kind; 6] = [
        Kind::Customers,
        Kind::Contacts,
        Kind::Interactions,
        Kind::Purchases,
        Kind::Leads,
        Kind::Products,
    ];

    /// Stable key (URL, stored journal).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Customers => "customers",
            Kind::Contacts => "contacts",
            Kind::Interactions => "interactions",
            Kind::Purchases => "purchases",
            Kind::Leads => "leads",
            Kind::Products => "products",
        }
    }

    /// The kind with this key.
    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The fields a column of this kind of file can fill, in the order the wizard lists them.
    pub fn targets(self) -> &'static [Target] {
        use Target::*;
        match self {
            Kind::Customers => &[
                Name, Company, Party, ExternalId, Phone, Email, WeChat, Industry, Region, Address,
                Tags, Owner, Notes,
            ],
            Kind::Contacts => &[Customer, Name, Title, Phone, Email, Notes],
            Kind::Interactions => &[Customer, When, Channel, Summary, Owner],
            Kind::Purchases => &[
                Customer, Date, Order, Amount, Currency, Quantity, Product, Margin, Notes,
            ],
            Kind::Leads => &[
                Name, Company, Title, Phone, Email, WeChat, Region, Industry, Source, Campaign,
                Owner, Notes,
            ],
            Kind::Products => &[
                Code, Name, NameEn, Category, Unit, ListPrice, Currency, TaxRate, Cost, Active,
                Notes,
            ],
        }
    }

    /// The fields that must have a column. A lead needs a name or an organisation, so a lead
    /// file needs either column: [`Mapping::missing`] asks for the name when it has neither;
    /// a product needs a Chinese or an English name, so a product file needs either too.
    pub fn required(self) -> &'static [Target] {
        use Target::*;
        match self {
            Kind::Customers => &[Name],
            Kind::Contacts => &[Customer, Name],
            Kind::Interactions => &[Customer, When, Summary],
            Kind::Purchases => &[Customer, Date, Amount],
            Kind::Leads => &[],
            Kind::Products => &[Code, Unit, ListPrice],
        }
    }
}

/// A field a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// The customer's number in the system the file comes from.
    ExternalId,
    /// The customer's name (customers) or the person's name (contacts).
    Name,
    /// The company an individual customer works for.
    Company,
    /// Organisation or person (单位 / 个人).
    Party,
    Phone,
    Email,
    WeChat,
    Industry,
    Region,
    Address,
    Tags,
    /// The team member responsible (customers) or who made the contact (interactions).
    Owner,
    Notes,
    /// The customer a contact, interaction or purchase belongs to: our id, the external id, or
    /// the name.
    Customer,
    Title,
    /// When an interaction happened (date, or date and time).
    When,
    Channel,
    Summary,
    /// A purchase's date.
    Date,
    Amount,
    Currency,
    Quantity,
    Product,
    /// A purchase's order (transaction) number: rows sharing it are lines of one order.
    Order,
    Margin,
    /// Where a lead came from (展会, 转介绍, 网站...).
    Source,
    /// The campaign or event a lead came from.
    Campaign,
    /// A product's own code (SKU, 物料编码).
    Code,
    /// A product's English name (its Chinese name is [`Target::Name`]).
    NameEn,
    Category,
    /// The unit a product is sold in.
    Unit,
    ListPrice,
    /// Percent.
    TaxRate,
    /// One unit's cost.
    Cost,
    /// Whether a product is offered (是/否, yes/no, 在售/停售).
    Active,
}

impl Target {
    /// Every target (for keys).
    const ALL: [Target; 35] = [
        Target::ExternalId,
        Target::Name,
        Target::Company,
        Target::Party,
        Target::Phone,
        Target::Email,
        Target::WeChat,
        Target::Industry,
        Target::Region,
        Target::Address,
        Target::Tags,
        Target::Owner,
        Target::Notes,
        Target::Customer,
        Target::Title,
        Target::When,
        Target::Channel,
        Target::Summary,
        Target::Date,
        Target::Amount,
        Target::Currency,
        Target::Quantity,
        Target::Product,
        Target::Order,
        Target::Margin,
        Target::Source,
        Target::Campaign,
        Target::Code,
        Target::NameEn,
        Target::Category,
        Target::Unit,
        Target::ListPrice,
        Target::TaxRate,
        Target::Cost,
        Target::Active,
    ];

    /// Stable key (select values, tests).
    pub fn key(self) -> &'static str {
        match self {
            Target::ExternalId => "external_id",
            Target::Name => "name",
            Target::Company => "company",
            Target::Party => "party",
            Target::Phone => "phone",
            Target::Email => "email",
            Target::WeChat => "wechat",
            Target::Industry => "industry",
            Target::Region => "region",
            Target::Address => "address",
            Target::Tags => "tags",
            Target::Owner => "owner",
            Target::Notes => "notes",
            Target::Customer => "customer",
            Target::Title => "title",
            Target::When => "when",
            Target::Channel => "channel",
            Target::Summary => "summary",
            Target::Date => "date",
            Target::Amount => "amount",
            Target::Currency => "currency",
            Target::Quantity => "quantity",
            Target::Product => "product",
            Target::Order => "order",
            Target::Margin => "margin",
            Target::Source => "source",
            Target::Campaign => "campaign",
            Target::Code => "code",
            Target::NameEn => "name_en",
            Target::Category => "category",
            Target::Unit => "unit",
            Target::ListPrice => "list_price",
            Target::TaxRate => "tax_rate",
            Target::Cost => "cost",
            Target::Active => "active",
        }
    }

    /// The target with this key.
    pub fn from_key(key: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.key() == key)
    }

    /// Whether several columns may fill it (a mobile and a landline column both give phones).
    pub fn repeatable(self) -> bool {
        matches!(
            self,
            Target::Phone | Target::Email | Target::Tags | Target::Notes
        )
    }

    /// Column names that mean this field in a file of `kind`, normalised by [`normalise`].
    fn names(self, kind: Kind) -> &'static [&'static str] {
        match (self, kind) {
            (Target::ExternalId, _) => &[
                "客户编号",
                "客户编码",
                "客户代码",
                "客户id",
                "编号",
                "编码",
                "外部编号",
                "会员编号",
                "会员卡号",
                "id",
                "customerid",
                "customerno",
                "customernumber",
                "externalid",
                "accountid",
                "code",
            ],
            (Target::Name, Kind::Customers) => &[
                "客户名称",
                "客户名",
                "客户",
                "名称",
                "姓名",
                "名字",
                "客户姓名",
                "单位名称",
                "name",
                "customer",
                "customername",
                "fullname",
                "accountname",
            ],
            (Target::Name, Kind::Products) => &[
                "名称",
                "产品名称",
                "商品名称",
                "品名",
                "中文名称",
                "中文名",
                "产品名",
                "产品",
                "商品",
                "name",
                "productname",
                "itemname",
                "namezh",
                "chinesename",
            ],
            (Target::Name, _) => &[
                "姓名",
                "联系人",
                "联系人姓名",
                "名字",
                "name",
                "contact",
                "contactname",
                "fullname",
                "person",
                "fn",
            ],
            (Target::Company, _) => &[
                "公司",
                "公司名称",
                "单位",
                "工作单位",
                "企业",
                "企业名称",
                "所在公司",
                "company",
                "companyname",
                "organisation",
                "organization",
                "employer",
                "org",
            ],
            (Target::Party, _) => &["客户性质", "性质", "个人或单位", "party", "customertype"],
            (Target::Phone, _) => &[
                "电话",
                "手机",
                "手机号",
                "手机号码",
                "联系电话",
                "电话号码",
                "座机",
                "固话",
                "移动电话",
                "phone",
                "mobile",
                "tel",
                "telephone",
                "cell",
                "phonenumber",
                "mobilephone",
                "workphone",
            ],
            (Target::Email, _) => &[
                "邮箱",
                "电子邮箱",
                "电子邮件",
                "邮件",
                "邮箱地址",
                "email",
                "mail",
                "emailaddress",
            ],
            (Target::WeChat, _) => &["微信", "微信号", "wechat", "weixin", "wechatid"],
            (Target::Industry, _) => &["行业", "所属行业", "industry", "sector"],
            (Target::Region, _) => &[
                "地区",
                "区域",
                "城市",
                "所在城市",
                "省份",
                "所在地",
                "所在地区",
                "省市",
                "region",
                "city",
                "province",
                "area",
                "state",
            ],
            (Target::Address, _) => &[
                "地址",
                "详细地址",
                "联系地址",
                "通讯地址",
                "公司地址",
                "address",
                "street",
            ],
            (Target::Tags, _) => &["标签", "客户标签", "tags", "tag", "labels"],
            (Target::Owner, Kind::Interactions) => &[
                "跟进人",
                "联系人员",
                "销售",
                "负责人",
                "业务员",
                "员工",
                "member",
                "owner",
                "salesrep",
                "by",
                "user",
            ],
            (Target::Owner, _) => &[
                "负责人",
                "客户经理",
                "销售",
                "业务员",
                "跟进人",
                "所属销售",
                "owner",
                "salesrep",
                "accountmanager",
                "accountowner",
            ],
            (Target::Notes, _) => &[
                "备注", "说明", "附注", "notes", "note", "remark", "remarks", "comment", "comments",
            ],
            (Target::Customer, _) => &[
                "客户",
                "客户名称",
                "客户名",
                "公司",
                "公司名称",
                "单位",
                "单位名称",
                "企业",
                "企业名称",
                "所属客户",
                "所属公司",
                "客户编号",
                "客户编码",
                "客户id",
                "会员",
                "会员编号",
                "会员卡号",
                "会员号",
                "会员名称",
                "顾客",
                "买家",
                "customer",
                "customername",
                "company",
                "account",
                "accountname",
                "organisation",
                "organization",
                "member",
                "memberid",
                "memberno",
                "buyer",
                "customerid",
                "externalid",
            ],
            (Target::Title, _) => &[
                "职位", "职务", "头衔", "岗位", "title", "jobtitle", "position", "role",
            ],
            (Target::When, _) => &[
                "日期",
                "时间",
                "日期时间",
                "联系时间",
                "跟进时间",
                "沟通时间",
                "拜访时间",
                "date",
                "time",
                "datetime",
                "when",
                "at",
            ],
            (Target::Channel, _) => &[
                "方式",
                "渠道",
                "联系方式",
                "跟进方式",
                "沟通方式",
                "类型",
                "channel",
                "type",
                "method",
                "medium",
            ],
            (Target::Summary, _) => &[
                "内容",
                "摘要",
                "跟进内容",
                "沟通内容",
                "拜访内容",
                "记录",
                "跟进记录",
                "详情",
                "summary",
                "content",
                "subject",
                "details",
                "description",
            ],
            (Target::Date, _) => &[
                "日期",
                "购买日期",
                "下单日期",
                "订单日期",
                "交易日期",
                "成交日期",
                "单据日期",
                "销售日期",
                "消费日期",
                "付款日期",
                "下单时间",
                "交易时间",
                "支付时间",
                "时间",
                "date",
                "orderdate",
                "transactiondate",
                "invoicedate",
                "purchasedate",
                "saledate",
            ],
            (Target::Amount, _) => &[
                "金额",
                "总金额",
                "订单金额",
                "销售额",
                "成交金额",
                "实付金额",
                "实收金额",
                "付款金额",
                "总价",
                "amount",
                "total",
                "value",
                "revenue",
                "price",
            ],
            (Target::Currency, _) => &["币种", "货币", "币别", "currency"],
            (Target::Quantity, _) => &["数量", "件数", "quantity", "qty", "units"],
            (Target::Product, _) => &[
                "产品",
                "商品",
                "产品名称",
                "商品名称",
                "品名",
                "货品",
                "product",
                "item",
                "productname",
                "sku",
            ],
            (Target::Order, _) => &[
                "订单号",
                "单号",
                "订单编号",
                "订单id",
                "销售单号",
                "交易号",
                "交易单号",
                "流水号",
                "单据号",
                "单据编号",
                "order",
                "orderid",
                "orderno",
                "ordernumber",
                "transactionid",
                "transaction",
                "invoiceno",
                "invoicenumber",
                "receiptno",
            ],
            (Target::Margin, _) => &["毛利", "利润", "毛利额", "margin", "profit", "grossmargin"],
            (Target::Source, _) => &[
                "来源",
                "线索来源",
                "客户来源",
                "来源渠道",
                "获取渠道",
                "source",
                "leadsource",
                "origin",
            ],
            (Target::Code, _) => &[
                "编码",
                "产品编码",
                "商品编码",
                "物料编码",
                "物料号",
                "物料代码",
                "货号",
                "产品代码",
                "商品代码",
                "产品编号",
                "商品编号",
                "编号",
                "代码",
                "code",
                "sku",
                "productcode",
                "itemcode",
                "productno",
                "itemno",
                "partno",
                "partnumber",
            ],
            (Target::NameEn, _) => &[
                "英文名称",
                "英文名",
                "英文品名",
                "englishname",
                "nameen",
                "nameenglish",
                "productnameen",
            ],
            (Target::Category, _) => &[
                "类别",
                "分类",
                "产品类别",
                "商品类别",
                "产品分类",
                "商品分类",
                "品类",
                "类目",
                "大类",
                "category",
                "productcategory",
                "group",
                "productgroup",
            ],
            (Target::Unit, _) => &[
                "单位",
                "计量单位",
                "销售单位",
                "unit",
                "uom",
                "unitofmeasure",
            ],
            (Target::ListPrice, _) => &[
                "单价",
                "标准价",
                "标准单价",
                "价格",
                "售价",
                "销售价",
                "销售单价",
                "零售价",
                "定价",
                "目录价",
                "价目",
                "listprice",
                "price",
                "unitprice",
                "saleprice",
                "salesprice",
            ],
            (Target::TaxRate, _) => &[
                "税率",
                "税率%",
                "增值税率",
                "增值税税率",
                "taxrate",
                "tax",
                "vat",
                "vatrate",
                "tax%",
                "vat%",
            ],
            (Target::Cost, _) => &[
                "成本",
                "成本价",
                "单位成本",
                "进价",
                "采购价",
                "采购单价",
                "cost",
                "unitcost",
                "costprice",
            ],
            (Target::Active, _) => &[
                "状态",
                "是否启用",
                "启用",
                "在售",
                "是否在售",
                "active",
                "status",
                "enabled",
                "onsale",
                "offered",
            ],
            (Target::Campaign, _) => &[
                "活动",
                "市场活动",
                "营销活动",
                "活动名称",
                "展会",
                "展会名称",
                "campaign",
                "event",
                "campaignname",
            ],
        }
    }

    /// Words that, inside a longer column name, point at this field (客户联系电话 → phone).
    fn hints(self) -> &'static [&'static str] {
        match self {
            Target::Phone => &["电话", "手机", "phone", "mobile"],
            Target::Email => &["邮箱", "邮件", "email"],
            Target::WeChat => &["微信", "wechat"],
            Target::Address => &["地址", "address"],
            Target::Amount => &["金额", "amount"],
            Target::Notes => &["备注", "note", "remark"],
            Target::Product => &["产品", "商品", "product"],
            Target::Quantity => &["数量", "quantity"],
            Target::Order => &["单号", "订单号", "orderid", "orderno"],
            _ => &[],
        }
    }
}

/// Lower case, without spaces, punctuation or a bracketed unit: `E-mail` → `email`,
/// `金额（元）` → `金额`, `* 客户名称` → `客户名称`.
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut depth = 0u32;
    for ch in header.trim().trim_start_matches('\u{feff}').chars() {
        match ch {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() => {}
            '_' | '-' | '*' | '#' | ':' | '：' | '.' | '/' | '\'' | '"' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Which field each column fills (`None`: ignored).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Mapping(pub Vec<Option<Target>>);

impl Mapping {
    /// The first column filling `target`.
    pub fn column_of(&self, target: Target) -> Option<usize> {
        self.0.iter().position(|t| *t == Some(target))
    }

    /// Every column filling `target`.
    pub fn columns_of(&self, target: Target) -> impl Iterator<Item = usize> + '_ {
        self.0
            .iter()
            .enumerate()
            .filter(move |(_, t)| **t == Some(target))
            .map(|(i, _)| i)
    }

    /// Required fields of `kind` that no column fills.
    pub fn missing(&self, kind: Kind) -> Vec<Target> {
        if kind == Kind::Leads
            && self.column_of(Target::Name).is_none()
            && self.column_of(Target::Company).is_none()
        {
            return vec![Target::Name];
        }
        let mut missing: Vec<Target> = kind
            .required()
            .iter()
            .copied()
            .filter(|t| self.column_of(*t).is_none())
            .collect();
        if kind == Kind::Products
            && self.column_of(Target::Name).is_none()
            && self.column_of(Target::NameEn).is_none()
        {
            missing.insert(1.min(missing.len()), Target::Name);
        }
        missing
    }

    /// Fields that are not repeatable but filled by more than one column.
    pub fn repeated(&self) -> Vec<Target> {
        let mut out: Vec<Target> = Vec::new();
        for (i, t) in self.0.iter().enumerate() {
            if let Some(t) = t
                && !t.repeatable()
                && self.0[..i].contains(&Some(*t))
                && !out.contains(t)
            {
                out.push(*t);
            }
        }
        out
    }

    /// Sets column `i` to `target`.
    pub fn set(&mut self, i: usize, target: Option<Target>) {
        if let Some(slot) = self.0.get_mut(i) {
            *slot = target;
        }
    }
}

/// The field of one column name in a file of `kind`: an exact known name first, then a known
/// word inside it.
fn target_of(kind: Kind, header: &str) -> Option<Target> {
    let name = normalise(header);
    if name.is_empty() {
        return None;
    }
    let targets = kind.targets();
    targets
        .iter()
        .copied()
        .find(|t| t.names(kind).contains(&name.as_str()))
        .or_else(|| {
            targets
                .iter()
                .copied()
                .find(|t| t.hints().iter().any(|h| name.contains(h)))
        })
}

/// Maps a header automatically. A field that is not repeatable goes to its first column only;
/// in a customer file whose only name-like column is a company (公司), that column is the name.
pub fn auto(kind: Kind, header: &[String]) -> Mapping {
    let mut mapping = Mapping(Vec::with_capacity(header.len()));
    for h in header {
        let t = target_of(kind, h).filter(|t| t.repeatable() || mapping.column_of(*t).is_none());
        mapping.0.push(t);
    }
    if kind == Kind::Customers
        && mapping.column_of(Target::Name).is_none()
        && let Some(i) = mapping.column_of(Target::Company)
    {
        mapping.0[i] = Some(Target::Name);
    }
    mapping
}

/// The kind of records a header most likely describes, for the wizard's first guess: a
/// product code with a price and no date means a price list, amounts mean purchases, a summary (内容) means interactions, a column naming leads (线索)
/// or a campaign means leads, a title next to a customer column means contact persons;
/// otherwise customers.
pub fn guess_kind(header: &[String]) -> Kind {
    let has = |kind: Kind, target: Target| auto(kind, header).column_of(target).is_some();
    let says_lead = header.iter().any(|h| {
        let h = normalise(h);
        h.contains("线索") || h.contains("lead")
    });
    if has(Kind::Products, Target::Code)
        && has(Kind::Products, Target::ListPrice)
        && !has(Kind::Purchases, Target::Date)
    {
        Kind::Products
    } else if has(Kind::Purchases, Target::Amount) {
        Kind::Purchases
    } else if has(Kind::Interactions, Target::Summary) {
        Kind::Interactions
    } else if says_lead || has(Kind::Leads, Target::Campaign) {
        Kind::Leads
    } else if has(Kind::Contacts, Target::Title) && has(Kind::Contacts, Target::Customer) {
        Kind::Contacts
    } else {
        Kind::Customers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_are_normalised() {
        assert_eq!(normalise(" E-mail "), "email");
        assert_eq!(normalise("金额（元）"), "金额");
        assert_eq!(normalise("* 客户名称"), "客户名称");
        assert_eq!(normalise("Phone Number"), "phonenumber");
        assert_eq!(normalise("\u{feff}Name"), "name");
    }

    #[test]
    fn chinese_and_english_headers_map_to_fields() {
        let m = auto(
            Kind::Customers,
            &header(&[
                "客户名称",
                "手机",
                "座机",
                "邮箱",
                "所在城市",
                "客户标签",
                "负责人",
                "备注",
                "序号",
            ]),
        );
        use Target::*;
        assert_eq!(
            m.0,
            [
                Some(Name),
                Some(Phone),
                Some(Phone),
                Some(Email),
                Some(Region),
                Some(Tags),
                Some(Owner),
                Some(Notes),
                None
            ]
        );
        let m = auto(
            Kind::Customers,
            &header(&["Company", "E-mail", "Phone Number", "Customer ID"]),
        );
        // The only name-like column is the company: it is the name.
        assert_eq!(
            m.0,
            [Some(Name), Some(Email), Some(Phone), Some(ExternalId)]
        );
        let m = auto(Kind::Customers, &header(&["姓名", "公司", "客户联系电话"]));
        assert_eq!(m.0, [Some(Name), Some(Company), Some(Phone)]);
    }

    #[test]
    fn linked_records_name_their_customer() {
        use Target::*;
        let m = auto(
            Kind::Purchases,
            &header(&[
                "客户名称",
                "订单日期",
                "金额（元）",
                "商品名称",
                "数量",
                "币种",
            ]),
        );
        assert_eq!(
            m.0,
            [
                Some(Customer),
                Some(Date),
                Some(Amount),
                Some(Product),
                Some(Quantity),
                Some(Currency)
            ]
        );
        assert!(m.missing(Kind::Purchases).is_empty());
        // A shop system's export: members, document dates, order numbers, amounts paid.
        let m = auto(
            Kind::Purchases,
            &header(&["单据日期", "会员编号", "单号", "数量", "实付金额"]),
        );
        assert_eq!(
            m.0,
            [
                Some(Date),
                Some(Customer),
                Some(Order),
                Some(Quantity),
                Some(Amount)
            ]
        );
        let m = auto(
            Kind::Purchases,
            &header(&["Member ID", "Transaction date", "Order No.", "Total"]),
        );
        assert_eq!(m.0, [Some(Customer), Some(Date), Some(Order), Some(Amount)]);
        let m = auto(Kind::Contacts, &header(&["公司", "联系人", "职务", "手机"]));
        assert_eq!(m.0, [Some(Customer), Some(Name), Some(Title), Some(Phone)]);
        let m = auto(
            Kind::Interactions,
            &header(&["customer", "date", "type", "summary"]),
        );
        assert_eq!(
            m.0,
            [Some(Customer), Some(When), Some(Channel), Some(Summary)]
        );
        // Two date columns: the second is left for the user to decide.
        let m = auto(Kind::Purchases, &header(&["客户", "日期", "时间"]));
        assert_eq!(m.0, [Some(Customer), Some(Date), None]);
        assert_eq!(m.missing(Kind::Purchases), [Amount]);
    }

    #[test]
    fn repeated_single_fields_are_found() {
        let mut m = auto(Kind::Customers, &header(&["名称", "地区", "城市"]));
        assert!(m.repeated().is_empty());
        m.set(2, Some(Target::Region));
        assert_eq!(m.repeated(), [Target::Region]);
        m.set(1, Some(Target::Phone));
        m.set(2, Some(Target::Phone));
        assert!(m.repeated().is_empty());
    }

    #[test]
    fn the_kind_is_guessed_from_the_header() {
        assert_eq!(
            guess_kind(&header(&["客户", "日期", "金额"])),
            Kind::Purchases
        );
        assert_eq!(
            guess_kind(&header(&["客户", "时间", "方式", "内容"])),
            Kind::Interactions
        );
        assert_eq!(
            guess_kind(&header(&["公司", "姓名", "职位"])),
            Kind::Contacts
        );
        assert_eq!(guess_kind(&header(&["客户名称", "电话"])), Kind::Customers);
    }

    #[test]
    fn keys_round_trip() {
        for t in Target::ALL {
            assert_eq!(Target::from_key(t.key()), Some(t));
        }
        for k in Kind::ALL {
            assert_eq!(Kind::from_key(k.key()), Some(k));
        }
    }
}
