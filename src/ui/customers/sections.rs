//! The sections of the customer 360 view below what matters for the next call, reached from a
//! sticky bar; the section opened last is remembered in this browser.

use crate::domain::i18n::Texts;
use crate::store;
use crate::ui::state::use_texts;
use crate::ui::widgets::icon::{Icon, IconData, lu};
use leptos::prelude::*;

/// One section of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Timeline,
    Complaints,
    Contacts,
    Analysis,
    Loyalty,
    File,
}

impl Section {
    /// Every section, in the bar's order.
    pub const ALL: [Section; 6] = [
        Section::Timeline,
        Section::Complaints,
        Section::Contacts,
        Section::Analysis,
        Section::Loyalty,
        Section::File,
    ];

    /// The stable key (test ids, the remembered choice).
    pub fn key(self) -> &'static str {
        match self {
            Section::Timeline => "timeline",
            Section::Complaints => "complaints",
            Section::Contacts => "contacts",
            Section::Analysis => "analysis",
            Section::Loyalty => "loyalty",
            Section::File => "file",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    fn label(self, t: &Texts) -> &'static str {
        match self {
            Section::Timeline => t.section_timeline,
            Section::Complaints => t.section_complaints,
            Section::Contacts => t.section_contacts,
            Section::Analysis => t.section_analysis,
            Section::Loyalty => t.section_loyalty,
            Section::File => t.section_file,
        }
    }

    fn icon(self) -> IconData {
        match self {
            Section::Timeline => lu::LuHistory,
            Section::Complaints => lu::LuMessageSquareWarning,
            Section::Contacts => lu::LuContact,
            Section::Analysis => lu::LuChartPie,
            Section::Loyalty => lu::LuHeartHandshake,
            Section::File => lu::LuFileText,
        }
    }

    /// The section opened last in this browser (the timeline at first).
    pub fn remembered() -> Self {
        store::detail_section()
            .and_then(|k| Self::from_key(&k))
            .unwrap_or(Section::Timeline)
    }
}

/// The section shown, shared by the bar and whatever opens a section from the top of the page.
#[derive(Clone, Copy)]
pub struct OpenSection(pub RwSignal<Section>);

impl OpenSection {
    /// Starts at the remembered section.
    pub fn new() -> Self {
        OpenSection(RwSignal::new(Section::remembered()))
    }

    /// Opens `section`, remembers it, and scrolls the bar into view.
    pub fn open(self, section: Section) {
        self.0.set(section);
        store::set_detail_section(section.key());
        if let Some(bar) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("section-bar"))
        {
            bar.scroll_into_view();
        }
    }
}

/// The sticky bar of tabs; `counts` puts a number after a section's name where there is one.
#[component]
pub fn SectionBar(open: OpenSection, counts: Vec<(Section, usize)>) -> impl IntoView {
    let t = use_texts();
    let current = open.0;
    let select = move |s: Section| {
        current.set(s);
        store::set_detail_section(s.key());
    };
    // Arrow keys move between tabs, as a tab list does.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let step: isize = match ev.key().as_str() {
            "ArrowRight" => 1,
            "ArrowLeft" => -1,
            _ => return,
        };
        ev.prevent_default();
        let n = Section::ALL.len() as isize;
        let at = Section::ALL
            .iter()
            .position(|s| *s == current.get_untracked())
            .unwrap_or(0) as isize;
        let next = Section::ALL[((at + step).rem_euclid(n)) as usize];
        select(next);
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&format!("section-tab-{}", next.key())))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    };
    view! {
        <nav class="section-bar" id="section-bar" aria-label=move || t.get().sections_label>
            <div class="section-tabs" role="tablist" on:keydown=on_key>
                {Section::ALL.into_iter().map(|s| {
                    let count = counts.iter().find(|(c, _)| *c == s).map(|(_, n)| *n).filter(|n| *n > 0);
                    let selected = move || current.get() == s;
                    view! {
                        <button
                            role="tab"
                            class="tab section-tab"
                            id=format!("section-tab-{}", s.key())
                            aria-selected=move || selected().to_string()
                            aria-controls="section-panel"
                            tabindex=move || if selected() { "0" } else { "-1" }
                            data-testid=format!("section-{}", s.key())
                            on:click=move |_| select(s)
                        >
                            <Icon icon=s.icon() />
                            <span>{move || s.label(t.get())}</span>
                            {count.map(|n| view! { <span class="count">{n}</span> })}
                        </button>
                    }
                }).collect_view()}
            </div>
        </nav>
    }
}
