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
    }
    formats {
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
