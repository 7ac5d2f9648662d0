//! The products page: the price list (search by code, name, category or pinyin; filter by
//! category and by whether a product is offered; the first 200 rows drawn, the count of all)
//! and, on its second tab, the price agreements.

use super::agreements::AgreementsPanel;
use super::data::use_prices;
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::product::export::price_list_csv;
use crate::domain::product::list::{Offered, ProductQuery};
use crate::domain::quote::totals::round;
use crate::ui::download::download;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts};
use crate::ui::widgets::choice::Choice;
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::field::label;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos_router::components::A;
use rust_decimal::Decimal;

/// Rows drawn at once; the count says how many the view holds.
const SHOWN: usize = 200;

/// The products page.
#[component]
pub fn ProductsPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let prices = use_prices();
    let agreements_tab = RwSignal::new(false);
    let query = RwSignal::new(ProductQuery::default());
    let rows = Memo::new(move |_| {
        let q = query.get();
        prices.with(|p| match p {
            Some(Ok(p)) => p.list.view(&q),
            _ => Vec::new(),
        })
    });
    let total = Signal::derive(move || {
        prices.with(|p| {
            p.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map_or(0, |p| p.list.len())
        })
    });
    let category_options = Signal::derive(move || {
        let mut o = vec![(String::new(), t.get().products_all_categories.to_string())];
        prices.with(|p| {
            if let Some(Ok(p)) = p {
                o.extend(p.list.categories().into_iter().map(|c| (c.clone(), c)));
            }
        });
        o
    });
    let offered_options = Signal::derive(move || {
        let t = t.get();
        Offered::ALL
            .into_iter()
            .map(|o| {
                let l = match o {
                    Offered::All => t.products_state_all,
                    Offered::Active => t.products_state_active,
                    Offered::Inactive => t.products_state_inactive,
                };
                (o, l.to_string())
            })
            .collect()
    });
    let tab = move |agreements: bool,
                    text: fn(&'static crate::domain::i18n::Texts) -> &'static str,
                    testid: &'static str| {
        view! {
            <button
                class="segment"
                class:segment-on=move || agreements_tab.get() == agreements
                aria-pressed=move || (agreements_tab.get() == agreements).to_string()
                data-testid=testid
                on:click=move |_| agreements_tab.set(agreements)
            >
                {move || text(t.get())}
            </button>
        }
    };
    view! {
        <section class="page page-products" data-testid="products-page">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().products_title}</h1>
                    <p class="page-sub">{move || t.get().products_sub}</p>
                </div>
                <div class="header-actions">
                    <div class="segmented" role="group">
                        {tab(false, |t| t.tab_products, "tab-products")}
                        {tab(true, |t| t.tab_agreements, "tab-agreements")}
                    </div>
                    <A href=Page::PriceAnalysis.path() attr:class="btn" attr:data-testid="open-price-analysis">
                        <Icon icon=lu::LuChartColumn />
                        {move || t.get().price_open}
                    </A>
                    <A href=Page::NewProduct.path() attr:class="btn btn-primary" attr:data-testid="new-product">
                        <Icon icon=lu::LuPlus />
                        {move || t.get().product_new}
                    </A>
                </div>
            </header>
            {move || match prices.with(|p| p.as_ref().map(|r| r.as_ref().err().cloned())) {
                None => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                Some(Some(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(None) if agreements_tab.get() => view! { <AgreementsPanel prices=prices /> }.into_any(),
                Some(None) if total.get() == 0 => view! {
                    <EmptyState
                        icon=lu::LuPackage
                        title=Signal::derive(move || t.get().products_empty_title.to_string())
                        body=Signal::derive(move || t.get().products_empty_body.to_string())
                    />
                }.into_any(),
                Some(None) => view! {
                    <div class="toolbar product-toolbar">
                        <div class="search">
                            <Icon icon=lu::LuSearch />
                            <input
                                type="search"
                                data-testid="product-search"
                                aria-label=move || t.get().products_search_label
                                placeholder=move || t.get().products_search
                                prop:value=move || query.with(|q| q.text.clone())
                                on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))
                            />
                        </div>
                        <Choice label=label(t, |t| t.product_category) testid="product-category-filter" options=category_options
                            value=Signal::derive(move || query.with(|q| q.category.clone()))
                            on_change=Callback::new(move |v| query.update(|q| q.category = v)) />
                        <Choice label=label(t, |t| t.products_state) testid="product-offered-filter" options=offered_options
                            value=Signal::derive(move || query.with(|q| q.offered))
                            on_change=Callback::new(move |v| query.update(|q| q.offered = v)) />
                    </div>
                    <div class="table-head">
                        <p class="muted" data-testid="product-count">
                            {move || {
                                let n = rows.with(Vec::len);
                                (t.get().n_products_shown)(n.min(SHOWN), n)
                            }}
                        </p>
                        <div class="header-actions">
                            <A href=Page::Import.path() attr:class="btn" attr:data-testid="import-products">
                                <Icon icon=lu::LuUpload />
                                {move || t.get().products_import}
                            </A>
                            <button type="button" class="btn" data-testid="export-products" on:click=move |_| {
                                let text = prices.with_untracked(|p| match p {
                                    Some(Ok(p)) => price_list_csv(p.list.products(), t.get_untracked()),
                                    _ => String::new(),
                                });
                                download("price-list.csv", "text/csv;charset=utf-8", &text);
                            }>
                                <Icon icon=lu::LuDownload />
                                {move || t.get().products_export}
                            </button>
                        </div>
                    </div>
                    <Show when=move || rows.with(|r| !r.is_empty()) fallback=move || view! { <p class="muted">{move || t.get().products_no_match}</p> }>
                        <div class="table-scroll">
                            <table class="data-table product-table" data-testid="product-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{move || t.get().col_code}</th>
                                        <th scope="col">{move || t.get().col_product}</th>
                                        <th scope="col" class="col-category">{move || t.get().product_category}</th>
                                        <th scope="col" class="col-unit">{move || t.get().col_unit}</th>
                                        <th scope="col" class="num">{move || t.get().col_list_price}</th>
                                        <th scope="col" class="num col-tax">{move || t.get().col_tax}</th>
                                        <th scope="col" class="num col-margin">{move || t.get().product_margin}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {move || {
                                        let texts = t.get();
                                        let language = lang.get();
                                        let zh = language == Lang::Zh;
                                        prices.with(|p| {
                                            let Some(Ok(p)) = p else { return Vec::new() };
                                            rows.with(|r| r.iter().take(SHOWN).map(|&i| {
                                                let x = &p.list.products()[i];
                                                let other = if zh { x.name_en.clone() } else { x.name_zh.clone() };
                                                let name = x.name(zh).to_string();
                                                let sub = (!other.is_empty() && other != name).then_some(other);
                                                let (id, code, category, unit, active) = (x.id, x.code.clone(), x.category.clone(), x.unit.clone(), x.active);
                                                let price = Money::new(x.list_price.amount, x.list_price.currency).format(language);
                                                let tax = format!("{} %", x.tax_rate.normalize());
                                                let margin = x.cost.filter(|_| !x.list_price.amount.is_zero()).map(|c| {
                                                    let pct = round((x.list_price.amount - c) / x.list_price.amount * Decimal::ONE_HUNDRED, crate::domain::money::Currency::Cny);
                                                    format!("{} %", pct.round_dp(1).normalize())
                                                });
                                                view! {
                                                    <tr data-testid="product-row" class:row-muted=!active>
                                                        <td class="mono">{code}</td>
                                                        <td>
                                                            <A href=Page::Product(id).path() attr:class="row-link">{name}</A>
                                                            {sub.map(|s| view! { <span class="cell-sub">{s}</span> })}
                                                            {(!active).then(|| view! { <span class="badge badge-muted">{texts.product_inactive}</span> })}
                                                        </td>
                                                        <td class="col-category">{category}</td>
                                                        <td class="col-unit">{unit}</td>
                                                        <td class="num">{price}</td>
                                                        <td class="num col-tax">{tax}</td>
                                                        <td class="num col-margin">{margin.unwrap_or_default()}</td>
                                                    </tr>
                                                }
                                            }).collect::<Vec<_>>())
                                        })
                                    }}
                                </tbody>
                            </table>
                        </div>
                    </Show>
                }.into_any(),
            }}
        </section>
    }
}
