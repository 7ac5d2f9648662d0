//! The per-customer table: the models' inputs (x, tₓ, T, mean repeat spend) and the holdout
//! outcome, sortable by any column, fifty rows a page, exported whole as CSV.

use crate::domain::analysis::validation::{CustomerCheck, Validation};
use crate::domain::i18n::Texts;
use crate::domain::money::format_significant;
use crate::ui::download::download;
use crate::ui::routes::Page;
use crate::ui::state::use_texts;
use leptos::prelude::*;
use std::cmp::Ordering;
use std::sync::Arc;

/// Rows a page.
const PAGE: usize = 50;

/// A sortable column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Name,
    X,
    Recency,
    Age,
    MeanSpend,
    Actual,
    Predicted,
    HoldoutSpend,
    PredictedSpend,
}

impl Column {
    const ALL: [Column; 9] = [
        Column::Name,
        Column::X,
        Column::Recency,
        Column::Age,
        Column::MeanSpend,
        Column::Actual,
        Column::Predicted,
        Column::HoldoutSpend,
        Column::PredictedSpend,
    ];

    fn heading(self, t: &Texts) -> &'static str {
        match self {
            Column::Name => t.col_customer,
            Column::X => t.val_col_x,
            Column::Recency => t.val_col_tx,
            Column::Age => t.val_col_t,
            Column::MeanSpend => t.val_col_mean_spend,
            Column::Actual => t.val_col_actual,
            Column::Predicted => t.val_col_predicted,
            Column::HoldoutSpend => t.val_col_holdout_spend,
            Column::PredictedSpend => t.val_col_predicted_spend,
        }
    }

    /// The value sorted by (missing values last either way round, see [`order`]).
    fn value(self, c: &CustomerCheck) -> Option<f64> {
        match self {
            Column::Name => None,
            Column::X => Some(f64::from(c.x)),
            Column::Recency => Some(c.t_x),
            Column::Age => Some(c.t),
            Column::MeanSpend => c.mean_spend,
            Column::Actual => Some(f64::from(c.actual)),
            Column::Predicted => Some(c.predicted),
            Column::HoldoutSpend => c.holdout_spend,
            Column::PredictedSpend => c.predicted_spend,
        }
    }
}

/// How two rows compare under `column`, `descending` or not; rows without a value go last.
fn order(column: Column, descending: bool, a: &CustomerCheck, b: &CustomerCheck) -> Ordering {
    let directed = |o: Ordering| if descending { o.reverse() } else { o };
    match column {
        Column::Name => directed(a.name.cmp(&b.name)),
        _ => match (column.value(a), column.value(b)) {
            (Some(x), Some(y)) => directed(x.total_cmp(&y)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
    }
}

/// The table.
#[component]
pub fn CustomerTable(v: Arc<Validation>) -> impl IntoView {
    let t = use_texts();
    let sort = RwSignal::new((Column::Predicted, true));
    let page = RwSignal::new(0usize);
    let sorted = {
        let v = v.clone();
        Memo::new(move |_| {
            let (column, descending) = sort.get();
            let mut rows: Vec<usize> = (0..v.customers.len()).collect();
            rows.sort_by(|&a, &b| order(column, descending, &v.customers[a], &v.customers[b]));
            rows
        })
    };
    let total = v.customers.len();
    let page_count = total.div_ceil(PAGE).max(1);
    let export = {
        let v = v.clone();
        move |_| {
            let text = v.customers_csv(t.get_untracked());
            download("model-validation.csv", "text/csv;charset=utf-8", &text);
        }
    };
    let header = move || {
        let tt = t.get();
        let (current, descending) = sort.get();
        Column::ALL
            .into_iter()
            .map(|c| {
                let aria = if c == current {
                    if descending { "descending" } else { "ascending" }
                } else {
                    "none"
                };
                let class = if c == Column::Name { "" } else { "num" };
                view! {
                    <th scope="col" class=class aria-sort=aria>
                        <button
                            type="button"
                            class="sort-button"
                            on:click=move |_| {
                                sort.update(|s| *s = if s.0 == c { (c, !s.1) } else { (c, c != Column::Name) });
                                page.set(0);
                            }
                        >
                            {c.heading(tt)}
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    let body = move || {
        let optional =
            |x: Option<f64>| x.map_or_else(|| "—".to_string(), |v| format_significant(v, 3));
        let start = page.get() * PAGE;
        sorted.with(|rows| {
            rows.iter()
                .skip(start)
                .take(PAGE)
                .map(|&i| {
                    let c = &v.customers[i];
                    view! {
                        <tr>
                            <td><a href=Page::Customer(c.id).path()>{c.name.clone()}</a></td>
                            <td class="num">{c.x}</td>
                            <td class="num">{format!("{:.1}", c.t_x)}</td>
                            <td class="num">{format!("{:.1}", c.t)}</td>
                            <td class="num">{optional(c.mean_spend)}</td>
                            <td class="num">{c.actual}</td>
                            <td class="num">{format!("{:.2}", c.predicted)}</td>
                            <td class="num">{optional(c.holdout_spend)}</td>
                            <td class="num">{optional(c.predicted_spend)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t.get().val_table_title>
            <table class="data-table compact nowrap-table" data-testid="validation-table">
                <thead><tr>{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <div class="pager">
            <button type="button" class="btn btn-small" disabled={move || page.get() == 0} on:click={move |_| page.update(|p| *p = p.saturating_sub(1))}>{move || t.get().val_previous}</button>
            <span class="muted small" data-testid="validation-rows">{move || {
                let start = page.get() * PAGE;
                (t.get().val_rows)((start + 1).min(total), (start + PAGE).min(total), total)
            }}</span>
            <button type="button" class="btn btn-small" disabled={move || page.get() + 1 >= page_count} on:click={move |_| page.update(|p| *p = (*p + 1).min(page_count - 1))}>{move || t.get().val_next}</button>
            <button type="button" class="btn btn-small" data-testid="validation-export" on:click=export>{move || t.get().val_export}</button>
        </div>
    }
}
