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
