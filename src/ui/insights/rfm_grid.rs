//! The RFM grid as an SVG heat map: recency score × frequency score, with the customers and
//! revenue in each cell and the segment each cell belongs to.

use crate::domain::analysis::engine::Analysis;
use crate::domain::analysis::rfm::RfmSegment;
use crate::domain::i18n::explain::{yuan, yuan_compact};
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;

/// Customers and revenue per (R, F) cell: `cells[r - 1][f - 1]`.
pub type Cells = [[(usize, f64); 5]; 5];

/// Fills the cells from the analysis for the customers at `positions` of `ids`.
pub fn cells_of<'a>(a: &Analysis, ids: impl Iterator<Item = &'a crate::domain::id::Id>) -> Cells {
    let mut cells = [[(0usize, 0.0f64); 5]; 5];
    for c in a.classes_of(ids.copied()) {
        if let Some(r) = c.and_then(|c| c.rfm) {
            let cell = &mut cells[usize::from(r.r - 1)][usize::from(r.f - 1)];
            cell.0 += 1;
            cell.1 += r.monetary;
        }
    }
    cells
}

const CELL: f64 = 112.0;
const LEFT: f64 = 44.0;
const TOP: f64 = 8.0;

/// The heat map.
#[component]
pub fn RfmGrid(#[prop(into)] cells: Signal<Cells>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let width = LEFT + 5.0 * CELL;
    let height = TOP + 5.0 * CELL + 40.0;
    view! {
        <figure class="chart" data-testid="rfm-grid">
            <figcaption>
                <strong>{move || t.get().chart_rfm}</strong>
                <span class="muted">{move || t.get().chart_rfm_note}</span>
            </figcaption>
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby="rfm-grid-title" class="chart-svg">
                <title id="rfm-grid-title">{move || t.get().chart_rfm}</title>
                {move || {
                    let cells = cells.get();
                    let lang = lang.get();
                    let max = cells.iter().flatten().map(|c| c.0).max().unwrap_or(0).max(1);
                    let mut out = Vec::new();
                    for r in 1..=5u8 {
                        for f in 1..=5u8 {
                            let (n, revenue) = cells[usize::from(r - 1)][usize::from(f - 1)];
                            let x = LEFT + f64::from(f - 1) * CELL;
                            let y = TOP + f64::from(5 - r) * CELL;
                            let level = ((n as f64 / max as f64) * 5.0).ceil() as u8;
                            let segment = RfmSegment::of(r, f).label(lang.texts());
                            let title = format!("R{r} F{f} · {segment} · {n} · {}", yuan(revenue, lang));
                            out.push(view! {
                                <g class=format!("rfm-cell heat-{level}")>
                                    <title>{title}</title>
                                    <rect x=x y=y width=CELL - 3.0 height=CELL - 3.0 rx="6"></rect>
                                    <text x=x + 8.0 y=y + 18.0 class="cell-segment">{segment}</text>
                                    <text x=x + 8.0 y=y + 58.0 class="cell-count">{n}</text>
                                    <text x=x + 8.0 y=y + 84.0 class="cell-value">{yuan_compact(revenue, lang)}</text>
                                </g>
                            });
                        }
                    }
                    out.collect_view()
                }}
                {(1..=5u8).map(|r| view! {
                    <text x=LEFT - 10.0 y=TOP + f64::from(5 - r) * CELL + CELL / 2.0 class="axis-tick" text-anchor="end">{format!("R{r}")}</text>
                }).collect_view()}
                {(1..=5u8).map(|f| view! {
                    <text x=LEFT + f64::from(f - 1) * CELL + CELL / 2.0 y=TOP + 5.0 * CELL + 18.0 class="axis-tick" text-anchor="middle">{format!("F{f}")}</text>
                }).collect_view()}
                <text x=LEFT + 2.5 * CELL y=height - 4.0 class="axis-label" text-anchor="middle">{move || t.get().axis_frequency}</text>
            </svg>
        </figure>
    }
}
