//! Browser notifications for "my day": while the app is open, promises and win-back steps due
//! today and complaint deadlines within the hour are announced, each once. Off unless the user
//! switches it on (the browser asks for permission then, and only then).

use super::page::team_day;
use crate::domain::id::Id;
use crate::domain::today::{NoticeKind, coming_due};
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_prefs, use_texts, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

/// How often the agenda is checked while the app is open.
const EVERY: Duration = Duration::from_secs(60);

/// Whether this browser has notifications at all.
fn supported() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &wasm_bindgen::JsValue::from_str("Notification")).unwrap_or(false)
    })
}

fn granted() -> bool {
    supported() && Notification::permission() == NotificationPermission::Granted
}

/// Checks the agenda of "me" now and announces what is coming due.
fn check(ws: crate::ui::state::Workspace, me: Id, texts: &'static crate::domain::i18n::Texts) {
    let Some(db) = ws.db() else { return };
    spawn_local(async move {
        let (Ok(interactions), Ok(complaints), Ok(winbacks)) = (
            store::open_commitments(&db).await,
            store::all_complaints(&db).await,
            store::all_winbacks(&db).await,
        ) else {
            return;
        };
        let today = clock::today();
        let now = clock::now();
        let notices = ws.index.with_untracked(|index| {
            let records = (&interactions[..], &complaints[..], &winbacks[..]);
            let mut announced = store::announced(today);
            let mine = team_day(index, records, &[], today, now)
                .into_iter()
                .find(|a| a.member == Some(me));
            let notices: Vec<(String, String, String)> = mine
                .map(|a| coming_due(&a, today, now, &announced))
                .unwrap_or_default()
                .into_iter()
                .map(|n| {
                    let title = match n.kind {
                        NoticeKind::Promise => texts.notice_promise,
                        NoticeKind::Complaint => texts.notice_complaint,
                        NoticeKind::WinBack => texts.notice_winback,
                    };
                    let customer = index
                        .get(n.customer_id)
                        .map(|s| s.name.clone())
                        .unwrap_or_default();
                    announced.insert(n.key.clone());
                    (n.key, title.to_string(), format!("{customer}: {}", n.text))
                })
                .collect();
            if !notices.is_empty() {
                store::set_announced(today, &announced);
            }
            notices
        });
        for (key, title, body) in notices {
            let options = NotificationOptions::new();
            options.set_body(&body);
            options.set_tag(&key);
            let _ = Notification::new_with_options(&title, &options);
        }
    });
}

/// Runs in the shell for as long as the app is open.
#[component]
pub fn DueNotifier() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let prefs = use_prefs();
    let tick = move || {
        if !store::notify_due() || !granted() {
            return;
        }
        if let Some(me) = prefs.0.with_untracked(|s| s.me) {
            check(ws, me, t.get_untracked());
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, EVERY) {
        on_cleanup(move || handle.clear());
    }
}

/// The switch on the "my day" page.
#[component]
pub fn NotifyToggle() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let prefs = use_prefs();
    let on = RwSignal::new(store::notify_due() && granted());
    let problem = RwSignal::new(None::<&'static str>);
    let available = supported();
    let switch = move |want: bool| {
        problem.set(None);
        if !want {
            store::set_notify_due(false);
            on.set(false);
            return;
        }
        if granted() {
            store::set_notify_due(true);
            on.set(true);
            if let Some(me) = prefs.0.with_untracked(|s| s.me) {
                check(ws, me, t.get_untracked());
            }
            return;
        }
        let Ok(asked) = Notification::request_permission() else {
            problem.set(Some(t.get_untracked().notify_denied));
            return;
        };
        spawn_local(async move {
            let answer = wasm_bindgen_futures::JsFuture::from(asked).await;
            let yes = answer.ok().and_then(|v| v.as_string()).as_deref() == Some("granted");
            store::set_notify_due(yes);
            on.set(yes);
            if yes {
                if let Some(me) = prefs.0.with_untracked(|s| s.me) {
                    check(ws, me, t.get_untracked());
                }
            } else {
                problem.set(Some(t.get_untracked().notify_denied));
            }
        });
    };
    view! {
        <div class="notify-toggle">
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="notify-due"
                    disabled=!available
                    prop:checked=move || on.get()
                    on:change=move |ev| switch(event_target_checked(&ev))
                />
                <span>{move || t.get().notify_label}</span>
            </label>
            {(!available).then(|| view! { <p class="muted small">{move || t.get().notify_unsupported}</p> })}
            {move || problem.get().map(|p| view! { <p class="form-error small" role="alert">{p}</p> })}
        </div>
    }
}
