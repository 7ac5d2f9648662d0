//! The handover dialog: what a member holds, how to split it (to one member, round robin, by
//! region), the preview of who gets what, and the handover itself in one transaction with its
//! progress — optionally marking the member as having left.

use crate::domain::handover::{Held, Holdings, Split, plan};
use crate::domain::id::Id;
use crate::domain::member::TeamMember;
use crate::domain::money::format_count;
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::modal::Modal;
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

/// The dialog for `member`; `on_close` when done or cancelled.
#[component]
pub fn HandoverDialog(member: TeamMember, on_close: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let leaving = member.id;
    let was_active = member.is_active();
    let name = member.name.clone();
    let member = StoredValue::new(member);
    let held = RwSignal::new(None::<Result<Holdings, String>>);
    let mode = RwSignal::new(Mode::ToOne);
    let one = RwSignal::new(None::<Id>);
    let chosen = RwSignal::new(Vec::<Id>::new());
    let rules = RwSignal::new(store::region_rules());
    let fallback = RwSignal::new(None::<Id>);
    let mark_left = RwSignal::new(was_active);
    let progress = RwSignal::new(None::<usize>);
    let others = Memo::new(move |_| {
        ws.members.with(|ms| {
            ms.iter()
                .filter(|m| m.is_active() && m.id != leaving)
                .map(|m| (m.id, m.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    rules.update(|r| r.retain(|x| x.member != leaving));
    if let Some((first, _)) = others.get_untracked().first() {
        one.set(Some(*first));
        fallback.set(Some(*first));
    }
    if let Some(db) = ws.db() {
        spawn_local(async move {
            let region_of = move |id: Id| {
                ws.index
                    .with_untracked(|ix| ix.get(id).map(|s| s.region.clone()))
                    .unwrap_or_default()
            };
            let r = store::holdings(&db, leaving, region_of)
                .await
                .map_err(|e| e.message(t.get_untracked()));
            held.try_set(Some(r));
        });
    }
    let split = move || match mode.get() {
        Mode::ToOne => one.get().map(Split::To),
        Mode::RoundRobin => Some(Split::RoundRobin(chosen.get())),
        Mode::ByRegion => fallback.get().map(|f| Split::ByRegion {
            rules: rules.get(),
            fallback: f,
        }),
    };
    let planned = Memo::new(move |_| {
        let split = split()?;
        let active = ws.active_member_ids();
        held.with(|h| match h {
            Some(Ok(h)) => Some(plan(h, &split, leaving, &active)),
            _ => None,
        })
    });
    let total = Memo::new(move |_| {
        held.with(|h| match h {
            Some(Ok(h)) => h.items.len(),
            _ => 0,
        })
    });
    let go = move |_| {
        let Some(Ok(p)) = planned.get_untracked() else {
            return;
        };
        let Some(db) = ws.db() else { return };
        if mode.get_untracked() == Mode::ByRegion {
            store::set_region_rules(&rules.get_untracked());
        }
        let member = member.get_value();
        progress.set(Some(0));
        spawn_local(async move {
            let now = clock::now();
            let result = store::hand_over(&db, leaving, &p, now, move |n| {
                progress.try_set(Some(n));
            })
            .await;
            match result {
                Ok(done) => {
                    if mark_left.get_untracked() && member.is_active() {
                        let mut gone = member.clone();
                        gone.left_at = Some(now);
                        match store::save_member(&db, &gone).await {
                            Ok(written) => ws.members.update(|ms| {
                                if let Some(m) = ms.iter_mut().find(|m| m.id == written.id) {
                                    *m = written;
                                }
                            }),
                            Err(e) => toasts.error(&e),
                        }
                    }
                    store::notify_changed();
                    ws.apply(done.summaries);
                    ws.changed();
                    toasts.info((t.get_untracked().handover_done)(done.moved, done.skipped));
                    on_close.run(());
                }
                Err(e) => {
                    progress.try_set(None);
                    toasts.error(&e);
                }
            }
        });
    };
    let counts = move || {
        held.with(|h| match h {
            Some(Ok(h)) => Held::ALL
                .into_iter()
                .map(|k| (k, h.count(k)))
                .filter(|(_, n)| *n > 0)
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };

    view! {
        <Modal open=Signal::derive(|| true) on_close=on_close class="modal-wide"
            title=Signal::derive(move || format!("{} · {}", t.get().handover_title, name))>
            <div class="form handover" data-testid="handover">
                <p class="muted">{move || t.get().handover_intro}</p>
                {move || match held.get() {
                    None => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                    Some(Ok(h)) if h.items.is_empty() => view! { <p class="muted" data-testid="handover-nothing">{move || t.get().handover_nothing}</p> }.into_any(),
                    Some(Ok(_)) => view! {
                        <dl class="facts handover-holds" data-testid="handover-holds">
                            {counts().into_iter().map(|(k, n)| view! {
                                <dt>{move || k.label(t.get())}</dt>
                                <dd>{format_count(n as u64)}</dd>
                            }).collect_view()}
                        </dl>
                    }.into_any(),
                }}
                <fieldset class="assign-group">
                    <legend>{move || t.get().handover_how}</legend>
                    {[(Mode::ToOne, "one"), (Mode::RoundRobin, "round-robin"), (Mode::ByRegion, "region")].into_iter().map(|(m, key)| view! {
                        <label class="check">
                            <input type="radio" name="handover-how" data-testid=format!("handover-{key}") prop:checked=move || mode.get() == m on:change=move |_| mode.set(m) />
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
                        <label class="field">
                            <span>{move || t.get().handover_to}</span>
                            <select data-testid="handover-member" on:change=move |ev| one.set(event_target_value(&ev).parse().ok())>
                                {move || others.get().into_iter().map(|(id, name)| view! {
                                    <option value=id.to_string() selected=move || one.get() == Some(id)>{name}</option>
                                }).collect_view()}
                            </select>
                        </label>
                    }.into_any(),
                    Mode::RoundRobin => view! {
                        <div class="assign-members">
                            {move || others.get().into_iter().map(|(id, name)| view! {
                                <label class="check">
                                    <input type="checkbox" data-testid="handover-rr-member"
                                        prop:checked=move || chosen.with(|c| c.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                c.retain(|x| *x != id);
                                                if on {
                                                    c.push(id);
                                                }
                                            });
                                        } />
                                    {name}
                                </label>
                            }).collect_view()}
                        </div>
                    }.into_any(),
                    Mode::ByRegion => view! {
                        <RegionRules rules=rules members=others />
                        <label class="field">
                            <span>{move || t.get().handover_fallback}</span>
                            <select data-testid="handover-fallback" on:change=move |ev| fallback.set(event_target_value(&ev).parse().ok())>
                                {move || others.get().into_iter().map(|(id, name)| view! {
                                    <option value=id.to_string() selected=move || fallback.get() == Some(id)>{name}</option>
                                }).collect_view()}
                            </select>
                        </label>
                    }.into_any(),
                }}
                <p class="muted small">{move || t.get().handover_follow}</p>
                {move || match planned.get() {
                    Some(Ok(p)) if !p.moves.is_empty() => {
                        let tx = t.get();
                        let kinds: Vec<Held> = Held::ALL.into_iter().filter(|k| !p.of(*k).is_empty()).collect();
                        view! {
                            <h3>{tx.handover_preview}</h3>
                            <div class="table-scroll">
                                <table class="data-table compact" data-testid="handover-preview">
                                    <thead>
                                        <tr>
                                            <th scope="col">{tx.handover_to}</th>
                                            {kinds.iter().map(|k| view! { <th scope="col" class="num">{k.label(tx)}</th> }).collect_view()}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {p.preview().into_iter().map(|(to, n)| view! {
                                            <tr>
                                                <th scope="row">{ws.member_name(Some(to)).unwrap_or_default()}</th>
                                                {kinds.iter().map(|k| view! { <td class="num">{format_count(n.get(k).copied().unwrap_or(0) as u64)}</td> }).collect_view()}
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                    Some(Err(_)) => view! { <p class="form-error" role="alert" data-testid="handover-problem">{move || t.get().handover_no_receiver}</p> }.into_any(),
                    _ => ().into_any(),
                }}
                <Show when=move || was_active>
                    <label class="check">
                        <input type="checkbox" data-testid="handover-mark-left" prop:checked=move || mark_left.get()
                            on:change=move |ev| mark_left.set(event_target_checked(&ev)) />
                        {move || t.get().handover_mark_left}
                    </label>
                </Show>
                {move || progress.get().map(|n| view! {
                    <div role="status" data-testid="handover-progress">
                        <progress max=total.get().to_string() value=n.to_string()></progress>
                        <span class="muted">{(t.get().handover_progress)(n, total.get())}</span>
                    </div>
                })}
                <div class="form-actions">
                    <button type="button" class="btn" on:click=move |_| on_close.run(())>{move || t.get().cancel}</button>
                    <button type="button" class="btn btn-primary" data-testid="handover-go"
                        disabled=move || progress.get().is_some() || !matches!(planned.get(), Some(Ok(p)) if !p.moves.is_empty())
                        on:click=go>
                        {move || t.get().handover_go}
                    </button>
                </div>
            </div>
        </Modal>
    }
}
