//! How to reach a customer, at the top of their page: each phone as a tap-to-call link, each
//! e-mail as a mail link, the WeChat id copied with one tap.

use crate::ui::state::use_texts;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Puts `text` on the clipboard; false where the browser offers no clipboard.
fn copy_text(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    // `navigator.clipboard` (absent outside secure contexts) without another web-sys feature.
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match write {
        Some(f) => f.call1(&clipboard, &text.into()).is_ok(),
        None => false,
    }
}

/// The customer's phones, e-mails and WeChat id as actions.
#[component]
pub fn Reach(phones: Vec<String>, emails: Vec<String>, wechat: String) -> impl IntoView {
    let t = use_texts();
    let toasts = use_toasts();
    if phones.is_empty() && emails.is_empty() && wechat.is_empty() {
        return None;
    }
    let calls = phones
        .into_iter()
        .map(|p| {
            let href = crate::domain::validate::tel_href(&p);
            view! {
                <a class="btn btn-small reach-call" href=href data-testid="reach-call">
                    <Icon icon=lu::LuPhone />
                    <span>{p}</span>
                </a>
            }
        })
        .collect_view();
    let mails = emails
        .into_iter()
        .map(|e| {
            let href = format!("mailto:{e}");
            view! {
                <a class="btn btn-small" href=href data-testid="reach-mail">
                    <Icon icon=lu::LuMail />
                    <span>{e}</span>
                </a>
            }
        })
        .collect_view();
    let wechat = (!wechat.is_empty()).then(|| {
        let id = wechat.clone();
        view! {
            <button
                type="button"
                class="btn btn-small"
                data-testid="reach-wechat"
                aria-label=move || format!("{} {}", t.get().copy_wechat, id)
                on:click=move |_| {
                    let tt = t.get_untracked();
                    if copy_text(&wechat) {
                        toasts.info(tt.wechat_copied);
                    } else {
                        toasts.info(tt.copy_unavailable);
                    }
                }
            >
                <Icon icon=lu::LuMessageCircle />
                <span>{wechat.clone()}</span>
                <Icon icon=lu::LuCopy />
            </button>
        }
    });
    Some(view! {
        <div class="reach" data-testid="reach">
            {calls}
            {mails}
            {wechat}
        </div>
    })
}
