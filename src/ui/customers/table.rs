//! The virtualised customer table: only the rows in view (plus a margin) exist in the DOM, so
//! 100,000 customers scroll as smoothly as 100.

use super::format::{converted, relative, revenue_whole};
use crate::domain::id::Id;
use crate::domain::list::{ListQuery, SortKey};
use crate::domain::summary::CustomerSummary;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_prefs, use_texts, use_workspace};
use crate::ui::widgets::flags::ComplaintFlag;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::scroll_window::ScrollWindow;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashSet;

/// Row height of the two-line phone layout (must match the CSS).
const NARROW_ROW: u32 = 68;

fn narrow_media() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?
        .match_media("(max-width: 760px)")
        .ok()
        .flatten()
}

/// The customer rows with sortable headers and selection boxes.
#[component]
pub fn CustomerTable(
    /// Positions (in the index) of the rows to show, in order.
    rows: Memo<Vec<u32>>,
    /// The query behind them (for sort headers; a change scrolls back to the top).
    query: Memo<ListQuery>,
    /// Called when a header asks for another order.
    on_sort: Callback<SortKey>,
    /// Selected customers.
    selection: RwSignal<HashSet<Id>>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let prefs = use_prefs();
    let narrow = RwSignal::new(narrow_media().is_some_and(|m| m.matches()));
    let window = ScrollWindow::new(600.0, move || {
        narrow.set(narrow_media().is_some_and(|m| m.matches()));
    });

    // A new search or filter starts at the top.
    Effect::new(move |previous: Option<ListQuery>| {
        let q = query.get();
        if previous.as_ref().is_some_and(|p| p != &q) {
            window.to_top();
        }
        q
    });

    let row_height = Memo::new(move |_| {
        if narrow.get() {
            NARROW_ROW
        } else {
            prefs.0.with(|s| s.density).row_height()
        }
    });
    let visible = Memo::new(move |_| {
        let h = f64::from(row_height.get());
        let len = rows.with(Vec::len);
        window.range(h, len).collect::<Vec<_>>()
    });
    let total = Memo::new(move |_| rows.with(Vec::len));

    let all_selected = Memo::new(move |_| {
        let n = total.get();
        n > 0
            && selection.with(|s| s.len() >= n)
            && rows.with(|r| {
                ws.index
                    .with(|ix| selection.with(|s| r.iter().all(|&p| s.contains(&ix.row(p).id))))
            })
    });
    let toggle_all = move |_| {
        if all_selected.get_untracked() {
            selection.set(HashSet::new());
        } else {
            let ids: HashSet<Id> = rows.with_untracked(|r| {
                ws.index
                    .with_untracked(|ix| r.iter().map(|&p| ix.row(p).id).collect())
            });
            selection.set(ids);
        }
    };

    let header = move |key: SortKey,
                       label: fn(&'static crate::domain::i18n::Texts) -> &'static str,
                       class: &'static str| {
        let sorted = move || query.with(|q| q.sort == key);
        let aria_sort = move || {
            query.with(|q| {
                if q.sort != key {
                    "none"
                } else if q.descending {
                    "descending"
                } else {
                    "ascending"
                }
            })
        };
        view! {
            <div role="columnheader" class=format!("cell {class}") aria-sort=aria_sort>
                <button
                    class="sort-button"
                    class:sorted=sorted
                    data-testid=format!("sort-{}", key.as_str())
                    title=move || (t.get().sort_by)(label(t.get()))
                    on:click=move |_| on_sort.run(key)
                >
                    {move || label(t.get())}
                    <span class="sort-arrow" aria-hidden="true">
                        {move || query.with(|q| if q.sort != key { "" } else if q.descending { "↓" } else { "↑" })}
                    </span>
                </button>
            </div>
        }
    };

    view! {
        <div
            class="table"
            role="table"
            aria-label=move || t.get().list_label
            aria-rowcount=move || total.get() + 1
            data-testid="customer-table"
        >
            <div class="table-head" role="rowgroup">
                <div class="row row-head" role="row" aria-rowindex="1">
                    <div role="columnheader" class="cell cell-check">
                        <input
                            type="checkbox"
                            aria-label=move || t.get().select_all
                            prop:checked=move || all_selected.get()
                            on:change=toggle_all
                            data-testid="select-all"
                        />
                    </div>
                    {header(SortKey::Name, |t| t.col_name, "cell-name")}
                    {header(SortKey::Kind, |t| t.col_kind, "cell-kind")}
                    {header(SortKey::Owner, |t| t.col_owner, "cell-owner")}
                    <div role="columnheader" class="cell cell-phone">{move || t.get().col_phone}</div>
                    {header(SortKey::Revenue, |t| t.col_revenue, "cell-revenue")}
                    {header(SortKey::LastPurchase, |t| t.col_last_purchase, "cell-last")}
                    {header(SortKey::Updated, |t| t.col_updated, "cell-updated")}
                    <div role="columnheader" class="cell cell-call"><span class="sr-only">{move || t.get().col_phone}</span></div>
                </div>
            </div>
            <div
                class="table-scroll"
                node_ref=window.node
                on:scroll=move |ev| window.on_scroll(ev)
                data-testid="table-scroll"
            >
                <div
                    class="table-body"
                    role="rowgroup"
                    style:height=move || format!("{}px", total.get() as u32 * row_height.get())
                >
                    // Keyed by place in the list, not by customer: a new search or filter
                    // keeps the rows on screen and changes what they show, rather than
                    // building them anew.
                    <For
                        each=move || visible.get()
                        key=|i| *i
                        children=move |i| {
                            // The index may shrink under a row about to go; render nothing then.
                            let summary = Memo::new(move |_| {
                                let pos = rows.with(|r| r.get(i).copied())?;
                                ws.index.with(|ix| ((pos as usize) < ix.len()).then(|| ix.row(pos).clone()))
                            });
                            view! { <Row summary=summary index=i row_height=row_height selection=selection /> }
                        }
                    />
                </div>
            </div>
        </div>
    }
}

/// One row of the table: the customer at a place in the list, whichever that is now.
#[component]
fn Row(
    summary: Memo<Option<CustomerSummary>>,
    index: usize,
    row_height: Memo<u32>,
    selection: RwSignal<HashSet<Id>>,
) -> impl IntoView {
    let t = use_texts();
    let insights = crate::ui::insights::state::use_insights();
    let lang = use_lang();
    let ws = use_workspace();
    let today = clock::today();
    let id = move || summary.with(|s| s.as_ref().map(|s| s.id));
    let selected = move || selection.with(|set| id().is_some_and(|id| set.contains(&id)));
    let field = move |f: fn(&CustomerSummary) -> String| {
        move || summary.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    // The first phone as shown, and as a tap-to-call link.
    let tel = Memo::new(move |_| {
        summary.with(|s| {
            let p = s.as_ref()?.phones.first()?;
            Some((p.to_owned(), crate::domain::validate::tel_href(p)))
        })
    });
    let flags = Memo::new(move |_| {
        summary.with(|s| {
            s.as_ref().map(|s| {
                (
                    s.do_not_contact,
                    s.activity.has_overdue_commitment(today),
                    s.activity.clone(),
                )
            })
        })
    });
    let name = field(|s| s.name.clone());
    let subtitle = field(|s| {
        [s.company.as_str(), s.region.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    });
    view! {
        <div
            class="row"
            role="row"
            aria-rowindex=index + 2
            aria-selected=move || selected().to_string()
            class:row-selected=selected
            style:transform=move || format!("translateY({}px)", index as u32 * row_height.get())
            style:height=move || format!("{}px", row_height.get())
            data-testid="customer-row"
        >
            <div role="cell" class="cell cell-check">
                <input
                    type="checkbox"
                    aria-label=move || format!("{} {}", t.get().select_row, name())
                    prop:checked=selected
                    on:change=move |_| {
                        if let Some(id) = id() {
                            selection.update(|set| {
                                if !set.remove(&id) {
                                    set.insert(id);
                                }
                            });
                        }
                    }
                />
            </div>
            <div role="cell" class="cell cell-name">
                <span class="row-line">
                    <A
                        href=move || id().map(|id| Page::Customer(id).path()).unwrap_or_default()
                        attr:class="row-link"
                    >
                        {name}
                    </A>
                    {move || flags.get().map(|(dnc, overdue, activity)| view! {
                        {dnc.then(|| view! {
                            <span class="badge badge-warn" title=move || t.get().badge_dnc>
                                <Icon icon=lu::LuBellOff />
                                <span class="badge-text">{move || t.get().badge_dnc}</span>
                            </span>
                        })}
                        <ComplaintFlag activity=activity with_icon=true />
                        {overdue.then(|| view! {
                            <span class="badge badge-danger" title=move || t.get().badge_overdue>
                                <Icon icon=lu::LuClockAlert />
                                <span class="badge-text">{move || t.get().badge_overdue}</span>
                            </span>
                        })}
                    })}
                </span>
                <span class="row-sub">{subtitle}</span>
            </div>
            <div role="cell" class="cell cell-kind">
                {move || summary.with(|s| s.as_ref().map(|s| s.kind)).map(|kind| view! {
                    <span class=format!("kind kind-{}", kind.as_str())>{move || kind.label(t.get())}</span>
                })}
            </div>
            <div role="cell" class="cell cell-owner">
                {move || match ws.member_name(summary.with(|s| s.as_ref().and_then(|s| s.owner_id))) {
                    Some(name) => view! { <span>{name}</span> }.into_any(),
                    None => view! { <span class="muted">{move || t.get().unassigned}</span> }.into_any(),
                }}
            </div>
            <div role="cell" class="cell cell-phone">
                {move || tel.get().map(|(shown, href)| view! { <a class="tel-link" href=href>{shown}</a> })}
            </div>
            <div role="cell" class="cell cell-revenue num">
                {
                    // Other currencies in yuan, so the column compares like with like; the
                    // amount as recorded and the rate used on hover.
                    move || {
                        let lang = lang.get();
                        let revenue = summary.with(|s| s.as_ref().map(|s| s.activity.revenue.clone()).unwrap_or_default());
                        let recorded = revenue_whole(&revenue, lang);
                        match insights.config.with(|cfg| converted(&revenue, cfg, lang)) {
                            Some((yuan, note)) => view! {
                                <span class="fx-amount" title=format!("{recorded} · {note}") data-testid="row-converted">{yuan}</span>
                                <span class="sr-only">{format!(" ({recorded}. {note})")}</span>
                            }.into_any(),
                            None => view! { <span>{recorded}</span> }.into_any(),
                        }
                    }
                }
            </div>
            <div role="cell" class="cell cell-last">
                {move || {
                    let last = summary.with(|s| s.as_ref().and_then(|s| s.activity.last_purchase_date()));
                    relative(last, today, lang.get())
                }}
            </div>
            <div role="cell" class="cell cell-updated">
                {move || {
                    let updated = summary.with(|s| s.as_ref().map(|s| clock::local(s.updated_at).date()));
                    relative(updated, today, lang.get())
                }}
            </div>
            // On a phone: tap to call.
            <div role="cell" class="cell cell-call">
                {move || tel.get().map(|(shown, href)| {
                    view! {
                        <a
                            class="btn-icon call-link"
                            href=href
                            data-testid="row-call"
                            aria-label=move || format!("{} {shown}", t.get().call)
                        >
                            <Icon icon=lu::LuPhone />
                        </a>
                    }
                })}
            </div>
        </div>
    }
}
