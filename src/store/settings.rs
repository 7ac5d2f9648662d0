//! Preferences in localStorage (via gloo-storage). A missing or unreadable value falls back to
//! its default: preferences must never keep the app from starting.

use crate::domain::analysis::config::AnalysisConfig;
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
