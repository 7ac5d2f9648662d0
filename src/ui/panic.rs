//! A panic must never leave a frozen page: log it, then replace the page with a translated
//! error screen and a reload button, built with plain DOM calls (the reactive system may be in
//! an inconsistent state, and inline handlers are forbidden by the Content-Security-Policy).

use crate::store;
use wasm_bindgen::prelude::*;

/// Installs the panic hook.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_error_screen(&info.to_string());
    }));
}

fn show_error_screen(details: &str) {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    body.set_inner_html("");
    render_error_screen(&body, details);
}

/// Appends the error screen to `container`, in the language of the saved preferences.
pub fn render_error_screen(container: &web_sys::Element, details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let t = store::load_settings().lang.texts();
    let build = || -> Result<(), JsValue> {
        let screen = document.create_element("div")?;
        screen.set_class_name("panic-screen");
        screen.set_attribute("role", "alert")?;
        screen.set_attribute("data-testid", "panic-screen")?;
        let title = document.create_element("h1")?;
        title.set_text_content(Some(t.err_title));
        let text = document.create_element("p")?;
        text.set_text_content(Some(t.err_panic));
        let button = document.create_element("button")?;
        button.set_class_name("btn btn-primary");
        button.set_text_content(Some(t.reload));
        let reload = Closure::<dyn FnMut()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref())?;
        reload.forget();
        let more = document.create_element("details")?;
        let summary = document.create_element("summary")?;
        summary.set_text_content(Some(t.err_details));
        let pre = document.create_element("pre")?;
        pre.set_text_content(Some(details));
        more.append_child(&summary)?;
        more.append_child(&pre)?;
        screen.append_child(&title)?;
        screen.append_child(&text)?;
        screen.append_child(&button)?;
        screen.append_child(&more)?;
        container.append_child(&screen)?;
        Ok(())
    };
    let _ = build();
}
