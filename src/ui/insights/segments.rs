//! The segment explorer: build a filter from conditions, see the count and the customers at
//! once, save it by name, export it (a marketing export leaves out do-not-contact customers and
//! says how many), and look at the value matrix, the RFM grid and the movements of the segment.

use super::condition::ConditionEditor;
use super::movements::Movements;
use super::quadrant_chart::{QuadrantChart, points_of};
use super::rfm_grid::{RfmGrid, cells_of};
use super::state::use_insights;
use crate::domain::analysis::segment::{Attribute, Condition, Segment, evaluate, facts_for};
use crate::domain::export::{self, LeftOut, left_out_of_marketing};
use crate::domain::i18n::explain::yuan;
use crate::domain::id::Id;
use crate::domain::summary::Activity;
use crate::domain::time::{date_input_value, format_date, format_relative_day};
use crate::store;
use crate::ui::clock;
use crate::ui::download::download;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::flags::ComplaintFlag;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::scroll_window::ScrollWindow;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The explorer's URL for a set of conditions (kept in `?f=` as JSON, so views can be shared).
pub fn segment_url(conditions: &[Condition]) -> String {
    if conditions.is_empty() {
        return Page::Segments.path();
    }
    let json = serde_json::to_string(conditions).unwrap_or_default();
    format!(
        "{}?f={}",
        Page::Segments.path(),
        String::from(js_sys::encode_uri_component(&json))
    )
}

/// The explorer page.
#[component]
pub fn SegmentsPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = use_insights();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let params = use_query_map();

    let from_url = move || {
        params
            .with_untracked(|p| p.get("f"))
            .and_then(|f| serde_json::from_str::<Vec<Condition>>(&f).ok())
            .unwrap_or_default()
    };
    let conditions = RwSignal::new(from_url());
    // Editors are keyed by position; a removal or a loaded segment renumbers them all.
    let generation = RwSignal::new(0u64);
    let current = RwSignal::new(None::<Segment>);
    let name = RwSignal::new(String::new());
    let saved = RwSignal::new(Vec::<Segment>::new());
    let refresh_saved = move || {
        if let Some(db) = ws.db() {
            spawn_local(async move {
                if let Ok(list) = store::list_segments(&db).await {
                    saved.set(list);
                }
            });
        }
    };
    refresh_saved();

    // The URL follows the conditions (replace: typing does not pile up history entries),
    // once the change is painted: the browser's history update costs several milliseconds
    // that the count and rows need not wait for. Only the latest change is written, and
    // none once the page is gone.
    let url_turn = StoredValue::new(0u64);
    Effect::new(move |_| {
        let url = segment_url(&conditions.get());
        url_turn.update_value(|g| *g += 1);
        let mine = url_turn.get_value();
        let navigate = navigate.clone();
        clock::after_paint(move || {
            if url_turn.try_get_value() == Some(mine) {
                navigate(&url, crate::ui::routes::in_place());
            }
        });
    });

    insights.require();
    // Each row's packed facts: once per analysis, not per filter change.
    let facts = Memo::new(move |_| {
        insights.now.with(|a| {
            insights.config.with(|cfg| {
                ws.index
                    .with(|ix| facts_for(ix.rows(), a, clock::today(), cfg))
            })
        })
    });
    let matches = Memo::new(move |_| {
        conditions
            .with(|conds| facts.with(|facts| ws.index.with(|ix| evaluate(conds, ix.rows(), facts))))
    });
    let active = Memo::new(move |_| {
        ws.index
            .with(|ix| ix.count(crate::domain::list::Scope::Active))
    });
    // The charts and movements follow a frame later: a filter change or new classes paint the
    // count and the first rows at once, and the heavier per-segment figures (restricted
    // analyses, chart points) in the next task. Only the latest change is charted.
    let charted = RwSignal::new(Vec::<u32>::new());
    let charted_now = RwSignal::new(insights.now.get_untracked());
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let m = matches.get();
        let analysis = insights.now.get();
        latest.update_value(|g| *g += 1);
        let mine = latest.get_value();
        clock::after_paint(move || {
            if latest.try_get_value() == Some(mine) {
                charted_now.try_set(analysis);
                charted.try_set(m);
            }
        });
    });
    let ids = Memo::new(move |_| {
        charted.with(|m| {
            ws.index
                .with(|ix| m.iter().map(|&p| ix.row(p).id).collect::<Vec<Id>>())
        })
    });

    let add = move |attribute: Attribute| {
        conditions.update(|c| c.push(attribute.new_condition()));
    };
    let remove = Callback::new(move |i: usize| {
        conditions.update(|c| {
            if i < c.len() {
                c.remove(i);
            }
        });
        generation.update(|g| *g += 1);
    });
    let load = move |s: Segment| {
        name.set(s.name.clone());
        conditions.set(s.conditions.clone());
        current.set(Some(s));
        generation.update(|g| *g += 1);
    };
    let new_segment = move |_| {
        name.set(String::new());
        conditions.set(Vec::new());
        current.set(None);
        generation.update(|g| *g += 1);
    };
    let save = move |_| {
        let Some(db) = ws.db() else { return };
        let trimmed = name.get_untracked().trim().to_string();
        let label = if trimmed.is_empty() {
            t.get_untracked().segment_new.to_string()
        } else {
            trimmed
        };
        let now = clock::now();
        let segment = match current.get_untracked() {
            Some(s) => Segment {
                name: label,
                conditions: conditions.get_untracked(),
                updated_at: now,
                ..s
            },
            None => Segment {
                rev: Default::default(),
                id: Id::generate(),
                name: label,
                conditions: conditions.get_untracked(),
                created_at: now,
                updated_at: now,
            },
        };
        spawn_local(async move {
            match store::save_segment(&db, &segment).await {
                Ok(written) => {
                    name.set(written.name.clone());
                    current.set(Some(written));
                    toasts.info(t.get_untracked().segment_saved);
                    refresh_saved();
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let delete = move |id: Id| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::delete_segment(&db, id).await {
                Ok(()) => {
                    if current.get_untracked().is_some_and(|c| c.id == id) {
                        current.set(None);
                    }
                    toasts.info(t.get_untracked().segment_deleted);
                    refresh_saved();
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let columns = crate::ui::widgets::columns::chosen_columns();
    let export = move |marketing: bool| {
        let lang = lang.get_untracked();
        let analysis = insights.now.get_untracked();
        let names = ws.member_names();
        let chosen = columns.get_untracked();
        let (document, n, dnc, complaints) = matches.with_untracked(|m| {
            ws.index.with_untracked(|ix| {
                let (mut dnc, mut complaints) = (0, 0);
                let rows: Vec<_> = m
                    .iter()
                    .map(|&p| ix.row(p))
                    .filter(|s| {
                        let reason = if marketing {
                            left_out_of_marketing(s)
                        } else {
                            None
                        };
                        match reason {
                            Some(LeftOut::DoNotContact) => dnc += 1,
                            Some(LeftOut::OpenComplaint) => complaints += 1,
                            None => {}
                        }
                        reason.is_none()
                    })
                    .map(|s| export::row(s, &analysis, &names))
                    .collect();
                let n = rows.len();
                (export::customers(&chosen, rows, lang), n, dnc, complaints)
            })
        });
        let base = name.get_untracked();
        let base = if base.trim().is_empty() {
            "segment".to_string()
        } else {
            base.trim().to_string()
        };
        let file = format!(
            "{base}-{}{}.csv",
            date_input_value(clock::today()),
            if marketing { "-marketing" } else { "" }
        );
        if download(&file, "text/csv;charset=utf-8", &document) {
            let t = t.get_untracked();
            toasts.info(if marketing {
                (t.exported_marketing)(n, dnc, complaints)
            } else {
                (t.exported)(n)
            });
        }
    };

    let before = Signal::derive(move || insights.before.get());
    let now = Signal::derive(move || charted_now.get());
    let points =
        Signal::derive(move || ids.with(|ids| charted_now.with(|a| points_of(a, ids.iter()))));
    let cells =
        Signal::derive(move || ids.with(|ids| charted_now.with(|a| cells_of(a, ids.iter()))));
    let value_cut = Signal::derive(move || charted_now.with(|a| a.value_cut));

    view! {
        <section class="page page-segments">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().segments_title}</h1>
                    <p class="page-sub">{move || t.get().segments_intro}</p>
                </div>
            </header>
            <div class="segments-layout">
                <aside class="panel saved-segments" aria-labelledby="saved-title">
                    <h2 id="saved-title">{move || t.get().segments_saved}</h2>
                    <button class="btn btn-small" on:click=new_segment><Icon icon=lu::LuPlus />{move || t.get().segment_new}</button>
                    <Show when=move || saved.with(Vec::is_empty)>
                        <p class="muted">{move || t.get().segments_none_saved}</p>
                    </Show>
                    <ul class="saved-list" data-testid="saved-segments">
                        <For
                            each=move || saved.get()
                            key=|s| (s.id, s.name.clone(), s.updated_at)
                            children=move |s| {
                                let id = s.id;
                                let label = s.name.clone();
                                let for_load = s.clone();
                                view! {
                                    <li class:current=move || current.with(|c| c.as_ref().is_some_and(|c| c.id == id))>
                                        <button class="link-button" on:click=move |_| load(for_load.clone())>{label.clone()}</button>
                                        <button class="btn-icon" aria-label=move || format!("{} {}", t.get().delete, label) on:click=move |_| delete(id)>
                                            <Icon icon=lu::LuTrash2 />
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </aside>
                <div class="segments-main">
                    <section class="panel" aria-label=move || t.get().segments_title>
                        <div class="segment-head">
                            <label class="field grow">
                                <span>{move || t.get().segment_name}</span>
                                <input data-testid="segment-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                            </label>
                            <button class="btn btn-primary" data-testid="save-segment" on:click=save>{move || t.get().segment_save}</button>
                        </div>
                        <Show when=move || conditions.with(Vec::is_empty)>
                            <p class="muted">{move || t.get().no_conditions}</p>
                        </Show>
                        <ul class="conditions">
                            <For
                                each=move || { let g = generation.get(); (0..conditions.with(Vec::len)).map(move |i| (g, i)).collect::<Vec<_>>() }
                                key=|k| *k
                                children=move |(_, i)| view! { <ConditionEditor conditions=conditions index=i on_remove=remove /> }
                            />
                        </ul>
                        <label class="add-condition">
                            <span class="sr-only">{move || t.get().add_condition}</span>
                            <select data-testid="add-condition" on:change=move |ev| {
                                let i: usize = event_target_value(&ev).parse().unwrap_or(usize::MAX);
                                if let Some(a) = Attribute::ALL.get(i) {
                                    add(*a);
                                }
                                use wasm_bindgen::JsCast;
                                if let Some(sel) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                                    sel.set_value("");
                                }
                            }>
                                <option value="">{move || t.get().add_condition}</option>
                                {move || Attribute::ALL.iter().enumerate().map(|(i, a)| view! {
                                    <option value=i.to_string()>{a.label(lang.get().texts())}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <div class="segment-result">
                            <strong class="segment-count" data-testid="segment-count" aria-live="polite">
                                {move || (t.get().segment_matches)(matches.with(Vec::len), active.get())}
                            </strong>
                            <div class="segment-actions">
                                <crate::ui::widgets::columns::ColumnChooser columns=columns />
                                <button class="btn" data-testid="export-csv" on:click=move |_| export(false)>
                                    <Icon icon=lu::LuDownload />{move || t.get().export_csv}
                                </button>
                                <button class="btn" data-testid="export-marketing" title=move || t.get().export_marketing_hint on:click=move |_| export(true)>
                                    <Icon icon=lu::LuMegaphone />{move || t.get().export_marketing}
                                </button>
                            </div>
                        </div>
                    </section>
                    <div class="chart-grid">
                        <QuadrantChart points=points value_cut=value_cut />
                        <RfmGrid cells=cells />
                    </div>
                    <SegmentTable matches=matches />
                    <section class="panel">
                        <h2>{move || t.get().chart_movements}</h2>
                        <Movements before=before now=now among=ids />
                    </section>
                </div>
            </div>
        </section>
    }
}

/// Height of one result row, in pixels (must match the CSS).
const ROW_HEIGHT: f64 = 40.0;

/// Every customer of the segment with their classes, in a scrolling box that renders only the
/// rows in view; the columns that matter least give way on narrower screens.
#[component]
fn SegmentTable(matches: Memo<Vec<u32>>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = use_insights();
    let scroll = ScrollWindow::new(480.0, || {});
    // A changed segment starts at the top.
    Effect::new(move |_| {
        matches.track();
        scroll.to_top();
    });
    let window = Memo::new(move |_| matches.with(|m| scroll.range(ROW_HEIGHT, m.len())));
    let spacer = |rows: usize| format!("{}px", rows as f64 * ROW_HEIGHT);
    view! {
        <section class="panel segment-table" data-testid="segment-results">
            <div
                class="table-wrap segment-scroll"
                tabindex="0"
                role="region"
                aria-label=move || t.get().segments_title
                node_ref=scroll.node
                on:scroll=move |ev| scroll.on_scroll(ev)
            >
                <table class="data-table segment-grid" aria-rowcount=move || matches.with(Vec::len) + 1>
                    <colgroup>
                        <col class="c-name" />
                        <col class="c-opt c-seg" />
                        <col class="c-class" />
                        <col class="c-class" />
                        <col class="c-opt c-class" />
                        <col class="c-opt c-class" />
                        <col class="c-pct" />
                        <col class="c-money" />
                        <col class="c-money" />
                        <col class="c-date" />
                    </colgroup>
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col">{move || t.get().col_name}</th>
                            <th scope="col" class="opt">{move || t.get().col_segment}</th>
                            <th scope="col">{move || t.get().col_importance}</th>
                            <th scope="col">{move || t.get().col_loyalty}</th>
                            <th scope="col" class="opt">{move || t.get().col_lifecycle}</th>
                            <th scope="col" class="opt">{move || t.get().col_quadrant}</th>
                            <th scope="col" class="num">{move || t.get().col_p_alive}</th>
                            <th scope="col" class="num">{move || t.get().col_clv}</th>
                            <th scope="col" class="num">{move || t.get().col_revenue}</th>
                            <th scope="col">{move || t.get().col_last_purchase}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let above = window.get().start;
                            (above > 0).then(|| view! { <tr class="spacer" aria-hidden="true" style:height=spacer(above)><td colspan="10"></td></tr> })
                        }}
                        // Keyed by place in the segment, not by customer: a filter change keeps
                        // the rows on screen and changes what they show.
                        <For
                            each=move || window.get()
                            key=|i| *i
                            children=move |i| {
                                let row = Memo::new(move |_| {
                                    let lang = lang.get();
                                    let analysis = insights.now.get();
                                    let pos = matches.with(|m| m.get(i).copied())?;
                                    ws.index.with(|ix| {
                                        ((pos as usize) < ix.len()).then(|| RowCells::of(ix.row(pos), analysis.get(ix.row(pos).id), lang))
                                    })
                                });
                                view! { <SegmentRow row=row index=i /> }
                            }
                        />
                        {move || {
                            let below = matches.with(Vec::len).saturating_sub(window.get().end);
                            (below > 0).then(|| view! { <tr class="spacer" aria-hidden="true" style:height=spacer(below)><td colspan="10"></td></tr> })
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// What a row of the segment table shows.
#[derive(Clone, PartialEq)]
struct RowCells {
    id: Id,
    name: String,
    do_not_contact: bool,
    activity: Activity,
    /// Segment, importance, loyalty, lifecycle, quadrant, p(alive), CLV, revenue, last
    /// purchase (relative), last purchase (date).
    cells: [String; 10],
}

impl RowCells {
    fn of(
        s: &crate::domain::summary::CustomerSummary,
        c: Option<&crate::domain::analysis::engine::CustomerClasses>,
        lang: crate::domain::lang::Lang,
    ) -> Self {
        let none = || "—".to_string();
        let texts = lang.texts();
        let today = clock::today();
        let last = s.activity.last_purchase_date();
        RowCells {
            id: s.id,
            name: s.name.clone(),
            do_not_contact: s.do_not_contact,
            activity: s.activity.clone(),
            cells: [
                c.and_then(|c| c.rfm)
                    .map(|r| r.segment.label(texts).to_string())
                    .unwrap_or_else(none),
                c.map(|c| c.importance.class.label(texts).to_string())
                    .unwrap_or_else(none),
                c.map(|c| c.loyalty.stage.label(texts).to_string())
                    .unwrap_or_else(none),
                c.map(|c| c.lifecycle.stage.label(texts).to_string())
                    .unwrap_or_else(none),
                c.and_then(|c| c.quadrant)
                    .map(|q| q.class.label(texts).to_string())
                    .unwrap_or_else(none),
                c.and_then(|c| c.prediction)
                    .map(|p| format!("{:.0}%", p.p_alive * 100.0))
                    .unwrap_or_else(none),
                c.and_then(|c| c.prediction)
                    .map(|p| yuan(p.clv, lang))
                    .unwrap_or_else(none),
                c.map(|c| yuan(c.revenue, lang)).unwrap_or_else(none),
                last.map(|d| format_relative_day(d, today, lang))
                    .unwrap_or_else(none),
                last.map(|d| format_date(d, lang)).unwrap_or_default(),
            ],
        }
    }
}

/// One row of the segment table: the customer at a place in the segment, whichever that is
/// now.
#[component]
fn SegmentRow(row: Memo<Option<RowCells>>, index: usize) -> impl IntoView {
    let t = use_texts();
    let cell = move |k: usize| {
        move || row.with(|r| r.as_ref().map(|r| r.cells[k].clone()).unwrap_or_default())
    };
    view! {
        <tr data-testid="segment-row" aria-rowindex=index + 2>
            <td class="name-cell">
                {move || row.with(|r| r.as_ref().map(|r| {
                    let (id, name, dnc, activity) = (r.id, r.name.clone(), r.do_not_contact, r.activity.clone());
                    let title = name.clone();
                    view! {
                        <A href=Page::Customer(id).path() attr:title=title>{name}</A>
                        {dnc.then(|| view! { <span class="badge badge-warn">{move || t.get().badge_dnc}</span> })}
                        <ComplaintFlag activity=activity />
                    }
                }))}
            </td>
            <td class="opt">{cell(0)}</td>
            <td>{cell(1)}</td>
            <td>{cell(2)}</td>
            <td class="opt">{cell(3)}</td>
            <td class="opt">{cell(4)}</td>
            <td class="num">{cell(5)}</td>
            <td class="num">{cell(6)}</td>
            <td class="num">{cell(7)}</td>
            <td title=cell(9)>{cell(8)}</td>
        </tr>
    }
}
