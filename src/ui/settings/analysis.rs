//! The analysis settings: value basis, periods, cut-offs, stage rules, prediction horizon,
//! discount rate and exchange rates.

use crate::domain::analysis::config::{AnalysisConfig, ValueBasis};
use crate::domain::i18n::Texts;
use crate::domain::money::{Currency, parse_decimal};
use crate::domain::time::{date_input_value, parse_date};
use crate::ui::insights::state::use_insights;
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;

/// How a number field maps onto the configuration: shown value ↔ stored value.
struct NumberField {
    id: &'static str,
    label: fn(&'static Texts) -> &'static str,
    get: fn(&AnalysisConfig) -> f64,
    set: fn(&mut AnalysisConfig, f64),
    min: f64,
    max: f64,
}

const FIELDS: [NumberField; 15] = [
    NumberField {
        id: "an-period",
        label: |t| t.period_days,
        get: |c| f64::from(c.period_days),
        set: |c, v| c.period_days = v as u32,
        min: 30.0,
        max: 3650.0,
    },
    NumberField {
        id: "an-vip",
        label: |t| t.vip_share,
        get: |c| c.vip_share * 100.0,
        set: |c, v| c.vip_share = v / 100.0,
        min: 1.0,
        max: 99.0,
    },
    NumberField {
        id: "an-important",
        label: |t| t.important_share,
        get: |c| c.important_share * 100.0,
        set: |c, v| c.important_share = v / 100.0,
        min: 1.0,
        max: 100.0,
    },
    NumberField {
        id: "an-horizon",
        label: |t| t.horizon_weeks,
        get: |c| f64::from(c.horizon_weeks),
        set: |c, v| c.horizon_weeks = v as u32,
        min: 1.0,
        max: 520.0,
    },
    NumberField {
        id: "an-discount",
        label: |t| t.annual_discount,
        get: |c| c.annual_discount * 100.0,
        set: |c, v| c.annual_discount = v / 100.0,
        min: 0.0,
        max: 100.0,
    },
    NumberField {
        id: "an-new",
        label: |t| t.new_days,
        get: |c| f64::from(c.loyalty.new_days),
        set: |c, v| c.loyalty.new_days = v as u32,
        min: 1.0,
        max: 3650.0,
    },
    NumberField {
        id: "an-regular",
        label: |t| t.regular_min_days,
        get: |c| f64::from(c.loyalty.regular_min_days),
        set: |c, v| c.loyalty.regular_min_days = v as u32,
        min: 1.0,
        max: 100.0,
    },
    NumberField {
        id: "an-old",
        label: |t| t.old_days,
        get: |c| f64::from(c.loyalty.old_days),
        set: |c, v| c.loyalty.old_days = v as u32,
        min: 1.0,
        max: 7300.0,
    },
    NumberField {
        id: "an-loyal",
        label: |t| t.loyal_days,
        get: |c| f64::from(c.loyalty.loyal_days_last_year),
        set: |c, v| c.loyalty.loyal_days_last_year = v as u32,
        min: 1.0,
        max: 365.0,
    },
    NumberField {
        id: "an-window",
        label: |t| t.window_days,
        get: |c| f64::from(c.lifecycle.window_days),
        set: |c, v| c.lifecycle.window_days = v as u32,
        min: 7.0,
        max: 1825.0,
    },
    NumberField {
        id: "an-explore",
        label: |t| t.exploration_max,
        get: |c| f64::from(c.lifecycle.exploration_max_days),
        set: |c, v| c.lifecycle.exploration_max_days = v as u32,
        min: 0.0,
        max: 100.0,
    },
    NumberField {
        id: "an-rise",
        label: |t| t.rise_ratio,
        get: |c| c.lifecycle.rise_ratio,
        set: |c, v| c.lifecycle.rise_ratio = v,
        min: 1.0,
        max: 10.0,
    },
    NumberField {
        id: "an-fall",
        label: |t| t.fall_ratio,
        get: |c| c.lifecycle.fall_ratio,
        set: |c, v| c.lifecycle.fall_ratio = v,
        min: 0.0,
        max: 1.0,
    },
    NumberField {
        id: "an-high",
        label: |t| t.high_value_quantile,
        get: |c| c.high_value_quantile * 100.0,
        set: |c, v| c.high_value_quantile = v / 100.0,
        min: 1.0,
        max: 99.0,
    },
    NumberField {
        id: "an-growth",
        label: |t| t.growth_threshold,
        get: |c| c.growth_threshold * 100.0,
        set: |c, v| c.growth_threshold = v / 100.0,
        min: 0.0,
        max: 1000.0,
    },
];

/// Parses a setting, refusing values outside its sensible range.
fn parse(text: &str, min: f64, max: f64) -> Option<f64> {
    let v = parse_decimal(text).ok()?.to_f64()?;
    (min..=max).contains(&v).then_some(v)
}

fn show(v: f64) -> String {
    let rounded = (v * 1000.0).round() / 1000.0;
    format!("{rounded}")
}

/// The analysis section of the settings page.
#[component]
pub fn AnalysisSection() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let insights = use_insights();
    let cfg = insights.config;
    // Bumped on "reset" so the boxes show the defaults again.
    let generation = RwSignal::new(0u32);
    view! {
        <section class="panel" aria-labelledby="analysis-title" data-testid="analysis-settings">
            <h2 id="analysis-title">{move || t.get().analysis_title}</h2>
            <p class="muted">{move || t.get().analysis_intro}</p>
            {move || {
                generation.track();
                let initial = cfg.get_untracked();
                let calibration = initial.calibration.map(date_input_value).unwrap_or_default();
                view! {
                    <div class="grid-3">
                        <div class="field">
                            <label for="an-date">{move || t.get().calibration}</label>
                            <input
                                id="an-date"
                                type="date"
                                data-testid="calibration-date"
                                prop:value=calibration
                                on:change=move |ev| {
                                    let value = event_target_value(&ev);
                                    cfg.update(|c| c.calibration = parse_date(&value));
                                }
                            />
                            <p class="field-msg">{move || t.get().calibration_hint}</p>
                        </div>
                        <div class="field">
                            <label for="an-basis">{move || t.get().basis}</label>
                            <select id="an-basis" on:change=move |ev| {
                                let basis = if event_target_value(&ev) == "margin" { ValueBasis::Margin } else { ValueBasis::Revenue };
                                cfg.update(|c| c.basis = basis);
                            }>
                                {[ValueBasis::Revenue, ValueBasis::Margin].into_iter().map(|b| view! {
                                    <option value=if b == ValueBasis::Margin { "margin" } else { "revenue" } selected=initial.basis == b>
                                        {move || b.label(lang.get().texts())}
                                    </option>
                                }).collect_view()}
                            </select>
                            <p class="field-msg"></p>
                        </div>
                        {FIELDS.iter().map(|f| {
                            let error = RwSignal::new(false);
                            let (min, max, set) = (f.min, f.max, f.set);
                            let label = f.label;
                            view! {
                                <div class="field" class:field-invalid=move || error.get()>
                                    <label for=f.id>{move || label(t.get())}</label>
                                    <input
                                        id=f.id
                                        inputmode="decimal"
                                        prop:value=show((f.get)(&initial))
                                        aria-invalid=move || error.get().then_some("true")
                                        on:change=move |ev| match parse(&event_target_value(&ev), min, max) {
                                            Some(v) => {
                                                error.set(false);
                                                cfg.update(|c| set(c, v));
                                            }
                                            None => error.set(true),
                                        }
                                    />
                                    <p class="field-msg">{move || error.get().then(|| t.get().analysis_invalid)}</p>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <h3>{move || t.get().rates_title}</h3>
                    <div class="grid-3">
                        {Currency::ALL.into_iter().filter(|c| *c != Currency::Cny).map(|cur| {
                            let error = RwSignal::new(false);
                            let id = format!("an-rate-{}", cur.code());
                            view! {
                                <div class="field" class:field-invalid=move || error.get()>
                                    <label for=id.clone()>{cur.code()}</label>
                                    <input
                                        id=id
                                        inputmode="decimal"
                                        prop:value=show(initial.rate(cur))
                                        on:change=move |ev| match parse(&event_target_value(&ev), 0.0, 1_000_000.0) {
                                            Some(v) => {
                                                error.set(false);
                                                cfg.update(|c| {
                                                    c.rates.retain(|(k, _)| *k != cur);
                                                    c.rates.push((cur, v));
                                                });
                                            }
                                            None => error.set(true),
                                        }
                                    />
                                    <p class="field-msg">{move || error.get().then(|| t.get().analysis_invalid)}</p>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                }
            }}
            <button class="btn" on:click=move |_| {
                cfg.set(AnalysisConfig::default());
                generation.update(|g| *g += 1);
            }>{move || t.get().reset_defaults}</button>
        </section>
    }
}
