//! The filter bar above the customer list. On a phone the filters fold into a sheet opened
//! from one button, and the active ones show as chips that remove themselves when tapped.

use crate::domain::customer::CustomerKind;
use crate::domain::list::{ContactFilter, ListQuery, OwnerFilter, QuoteFilter};
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;

/// One active filter, for its chip.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Active {
    Kind,
    Owner,
    Tag,
    Contact,
    Quote,
}

impl Active {
    /// Takes this filter off the query.
    fn remove(self, q: &mut ListQuery) {
        match self {
            Active::Kind => q.kind = None,
            Active::Owner => q.owner = OwnerFilter::Any,
            Active::Tag => q.tag = None,
            Active::Contact => q.contact = ContactFilter::Any,
            Active::Quote => q.quote = QuoteFilter::Any,
        }
    }
}

/// Kind, owner, tag and contact-preference filters.
#[component]
pub fn FilterBar(
    /// The current query.
    query: Memo<ListQuery>,
    /// Called with the changed query.
    on_change: Callback<ListQuery>,
    /// Clears search and filters.
    on_clear: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    // The tags in use, counted once the list is painted (a pass over every customer's tags:
    // at 100,000 customers about 15 ms the first rows need not wait for), and again after
    // each change to the customers.
    let tags = RwSignal::new(Vec::<(String, usize)>::new());
    Effect::new(move |_| {
        ws.index.track();
        crate::ui::clock::after_paint(move || {
            if let Some(counts) = ws.index.try_with_untracked(|ix| ix.tag_counts()) {
                tags.try_set(counts);
            }
        });
    });
    let update = move |f: Box<dyn FnOnce(&mut ListQuery)>| {
        let mut q = query.get_untracked();
        f(&mut q);
        on_change.run(q);
    };

    let open = RwSignal::new(false);
    // The active filters with their chip text.
    let active = move || {
        let t = t.get();
        query.with(|q| {
            let mut out: Vec<(Active, String)> = Vec::new();
            if let Some(k) = q.kind {
                out.push((Active::Kind, k.label(t).to_string()));
            }
            match q.owner {
                OwnerFilter::Any => {}
                OwnerFilter::Unassigned => out.push((Active::Owner, t.unassigned.to_string())),
                OwnerFilter::Member(id) => out.push((
                    Active::Owner,
                    ws.member_name(Some(id))
                        .unwrap_or_else(|| t.filter_owner.to_string()),
                )),
            }
            if let Some(tag) = &q.tag {
                out.push((Active::Tag, format!("#{tag}")));
            }
            match q.contact {
                ContactFilter::Any => {}
                ContactFilter::DoNotContact => {
                    out.push((Active::Contact, t.filter_contact_dnc.to_string()))
                }
                ContactFilter::Contactable => {
                    out.push((Active::Contact, t.filter_contact_ok.to_string()))
                }
            }
            match q.quote {
                QuoteFilter::Any => {}
                QuoteFilter::Open => out.push((Active::Quote, t.filter_quote_open.to_string())),
                QuoteFilter::NoneOpen => out.push((Active::Quote, t.filter_quote_none.to_string())),
            }
            out
        })
    };
    let count = move || active().len();
    // Escape closes the sheet wherever the focus is.
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || escape.remove());

    view! {
        <div class="filter-phone">
            <button
                class="btn filter-toggle"
                data-testid="filter-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls="filter-sheet"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <Icon icon=lu::LuFunnel />
                <span>{move || t.get().filter_button}</span>
                {move || (count() > 0).then(|| view! { <span class="count">{count()}</span> })}
            </button>
            <ul class="filter-chips" aria-label=move || t.get().filter_active>
                {move || active().into_iter().map(|(which, label)| {
                    let name = label.clone();
                    view! {
                        <li>
                            <button
                                class="filter-chip"
                                data-testid="filter-chip"
                                aria-label=move || (t.get().filter_remove)(name.clone())
                                on:click=move |_| update(Box::new(move |q| which.remove(q)))
                            >
                                <span>{label}</span>
                                <Icon icon=lu::LuX />
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
        <div class="filter-backdrop" class:open=move || open.get() on:click=move |_| open.set(false)></div>
        <div class="filters" id="filter-sheet" class:open=move || open.get() role="group" aria-label=move || t.get().filter_button>
            <h2 class="filter-sheet-title">{move || t.get().filter_button}</h2>
            <label class="filter">
                <span class="sr-only">{move || t.get().filter_kind}</span>
                <select
                    data-testid="filter-kind"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(Box::new(move |q| q.kind = CustomerKind::parse(&v)));
                    }
                >
                    <option value="" selected=move || query.with(|q| q.kind.is_none())>{move || t.get().filter_kind_all}</option>
                    {CustomerKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=move || query.with(|q| q.kind == Some(k))>
                            {move || k.label(t.get())}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label class="filter">
                <span class="sr-only">{move || t.get().filter_owner}</span>
                <select
                    data-testid="filter-owner"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(Box::new(move |q| {
                            q.owner = match v.as_str() {
                                "" => OwnerFilter::Any,
                                "none" => OwnerFilter::Unassigned,
                                id => id.parse().map(OwnerFilter::Member).unwrap_or_default(),
                            }
                        }));
                    }
                >
                    <option value="" selected=move || query.with(|q| q.owner == OwnerFilter::Any)>{move || t.get().filter_owner_all}</option>
                    <option value="none" selected=move || query.with(|q| q.owner == OwnerFilter::Unassigned)>{move || t.get().unassigned}</option>
                    <For
                        each=move || ws.members.get()
                        key=|m| (m.id, m.name.clone())
                        children=move |m| {
                            let id = m.id;
                            view! {
                                <option value=id.to_string() selected=move || query.with(|q| q.owner == OwnerFilter::Member(id))>{m.name}</option>
                            }
                        }
                    />
                </select>
            </label>
            <label class="filter">
                <span class="sr-only">{move || t.get().filter_tag}</span>
                <select
                    data-testid="filter-tag"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(Box::new(move |q| q.tag = (!v.is_empty()).then_some(v)));
                    }
                >
                    <option value="" selected=move || query.with(|q| q.tag.is_none())>{move || t.get().filter_tag_all}</option>
                    {move || tags.get().into_iter().map(|(tag, n)| {
                        let value = tag.clone();
                        let is = tag.clone();
                        view! {
                            <option value=value selected=move || query.with(|q| q.tag.as_deref() == Some(is.as_str()))>
                                {format!("{tag} ({n})")}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
            <label class="filter">
                <span class="sr-only">{move || t.get().filter_contact}</span>
                <select
                    data-testid="filter-contact"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(Box::new(move |q| {
                            q.contact = match v.as_str() {
                                "dnc" => ContactFilter::DoNotContact,
                                "ok" => ContactFilter::Contactable,
                                _ => ContactFilter::Any,
                            }
                        }));
                    }
                >
                    <option value="" selected=move || query.with(|q| q.contact == ContactFilter::Any)>{move || t.get().filter_contact_all}</option>
                    <option value="dnc" selected=move || query.with(|q| q.contact == ContactFilter::DoNotContact)>{move || t.get().filter_contact_dnc}</option>
                    <option value="ok" selected=move || query.with(|q| q.contact == ContactFilter::Contactable)>{move || t.get().filter_contact_ok}</option>
                </select>
            </label>
            <label class="filter">
                <span class="sr-only">{move || t.get().filter_quote}</span>
                <select
                    data-testid="filter-quote"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(Box::new(move |q| {
                            q.quote = match v.as_str() {
                                "open" => QuoteFilter::Open,
                                "none" => QuoteFilter::NoneOpen,
                                _ => QuoteFilter::Any,
                            }
                        }));
                    }
                >
                    <option value="" selected=move || query.with(|q| q.quote == QuoteFilter::Any)>{move || t.get().filter_quote_all}</option>
                    <option value="open" selected=move || query.with(|q| q.quote == QuoteFilter::Open)>{move || t.get().filter_quote_open}</option>
                    <option value="none" selected=move || query.with(|q| q.quote == QuoteFilter::NoneOpen)>{move || t.get().filter_quote_none}</option>
                </select>
            </label>
            <Show when=move || query.with(ListQuery::is_filtered)>
                <button class="btn btn-ghost" data-testid="clear-filters" on:click=move |_| on_clear.run(())>
                    <Icon icon=lu::LuFunnelX />
                    {move || t.get().filter_clear}
                </button>
            </Show>
            <button class="btn btn-primary filter-done" data-testid="filter-done" on:click=move |_| open.set(false)>
                {move || t.get().filter_done}
            </button>
        </div>
    }
}
