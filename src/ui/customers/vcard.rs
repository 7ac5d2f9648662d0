//! vCard import and export on the customer list: export every customer and contact person
//! as vCard 4.0; import a .vcf file (2.1, 3.0 or 4.0) after showing what it will add and
//! what it will not (duplicates and cards that fail the checks, each with its reason), in one
//! transaction.

use crate::domain::vcard::{self, CardError, Known, Plan};
use crate::store;
use crate::ui::clock;
use crate::ui::download::download;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::modal::Modal;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// What reading a file gave.
#[derive(Clone)]
enum Read {
    NotText,
    Planned(Arc<(Plan, Vec<CardError>)>),
}

/// The import and export buttons, and the import dialog.
#[component]
pub fn VcardActions() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let read = RwSignal::new(None::<Read>);
    let busy = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();

    let export = move |_| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::all_people(&db).await {
                Ok((customers, contacts)) => {
                    let cards = vcard::cards_of(&customers, &contacts);
                    download(
                        "contacts.vcf",
                        "text/vcard;charset=utf-8",
                        &vcard::write(&cards),
                    );
                    toasts.info((t.get_untracked().vcard_exported)(cards.len()));
                }
                Err(e) => toasts.error(&e),
            }
        });
    };

    let on_file = move |_| {
        let Some(file) = input_ref
            .get()
            .and_then(|i| i.files())
            .and_then(|l| l.get(0))
        else {
            return;
        };
        let Some(db) = ws.db() else { return };
        busy.set(true);
        spawn_local(async move {
            let bytes = if file.size() > vcard::MAX_BYTES as f64 {
                None
            } else {
                JsFuture::from(file.array_buffer())
                    .await
                    .ok()
                    .map(|b| js_sys::Uint8Array::new(&b).to_vec())
            };
            let text = bytes.and_then(|b| String::from_utf8(b).ok());
            let result = match text {
                None => Ok(Read::NotText),
                Some(text) => store::all_people(&db).await.map(|(customers, contacts)| {
                    let (cards, errors) = vcard::parse_numbered(&text);
                    let known = Known::of(&customers, &contacts);
                    let plan = vcard::plan(&cards, &known, clock::today(), clock::now());
                    Read::Planned(Arc::new((plan, errors)))
                }),
            };
            match result {
                Ok(r) => read.set(Some(r)),
                Err(e) => toasts.error(&e),
            }
            if let Some(i) = input_ref.get_untracked() {
                i.set_value("");
            }
            busy.try_set(false);
        });
    };

    let commit = move |_| {
        let Some(Read::Planned(p)) = read.get_untracked() else {
            return;
        };
        let Some(db) = ws.db() else { return };
        busy.set(true);
        spawn_local(async move {
            let (plan, _) = &*p;
            match store::import_people(&db, &plan.customers, &plan.contacts).await {
                Ok(rows) => {
                    ws.apply(rows);
                    store::notify_changed();
                    toasts.info((t.get_untracked().vcard_imported)(
                        plan.customers.len(),
                        plan.contacts.len(),
                    ));
                    read.set(None);
                }
                Err(e) => toasts.error(&e),
            }
            busy.try_set(false);
        });
    };

    view! {
        <label class="btn file-pick">
                <Icon icon=lu::LuUpload />
                <span class="btn-text">{move || t.get().vcard_import}</span>
                <input node_ref=input_ref type="file" class="sr-only" accept=".vcf,text/vcard,text/x-vcard" data-testid="vcard-file" on:change=on_file />
            </label>
            <button class="btn" data-testid="vcard-export" on:click=export>
                <Icon icon=lu::LuDownload />
                <span class="btn-text">{move || t.get().vcard_export}</span>
            </button>
        <Modal
            open=Signal::derive(move || read.get().is_some())
            on_close=Callback::new(move |_| read.set(None))
            title=Signal::derive(move || t.get().vcard_title.to_string())
            class="modal-wide"
        >
            {move || read.get().map(|r| {
                let t = t.get();
                match r {
                    Read::NotText => view! { <p class="form-error" role="alert" data-testid="vcard-refused">{t.vcard_not_text}</p> }.into_any(),
                    Read::Planned(p) => {
                        let (plan, errors) = &*p;
                        let n = plan.customers.len() + plan.contacts.len();
                        let skipped = plan.skipped.len() + errors.len();
                        let rows = errors
                            .iter()
                            .map(|e| (e.card, e.problem.message(t)))
                            .chain(plan.skipped.iter().map(|(card, why)| (*card, why.message(t))))
                            .take(100)
                            .map(|(card, why)| view! { <tr><td class="num">{card}</td><td>{why}</td></tr> })
                            .collect_view();
                        view! {
                            <p role="status" data-testid="vcard-plan">{(t.vcard_plan)(plan.customers.len(), plan.contacts.len(), skipped)}</p>
                            {(skipped > 0).then(|| view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label=t.vcard_skipped_title>
                                    <table class="data-table compact" data-testid="vcard-skipped">
                                        <caption class="muted small">{t.vcard_skipped_title}</caption>
                                        <thead><tr><th scope="col" class="num">{t.col_card}</th><th scope="col">{t.col_why}</th></tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                            })}
                            <div class="form-actions">
                                <button class="btn" on:click=move |_| read.set(None)>{t.cancel}</button>
                                {if n > 0 {
                                    view! { <button class="btn btn-primary" data-testid="vcard-commit" disabled=move || busy.get() on:click=commit>{(t.vcard_do)(n)}</button> }.into_any()
                                } else {
                                    view! { <span class="muted">{t.vcard_nothing}</span> }.into_any()
                                }}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Modal>
    }
}
