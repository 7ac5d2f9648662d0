//! The pipeline at a glance on the overview: open deals, their amount and weighted forecast,
//! and how many are past their close date — read once the overview's own figures are painted.

use crate::domain::opportunity::list::{Totals, format_sums};
use crate::store;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The pipeline's totals, shown when there are open deals.
#[component]
pub fn PipelineGlance() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let figures = RwSignal::new(None::<(Totals, usize)>);
    Effect::new(move |_| {
        ws.revision.track();
        let Some(db) = ws.db() else { return };
        clock::after_paint(move || {
            spawn_local(async move {
                let (Ok(p), Ok(all)) = (
                    store::pipeline(&db).await,
                    store::all_opportunities(&db).await,
                ) else {
                    return;
                };
                let today = clock::today();
                let mut totals = Totals::default();
                let mut overdue = 0;
                for o in all.iter().filter(|o| o.deleted_at.is_none() && o.is_open()) {
                    totals.add(o, &p);
                    overdue += usize::from(o.is_overdue(today));
                }
                figures.try_set(Some((totals, overdue)));
            });
        });
    });
    view! {
        {move || figures.get().filter(|(s, _)| s.count > 0).map(|(s, overdue)| {
            let flag = format!("{}?flag=overdue&view=table", Page::Pipeline.path());
            view! {
                <section class="panel pipeline-glance" data-testid="pipeline-glance">
                    <h2><Icon icon=lu::LuKanban />{move || t.get().deal_open_total}</h2>
                    <div class="glance-figures">
                        <A href=Page::Pipeline.path() attr:class="stat">
                            <span class="stat-label">{move || (t.get().n_deals)(s.count)}</span>
                            <strong class="stat-value" data-testid="pipeline-total">{let a = s.amount.clone(); move || format_sums(&a, lang.get())}</strong>
                        </A>
                        <div class="stat">
                            <span class="stat-label">{move || t.get().deal_weighted_total}</span>
                            <strong class="stat-value">{let w = s.weighted.clone(); move || format_sums(&w, lang.get())}</strong>
                        </div>
                        <A href=flag attr:class="stat">
                            <span class="stat-label">{move || t.get().deal_overdue}</span>
                            <strong class="stat-value" class:text-danger={overdue > 0}>{overdue}</strong>
                        </A>
                    </div>
                </section>
            }
        })}
    }
}
