//! The settings page.

use super::analysis::AnalysisSection;
use super::data::DataSection;
use super::storage::StorageSection;
use super::team::TeamSection;
use crate::domain::i18n::Lang;
use crate::domain::settings::{Density, Theme};
use crate::ui::state::{use_prefs, use_texts, use_workspace};
use leptos::prelude::*;

/// Preferences, team, storage, sample data and reset.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = use_texts();
    let prefs = use_prefs();
    let ws = use_workspace();
    view! {
        <section class="page page-settings">
            <header class="page-header"><h1>{move || t.get().settings_title}</h1></header>
            <section class="panel" aria-labelledby="prefs-title">
                <h2 id="prefs-title" class="sr-only">{move || t.get().settings_title}</h2>
                <div class="settings-grid">
                    <fieldset class="field">
                        <legend>{move || t.get().set_language}</legend>
                        <div class="segmented">
                            {Lang::ALL.into_iter().map(|l| view! {
                                <label class="segment" class:segment-on=move || prefs.0.with(|s| s.lang == l)>
                                    <input
                                        type="radio"
                                        name="lang"
                                        data-testid=format!("lang-{}", l.code())
                                        prop:checked=move || prefs.0.with(|s| s.lang == l)
                                        on:change=move |_| prefs.0.update(|s| s.lang = l)
                                    />
                                    {match l { Lang::Zh => "中文", Lang::En => "English" }}
                                </label>
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <fieldset class="field">
                        <legend>{move || t.get().set_theme}</legend>
                        <div class="segmented">
                            {Theme::ALL.into_iter().map(|th| view! {
                                <label class="segment" class:segment-on=move || prefs.0.with(|s| s.theme == th)>
                                    <input
                                        type="radio"
                                        name="theme"
                                        data-testid=format!("theme-{}", th.as_str())
                                        prop:checked=move || prefs.0.with(|s| s.theme == th)
                                        on:change=move |_| prefs.0.update(|s| s.theme = th)
                                    />
                                    {move || match th {
                                        Theme::System => t.get().theme_system,
                                        Theme::Light => t.get().theme_light,
                                        Theme::Dark => t.get().theme_dark,
                                    }}
                                </label>
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <fieldset class="field">
                        <legend>{move || t.get().set_density}</legend>
                        <div class="segmented">
                            {Density::ALL.into_iter().map(|d| view! {
                                <label class="segment" class:segment-on=move || prefs.0.with(|s| s.density == d)>
                                    <input
                                        type="radio"
                                        name="density"
                                        prop:checked=move || prefs.0.with(|s| s.density == d)
                                        on:change=move |_| prefs.0.update(|s| s.density = d)
                                    />
                                    {move || match d {
                                        Density::Comfortable => t.get().density_comfortable,
                                        Density::Compact => t.get().density_compact,
                                    }}
                                </label>
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <div class="field">
                        <label for="set-me">{move || t.get().set_me}</label>
                        <select id="set-me" data-testid="set-me" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            prefs.0.update(|s| s.me = v.parse().ok());
                        }>
                            <option value="" selected=move || prefs.0.with(|s| s.me.is_none())>{move || t.get().set_me_none}</option>
                            <For
                                each=move || ws.members.get()
                                key=|m| (m.id, m.name.clone())
                                children=move |m| {
                                    let id = m.id;
                                    view! { <option value=id.to_string() selected=move || prefs.0.with(|s| s.me == Some(id))>{m.name}</option> }
                                }
                            />
                        </select>
                        <p class="field-msg">{move || t.get().set_me_hint}</p>
                    </div>
                </div>
            </section>
            <TeamSection />
            <crate::ui::sync::section::SyncSection />
            <crate::ui::pipeline::stages::StagesSection />
            <crate::ui::quotes::policy::QuotePolicySection />
            <AnalysisSection />
            <StorageSection />
            <crate::ui::settings::backup::BackupSection />
            <DataSection />
        </section>
    }
}
