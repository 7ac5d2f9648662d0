//! The page frame: brand, navigation, the command palette button, the page, and notices.

use super::nav::Nav;
use crate::ui::state::use_texts;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::keys;
use crate::ui::widgets::palette::{CommandPalette, PaletteOpen};
use crate::ui::widgets::toast::ToastHost;
use leptos::prelude::*;

/// Wraps every page.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let t = use_texts();
    provide_context(crate::ui::settings::backup::LastBackup(RwSignal::new(
        crate::store::last_backup(),
    )));
    let palette = PaletteOpen(RwSignal::new(false));
    provide_context(palette);
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if keys::is_palette_shortcut(&ev) {
            ev.prevent_default();
            palette.0.update(|o| *o = !*o);
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <a class="skip-link" href="#main">{move || t.get().skip_to_content}</a>
        <div class="shell">
            <aside class="sidebar">
                <div class="brand">
                    <span class="brand-mark" aria-hidden="true">"知"</span>
                    <span class="brand-name">{move || t.get().app_name}</span>
                </div>
                <button
                    class="palette-button"
                    data-testid="open-palette"
                    on:click=move |_| palette.0.set(true)
                >
                    <Icon icon=lu::LuSearch />
                    <span class="palette-button-label">{move || t.get().palette_open}</span>
                    <kbd>{move || t.get().palette_shortcut}</kbd>
                </button>
                <Nav />
            </aside>
            <main id="main" class="main" tabindex="-1">
                <crate::ui::settings::reminder::BackupReminder />
                {children()}
            </main>
        </div>
        <CommandPalette />
        <ToastHost />
        <crate::ui::today::notifier::DueNotifier />
    }
}
