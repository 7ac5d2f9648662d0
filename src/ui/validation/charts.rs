//! The validation charts (SVG, no inline styles: the CSP forbids them): cumulative repeat
//! purchases week by week, actual against expected, with the calibration end marked; and the
//! holdout purchases per customer by calibration x, actual against expected.

use crate::domain::analysis::report::round_ticks as ticks;
use crate::domain::analysis::validation::Validation;
use crate::domain::money::format_significant;
use crate::domain::time::format_date;
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;
use std::sync::Arc;

const W: f64 = 960.0;
const H: f64 = 300.0;
const PAD_L: f64 = 64.0;
const PAD_R: f64 = 12.0;
const PAD_B: f64 = 44.0;
const PAD_T: f64 = 28.0;

/// The value axis: a grid line and label at each tick, and the base line.
fn value_axis(ticks: Vec<f64>, y: impl Fn(f64) -> f64) -> impl IntoView {
    let base = y(0.0);
    view! {
        {ticks.into_iter().map(|v| view! {
            <line class="grid-line" x1=PAD_L y1=y(v) x2=W - PAD_R y2=y(v)></line>
            <text class="axis-tick" x=PAD_L - 6.0 y=y(v) + 4.0 text-anchor="end">{format_significant(v, 3)}</text>
        }).collect_view()}
        <line class="axis" x1=PAD_L y1=base x2=W - PAD_R y2=base></line>
    }
}

/// The legend: actual and expected.
fn legend() -> impl IntoView {
    let t = use_texts();
    view! {
        <figcaption class="chart-legend">
            <span class="legend-item"><span class="legend-swatch swatch-actual"></span>{move || t.get().val_actual}</span>
            <span class="legend-item"><span class="legend-swatch swatch-expected"></span>{move || t.get().val_expected}</span>
        </figcaption>
    }
}

/// The tracking chart.
#[component]
pub fn TrackingChart(v: Arc<Validation>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let points = v.weeks.clone();
    let n = points.len().max(2) as f64 - 1.0;
    let top = points
        .iter()
        .map(|p| p.actual.max(p.predicted))
        .fold(0.0, f64::max);
    let ticks = ticks(top);
    let top = ticks.last().copied().unwrap_or(1.0).max(1.0);
    let x = move |i: usize| PAD_L + (W - PAD_L - PAD_R) * i as f64 / n;
    let y = move |v: f64| PAD_T + (1.0 - v / top) * (H - PAD_T - PAD_B);
    let line = |f: fn(&crate::domain::analysis::validation::WeekPoint) -> f64| {
        points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(f(p))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let actual = line(|p| p.actual);
    let expected = line(|p| p.predicted);
    let split = points
        .iter()
        .position(|p| p.end == v.calibration_end)
        .map(x);
    // Dates under the axis: about six, evenly spread.
    let every = points.len().div_ceil(6).max(1);
    let labels: Vec<(f64, chrono::NaiveDate)> = points
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, p)| (x(i), p.end))
        .collect();
    let summary = {
        let v = v.clone();
        move || {
            let tt = t.get();
            let last = v.weeks.last();
            format!(
                "{}: {} {} / {} {}",
                tt.val_tracking_title,
                tt.val_actual,
                last.map_or_else(String::new, |p| format_significant(p.actual, 4)),
                tt.val_expected,
                last.map_or_else(String::new, |p| format_significant(p.predicted, 4)),
            )
        }
    };
    view! {
        <figure class="chart">
            <div class="chart-scroll" tabindex="0" role="region" aria-label=move || t.get().val_tracking_title>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="tracking-title tracking-desc" class="chart-svg" data-testid="tracking-chart">
                <title id="tracking-title">{move || t.get().val_tracking_title}</title>
                <desc id="tracking-desc">{summary}</desc>
                {value_axis(ticks, y)}
                {split.map(|sx| view! {
                    <line class="guide" x1=sx y1=PAD_T - 14.0 x2=sx y2=y(0.0)></line>
                    <text class="axis-label" x=sx - 6.0 y=PAD_T - 16.0 text-anchor="end">{move || t.get().val_calibration}</text>
                    <text class="axis-label" x=sx + 6.0 y=PAD_T - 16.0 text-anchor="start">{move || t.get().val_holdout}</text>
                })}
                <polyline class="line-expected" points=expected></polyline>
                <polyline class="line-actual" points=actual></polyline>
                {labels.into_iter().map(|(lx, d)| view! {
                    <text class="axis-tick" x=lx y=H - PAD_B + 18.0 text-anchor="middle">{move || format_date(d, lang.get())}</text>
                }).collect_view()}
            </svg>
            </div>
            {legend()}
        </figure>
    }
}

/// Holdout purchases per customer by calibration x: a pair of bars per group.
#[component]
pub fn ByXChart(v: Arc<Validation>) -> impl IntoView {
    let t = use_texts();
    let groups: Vec<(usize, f64, f64)> = v
        .by_x
        .iter()
        .enumerate()
        .filter(|(_, g)| g.customers > 0)
        .map(|(x, g)| (x, g.actual, g.predicted))
        .collect();
    let top = groups.iter().map(|g| g.1.max(g.2)).fold(0.0, f64::max);
    let ticks = ticks(top);
    let top = ticks.last().copied().unwrap_or(1.0).max(1e-9);
    let slot = (W - PAD_L - PAD_R) / groups.len().max(1) as f64;
    let bar = (slot * 0.32).min(44.0);
    let y = move |v: f64| PAD_T + (1.0 - v / top) * (H - PAD_T - PAD_B);
    let desc = {
        let groups = groups.clone();
        move || {
            let tt = t.get();
            groups
                .iter()
                .map(|(x, a, p)| {
                    format!(
                        "{}: {} {}, {} {}",
                        (tt.val_group_label)(*x),
                        tt.val_actual,
                        format_significant(*a, 3),
                        tt.val_expected,
                        format_significant(*p, 3)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    view! {
        <figure class="chart">
            <div class="chart-scroll" tabindex="0" role="region" aria-label=move || t.get().val_by_x_title>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="byx-title byx-desc" class="chart-svg" data-testid="by-x-chart">
                <title id="byx-title">{move || t.get().val_by_x_title}</title>
                <desc id="byx-desc">{desc}</desc>
                {value_axis(ticks, y)}
                {groups.into_iter().enumerate().map(|(i, (x, actual, predicted))| {
                    let cx = PAD_L + slot * (i as f64 + 0.5);
                    view! {
                        <rect class="bar bar-actual" x=cx - bar - 2.0 y=y(actual) width=bar height=(y(0.0) - y(actual)).max(1.0) rx="3"></rect>
                        <rect class="bar bar-expected" x=cx + 2.0 y=y(predicted) width=bar height=(y(0.0) - y(predicted)).max(1.0) rx="3"></rect>
                        <text class="axis-tick" x=cx y=H - PAD_B + 18.0 text-anchor="middle">{move || (t.get().val_group_label)(x)}</text>
                    }
                }).collect_view()}
                <text class="axis-label" x=PAD_L + (W - PAD_L - PAD_R) / 2.0 y=H - 6.0 text-anchor="middle">{move || t.get().val_col_group}</text>
            </svg>
            </div>
            {legend()}
        </figure>
    }
}
