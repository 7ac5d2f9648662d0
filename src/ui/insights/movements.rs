//! How many customers moved between classes over the period: one bar per (from → to) pair.

use crate::domain::analysis::engine::{Analysis, CustomerClasses};
use crate::domain::analysis::history::movements;
use crate::domain::i18n::{EN, Lang, Texts, ZH};
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;
use std::sync::Arc;

/// A classification: its name and how to read a customer's class from the analysis.
#[derive(Clone, Copy)]
pub struct Classification {
    pub title: fn(Lang) -> &'static str,
    pub class: fn(&CustomerClasses) -> Option<(u8, &'static str, &'static str)>,
}

/// The classifications shown, each mapping a customer to (order, English, Chinese) names.
pub fn classifications() -> [Classification; 4] {
    use crate::domain::analysis::importance::Importance;
    use crate::domain::analysis::quadrant::Quadrant;
    use crate::domain::analysis::stages::{LifecycleStage, LoyaltyStage};
    fn name<K: Copy>(
        k: K,
        f: fn(K, &Texts) -> &'static str,
        order: u8,
    ) -> (u8, &'static str, &'static str) {
        (order, f(k, &EN), f(k, &ZH))
    }
    [
        Classification {
            title: |l| {
                if l == Lang::Zh {
                    "重要程度"
                } else {
                    "Importance"
                }
            },
            class: |c| {
                Some(name(
                    c.importance.class,
                    Importance::label,
                    c.importance.class as u8,
                ))
            },
        },
        Classification {
            title: |l| {
                if l == Lang::Zh {
                    "价值象限"
                } else {
                    "Value quadrant"
                }
            },
            class: |c| {
                c.quadrant
                    .map(|q| name(q.class, Quadrant::label, q.class as u8))
            },
        },
        Classification {
            title: |l| {
                if l == Lang::Zh {
                    "忠诚阶段"
                } else {
                    "Loyalty stage"
                }
            },
            class: |c| {
                Some(name(
                    c.loyalty.stage,
                    LoyaltyStage::label,
                    c.loyalty.stage as u8,
                ))
            },
        },
        Classification {
            title: |l| {
                if l == Lang::Zh {
                    "生命周期"
                } else {
                    "Lifecycle"
                }
            },
            class: |c| {
                Some(name(
                    c.lifecycle.stage,
                    LifecycleStage::label,
                    c.lifecycle.stage as u8,
                ))
            },
        },
    ]
}

/// Bars of the most frequent class changes between two analyses.
#[component]
pub fn Movements(
    #[prop(into)] before: Signal<Arc<Analysis>>,
    #[prop(into)] now: Signal<Arc<Analysis>>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <div class="movements" data-testid="movements">
            {move || {
                let (before, now) = (before.get(), now.get());
                let lang = lang.get();
                let groups: Vec<(&'static str, Vec<(String, usize)>)> = classifications()
                    .iter()
                    .map(|c| {
                        let moved = movements(&before, &now, |x| (c.class)(x));
                        let rows = moved
                            .into_iter()
                            .take(5)
                            .map(|(from, to, n)| {
                                let pick = |k: (u8, &'static str, &'static str)| if lang == Lang::Zh { k.2 } else { k.1 };
                                (format!("{} → {}", pick(from), pick(to)), n)
                            })
                            .collect();
                        ((c.title)(lang), rows)
                    })
                    .collect();
                let max = groups.iter().flat_map(|g| g.1.iter().map(|r| r.1)).max().unwrap_or(0).max(1);
                if groups.iter().all(|g| g.1.is_empty()) {
                    return view! { <p class="muted">{t.get().no_movements}</p> }.into_any();
                }
                groups
                    .into_iter()
                    .filter(|g| !g.1.is_empty())
                    .map(|(title, rows)| view! {
                        <div class="movement-group">
                            <h3>{title}</h3>
                            <ul class="bars">
                                {rows.into_iter().map(|(label, n)| {
                                    let width = format!("{:.1}%", n as f64 / max as f64 * 100.0);
                                    view! {
                                        <li class="bar-row">
                                            <span class="bar-label">{label}</span>
                                            <span class="bar-track" aria-hidden="true"><span class="bar-fill" style:width=width></span></span>
                                            <span class="bar-value">{(t.get().n_moved)(n)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}
