//! Backup and restore: download every record and preference as one file (compressed, and
//! encrypted when a passphrase is given), open a backup file and either merge it into this
//! browser's data (by id, the newer change wins, conflicts listed) or replace everything with
//! it. The file is read and checked whole before anything is written. A reminder appears when
//! the last backup is older than the chosen number of days.

use crate::domain::backup::{Backup, BackupProblem, MergeReport};
use crate::domain::time::{format_date, format_datetime};
use crate::store;
use crate::ui::clock;
use crate::ui::codec;
use crate::ui::download::download_bytes;
use crate::ui::insights::state::use_insights;
use crate::ui::state::{use_lang, use_prefs, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// Reminder intervals offered (days; 0 = never).
const REMIND_DAYS: [u32; 5] = [3, 7, 14, 30, 0];

/// When the last backup was made, as a signal other parts can follow.
#[derive(Clone, Copy)]
pub struct LastBackup(pub RwSignal<Option<crate::domain::time::Timestamp>>);

/// The last-backup signal the shell provides.
pub fn use_last_backup() -> LastBackup {
    use_context::<LastBackup>().unwrap_or_else(|| LastBackup(RwSignal::new(store::last_backup())))
}

/// The backup section of the settings page.
#[component]
pub fn BackupSection() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let prefs = use_prefs();
    let insights = use_insights();
    let last = use_last_backup();
    let days = RwSignal::new(store::backup_reminder_days());
    let pass = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let mismatch = RwSignal::new(false);
    let working = RwSignal::new(false);
    // Restore.
    let file = RwSignal::new(None::<Arc<Vec<u8>>>);
    let restore_pass = RwSignal::new(String::new());
    let opened = RwSignal::new(None::<Arc<Backup>>);
    let problem = RwSignal::new(None::<BackupProblem>);
    let report = RwSignal::new(None::<MergeReport>);
    let confirming = RwSignal::new(None::<String>);
    let input_ref = NodeRef::<leptos::html::Input>::new();

    let make = move |_| {
        let (p, a) = (pass.get_untracked(), again.get_untracked());
        if p != a {
            mismatch.set(true);
            return;
        }
        mismatch.set(false);
        let Some(db) = ws.db() else { return };
        working.set(true);
        spawn_local(async move {
            let now = clock::now();
            let result = match store::export_all(&db, now).await {
                Ok(b) => {
                    let secret = (!p.is_empty()).then_some(p.as_str());
                    codec::encode(&b, secret).await.map_err(|_| {
                        crate::domain::error::AppError::Storage(
                            "compression or encryption failed".into(),
                        )
                    })
                }
                Err(e) => Err(e),
            };
            match result {
                Ok(bytes) => {
                    let name = format!(
                        "zhike-crm-{}.zkbackup",
                        clock::local(now).format("%Y-%m-%d-%H%M")
                    );
                    download_bytes(&name, "application/octet-stream", &bytes);
                    store::set_last_backup(now);
                    last.0.set(Some(now));
                    pass.set(String::new());
                    again.set(String::new());
                    toasts.info(t.get_untracked().backup_saved);
                }
                Err(e) => toasts.error(&e),
            }
            working.try_set(false);
        });
    };

    let on_file = move |_| {
        opened.set(None);
        problem.set(None);
        report.set(None);
        let Some(f) = input_ref
            .get()
            .and_then(|i| i.files())
            .and_then(|l| l.get(0))
        else {
            return;
        };
        spawn_local(async move {
            match JsFuture::from(f.array_buffer()).await {
                Ok(buf) => file.set(Some(Arc::new(js_sys::Uint8Array::new(&buf).to_vec()))),
                Err(_) => problem.set(Some(BackupProblem::NotABackup)),
            }
        });
    };

    let open = move |_| {
        let Some(bytes) = file.get_untracked() else {
            return;
        };
        working.set(true);
        problem.set(None);
        report.set(None);
        spawn_local(async move {
            let p = restore_pass.get_untracked();
            match codec::decode(&bytes, Some(p.as_str())).await {
                Ok(b) => opened.set(Some(Arc::new(b))),
                Err(e) => problem.set(Some(e)),
            }
            working.try_set(false);
        });
    };

    let after = move |db: store::Db| async move {
        let _ = ws.reload(&db).await;
        store::notify_changed();
        ws.changed();
    };

    let merge = move |_| {
        let (Some(db), Some(b)) = (ws.db(), opened.get_untracked()) else {
            return;
        };
        working.set(true);
        spawn_local(async move {
            match store::restore_merge(&db, &b, clock::now()).await {
                Ok((_, r)) => {
                    toasts.info((t.get_untracked().merged)(
                        r.added,
                        r.updated,
                        r.unchanged,
                        r.conflicts.len(),
                    ));
                    report.set(Some(r));
                    opened.set(None);
                    after(db).await;
                }
                Err(e) => toasts.error(&e),
            }
            working.try_set(false);
        });
    };

    let replace = Callback::new(move |_| {
        let (Some(db), Some(b)) = (ws.db(), opened.get_untracked()) else {
            return;
        };
        working.set(true);
        spawn_local(async move {
            match store::restore_replace(&db, &b).await {
                Ok(_) => {
                    prefs.0.set(store::load_settings());
                    insights.config.set(store::load_analysis_config());
                    toasts.info(t.get_untracked().backup_restored);
                    opened.set(None);
                    after(db).await;
                }
                Err(e) => toasts.error(&e),
            }
            working.try_set(false);
        });
    });

    let encrypted = move || file.get().is_some_and(|b| codec::is_encrypted(&b));

    view! {
        <section class="panel" id="backup" aria-labelledby="backup-title" data-testid="backup">
            <h2 id="backup-title">{move || t.get().backup_title}</h2>
            <p class="muted">{move || t.get().backup_intro}</p>
            <p data-testid="last-backup">{move || match last.0.get() {
                Some(at) => (t.get().last_backup)(format_datetime(clock::local(at), lang.get())),
                None => t.get().backup_never.to_string(),
            }}</p>
            <div class="field inline-field">
                <label for="backup-days">{move || t.get().backup_remind}</label>
                <select
                    id="backup-days"
                    prop:value=move || days.get().to_string()
                    on:change=move |ev| {
                        let d = event_target_value(&ev).parse().unwrap_or(7);
                        store::set_backup_reminder_days(d);
                        days.set(d);
                    }
                >
                    {REMIND_DAYS.into_iter().map(|d| view! {
                        <option value=d.to_string()>{move || if d == 0 { t.get().remind_off.to_string() } else { (t.get().every_days)(d) }}</option>
                    }).collect_view()}
                </select>
            </div>

            <h3 class="subhead">{move || t.get().backup_make}</h3>
            <div class="grid-2">
                <div class="field">
                    <label for="backup-pass">{move || t.get().backup_passphrase}</label>
                    <input id="backup-pass" type="password" autocomplete="new-password" prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
                </div>
                <div class="field" class:field-invalid=move || mismatch.get()>
                    <label for="backup-pass2">{move || t.get().backup_passphrase_again}</label>
                    <input id="backup-pass2" type="password" autocomplete="new-password" aria-describedby="backup-pass2-msg" prop:value=move || again.get() on:input=move |ev| again.set(event_target_value(&ev)) />
                    <span id="backup-pass2-msg" class="field-msg" role="alert">{move || mismatch.get().then(|| t.get().backup_passphrase_mismatch)}</span>
                </div>
            </div>
            <div class="form-actions">
                <button class="btn btn-primary" data-testid="make-backup" disabled=move || working.get() on:click=make>
                    <Icon icon=lu::LuDownload />
                    {move || if working.get() { t.get().backup_working } else { t.get().backup_download }}
                </button>
            </div>

            <h3 class="subhead">{move || t.get().restore_title}</h3>
            <div class="form-actions start">
                <label class="btn file-pick">
                    <Icon icon=lu::LuUpload />
                    <span>{move || t.get().restore_file}</span>
                    <input node_ref=input_ref type="file" class="sr-only" accept=".zkbackup,application/octet-stream" data-testid="restore-file" on:change=on_file />
                </label>
            </div>
            {move || file.get().map(|_| view! {
                <div class="grid-2">
                    {encrypted().then(|| view! {
                        <div class="field">
                            <label for="restore-pass">{move || t.get().restore_passphrase}</label>
                            <input id="restore-pass" type="password" autocomplete="off" data-testid="restore-passphrase" prop:value=move || restore_pass.get() on:input=move |ev| restore_pass.set(event_target_value(&ev)) />
                        </div>
                    })}
                </div>
                <div class="form-actions start">
                    <button class="btn" data-testid="restore-open" disabled=move || working.get() on:click=open>{move || t.get().restore_open}</button>
                </div>
            })}
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert" data-testid="restore-problem">{p.message(t.get())}</p> })}
            {move || opened.get().map(|b| {
                let t = t.get();
                let date = format_date(clock::local(b.created_at).date(), lang.get());
                view! {
                    <p role="status" data-testid="restore-contents">{(t.backup_contents)(date, b.records.customers.len(), b.len())}</p>
                    <div class="form-actions start">
                        <button class="btn btn-primary" data-testid="restore-merge" disabled=move || working.get() on:click=merge>{t.restore_merge}</button>
                        <button class="btn btn-danger" data-testid="restore-replace" disabled=move || working.get() on:click=move |_| confirming.set(Some(t.restore_replace_confirm.to_string()))>{t.restore_replace}</button>
                    </div>
                }
            })}
            {move || report.get().map(|r| {
                let t = t.get();
                let lang = lang.get();
                view! {
                    <p role="status" data-testid="merge-report">{(t.merged)(r.added, r.updated, r.unchanged, r.conflicts.len())}</p>
                    {(!r.conflicts.is_empty()).then(|| view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=t.merge_conflicts>
                            <table class="data-table compact" data-testid="merge-conflicts">
                                <caption class="muted small">{t.merge_conflicts}</caption>
                                <thead><tr><th scope="col">{t.col_record}</th><th scope="col">{t.col_name}</th><th scope="col">{t.col_yours}</th><th scope="col">{t.col_other}</th></tr></thead>
                                <tbody>
                                    {r.conflicts.iter().take(100).map(|c| {
                                        let when = |x: Option<crate::domain::time::Timestamp>| x.map(|x| format_datetime(clock::local(x), lang)).unwrap_or_else(|| "—".into());
                                        view! { <tr><td>{c.kind.label(t)}</td><td>{c.label.clone()}</td><td>{when(c.ours)}</td><td>{when(c.theirs)}</td></tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    })}
                }
            })}
            <Confirm question=confirming confirm_label=Signal::derive(move || t.get().restore_replace.to_string()) on_confirm=replace />
        </section>
    }
}
