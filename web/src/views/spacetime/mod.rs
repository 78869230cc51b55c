//! The space-time diagram: a lane per server, time running left to right, each message an
//! arrow from its send to its delivery (dashed when dropped, cut at the playhead while in
//! flight), role changes, commits, crashes and restarts as marks. Shows a window of virtual
//! time ending at the playhead, so it follows the current step.
//!
//! Arrows and marks are drawn at fixed positions on one long strip (x proportional to
//! virtual time) and the strip slides under a clip. A finished arrow then never changes, so
//! while playing only the new and in-flight arrows touch the DOM: with a thousand arrows on
//! screen, re-positioning every one each frame cost more than the frame budget.

use clusterscope_core::sim::{format_time, NodeId, Time};
use yew::prelude::*;

use super::l10n::text;
use crate::tr;

mod live;
mod snapshot;

use live::LiveArrows;
use snapshot::{lane_y, strip_x, Style, BATCH, LANE, LEFT, SLOTS, TOP, WIDTH};
pub use snapshot::{Arrow, Mark, SpaceTimeSnapshot};

#[derive(Properties, PartialEq)]
pub struct SpaceTimeProps {
    pub snapshot: SpaceTimeSnapshot,
    /// While playing, arrows are painted on a canvas under the SVG: repainting hundreds of
    /// vector arrows every tick was the page's largest cost (see BENCHMARKS.md). Paused, they
    /// are SVG again, for export and a crisp picture.
    #[prop_or_default]
    pub live: bool,
}

#[function_component]
pub fn SpaceTime(props: &SpaceTimeProps) -> Html {
    let s = &props.snapshot;
    let height = TOP * 2.0 + LANE * (s.lanes.max(1) - 1) as f64 + 18.0;
    let lanes = NodeId::all(s.lanes).map(|id| {
        let y = lane_y(id);
        html! {
            <g class="lane">
                <text x="4" y={(y + 4.0).to_string()}>{ id.to_string() }</text>
                <line x1={LEFT.to_string()} x2={WIDTH.to_string()} y1={y.to_string()} y2={y.to_string()} />
            </g>
        }
    });
    // Arrows and marks are drawn in spans of virtual time, each span in a fixed slot of a
    // ring. A span whose messages have all landed equals last frame's, so Yew skips it, and
    // a slot keeps its DOM nodes until a new span takes it over: nothing is moved or redrawn
    // as the window slides.
    let mut slots: Vec<Span> = vec![Span::default(); SLOTS];
    if !props.live {
        for arrow in &s.arrows {
            slot_for(&mut slots, arrow.sent).arrows.push(arrow.clone());
        }
    }
    for mark in &s.marks {
        slot_for(&mut slots, mark.time).marks.push(mark.clone());
    }
    let spans = slots.into_iter().map(|span| html! { <SpanView ..span /> });
    html! {
        <figure class="spacetime">
            <LiveArrows snapshot={props.snapshot.clone()} live={props.live} {height} />
            <svg xmlns="http://www.w3.org/2000/svg" viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                 aria-label={tr!("Space-time diagram from {from} to {to}: {count} messages", from = format_time(s.start), to = format_time(s.end), count = s.arrows.iter().filter(|a| a.ended.is_none_or(|t| t >= s.start)).count())}>
                // Up to the playhead (plus room for a mark drawn on it).
                <clipPath id="spacetime-window">
                    <rect x={px(LEFT - 2.0)} y="0" width={px(strip_x(s.now) + s.shift() - LEFT + 10.0)}
                        height={px(height)} />
                </clipPath>
                { for lanes }
                <g clip-path="url(#spacetime-window)">
                    <g transform={format!("translate({:.1} 0)", s.shift())}>
                        { for spans }
                        <line class="playhead" x1={px(strip_x(s.now))} x2={px(strip_x(s.now))}
                            y1="2" y2={px(height - 14.0)} />
                    </g>
                </g>
                <text class="axis" x={LEFT.to_string()} y={(height - 4.0).to_string()}>{ format_time(s.start) }</text>
                <text class="axis end" x={WIDTH.to_string()} y={(height - 4.0).to_string()}>{ format_time(s.end) }</text>
            </svg>
            <figcaption>{ text(s.caption) }</figcaption>
        </figure>
    }
}

/// SVG coordinates to a tenth of a pixel: short strings, and an unchanged position gives the
/// same string, so the DOM is left alone.
fn px(value: f64) -> String {
    format!("{value:.1}")
}

/// What one span of virtual time holds.
#[derive(Clone, Debug, Default, PartialEq, Properties)]
struct Span {
    /// Which span (start time / `BATCH`); slots hold spans far enough apart never to clash.
    index: Time,
    arrows: Vec<Arrow>,
    marks: Vec<Mark>,
}

/// The slot for the span holding `time`, emptied first if an older span had it.
fn slot_for(slots: &mut [Span], time: Time) -> &mut Span {
    let index = time / BATCH;
    let slot = &mut slots[(index % SLOTS as Time) as usize];
    if slot.index != index {
        *slot = Span { index, ..Span::default() };
    }
    slot
}

/// One span's arrows and marks. Every arrow is drawn whole, from its send to its delivery
/// (or drop), and the strip is clipped at the playhead: a message in flight shows as far as
/// it has got, and its line does not change from frame to frame.
///
/// Arrows of one style share a single path (a line plus a chevron at the receiving end each):
/// Chrome took over 100 ms a frame to update 1,500 separate `<line>` elements, and a handful
/// of paths per span costs almost nothing.
#[function_component]
fn SpanView(span: &Span) -> Html {
    use std::fmt::Write;
    let arrows = Style::ALL.into_iter().filter_map(|style| {
        let mut d = String::new();
        for arrow in span.arrows.iter().filter(|a| Style::of(a) == style) {
            for line in arrow.polylines() {
                for (i, (x, y)) in line.into_iter().enumerate() {
                    let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { 'M' } else { 'L' });
                }
            }
        }
        (!d.is_empty()).then(|| html! { <path class={style.class()} {d} /> })
    });
    let marks = span.marks.iter().map(|m| {
        let (x, y) = (strip_x(m.time), lane_y(m.node));
        html! {
            <g class={m.class}>
                <circle cx={px(x)} cy={px(y)} r="7" />
                <text x={px(x)} y={px(y + 3.5)}>{ &m.text }</text>
            </g>
        }
    });
    html! { <g>{ for arrows }{ for marks }</g> }
}
