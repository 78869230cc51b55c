//! The page's own words (buttons, labels, help), in the language the page shows.
//!
//! The words live in Project Fluent files, `web/page/l10n/<language>.ftl`, one per language
//! (and the Check tab's in `<language>/check.ftl`, loaded only by the labs that have it);
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
//!
//! The shipped scenarios' and lessons' narration is written in English in their TOML files;
//! other languages keep it in one Fluent file a lab, `web/page/l10n/<language>/<lab>.ftl`,
//! under ids made here ([`scenario_line_id`], [`lesson_id`]).
//!
//! Everything else the page shows in words is English in the Rust source, and other
//! languages translate it in one file for every lab, `<language>/common.ftl`: the event lines
//! the cores and labs make (`said!`, a `sim::Line`, translated when shown by [`said`]), and the
//! labs' and views' own words (what a server's circle says, a table's headers, a setting's
//! label, an inspector's rows), marked where they are written: `en!("Server states")` for a
//! fixed text (the literal itself, so it fits in constants; translated where it is shown, by
//! [`tr`]) and `tr!("term {term}", term)` for one with values. A translation's id is made from
//! its English: `en-` and its fingerprint ([`fingerprint`]), with the English in the comment
//! above. So the bundle carries no ids for them, and changed English is a missing
//! translation, which the test reports with the id to write.
//!
//! The loader fetches both files alongside the lab's bundle (far larger, so they are nearly
//! always there first) without waiting for them: until they are there, or if they never
//! come, all of these show in English, and the page draws again when they arrive
//! ([`when_narrated`]). Words made once while the page starts (a link's notes) stay in the
//! language they were made in. `web/tests/l10n.rs` checks every file against the TOML and
//! the source, including that the English has not changed since it was translated.

use std::cell::Cell;
use std::fmt::Display;

#[cfg(lessons)]
use clusterscope_core::lesson::Template;
use clusterscope_core::sim::{Line, Value};

thread_local! {
    /// Whether words are looked up in the translations: never in English, whose words the
    /// source holds (so an English page never asks JavaScript), and in another language once
    /// its files have arrived. `None` until the loader has said either.
    static TRANSLATING: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Marks English the page shows in its language: the literal itself, translated where it is
/// shown with [`tr`](crate::views::l10n::tr). web/tests/l10n.rs finds every `en!` and
/// asks each language's `common.ftl` for it.
#[macro_export]
macro_rules! en {
    ($english:literal) => {
        $english
    };
}

/// English with values in the page's language: `tr!("term {term}", term = node.term())`,
/// or `tr!("runs {count}", count)` for a value named as its hole. The holes are named and
/// each is given, as in `said!`; but where a `said!` line is data translated when shown, this
/// is translated at once, which costs the bundle less (the Tasks bundle was 1.1 KiB larger
/// with `tr!` written as a `said!` line shown at once).
#[macro_export]
macro_rules! tr {
    (@value $name:ident) => {
        $name
    };
    (@value $name:ident = $value:expr) => {
        $value
    };
    ($english:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::views::l10n::tr_with(
            $english,
            &[$((stringify!($name), &$crate::tr!(@value $name $(= $value)?) as &dyn ::core::fmt::Display)),*],
        )
    };
}

/// FNV-1a, 32 bits: names an English text (an event line, a view's words) in the translation
/// files (`en-1f0a33c2`), and stamps the narration's translations with the English they were
/// made from.
pub fn fingerprint(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The message id an English text is translated under: `en-` and its fingerprint.
pub fn tr_id(english: &str) -> String {
    format!("en-{:08x}", fingerprint(english))
}

/// A text marked `en!` in the page's language: as written until the translations arrive,
/// and where there is none.
pub fn tr(english: &str) -> String {
    if !has_words(english) || !translating() {
        return english.to_string();
    }
    glue::narrate(&tr_id(english), "").unwrap_or_else(|| english.to_string())
}

/// [`tr!`]'s work: `english`'s holes filled with `values`, in the page's language.
pub fn tr_with(english: &str, values: &[(&str, &dyn Display)]) -> String {
    let shown: Vec<(&str, String)> =
        values.iter().map(|(name, value)| (*name, value.to_string())).collect();
    if translating() {
        let packed = pack(shown.iter().map(|(name, value)| (*name, value.as_str())));
        if let Some(translated) = glue::narrate(&tr_id(english), &packed) {
            return translated;
        }
    }
    let mut filled = String::new();
    let mut rest = english;
    while let Some((before, after)) = rest.split_once('{') {
        let (hole, after) = after.split_once('}').unwrap_or((after, ""));
        filled.push_str(before);
        let value = shown.iter().find(|(name, _)| *name == hole);
        filled.push_str(value.map_or(hole, |(_, value)| value.as_str()));
        rest = after;
    }
    filled.push_str(rest);
    filled
}

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
    glue::format(id, &pack(args.iter().copied())).unwrap_or_else(|| id.to_string())
}

/// Variables as one string across to JavaScript, `name=value` pairs each ended by NUL: far
/// less glue in the bundle than building a JavaScript object field by field.
fn pack<'a>(args: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut packed = String::new();
    for (name, value) in args {
        packed.push_str(name);
        packed.push('=');
        packed.push_str(value);
        packed.push('\0');
    }
    packed
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

/// Whether narration needs translating: text made only of server names, values and
/// numbers (`S3`, `1.S2`, `none`… anything without a lowercase word) reads the same in
/// every language and is shown as written.
pub fn has_words(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic()).any(|word| {
        word.len() > 1 && word.bytes().any(|b| b.is_ascii_lowercase()) && word != "none"
    })
}

/// The `n`th (from 1) narrated line of a shipped scenario: `scenario-figure8.line-3`.
pub fn scenario_line_id(scenario: &str, n: usize) -> String {
    format!("scenario-{scenario}.line-{n}")
}

/// A part of a lesson that is shown to the student.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonPart {
    Title,
    Say,
    Ask,
    /// The choice at this index (from 0, as in the lesson).
    Choice(usize),
    Reveal,
    Task,
    Hint,
}

/// The message of a lesson's part in step `step` (from 0, as the page counts): the title is
/// `lesson-raft-election`, the rest its attributes, numbered from 1 as a reader counts:
/// `lesson-raft-election.step-2-ask`, `.step-2-choice-1`, `.step-2` (what the step says).
pub fn lesson_id(lesson: &str, step: usize, part: LessonPart) -> String {
    let step = step + 1;
    match part {
        LessonPart::Title => format!("lesson-{lesson}"),
        LessonPart::Say => format!("lesson-{lesson}.step-{step}"),
        LessonPart::Ask => format!("lesson-{lesson}.step-{step}-ask"),
        LessonPart::Choice(i) => format!("lesson-{lesson}.step-{step}-choice-{}", i + 1),
        LessonPart::Reveal => format!("lesson-{lesson}.step-{step}-reveal"),
        LessonPart::Task => format!("lesson-{lesson}.step-{step}-task"),
        LessonPart::Hint => format!("lesson-{lesson}.step-{step}-hint"),
    }
}

/// The Fluent variable a template's hole becomes: its letters and digits joined by `_`, as
/// Fluent names are (`{leader.term}` is `{ $leader_term }`, `{count(up = true)}` is
/// `{ $count_up_true }`).
pub fn hole_variable(hole: &str) -> String {
    let parts = hole.split(|c: char| !c.is_ascii_alphanumeric()).filter(|part| !part.is_empty());
    parts.collect::<Vec<_>>().join("_")
}

/// Narration in the page's language: `english` unless the lab's narration file has it.
pub fn narrated(id: &str, english: &str) -> String {
    if !has_words(english) || !translating() {
        return english.to_string();
    }
    glue::narrate(id, "").unwrap_or_else(|| english.to_string())
}

/// A line of the events' narration from the protocol cores in the page's language, each
/// phrase within it too; its English where there is no translation.
pub fn said(line: &Line) -> String {
    if line.untranslated || !translating() {
        return line.to_string();
    }
    let args: Vec<(&str, String)> = line
        .args
        .iter()
        .map(|(name, value)| match value {
            // A broken property's name, in a violation's line: the invariants row's words.
            Value::Plain(text) if *name == "property" => (*name, property(text)),
            Value::Plain(text) => (*name, text.clone()),
            Value::Said(phrase) => (*name, said(phrase)),
            Value::List(phrases) => {
                let each: Vec<String> = phrases.iter().map(said).collect();
                (*name, each.join(&text("list-separator")))
            }
        })
        .collect();
    let packed = pack(args.iter().map(|(name, value)| (*name, value.as_str())));
    glue::narrate(&tr_id(line.english()), &packed).unwrap_or_else(|| line.to_string())
}

/// A reveal in the page's language, the translation's variables turned back into the
/// template's holes; the English template when there is no translation.
#[cfg(lessons)]
pub fn narrated_template(id: &str, english: &Template) -> Template {
    if !translating() {
        return english.clone();
    }
    let args: Vec<_> =
        english.holes().map(|hole| (hole_variable(hole), format!("{{{hole}}}"))).collect();
    glue::narrate(id, &pack(args.iter().map(|(name, hole)| (name.as_str(), hole.as_str()))))
        .and_then(|text| Template::parse(&text).ok())
        .unwrap_or_else(|| english.clone())
}

/// Whether to look words up in the translations now ([`TRANSLATING`]).
fn translating() -> bool {
    TRANSLATING.get().unwrap_or_else(|| {
        let known = glue::translating();
        TRANSLATING.set(known);
        known.unwrap_or(false)
    })
}

/// Calls `then` when the translations arrive after the page has started (at once if they
/// came first); never in English, or if they do not come.
pub fn when_narrated(then: impl FnOnce() + 'static) {
    glue::when_narrated(move || {
        TRANSLATING.set(Some(true));
        then();
    });
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
        #[wasm_bindgen(catch, js_namespace = clusterscopeWords, js_name = narrate)]
        fn fluent_narrate(id: &str, args: &str) -> Result<JsValue, JsValue>;
        #[wasm_bindgen(catch, js_namespace = clusterscopeWords, js_name = translating)]
        fn fluent_translating() -> Result<JsValue, JsValue>;
        #[wasm_bindgen(catch, js_namespace = clusterscopeWords, js_name = whenNarrated)]
        fn fluent_when_narrated(then: JsValue) -> Result<(), JsValue>;
    }

    /// `None` for a missing message (the loader's `narrate` returns `undefined`). The loader
    /// keeps what it has formatted: the views ask for the same words on every frame.
    pub fn narrate(id: &str, args: &str) -> Option<String> {
        fluent_narrate(id, args).ok()?.as_string()
    }

    /// `None` while the translations are on their way; no loader (a test) is English.
    pub fn translating() -> Option<bool> {
        fluent_translating().map_or(Some(false), |v| v.as_bool())
    }

    pub fn when_narrated(then: impl FnOnce() + 'static) {
        let _ = fluent_when_narrated(Closure::once_into_js(then));
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

    pub fn narrate(_id: &str, _args: &str) -> Option<String> {
        None
    }

    pub fn translating() -> Option<bool> {
        Some(false)
    }

    pub fn when_narrated(_then: impl FnOnce() + 'static) {}
}
