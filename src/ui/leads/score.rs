//! The qualification score on screen: the fit model built from the customers in memory and
//! the analysis's importance classes, each lead's score from it and its interactions, and the
//! lead page's panel with both halves and the figures behind them.

use crate::domain::analysis::engine::Analysis;
use crate::domain::analysis::importance::Importance;
use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::lead::Lead;
use crate::domain::lead::score::{Attribute, Band, FitModel, Profile, Score, score};
use crate::domain::summary::CustomerSummary;
use crate::domain::time::format_datetime;
use crate::ui::clock;
use crate::ui::insights::state::use_insights;
use crate::ui::state::{Workspace, use_lang, use_texts, use_workspace};
use leptos::prelude::*;
use std::collections::HashMap;

/// The fit model of the customers not in the trash, valuable meaning VIP or important in
/// `analysis`.
pub fn fit_model(ws: Workspace, analysis: &Analysis) -> FitModel {
    ws.index.with_untracked(|ix| {
        let profiles: Vec<Profile> = ix
            .rows()
            .iter()
            .filter(|c| c.deleted_at.is_none())
            .map(|c| profile(c, analysis))
            .collect();
        FitModel::build(&profiles)
    })
}

/// [`fit_model`] built a slice at a time (100,000 customers are too many for one task).
pub async fn fit_model_in_slices(ws: Workspace, analysis: &Analysis) -> FitModel {
    let mut model = FitModel::default();
    let mut slices = clock::Slices::start();
    let mut at = 0;
    loop {
        let next = ws.index.try_with_untracked(|ix| {
            let rows = ix.rows();
            let end = (at + 2_000).min(rows.len());
            for c in rows[at.min(end)..end]
                .iter()
                .filter(|c| c.deleted_at.is_none())
            {
                model.add(&profile(c, analysis));
            }
            (end < rows.len()).then_some(end)
        });
        let Some(Some(next)) = next else { break };
        at = next;
        slices.step().await;
    }
    model
}

/// What the fit model knows of customer `c`.
fn profile(c: &CustomerSummary, analysis: &Analysis) -> Profile {
    Profile {
        party: c.party,
        industry: c.industry.clone(),
        region: c.region.clone(),
        source: c.source,
        valuable: analysis
            .get(c.id)
            .is_some_and(|a| a.importance.class != Importance::Ordinary),
    }
}

/// The score of every lead in `leads` with its interactions (grouped by lead) at now.
pub fn scores(
    model: &FitModel,
    leads: &[Lead],
    activity: &HashMap<Id, Vec<Interaction>>,
) -> HashMap<Id, u8> {
    let now = clock::now();
    leads
        .iter()
        .filter(|l| l.deleted_at.is_none())
        .map(|l| {
            let own = activity.get(&l.id).map(Vec::as_slice).unwrap_or_default();
            (l.id, score(model, l, own, now).total)
        })
        .collect()
}

/// The class of a band's badge.
pub fn band_class(b: Band) -> &'static str {
    match b {
        Band::Hot => "score score-hot",
        Band::Warm => "score score-warm",
        Band::Cold => "score score-cold",
    }
}

fn attribute_label(a: Attribute, t: &Texts) -> &'static str {
    match a {
        Attribute::Party => t.score_party,
        Attribute::Industry => t.industry,
        Attribute::Province => t.score_province,
        Attribute::Source => t.lead_source,
    }
}

fn percent(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// The lead page's score panel.
#[component]
pub fn ScorePanel(lead: Lead, interactions: Signal<Vec<Interaction>>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = use_insights();
    insights.require();
    let lead = StoredValue::new(lead);
    let computed = Memo::new(move |_| {
        let a = insights.now.get();
        let model = fit_model(ws, &a);
        interactions.with(|list| lead.with_value(|l| score(&model, l, list, clock::now())))
    });
    let source_value = move |t: &'static Texts| lead.with_value(|l| l.source.label(t).to_string());
    let party_value = move |t: &'static Texts| {
        lead.with_value(|l| {
            if l.company.trim().is_empty() {
                t.score_person.to_string()
            } else {
                t.score_organisation.to_string()
            }
        })
    };
    view! {
        <section class="panel lead-score" aria-labelledby="lead-score-h" data-testid="lead-score">
            {move || {
                let t = t.get();
                let Score { fit, engagement, total } = computed.get();
                let band = crate::domain::lead::score::Band::of(total);
                let parts = fit.parts.iter().map(|p| {
                    let value = match p.attribute {
                        Attribute::Party => party_value(t),
                        Attribute::Source => source_value(t),
                        _ if p.value.is_empty() => t.score_unknown.to_string(),
                        _ => p.value.clone(),
                    };
                    let figures = match fit.base {
                        Some(base) if p.customers == 0 => (t.score_no_peers)(percent(base)),
                        Some(base) => (t.score_fit_figures)(p.valuable, p.customers, percent(p.share), percent(base)),
                        None => t.score_no_valuable.to_string(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{attribute_label(p.attribute, t)}</th>
                            <td>{value}</td>
                            <td class="wrap-cell">{figures}</td>
                            <td class="num">{format!("{:.0}", p.score * 100.0)}</td>
                        </tr>
                    }
                }).collect_view();
                let last = engagement.last.map(|at| format_datetime(clock::local(at), lang.get()));
                view! {
                    <header class="panel-header">
                        <h2 id="lead-score-h">{t.score_title}</h2>
                        <span class=band_class(band) data-testid="lead-score-total">{format!("{total} · {}", band.label(t))}</span>
                    </header>
                    <div class="score-halves">
                        <div class="stat"><span class="stat-label">{t.score_fit}</span><span class="stat-value" data-testid="lead-score-fit">{format!("{:.0} / 50", fit.points)}</span></div>
                        <div class="stat"><span class="stat-label">{t.score_engagement}</span><span class="stat-value" data-testid="lead-score-engagement">{format!("{:.0} / 50", engagement.points)}</span></div>
                    </div>
                    <p class="muted small">{t.score_fit_rule}</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=t.score_fit>
                        <table class="data-table compact">
                            <caption class="sr-only">{t.score_fit}</caption>
                            <thead><tr>
                                <th scope="col">{t.score_attribute}</th>
                                <th scope="col">{t.score_value}</th>
                                <th scope="col">{t.score_figures}</th>
                                <th scope="col" class="num">{t.score_part}</th>
                            </tr></thead>
                            <tbody>{parts}</tbody>
                        </table>
                    </div>
                    <p data-testid="lead-score-touches">{(t.score_engagement_figures)(engagement.touches, last.unwrap_or_default(), format!("{:.2}", engagement.sum))}</p>
                    <p class="muted small">{t.score_engagement_rule}</p>
                }
            }}
        </section>
    }
}
