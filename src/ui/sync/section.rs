//! Settings → Team sync: the database's address and the member's account, then the status —
//! connected, offline or why it stopped, when it last synced, what waits to go up and to come
//! down — with "sync now", pause, stop, and the records two people changed at once.

use super::conflicts::ConflictList;
use super::service::{SyncStatus, use_sync};
use crate::domain::i18n::sync::problem_text;
use crate::domain::lang::Lang;
use crate::domain::money::format_count;
use crate::domain::sync::protocol::ServerAddress;
use crate::domain::time::format_datetime;
use crate::store::sync::{Server, SyncConfig, SyncError};
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The section.
#[component]
pub fn SyncSection() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let sync = use_sync();
    let url = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let confirm = RwSignal::new(None::<String>);
    if let Some(c) = sync.config.get_untracked() {
        url.set(c.url);
        user.set(c.user);
    }
    if let Some(db) = ws.db() {
        spawn_local(async move { sync.refresh_counts(&db).await });
    }

    let connect = move || {
        let Some(db) = ws.db() else { return };
        let tt = t.get_untracked();
        let address = match ServerAddress::parse(&url.get_untracked()) {
            Ok(a) => a,
            Err(p) => {
                error.set(Some(problem_text(&p, tt)));
                return;
            }
        };
        let config = SyncConfig {
            url: url.get_untracked().trim().to_string(),
            user: user.get_untracked().trim().to_string(),
        };
        let server = Server::new(address, &config.user, &password.get_untracked());
        working.set(true);
        error.set(None);
        spawn_local(async move {
            let outcome = sync.connect(&db, config, server).await;
            working.set(false);
            match outcome {
                Ok(()) => password.set(String::new()),
                Err(SyncError::Server(p)) => error.set(Some(problem_text(&p, tt))),
                Err(SyncError::Local(e)) => error.set(Some(e.message(tt))),
            }
        });
    };
    let stop = Callback::new(move |_| {
        if let Some(db) = ws.db() {
            spawn_local(async move {
                let _ = sync.disconnect(&db).await;
            });
        }
    });

    let status_text = move || {
        let tt = t.get();
        match sync.status.get() {
            SyncStatus::Off => tt.sync_status_off.to_string(),
            SyncStatus::NeedsPassword => tt.sync_status_needs_password.to_string(),
            SyncStatus::Syncing => match sync.progress.get() {
                Some((sent, received)) => format!(
                    "{} {}",
                    tt.sync_status_syncing,
                    (tt.sync_done)(sent, received)
                ),
                None => tt.sync_status_syncing.to_string(),
            },
            SyncStatus::Connected => tt.sync_status_connected.to_string(),
            SyncStatus::Paused => tt.sync_status_paused.to_string(),
            SyncStatus::Offline(p) => {
                format!("{} ({})", tt.sync_status_offline, problem_text(&p, tt))
            }
            SyncStatus::Failed(why) => format!("{}: {why}", tt.sync_status_error),
        }
    };
    let status_class = move || match sync.status.get() {
        SyncStatus::Connected => "sync-status ok",
        SyncStatus::Syncing => "sync-status busy",
        SyncStatus::Offline(_) | SyncStatus::Paused | SyncStatus::NeedsPassword => {
            "sync-status warn"
        }
        SyncStatus::Failed(_) => "sync-status bad",
        SyncStatus::Off => "sync-status",
    };
    let set_up = move || sync.config.with(Option::is_some);
    let needs_password = move || sync.status.with(|s| *s == SyncStatus::NeedsPassword);

    let form = move || {
        let tt = t.get();
        let first = !set_up();
        view! {
            <form class="sync-form" novalidate=true on:submit=move |ev| { ev.prevent_default(); connect(); }>
                <div class="grid-2">
                    <div class="field">
                        <label for="sync-url">{tt.sync_url}</label>
                        <input id="sync-url" data-testid="sync-url" type="url" inputmode="url" autocomplete="url" spellcheck="false"
                            placeholder="https://crm.example.com/team" aria-describedby="sync-url-hint"
                            disabled=!first
                            prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                        <span id="sync-url-hint" class="field-msg">{tt.sync_url_hint}</span>
                    </div>
                    <div class="field">
                        <label for="sync-user">{tt.sync_user}</label>
                        <input id="sync-user" data-testid="sync-user" type="text" autocomplete="username" spellcheck="false"
                            disabled=!first
                            prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="sync-password">{tt.sync_password}</label>
                        <input id="sync-password" data-testid="sync-password" type="password" autocomplete="current-password" aria-describedby="sync-password-hint"
                            prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                        <span id="sync-password-hint" class="field-msg">{tt.sync_password_hint}</span>
                    </div>
                </div>
                {first.then(|| view! { <p class="muted small">{tt.sync_share_warning}</p> })}
                <p class="sync-error" role="alert" data-testid="sync-error">{move || error.get()}</p>
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" data-testid="sync-connect" disabled=move || working.get()>
                        {move || if working.get() { t.get().sync_connecting } else if set_up() { t.get().sync_sign_in } else { t.get().sync_connect }}
                    </button>
                </div>
            </form>
        }
    };

    let status = move || {
        let tt = t.get();
        let lang = Lang::of(tt);
        let last = sync.last_synced.get().map_or_else(
            || tt.sync_never.to_string(),
            |at| format_datetime(clock::local(at), lang),
        );
        let paused = sync.status.with(|s| *s == SyncStatus::Paused);
        let receive = sync
            .to_receive
            .get()
            .map_or_else(|| "0".to_string(), format_count);
        view! {
            <dl class="sync-facts">
                <div><dt>{tt.sync_last}</dt><dd data-testid="sync-last">{last}</dd></div>
                <div><dt>{tt.sync_to_send}</dt><dd data-testid="sync-to-send">{format_count(u64::from(sync.to_send.get()))}</dd></div>
                <div><dt>{tt.sync_to_receive}</dt><dd data-testid="sync-to-receive">{receive}</dd></div>
            </dl>
            {move || sync.session.get().and_then(|s| s.name.clone().map(|n| (s, n))).map(|(s, n)| view! {
                <p class="small muted" data-testid="sync-signed-in">
                    {(t.get().sync_signed_in)(n)}
                    {s.read_only().then(|| view! { " · " <strong data-testid="sync-read-only">{t.get().sync_read_only}</strong> })}
                </p>
            })}
            <div class="form-actions">
                <button class="btn" data-testid="sync-now" disabled=move || !sync.status.with(|s| matches!(s, SyncStatus::Connected | SyncStatus::Offline(_) | SyncStatus::Failed(_))) on:click=move |_| sync.poke()>{tt.sync_now}</button>
                <button class="btn" data-testid="sync-pause" on:click=move |_| sync.set_paused(!paused)>
                    {if paused { tt.sync_resume } else { tt.sync_pause }}
                </button>
                <button class="btn btn-danger-soft" data-testid="sync-stop" on:click=move |_| confirm.set(Some(t.get_untracked().sync_disconnect_confirm.to_string()))>{tt.sync_disconnect}</button>
            </div>
            <ReportDetails />
        }
    };

    view! {
        <section class="panel" aria-labelledby="sync-title" data-testid="sync-section">
            <h2 id="sync-title">{move || t.get().sync_title}</h2>
            <p class="muted">{move || t.get().sync_intro}</p>
            <p class=status_class role="status" data-testid="sync-status">{status_text}</p>
            {move || (!set_up() || needs_password()).then(form)}
            {move || set_up().then(status)}
            {move || set_up().then(|| view! { <ConflictList /> })}
            <Confirm question=confirm confirm_label=Signal::derive(move || t.get().sync_disconnect.trim_end_matches('…').to_string()) on_confirm=stop />
        </section>
    }
}

/// What the last sync did not take, and what the server refused.
#[component]
fn ReportDetails() -> impl IntoView {
    let t = use_texts();
    let sync = use_sync();
    move || {
        let report = sync.last_report.get()?;
        if report.skipped.is_empty() && report.refused.is_empty() {
            return None;
        }
        let tt = t.get();
        let skipped = (!report.skipped.is_empty()).then(|| view! {
            <details class="sync-problems" data-testid="sync-skipped">
                <summary>{tt.sync_skipped_title}" ("{report.skipped.len()}")"</summary>
                <ul>{report.skipped.iter().map(|(id, why)| view! { <li><code>{id.clone()}</code>": "{why.clone()}</li> }).collect_view()}</ul>
            </details>
        });
        let refused = (!report.refused.is_empty()).then(|| view! {
            <details class="sync-problems" data-testid="sync-refused">
                <summary>{tt.sync_refused_title}" ("{report.refused.len()}")"</summary>
                <ul>{report.refused.iter().map(|r| view! { <li><code>{r.id.clone()}</code>": "{r.error.clone()}" "{r.reason.clone()}</li> }).collect_view()}</ul>
            </details>
        });
        Some(view! { {skipped}{refused} })
    }
}
