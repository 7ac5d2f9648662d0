//! Tells other tabs of the app that data changed, so their lists refresh.

use std::rc::Rc;
use wasm_bindgen::prelude::*;

const CHANNEL: &str = "zhike-crm-changes";

thread_local! {
    /// This tab's mark on its messages. A BroadcastChannel delivers a message to every other
    /// channel object of the same name, including this tab's own subscriber, which must not
    /// reload (and rebuild the page under the user) for a change it made itself.
    static TAB: String = format!("{:x}", (js_sys::Math::random() * 9.007_199_254_740_991e15) as u64);
}

fn channel() -> Option<web_sys::BroadcastChannel> {
    web_sys::BroadcastChannel::new(CHANNEL).ok()
}

/// Announces a committed change to the other tabs.
pub fn notify_changed() {
    if let Some(c) = channel() {
        let _ = TAB.with(|tab| c.post_message(&JsValue::from_str(tab)));
        c.close();
    }
}

/// A subscription to changes made in other tabs; dropping it unsubscribes.
pub struct ChangeFeed {
    channel: web_sys::BroadcastChannel,
    _handler: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl ChangeFeed {
    /// Calls `on_change` whenever another tab announces a change. `None` where the browser has
    /// no BroadcastChannel.
    pub fn subscribe(on_change: impl Fn() + 'static) -> Option<Self> {
        let channel = channel()?;
        let on_change = Rc::new(on_change);
        let handler =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let own = TAB.with(|tab| e.data().as_string().as_deref() == Some(tab.as_str()));
                if !own {
                    on_change();
                }
            });
        channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        Some(ChangeFeed {
            channel,
            _handler: handler,
        })
    }
}

impl Drop for ChangeFeed {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
