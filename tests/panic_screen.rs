//! The panic screen: translated, with the details and a working reload button, built without
//! inline handlers (the CSP forbids them).
#![cfg(target_arch = "wasm32")]

use crm::domain::i18n::Lang;
use crm::domain::settings::Settings;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
fn the_panic_screen_speaks_the_users_language() {
    for lang in [Lang::Zh, Lang::En] {
        crm::store::save_settings(&Settings {
            lang,
            ..Settings::default()
        });
        let container = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&container).unwrap();
        crm::ui::panic::render_error_screen(&container, "index out of bounds: the len is 0");
        let screen = container
            .query_selector("[data-testid=panic-screen]")
            .unwrap()
            .expect("the screen is shown");
        let text = screen.text_content().unwrap();
        let t = lang.texts();
        assert!(text.contains(t.err_title), "{text}");
        assert!(text.contains(t.err_panic));
        assert!(
            text.contains("index out of bounds"),
            "details are kept for support"
        );
        let button = screen
            .query_selector("button")
            .unwrap()
            .expect("a reload button");
        assert_eq!(button.text_content().unwrap(), t.reload);
        assert!(
            button.get_attribute("onclick").is_none(),
            "no inline handler"
        );
        assert_eq!(screen.get_attribute("role").as_deref(), Some("alert"));
        container.remove();
    }
}
