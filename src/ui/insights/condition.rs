//! The editor of one segment condition: choices for sets, a text box for text, from/to boxes
//! for ranges, yes/no for flags. The editor is built once per attribute and reads its values
//! reactively, so typing and ticking never rebuild (and unfocus) it.

use crate::domain::analysis::importance::Importance;
use crate::domain::analysis::quadrant::Quadrant;
use crate::domain::analysis::rfm::RfmSegment;
use crate::domain::analysis::segment::{Attribute, Condition, Range};
use crate::domain::analysis::stages::{LifecycleStage, LoyaltyStage};
use crate::domain::customer::CustomerKind;
use crate::domain::id::Id;
use crate::domain::money::parse_decimal;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;

/// Where the condition being edited lives.
#[derive(Clone, Copy)]
struct Slot {
    conditions: RwSignal<Vec<Condition>>,
    index: usize,
}

impl Slot {
    fn read<T>(self, f: impl Fn(&Condition) -> Option<T>) -> Option<T> {
        self.conditions.with(|c| c.get(self.index).and_then(&f))
    }
    fn read_untracked<T>(self, f: impl Fn(&Condition) -> Option<T>) -> Option<T> {
        self.conditions
            .with_untracked(|c| c.get(self.index).and_then(&f))
    }
    fn set(self, c: Condition) {
        self.conditions.update(|all| {
            if let Some(slot) = all.get_mut(self.index) {
                *slot = c;
            }
        });
    }
}

/// Edits condition `index` of `conditions`; `on_remove` takes it away.
#[component]
pub fn ConditionEditor(
    conditions: RwSignal<Vec<Condition>>,
    index: usize,
    on_remove: Callback<usize>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let slot = Slot { conditions, index };
    let attribute = Memo::new(move |_| slot.read(|c| Some(c.attribute())));
    let label_id = format!("cond-{index}");
    let editor = move || {
        let Some(attribute) = attribute.get() else {
            return ().into_any();
        };
        match attribute {
            Attribute::Kind => chips(
                slot,
                CustomerKind::ALL.to_vec(),
                |k, l| k.label(l.texts()).to_string(),
                |c| {
                    if let Condition::Kind(v) = c {
                        Some(v.clone())
                    } else {
                        None
                    }
                },
                Condition::Kind,
            ),
            Attribute::RfmSegment => chips(
                slot,
                RfmSegment::ALL.to_vec(),
                |k, l| k.label(l.texts()).to_string(),
                |c| {
                    if let Condition::RfmSegment(v) = c {
                        Some(v.clone())
                    } else {
                        None
                    }
                },
                Condition::RfmSegment,
            ),
            Attribute::Importance => chips(
                slot,
                Importance::ALL.to_vec(),
                |k, l| k.label(l.texts()).to_string(),
                |c| {
                    if let Condition::Importance(v) = c {
                        Some(v.clone())
                    } else {
                        None
                    }
                },
                Condition::Importance,
            ),
            Attribute::Loyalty => chips(
                slot,
                LoyaltyStage::ALL.to_vec(),
                |k, l| k.label(l.texts()).to_string(),
                |c| {
                    if let Condition::Loyalty(v) = c {
                        Some(v.clone())
                    } else {
                        None
                    }
                },
                Condition::Loyalty,
            ),
            Attribute::Lifecycle => chips(
                slot,
                LifecycleStage::ALL.to_vec(),
                |k, l| k.label(l.texts()).to_string(),
                |c| {
                    if let Condition::Lifecycle(v) = c {
                        Some(v.clone())
                    } else {
                        None
                    }
                },
                Condition::Lifecycle,
            ),
            Attribute::Quadrant => chips(
                slot,
                Quadrant::ALL.to_vec(),
                |k, l| k.label(l.texts()).to_string(),
                |c| {
                    if let Condition::Quadrant(v) = c {
                        Some(v.clone())
                    } else {
                        None
                    }
                },
                Condition::Quadrant,
            ),
            Attribute::Owner => {
                let mut owners: Vec<Option<Id>> = vec![None];
                owners.extend(ws.members.get_untracked().iter().map(|m| Some(m.id)));
                chips(
                    slot,
                    owners,
                    move |k, l| match k {
                        None => l.texts().unassigned.to_string(),
                        Some(id) => ws.member_name(Some(id)).unwrap_or_default(),
                    },
                    |c| {
                        if let Condition::Owner(v) = c {
                            Some(v.clone())
                        } else {
                            None
                        }
                    },
                    Condition::Owner,
                )
            }
            Attribute::Region => text_box(
                slot,
                |c| {
                    if let Condition::Region(v) = c {
                        Some(v.clone())
                    } else {
                        None
                    }
                },
                Condition::Region,
            ),
            Attribute::Tag => text_box(
                slot,
                |c| {
                    if let Condition::Tag(v) = c {
                        Some(v.clone())
                    } else {
                        None
                    }
                },
                Condition::Tag,
            ),
            Attribute::DoNotContact => yes_no(
                slot,
                Signal::derive(move || t.get().filter_contact.to_string()),
                |c| match c {
                    Condition::DoNotContact(f) => Some(*f),
                    _ => None,
                },
                Condition::DoNotContact,
            ),
            Attribute::OpenComplaint => yes_no(
                slot,
                Signal::derive(move || {
                    Attribute::OpenComplaint
                        .label(lang.get().texts())
                        .to_string()
                }),
                |c| match c {
                    Condition::OpenComplaint(f) => Some(*f),
                    _ => None,
                },
                Condition::OpenComplaint,
            ),
            Attribute::OpenQuote => yes_no(
                slot,
                Signal::derive(move || Attribute::OpenQuote.label(lang.get().texts()).to_string()),
                |c| match c {
                    Condition::OpenQuote(f) => Some(*f),
                    _ => None,
                },
                Condition::OpenQuote,
            ),
            Attribute::QuotedAmount => range(
                slot,
                |c| {
                    if let Condition::QuotedAmount(r) = c {
                        Some(*r)
                    } else {
                        None
                    }
                },
                Condition::QuotedAmount,
            ),
            Attribute::RecencyScore => range(
                slot,
                |c| {
                    if let Condition::RecencyScore(r) = c {
                        Some(*r)
                    } else {
                        None
                    }
                },
                Condition::RecencyScore,
            ),
            Attribute::FrequencyScore => range(
                slot,
                |c| {
                    if let Condition::FrequencyScore(r) = c {
                        Some(*r)
                    } else {
                        None
                    }
                },
                Condition::FrequencyScore,
            ),
            Attribute::MonetaryScore => range(
                slot,
                |c| {
                    if let Condition::MonetaryScore(r) = c {
                        Some(*r)
                    } else {
                        None
                    }
                },
                Condition::MonetaryScore,
            ),
            Attribute::PAlive => range(
                slot,
                |c| {
                    if let Condition::PAlive(r) = c {
                        Some(*r)
                    } else {
                        None
                    }
                },
                Condition::PAlive,
            ),
            Attribute::LifetimeValue => range(
                slot,
                |c| {
                    if let Condition::LifetimeValue(r) = c {
                        Some(*r)
                    } else {
                        None
                    }
                },
                Condition::LifetimeValue,
            ),
            Attribute::DaysSinceLastPurchase => range(
                slot,
                |c| {
                    if let Condition::DaysSinceLastPurchase(r) = c {
                        Some(*r)
                    } else {
                        None
                    }
                },
                Condition::DaysSinceLastPurchase,
            ),
            Attribute::Revenue => range(
                slot,
                |c| {
                    if let Condition::Revenue(r) = c {
                        Some(*r)
                    } else {
                        None
                    }
                },
                Condition::Revenue,
            ),
        }
    };
    view! {
        <li class="condition" data-testid="condition">
            <span class="condition-name" id=label_id.clone()>{move || attribute.get().map(|a| a.label(lang.get().texts())).unwrap_or_default()}</span>
            <div class="condition-editor" role="group" aria-labelledby=label_id>{editor}</div>
            <button
                class="btn-icon"
                aria-label=move || t.get().remove
                on:click=move |_| on_remove.run(index)
            >
                <Icon icon=lu::LuX />
            </button>
        </li>
    }
}

/// Toggle chips for a set of values.
fn chips<K: Copy + PartialEq + Send + Sync + 'static>(
    slot: Slot,
    options: Vec<K>,
    label: impl Fn(K, crate::domain::i18n::Lang) -> String + Copy + Send + Sync + 'static,
    get: fn(&Condition) -> Option<Vec<K>>,
    make: fn(Vec<K>) -> Condition,
) -> AnyView {
    let lang = use_lang();
    view! {
        <div class="chips">
            {options.into_iter().map(|k| {
                let on = move || slot.read(get).is_some_and(|s| s.contains(&k));
                view! {
                    <label class="chip" class:chip-on=on>
                        <input
                            type="checkbox"
                            prop:checked=on
                            on:change=move |ev| {
                                let checked = event_target_checked(&ev);
                                let mut next = slot.read_untracked(get).unwrap_or_default();
                                next.retain(|x| *x != k);
                                if checked {
                                    next.push(k);
                                }
                                slot.set(make(next));
                            }
                        />
                        {move || label(k, lang.get())}
                    </label>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// A yes / no choice (starting at no when the condition holds none).
fn yes_no(
    slot: Slot,
    aria: Signal<String>,
    get: fn(&Condition) -> Option<bool>,
    make: fn(bool) -> Condition,
) -> AnyView {
    let t = use_texts();
    let flag = slot.read_untracked(get).unwrap_or(false);
    view! {
        <select aria-label=aria on:change=move |ev| slot.set(make(event_target_value(&ev) == "yes"))>
            <option value="yes" selected=flag>{move || t.get().yes}</option>
            <option value="no" selected=!flag>{move || t.get().no}</option>
        </select>
    }
    .into_any()
}

fn text_box(
    slot: Slot,
    get: fn(&Condition) -> Option<String>,
    make: fn(String) -> Condition,
) -> AnyView {
    let t = use_texts();
    let value = slot.read_untracked(get).unwrap_or_default();
    view! {
        <input
            type="text"
            class="condition-text"
            data-testid="condition-text"
            aria-label=move || t.get().condition_text
            prop:value=value
            on:input=move |ev| slot.set(make(event_target_value(&ev)))
        />
    }
    .into_any()
}

fn number(text: &str) -> Option<f64> {
    if text.trim().is_empty() {
        return None;
    }
    parse_decimal(text).ok().and_then(|d| d.to_f64())
}

fn range(
    slot: Slot,
    get: fn(&Condition) -> Option<Range>,
    make: fn(Range) -> Condition,
) -> AnyView {
    let t = use_texts();
    let initial = slot.read_untracked(get).unwrap_or_default();
    let show = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
    let update = move |f: &dyn Fn(&mut Range)| {
        let mut next = slot.read_untracked(get).unwrap_or_default();
        f(&mut next);
        slot.set(make(next));
    };
    view! {
        <div class="range">
            <input
                type="text"
                inputmode="decimal"
                data-testid="range-min"
                aria-label=move || t.get().condition_min
                placeholder=move || t.get().condition_min
                prop:value=show(initial.min)
                on:input=move |ev| {
                    let v = number(&event_target_value(&ev));
                    update(&|r| r.min = v);
                }
            />
            <span aria-hidden="true">"–"</span>
            <input
                type="text"
                inputmode="decimal"
                data-testid="range-max"
                aria-label=move || t.get().condition_max
                placeholder=move || t.get().condition_max
                prop:value=show(initial.max)
                on:input=move |ev| {
                    let v = number(&event_target_value(&ev));
                    update(&|r| r.max = v);
                }
            />
        </div>
    }
    .into_any()
}
