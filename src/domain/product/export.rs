//! The price list as a CSV file for Excel: one product per row under the same column names
//! the import wizard reads, in the reader's language, so an exported list edited in Excel
//! imports back as updates of the same products (matched by code).

use crate::domain::export::{Cell, csv};
use crate::domain::i18n::{EN, Texts};
use crate::domain::import::Target;
use crate::domain::product::Product;

/// The columns, in order.
const COLUMNS: [Target; 11] = [
    Target::Code,
    Target::Name,
    Target::NameEn,
    Target::Category,
    Target::Unit,
    Target::ListPrice,
    Target::Currency,
    Target::TaxRate,
    Target::Cost,
    Target::Active,
    Target::Notes,
];

/// `products` (as given, those in the trash left out) as CSV.
pub fn price_list_csv(products: &[Product], t: &Texts) -> String {
    let heads: Vec<&str> = COLUMNS.iter().map(|c| c.label(t)).collect();
    let (yes, no) = if std::ptr::eq(t, &EN) {
        ("yes", "no")
    } else {
        ("是", "否")
    };
    csv(
        &heads,
        products.iter().filter(|p| p.deleted_at.is_none()).map(|p| {
            vec![
                Cell::text(p.code.clone()),
                Cell::text(p.name_zh.clone()),
                Cell::text(p.name_en.clone()),
                Cell::text(p.category.clone()),
                Cell::text(p.unit.clone()),
                Cell::Number(p.list_price.amount.to_string()),
                Cell::text(p.list_price.currency.code()),
                Cell::Number(p.tax_rate.normalize().to_string()),
                Cell::Number(p.cost.map(|c| c.to_string()).unwrap_or_default()),
                Cell::text(if p.active { yes } else { no }),
                Cell::text(p.notes.clone()),
            ]
        }),
    )
}
