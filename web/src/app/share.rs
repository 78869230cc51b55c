//! Sharing: the link to this exact moment, the iframe snippet for course pages, trace export
//! and import, and the diagrams as SVG files.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::session::MAX_TRACE_BYTES;
use crate::views::browser;
use crate::views::camera::{one_picture, standalone_svg};

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
    let copy = |text: String, what: &'static str| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let (status, text) = (status.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                status.set(Some(match browser::copy(text).await {
                    Ok(()) => format!("{what} copied."),
                    Err(e) => format!("Could not copy the {what}: {e}."),
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
            None => status.set(Some(format!("There is no {name} on the page to export."))),
        })
    };
    let export_png = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            if !browser::download_canvas("canvas.cluster", "cluster.png") {
                status.set(Some("There is no cluster picture on the page to export.".into()));
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
                status.set(Some(format!(
                    "{} is {:.0} MB; the page opens trace files up to {:.0} MB.",
                    file.name(),
                    file.size() / 1e6,
                    MAX_TRACE_BYTES / 1e6
                )));
                return;
            }
            let (status, on_import) = (status.clone(), on_import.clone());
            status.set(Some(format!("Reading {}…", file.name())));
            wasm_bindgen_futures::spawn_local(async move {
                match gloo_file::futures::read_as_text(&gloo_file::File::from(file)).await {
                    Ok(text) => {
                        status.set(None);
                        on_import.emit(text);
                    }
                    Err(e) => status.set(Some(format!("Could not read the file: {e}."))),
                }
            });
        })
    };
    html! {
        <section class="share" aria-label="Share and export">
            <h2>{ "Share" }</h2>
            { match &props.query {
                Some(query) => share_links(&base, query, &props.title, &copy),
                None => html! { <p>{ "Pause to get a link to this exact moment." }</p> },
            } }
            <div class="files">
                <button onclick={props.on_export.reform(|_| ())}>{ "Export trace (JSON)" }</button>
                <label class="file">{ "Import trace " }
                    <input type="file" accept=".json,application/json" onchange={on_file} /></label>
                if props.canvas {
                    <button onclick={export_png.clone()}>{ "Export cluster (PNG)" }</button>
                } else {
                    <button onclick={export_svg("svg.cluster", "cluster.svg")}>{ "Export cluster (SVG)" }</button>
                }
                <button onclick={export_svg("figure.spacetime svg", "space-time.svg")}
                    disabled={props.query.is_none()} title="Pause first: while playing, arrows are painted, not SVG">
                    { "Export space-time diagram (SVG)" }</button>
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
    copy: &dyn Fn(String, &'static str) -> Callback<MouseEvent>,
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
            <label>{ "Link to this moment " }
                <input type="text" readonly=true value={link.clone()} class="wide" /></label>
            <button onclick={copy(link, "link")}>{ "Copy link" }</button>
            <label>{ "Embed in a course page " }
                <input type="text" readonly=true value={snippet.clone()} class="wide" /></label>
            <button onclick={copy(snippet, "iframe snippet")}>{ "Copy iframe snippet" }</button>
        </>
    }
}
