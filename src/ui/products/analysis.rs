//! The price analysis page (seed 001: "what does a price change do to revenue"): the prices
//! realised on accepted quotes against list, per category and product, with the spread of the
//! discounts by customer class and by rep and the margin — and the what-if for the product or
//! category chosen (`what_if`).

use super::what_if::WhatIf;
use crate::domain::analysis::importance::Importance;
use crate::domain::id::Id;
use crate::domain::lang::Lang;
use crate::domain::money::{Currency, Money};
use crate::domain::product::Product;
use crate::domain::product::analysis::{
    Breakdown, Figures, Mix, PriceAnalysis, Scope, breakdown, sales,
};
use crate::domain::quote::Quote;
use crate::store::{self, AppError};
use crate::ui::insights::state::use_insights;
use crate::ui::routes::Page;
use crate::ui::state::{Workspace, use_lang, use_texts, use_workspace};
use crate::ui::widgets::choice::Choice;
use crate::ui::widgets::field::label;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Products listed at most in the table (the largest by net).
const SHOWN: usize = 50;

/// What the page reads: every quote, the price list, and every purchase folded into what
/// each customer spent on what (never all decoded at once).
#[derive(Clone, Debug)]
pub struct PriceFacts {
    pub quotes: Vec<Quote>,
    /// Out of the trash, in code order.
    pub products: Vec<Product>,
    pub mix: Mix,
}

async fn read(ws: Workspace) -> Result<PriceFacts, AppError> {
    let db = ws.db().ok_or(AppError::NotFound)?;
    let quotes = store::all_quotes(&db).await?;
    let mut products = store::all_products(&db).await?;
    products.retain(|p| p.deleted_at.is_none());
    products.sort_by_key(|p| p.code_key());
    let mix = store::purchase_mix(&db, &products).await?;
    Ok(PriceFacts {
        quotes,
        products,
        mix,
    })
}

/// The page.
#[component]
pub fn PriceAnalysisPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = use_insights();
    insights.require();
    let facts = RwSignal::new(None::<Result<Arc<PriceFacts>, String>>);
    Effect::new(move |_| {
        ws.revision.track();
        if ws.db().is_none() {
            return;
        }
        spawn_local(async move {
            let r = read(ws)
                .await
                .map(Arc::new)
                .map_err(|e| e.message(t.get_untracked()));
            facts.try_set(Some(r));
        });
    });
    let currency = RwSignal::new(Currency::Cny);
    let scope = RwSignal::new(Scope::All);
    let all_sales = Memo::new(move |_| {
        let c = currency.get();
        let analysis = insights.now.get();
        facts.with(|f| match f {
            Some(Ok(f)) => sales(&f.quotes, c, |id| {
                analysis.get(id).map(|x| x.importance.class)
            }),
            _ => Vec::new(),
        })
    });
    let realised = Memo::new(move |_| all_sales.with(|s| PriceAnalysis::new(s)));
    let spread = Memo::new(move |_| {
        let sc = scope.get();
        all_sales.with(|s| breakdown(s, &sc))
    });
    let names = Memo::new(move |_| ws.member_names());
    let product_name = move |id: Id| -> String {
        let zh = lang.get_untracked() == Lang::Zh;
        facts.with_untracked(|f| match f {
            Some(Ok(f)) => f
                .products
                .iter()
                .find(|p| p.id == id)
                .map(|p| format!("{} · {}", p.code, p.name(zh)))
                .unwrap_or_default(),
            _ => String::new(),
        })
    };
    // The category the chosen scope is about: its own, or its product's (empty: every one).
    let category_of = move || -> String {
        match scope.get() {
            Scope::All => String::new(),
            Scope::Category(c) => c,
            Scope::Product(id) => facts.with(|f| match f {
                Some(Ok(f)) => f
                    .products
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.category.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            }),
        }
    };
    let scope_label = move || -> String {
        let texts = t.get();
        match scope.get() {
            Scope::All => texts.price_scope_all.to_string(),
            Scope::Category(c) => format!("{} {c}", texts.price_scope_category),
            Scope::Product(id) => product_name(id),
        }
    };
    let scopes = Signal::derive(move || {
        let texts = t.get();
        let mut o = vec![(Scope::All, texts.price_scope_all.to_string())];
        facts.with(|f| {
            if let Some(Ok(f)) = f {
                let mut cats: Vec<&str> = f
                    .products
                    .iter()
                    .map(|p| p.category.as_str())
                    .filter(|c| !c.is_empty())
                    .collect();
                cats.sort_unstable();
                cats.dedup();
                o.extend(cats.into_iter().map(|c| {
                    (
                        Scope::Category(c.to_string()),
                        format!("{} {c}", texts.price_scope_category),
                    )
                }));
            }
        });
        if let Scope::Product(id) = scope.get() {
            o.push((Scope::Product(id), product_name(id)));
        }
        o
    });
    let currencies = crate::ui::widgets::field::currency_options();

    view! {
        <section class="page page-prices" data-testid="price-analysis">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().price_title}</h1>
                    <p class="page-sub">{move || t.get().price_sub}</p>
                </div>
                <div class="header-actions">
                    <A href=Page::Products.path() attr:class="btn">
                        <Icon icon=lu::LuPackage />
                        {move || t.get().nav_products}
                    </A>
                </div>
            </header>
            <div class="toolbar">
                <Choice label=label(t, |t| t.quote_currency) testid="price-currency" options=currencies
                    value=Signal::derive(move || currency.get())
                    on_change=Callback::new(move |c| currency.set(c)) />
                <Choice label=label(t, |t| t.price_scope) testid="price-scope" options=scopes
                    value=Signal::derive(move || scope.get())
                    on_change=Callback::new(move |s| scope.set(s)) />
            </div>
            {move || match facts.with(|f| f.as_ref().map(|r| r.as_ref().err().cloned())) {
                None => view! { <p class="muted" role="status">{move || t.get().price_reading}</p> }.into_any(),
                Some(Some(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(None) => view! {
                    <section class="panel" aria-labelledby="price-realised-title">
                        <h2 id="price-realised-title">{move || t.get().price_realised}</h2>
                        <p class="muted small">{move || t.get().price_realised_hint}</p>
                        {move || {
                            let a = realised.get();
                            if a.total.lines == 0 {
                                return view! { <p class="muted" data-testid="price-none">{t.get().price_none}</p> }.into_any();
                            }
                            let texts = t.get();
                            let c = currency.get();
                            let language = lang.get();
                            let total = a.total.clone();
                            let categories = a.categories.clone();
                            view! {
                                <div class="totals price-totals" data-testid="price-total">
                                    <Kpi label=texts.price_realised_share value=pct(total.realised()) />
                                    <Kpi label=texts.price_median_discount value=pct(total.spread().map(|s| s.median)) />
                                    <Kpi label=texts.price_margin_rate value=pct(total.margin_rate()) />
                                    <Kpi label=texts.price_net value=Money::new(total.net, c).format(language) />
                                </div>
                                <h3>{texts.price_by_category}</h3>
                                <FiguresTable
                                    rows=categories.into_iter().map(|(k, f)| (Scope::Category(k.clone()), if k.is_empty() { "—".to_string() } else { k }, f)).collect()
                                    currency=c scope=scope testid="price-categories" label=texts.price_by_category />
                            }.into_any()
                        }}
                    </section>
                    <section class="panel" aria-labelledby="price-spread-title" data-testid="price-spread">
                        <h2 id="price-spread-title">{move || (t.get().price_spread_of)(&scope_label())}</h2>
                        {move || {
                            let b: Breakdown = spread.get();
                            let texts = t.get();
                            let c = currency.get();
                            if b.total.lines == 0 {
                                return view! { <p class="muted">{texts.price_none}</p> }.into_any();
                            }
                            let names = names.get();
                            let classes = b.classes.into_iter().map(|(k, f)| (Scope::All, class_label(k, texts), f)).collect();
                            let reps = b.reps.into_iter().map(|(r, f)| (Scope::All, r.and_then(|r| names.get(&r).cloned()).unwrap_or_else(|| texts.unassigned.to_string()), f)).collect();
                            view! {
                                <h3>{texts.price_by_class}</h3>
                                <FiguresTable rows=classes currency=c scope=scope testid="price-classes" label=texts.price_by_class />
                                <h3>{texts.price_by_rep}</h3>
                                <FiguresTable rows=reps currency=c scope=scope testid="price-reps" label=texts.price_by_rep />
                            }.into_any()
                        }}
                    </section>
                    <WhatIf facts=facts scope=scope scope_label=Signal::derive(scope_label) />
                    <section class="panel" aria-labelledby="price-products-title">
                        <h2 id="price-products-title">{move || {
                            let c = category_of();
                            if c.is_empty() { t.get().price_by_product.to_string() } else { (t.get().price_products_of)(&c) }
                        }}</h2>
                        {move || {
                            let a = realised.get();
                            let texts = t.get();
                            let c = currency.get();
                            let only = category_of();
                            let rows: Vec<(Scope, String, Figures)> = facts.with(|f| {
                                let Some(Ok(f)) = f else { return Vec::new() };
                                a.products
                                    .iter()
                                    .filter(|(id, _)| only.is_empty() || f.products.iter().any(|p| p.id == *id && p.category == only))
                                    .take(SHOWN)
                                    .map(|(id, x)| (Scope::Product(*id), product_name(*id), x.clone()))
                                    .collect()
                            });
                            if rows.is_empty() {
                                return view! { <p class="muted">{texts.price_none}</p> }.into_any();
                            }
                            view! { <FiguresTable rows=rows currency=c scope=scope testid="price-products" label=texts.price_by_product /> }.into_any()
                        }}
                    </section>
                }.into_any(),
            }}
        </section>
    }
}

/// A percentage for a table cell.
pub fn pct(x: Option<Decimal>) -> String {
    x.map_or_else(
        || "—".into(),
        |x| format!("{} %", x.round_dp(1).normalize()),
    )
}

/// An importance class's name, or "not classified".
pub fn class_label(c: Option<Importance>, t: &'static crate::domain::i18n::Texts) -> String {
    match c {
        Some(c) => c.label(t).to_string(),
        None => t.price_unclassified.to_string(),
    }
}

#[component]
fn Kpi(label: &'static str, #[prop(into)] value: String) -> impl IntoView {
    view! {
        <div class="stat">
            <span class="stat-label">{label}</span>
            <span class="stat-value">{value}</span>
        </div>
    }
}

/// Groups of sales: lines, quantity, net, realised share of list, the discount spread and
/// the margin; a row with a scope other than "all" chooses it when clicked.
#[component]
fn FiguresTable(
    rows: Vec<(Scope, String, Figures)>,
    currency: Currency,
    scope: RwSignal<Scope>,
    testid: &'static str,
    /// What the table shows, for its scrolling region (a phone scrolls it sideways).
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let texts = t.get_untracked();
    let language = lang.get_untracked();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            <table class="data-table price-table figures-table" data-testid=testid>
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col" class="num">{texts.price_lines}</th>
                        <th scope="col" class="num">{texts.price_net}</th>
                        <th scope="col" class="num">{texts.price_realised_share}</th>
                        <th scope="col" class="num">{texts.price_discount_spread}</th>
                        <th scope="col" class="num">{texts.price_margin_rate}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(s, name, f)| {
                        let spread = f.spread().map_or_else(|| "—".into(), |s| format!("{} / {} / {}", s.low.round_dp(1).normalize(), s.median.round_dp(1).normalize(), s.high.round_dp(1).normalize()));
                        let chosen = s.clone();
                        let pickable = s != Scope::All;
                        view! {
                            <tr data-testid="price-row" class:chosen=move || pickable && scope.with(|x| *x == chosen)>
                                <th scope="row">
                                    {if pickable {
                                        let s = s.clone();
                                        view! { <button type="button" class="link-button" on:click=move |_| scope.set(s.clone())>{name}</button> }.into_any()
                                    } else {
                                        view! { <span>{name}</span> }.into_any()
                                    }}
                                </th>
                                <td class="num">{f.lines}</td>
                                <td class="num">{Money::new(f.net, currency).format(language)}</td>
                                <td class="num">{pct(f.realised())}</td>
                                <td class="num">{spread}</td>
                                <td class="num">{pct(f.margin_rate())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
