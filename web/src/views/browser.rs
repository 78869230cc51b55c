//! The few places the page touches the browser beyond rendering: the address bar, the
//! clipboard, downloads and local files. Each helper fails softly (returns an error or does
//! nothing): a missing browser feature must never take the page down.

use wasm_bindgen::JsCast;

use super::l10n;

/// The value of the text field, range or select an event came from.
pub fn field_value(event: &impl AsRef<web_sys::Event>) -> Option<String> {
    let target = event.as_ref().target()?;
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        return Some(input.value());
    }
    target.dyn_ref::<web_sys::HtmlSelectElement>().map(|select| select.value())
}

/// The page's own styles as text, read from the stylesheets it has loaded (so a download can
/// carry them without the page holding a second copy of its CSS).
pub fn page_styles() -> String {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return String::new();
    };
    let sheets = document.style_sheets();
    let mut css = String::new();
    for i in 0..sheets.length() {
        let Some(sheet) = sheets.item(i).and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
        else {
            continue;
        };
        // A sheet from another origin refuses to be read; the page has none.
        let Ok(rules) = sheet.css_rules() else { continue };
        for j in 0..rules.length() {
            if let Some(rule) = rules.item(j) {
                css.push_str(&rule.css_text());
                css.push('\n');
            }
        }
    }
    css
}

/// A long measurement running in the measurement worker (`src/bin/measure_worker.rs`), a
/// Web Worker bundle the page loads only when a chart asks for one. Dropping it stops the
/// worker.
// Only the bundles of labs that measure use it (`measures`, set by web/build.rs).
#[cfg_attr(not(measures), allow(dead_code))]
pub struct Measurement {
    worker: web_sys::Worker,
    _on_message: wasm_bindgen::closure::Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: wasm_bindgen::closure::Closure<dyn Fn(web_sys::ErrorEvent)>,
}

#[cfg_attr(not(measures), allow(dead_code))]
impl Measurement {
    /// Starts a worker on `request` (JSON text); `on_line` gets each answer line, `on_error` a
    /// sentence if the worker cannot run.
    pub fn start(
        request: &str,
        on_line: yew::Callback<String>,
        on_error: yew::Callback<String>,
    ) -> Result<Measurement, String> {
        let on_message = yew::Callback::from(move |data: wasm_bindgen::JsValue| {
            if let Some(line) = data.as_string() {
                on_line.emit(line);
            }
        });
        let measurement = Measurement::open(on_message, on_error)?;
        measurement.post(&wasm_bindgen::JsValue::from_str(request), None)?;
        Ok(measurement)
    }

    /// Starts a worker that hands each message it posts, whatever it is, to `on_message`.
    pub fn open(
        on_message: yew::Callback<wasm_bindgen::JsValue>,
        on_error: yew::Callback<String>,
    ) -> Result<Measurement, String> {
        use wasm_bindgen::closure::Closure;
        // trunk names a worker's files after its binary, without a hash, beside the page;
        // web/measure-worker-loader.js starts it.
        let worker = web_sys::Worker::new("./measure-worker-loader.js")
            .map_err(|_| "this browser cannot start the measurement worker".to_string())?;
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                on_message.emit(event.data());
            });
        let on_error =
            Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                on_error.emit(format!("the measurement worker stopped: {}", event.message()));
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Measurement { worker, _on_message: on_message, _on_error: on_error })
    }

    /// Posts `message` to the worker, handing it the buffers in `transfer` (no copy).
    pub fn post(
        &self,
        message: &wasm_bindgen::JsValue,
        transfer: Option<&js_sys::Array>,
    ) -> Result<(), String> {
        let posted = match transfer {
            Some(transfer) => self.worker.post_message_with_transfer(message, transfer),
            None => self.worker.post_message(message),
        };
        posted.map_err(|_| "the measurement worker refused a message".to_string())
    }
}

impl Drop for Measurement {
    fn drop(&mut self) {
        // Unhooked first: a message the worker posted before it was stopped may still be
        // queued, and would call the dropped closure (a page error, seen once in CI after a
        // sweep's `done` line).
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// Milliseconds on the page's monotonic clock.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// What the address says about the session: the fragment (where links keep it, since servers
/// never see it), or else the query string of an older link, with its `#` or `?`.
pub fn link_text() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let hash = location.hash().unwrap_or_default();
    if hash.len() > 1 {
        return hash;
    }
    location.search().unwrap_or_default()
}

/// The page's address without its query or fragment: where links and iframes point.
pub fn base_url() -> String {
    web_sys::window()
        .map(|w| {
            let location = w.location();
            let origin = location.origin().unwrap_or_default();
            let path = location.pathname().unwrap_or_default();
            format!("{origin}{path}")
        })
        .unwrap_or_default()
}

/// Puts the link in the address bar's fragment (dropping an old-style query) without
/// reloading or adding a history entry.
pub fn replace_link(link: &str) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let wanted = format!("#{link}");
    if location.hash().unwrap_or_default() == wanted
        && location.search().unwrap_or_default().is_empty()
    {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let address = format!("{path}{wanted}");
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}

/// Loads the page afresh at `link`, as a query string: how the page opens a lab that its
/// bundle does not carry (index.html's loader then picks the bundle that does). The page
/// keeps the language a link fixed unless `link` fixes another.
pub fn load_page(link: &str) {
    let mut link = link.to_string();
    let fixed = form_urlencoded::parse(link.as_bytes()).any(|(key, _)| key == "lang");
    if let (false, Some(language)) = (fixed, l10n::pinned()) {
        link.push_str(&format!("&lang={language}"));
    }
    if let Some(window) = web_sys::window() {
        let path = window.location().pathname().unwrap_or_default();
        let _ = window.location().assign(&format!("{path}?{link}"));
    }
}

/// Copies `text` to the clipboard; the result says whether the browser allowed it.
pub async fn copy(text: String) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| "the browser did not allow copying; select the text and copy it".to_string())
}

/// Offers `contents` as a file download called `name`.
pub fn download(name: &str, mime: &str, contents: &str) {
    let blob = gloo_file::Blob::new_with_options(contents, Some(mime));
    let url = gloo_file::ObjectUrl::from(blob);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(anchor) = document.create_element("a") else { return };
    let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() else { return };
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // `url` is revoked when dropped; the click has already started the download.
}

/// Saves the picture on the first canvas matching `selector` as a PNG file; false if there
/// is no such canvas.
pub fn download_canvas(selector: &str, name: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let canvas = document.query_selector(selector).ok().flatten();
    let Some(canvas) = canvas.and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok()) else {
        return false;
    };
    let Ok(url) = canvas.to_data_url() else { return false };
    let Ok(anchor) = document.create_element("a") else { return false };
    let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() else { return false };
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    true
}

/// The markup of every element matching `selector`, e.g. the SVG diagrams of a kind.
pub fn outer_html_all(selector: &str) -> Vec<String> {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(selector).ok());
    let Some(found) = found else { return Vec::new() };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|element| element.outer_html())
        .collect()
}

/// Keeps `value` for this tab until [`take_for_tab`] reads it, across a reload; false if the
/// browser refused (a value past its storage quota, storage switched off).
pub fn keep_for_tab(key: &str, value: &str) -> bool {
    let storage = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    storage.is_some_and(|s| s.set_item(key, value).is_ok())
}

/// What [`keep_for_tab`] kept under `key`, removed as it is read.
pub fn take_for_tab(key: &str) -> Option<String> {
    let storage = web_sys::window()?.session_storage().ok()??;
    let value = storage.get_item(key).ok()??;
    let _ = storage.remove_item(key);
    Some(value)
}

/// What [`store`] kept under `key` on this machine (e.g. the theme a person picked), if any.
pub fn stored(key: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn store(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// Sets an attribute on `<html>` (the theme hook for the stylesheet).
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
}

/// The theme the page shows: its root's `data-theme`, with "system" resolved by the
/// browser's preference.
pub fn shown_theme() -> &'static str {
    let Some(window) = web_sys::window() else { return "light" };
    let picked = window
        .document()
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("data-theme"));
    match picked.as_deref() {
        Some("dark") => "dark",
        Some("light") => "light",
        _ => {
            let query = window.match_media("(prefers-color-scheme: dark)").ok().flatten();
            if query.is_some_and(|q| q.matches()) {
                "dark"
            } else {
                "light"
            }
        }
    }
}
