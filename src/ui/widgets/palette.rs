//! The command palette (Ctrl/⌘+K): jump to a customer by typing (pinyin works), or run a
//! command. Arrow keys move, Enter opens, Esc closes — never while an IME is composing.

use super::keys;
use super::modal::Modal;
use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::list::ListQuery;
use crate::ui::routes::{Page, PageKind};
use crate::ui::state::{use_prefs, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, IconData, lu};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Whether the palette is open (provided by the shell).
#[derive(Clone, Copy)]
pub struct PaletteOpen(pub RwSignal<bool>);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Command {
    NewCustomer,
    SwitchLanguage,
    ToggleTheme,
    Go(Page),
}

impl Command {
    /// Every command: the three actions, then "go to" each page the page table gives one.
    fn all() -> impl Iterator<Item = Command> {
        [
            Command::NewCustomer,
            Command::SwitchLanguage,
            Command::ToggleTheme,
        ]
        .into_iter()
        .chain(PageKind::ALL.iter().filter_map(|k| {
            k.palette()?;
            Some(Command::Go(k.page()?))
        }))
    }
    fn label(self, t: &Texts) -> &'static str {
        match self {
            Command::NewCustomer => t.cmd_new_customer,
            Command::SwitchLanguage => t.cmd_switch_language,
            Command::ToggleTheme => t.cmd_toggle_theme,
            Command::Go(page) => page.kind().palette().map_or("", |label| label(t)),
        }
    }
    fn icon(self) -> IconData {
        match self {
            Command::NewCustomer => lu::LuUserPlus,
            Command::SwitchLanguage => lu::LuLanguages,
            Command::ToggleTheme => lu::LuSunMoon,
            Command::Go(_) => lu::LuArrowRight,
        }
    }
}

#[derive(Clone, PartialEq, Debug)]
enum Item {
    Customer {
        id: Id,
        name: String,
        detail: String,
    },
    Command(Command),
}

fn system_is_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The palette dialog.
#[component]
pub fn CommandPalette() -> impl IntoView {
    let open = expect_context::<PaletteOpen>().0;
    let t = use_texts();
    let ws = use_workspace();
    let prefs = use_prefs();
    let navigate = use_navigate();
    let text = RwSignal::new(String::new());
    let selected = RwSignal::new(0usize);
    let input = NodeRef::<html::Input>::new();

    let items = Memo::new(move |_| {
        let query = text.get();
        let texts = t.get();
        let mut out = Vec::new();
        let q = ListQuery {
            text: query.clone(),
            ..ListQuery::default()
        };
        let names = ws.member_names();
        ws.index.with(|ix| {
            for pos in ix
                .query(&q, &names)
                .into_iter()
                .take(if query.trim().is_empty() { 5 } else { 8 })
            {
                let r = ix.row(pos);
                let detail = [r.company.as_str(), r.region.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                out.push(Item::Customer {
                    id: r.id,
                    name: r.name.clone(),
                    detail,
                });
            }
        });
        let needle = query.trim().to_lowercase();
        for c in Command::all() {
            if needle.is_empty() || c.label(texts).to_lowercase().contains(&needle) {
                out.push(Item::Command(c));
            }
        }
        out
    });

    // Opening resets the palette and focuses the input.
    Effect::new(move |_| {
        if open.get() {
            text.set(String::new());
            selected.set(0);
            request_animation_frame(move || {
                if let Some(i) = input.get() {
                    let _ = i.focus();
                }
            });
        }
    });

    let run = {
        let navigate = navigate.clone();
        move |item: Item| {
            open.set(false);
            match item {
                Item::Customer { id, .. } => {
                    navigate(&Page::Customer(id).path(), crate::ui::routes::nav())
                }
                Item::Command(Command::NewCustomer) => {
                    navigate(&Page::NewCustomer.path(), crate::ui::routes::nav())
                }
                Item::Command(Command::Go(page)) => {
                    navigate(&page.path(), crate::ui::routes::nav())
                }
                Item::Command(Command::SwitchLanguage) => {
                    prefs.0.update(|s| s.lang = s.lang.other())
                }
                Item::Command(Command::ToggleTheme) => prefs
                    .0
                    .update(|s| s.theme = s.theme.toggled(system_is_dark())),
            }
        }
    };
    let run_selected = {
        let run = run.clone();
        move || {
            let list = items.get_untracked();
            if let Some(item) = list.get(selected.get_untracked()).cloned() {
                run(item);
            }
        }
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if keys::composing(&ev) {
            return;
        }
        let n = items.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if n > 0 {
                    selected.update(|s| *s = (*s + 1) % n);
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                if n > 0 {
                    selected.update(|s| *s = (*s + n - 1) % n);
                }
            }
            "Enter" => {
                ev.prevent_default();
                run_selected();
            }
            "Escape" => {
                ev.prevent_default();
                open.set(false);
            }
            _ => {}
        }
    };

    view! {
        <Modal
            open=open
            on_close=Callback::new(move |_| open.set(false))
            title=Signal::derive(move || t.get().palette_label.to_string())
            class="modal-palette"
        >
            <div class="palette" data-testid="palette">
                <div class="palette-input">
                    <Icon icon=lu::LuSearch />
                    <input
                        node_ref=input
                        type="text"
                        role="combobox"
                        aria-expanded="true"
                        aria-controls="palette-list"
                        aria-autocomplete="list"
                        aria-activedescendant=move || format!("palette-item-{}", selected.get())
                        aria-label=move || t.get().palette_placeholder
                        placeholder=move || t.get().palette_placeholder
                        prop:value=move || text.get()
                        on:input=move |ev| {
                            text.set(event_target_value(&ev));
                            selected.set(0);
                        }
                        on:keydown=on_keydown.clone()
                    />
                </div>
                <ul id="palette-list" class="palette-list" role="listbox">
                    {let run = run.clone(); move || {
                        let texts = t.get();
                        let list = items.get();
                        if list.is_empty() {
                            return view! { <li class="palette-empty">{texts.palette_no_results}</li> }.into_any();
                        }
                        let first_command = list.iter().position(|i| matches!(i, Item::Command(_)));
                        list.into_iter()
                            .enumerate()
                            .map(|(i, item)| {
                                let run = run.clone();
                                let heading = if i == 0 && matches!(item, Item::Customer { .. }) {
                                    Some(texts.palette_customers)
                                } else if Some(i) == first_command {
                                    Some(texts.palette_commands)
                                } else {
                                    None
                                };
                                let (icon, label, detail) = match &item {
                                    Item::Customer { name, detail, .. } => (lu::LuBuilding2, name.clone(), detail.clone()),
                                    Item::Command(c) => (c.icon(), c.label(texts).to_string(), String::new()),
                                };
                                view! {
                                    {heading.map(|h| view! { <li class="palette-heading" role="presentation">{h}</li> })}
                                    <li
                                        id=format!("palette-item-{i}")
                                        role="option"
                                        class="palette-item"
                                        aria-selected=move || (selected.get() == i).to_string()
                                        on:mousemove=move |_| selected.set(i)
                                        on:click=move |_| run(item.clone())
                                    >
                                        <Icon icon=icon />
                                        <span class="palette-item-label">{label}</span>
                                        <span class="palette-item-detail">{detail}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </ul>
                <p class="palette-hint">{move || t.get().palette_hint}</p>
            </div>
        </Modal>
    }
}
