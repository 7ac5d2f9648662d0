//! Assigning the leads shown: to one member, round robin over chosen members, or by region
//! rules (remembered on this device), with a preview of how many get an owner.

use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::lead::assign::{AssignRule, plan};
use crate::domain::lead::list::LeadIndex;
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::region_rules::RegionRules;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    ToOne,
    RoundRobin,
    ByRegion,
}

/// The assignment panel for the leads at `rows` of `book`; `done` is called with the leads
/// as written.
#[component]
pub fn AssignPanel(
    book: RwSignal<Option<Result<LeadIndex, String>>>,
    rows: Memo<Vec<usize>>,
    done: Callback<Vec<Lead>>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let only_unassigned = RwSignal::new(true);
    let mode = RwSignal::new(Mode::RoundRobin);
    let one = RwSignal::new(None::<Id>);
    let chosen = RwSignal::new(Vec::<Id>::new());
    let rules = RwSignal::new(store::region_rules());
    let busy = RwSignal::new(false);
    let members = Memo::new(move |_| {
        ws.members.with(|m| {
            m.iter()
                .filter(|m| m.is_active())
                .map(|m| (m.id, m.name.clone()))
                .collect::<Vec<_>>()
        })
    });

    let rule = move || match mode.get() {
        Mode::ToOne => one.get().map(AssignRule::To),
        Mode::RoundRobin => Some(AssignRule::RoundRobin(chosen.get())),
        Mode::ByRegion => Some(AssignRule::ByRegion(rules.get())),
    };
    // (lead, member) for the leads shown that the rule takes, and how many it leaves.
    let planned = Memo::new(move |_| {
        let Some(rule) = rule() else {
            return (Vec::new(), 0);
        };
        book.with(|b| {
            let Some(Ok(ix)) = b else {
                return (Vec::new(), 0);
            };
            rows.with(|r| {
                let leads: Vec<&Lead> = r
                    .iter()
                    .map(|&i| &ix.leads()[i])
                    .filter(|l| !only_unassigned.get() || l.owner_id.is_none())
                    .filter(|l| l.status.is_open())
                    .collect();
                let p = plan(&leads, &rule, ix.leads());
                let left = leads.len() - p.len();
                (p, left)
            })
        })
    });
    let assign = move |_| {
        let Some(db) = ws.db() else { return };
        let (p, _) = planned.get_untracked();
        if p.is_empty() {
            return;
        }
        if mode.get_untracked() == Mode::ByRegion {
            store::set_region_rules(&rules.get_untracked());
        }
        busy.set(true);
        spawn_local(async move {
            match store::assign_leads(&db, &p, clock::now()).await {
                Ok(written) => {
                    store::notify_changed();
                    toasts.info((t.get_untracked().assigned_n)(written.len()));
                    done.run(written);
                }
                Err(e) => toasts.error(&e),
            }
            busy.try_set(false);
        });
    };

    view! {
        <details class="panel assign-panel" data-testid="assign-panel">
            <summary data-testid="assign-open">{move || t.get().assign_title}</summary>
            {move || members.with(Vec::is_empty).then(|| view! { <p class="muted">{move || t.get().assign_no_team}</p> })}
            <fieldset class="assign-group">
                <legend>{move || t.get().assign_which}</legend>
                <label class="check">
                    <input type="radio" name="assign-which" prop:checked=move || only_unassigned.get() on:change=move |_| only_unassigned.set(true) />
                    {move || t.get().assign_unassigned}
                </label>
                <label class="check">
                    <input type="radio" name="assign-which" data-testid="assign-all-shown" prop:checked=move || !only_unassigned.get() on:change=move |_| only_unassigned.set(false) />
                    {move || t.get().assign_all_shown}
                </label>
            </fieldset>
            <fieldset class="assign-group">
                <legend>{move || t.get().assign_how}</legend>
                {[(Mode::ToOne, "one"), (Mode::RoundRobin, "round-robin"), (Mode::ByRegion, "region")].into_iter().map(|(m, key)| view! {
                    <label class="check">
                        <input type="radio" name="assign-how" data-testid=format!("assign-{key}") prop:checked=move || mode.get() == m on:change=move |_| mode.set(m) />
                        {move || match m {
                            Mode::ToOne => t.get().assign_to_one,
                            Mode::RoundRobin => t.get().assign_round_robin,
                            Mode::ByRegion => t.get().assign_by_region,
                        }}
                    </label>
                }).collect_view()}
            </fieldset>
            {move || match mode.get() {
                Mode::ToOne => view! {
                    <label class="filter">
                        <span class="sr-only">{move || t.get().assign_member}</span>
                        <select data-testid="assign-member" on:change=move |ev| one.set(event_target_value(&ev).parse().ok())>
                            <option value="" selected=move || one.get().is_none()>"—"</option>
                            {move || members.get().into_iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=move || one.get() == Some(id)>{name}</option>
                            }).collect_view()}
                        </select>
                    </label>
                }.into_any(),
                Mode::RoundRobin => view! {
                    <p class="muted">{move || t.get().assign_round_robin_hint}</p>
                    <div class="assign-members">
                        {move || members.get().into_iter().map(|(id, name)| view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    data-testid="assign-rr-member"
                                    prop:checked=move || chosen.with(|c| c.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| {
                                            c.retain(|x| *x != id);
                                            if on {
                                                c.push(id);
                                            }
                                        });
                                    }
                                />
                                {name}
                            </label>
                        }).collect_view()}
                    </div>
                }.into_any(),
                Mode::ByRegion => view! { <RegionRules rules=rules members=members /> }.into_any(),
            }}
            <div class="form-actions">
                <span class="muted" data-testid="assign-preview">
                    {move || planned.with(|(p, left)| (t.get().assign_preview)(p.len(), *left))}
                </span>
                <button
                    class="btn btn-primary"
                    data-testid="assign-go"
                    disabled=move || busy.get() || planned.with(|(p, _)| p.is_empty())
                    on:click=assign
                >
                    {move || t.get().assign_go}
                </button>
            </div>
        </details>
    }
}
