//! Choosing a quote line's product: type a code, a name in either language, a category or
//! pinyin, pick from the eight first matches among the offered products in the quote's
//! currency with the mouse or ↑ ↓ Enter (a combobox as ARIA describes it). A price list of
//! thousands is never drawn whole.

use super::data::QuoteSignal;
use crate::domain::id::Id;
use crate::domain::lang::Lang;
use crate::domain::money::Currency;
use crate::ui::state::{use_lang, use_texts};
use crate::ui::widgets::keys::listbox_key;
use leptos::prelude::*;

/// Matches shown at once.
const SHOWN: usize = 8;

/// The chooser of one line: `id` is the input's DOM id (its label points at it), `value` the
/// chosen product, `currency` the quote's.
#[component]
pub fn ProductChooser(
    id: String,
    data: QuoteSignal,
    #[prop(into)] value: Signal<Option<Id>>,
    #[prop(into)] currency: Signal<Currency>,
    on_change: Callback<Option<Id>>,
    #[prop(into)] invalid: Signal<bool>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let text = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let list_id = format!("{id}-list");
    let label_of = move |code: &str, name: &str| format!("{code} · {name}");
    let found = Memo::new(move |_| {
        let q = text.get();
        let c = currency.get();
        let zh = lang.get() == Lang::Zh;
        data.with(|d| match d {
            Some(Ok(d)) => d
                .list
                .offer(&q, c, SHOWN)
                .into_iter()
                .map(|i| {
                    let p = &d.list.products()[i];
                    (p.id, label_of(&p.code, p.name(zh)), p.category.clone())
                })
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    });
    let chosen = Memo::new(move |_| {
        let id = value.get()?;
        let zh = lang.get() == Lang::Zh;
        data.with(|d| match d {
            Some(Ok(d)) => d.product(id).map(|p| label_of(&p.code, p.name(zh))),
            _ => None,
        })
    });
    let pick = move |id: Id| {
        on_change.run(Some(id));
        text.set(String::new());
    };
    let list_for_aria = list_id.clone();
    view! {
        <div class="chooser line-chooser">
            {move || match chosen.get() {
                Some(name) => view! {
                    <div class="chooser-chosen">
                        <span data-testid="line-product-chosen">{name}</span>
                        <button type="button" class="btn btn-small btn-ghost" data-testid="line-product-change"
                            on:click=move |_| on_change.run(None)>{move || t.get().deal_customer_change}</button>
                    </div>
                }.into_any(),
                None => {
                    let list_id = list_for_aria.clone();
                    view! {
                        <input
                            id=id.clone()
                            type="search"
                            role="combobox"
                            aria-expanded=move || (!found.with(Vec::is_empty)).to_string()
                            aria-controls=list_id.clone()
                            aria-autocomplete="list"
                            aria-invalid=move || invalid.get().then_some("true")
                            autocomplete="off"
                            data-testid="line-product"
                            placeholder=move || t.get().quote_choose_product
                            prop:value=move || text.get()
                            on:input=move |ev| {
                                text.set(event_target_value(&ev));
                                active.set(0);
                            }
                            on:keydown=move |ev: web_sys::KeyboardEvent| {
                                if let Some(i) = listbox_key(&ev, found.with(Vec::len), active) {
                                    pick(found.with(|f| f[i].0));
                                }
                            }
                        />
                        <ul id=list_id role="listbox" class="chooser-list" hidden=move || text.with(|t| t.trim().is_empty())>
                            {move || {
                                let list = found.get();
                                if list.is_empty() {
                                    return vec![view! { <li class="muted">{t.get().quote_no_product_match}</li> }.into_any()];
                                }
                                list.into_iter().enumerate().map(|(i, (id, name, category))| view! {
                                    <li
                                        role="option"
                                        class="chooser-option"
                                        aria-selected=move || (active.get() == i).to_string()
                                        data-testid="line-product-option"
                                        on:mousedown=move |ev| {
                                            ev.prevent_default();
                                            pick(id);
                                        }
                                    >
                                        <span>{name}</span>
                                        <span class="muted">{category}</span>
                                    </li>
                                }.into_any()).collect::<Vec<_>>()
                            }}
                        </ul>
                    }.into_any()
                }
            }}
        </div>
    }
}
