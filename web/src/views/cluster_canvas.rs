//! A large cluster painted on a canvas: members on a sunflower disc (Vogel's spiral, even
//! density with no rings to read meaning into), each filled and outlined as its protocol
//! says, messages in flight as dots sliding along faint lines, lost ones as crosses. Each
//! colour is one path and one fill, so a thousand members and a few hundred messages take a
//! handful of draw calls. Colours come from the page's CSS variables, so themes apply.

use std::rc::Rc;

use clusterscope_core::sim::NodeId;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, MouseEvent};
use yew::prelude::*;

use super::cluster_snapshot::{describe, ClusterSnapshot};
use super::geometry;
use super::model::ServerDot;
use crate::en;
use crate::views::l10n::tr;

/// Logical size of the square canvas (CSS pixels before scaling to the element's width).
const SIZE: f64 = 420.0;
const DISC: f64 = 195.0;
/// Members get their names drawn up to this many.
const NAMED_UP_TO: usize = 100;
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;

/// Where member `index` of `count` sits: radius grows with the square root of the index, so
/// every member has the same area around it.
pub fn position(index: usize, count: usize) -> (f64, f64) {
    let r = DISC * ((index as f64 + 0.5) / count.max(1) as f64).sqrt();
    let angle = index as f64 * GOLDEN_ANGLE - std::f64::consts::FRAC_PI_2;
    geometry::on_circle((SIZE / 2.0, SIZE / 2.0), r, angle)
}

/// A member's radius: a little under half the spacing between neighbours.
fn radius(count: usize) -> f64 {
    let spacing = DISC * (std::f64::consts::PI / count.max(1) as f64).sqrt();
    (0.42 * spacing).clamp(2.0, 14.0)
}

#[derive(Properties, PartialEq)]
pub struct ClusterCanvasProps {
    /// Shared with the paint effect, so a frame copies a thousand members once, not twice.
    pub snapshot: Rc<ClusterSnapshot>,
    #[prop_or_default]
    pub on_select: Option<Callback<NodeId>>,
}

#[function_component]
pub fn ClusterCanvas(props: &ClusterCanvasProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let snapshot = Rc::clone(&props.snapshot);
        use_effect(move || {
            if let Some(element) = canvas.cast::<HtmlCanvasElement>() {
                paint(&element, &snapshot);
            }
        });
    }
    let count = props.snapshot.servers.len();
    // Gossip colours members by the newest rumor; other clusters only by up and down.
    let rumors =
        props.snapshot.servers.iter().any(|s| matches!(s.class, "informed" | "uninformed"));
    let onclick = props.on_select.clone().map(|select| {
        let canvas = canvas.clone();
        Callback::from(move |event: MouseEvent| {
            let Some(element) = canvas.cast::<HtmlCanvasElement>() else { return };
            let rect = element.get_bounding_client_rect();
            let scale = SIZE / rect.width().max(1.0);
            let x = (event.client_x() as f64 - rect.left()) * scale;
            let y = (event.client_y() as f64 - rect.top()) * scale;
            if let Some(id) = nearest(x, y, count) {
                select.emit(id);
            }
        })
    });
    let headline = props.snapshot.headline.as_ref().map(|(first, second)| {
        html! {
            <p class="headline" aria-live="polite"><strong>{ first }</strong><br />{ second }</p>
        }
    });
    let caption = props.snapshot.caption;
    html! {
        <figure class="cluster-canvas">
            if !caption.is_empty() {
                <p class="side-caption">{ tr(caption) }</p>
            }
            { for headline }
            <canvas ref={canvas} class="cluster" width={SIZE.to_string()} height={SIZE.to_string()}
                role="img" aria-label={describe(&props.snapshot)} {onclick} />
            <figcaption class="legend">
                if rumors {
                    <span class="swatch informed" />{ tr(en!("holds the newest rumor")) }{ " " }
                    <span class="swatch uninformed" />{ tr(en!("not yet")) }{ " " }
                } else {
                    <span class="swatch uninformed" />{ tr(en!("up")) }{ " " }
                }
                <span class="swatch down" />{ tr(en!("down")) }
                <br />
                { tr(en!("Outline, by what the live members think:")) }{ " " }
                <span class="ring suspected" />{ tr(en!("suspected by some")) }{ " " }
                <span class="ring dead-to-some" />{ tr(en!("dead to some")) }{ " " }
                <span class="ring dead-to-all" />{ tr(en!("dead to all. Click a member to select it.")) }
            </figcaption>
        </figure>
    }
}

/// The member under (x, y), if the point is near enough to one.
fn nearest(x: f64, y: f64, count: usize) -> Option<NodeId> {
    let reach = (radius(count) * 1.8).max(6.0);
    (0..count)
        .map(|i| {
            let (px, py) = position(i, count);
            (i, (px - x).powi(2) + (py - y).powi(2))
        })
        .filter(|(_, d2)| *d2 <= reach * reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| NodeId(i as u32))
}

/// The page's colours, read from its CSS variables (so the theme applies).
struct Palette {
    styles: Option<web_sys::CssStyleDeclaration>,
}

impl Palette {
    fn of(element: &HtmlCanvasElement) -> Palette {
        let styles = web_sys::window().and_then(|w| w.get_computed_style(element).ok().flatten());
        Palette { styles }
    }

    fn get(&self, name: &str, fallback: &str) -> String {
        self.styles
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| fallback.to_string())
    }
}

fn paint(element: &HtmlCanvasElement, snapshot: &ClusterSnapshot) {
    let Some(ctx) = element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    // Sharp on high-density screens: the bitmap follows the element's real size.
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let shown = element.client_width().max(1) as f64;
    let pixels = (shown * ratio).round().clamp(SIZE, 4.0 * SIZE) as u32;
    if element.width() != pixels {
        element.set_width(pixels);
        element.set_height(pixels);
    }
    let scale = pixels as f64 / SIZE;
    let _ = ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, SIZE, SIZE);

    let palette = Palette::of(element);
    let count = snapshot.servers.len();
    let r = radius(count);
    let at = |id: NodeId| position(id.index(), count);

    // Messages: a faint line from sender to where the message is, and a dot there.
    ctx.set_line_width(0.6);
    ctx.set_global_alpha(0.25);
    ctx.set_stroke_style_str(&palette.get("--faint", "#6b6b76"));
    ctx.begin_path();
    let mut dots: Vec<(&'static str, f64, f64)> = Vec::with_capacity(snapshot.messages.len());
    for m in &snapshot.messages {
        let ((x1, y1), (x2, y2)) = (at(m.from), at(m.to));
        let (x, y) = (x1 + (x2 - x1) * m.progress, y1 + (y2 - y1) * m.progress);
        ctx.move_to(x1, y1);
        ctx.line_to(x, y);
        dots.push((m.kind, x, y));
    }
    ctx.stroke();
    ctx.set_global_alpha(1.0);

    // Members, one path per fill. A class the canvas has no colour for (a task cluster's
    // roles) is filled as a plain member; the leader is filled as the SVG ring fills it.
    let fills = [
        ("informed", palette.get("--informed", "#009e73")),
        ("uninformed", palette.get("--panel", "#f2f2f5")),
        ("left", palette.get("--bg", "#fbfbfd")),
        ("down", palette.get("--down", "#e0e0e6")),
        ("leads", "#e69f00".to_string()),
    ];
    let fill_of = |server: &ServerDot| match server.class {
        _ if server.leads && server.up => "leads",
        "informed" | "left" | "down" => server.class,
        _ => "uninformed",
    };
    ctx.set_line_width(if count > 300 { 0.5 } else { 1.0 });
    ctx.set_stroke_style_str(&palette.get("--down-line", "#9a9aa5"));
    for (class, colour) in &fills {
        ctx.begin_path();
        for server in snapshot.servers.iter().filter(|s| fill_of(s) == *class) {
            circle(&ctx, at(server.id), r);
        }
        ctx.set_fill_style_str(colour);
        ctx.fill();
        ctx.stroke();
    }
    crosses(
        &ctx,
        snapshot.servers.iter().filter(|s| !s.up).map(|s| at(s.id)),
        r * 0.7,
        &palette.get("--down-line", "#9a9aa5"),
        1.0,
    );

    // Outlines: what the others think of a member.
    let outlines = [
        ("suspected", palette.get("--suspect", "#e69f00"), 2.0),
        ("dead-to-some", palette.get("--dead", "#d55e00"), 2.0),
        ("dead-to-all", palette.get("--dead", "#d55e00"), 3.5),
    ];
    for (class, colour, width) in &outlines {
        let marked: Vec<&ServerDot> =
            snapshot.servers.iter().filter(|s| s.outline == *class).collect();
        if marked.is_empty() {
            continue;
        }
        ctx.begin_path();
        for server in marked {
            circle(&ctx, at(server.id), r + width / 2.0 + 1.0);
        }
        ctx.set_line_width(*width);
        ctx.set_stroke_style_str(colour);
        ctx.stroke();
    }

    // The far side of a partition, ringed in the accent colour; cut links as red lines.
    if !snapshot.groups.is_empty() {
        ctx.begin_path();
        for (i, _) in snapshot.groups.iter().enumerate().filter(|(_, g)| **g != 0) {
            circle(&ctx, position(i, count), r + 3.5);
        }
        ctx.set_line_width(1.5);
        ctx.set_stroke_style_str(&palette.get("--accent", "#0072b2"));
        ctx.stroke();
    }
    if !snapshot.blocked.is_empty() {
        ctx.begin_path();
        for (from, to) in &snapshot.blocked {
            let ((x1, y1), (x2, y2)) = (at(*from), at(*to));
            ctx.move_to(x1, y1);
            ctx.line_to(x2, y2);
        }
        ctx.set_line_width(1.5);
        ctx.set_stroke_style_str(&palette.get("--warn", "#a13d00"));
        ctx.stroke();
    }

    // Messages on top, one path per kind.
    let size = (r * 0.55).clamp(1.5, 4.0);
    // A few kinds, in the order first seen (a string sort here cost 2 KB of every bundle).
    let mut kinds: Vec<&'static str> = Vec::new();
    for (kind, _, _) in &dots {
        if !kinds.contains(kind) {
            kinds.push(kind);
        }
    }
    for kind in kinds {
        ctx.begin_path();
        for (_, x, y) in dots.iter().filter(|(k, _, _)| *k == kind) {
            circle(&ctx, (*x, *y), size);
        }
        ctx.set_fill_style_str(&palette.get(&format!("--msg-{kind}"), "#0072b2"));
        ctx.fill();
    }
    let lost = snapshot.dropped.iter().map(|d| {
        let ((x1, y1), (x2, y2)) = (at(d.from), at(d.to));
        (x1 + (x2 - x1) * d.progress, y1 + (y2 - y1) * d.progress)
    });
    crosses(&ctx, lost, 3.0, &palette.get("--warn", "#a13d00"), 1.5);

    if count <= NAMED_UP_TO {
        ctx.set_fill_style_str(&palette.get("--fg", "#1b1b1f"));
        ctx.set_font("9px system-ui, sans-serif");
        ctx.set_text_align("center");
        for server in &snapshot.servers {
            let (x, y) = at(server.id);
            let _ = ctx.fill_text(&server.id.to_string(), x, y - r - 3.0);
        }
    }
}

fn circle(ctx: &CanvasRenderingContext2d, (x, y): (f64, f64), r: f64) {
    ctx.move_to(x + r, y);
    let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
}

fn crosses(
    ctx: &CanvasRenderingContext2d,
    at: impl Iterator<Item = (f64, f64)>,
    half: f64,
    colour: &str,
    width: f64,
) {
    ctx.begin_path();
    for (x, y) in at {
        ctx.move_to(x - half, y - half);
        ctx.line_to(x + half, y + half);
        ctx.move_to(x - half, y + half);
        ctx.line_to(x + half, y - half);
    }
    ctx.set_line_width(width);
    ctx.set_stroke_style_str(colour);
    ctx.stroke();
}
