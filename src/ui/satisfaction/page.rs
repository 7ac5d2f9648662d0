//! The satisfaction page: pick a survey and a group of customers (everyone, an importance
//! class or a saved segment) and see the satisfaction index and NPS with their intervals, the
//! trend by month or quarter, the factors with their gaps and the importance–performance map,
//! each question, and our ratings against competitors. The survey's questions and the CSV
//! import are edited here too.

use super::charts::{IpaChart, TrendChart, period_label};
use super::editor::{NewSurvey, SurveyEditor};
use super::import::ImportResponses;
use super::panel::signed;
use crate::domain::analysis::importance::Importance;
use crate::domain::analysis::segment::{Segment, evaluate, facts_for};
use crate::domain::id::Id;
use crate::domain::satisfaction::figures::{
    Estimate, Period, SurveyFigures, figures, trend, versus,
};
use crate::domain::satisfaction::{Response, Survey};
use crate::store;
use crate::ui::insights::state::use_insights;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::modal::Modal;
use crate::ui::widgets::table_export::TableExport;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// Whose responses the figures cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    All,
    Class(Importance),
    Segment(Id),
}

impl Group {
    fn key(self) -> String {
        match self {
            Group::All => "all".into(),
            Group::Class(c) => format!("class-{c:?}").to_lowercase(),
            Group::Segment(id) => format!("segment-{id}"),
        }
    }
}

type Loaded = (Vec<Survey>, Arc<Vec<Response>>, Vec<Segment>);

/// The satisfaction page.
#[component]
pub fn SatisfactionPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let creating = RwSignal::new(false);
    let selected = RwSignal::new(None::<Id>);
    let loaded = LocalResource::new(move || {
        ws.revision.track();
        async move {
            let db = ws.db()?;
            let load = async {
                let surveys = store::all_surveys(&db).await?;
                let responses = store::all_responses(&db).await?;
                let segments = store::list_segments(&db).await?;
                Ok::<Loaded, crate::domain::error::AppError>((
                    surveys,
                    Arc::new(responses),
                    segments,
                ))
            };
            Some(load.await)
        }
    });
    view! {
        <section class="page page-satisfaction">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().satisfaction_title}</h1>
                    <p class="page-sub">{move || t.get().satisfaction_intro}</p>
                </div>
                <button class="btn btn-primary" data-testid="new-survey" on:click=move |_| creating.set(true)>
                    <Icon icon=lu::LuPlus />
                    {move || t.get().survey_new}
                </button>
            </header>
            <Transition fallback=move || view! { <p class="muted">{move || t.get().loading}</p> }>
                {move || loaded.get().map(|r| match r {
                    Some(Ok((surveys, _, _))) if surveys.is_empty() => view! {
                        <EmptyState
                            icon=lu::LuSmile
                            title=Signal::derive(move || t.get().no_surveys.to_string())
                            body=Signal::derive(move || t.get().no_surveys_body.to_string())
                        >
                            <button class="btn btn-primary" on:click=move |_| creating.set(true)>{move || t.get().survey_new}</button>
                        </EmptyState>
                    }.into_any(),
                    Some(Ok((surveys, responses, segments))) => view! {
                        <Board surveys=surveys responses=responses segments=segments selected=selected />
                    }.into_any(),
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{move || e.message(t.get())}</p> }.into_any(),
                    None => view! { <p></p> }.into_any(),
                })}
            </Transition>
            <Modal
                open=Signal::derive(move || creating.get())
                on_close=Callback::new(move |_| creating.set(false))
                title=Signal::derive(move || t.get().survey_new.to_string())
                class="modal-wide"
            >
                {move || creating.get().then(|| view! {
                    <NewSurvey
                        on_done=Callback::new(move |id| {
                            selected.set(Some(id));
                            creating.set(false);
                        })
                        on_cancel=Callback::new(move |_| creating.set(false))
                    />
                })}
            </Modal>
        </section>
    }
}

fn estimate_text(e: Option<Estimate>) -> String {
    e.map_or_else(|| "—".to_string(), |e| format!("{:.0}", e.mean))
}

/// Everything below the header, for a non-empty list of surveys.
#[component]
fn Board(
    surveys: Vec<Survey>,
    responses: Arc<Vec<Response>>,
    segments: Vec<Segment>,
    selected: RwSignal<Option<Id>>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = use_insights();
    insights.require();
    let group = RwSignal::new(Group::All);
    let period = RwSignal::new(Period::Month);
    let surveys = StoredValue::new(surveys);
    let segments = StoredValue::new(segments);
    let survey = Memo::new(move |_| {
        let id = selected.get();
        surveys.with_value(|all| {
            all.iter()
                .find(|s| Some(s.id) == id)
                .or(all.last())
                .cloned()
        })
    });
    // The customers in the chosen group (None: everyone not in the trash).
    let members = Memo::new(move |_| {
        let g = group.get();
        let a = insights.now.get();
        ws.index.with(|ix| -> HashSet<Id> {
            let rows = ix.rows();
            match g {
                Group::All => rows
                    .iter()
                    .filter(|s| s.deleted_at.is_none())
                    .map(|s| s.id)
                    .collect(),
                Group::Class(c) => rows
                    .iter()
                    .filter(|s| s.deleted_at.is_none())
                    .filter(|s| a.get(s.id).is_some_and(|x| x.importance.class == c))
                    .map(|s| s.id)
                    .collect(),
                Group::Segment(id) => {
                    let conditions = segments.with_value(|all| {
                        all.iter()
                            .find(|s| s.id == id)
                            .map(|s| s.conditions.clone())
                    });
                    let facts = insights
                        .config
                        .with_untracked(|cfg| facts_for(rows, &a, crate::ui::clock::today(), cfg));
                    conditions
                        .map(|c| {
                            evaluate(&c, rows, &facts)
                                .into_iter()
                                .map(|i| rows[i as usize].id)
                                .collect()
                        })
                        .unwrap_or_default()
                }
            }
        })
    });
    let responses = StoredValue::new(responses);
    let scoped = Memo::new(move |_| {
        let Some(s) = survey.get() else {
            return Vec::new();
        };
        members.with(|m| {
            responses.with_value(|all| {
                all.iter()
                    .filter(|r| r.survey_id == s.id && m.contains(&r.customer_id))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let figures_now = Memo::new(move |_| {
        let s = survey.get()?;
        scoped.with(|rs| {
            let refs: Vec<&Response> = rs.iter().collect();
            Some(figures(&s, &refs))
        })
    });
    let answered = Memo::new(move |_| {
        let id = survey.get().map(|s| s.id);
        responses.with_value(|all| all.iter().filter(|r| Some(r.survey_id) == id).count())
    });

    let survey_options = move || {
        surveys.with_value(|all| {
            all.iter()
                .map(|s| view! { <option value=s.id.to_string()>{s.name.clone()}</option> })
                .collect_view()
        })
    };
    let group_options = move || {
        let t = t.get();
        let lang = lang.get();
        let mut o = vec![(Group::All.key(), t.all_customers.to_string())];
        for c in [Importance::Vip, Importance::Important, Importance::Ordinary] {
            o.push((Group::Class(c).key(), c.label(lang.texts()).to_string()));
        }
        segments.with_value(|all| {
            for s in all {
                o.push((Group::Segment(s.id).key(), s.name.clone()));
            }
        });
        o.into_iter()
            .map(|(k, l)| view! { <option value=k>{l}</option> })
            .collect_view()
    };
    let set_group = move |key: String| {
        let mut all = vec![Group::All];
        all.extend(
            [Importance::Vip, Importance::Important, Importance::Ordinary].map(Group::Class),
        );
        segments.with_value(|s| all.extend(s.iter().map(|s| Group::Segment(s.id))));
        if let Some(g) = all.into_iter().find(|g| g.key() == key) {
            group.set(g);
        }
    };

    view! {
        <div class="toolbar sat-toolbar">
            <label class="field inline-field">
                <span>{move || t.get().survey_label}</span>
                <select
                    data-testid="survey-select"
                    prop:value=move || survey.get().map(|s| s.id.to_string()).unwrap_or_default()
                    on:change=move |ev| selected.set(event_target_value(&ev).parse().ok())
                >
                    {survey_options}
                </select>
            </label>
            <label class="field inline-field">
                <span>{move || t.get().group_label}</span>
                <select data-testid="group-select" prop:value=move || group.get().key() on:change=move |ev| set_group(event_target_value(&ev))>
                    {group_options}
                </select>
            </label>
            <div class="segmented" role="group" aria-label=move || t.get().period_label>
                {[(Period::Month, "month"), (Period::Quarter, "quarter")].into_iter().map(|(p, key)| view! {
                    <button
                        class="segment"
                        class:segment-on=move || period.get() == p
                        aria-pressed=move || (period.get() == p).to_string()
                        data-testid=format!("period-{key}")
                        on:click=move |_| period.set(p)
                    >
                        {move || if p == Period::Month { t.get().period_month } else { t.get().period_quarter }}
                    </button>
                }).collect_view()}
            </div>
        </div>
        {move || figures_now.get().map(|f| view! { <Headline f=f /> })}
        {move || {
            let t = t.get();
            let (Some(s), Some(f)) = (survey.get(), figures_now.get()) else { return ().into_any() };
            if f.responses == 0 {
                return view! { <p class="panel muted" data-testid="no-responses">{t.no_responses}</p> }.into_any();
            }
            let refs_owned = scoped.get();
            let refs: Vec<&Response> = refs_owned.iter().collect();
            let p = period.get();
            let periods = trend(&s, &refs, p);
            let vs = versus(&s, &refs);
            view! {
                <section class="panel" aria-labelledby="trend-heading">
                    <header class="panel-header"><h2 id="trend-heading">{t.trend_title}</h2><TableExport file="satisfaction-trend" /></header>
                    <div class="trend-wrap" tabindex="0" role="region" aria-labelledby="trend-heading">
                        <TrendChart periods=periods.clone() period=p />
                    </div>
                    <p class="muted small" data-testid="trend-legend">{t.trend_legend}</p>
                    <details class="rule">
                    <summary>{t.show_table}</summary>
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="trend-heading">
                        <table class="data-table compact" data-testid="trend-table">
                            <thead><tr>
                                <th scope="col">{t.col_period}</th>
                                <th scope="col" class="num">{t.responses_label}</th>
                                <th scope="col" class="num">{t.csi_label}</th>
                                <th scope="col" class="num">"NPS"</th>
                            </tr></thead>
                            <tbody>
                                {periods.into_iter().rev().filter(|x| x.responses > 0).map(|x| view! {
                                    <tr>
                                        <th scope="row">{period_label(x.key, p, lang.get_untracked())}</th>
                                        <td class="num">{x.responses}</td>
                                        <td class="num">{estimate_text(x.index)}</td>
                                        <td class="num">{estimate_text(x.nps.map(|n| n.estimate))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    </details>
                </section>
                <Factors survey=s.clone() f=f.clone() />
                <Versus survey=s vs=vs />
            }.into_any()
        }}
        {move || survey.get().map(|s| {
            let n = answered.get();
            view! {
                <details class="panel survey-details" data-testid="survey-details">
                    <summary><h2 class="inline-heading">{move || t.get().survey_edit}</h2></summary>
                    <SurveyEditor survey=s.clone() responses=n />
                </details>
                <ImportResponses survey=s />
            }
        })}
    }
}

/// The headline figures: index, NPS, responses.
#[component]
fn Headline(f: SurveyFigures) -> impl IntoView {
    let t = use_texts();
    let interval = move |e: &Estimate| {
        e.half_width
            .map(|h| (t.get().interval)(h))
            .unwrap_or_default()
    };
    let index = f.index;
    let nps = f.nps;
    let n = f.responses;
    let few = index
        .map(|e| e.n)
        .max(nps.map(|x| x.estimate.n))
        .unwrap_or(0);
    view! {
        <section class="totals sat-figures" aria-label=move || t.get().satisfaction_title data-testid="sat-figures">
            <div class="stat">
                <span class="stat-label">{move || t.get().csi_label}</span>
                <strong class="stat-value" data-testid="csi">{estimate_text(index)}</strong>
                <span class="stat-sub">{move || index.map(|e| interval(&e)).unwrap_or_default()}</span>
            </div>
            <div class="stat">
                <span class="stat-label">{move || t.get().nps_label}</span>
                <strong class="stat-value" data-testid="nps">{nps.map_or_else(|| "—".to_string(), |x| format!("{:.0}", x.estimate.mean))}</strong>
                <span class="stat-sub">{move || nps.map(|x| format!("{} · {}", (t.get().nps_breakdown)(x.promoters, x.passives, x.detractors), interval(&x.estimate))).unwrap_or_default()}</span>
            </div>
            <div class="stat">
                <span class="stat-label">{move || t.get().responses_label}</span>
                <strong class="stat-value" data-testid="response-count">{n}</strong>
            </div>
        </section>
        {(n > 0 && few < crate::domain::satisfaction::figures::MIN_TO_CONCLUDE).then(|| view! {
            <p class="notice" role="note" data-testid="too-few">{move || (t.get().too_few)(few)}</p>
        })}
    }
}

/// Factors with performance, gap and quadrant, the importance–performance map, and each
/// question.
#[component]
fn Factors(survey: Survey, f: SurveyFigures) -> impl IntoView {
    let t = use_texts();
    let paired = survey.paired();
    if f.items.is_empty() {
        return ().into_any();
    }
    let text_of = move |key: u16| survey.item(key).map(|i| i.text.clone()).unwrap_or_default();
    view! {
        <div class="grid-2 sat-factors">
            <section class="panel" aria-labelledby="factors-heading">
                <header class="panel-header"><h2 id="factors-heading">{move || t.get().factors_title}</h2><TableExport file="satisfaction-factors" /></header>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="factors-heading">
                    <table class="data-table compact" data-testid="factor-table">
                        <thead><tr>
                            <th scope="col">{move || t.get().col_factor}</th>
                            <th scope="col" class="num">{move || t.get().col_importance_weight}</th>
                            <th scope="col" class="num">{move || t.get().col_performance}</th>
                            {paired.then(|| view! { <th scope="col" class="num">{move || t.get().col_gap}</th> })}
                            <th scope="col">{move || t.get().col_priority}</th>
                        </tr></thead>
                        <tbody>
                            {f.factors.iter().cloned().map(|x| view! {
                                <tr data-testid=format!("factor-{}", x.factor.as_str())>
                                    <th scope="row">{move || x.factor.label(t.get())}</th>
                                    <td class="num">{format!("{:.1}", x.importance)}</td>
                                    <td class="num">{format!("{:.0}", x.performance)}</td>
                                    {paired.then(|| view! { <td class="num" class:negative=x.gap.is_some_and(|g| g < 0.0)>{x.gap.map(signed).unwrap_or_else(|| "—".into())}</td> })}
                                    <td><span class=format!("pill ipa-pill-{}", x.quadrant.as_str())>{move || x.quadrant.label(t.get())}</span></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <figure class="chart">
                <figcaption>
                    <strong>{move || t.get().ipa_title}</strong>
                    <span class="muted small">{move || t.get().ipa_note}</span>
                </figcaption>
                <IpaChart factors=f.factors.clone() split=f.split />
            </figure>
        </div>
        <section class="panel" aria-labelledby="items-heading">
            <header class="panel-header"><h2 id="items-heading">{move || t.get().items_title}</h2><TableExport file="satisfaction-questions" /></header>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="items-heading">
                <table class="data-table compact" data-testid="item-table">
                    <thead><tr>
                        <th scope="col">{move || t.get().col_question}</th>
                        <th scope="col">{move || t.get().col_factor}</th>
                        <th scope="col" class="num">{move || t.get().col_importance_weight}</th>
                        <th scope="col" class="num">{move || t.get().col_answers}</th>
                        {paired.then(|| view! { <th scope="col" class="num">{move || t.get().col_expectation}</th> })}
                        <th scope="col" class="num">{move || t.get().col_perception}</th>
                        {paired.then(|| view! { <th scope="col" class="num">{move || t.get().col_gap}</th> })}
                    </tr></thead>
                    <tbody>
                        {f.items.into_iter().map(|x| view! {
                            <tr>
                                <th scope="row">{text_of(x.key)}</th>
                                <td>{move || x.factor.label(t.get())}</td>
                                <td class="num">{x.weight}</td>
                                <td class="num">{x.n}</td>
                                {paired.then(|| view! { <td class="num">{x.expectation.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())}</td> })}
                                <td class="num">{format!("{:.2}", x.perception)}</td>
                                {paired.then(|| view! { <td class="num" class:negative=x.gap.is_some_and(|g| g < 0.0)>{x.gap.map(signed).unwrap_or_else(|| "—".into())}</td> })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// Our ratings against each competitor's, question by question: one column per competitor,
/// each cell our mean minus theirs (with both means under it).
#[component]
fn Versus(survey: Survey, vs: Vec<crate::domain::satisfaction::figures::Versus>) -> impl IntoView {
    let t = use_texts();
    if survey.items.is_empty() {
        return ().into_any();
    }
    let body = if vs.is_empty() {
        view! { <p class="muted">{move || t.get().no_versus}</p> }.into_any()
    } else {
        let heads = vs
            .iter()
            .map(|v| {
                let n = v.responses;
                let name = v.name.clone();
                view! {
                    <th scope="col" class="num">{name}<span class="muted small block">{move || (t.get().n_responses)(n)}</span></th>
                }
            })
            .collect_view();
        let rows = survey
            .items
            .iter()
            .map(|item| {
                let cells = vs
                    .iter()
                    .map(|v| match v.items.iter().find(|x| x.key == item.key) {
                        Some(x) => {
                            let diff = x.ours - x.theirs;
                            view! {
                                <td class="num">
                                    <span class:negative=diff < -0.05>{signed(diff)}</span>
                                    <span class="muted small block">{format!("{:.2} : {:.2}", x.ours, x.theirs)}</span>
                                </td>
                            }
                            .into_any()
                        }
                        None => view! { <td class="num muted">"—"</td> }.into_any(),
                    })
                    .collect_view();
                view! { <tr><th scope="row">{item.text.clone()}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="versus-heading">
                <table class="data-table compact" data-testid="versus-table">
                    <thead><tr><th scope="col">{move || t.get().col_question}</th>{heads}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="versus-heading" data-testid="versus">
            <header class="panel-header"><h2 id="versus-heading">{move || t.get().versus_title}</h2><TableExport file="satisfaction-competitors" /></header>
            <p class="muted small">{move || t.get().versus_note}</p>
            {body}
        </section>
    }
    .into_any()
}
