//! The satisfaction charts (SVG, no inline styles: the CSP forbids them): the index by period
//! with its interval, and the importance–performance map of the factors.

use crate::domain::i18n::Lang;
use crate::domain::satisfaction::figures::{
    FactorFigure, MIN_TO_CONCLUDE, Period, PeriodFigure, PeriodKey,
};
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;

const W: f64 = 960.0;
const H: f64 = 260.0;
const PAD_L: f64 = 60.0;
const PAD_B: f64 = 40.0;
const PAD_T: f64 = 14.0;

/// A period's short label: "2026-09" / "2026 Q3" in English, "2026年9月" / "2026年第3季度" in
/// Chinese.
pub fn period_label(k: PeriodKey, period: Period, lang: Lang) -> String {
    match (period, lang) {
        (Period::Month, Lang::En) => format!("{}-{:02}", k.year, k.number),
        (Period::Month, Lang::Zh) => format!("{}年{}月", k.year, k.number),
        (Period::Quarter, Lang::En) => format!("{} Q{}", k.year, k.number),
        (Period::Quarter, Lang::Zh) => format!("{}年第{}季度", k.year, k.number),
    }
}

/// The satisfaction index per period on its one scale (0–100, stated on the axis): a bar per
/// period with responses, its 95% interval as a whisker, and the number of responses under
/// it. A period with fewer than [`MIN_TO_CONCLUDE`] responses gets a pale bar and a warning
/// instead of a whisker (which would span most of the axis and say nothing).
#[component]
pub fn TrendChart(periods: Vec<PeriodFigure>, period: Period) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let n = periods.len().max(1) as f64;
    let slot = (W - PAD_L - 8.0) / n;
    let bar = (slot * 0.6).min(48.0);
    let y = |v: f64| PAD_T + (100.0 - v.clamp(0.0, 100.0)) / 100.0 * (H - PAD_T - PAD_B);
    let desc = {
        let periods = periods.clone();
        move || {
            let lang = lang.get();
            periods
                .iter()
                .map(|p| match p.index {
                    Some(e) => format!(
                        "{}: {:.0} (n = {})",
                        period_label(p.key, period, lang),
                        e.mean,
                        p.responses
                    ),
                    None => format!(
                        "{}: — (n = {})",
                        period_label(p.key, period, lang),
                        p.responses
                    ),
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    // Label every k-th period so the labels never collide.
    let every = periods.len().div_ceil(8).max(1);
    view! {
        <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="trend-title trend-desc" class="chart-svg" data-testid="trend-chart">
            <title id="trend-title">{move || t.get().trend_title}</title>
            <desc id="trend-desc">{desc}</desc>
            {[0.0, 25.0, 50.0, 75.0, 100.0].into_iter().map(|v| view! {
                <line class="grid-line" x1=PAD_L y1=y(v) x2=W - 4.0 y2=y(v)></line>
                <text class="axis-tick" x=PAD_L - 6.0 y=y(v) + 4.0 text-anchor="end">{format!("{v:.0}")}</text>
            }).collect_view()}
            <line class="axis" x1=PAD_L y1=y(0.0) x2=W - 4.0 y2=y(0.0)></line>
            <text class="axis-label" x="14" y=(H - PAD_B + PAD_T) / 2.0 text-anchor="middle" transform=format!("rotate(-90 14 {})", (H - PAD_B + PAD_T) / 2.0)>{move || t.get().trend_scale}</text>
            {periods.into_iter().enumerate().map(|(i, p)| {
                let cx = PAD_L + slot * (i as f64 + 0.5);
                let label = move || period_label(p.key, period, lang.get());
                let shown = i % every == 0;
                let few = p.responses > 0 && p.responses < MIN_TO_CONCLUDE;
                view! {
                    {p.index.map(|e| {
                        let whisker = e.half_width.filter(|_| !few).map(|h| view! {
                            <line class="whisker" x1=cx y1=y(e.mean + h) x2=cx y2=y(e.mean - h)></line>
                        });
                        view! {
                            <rect class="bar bar-index" class:bar-few=few x=cx - bar / 2.0 y=y(e.mean) width=bar height=(y(0.0) - y(e.mean)).max(1.0) rx="3"></rect>
                            {whisker}
                            <text class="bar-value" class:bar-few=few x=cx y=y(e.mean) - 4.0 text-anchor="middle">{format!("{:.0}", e.mean)}</text>
                        }
                    })}
                    {shown.then(|| view! {
                        <text class="axis-tick" x=cx y=H - PAD_B + 16.0 text-anchor="middle">{label}</text>
                    })}
                    <text class="axis-tick small-tick" class:few-mark=few x=cx y=H - PAD_B + 31.0 text-anchor="middle">
                        {few.then(|| view! { <title>{move || t.get().trend_few}</title> })}
                        {if few { format!("⚠ n={}", p.responses) } else { format!("n={}", p.responses) }}
                    </text>
                }
            }).collect_view()}
        </svg>
    }
}

/// The importance–performance map: one point per factor, performance across (0–100),
/// importance up (1–5), the two average lines splitting the quadrants.
#[component]
pub fn IpaChart(factors: Vec<FactorFigure>, split: (f64, f64)) -> impl IntoView {
    let t = use_texts();
    const IW: f64 = 560.0;
    const IH: f64 = 340.0;
    const L: f64 = 48.0;
    const B: f64 = 40.0;
    let x = |v: f64| L + v.clamp(0.0, 100.0) / 100.0 * (IW - L - 16.0);
    let y = |v: f64| 12.0 + (5.0 - v.clamp(1.0, 5.0)) / 4.0 * (IH - B - 12.0);
    let desc = {
        let factors = factors.clone();
        move || {
            let t = t.get();
            factors
                .iter()
                .map(|f| {
                    format!(
                        "{}: {} {:.1}, {} {:.0}, {}",
                        f.factor.label(t),
                        t.col_importance_weight,
                        f.importance,
                        t.col_performance,
                        f.performance,
                        f.quadrant.label(t)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    view! {
        <svg viewBox=format!("0 0 {IW} {IH}") role="img" aria-labelledby="ipa-title ipa-desc" class="chart-svg" data-testid="ipa-chart">
            <title id="ipa-title">{move || t.get().ipa_title}</title>
            <desc id="ipa-desc">{desc}</desc>
            <line class="axis" x1=L y1=IH - B x2=IW - 8.0 y2=IH - B></line>
            <line class="axis" x1=L y1=8.0 x2=L y2=IH - B></line>
            <line class="guide" x1=x(split.1) y1=8.0 x2=x(split.1) y2=IH - B></line>
            <line class="guide" x1=L y1=y(split.0) x2=IW - 8.0 y2=y(split.0)></line>
            {[0.0, 50.0, 100.0].into_iter().map(|v| view! {
                <text class="axis-tick" x=x(v) y=IH - B + 16.0 text-anchor="middle">{format!("{v:.0}")}</text>
            }).collect_view()}
            {[1.0, 3.0, 5.0].into_iter().map(|v| view! {
                <text class="axis-tick" x=L - 8.0 y=y(v) + 4.0 text-anchor="end">{format!("{v:.0}")}</text>
            }).collect_view()}
            <text class="axis-label" x=(IW + L) / 2.0 y=IH - 6.0 text-anchor="middle">{move || t.get().col_performance}</text>
            <text class="axis-label" x="14" y=(IH - B) / 2.0 text-anchor="middle" transform=format!("rotate(-90 14 {})", (IH - B) / 2.0)>{move || t.get().col_importance_weight}</text>
            <text class="quadrant-label ipa-fix-first" x=L + 8.0 y="24">{move || crate::domain::satisfaction::figures::Quadrant::FixFirst.label(t.get())}</text>
            <text class="quadrant-label ipa-keep-up" x=IW - 16.0 y="24" text-anchor="end">{move || crate::domain::satisfaction::figures::Quadrant::KeepUp.label(t.get())}</text>
            <text class="quadrant-label ipa-low-priority" x=L + 8.0 y=IH - B - 8.0>{move || crate::domain::satisfaction::figures::Quadrant::LowPriority.label(t.get())}</text>
            <text class="quadrant-label ipa-overkill" x=IW - 16.0 y=IH - B - 8.0 text-anchor="end">{move || crate::domain::satisfaction::figures::Quadrant::Overkill.label(t.get())}</text>
            {factors.into_iter().map(|f| {
                let (cx, cy) = (x(f.performance), y(f.importance));
                // Labels go left of points near the right edge.
                let left = cx > IW * 0.6;
                let anchor = if left { "end" } else { "start" };
                let lx = if left { cx - 9.0 } else { cx + 9.0 };
                view! {
                    <circle class=format!("ipa-dot ipa-{}", f.quadrant.as_str()) cx=cx cy=cy r="6"></circle>
                    <text class="ipa-point-label" x=lx y=cy + 4.0 text-anchor=anchor>{move || f.factor.label(t.get())}</text>
                }
            }).collect_view()}
        </svg>
    }
}
