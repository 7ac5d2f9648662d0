//! The overview: customers and value per class, the value matrix, movements over the period,
//! the call list and the fitted models.

use super::call_list::CallList;
use super::model_tables::ModelTables;
use super::movements::Movements;
use super::state::{PERIOD_DAYS, use_insights};
use crate::domain::analysis::engine::{Analysis, CustomerClasses, spend_model_usable};
use crate::domain::analysis::importance::Importance;
use crate::domain::analysis::quadrant::Quadrant;
use crate::domain::analysis::report::distribution;
use crate::domain::analysis::rfm::RfmSegment;
use crate::domain::analysis::segment::Condition;
use crate::domain::analysis::stages::{LifecycleStage, LoyaltyStage};
use crate::domain::i18n::explain::yuan;
use crate::domain::i18n::{Lang, Texts};
use crate::domain::time::format_date;
use crate::ui::clock;
use crate::ui::insights::segments::segment_url;
use crate::ui::routes::Page;
use crate::ui::settings::data::load_sample_data;
use crate::ui::state::{use_lang, use_texts};
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::lu;
use chrono::Days;
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// One row of a class table: the class name, a link to its segment, customers and value.
#[derive(Clone)]
struct Row {
    label: &'static str,
    href: String,
    customers: usize,
    value: f64,
    note: Option<&'static str>,
}

fn rows<K: Copy + PartialEq>(
    a: &Analysis,
    all: &[K],
    key: fn(&CustomerClasses) -> Option<K>,
    label: fn(K, &Texts) -> &'static str,
    condition: fn(K) -> Condition,
    note: Option<fn(K, &Texts) -> &'static str>,
    lang: Lang,
) -> Vec<Row> {
    distribution(a, all, key)
        .into_iter()
        .map(|c| Row {
            label: label(c.class, lang.texts()),
            href: segment_url(&[condition(c.class)]),
            customers: c.customers,
            value: c.value,
            note: note.map(|n| n(c.class, lang.texts())),
        })
        .collect()
}

#[component]
fn ClassTable(
    #[prop(into)] title: Signal<String>,
    rows: Signal<Vec<Row>>,
    testid: &'static str,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <section class="panel" data-testid=testid>
            <h2>{move || title.get()}</h2>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col" class="num">{move || t.get().col_customers}</th>
                        <th scope="col" class="num">{move || t.get().col_value}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let list = rows.get();
                        let total: usize = list.iter().map(|r| r.customers).sum::<usize>().max(1);
                        list.into_iter().map(|r| {
                            let width = format!("{:.1}%", r.customers as f64 / total as f64 * 100.0);
                            view! {
                                <tr>
                                    <th scope="row">
                                        <A href=r.href.clone()>{r.label}</A>
                                        {r.note.map(|n| view! { <span class="class-note">{n}</span> })}
                                        <span class="bar-track" aria-hidden="true"><span class="bar-fill" style:width=width></span></span>
                                    </th>
                                    <td class="num">{r.customers}</td>
                                    <td class="num">{yuan(r.value, lang.get())}</td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}

/// The overview page.
#[component]
pub fn Dashboard() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let insights = use_insights();
    insights.require();
    let busy = RwSignal::new(false);
    let now = Signal::derive(move || insights.now.get());
    let before = Signal::derive(move || insights.before.get());
    let buyers =
        Memo::new(move |_| now.with(|a| a.customers.iter().filter(|c| c.rfm.is_some()).count()));
    let total = Memo::new(move |_| now.with(|a| a.customers.len()));
    let table = move |f: fn(&Analysis, Lang) -> Vec<Row>| {
        Signal::derive(move || now.with(|a| f(a, lang.get())))
    };
    let importance = table(|a, l| {
        rows(
            a,
            &Importance::ALL,
            |c| Some(c.importance.class),
            Importance::label,
            |k| Condition::Importance(vec![k]),
            None,
            l,
        )
    });
    let quadrant = table(|a, l| {
        rows(
            a,
            &Quadrant::ALL,
            |c| c.quadrant.map(|q| q.class),
            Quadrant::label,
            |k| Condition::Quadrant(vec![k]),
            Some(Quadrant::strategy),
            l,
        )
    });
    let loyalty = table(|a, l| {
        rows(
            a,
            &LoyaltyStage::ALL,
            |c| Some(c.loyalty.stage),
            LoyaltyStage::label,
            |k| Condition::Loyalty(vec![k]),
            None,
            l,
        )
    });
    let lifecycle = table(|a, l| {
        rows(
            a,
            &LifecycleStage::ALL,
            |c| Some(c.lifecycle.stage),
            LifecycleStage::label,
            |k| Condition::Lifecycle(vec![k]),
            None,
            l,
        )
    });
    let rfm = table(|a, l| {
        rows(
            a,
            &RfmSegment::ALL,
            |c| c.rfm.map(|r| r.segment),
            RfmSegment::label,
            |k| Condition::RfmSegment(vec![k]),
            None,
            l,
        )
    });
    let since = move || {
        let as_of = insights.config.with(|c| c.as_of(clock::today()));
        as_of
            .checked_sub_days(Days::new(PERIOD_DAYS))
            .unwrap_or(as_of)
    };

    view! {
        <section class="page page-dashboard">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().overview_title}</h1>
                    <p class="page-sub" data-testid="overview-sub">
                        {move || (t.get().overview_sub)(format_date(insights.config.with(|c| c.as_of(clock::today())), lang.get()), total.get(), insights.last_ms.get().round() as u64)}
                    </p>
                </div>
                <A href=Page::Segments.path() attr:class="btn">{move || t.get().nav_segments}</A>
            </header>
            <Show
                when=move || { buyers.get() > 0 }
                fallback=move || view! {
                    <EmptyState
                        icon=lu::LuChartPie
                        title=Signal::derive(move || t.get().analysis_empty_title.to_string())
                        body=Signal::derive(move || t.get().analysis_empty_body.to_string())
                    >
                        <button class="btn" data-testid="load-sample" disabled=move || busy.get() on:click=move |_| load_sample_data(busy)>
                            {move || if busy.get() { t.get().sample_loading } else { t.get().empty_sample }}
                        </button>
                    </EmptyState>
                    // Deals can come before the first purchase.
                    <crate::ui::pipeline::glance::PipelineGlance />
                }
            >
                <div class="dash-grid">
                    <ClassTable title=Signal::derive(move || t.get().sec_importance.to_string()) rows=importance testid="dash-importance" />
                    <ClassTable title=Signal::derive(move || t.get().sec_quadrant.to_string()) rows=quadrant testid="dash-quadrant" />
                    <ClassTable title=Signal::derive(move || t.get().sec_loyalty.to_string()) rows=loyalty testid="dash-loyalty" />
                    <ClassTable title=Signal::derive(move || t.get().sec_lifecycle.to_string()) rows=lifecycle testid="dash-lifecycle" />
                </div>
                <CallList />
                <crate::ui::pipeline::glance::PipelineGlance />
                <div class="dash-grid">
                    <section class="panel">
                        <h2>{move || (t.get().movements_since)(format_date(since(), lang.get()))}</h2>
                        <Movements before=before now=now />
                    </section>
                    <ClassTable title=Signal::derive(move || t.get().sec_rfm.to_string()) rows=rfm testid="dash-rfm" />
                </div>
                <ModelPanel analysis=now />
            </Show>
        </section>
    }
}

/// What the predictions rest on, in plain words; the parameters with their standard errors
/// folded away for analysts; and the way to the validation page.
#[component]
fn ModelPanel(analysis: Signal<Arc<Analysis>>) -> impl IntoView {
    let t = use_texts();
    let plain = move || {
        let t = t.get();
        analysis.with(|a| {
            let purchase = match &a.purchase_model {
                Some(m) => (t.model_purchase_plain)(m.customers),
                None => t.model_none.to_string(),
            };
            let spend = if a
                .spend_model
                .as_ref()
                .is_some_and(|m| spend_model_usable(&m.params))
            {
                t.model_spend_shared
            } else {
                t.model_spend_own
            };
            view! {
                <p data-testid="model-purchase-plain">{purchase}</p>
                <p data-testid="model-spend-plain">{spend}</p>
            }
        })
    };
    view! {
        <section class="panel" data-testid="models">
            <h2>{move || t.get().sec_model}</h2>
            {plain}
            <details class="model-details" data-testid="model-details">
                <summary>{move || t.get().model_parameters}</summary>
                {move || analysis.with(|a| view! { <ModelTables purchase=a.purchase_model spend=a.spend_model /> })}
            </details>
            <p><a href=crate::ui::routes::Page::Validation.path() data-testid="validation-link">{move || t.get().model_trust_link}</a></p>
        </section>
    }
}
