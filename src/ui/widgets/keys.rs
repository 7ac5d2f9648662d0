//! Keyboard handling that respects Chinese input methods: while an IME is composing, Enter
//! picks a candidate and Esc cancels the composition, so neither may save or close anything.

use web_sys::KeyboardEvent;

/// Whether the key event belongs to an IME composition. `isComposing` covers most browsers;
/// Safari reports the Enter that ends a composition with `isComposing == false` but the legacy
/// key code 229, so that is checked too.
pub fn composing(ev: &KeyboardEvent) -> bool {
    #[allow(deprecated)]
    let legacy = ev.key_code() == 229;
    ev.is_composing() || legacy
}

/// A plain Enter (no IME, no Shift) that should submit the form.
pub fn is_submit(ev: &KeyboardEvent) -> bool {
    ev.key() == "Enter" && !ev.shift_key() && !composing(ev)
}

/// Escape outside an IME composition.
pub fn is_escape(ev: &KeyboardEvent) -> bool {
    ev.key() == "Escape" && !composing(ev)
}

/// Ctrl+K or ⌘+K.
pub fn is_palette_shortcut(ev: &KeyboardEvent) -> bool {
    (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k")
}

/// A form's keyboard: Esc cancels; Enter in a text box saves, and in a multi-line box adds a
/// line unless Ctrl/⌘ is held — never while an input method is composing. The browser's own
/// implicit submission is always stopped: it does not know about input methods.
pub fn form_keydown(ev: &KeyboardEvent, submit: impl FnOnce(), cancel: impl FnOnce()) {
    if is_escape(ev) {
        ev.prevent_default();
        cancel();
        return;
    }
    if ev.key() != "Enter" {
        return;
    }
    use wasm_bindgen::JsCast;
    let tag = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.tag_name())
        .unwrap_or_default();
    let in_text_area = tag.eq_ignore_ascii_case("textarea");
    if tag.eq_ignore_ascii_case("input") || (in_text_area && (ev.ctrl_key() || ev.meta_key())) {
        ev.prevent_default();
        if is_submit(ev) || (in_text_area && !composing(ev)) {
            submit();
        }
    }
}

/// Focuses the first invalid field of the page's form, after the next frame (when the
/// messages are shown).
pub fn focus_first_invalid() {
    leptos::prelude::request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(".field-invalid input, .field-invalid textarea")
                    .ok()
                    .flatten()
            })
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// The keys of a combobox's list of `n` options, `active` the highlighted one: ↓ and ↑ move
/// it (round the ends), Enter picks it — returned, for the caller to choose. Nothing while an
/// input method composes (its Enter picks a candidate, not an option).
pub fn listbox_key(
    ev: &KeyboardEvent,
    n: usize,
    active: leptos::prelude::RwSignal<usize>,
) -> Option<usize> {
    use leptos::prelude::*;
    if n == 0 || composing(ev) {
        return None;
    }
    match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            active.update(|a| *a = (*a + 1) % n);
            None
        }
        "ArrowUp" => {
            ev.prevent_default();
            active.update(|a| *a = (*a + n - 1) % n);
            None
        }
        "Enter" => {
            ev.prevent_default();
            ev.stop_propagation();
            Some(active.get_untracked().min(n - 1))
        }
        _ => None,
    }
}
