//! The value matrix as an SVG scatter: current value against value ahead, one dot per customer
//! (log scales), the high-value line and the no-growth diagonal.

use crate::domain::analysis::engine::Analysis;
use crate::domain::analysis::quadrant::Quadrant;
use crate::domain::i18n::explain::yuan;
use crate::domain::id::Id;
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;
use std::fmt::Write;

/// Dots drawn at most (an even sample of the customers beyond that).
const MAX_DOTS: usize = 1_500;
const W: f64 = 560.0;
const H: f64 = 380.0;
const PAD: f64 = 48.0;

/// (current, ahead, quadrant) of the customers at `ids` that have a quadrant.
pub fn points_of<'a>(a: &Analysis, ids: impl Iterator<Item = &'a Id>) -> Vec<(f64, f64, Quadrant)> {
    let all: Vec<(f64, f64, Quadrant)> = a
        .classes_of(ids.copied())
        .filter_map(|c| c.and_then(|c| c.quadrant))
        .map(|q| (q.current, q.ahead, q.class))
        .collect();
    if all.len() <= MAX_DOTS {
        return all;
    }
    (0..MAX_DOTS)
        .map(|i| all[i * all.len() / MAX_DOTS])
        .collect()
}

fn scale(v: f64, max: f64) -> f64 {
    (1.0 + v.max(0.0)).log10() / (1.0 + max).log10().max(1e-9)
}

/// The scatter.
#[component]
pub fn QuadrantChart(
    #[prop(into)] points: Signal<Vec<(f64, f64, Quadrant)>>,
    #[prop(into)] value_cut: Signal<f64>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <figure class="chart" data-testid="quadrant-chart">
            <figcaption>
                <strong>{move || t.get().chart_quadrant}</strong>
                <span class="muted">{move || t.get().chart_quadrant_note}</span>
            </figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="quadrant-title quadrant-desc" class="chart-svg">
                <title id="quadrant-title">{move || t.get().chart_quadrant}</title>
                <desc id="quadrant-desc">{move || {
                    let pts = points.get();
                    Quadrant::ALL
                        .iter()
                        .map(|q| format!("{}: {}", q.label(lang.get().texts()), pts.iter().filter(|p| p.2 == *q).count()))
                        .collect::<Vec<_>>()
                        .join(", ")
                }}</desc>
                {move || {
                    let pts = points.get();
                    let max = pts.iter().map(|p| p.0.max(p.1)).fold(1.0, f64::max);
                    let x = |v: f64| PAD + scale(v, max) * (W - PAD - 12.0);
                    let y = |v: f64| H - PAD - scale(v, max) * (H - PAD - 12.0);
                    let cut = value_cut.get();
                    let lang = lang.get();
                    let quadrant_labels = [
                        (Quadrant::Iron, x(0.0) + 6.0, 24.0),
                        (Quadrant::Platinum, W - 16.0, 24.0),
                        (Quadrant::Lead, x(0.0) + 6.0, H - PAD - 8.0),
                        (Quadrant::Gold, W - 16.0, H - PAD - 8.0),
                    ];
                    view! {
                        <line class="axis" x1=PAD y1=H - PAD x2=W - 8.0 y2=H - PAD></line>
                        <line class="axis" x1=PAD y1=8.0 x2=PAD y2=H - PAD></line>
                        <line class="guide" x1=x(0.0) y1=y(0.0) x2=x(max) y2=y(max)></line>
                        <line class="guide guide-cut" x1=x(cut) y1=8.0 x2=x(cut) y2=H - PAD></line>
                        // One path of round dots per quadrant (a zero-length line each, drawn
                        // with a round cap), not an element per customer: 1,500 circles took
                        // the page over 20 ms to build.
                        {Quadrant::ALL.into_iter().map(|q| {
                            let mut d = String::new();
                            for &(c, a, _) in pts.iter().filter(|p| p.2 == q) {
                                let _ = write!(d, "M{:.1} {:.1}h0", x(c), y(a));
                            }
                            view! { <path class=format!("dots dot-{}", q.as_str()) d=d></path> }
                        }).collect_view()}
                        {quadrant_labels.into_iter().map(|(q, lx, ly)| {
                            let anchor = if lx > W / 2.0 { "end" } else { "start" };
                            view! { <text x=lx y=ly class=format!("quadrant-label dot-{}", q.as_str()) text-anchor=anchor>{q.label(lang.texts())}</text> }
                        }).collect_view()}
                        <text x=x(cut) y=H - PAD + 30.0 class="axis-tick" text-anchor="middle">{yuan(cut, lang)}</text>
                        <text x=W - 8.0 y=H - PAD + 16.0 class="axis-tick" text-anchor="end">{yuan(max, lang)}</text>
                        <text x=PAD y=H - PAD + 16.0 class="axis-tick" text-anchor="middle">"0"</text>
                    }
                }}
                <text x=W / 2.0 y=H - 4.0 class="axis-label" text-anchor="middle">{move || t.get().axis_current}</text>
                <text x="12" y=H / 2.0 class="axis-label" text-anchor="middle" transform=format!("rotate(-90 12 {})", H / 2.0)>{move || t.get().axis_ahead}</text>
            </svg>
        </figure>
    }
}
