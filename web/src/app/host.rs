//! Talking to the page that embeds this one. An embedded lesson tells its host how tall it is
//! and how far the student got, and takes the host's theme if the host sends one; the
//! messages are documented in `docs/embedding.md`.

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// The message a host sends to set the frame's theme: `{type: "clusterscope:theme", theme}`.
const THEME_MESSAGE: &str = "clusterscope:theme";
/// The message the frame sends its host after every change of size or progress.
const LESSON_MESSAGE: &str = "clusterscope:lesson";

/// What the host is told about a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub lesson: String,
    pub step: usize,
    pub steps: usize,
    pub finished: usize,
}

/// Whether this page runs inside a frame.
fn host() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (parent != window).then_some(parent)
}

/// Tells the host the frame's height and the lesson's progress, when either changed.
#[hook]
pub fn use_report_to_host(progress: Option<Progress>) {
    let last = use_mut_ref(|| None::<(f64, Option<Progress>)>);
    use_effect(move || {
        let Some(parent) = host() else { return };
        let height = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .map_or(0.0, |root| f64::from(root.scroll_height()));
        let now = Some((height, progress.clone()));
        if *last.borrow() == now {
            return;
        }
        *last.borrow_mut() = now;
        let message = js_sys::Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&message, &key.into(), &value);
        };
        set("type", LESSON_MESSAGE.into());
        set("height", height.into());
        if let Some(p) = &progress {
            set("lesson", p.lesson.as_str().into());
            set("step", (p.step as f64).into());
            set("steps", (p.steps as f64).into());
            set("finished", (p.finished as f64).into());
            set("done", (p.finished == p.steps).into());
        }
        // The numbers are not secret: any host may hear them.
        let _ = parent.post_message(&message, "*");
    });
}

/// Follows the theme a host sends (`light`, `dark` or `system`), for as long as the page lives.
#[hook]
pub fn use_host_theme(themes: &'static [&'static str], set: UseStateSetter<String>) {
    use_effect_with((), move |()| {
        let listener = host().zip(web_sys::window()).map(|(parent, window)| {
            EventListener::new(&window, "message", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else { return };
                // Only the embedding page sets the theme, not another frame or a popup.
                let source = js_sys::Reflect::get(event, &"source".into()).unwrap_or_default();
                if !js_sys::Object::is(&source, &parent) {
                    return;
                }
                let data = event.data();
                let field = |key: &str| {
                    js_sys::Reflect::get(&data, &key.into()).ok().and_then(|v| v.as_string())
                };
                if field("type").as_deref() == Some(THEME_MESSAGE) {
                    if let Some(theme) = field("theme").filter(|t| themes.contains(&t.as_str())) {
                        set.set(theme);
                    }
                }
            })
        });
        move || drop(listener)
    });
}
