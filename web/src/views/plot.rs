//! What the labs' line charts share: their size, axes and lines, in SVG user units.
// Only the labs with line charts use it (gossip, tasks and Raft's Figure 16, in the bundles
// that carry them).
#![cfg_attr(not(any(feature = "gossip", feature = "tasks", feature = "raft")), allow(dead_code))]

use yew::prelude::*;

use crate::views::l10n::tr;

pub const WIDTH: f64 = 420.0;
pub const HEIGHT: f64 = 200.0;
pub const LEFT: f64 = 40.0;
pub const RIGHT: f64 = 12.0;
pub const TOP: f64 = 12.0;
pub const BOTTOM: f64 = 30.0;

/// A polyline's `points` attribute.
pub fn polyline(points: impl Iterator<Item = (f64, f64)>) -> String {
    points.map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ")
}

/// Axes, ticks and labels of a chart whose x runs over `0..=x_max` and y over `0..=y_max`.
pub fn axes(
    x_max: f64,
    y_max: f64,
    x_label: &str,
    y_ticks: &[(f64, String)],
    x_ticks: &[(f64, String)],
) -> Html {
    let (w, h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let x = |v: f64| LEFT + w * v / x_max.max(f64::MIN_POSITIVE);
    let y = |v: f64| TOP + h * (1.0 - v / y_max.max(f64::MIN_POSITIVE));
    html! {
        <g class="axes">
            <line x1={LEFT.to_string()} y1={(TOP + h).to_string()} x2={(LEFT + w).to_string()} y2={(TOP + h).to_string()} />
            <line x1={LEFT.to_string()} y1={TOP.to_string()} x2={LEFT.to_string()} y2={(TOP + h).to_string()} />
            { for y_ticks.iter().map(|(v, label)| html! {
                <text class="tick" x={(LEFT - 4.0).to_string()} y={(y(*v) + 3.0).to_string()} text-anchor="end">{ label }</text>
            }) }
            { for x_ticks.iter().map(|(v, label)| html! {
                <text class="tick" x={x(*v).to_string()} y={(TOP + h + 12.0).to_string()} text-anchor="middle">{ label }</text>
            }) }
            <text class="tick" x={(LEFT + w / 2.0).to_string()} y={(HEIGHT - 4.0).to_string()} text-anchor="middle">{ tr(x_label) }</text>
        </g>
    }
}
