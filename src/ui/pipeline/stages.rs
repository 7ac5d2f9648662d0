//! The pipeline's stages in Settings: rename, reorder, add and remove the open stages, set each
//! one's probability, rename won and lost, and choose after how many quiet days a deal is
//! flagged. A stage that deals still stand in cannot be removed.

use crate::domain::opportunity::stage::{Outcome, Pipeline, Stage, StageId};
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// One row being edited: the stage and its probability as typed.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    stage: Stage,
    probability: String,
}

/// The stages section of Settings.
#[component]
pub fn StagesSection() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let stored = RwSignal::new(None::<Pipeline>);
    let rows = RwSignal::new(Vec::<Row>::new());
    let won = RwSignal::new(String::new());
    let lost = RwSignal::new(String::new());
    let stale = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let fill = move |p: &Pipeline| {
        let tx = t.get_untracked();
        rows.set(
            p.open_stages()
                .map(|s| Row {
                    stage: Stage {
                        name: s.label(tx),
                        ..s.clone()
                    },
                    probability: s.probability.to_string(),
                })
                .collect(),
        );
        won.set(p.closing(Outcome::Won).label(tx));
        lost.set(p.closing(Outcome::Lost).label(tx));
        stale.set(p.stale_days.to_string());
    };
    Effect::new(move |_| {
        ws.revision.track();
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            if let Ok(p) = store::pipeline(&db).await {
                fill(&p);
                stored.try_set(Some(p));
            }
        });
    });
    let save = move |_| {
        let Some(db) = ws.db() else { return };
        let Some(p) = stored.get_untracked() else {
            return;
        };
        let tx = t.get_untracked();
        let mut bad_probability = false;
        // A default stage whose name was left as the translation keeps it translated.
        let keep_default = |s: &Stage, typed: &str| {
            let default = p.stage(&s.id).map(|d| {
                Stage {
                    name: String::new(),
                    ..d.clone()
                }
                .label(tx)
            });
            if default.as_deref() == Some(typed.trim())
                && p.stage(&s.id).is_some_and(|d| d.name.is_empty())
            {
                String::new()
            } else {
                typed.to_string()
            }
        };
        let open: Vec<Stage> = rows.with_untracked(|r| {
            r.iter()
                .map(|row| {
                    let probability = row.probability.trim().trim_end_matches('%').parse::<u8>();
                    if !matches!(probability, Ok(0..=100)) {
                        bad_probability = true;
                    }
                    Stage {
                        name: keep_default(&row.stage, &row.stage.name),
                        probability: probability.unwrap_or(0).min(100),
                        ..row.stage.clone()
                    }
                })
                .collect()
        });
        let won_name = keep_default(p.closing(Outcome::Won), &won.get_untracked());
        let lost_name = keep_default(p.closing(Outcome::Lost), &lost.get_untracked());
        let days = stale.get_untracked().trim().parse::<u32>().unwrap_or(0);
        busy.set(true);
        spawn_local(async move {
            // How many open deals stand in each stage, so none is removed from under them.
            let in_use: HashMap<StageId, usize> = match store::all_opportunities(&db).await {
                Ok(all) => all
                    .iter()
                    .filter(|o| o.deleted_at.is_none() && o.is_open())
                    .fold(HashMap::new(), |mut m, o| {
                        *m.entry(o.stage.clone()).or_default() += 1;
                        m
                    }),
                Err(e) => {
                    toasts.error(&e);
                    busy.set(false);
                    return;
                }
            };
            let edited = p.edited(
                open,
                &won_name,
                &lost_name,
                days,
                |s| in_use.get(s).copied().unwrap_or(0),
                clock::now(),
            );
            let tx = t.get_untracked();
            match edited {
                Err(found) => {
                    let mut list: Vec<String> = found.iter().map(|e| e.message(tx)).collect();
                    if bad_probability {
                        list.push(tx.stage_bad_probability.into());
                    }
                    list.dedup();
                    problems.set(list);
                }
                Ok(_) if bad_probability => problems.set(vec![tx.stage_bad_probability.into()]),
                Ok(next) => match store::save_pipeline(&db, &next).await {
                    Ok(written) => {
                        problems.set(Vec::new());
                        store::notify_changed();
                        toasts.info(tx.stages_saved);
                        fill(&written);
                        stored.set(Some(written));
                    }
                    Err(e) => toasts.error(&e),
                },
            }
            busy.set(false);
        });
    };
    // The rows are redrawn when their number changes, not on every keystroke.
    let count = Memo::new(move |_| rows.with(Vec::len));
    let swap = move |i: usize, j: usize| {
        rows.update(|r| {
            if i < r.len() && j < r.len() {
                r.swap(i, j);
            }
        })
    };
    view! {
        <section class="panel" aria-labelledby="stages-title" data-testid="stages-section">
            <h2 id="stages-title">{move || t.get().stages_title}</h2>
            <p class="muted">{move || t.get().stages_body}</p>
            <Show when=move || !problems.with(Vec::is_empty)>
                <ul class="form-error" role="alert">
                    {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect::<Vec<_>>()}
                </ul>
            </Show>
            <table class="data-table compact stages-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t.get().stage_name}</th>
                        <th scope="col" class="num">{move || t.get().stage_probability}</th>
                        <th scope="col"><span class="sr-only">{move || t.get().stage_up}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let n = count.get();
                        (0..n).map(|i| view! {
                            <tr data-testid="stage-row">
                                <td>
                                    <input
                                        type="text"
                                        aria-label=move || format!("{} {}", t.get().stage_name, i + 1)
                                        prop:value=move || rows.with(|r| r.get(i).map(|x| x.stage.name.clone()).unwrap_or_default())
                                        on:input=move |ev| { let v = event_target_value(&ev); rows.update(|r| if let Some(x) = r.get_mut(i) { x.stage.name = v; }); }
                                    />
                                </td>
                                <td class="num">
                                    <input
                                        type="text"
                                        inputmode="numeric"
                                        class="input-narrow"
                                        aria-label=move || format!("{} {}", t.get().stage_probability, i + 1)
                                        prop:value=move || rows.with(|r| r.get(i).map(|x| x.probability.clone()).unwrap_or_default())
                                        on:input=move |ev| { let v = event_target_value(&ev); rows.update(|r| if let Some(x) = r.get_mut(i) { x.probability = v; }); }
                                    />
                                </td>
                                <td class="row-actions">
                                    <button type="button" class="btn-icon" aria-label=move || t.get().stage_up disabled=i == 0 on:click=move |_| swap(i, i.wrapping_sub(1))><Icon icon=lu::LuArrowUp /></button>
                                    <button type="button" class="btn-icon" aria-label=move || t.get().stage_down disabled=i + 1 == n on:click=move |_| swap(i, i + 1)><Icon icon=lu::LuArrowDown /></button>
                                    <button type="button" class="btn-icon" aria-label=move || t.get().stage_remove on:click=move |_| rows.update(|r| { if i < r.len() { r.remove(i); } })><Icon icon=lu::LuX /></button>
                                </td>
                            </tr>
                        }).collect::<Vec<_>>()
                    }}
                </tbody>
            </table>
            <button type="button" class="btn" data-testid="add-stage" on:click=move |_| rows.update(|r| r.push(Row {
                stage: Stage { id: StageId::generate(), name: String::new(), probability: 50, outcome: Outcome::Open },
                probability: "50".into(),
            }))>
                <Icon icon=lu::LuPlus />{move || t.get().stage_add}
            </button>
            <div class="grid-3">
                <label class="field">
                    <span>{move || format!("{} (100%)", t.get().deal_closed_won)}</span>
                    <input type="text" prop:value=move || won.get() on:input=move |ev| won.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || format!("{} (0%)", t.get().deal_closed_lost)}</span>
                    <input type="text" prop:value=move || lost.get() on:input=move |ev| lost.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || t.get().stage_settings_stale}</span>
                    <input type="text" inputmode="numeric" data-testid="stale-days" prop:value=move || stale.get() on:input=move |ev| stale.set(event_target_value(&ev)) />
                </label>
            </div>
            <div class="form-actions">
                <button type="button" class="btn btn-primary" data-testid="save-stages" disabled=move || busy.get() on:click=save>
                    {move || t.get().save}
                </button>
            </div>
        </section>
    }
}
