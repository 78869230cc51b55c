//! Keyboard shortcuts for the whole page (listed in the `?` overlay).

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What a shortcut asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    PlayPause,
    StepForward,
    StepBack,
    Start,
    End,
    NextNarration,
    Help,
    Escape,
    /// Pause the selected server (the leader, if none is selected) for two seconds.
    Pause,
    /// The selected server's clock runs at half speed.
    SlowClock,
    /// The selected server's clock jumps back half a second.
    ClockBack,
}

fn key_of(name: &str) -> Option<Key> {
    Some(match name {
        " " => Key::PlayPause,
        "ArrowRight" => Key::StepForward,
        "ArrowLeft" => Key::StepBack,
        "Home" => Key::Start,
        "End" => Key::End,
        "n" => Key::NextNarration,
        "?" => Key::Help,
        "Escape" => Key::Escape,
        "p" => Key::Pause,
        "d" => Key::SlowClock,
        "j" => Key::ClockBack,
        _ => return None,
    })
}

/// Calls `on_key` for each shortcut pressed anywhere on the page, except while typing in a
/// field. The listener is replaced whenever `on_key` changes, so it never acts on stale state.
#[hook]
pub fn use_shortcuts(on_key: Callback<Key>) {
    use_effect_with(on_key, move |on_key| {
        let on_key = on_key.clone();
        let listener = web_sys::window().and_then(|w| w.document()).map(|document| {
            // Not passive: space must not also scroll the page.
            let options = gloo_events::EventListenerOptions::enable_prevent_default();
            gloo_events::EventListener::new_with_options(
                &document,
                "keydown",
                options,
                move |event| {
                    let Some(press) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if press.ctrl_key() || press.meta_key() || press.alt_key() || typing(press) {
                        return;
                    }
                    // Space and Enter on a focused button already press it.
                    if press.key() == " " && on_button(press) {
                        return;
                    }
                    if let Some(key) = key_of(&press.key()) {
                        press.prevent_default();
                        on_key.emit(key);
                    }
                },
            )
        });
        move || drop(listener)
    });
}

/// Whether a key press belongs to a text field (shortcuts must not steal it).
fn typing(press: &web_sys::KeyboardEvent) -> bool {
    target_tag(press).is_some_and(|tag| matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

fn on_button(press: &web_sys::KeyboardEvent) -> bool {
    target_tag(press).is_some_and(|tag| matches!(tag.as_str(), "BUTTON" | "SUMMARY" | "A"))
}

fn target_tag(press: &web_sys::KeyboardEvent) -> Option<String> {
    press.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|e| e.tag_name())
}
