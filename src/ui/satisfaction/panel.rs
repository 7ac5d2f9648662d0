//! The satisfaction section of the customer 360 view: the customer's latest satisfaction index
//! and how it moved, their NPS group, the factors of their latest survey with the gap between
//! perception and expectation, every response, and the form to record a new one.

use super::form::ResponseForm;
use crate::domain::id::Id;
use crate::domain::satisfaction::figures::{NpsGroup, by_customer, figures, response_index};
use crate::domain::satisfaction::{Response, Survey};
use crate::domain::time::format_date;
use crate::store;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::modal::Modal;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A gap as a signed number with one decimal.
pub fn signed(v: f64) -> String {
    if v.abs() < 0.05 {
        "0.0".to_string()
    } else if v > 0.0 {
        format!("+{v:.1}")
    } else {
        format!("{v:.1}")
    }
}

/// The satisfaction panel.
#[component]
pub fn SatisfactionPanel(
    customer_id: Id,
    surveys: Vec<Survey>,
    /// The customer's responses, newest first.
    responses: Vec<Response>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let entering = RwSignal::new(false);
    let deleting = RwSignal::new(None::<String>);
    let to_delete = StoredValue::new(None::<Id>);
    let delete = Callback::new(move |_| {
        let (Some(db), Some(id)) = (ws.db(), to_delete.get_value()) else {
            return;
        };
        spawn_local(async move {
            match store::delete_response(&db, id).await {
                Ok(()) => {
                    ws.changed();
                    toasts.info(t.get_untracked().response_deleted);
                }
                Err(e) => toasts.error(&e),
            }
        });
    });
    let current = by_customer(&surveys, &responses).get(&customer_id).copied();
    let latest_recommend = responses.iter().find_map(|r| r.recommend);
    // The factors of the survey the customer answered last (with rated items).
    let latest_survey = responses.iter().find_map(|r| {
        let s = surveys.iter().find(|s| s.id == r.survey_id)?;
        response_index(s, r).map(|_| s.clone())
    });
    let factor_rows = latest_survey.map(|s| {
        let of: Vec<&Response> = responses.iter().filter(|r| r.survey_id == s.id).collect();
        (s.name.clone(), figures(&s, &of))
    });
    let no_surveys = surveys.is_empty();
    let surveys = StoredValue::new(surveys);
    let count = responses.len();

    view! {
        <section class="panel" aria-labelledby="satisfaction-heading" data-testid="satisfaction-panel">
            <header class="panel-header">
                <h2 id="satisfaction-heading">
                    {move || t.get().satisfaction_panel}
                    {(count > 0).then(|| view! { <span class="count">{count}</span> })}
                </h2>
                <button class="btn btn-small" data-testid="record-response" disabled=no_surveys on:click=move |_| entering.set(true)>
                    <Icon icon=lu::LuSmilePlus />
                    {move || t.get().record_response}
                </button>
            </header>
            {no_surveys.then(|| view! { <p class="muted small">{move || t.get().create_survey_first}</p> })}
            {move || {
                let t = t.get();
                match current {
                    Some(c) => view! {
                        <div class="sat-head">
                            <div>
                                <span class="muted small block">{t.latest_index}</span>
                                <strong class="risk-score" data-testid="customer-index">{format!("{:.0}", c.latest)}</strong>
                                <span class="muted">" / 100"</span>
                            </div>
                            {c.change().map(|d| view! {
                                <span class=if d < 0.0 { "pill risk-high" } else { "pill risk-low" } data-testid="customer-index-change">{(t.change_points)(d)}</span>
                            })}
                            {latest_recommend.map(|r| {
                                let g = NpsGroup::of(r);
                                view! { <span class=format!("pill nps-{}", g.as_str()) data-testid="nps-group">{format!("{} · {r}", g.label(t))}</span> }
                            })}
                        </div>
                    }.into_any(),
                    None => match latest_recommend {
                        Some(r) => {
                            let g = NpsGroup::of(r);
                            view! { <p><span class=format!("pill nps-{}", g.as_str()) data-testid="nps-group">{format!("{} · {r}", g.label(t))}</span></p> }.into_any()
                        }
                        None => view! { <p class="muted">{t.no_customer_responses}</p> }.into_any(),
                    },
                }
            }}
            {factor_rows.map(|(name, f)| {
                let paired = f.factors.iter().any(|x| x.gap.is_some());
                view! {
                    <table class="data-table compact" data-testid="customer-factors">
                        <caption class="muted small">{name}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || t.get().col_factor}</th>
                                <th scope="col" class="num">{move || t.get().col_performance}</th>
                                {paired.then(|| view! { <th scope="col" class="num">{move || t.get().col_gap}</th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {f.factors.into_iter().map(|x| view! {
                                <tr>
                                    <th scope="row">{move || x.factor.label(t.get())}</th>
                                    <td class="num">{format!("{:.0}", x.performance)}</td>
                                    {paired.then(|| view! {
                                        <td class="num" class:negative=x.gap.is_some_and(|g| g < 0.0)>{x.gap.map(signed).unwrap_or_else(|| "—".into())}</td>
                                    })}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
            {(!responses.is_empty()).then(|| view! {
                <ul class="response-list" data-testid="response-list">
                    {responses.into_iter().map(|r| {
                        let (name, index) = surveys.with_value(|all| {
                            let s = all.iter().find(|s| s.id == r.survey_id);
                            (s.map(|s| s.name.clone()).unwrap_or_default(), s.and_then(|s| response_index(s, &r)))
                        });
                        let id = r.id;
                        view! {
                            <li data-testid="response-row">
                                <span>
                                    {move || format_date(r.date, lang.get())}" · "{name}
                                    <span class="muted small block">
                                        {index.map(|i| format!("{} {i:.0}", t.get().csi_label))}
                                        {r.recommend.map(|v| format!(" · NPS {v}"))}
                                        {r.competitor.as_ref().map(|c| format!(" · {} {}", t.get().col_theirs, c.name))}
                                    </span>
                                </span>
                                <button
                                    class="btn btn-small btn-ghost"
                                    aria-label=move || t.get().delete
                                    on:click=move |_| {
                                        to_delete.set_value(Some(id));
                                        deleting.set(Some(t.get_untracked().response_delete_confirm.to_string()));
                                    }
                                >
                                    <Icon icon=lu::LuTrash2 />
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <details class="rule">
                <summary>{move || t.get().definitions}</summary>
                <p class="muted small">{move || t.get().satisfaction_rule}</p>
            </details>
            <Confirm question=deleting confirm_label=Signal::derive(move || t.get().delete.to_string()) on_confirm=delete />
            <Modal
                open=Signal::derive(move || entering.get())
                on_close=Callback::new(move |_| entering.set(false))
                title=Signal::derive(move || t.get().record_response.to_string())
                class="modal-wide"
            >
                {move || entering.get().then(|| view! {
                    <ResponseForm
                        customer_id=customer_id
                        surveys=surveys.get_value()
                        on_done=Callback::new(move |_| entering.set(false))
                        on_cancel=Callback::new(move |_| entering.set(false))
                    />
                })}
            </Modal>
        </section>
    }
}
