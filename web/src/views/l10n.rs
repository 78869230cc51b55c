//! The page's own words (buttons, labels, help), in the language the page shows.
//!
//! The words live in Project Fluent files, `web/page/l10n/<language>.ftl`, one per language;
//! views ask for a message by its id (`text("play")`) or for one of its attributes
//! (`text("play.title")`). index.html's loader picks the language (the link's `lang`, else
//! the first of the browser's languages the page speaks, else English), loads that file into
//! `@fluent/bundle`, Project Fluent's JavaScript implementation, and leaves it on
//! `globalThis.clusterscopeWords` before the lab starts. The JavaScript implementation takes
//! plural and number rules from the browser's `Intl`: 4 KiB gzipped, where the Rust crate
//! carries its own rules and parser for about 30 KiB more in every lab's bundle.
//!
//! Without the loader (the library's tests in Chromium, native builds) a message reads as
//! its id, so a missing file shows ids instead of blank buttons.

/// The languages the page speaks: (the `lang` a link carries, the language's own name).
pub const LANGUAGES: [(&str, &str); 2] = [("en", "English"), ("zh", "中文")];

/// The message `id` (or `id.attribute`) in the page's language.
pub fn text(id: &str) -> String {
    text_with(id, &[])
}

/// The message `id` with its variables, e.g. `text_with("jump-to-step", &[("step", "12")])`.
/// A value that reads as a number is one to Fluent, which picks plural forms by it (and
/// shows it as given, without grouping digits).
pub fn text_with(id: &str, args: &[(&str, &str)]) -> String {
    // One string across to JavaScript, `name=value` pairs ended by NUL: far less glue in
    // the bundle than building a JavaScript object field by field.
    let mut packed = String::new();
    for (name, value) in args {
        packed.push_str(name);
        packed.push('=');
        packed.push_str(value);
        packed.push('\0');
    }
    glue::format(id, &packed).unwrap_or_else(|| id.to_string())
}

/// A safety property's name (as the protocol cores call it: "election safety", or
/// "single leader: at most one completion") in the page's language. Each part of the name
/// is the message `property-<the part, dashed>`; a part without one stays as it is.
pub fn property(name: &str) -> String {
    let parts = name.split(": ").map(|part| {
        let id = property_id(part);
        let shown = text(&id);
        if shown == id {
            part.to_string()
        } else {
            shown
        }
    });
    parts.collect::<Vec<_>>().join(": ")
}

/// The message id of one part of a property's name: `leader append-only` →
/// `property-leader-append-only`.
pub fn property_id(part: &str) -> String {
    let dashed: String = part
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    format!("property-{dashed}")
}

/// The language the page shows, one of [`LANGUAGES`]' keys.
pub fn language() -> &'static str {
    let shown = glue::language();
    LANGUAGES.iter().map(|(key, _)| *key).find(|key| *key == shown).unwrap_or(LANGUAGES[0].0)
}

/// The language a link asked for (and so links made from this page carry), if one did: a
/// language picked from the browser's settings stays out of links, so a shared link opens
/// in the language of whoever opens it.
pub fn pinned() -> Option<&'static str> {
    glue::pinned().then(language)
}

#[cfg(target_arch = "wasm32")]
mod glue {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        // `catch`: without the loader the global is missing, and reading it throws.
        #[wasm_bindgen(catch, js_namespace = clusterscopeWords, js_name = format)]
        fn fluent_format(id: &str, args: &str) -> Result<JsValue, JsValue>;
        #[wasm_bindgen(catch, js_namespace = clusterscopeWords, js_name = language)]
        fn fluent_language() -> Result<JsValue, JsValue>;
        #[wasm_bindgen(catch, js_namespace = clusterscopeWords, js_name = pinned)]
        fn fluent_pinned() -> Result<JsValue, JsValue>;
    }

    pub fn format(id: &str, args: &str) -> Option<String> {
        fluent_format(id, args).ok()?.as_string()
    }

    pub fn language() -> String {
        fluent_language().ok().and_then(|v| v.as_string()).unwrap_or_default()
    }

    pub fn pinned() -> bool {
        fluent_pinned().ok().is_some_and(|v| v.is_truthy())
    }
}

/// Native builds (the library's tests) have no page: every message reads as its id.
#[cfg(not(target_arch = "wasm32"))]
mod glue {
    pub fn format(_id: &str, _args: &str) -> Option<String> {
        None
    }

    pub fn language() -> String {
        String::new()
    }

    pub fn pinned() -> bool {
        false
    }
}
