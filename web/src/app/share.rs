//! Sharing: the link to this exact moment, the iframe snippet for course pages, trace export
//! and import, and the diagrams as SVG files.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::session::MAX_TRACE_BYTES;
use crate::views::browser;
use crate::views::camera::{one_picture, standalone_svg};
use crate::views::l10n::{text, text_with};

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The query string of the link to this moment (without `embed`); `None` while playing,
    /// when the moment moves on every frame (and the space-time arrows are on a canvas, which
    /// an SVG export would miss).
    pub query: Option<String>,
    /// What the lab is, for the iframe's title (e.g. "ClusterScope: Basic Paxos, dueling-proposers").
    pub title: String,
    /// The trace file for this moment, built only when asked for.
    pub on_export: Callback<()>,
    /// The text of a trace file a person picked.
    pub on_import: Callback<String>,
    /// The cluster is painted on a canvas (a large cluster), so it exports as PNG.
    #[prop_or_default]
    pub canvas: bool,
    /// Recording the cluster for slides (`recording.rs`).
    #[prop_or_default]
    pub recorder: Html,
}

#[function_component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let status = use_state(|| None::<String>);
    let base = browser::base_url();
    // `what` names two messages: `{what}-copied` and `{what}-not-copied`.
    let copy = |copied: String, what: (&'static str, &'static str)| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let (status, copied) = (status.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(match browser::copy(copied).await {
                    Ok(()) => text(what.0),
                    Err(e) => text_with(what.1, &[("error", &e)]),
                }));
            });
        })
    };
    let export_svg = |selector: &'static str, name: &'static str| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| match one_picture(browser::outer_html_all(selector)) {
            Some(svg) => {
                let file = standalone_svg(&svg, &browser::page_styles(), "");
                browser::download(name, "image/svg+xml", &file)
            }
            None => status.set(Some(text_with("share-nothing-to-export", &[("file", name)]))),
        })
    };
    let export_png = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            if !browser::download_canvas("canvas.cluster", "cluster.png") {
                status.set(Some(text_with("share-nothing-to-export", &[("file", "cluster.png")])));
            }
        })
    };
    let on_file = {
        let (status, on_import) = (status.clone(), props.on_import.clone());
        Callback::from(move |event: Event| {
            let input = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            let Some(input) = input else { return };
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            // Let the same file be picked again after an edit.
            input.set_value("");
            if file.size() > MAX_TRACE_BYTES {
                let size = format!("{:.0}", file.size() / 1e6);
                let most = format!("{:.0}", MAX_TRACE_BYTES / 1e6);
                let args = [("file", file.name()), ("size", size), ("most", most)];
                let args = args.each_ref().map(|(name, value)| (*name, value.as_str()));
                status.set(Some(text_with("share-file-too-big", &args)));
                return;
            }
            let (status, on_import) = (status.clone(), on_import.clone());
            status.set(Some(text_with("share-reading", &[("file", &file.name())])));
            wasm_bindgen_futures::spawn_local(async move {
                match gloo_file::futures::read_as_text(&gloo_file::File::from(file)).await {
                    Ok(text) => {
                        status.set(None);
                        on_import.emit(text);
                    }
                    Err(e) => status
                        .set(Some(text_with("share-unreadable", &[("error", &e.to_string())]))),
                }
            });
        })
    };
    html! {
        <section class="share" aria-label={text("share.aria-label")}>
            <h2>{ text("share") }</h2>
            { match &props.query {
                Some(query) => share_links(&base, query, &props.title, &copy),
                None => html! { <p>{ text("share-pause-for-link") }</p> },
            } }
            <div class="files">
                <button onclick={props.on_export.reform(|_| ())}>{ text("share-export-trace") }</button>
                <label class="file">{ text("share-import-trace") }{ " " }
                    <input type="file" accept=".json,application/json" onchange={on_file} /></label>
                if props.canvas {
                    <button onclick={export_png.clone()}>{ text("share-export-png") }</button>
                } else {
                    <button onclick={export_svg("svg.cluster", "cluster.svg")}>{ text("share-export-svg") }</button>
                }
                <button onclick={export_svg("figure.spacetime svg", "space-time.svg")}
                    disabled={props.query.is_none()} title={text("share-export-spacetime.title")}>
                    { text("share-export-spacetime") }</button>
            </div>
            { for status.as_ref().map(|s| html! { <p class="status" role="status">{ s }</p> }) }
            { props.recorder.clone() }
        </section>
    }
}

/// The link to this moment and the iframe snippet, each with a copy button.
fn share_links(
    base: &str,
    query: &str,
    title: &str,
    copy: &dyn Fn(String, (&'static str, &'static str)) -> Callback<MouseEvent>,
) -> Html {
    let link = format!("{base}#{query}");
    let src = format!("{base}#{query}&embed=1").replace('&', "&amp;").replace('"', "&quot;");
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    let snippet = format!(
        "<iframe src=\"{src}\" width=\"560\" height=\"640\" title=\"{title}\" \
         style=\"border:0\" loading=\"lazy\"></iframe>"
    );
    html! {
        <>
            <label>{ text("share-link") }{ " " }
                <input type="text" readonly=true value={link.clone()} class="wide" /></label>
            <button onclick={copy(link, ("share-link-copied", "share-link-not-copied"))}>{ text("share-copy-link") }</button>
            <label>{ text("share-embed") }{ " " }
                <input type="text" readonly=true value={snippet.clone()} class="wide" /></label>
            <button onclick={copy(snippet, ("share-snippet-copied", "share-snippet-not-copied"))}>{ text("share-copy-snippet") }</button>
        </>
    }
}
