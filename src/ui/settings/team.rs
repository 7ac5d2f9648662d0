//! The team: add, rename, change role, remove (only when they own no customers).

use super::handover::HandoverDialog;
use crate::domain::error::AppError;
use crate::domain::member::{MemberRole, TeamMember};
use crate::domain::validate::Field;
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::keys;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The team section.
#[component]
pub fn TeamSection() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(MemberRole::SalesRep);
    let error = RwSignal::new(None::<String>);
    let handing = RwSignal::new(None::<TeamMember>);

    let save = move |member: TeamMember| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::save_member(&db, &member).await {
                Ok(written) => {
                    ws.members
                        .update(|ms| match ms.iter_mut().find(|m| m.id == written.id) {
                            Some(m) => *m = written,
                            None => ms.push(written),
                        });
                    ws.changed();
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let add = move || match TeamMember::from_input(
        &name.get_untracked(),
        role.get_untracked(),
        None,
        clock::now(),
    ) {
        Ok(m) => {
            error.set(None);
            name.set(String::new());
            save(m);
        }
        Err(errors) => error.set(errors.first().map(|e| e.problem.message(t.get_untracked()))),
    };
    let remove = move |m: TeamMember| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::delete_member(&db, m.id).await {
                Ok(()) => {
                    ws.members.update(|ms| ms.retain(|x| x.id != m.id));
                    ws.changed();
                }
                Err(e @ AppError::MemberInUse(_)) => toasts.error(&e),
                Err(e) => toasts.error(&e),
            }
        });
    };

    view! {
        <section class="panel" aria-labelledby="team-title" data-testid="team">
            <h2 id="team-title">{move || t.get().team_title}</h2>
            <p class="muted">{move || t.get().team_intro}</p>
            <Show when=move || ws.members.with(Vec::is_empty)>
                <p class="muted">{move || t.get().team_empty}</p>
            </Show>
            <ul class="team-list">
                <For
                    each=move || ws.members.get()
                    key=|m| (m.id, m.name.clone(), m.role, m.left_at)
                    children=move |m| {
                        let renamed = m.clone();
                        let reroled = m.clone();
                        let removed = m.clone();
                        let removed_name = m.name.clone();
                        let handed = m.clone();
                        let toggled = m.clone();
                        let left = !m.is_active();
                        let owned = Memo::new(move |_| ws.index.with(|ix| ix.owned_by(m.id)));
                        view! {
                            <li class="team-row" class:team-left=left data-testid="team-row">
                                <input
                                    class="inline-input"
                                    aria-label=move || t.get().member_name
                                    prop:value=m.name.clone()
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        if let Ok(updated) = TeamMember::from_input(&v, renamed.role, Some(&renamed), clock::now()) {
                                            save(updated);
                                        }
                                    }
                                />
                                <select aria-label=move || t.get().member_role on:change=move |ev| {
                                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                                    let mut updated = reroled.clone();
                                    updated.role = MemberRole::ALL[i.min(MemberRole::ALL.len() - 1)];
                                    save(updated);
                                }>
                                    {MemberRole::ALL.into_iter().enumerate().map(|(i, r)| view! {
                                        <option value=i.to_string() selected=r == m.role>{move || r.label(t.get())}</option>
                                    }).collect_view()}
                                </select>
                                <span class="muted team-owns">
                                    {move || (t.get().n_customers)(owned.get())}
                                    {left.then(|| view! { <span class="badge" data-testid="member-left">{move || t.get().member_left}</span> })}
                                </span>
                                <div class="team-actions">
                                <A href=crate::ui::routes::Page::Member(m.id).path() attr:class="btn btn-small" attr:data-testid="member-open">
                                    {move || t.get().member_open}
                                </A>
                                <button class="btn btn-small" data-testid="handover-open" on:click={
                                    let m = handed.clone();
                                    move |_| handing.set(Some(m.clone()))
                                }>{move || t.get().handover_button}</button>
                                <button class="btn btn-small" data-testid="member-toggle-left" on:click={
                                    let m = toggled.clone();
                                    move |_| {
                                        let mut updated = m.clone();
                                        updated.left_at = if m.is_active() { Some(clock::now()) } else { None };
                                        save(updated);
                                    }
                                }>{move || if left { t.get().member_mark_back } else { t.get().member_mark_left }}</button>
                                <button class="btn-icon" aria-label=move || format!("{} {}", t.get().remove, removed_name) on:click={
                                    let m = removed.clone();
                                    move |_| remove(m.clone())
                                }>
                                    <Icon icon=lu::LuUserMinus />
                                </button>
                                </div>
                            </li>
                        }
                    }
                />
            </ul>
            {move || handing.get().map(|m| view! {
                <HandoverDialog member=m on_close=Callback::new(move |_| handing.set(None)) />
            })}
            <div class="team-add">
                <div class="field" class:field-invalid=move || error.with(Option::is_some)>
                    <label for="member-name">{move || t.get().member_name}</label>
                    <input
                        id="member-name"
                        data-testid="member-name"
                        prop:value=move || name.get()
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby="member-name-msg"
                        on:input=move |ev| name.set(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                if keys::is_submit(&ev) {
                                    add();
                                }
                            }
                        }
                    />
                    <p class="field-msg" id="member-name-msg">{move || error.get().map(|e| format!("{}: {e}", Field::Name.label(t.get())))}</p>
                </div>
                <div class="field">
                    <label for="member-role">{move || t.get().member_role}</label>
                    <select id="member-role" on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        role.set(MemberRole::ALL[i.min(MemberRole::ALL.len() - 1)]);
                    }>
                        {MemberRole::ALL.into_iter().enumerate().map(|(i, r)| view! {
                            <option value=i.to_string() selected=move || role.get() == r>{move || r.label(t.get())}</option>
                        }).collect_view()}
                    </select>
                    <p class="field-msg"></p>
                </div>
                <button class="btn" data-testid="add-member" on:click=move |_| add()>
                    <Icon icon=lu::LuUserPlus />
                    {move || t.get().add_member}
                </button>
            </div>
        </section>
    }
}
