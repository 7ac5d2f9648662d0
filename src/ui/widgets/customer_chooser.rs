//! Choosing a customer (of a deal, a quote, a price agreement): type a name, phone or pinyin, pick from the eight best
//! matches with the mouse or ↑ ↓ Enter (a combobox as ARIA describes it).

use crate::domain::id::Id;
use crate::domain::list::ListQuery;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::keys::listbox_key;
use leptos::prelude::*;

/// Matches shown at once.
const SHOWN: usize = 8;

/// The customer chooser; `value` is the chosen customer, `error` the field's problem.
#[component]
pub fn CustomerChooser(
    #[prop(into)] value: Signal<Option<Id>>,
    on_change: Callback<Option<Id>>,
    #[prop(into)] label: Signal<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let text = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let names = Memo::new(move |_| ws.member_names());
    let found = Memo::new(move |_| {
        let q = text.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        let query = ListQuery {
            text: q,
            ..ListQuery::default()
        };
        names.with(|n| {
            ws.index.with(|ix| {
                ix.query(&query, n)
                    .into_iter()
                    .take(SHOWN)
                    .map(|p| {
                        let s = ix.row(p);
                        (s.id, s.name.clone(), s.region.clone())
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let chosen = Memo::new(move |_| {
        value.get().map(|id| {
            ws.index
                .with(|ix| ix.get(id).map(|s| s.name.clone()))
                .unwrap_or_default()
        })
    });
    let pick = move |id: Id| {
        on_change.run(Some(id));
        text.set(String::new());
    };
    view! {
        <div class="field chooser" class:field-invalid=move || error.with(Option::is_some)>
            <label for="deal-customer">{move || label.get()}<span class="req" aria-hidden="true">" *"</span></label>
            {move || match chosen.get() {
                Some(name) => view! {
                    <div class="chooser-chosen">
                        <strong data-testid="deal-customer-chosen">{name}</strong>
                        <button type="button" class="btn btn-small" on:click=move |_| on_change.run(None)>{move || t.get().deal_customer_change}</button>
                    </div>
                }.into_any(),
                None => view! {
                    <input
                        id="deal-customer"
                        type="search"
                        role="combobox"
                        aria-expanded=move || (!found.with(Vec::is_empty)).to_string()
                        aria-controls="deal-customer-list"
                        aria-autocomplete="list"
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby="deal-customer-msg"
                        autocomplete="off"
                        data-testid="deal-customer"
                        placeholder=move || t.get().deal_customer_search
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
                    <ul id="deal-customer-list" role="listbox" class="chooser-list" hidden=move || found.with(Vec::is_empty) && text.with(|t| t.trim().is_empty())>
                        {move || {
                            let list = found.get();
                            if list.is_empty() {
                                return vec![view! { <li class="muted">{t.get().deal_customer_none}</li> }.into_any()];
                            }
                            list.into_iter().enumerate().map(|(i, (id, name, region))| view! {
                                <li
                                    role="option"
                                    class="chooser-option"
                                    aria-selected=move || (active.get() == i).to_string()
                                    data-testid="deal-customer-option"
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        pick(id);
                                    }
                                >
                                    <span>{name}</span>
                                    <span class="muted">{region}</span>
                                </li>
                            }.into_any()).collect::<Vec<_>>()
                        }}
                    </ul>
                }.into_any(),
            }}
            <p class="field-msg" id="deal-customer-msg">{move || error.get().unwrap_or_default()}</p>
        </div>
    }
}
