//! The cluster view: servers on a ring, coloured and shaped by role, each with an arc for the
//! time left on its timer, and the messages in flight moving along their links by virtual
//! time. Pure rendering of a snapshot taken from the timeline; what a server or a message
//! looks like comes from its lab (`crate::labs`), through `ClusterSnapshot`.
//!
//! Up to [`SVG_UP_TO`] servers the ring is SVG, every server and message an element one can
//! click and a screen reader can name; a larger (gossip) cluster is painted on a canvas
//! (`super::cluster_canvas`), where a thousand members cost one draw call each.

use clusterscope_core::sim::NodeId;
use yew::prelude::*;

use super::cluster_canvas::ClusterCanvas;
pub use super::cluster_snapshot::SVG_UP_TO;
use super::cluster_snapshot::{describe, ClusterSnapshot, MessageDot};
use super::geometry;
use super::model::ServerDot;
use crate::views::l10n::tr;

/// The picture's side, in SVG user units.
pub const PICTURE_SIZE: f64 = 420.0;
const SIZE: f64 = PICTURE_SIZE;
const RING: f64 = 150.0;
const SERVER_RADIUS: f64 = 30.0;
/// The timer arc's distance outside the server's circle.
const TIMER_GAP: f64 = 7.0;
/// Messages get a hover title only while there are at most this many in flight.
const TITLED_MESSAGES: usize = 40;
/// While playing with more messages than this in flight, each kind is drawn as one path:
/// hundreds of separate elements, rebuilt every frame, cost more than a frame. Paused, every
/// message is its own element again, to click and inspect.
pub const BATCH_ABOVE: usize = 60;

/// A server's radius: 30 px, smaller when more than nine share the ring.
fn radius(count: usize) -> f64 {
    let gap = RING * geometry::sin(std::f64::consts::PI / count.max(1) as f64);
    SERVER_RADIUS.min(0.8 * gap)
}

/// Where server `index` of `count` sits on the ring, S1 at the top, clockwise.
fn position(index: usize, count: usize) -> (f64, f64) {
    let angle =
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index as f64 / count.max(1) as f64;
    geometry::on_circle((SIZE / 2.0, SIZE / 2.0), RING, angle)
}

#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    pub snapshot: ClusterSnapshot,
    /// Clicking a server selects it (the fault panel has the keyboard path).
    #[prop_or_default]
    pub on_select: Option<Callback<NodeId>>,
    /// Clicking a message in flight picks it for the inspector.
    #[prop_or_default]
    pub on_pick_message: Option<Callback<u64>>,
    /// Draw the messages of each kind as one shape (see [`BATCH_ABOVE`]).
    #[prop_or_default]
    pub batch_messages: bool,
}

#[function_component]
pub fn ClusterView(props: &ClusterViewProps) -> Html {
    let count = props.snapshot.servers.len();
    if count > SVG_UP_TO {
        return html! {
            <ClusterCanvas snapshot={std::rc::Rc::new(props.snapshot.clone())} on_select={props.on_select.clone()} />
        };
    }
    let blocked = &props.snapshot.blocked;
    let links = (0..count).flat_map(|a| (a + 1..count).map(move |b| (a, b))).map(|(a, b)| {
        let ((x1, y1), (x2, y2)) = (position(a, count), position(b, count));
        let (na, nb) = (NodeId(a as u32), NodeId(b as u32));
        let walls: Vec<(usize, usize)> = [(a, b), (b, a)]
            .into_iter()
            .filter(|&(f, t)| blocked.contains(&(NodeId(f as u32), NodeId(t as u32))))
            .collect();
        let class = if walls.is_empty() { "link" } else { "link cut" };
        // A cross in front of the receiver marks each direction that cannot pass.
        let crosses = walls.into_iter().map(|(f, t)| cross(position(f, count), position(t, count), 0.72, "wall"));
        html! {
            <g data-link={format!("{na}-{nb}")}>
                <line {class} x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} />
                { for crosses }
            </g>
        }
    });
    let dropped = props.snapshot.dropped.iter().map(|d| {
        cross(position(d.from.index(), count), position(d.to.index(), count), d.progress, "lost")
    });
    let servers = props.snapshot.servers.iter().map(|s| server(s, count, props.on_select.clone()));
    let in_flight = &props.snapshot.messages;
    let messages = if props.batch_messages && in_flight.len() > BATCH_ABOVE {
        batched(in_flight, count)
    } else {
        // Hover titles help when a few messages fly; with hundreds they only cost frame time.
        let titled = in_flight.len() <= TITLED_MESSAGES;
        in_flight.iter().map(|m| message(m, count, titled, props.on_pick_message.clone())).collect()
    };
    let headline = props.snapshot.headline.as_ref().map(|(first, second)| {
        let centre = SIZE / 2.0;
        html! {
            <g class="headline">
                <text x={centre.to_string()} y={(centre - 4.0).to_string()}>{ first }</text>
                <text class="sub" x={centre.to_string()} y={(centre + 12.0).to_string()}>{ second }</text>
            </g>
        }
    });
    let caption = &props.snapshot.caption;
    html! {
        <svg class="cluster" xmlns="http://www.w3.org/2000/svg" viewBox={format!("0 0 {SIZE} {SIZE}")}
             role="img" aria-label={describe(&props.snapshot)}>
            if !caption.is_empty() {
                <text class="side-caption" x="8" y="20">{ tr(caption) }</text>
            }
            <g>{ for links }</g>
            <g>{ for servers }</g>
            <g>{ messages }</g>
            <g>{ for dropped }</g>
            { for headline }
        </svg>
    }
}

/// A small cross on the link from `a` to `b`, a fraction `t` of the way along.
fn cross(a: (f64, f64), b: (f64, f64), t: f64, class: &'static str) -> Html {
    let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
    let r = 5.0;
    html! {
        <path class={class} d={format!("M{} {}L{} {}M{} {}L{} {}", x - r, y - r, x + r, y + r, x - r, y + r, x + r, y - r)} />
    }
}

fn server(dot: &ServerDot, count: usize, on_select: Option<Callback<NodeId>>) -> Html {
    let (x, y) = position(dot.id.index(), count);
    let r = radius(count);
    let class = classes!(
        "server",
        dot.class,
        dot.chosen.then_some("chosen"),
        (!dot.outline.is_empty()).then_some(dot.outline),
        dot.paused.then_some("paused")
    );
    // A pause or a clock off true time says so in the second line (the ring leaves room for
    // two under the bottom server); the lab's own line is still in the table and inspector.
    let (second, second_class) =
        if dot.timing.is_empty() { (&dot.detail, "role") } else { (&dot.timing, "role timing") };
    let timer_radius = r + TIMER_GAP;
    let circumference = std::f64::consts::TAU * timer_radius;
    let timer = dot.timer_left.map(|left| {
        let shown = circumference * left.clamp(0.0, 1.0);
        html! {
            <circle class="election-timer" cx={x.to_string()} cy={y.to_string()} r={timer_radius.to_string()}
                stroke-dasharray={format!("{shown:.1} {circumference:.1}")}
                transform={format!("rotate(-90 {x} {y})")} />
        }
    });
    html! {
        <g class={class} data-server={dot.id.to_string()}
            onclick={on_select.map(|select| { let id = dot.id; Callback::from(move |_: MouseEvent| select.emit(id)) })}>
            { for timer }
            <circle cx={x.to_string()} cy={y.to_string()} r={r.to_string()} />
            <text class="name" x={x.to_string()} y={(y - 4.0).to_string()}>{ dot.id.to_string() }</text>
            <text class="term" x={x.to_string()} y={(y + 12.0).to_string()}>{ &dot.inner }</text>
            <text class="role" x={x.to_string()} y={(y + r + 16.0).to_string()}>{ &dot.role }</text>
            if !second.is_empty() {
                <text class={second_class} x={x.to_string()} y={(y + r + 29.0).to_string()}>{ second }</text>
            }
        </g>
    }
}

fn message(dot: &MessageDot, count: usize, titled: bool, on_pick: Option<Callback<u64>>) -> Html {
    let id = dot.id;
    let onclick = on_pick.map(|pick| Callback::from(move |_: MouseEvent| pick.emit(id)));
    let (x, y) = where_is(dot, count);
    // One attribute moves the shape, so a frame changes one string per message.
    let transform = format!("translate({x:.1} {y:.1})");
    // Requests are squares, replies circles: the shape tells them apart without colour.
    let copy = if dot.duplicate { " (duplicate)" } else { "" };
    let title = titled.then(|| {
        html! { <title>{ format!("{} from {} to {}{copy}", dot.label, dot.from, dot.to) }</title> }
    });
    let class = classes!("message", dot.kind, dot.duplicate.then_some("duplicate"));
    let shape = if dot.request {
        html! { <rect x="-6" y="-6" width="12" height="12" /> }
    } else {
        html! { <circle r="6" /> }
    };
    let tag = (!dot.tag.is_empty()).then(|| html! { <text class="tag" y="3">{ dot.tag }</text> });
    html! {
        <g key={id} {class} {transform} data-message={id.to_string()} {onclick}>
            { shape }{ for tag }{ for title }
        </g>
    }
}

/// Where a message is drawn: it travels from rim to rim, not centre to centre.
fn where_is(dot: &MessageDot, count: usize) -> (f64, f64) {
    let ((x1, y1), (x2, y2)) = (position(dot.from.index(), count), position(dot.to.index(), count));
    let length = ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt().max(1.0);
    let rim = radius(count) / length;
    let t = rim + (1.0 - 2.0 * rim) * dot.progress;
    (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)
}

/// All messages as one path per kind, with the same shapes and classes as single ones.
fn batched(messages: &[MessageDot], count: usize) -> Html {
    use std::fmt::Write;
    let mut paths: Vec<(&'static str, String)> = Vec::new();
    for dot in messages {
        let (x, y) = where_is(dot, count);
        let at = match paths.iter().position(|(kind, _)| *kind == dot.kind) {
            Some(at) => at,
            None => {
                paths.push((dot.kind, String::new()));
                paths.len() - 1
            }
        };
        let path = &mut paths[at].1;
        let _ = if dot.request {
            write!(path, "M{:.1} {:.1}h12v12h-12z", x - 6.0, y - 6.0)
        } else {
            write!(path, "M{:.1} {y:.1}a6 6 0 1 0 12 0a6 6 0 1 0-12 0z", x - 6.0)
        };
    }
    paths
        .into_iter()
        .map(|(kind, d)| html! { <path key={kind} class={classes!("message", "batch", kind)} {d} /> })
        .collect()
}
