//! The loyalty section of the 360 view: the eight indicators with their figures, the four the
//! account owner rates, the combined score and the form of loyalty.

use crate::domain::complaint::Complaint;
use crate::domain::id::Id;
use crate::domain::loyalty::{Form, Indicator, OwnerRatings, assess};
use crate::domain::purchase::Purchase;
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn score_text(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.0}"))
}

/// The loyalty panel.
#[component]
pub fn LoyaltyPanel(
    customer_id: Id,
    purchases: Vec<Purchase>,
    complaints: Vec<Complaint>,
    share_of_wallet: Option<u8>,
    ratings: Option<OwnerRatings>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let ratings = RwSignal::new(ratings.unwrap_or_else(|| OwnerRatings::new(customer_id)));
    let offset = clock::offset_minutes();
    let loyalty = Memo::new(move |_| {
        ratings.with(|r| assess(&purchases, &complaints, share_of_wallet, r, offset))
    });
    let rate = move |slot: usize, value: Option<u8>| {
        let Some(db) = ws.db() else { return };
        let saved = t.get_untracked().ratings_saved;
        spawn_local(async move {
            match store::set_rating(&db, customer_id, slot, value, clock::now()).await {
                // The panel may have been rebuilt meanwhile by a reload; then it is gone and
                // the new one read the ratings from the store.
                Ok(r) => {
                    ratings.try_set(r);
                    toasts.info(saved);
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="loyalty-heading" data-testid="loyalty">
            <header class="panel-header"><h2 id="loyalty-heading">{move || t.get().loyalty_title}</h2></header>
            <p class="muted small">{move || t.get().loyalty_intro}</p>
            {move || {
                let l = loyalty.get();
                let t = t.get();
                let form = l.form;
                let form_class = if form == Form::NotYet { "loyalty-form muted" } else { "loyalty-form" };
                view! {
                    <div class="loyalty-head">
                        <div class="stat-mini">
                            <span class="stat-label">{t.loyalty_score}</span>
                            <strong data-testid="loyalty-score">{score_text(l.score)}</strong>
                        </div>
                        <div class="stat-mini">
                            <span class="stat-label">{t.loyalty_behavioural}</span>
                            <strong data-testid="loyalty-behaviour">{score_text(l.behaviour)}</strong>
                        </div>
                        <div class="stat-mini">
                            <span class="stat-label">{t.loyalty_emotional}</span>
                            <strong data-testid="loyalty-attitude">{score_text(l.attitude)}</strong>
                        </div>
                    </div>
                    <p class=form_class data-testid="loyalty-form">{form.label(t)}</p>
                }
            }}
            // Built once, so a rating select keeps focus while the figures around it update.
            <ul class="indicator-list">
                {Indicator::ALL.into_iter().enumerate().map(|(i, indicator)| {
                    let slot = Indicator::RATED.iter().position(|r| *r == indicator);
                    let evidence = move || {
                        let t = t.get();
                        loyalty.with(|l| l.readings[i].evidence).map_or_else(
                            || if slot.is_some() { t.not_rated.to_string() } else { t.no_data.to_string() },
                            |e| e.text(t),
                        )
                    };
                    let label = move || indicator.label(t.get());
                    view! {
                        <li data-testid="indicator">
                            <div class="indicator-main">
                                <span>{label}</span>
                                <span class="muted small">{evidence}</span>
                            </div>
                            {match slot {
                                Some(slot) => {
                                    let current = ratings.with_untracked(|x| x.all()[slot]);
                                    view! {
                                        <select
                                            class="rating"
                                            aria-label=label
                                            data-testid=format!("rating-{slot}")
                                            on:change=move |ev| rate(slot, event_target_value(&ev).parse().ok())
                                        >
                                            <option value="" selected=current.is_none()>"—"</option>
                                            {(1..=5u8).map(|v| view! { <option value=v.to_string() selected=current == Some(v)>{v}</option> }).collect_view()}
                                        </select>
                                    }.into_any()
                                }
                                None => view! {
                                    <strong class="indicator-score">{move || score_text(loyalty.with(|l| l.readings[i].score))}</strong>
                                }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <details class="rule">
                <summary>{move || t.get().definitions}</summary>
                <p class="muted small">{move || t.get().loyalty_rule}</p>
            </details>
        </section>
    }
}
