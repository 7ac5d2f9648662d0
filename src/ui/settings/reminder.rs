//! The backup reminder: a compact chip at the top of every page while there is data and no
//! recent backup. Dismissing it keeps it away for the reminder interval chosen in Settings.

use super::backup::use_last_backup;
use crate::domain::backup::{backup_due, days_since_backup};
use crate::domain::time::format_date;
use crate::store;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;

/// The reminder chip.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let last = use_last_backup();
    let snoozed = RwSignal::new(store::reminder_snoozed_at());
    let due = move || {
        !ws.index.with(|ix| ix.is_empty())
            && backup_due(
                last.0.get(),
                snoozed.get(),
                store::backup_reminder_days(),
                clock::now(),
            )
    };
    let snooze = move |_| {
        let now = clock::now();
        store::snooze_reminder(now);
        snoozed.set(Some(now));
    };
    // The full sentence, for the tooltip and screen readers.
    let sentence = move || {
        let t = t.get();
        let when = match last.0.get() {
            Some(at) => (t.backup_overdue)(format_date(clock::local(at).date(), lang.get())),
            None => t.backup_never.to_string(),
        };
        format!("{} {when}", t.backup_reminder)
    };
    view! {
        <Show when=due>
            <div class="backup-chip-row">
                <div class="backup-chip" role="note" data-testid="backup-reminder" title=sentence aria-label=sentence>
                    <Icon icon=lu::LuShieldAlert />
                    <span class="backup-chip-text" aria-hidden="true">
                        {move || match days_since_backup(last.0.get(), clock::now()) {
                            Some(days) => (t.get().backup_chip_days)(days),
                            None => t.get().backup_chip_never.to_string(),
                        }}
                    </span>
                    <a class="backup-chip-action" href=format!("{}#backup", Page::Settings.path())>
                        {move || t.get().backup_chip_back_up}
                    </a>
                    <button
                        class="backup-chip-close"
                        data-testid="snooze-reminder"
                        title=move || (t.get().backup_snooze)(store::backup_reminder_days())
                        aria-label=move || (t.get().backup_snooze)(store::backup_reminder_days())
                        on:click=snooze
                    >
                        <Icon icon=lu::LuX />
                    </button>
                </div>
            </div>
        </Show>
    }
}
