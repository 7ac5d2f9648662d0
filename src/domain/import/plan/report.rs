//! What a checked plan shows and hands out: a record's cells as the preview lists them, the
//! error report and the report of skipped rows, as CSV for Excel.

use super::{Plan, Record};
use crate::domain::export::{Cell, csv};
use crate::domain::i18n::{Lang, Texts};
use crate::domain::id::Id;
use crate::domain::import::{Kind, Target};
use crate::domain::time::{Zone, format_date, format_datetime};

/// Column headings of a record of `kind` in the preview and the reports.
pub fn headings(kind: Kind, t: &Texts) -> Vec<&'static str> {
    use Target::*;
    let fields: &[Target] = match kind {
        Kind::Customers => &[Name, Phone, Email, Region, Tags, Owner],
        Kind::Contacts => &[Customer, Name, Title, Phone, Email],
        Kind::Interactions => &[Customer, When, Channel, Summary, Owner],
        Kind::Purchases => &[Customer, Date, Order, Amount, Product, Quantity],
        Kind::Leads => &[Name, Company, Phone, Email, Source, Owner],
        Kind::Products => &[Code, Name, Category, Unit, ListPrice, TaxRate],
    };
    fields
        .iter()
        .map(|f| match f {
            Customer => t.col_customer,
            f => f.label(t),
        })
        .collect()
}

/// A record's cells, in the order of [`headings`], as the app shows them. Times are local at
/// `zone` (an `i32` is a fixed offset); `member` names a team member.
pub fn cells(
    record: &Record,
    customer: &str,
    t: &Texts,
    zone: impl Into<Zone>,
    member: &dyn Fn(Option<Id>) -> String,
) -> Vec<String> {
    let zone = zone.into();
    let lang = Lang::of(t);
    match record {
        Record::Customer(c) => vec![
            if c.company.is_empty() {
                c.name.clone()
            } else {
                format!("{} · {}", c.name, c.company)
            },
            c.phones.join(" / "),
            c.emails.join(" / "),
            c.region.clone(),
            c.tags.join(", "),
            member(c.owner_id),
        ],
        Record::Contact(p) => vec![
            customer.to_string(),
            p.name.clone(),
            p.title.clone(),
            p.phones.join(" / "),
            p.emails.join(" / "),
        ],
        Record::Interaction(i) => vec![
            customer.to_string(),
            format_datetime(zone.local(i.at), lang),
            i.channel.label(t).to_string(),
            i.summary.clone(),
            member(i.member_id),
        ],
        Record::Purchase(p) => vec![
            customer.to_string(),
            format_date(p.date, lang),
            p.order.clone(),
            p.amount.format(lang),
            p.product.clone(),
            p.quantity.to_string(),
        ],
        Record::Lead(l) => vec![
            if l.title.is_empty() {
                l.name.clone()
            } else {
                format!("{} · {}", l.name, l.title)
            },
            l.company.clone(),
            l.phones.join(" / "),
            l.emails.join(" / "),
            l.source.label(t).to_string(),
            member(l.owner_id),
        ],
        Record::Product(p) => vec![
            p.code.clone(),
            match (p.name_zh.is_empty(), p.name_en.is_empty()) {
                (false, false) => format!("{} · {}", p.name_zh, p.name_en),
                (false, true) => p.name_zh.clone(),
                _ => p.name_en.clone(),
            },
            p.category.clone(),
            p.unit.clone(),
            p.list_price.format(lang),
            format!("{} %", p.tax_rate.normalize()),
        ],
    }
}

impl Plan {
    /// The error report: line, column, value and reason of every problem.
    pub fn error_report(&self, t: &Texts) -> String {
        csv(
            &[t.col_line, t.col_column, t.col_cell_value, t.col_why],
            self.errors.iter().map(|e| {
                vec![
                    Cell::Number(e.line.to_string()),
                    Cell::text(e.column.clone().unwrap_or_default()),
                    Cell::text(e.value.clone()),
                    Cell::text(e.problem.message(t)),
                ]
            }),
        )
    }

    /// The skipped rows: line, why, and the stored record each repeats.
    pub fn skipped_report(
        &self,
        t: &Texts,
        zone: impl Into<Zone>,
        member: &dyn Fn(Option<Id>) -> String,
    ) -> String {
        let zone = zone.into();
        let mut heads = vec![t.col_line, t.col_why];
        heads.extend(headings(self.kind, t));
        csv(
            &heads,
            self.skipped.iter().map(|s| {
                let mut row = vec![Cell::Number(s.line.to_string()), Cell::text(s.why.label(t))];
                row.extend(
                    cells(&s.record, &s.customer, t, zone, member)
                        .into_iter()
                        .map(Cell::Text),
                );
                row
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::plan_of;
    use crate::domain::i18n::{EN, ZH};
    use crate::domain::import::{Kind, Policy};

    #[test]
    fn the_skipped_rows_are_named_line_by_line() {
        let text = "单号,客户,日期,商品,数量,金额\n\
SO-1,张三,2024-03-06,耳机,1,50\n\
SO-1,张三,2024-03-06,耳机,1,50\n\
SO-2,张三,2024-03-07,=HYPERLINK(\"x\"),2,80\n\
SO-2,张三,2024-03-07,=HYPERLINK(\"x\"),2,80\n";
        let p = plan_of(Kind::Purchases, text, Policy::Skip);
        assert_eq!(p.skipped.len(), 2);
        let none = |_| String::new();
        let zh = p.skipped_report(&ZH, 480, &none);
        let lines: Vec<&str> = zh.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "行,原因,客户,日期,订单号,金额,产品,数量");
        assert_eq!(
            lines[1],
            "3,订单号和产品相同,张三,2024年3月6日,SO-1,¥50.00,耳机,1"
        );
        // A product that looks like a formula stays text in Excel.
        assert!(
            lines[2].contains(",\"'=HYPERLINK(\"\"x\"\")\","),
            "{}",
            lines[2]
        );
        let en = p.skipped_report(&EN, 480, &none);
        assert!(en.contains("Same order number and product"), "{en}");
    }
}
