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
        rows.with(|r| {
            window
                .range(h, r.len())
                .map(|i| (i, r[i]))
                .collect::<Vec<_>>()
        })
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
                    <For
                        each=move || visible.get()
                        key=|(i, pos)| (*i, *pos)
                        children=move |(i, pos)| {
                            // The index may shrink under a row about to go; render nothing then.
                            let summary = Memo::new(move |_| {
                                ws.index.with(|ix| ((pos as usize) < ix.len()).then(|| ix.row(pos).clone()))
                            });
                            view! {
                                {move || summary.get().map(|s| view! {
                                    <Row summary=s index=i row_height=row_height selection=selection />
                                })}
                            }
                        }
                    />
                </div>
            </div>
        </div>
    }
}

#[component]
fn Row(
    summary: CustomerSummary,
    index: usize,
    row_height: Memo<u32>,
    selection: RwSignal<HashSet<Id>>,
) -> impl IntoView {
    let t = use_texts();
    let insights = crate::ui::insights::state::use_insights();
    let lang = use_lang();
    let ws = use_workspace();
    let id = summary.id;
    let today = clock::today();
    let owner = ws.member_name(summary.owner_id);
    let selected = move || selection.with(|s| s.contains(&id));
    let s = summary.clone();
    let overdue = s.activity.has_overdue_commitment(today);
    let subtitle = [s.company.as_str(), s.region.as_str()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    // The first phone as shown, and as a tap-to-call link.
    let tel = s.phones.first().map(|p| {
        (
            p.clone(),
            format!("tel:{}", crate::domain::validate::phone_digits(p)),
        )
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
                    aria-label=move || format!("{} {}", t.get().select_row, s.name)
                    prop:checked=selected
                    on:change=move |_| selection.update(|set| {
                        if !set.remove(&id) {
                            set.insert(id);
                        }
                    })
                />
            </div>
            <div role="cell" class="cell cell-name">
                <span class="row-line">
                    <A href=Page::Customer(id).path() attr:class="row-link">{summary.name.clone()}</A>
                    {summary.do_not_contact.then(|| view! {
                        <span class="badge badge-warn" title=move || t.get().badge_dnc>
                            <Icon icon=lu::LuBellOff />
                            <span class="badge-text">{move || t.get().badge_dnc}</span>
                        </span>
                    })}
                    <ComplaintFlag activity=summary.activity.clone() with_icon=true />
                    {overdue.then(|| view! {
                        <span class="badge badge-danger" title=move || t.get().badge_overdue>
                            <Icon icon=lu::LuClockAlert />
                            <span class="badge-text">{move || t.get().badge_overdue}</span>
                        </span>
                    })}
                </span>
                <span class="row-sub">{subtitle}</span>
            </div>
            <div role="cell" class="cell cell-kind">
                <span class=format!("kind kind-{}", summary.kind.as_str())>{move || summary.kind.label(t.get())}</span>
            </div>
            <div role="cell" class="cell cell-owner">
                {match owner {
                    Some(name) => view! { <span>{name}</span> }.into_any(),
                    None => view! { <span class="muted">{move || t.get().unassigned}</span> }.into_any(),
                }}
            </div>
            <div role="cell" class="cell cell-phone">
                {tel.clone().map(|(shown, href)| view! { <a class="tel-link" href=href>{shown}</a> })}
            </div>
            <div role="cell" class="cell cell-revenue num">
                {
                    // Other currencies in yuan, so the column compares like with like; the
                    // amount as recorded and the rate used on hover.
                    let revenue = summary.activity.revenue.clone();
                    move || {
                        let lang = lang.get();
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
                {
                    let last = summary.activity.last_purchase_date();
                    move || relative(last, today, lang.get())
                }
            </div>
            <div role="cell" class="cell cell-updated">
                {
                    let updated = clock::local(summary.updated_at).date();
                    move || relative(Some(updated), today, lang.get())
                }
            </div>
            // On a phone: tap to call.
            <div role="cell" class="cell cell-call">
                {tel.map(|(shown, href)| {
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
