//! Whether an embedded frame can be seen: its page is not hidden (another tab, a minimised
//! window) and the frame is at least partly inside the host page's viewport. An embed that
//! cannot be seen stops playing and goes on where it stopped when it can, so a course page
//! with a dozen frames spends nothing on the ones scrolled away. (A hidden tab already gets
//! no animation frames; a frame scrolled off screen in a visible tab still would.)

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Watches, while `watch` holds, whether this document can be seen; true otherwise.
#[hook]
pub fn use_on_screen(watch: bool) -> bool {
    let in_view = use_state(|| true);
    let shown = use_state(|| true);
    {
        let in_view = in_view.setter();
        use_effect_with(watch, move |&watch| {
            let observer = watch.then(|| observe_viewport(in_view)).flatten();
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    {
        let shown = shown.setter();
        use_effect_with(watch, move |&watch| {
            let listener = watch.then(|| watch_visibility(shown)).flatten();
            move || {
                if let Some((document, callback)) = listener {
                    let _ = document.remove_event_listener_with_callback(
                        "visibilitychange",
                        callback.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    *in_view && *shown
}

type Observed = (web_sys::IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>);

/// An observer of the document's root element against the top-level viewport (the implicit
/// root, which for a frame is the host page's).
fn observe_viewport(in_view: UseStateSetter<bool>) -> Option<Observed> {
    let root = web_sys::window()?.document()?.document_element()?;
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The latest entry says how things stand now.
        let last = entries.iter().last();
        if let Some(entry) =
            last.and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        {
            in_view.set(entry.is_intersecting());
        }
    });
    let observer = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&root);
    Some((observer, callback))
}

type Listened = (web_sys::Document, Closure<dyn FnMut()>);

fn watch_visibility(shown: UseStateSetter<bool>) -> Option<Listened> {
    let document = web_sys::window()?.document()?;
    let read = document.clone();
    let callback = Closure::<dyn FnMut()>::new(move || shown.set(!read.hidden()));
    document
        .add_event_listener_with_callback("visibilitychange", callback.as_ref().unchecked_ref())
        .ok()?;
    Some((document, callback))
}
