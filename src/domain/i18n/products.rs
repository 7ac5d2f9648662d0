//! The price list (产品与价目表) and price agreements (价格协议): the list, a product's page and
//! form, the agreements and their form, and the labels of their choices.

use super::Texts;
use crate::domain::product::pricing::{PartyChoice, PassedOver};

super::feature_texts! { $ products_texts;
    strings {
        nav_products = "Products", "产品价目";
        cmd_go_products = "Go to the price list", "前往产品价目表";
        products_title = "Products and prices", "产品与价目表";
        products_sub = "What the company sells, at one list price for every rep; agreements give a customer, a class or a kind of customer its own price.", "公司销售的产品，每位销售使用同一标准价；价格协议为某个客户、某类价值客户或某类客户设定专属价格。";
        product_new = "New product", "新建产品";
        products_import = "Import", "导入";
        products_export = "Export the price list", "导出价目表";
        product_about = "The product", "产品信息";
        product_price = "Price and cost", "价格与成本";
        product_code = "Code", "编码";
        product_code_hint = "Your own code (SKU): unique on the list.", "企业内部编码（物料编码），在价目表中唯一。";
        product_name_zh = "Name (Chinese)", "中文名称";
        product_name_en = "Name (English)", "英文名称";
        product_category = "Category", "类别";
        product_category_hint = "The word purchases record (e.g. 包装材料), so earlier purchases line up with the product.", "与交易记录中的产品类别一致（例如：包装材料），以便关联历史交易。";
        product_unit = "Unit", "单位";
        product_list_price = "List price (before tax)", "标准价（不含税）";
        product_tax = "Tax rate %", "税率 %";
        product_tax_hint = "China's VAT: 13 % for goods, 9 % for transport and farm produce, 6 % for most services.", "增值税：货物 13%，运输及农产品 9%，多数服务 6%。";
        product_cost = "Unit cost", "单位成本";
        product_cost_hint = "Optional: gives the margin on quotes and purchases.", "可选：用于计算报价和交易的毛利。";
        product_active = "Offered in new quotes", "可用于新报价";
        product_inactive = "Not offered", "已停售";
        product_margin = "Margin", "毛利率";
        product_saved = "Product saved", "产品已保存";
        product_created = "Product added", "产品已添加";
        product_not_found = "This product does not exist or was deleted for good.", "该产品不存在或已被永久删除。";
        product_trash = "Move to trash", "移到回收站";
        product_trashed = "Product moved to the trash", "产品已移到回收站";
        product_restored = "Product restored", "产品已恢复";
        product_in_trash = "This product is in the trash.", "该产品在回收站中。";
        products_in_trash = "Products", "产品";
        products_empty_title = "No products yet", "还没有产品";
        products_empty_body = "Add the products you sell, or import your price list from a CSV file (Import → Products), so every quote starts from the same prices.", "添加您销售的产品，或通过 CSV 文件导入价目表（导入 → 产品），让每份报价都从同一价格出发。";
        products_no_match = "No product matches", "没有匹配的产品";
        products_search = "Search products: code, name, category, pinyin", "搜索产品：编码、名称、类别、拼音";
        products_search_label = "Search products", "搜索产品";
        products_all_categories = "Every category", "全部类别";
        products_state = "Offered or not", "在售状态";
        products_state_all = "All", "全部";
        products_state_active = "Offered", "在售";
        products_state_inactive = "Not offered", "已停售";
        tab_products = "Price list", "价目表";
        tab_agreements = "Price agreements", "价格协议";
        agreements_rule = "When several apply, the most specific wins: the customer's own for the product, then for its category; then its value class's; then its kind's. Among equals the newest, then the lower price.", "多项协议同时适用时，取最具体的一项：先看该客户针对该产品的协议，再看针对其类别的；其次是其价值类别的，最后是客户类型的。同级时取最新生效的，再取价格较低的。";
        agreements_empty = "No price agreement yet: every customer pays the list price.", "还没有价格协议：所有客户按标准价。";
        agreement_new = "New agreement", "新建协议";
        agreement_edit = "Edit agreement", "编辑协议";
        agreement_with = "With", "协议对象";
        agreement_customer = "Customer", "客户";
        agreement_class = "Value class", "价值类别";
        agreement_kind = "Kind of customer", "客户类型";
        agreement_covers = "Covers", "适用范围";
        agreement_product = "One product", "单个产品";
        agreement_category = "A whole category", "整个类别";
        agreement_terms = "Terms", "条款";
        agreement_fixed = "Fixed price", "固定价格";
        agreement_discount = "Discount off the list price", "在标准价基础上打折";
        agreement_price = "Price per unit (before tax)", "单价（不含税）";
        agreement_discount_pct = "Discount %", "折扣 %";
        agreement_from = "Valid from", "生效日期";
        agreement_until = "Valid until (empty: until further notice)", "截止日期（留空表示长期有效）";
        agreement_notes = "Contract or reason", "合同或原因";
        agreement_saved = "Agreement saved", "协议已保存";
        agreement_trashed = "Agreement moved to the trash", "协议已移到回收站";
        agreement_restored = "Agreement restored", "协议已恢复";
        agreements_in_trash = "Price agreements", "价格协议";
        agreement_in_force = "In force", "生效中";
        agreement_not_yet = "Not yet in force", "尚未生效";
        agreement_ended = "Ended", "已到期";
        agreement_choose_product = "Choose a product", "选择产品";
        agreement_gone_customer = "(customer deleted)", "（客户已删除）";
        agreement_gone_product = "(product deleted)", "（产品已删除）";
        col_code = "Code", "编码";
        col_product = "Product", "产品";
        col_unit = "Unit", "单位";
        col_list_price = "List price", "标准价";
        col_tax = "Tax", "税率";
        col_agreement_with = "With", "对象";
        col_agreement_covers = "Covers", "范围";
        col_agreement_terms = "Terms", "条款";
        col_agreement_valid = "Valid", "有效期";
        product_agreements = "Agreements on this product", "该产品的价格协议";
        product_agreements_none = "No agreement names this product or its category.", "没有针对该产品或其类别的协议。";
        actions = "Actions", "操作";
        cmd_go_prices = "Go to the price analysis", "前往价格分析";
        price_open = "Price analysis", "价格分析";
        price_title = "Price analysis", "价格分析";
        price_sub = "What customers actually paid against the list, how deep the discounts go by customer class and by rep, and what a price change would do to revenue and margin.", "客户实际成交价与标准价的对比、按客户价值类别和销售人员的折扣分布，以及调价对收入和毛利的影响。";
        price_scope = "Product or category", "产品或类别";
        price_scope_all = "Every product", "全部产品";
        price_scope_category = "Category:", "类别：";
        price_reading = "Reading quotes and purchases…", "正在读取报价和购买记录…";
        price_realised = "Realised prices", "成交价格";
        price_realised_hint = "From accepted quotes: each line's price after its own and the quote's discount, before tax, against the list price on the day it was quoted. Discount spread: 10th percentile / median / 90th percentile of the lines' discount from list. Margin: over the lines whose product has a cost. Click a category or product to see its spread and what-if.", "来源为已接受的报价：每行扣除行折扣和整单折扣后的不含税价格，对比报价当日的标准价。折扣分布：各行相对标准价折扣的第 10 百分位 / 中位数 / 第 90 百分位。毛利：仅计有成本的产品行。点击类别或产品查看其折扣分布和调价模拟。";
        price_none = "No accepted quote in this currency yet: realised prices appear once customers accept quotes.", "该币种还没有已接受的报价：客户接受报价后这里显示成交价格。";
        price_realised_share = "Realised of list", "成交价/标准价";
        price_median_discount = "Median discount", "折扣中位数";
        price_margin_rate = "Margin", "毛利率";
        price_net = "Net sales", "成交额（不含税）";
        price_by_category = "By category", "按类别";
        price_by_product = "By product (the 50 largest)", "按产品（成交额前 50）";
        price_by_class = "By customer class", "按客户价值类别";
        price_by_rep = "By rep", "按销售人员";
        price_unclassified = "Not classified", "未分类";
        price_lines = "Lines", "行数";
        price_discount_spread = "Discount P10 / median / P90 (%)", "折扣 P10 / 中位数 / P90（%）";
        price_change = "Price change (%)", "调价幅度（%）";
        price_elasticity = "Price elasticity", "价格弹性";
        price_elasticity_hint = "Volume change for a 1 % price change. −1 (the default) keeps revenue level; −2 loses 2 % of volume per 1 % of price.", "价格每变动 1% 时销量的变化。默认 −1 表示收入基本不变；−2 表示价格每涨 1% 销量减少 2%。";
        price_margin_unknown = "No margin is recorded on these purchases and no product here has a cost: only revenue is projected.", "这些购买没有记录毛利，相关产品也没有成本：只预测收入。";
        price_what_if_fix = "Correct the figures above to see the projection.", "请更正上面的数值以查看预测。";
        price_what_if_none = "No customer with a fitted purchase prediction has bought this: nothing to project.", "没有已拟合购买预测的客户购买过此产品或类别：无可预测。";
        price_class = "Customer class", "客户类别";
        price_customers = "Customers", "客户数";
        price_revenue_before = "Revenue now", "当前收入";
        price_revenue_after = "Revenue after", "调价后收入";
        price_change_short = "Change", "变化";
        price_margin_before = "Margin now", "当前毛利";
        price_margin_after = "Margin after", "调价后毛利";
        price_all_customers = "All customers", "全部客户";
    }
    formats {
        price_products_of(category: &str) = format!("Products of {category}"), format!("类别 {category} 的产品");
        price_spread_of(scope: &str) = format!("Discounts by customer class and rep: {scope}"), format!("按客户类别和销售人员的折扣：{scope}");
        price_what_if_of(scope: &str) = format!("What if the price changes: {scope}"), format!("调价模拟：{scope}");
        price_what_if_hint(weeks: u32) = format!("Over the next {weeks} weeks (the analysis horizon): each customer's predicted spending (BG/NBD purchases × Gamma-Gamma spend) times the share of their purchases that went to this. Volume moves by (1 + change)^elasticity; revenue after = revenue × (1 + change)^(1 + elasticity); margin after = revenue × (1 + change)^elasticity × (change + margin rate)."), format!("未来 {weeks} 周（分析周期）：每位客户的预测消费（BG/NBD 购买次数 × Gamma-Gamma 客单价）乘以其购买中用于此产品或类别的比例。销量按 (1 + 调价)^弹性 变化；调价后收入 = 收入 × (1 + 调价)^(1 + 弹性)；调价后毛利 = 收入 × (1 + 调价)^弹性 × (调价 + 毛利率)。");
        price_margin_recorded(pct: &str) = format!("Margin rate {pct} %, as recorded on these purchases."), format!("毛利率 {pct}%，取自这些购买记录的毛利。");
        price_margin_from_cost(pct: &str) = format!("Margin rate {pct} %, from the products' costs against their list prices (no margin recorded on the purchases)."), format!("毛利率 {pct}%，按产品成本与标准价计算（购买记录中没有毛利）。");
        n_products(n: usize) = if n == 1 { "1 product".to_string() } else { format!("{} products", format_count(n as u64)) }, format!("{} 个产品", format_count(n as u64));
        n_products_shown(shown: usize, total: usize) = format!("Showing {} of {} products", format_count(shown as u64), format_count(total as u64)), format!("显示 {} 个，共 {} 个产品", format_count(shown as u64), format_count(total as u64));
        agreement_off(pct: &str) = format!("{pct} % off"), format!("{pct}% 折扣");
        agreement_from_to(from: &str, to: &str) = format!("{from} to {to}"), format!("{from} 至 {to}");
        agreement_since(from: &str) = format!("From {from}, until further notice"), format!("{from} 起，长期有效");
    }
}

impl PartyChoice {
    /// The choice's label.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            PartyChoice::Customer => t.agreement_customer,
            PartyChoice::Importance => t.agreement_class,
            PartyChoice::Kind => t.agreement_kind,
        }
    }
}

impl PassedOver {
    /// Why an agreement did not set the price, in a few words.
    pub fn label(self, t: &Texts) -> &'static str {
        let en = std::ptr::eq(t, &super::EN);
        let (a, b) = match self {
            PassedOver::NotYet => ("not yet in force", "尚未生效"),
            PassedOver::Ended => ("ended", "已到期"),
            PassedOver::OtherCurrency => ("in another currency", "币种不同"),
            PassedOver::LessSpecific => ("a more specific one applies", "有更具体的协议"),
            PassedOver::Outranked => ("a newer or lower one applies", "有更新或更低的协议"),
        };
        if en { a } else { b }
    }
}
