//! The new-product page.

use super::data::use_prices;
use super::form::ProductForm;
use crate::domain::product::{ProductFields, ProductInput};
use crate::store;
use crate::ui::clock;
use crate::ui::routes::{Page, nav};
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// A new product, offered, in yuan at 13 % VAT until changed.
#[component]
pub fn NewProductPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let prices = use_prices();
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let taken = Signal::derive(move || {
        prices.with(|p| match p {
            Some(Ok(p)) => p.all_products.iter().map(|p| p.code_key()).collect(),
            _ => Vec::new(),
        })
    });
    let categories = Signal::derive(move || {
        prices.with(|p| match p {
            Some(Ok(p)) => p.list.categories(),
            _ => Vec::new(),
        })
    });
    let initial = ProductInput {
        unit: "个".into(),
        tax_rate: "13".into(),
        active: true,
        ..ProductInput::default()
    };
    let save = {
        let navigate = navigate.clone();
        Callback::new(move |fields: ProductFields| {
            let Some(db) = ws.db() else { return };
            let product = fields.into_product(clock::now());
            saving.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                match store::save_product(&db, &product).await {
                    Ok(p) => {
                        ws.changed();
                        toasts.info(t.get_untracked().product_created);
                        navigate(&Page::Product(p.id).path(), nav());
                    }
                    Err(e) => {
                        error.set(Some(e.message(t.get_untracked())));
                        saving.set(false);
                    }
                }
            });
        })
    };
    let cancel = Callback::new(move |_| navigate(&Page::Products.path(), nav()));
    view! {
        <section class="page page-form">
            <header class="page-header">
                <h1>{move || t.get().product_new}</h1>
            </header>
            <ProductForm initial=initial taken=taken categories=categories saving=saving on_save=save on_cancel=cancel outer_error=error />
        </section>
    }
}
