//! Preferences in localStorage (via gloo-storage). A missing or unreadable value falls back to
//! its default: preferences must never keep the app from starting.

use crate::domain::analysis::bgnbd::BgNbd;
use crate::domain::analysis::config::AnalysisConfig;
use crate::domain::analysis::gamma_gamma::GammaGamma;
use crate::domain::i18n::Lang;
use crate::domain::settings::{Density, Settings, Theme};
use gloo_storage::{LocalStorage, Storage};

const LANG: &str = "zhike.lang";
const THEME: &str = "zhike.theme";
const DENSITY: &str = "zhike.density";
const ME: &str = "zhike.me";
const ANALYSIS: &str = "zhike.analysis";

/// Reads the preferences; the language defaults to the browser's preferred one.
pub fn load_settings() -> Settings {
    let text = |key: &str| LocalStorage::get::<String>(key).ok();
    let lang = text(LANG)
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_else(browser_language);
    Settings {
        lang,
        theme: text(THEME)
            .and_then(|t| Theme::parse(&t))
            .unwrap_or_default(),
        density: text(DENSITY)
            .and_then(|d| Density::parse(&d))
            .unwrap_or_default(),
        me: text(ME).and_then(|m| m.parse().ok()),
    }
}

/// Stores the preferences. Storage can be full or disabled; preferences then simply are not
/// remembered, which is not worth interrupting the user for.
pub fn save_settings(s: &Settings) {
    let _ = LocalStorage::set(LANG, s.lang.code());
    let _ = LocalStorage::set(THEME, s.theme.as_str());
    let _ = LocalStorage::set(DENSITY, s.density.as_str());
    match s.me {
        Some(id) => {
            let _ = LocalStorage::set(ME, id.to_string());
        }
        None => LocalStorage::delete(ME),
    }
}

fn browser_language() -> Lang {
    let Some(window) = web_sys::window() else {
        return Lang::default();
    };
    let languages: Vec<String> = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    Lang::from_preferences(languages.iter().map(String::as_str))
}

/// The analysis settings; defaults when none are saved or they cannot be read.
pub fn load_analysis_config() -> AnalysisConfig {
    LocalStorage::get::<AnalysisConfig>(ANALYSIS).unwrap_or_default()
}

/// Saves the analysis settings (silently kept in memory only if storage refuses).
pub fn save_analysis_config(cfg: &AnalysisConfig) {
    let _ = LocalStorage::set(ANALYSIS, cfg);
}

/// The purchase and spend models fitted last in this browser: the next fit starts from them,
/// which takes fewer steps than from scratch.
pub fn last_models() -> Option<(BgNbd, GammaGamma)> {
    LocalStorage::get::<(BgNbd, GammaGamma)>(LAST_MODELS).ok()
}

/// Remembers the models just fitted (silently not, if storage refuses).
pub fn save_last_models(models: &(BgNbd, GammaGamma)) {
    let _ = LocalStorage::set(LAST_MODELS, models);
}

/// Prefix of every key the app keeps in localStorage.
const PREFIX: &str = "zhike.";
/// Keys that describe this browser, not the data: never in a backup, never restored.
const LOCAL_ONLY: [&str; 6] = [
    LAST_BACKUP,
    LAST_MODELS,
    REMINDER_SNOOZED,
    DETAIL_SECTION,
    NOTIFY_DUE,
    ANNOUNCED,
];
/// The models fitted last, where the next start-up's fit begins (a cache of the data).
const LAST_MODELS: &str = "zhike.last_models";
/// When this browser last made a backup (ms since the epoch).
const LAST_BACKUP: &str = "zhike.last_backup";
/// Days after which to remind the user to back up (0: never).
const BACKUP_REMINDER: &str = "zhike.backup_reminder_days";

/// The app's preferences as stored (key → JSON text), for a backup.
pub fn read_prefs() -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return out;
    };
    let n = storage.length().unwrap_or(0);
    for i in 0..n {
        if let Ok(Some(key)) = storage.key(i)
            && key.starts_with(PREFIX)
            && !LOCAL_ONLY.contains(&key.as_str())
            && let Ok(Some(value)) = storage.get_item(&key)
        {
            out.insert(key, value);
        }
    }
    out
}

/// Writes restored preferences (only the app's own keys).
pub fn write_prefs(prefs: &std::collections::BTreeMap<String, String>) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    for (key, value) in prefs {
        if key.starts_with(PREFIX) && !LOCAL_ONLY.contains(&key.as_str()) {
            let _ = storage.set_item(key, value);
        }
    }
}

/// When this browser last saved a backup.
pub fn last_backup() -> Option<crate::domain::time::Timestamp> {
    LocalStorage::get::<i64>(LAST_BACKUP)
        .ok()
        .map(crate::domain::time::Timestamp)
}

/// Records that a backup was saved now.
pub fn set_last_backup(now: crate::domain::time::Timestamp) {
    let _ = LocalStorage::set(LAST_BACKUP, now.0);
}

/// Days after which to remind the user to back up (7 unless chosen; 0 turns it off).
pub fn backup_reminder_days() -> u32 {
    LocalStorage::get::<u32>(BACKUP_REMINDER).unwrap_or(7)
}

/// Chooses the reminder interval.
pub fn set_backup_reminder_days(days: u32) {
    let _ = LocalStorage::set(BACKUP_REMINDER, days);
}

/// When the backup reminder was last dismissed (ms since the epoch).
const REMINDER_SNOOZED: &str = "zhike.backup_reminder_snoozed";
/// The section of the customer page opened last.
const DETAIL_SECTION: &str = "zhike.detail_section";

/// When the backup reminder was last dismissed in this browser.
pub fn reminder_snoozed_at() -> Option<crate::domain::time::Timestamp> {
    LocalStorage::get::<i64>(REMINDER_SNOOZED)
        .ok()
        .map(crate::domain::time::Timestamp)
}

/// Records that the backup reminder was dismissed now.
pub fn snooze_reminder(now: crate::domain::time::Timestamp) {
    let _ = LocalStorage::set(REMINDER_SNOOZED, now.0);
}

/// Whether to announce items coming due with browser notifications (off unless chosen).
const NOTIFY_DUE: &str = "zhike.notify_due";
/// The items announced today: `(date, keys)`.
const ANNOUNCED: &str = "zhike.announced";

/// Whether this browser announces items coming due.
pub fn notify_due() -> bool {
    LocalStorage::get::<bool>(NOTIFY_DUE).unwrap_or(false)
}

/// Turns the announcements on or off in this browser.
pub fn set_notify_due(on: bool) {
    let _ = LocalStorage::set(NOTIFY_DUE, on);
}

/// The keys of the items announced on `today` (none on a new day).
pub fn announced(today: chrono::NaiveDate) -> std::collections::HashSet<String> {
    LocalStorage::get::<(chrono::NaiveDate, Vec<String>)>(ANNOUNCED)
        .ok()
        .filter(|(day, _)| *day == today)
        .map(|(_, keys)| keys.into_iter().collect())
        .unwrap_or_default()
}

/// Records the items announced on `today`.
pub fn set_announced(today: chrono::NaiveDate, keys: &std::collections::HashSet<String>) {
    let mut keys: Vec<&String> = keys.iter().collect();
    keys.sort();
    let _ = LocalStorage::set(ANNOUNCED, (today, keys));
}

/// The key of the customer-page section opened last, if any.
pub fn detail_section() -> Option<String> {
    LocalStorage::get::<String>(DETAIL_SECTION).ok()
}

/// Remembers the customer-page section opened last.
pub fn set_detail_section(key: &str) {
    let _ = LocalStorage::set(DETAIL_SECTION, key);
}

/// The columns chosen for customer exports (their keys; empty when never chosen).
pub fn export_columns() -> Vec<String> {
    LocalStorage::get::<Vec<String>>(EXPORT_COLUMNS).unwrap_or_default()
}

/// Remembers the columns chosen for customer exports.
pub fn set_export_columns(keys: &[String]) {
    let _ = LocalStorage::set(EXPORT_COLUMNS, keys);
}

const EXPORT_COLUMNS: &str = "zhike.export_columns";
