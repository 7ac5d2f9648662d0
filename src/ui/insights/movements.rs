//! How many customers moved between classes over the period: one bar per (from → to) pair.

use crate::domain::analysis::engine::{Analysis, CustomerClasses};
use crate::domain::analysis::history::movements_each;
use crate::domain::i18n::{Lang, Texts};
use crate::domain::id::Id;
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;
use std::sync::Arc;

/// A classification: its name, how to read a customer's class from the analysis (as the
/// class's order: the movements are counted on small numbers, named only when shown), and
/// the name of a class.
#[derive(Clone, Copy)]
pub struct Classification {
    pub title: fn(Lang) -> &'static str,
    pub class: fn(&CustomerClasses) -> Option<u8>,
    pub label: fn(u8, &Texts) -> &'static str,
}

/// The name of the class of order `order` among `all`.
fn label_of<K: Copy>(
    all: &[K],
    order: u8,
    as_order: fn(K) -> u8,
    label: fn(K, &Texts) -> &'static str,
    t: &Texts,
) -> &'static str {
    all.iter()
        .find(|k| as_order(**k) == order)
        .map_or("", |k| label(*k, t))
}

/// The classifications shown.
pub fn classifications() -> [Classification; 4] {
    use crate::domain::analysis::importance::Importance;
    use crate::domain::analysis::quadrant::Quadrant;
    use crate::domain::analysis::stages::{LifecycleStage, LoyaltyStage};
    [
        Classification {
            title: |l| {
                if l == Lang::Zh {
                    "重要程度"
                } else {
                    "Importance"
                }
            },
            class: |c| Some(c.importance.class as u8),
            label: |k, t| label_of(&Importance::ALL, k, |x| x as u8, Importance::label, t),
        },
        Classification {
            title: |l| {
                if l == Lang::Zh {
                    "价值象限"
                } else {
                    "Value quadrant"
                }
            },
            class: |c| c.quadrant.map(|q| q.class as u8),
            label: |k, t| label_of(&Quadrant::ALL, k, |x| x as u8, Quadrant::label, t),
        },
        Classification {
            title: |l| {
                if l == Lang::Zh {
                    "忠诚阶段"
                } else {
                    "Loyalty stage"
                }
            },
            class: |c| Some(c.loyalty.stage as u8),
            label: |k, t| label_of(&LoyaltyStage::ALL, k, |x| x as u8, LoyaltyStage::label, t),
        },
        Classification {
            title: |l| {
                if l == Lang::Zh {
                    "生命周期"
                } else {
                    "Lifecycle"
                }
            },
            class: |c| Some(c.lifecycle.stage as u8),
            label: |k, t| {
                label_of(
                    &LifecycleStage::ALL,
                    k,
                    |x| x as u8,
                    LifecycleStage::label,
                    t,
                )
            },
        },
    ]
}

/// Bars of the most frequent class changes between two analyses, of the customers `among`
/// (all when not given).
#[component]
pub fn Movements(
    #[prop(into)] before: Signal<Arc<Analysis>>,
    #[prop(into)] now: Signal<Arc<Analysis>>,
    #[prop(optional, into)] among: Option<Signal<Vec<Id>>>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <div class="movements" data-testid="movements">
            {move || {
                let (before, now) = (before.get(), now.get());
                let lang = lang.get();
                let classifications = classifications();
                let classes: Vec<_> = classifications.iter().map(|c| c.class).collect();
                let moved = match among {
                    Some(among) => among.with(|ids| movements_each(&before, &now, Some(ids), &classes)),
                    None => movements_each(&before, &now, None, &classes),
                };
                let groups: Vec<(&'static str, Vec<(String, usize)>)> = classifications
                    .iter()
                    .zip(moved)
                    .map(|(c, moved)| {
                        let rows = moved
                            .into_iter()
                            .take(5)
                            .map(|(from, to, n)| {
                                let texts = lang.texts();
                                (format!("{} → {}", (c.label)(from, texts), (c.label)(to, texts)), n)
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
