//! A product's page: its form (code, names, category, unit, price, tax, cost, offered), the
//! agreements that name it or its category, and the trash.

use super::agreements::AgreementsPanel;
use super::data::use_prices;
use super::form::ProductForm;
use crate::domain::id::Id;
use crate::domain::product::{ProductFields, ProductInput};
use crate::store;
use crate::ui::clock;
use crate::ui::routes::{Page, nav};
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// The product page.
#[component]
pub fn ProductPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<Id>().ok())));
    let prices = use_prices();
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let product = Memo::new(move |_| {
        let id = id.get()?;
        prices.with(|p| match p {
            Some(Ok(p)) => p.product(id).cloned(),
            _ => None,
        })
    });
    let loaded = Signal::derive(move || prices.with(Option::is_some));
    let taken = Signal::derive(move || {
        let me = id.get();
        prices.with(|p| match p {
            Some(Ok(p)) => p
                .all_products
                .iter()
                .filter(|x| Some(x.id) != me)
                .map(|x| x.code_key())
                .collect(),
            _ => Vec::new(),
        })
    });
    let categories = Signal::derive(move || {
        prices.with(|p| match p {
            Some(Ok(p)) => p.list.categories(),
            _ => Vec::new(),
        })
    });
    let save = Callback::new(move |fields: ProductFields| {
        let Some(db) = ws.db() else { return };
        let Some(mut p) = product.get_untracked() else {
            return;
        };
        fields.apply(&mut p, clock::now());
        saving.set(true);
        spawn_local(async move {
            match store::save_product(&db, &p).await {
                Ok(_) => {
                    error.set(None);
                    ws.changed();
                    toasts.info(t.get_untracked().product_saved);
                }
                Err(e) => error.set(Some(e.message(t.get_untracked()))),
            }
            saving.set(false);
        });
    });
    let set_trashed = move |trashed: bool| {
        let (Some(db), Some(p)) = (ws.db(), product.get_untracked()) else {
            return;
        };
        spawn_local(async move {
            let at = trashed.then(clock::now);
            match store::set_products_trashed(&db, &[p.id], at).await {
                Ok(_) => {
                    ws.changed();
                    let t = t.get_untracked();
                    toasts.info(if trashed {
                        t.product_trashed
                    } else {
                        t.product_restored
                    });
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let cancel = Callback::new(move |_| navigate(&Page::Products.path(), nav()));
    view! {
        <section class="page page-form page-product" data-testid="product-page">
            {move || match (loaded.get(), product.get()) {
                (false, _) => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                (true, None) => view! {
                    <p class="form-error" role="alert">{move || t.get().product_not_found}</p>
                    <A href=Page::Products.path() attr:class="btn">{move || t.get().nav_products}</A>
                }.into_any(),
                (true, Some(p)) => {
                    let trashed = p.deleted_at.is_some();
                    let title = format!("{} · {}", p.code, p.name(!std::ptr::eq(t.get_untracked(), &crate::domain::i18n::EN)));
                    let initial = ProductInput::from_product(&p);
                    view! {
                        <header class="page-header">
                            <div>
                                <A href=Page::Products.path() attr:class="back-link">{move || t.get().nav_products}</A>
                                <h1>{title}</h1>
                            </div>
                            <div class="header-actions">
                                {if trashed {
                                    view! {
                                        <button class="btn" data-testid="restore-product" on:click=move |_| set_trashed(false)>
                                            <Icon icon=lu::LuUndo2 />
                                            {move || t.get().restore}
                                        </button>
                                    }.into_any()
                                } else {
                                    view! {
                                        <button class="btn btn-danger-soft" data-testid="trash-product" on:click=move |_| set_trashed(true)>
                                            <Icon icon=lu::LuTrash2 />
                                            {move || t.get().product_trash}
                                        </button>
                                    }.into_any()
                                }}
                            </div>
                        </header>
                        {trashed.then(|| view! { <p class="notice" role="status">{move || t.get().product_in_trash}</p> })}
                        <ProductForm initial=initial taken=taken categories=categories saving=saving on_save=save on_cancel=cancel outer_error=error />
                        <section class="panel product-agreements" aria-labelledby="product-agreements-h">
                            <h2 id="product-agreements-h">{move || t.get().product_agreements}</h2>
                            <AgreementsPanel prices=prices only=p />
                        </section>
                    }.into_any()
                }
            }}
        </section>
    }
}
