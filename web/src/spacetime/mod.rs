//! The space-time diagram: a lane per server, time running left to right, each message an
//! arrow from its send to its delivery (dashed when dropped, cut at the playhead while in
//! flight), role changes, commits, crashes and restarts as marks. Shows a window of virtual
//! time ending at the playhead, so it follows the current step.
//!
//! Arrows and marks are drawn at fixed positions on one long strip (x proportional to
//! virtual time) and the strip slides under a clip. A finished arrow then never changes, so
//! while playing only the new and in-flight arrows touch the DOM: with a thousand arrows on
//! screen, re-positioning every one each frame cost more than the frame budget.

use std::collections::BTreeMap;

use clusterscope_core::sim::{format_time, NodeId, RecordKind, Time, Timeline, MILLI};
use yew::prelude::*;

use crate::protocols::Shown;

mod live;
use live::LiveArrows;

/// Virtual time shown across the diagram.
const WINDOW: Time = 600 * MILLI;
const WIDTH: f64 = 860.0;
const LANE: f64 = 30.0;
const LEFT: f64 = 36.0;
const TOP: f64 = 14.0;
/// Arrows sent (and marks made) within the same span of this length are drawn, and skipped,
/// together.
const BATCH: Time = 50 * MILLI;
/// Slots in the ring of spans: more than the spans on screen, which reach back two windows
/// (messages sent one window before the start can still land inside it).
const SLOTS: usize = (3 * WINDOW / BATCH) as usize;
/// Pixels per microsecond of virtual time.
const SCALE: f64 = (WIDTH - LEFT - 8.0) / WINDOW as f64;

#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    /// The message id (a copy made by duplication has its own).
    pub id: u64,
    pub from: NodeId,
    pub to: NodeId,
    pub sent: Time,
    /// When the network will deliver it.
    pub due: Time,
    /// Delivery or drop time; `None` while in flight.
    pub ended: Option<Time>,
    pub dropped: bool,
    pub heartbeat: bool,
    pub label: &'static str,
}

/// A protocol event, a crash or a restart, as a lettered circle on a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub node: NodeId,
    pub time: Time,
    /// CSS classes: `mark leader`, `mark commit`, `mark crash`, ….
    pub class: &'static str,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SpaceTimeSnapshot {
    pub start: Time,
    pub end: Time,
    /// The playhead; before the first window has passed it lies short of `end`.
    pub now: Time,
    pub lanes: usize,
    /// Whether heartbeat arrows are among `arrows`.
    pub heartbeats: bool,
    pub arrows: Vec<Arrow>,
    pub marks: Vec<Mark>,
    /// What the marks mean, in the protocol's words.
    pub caption: &'static str,
}

impl SpaceTimeSnapshot {
    /// What the diagram shows at the playhead; heartbeat arrows only if `heartbeats`.
    pub fn of<N: Shown>(timeline: &Timeline<N>, heartbeats: bool) -> Self {
        let now = timeline.clock();
        let end = now.max(WINDOW);
        let start = end - WINDOW;
        let trace = timeline.trace();
        // Messages sent before the window may still land inside it: look back one more window
        // (latencies above that are clipped, which the axis label makes plain).
        // Start on a span boundary, so every span drawn is whole (see `SpanView`).
        let lookback = (start.saturating_sub(WINDOW) / BATCH) * BATCH;
        let from = trace.partition_point(|r| r.time < lookback);
        let mut arrows: BTreeMap<u64, Arrow> = BTreeMap::new();
        let mut marks = Vec::new();
        for record in &trace[from..] {
            match &record.kind {
                RecordKind::Send { id, from, to, msg, deliver_at } => {
                    let style = N::message(msg);
                    arrows.insert(
                        *id,
                        Arrow {
                            id: *id,
                            from: *from,
                            to: *to,
                            sent: record.time,
                            due: *deliver_at,
                            ended: None,
                            dropped: false,
                            heartbeat: style.heartbeat,
                            label: style.label,
                        },
                    );
                }
                RecordKind::Deliver { id, .. } => {
                    if let Some(arrow) = arrows.get_mut(id) {
                        arrow.ended = Some(record.time);
                    }
                }
                RecordKind::Drop { id, from, to, msg, .. } => {
                    let arrow = arrows.entry(*id).or_insert(Arrow {
                        id: *id,
                        from: *from,
                        to: *to,
                        sent: record.time,
                        due: record.time,
                        ended: None,
                        dropped: true,
                        heartbeat: false,
                        label: N::message(msg).label,
                    });
                    arrow.ended = Some(record.time);
                    arrow.dropped = true;
                }
                RecordKind::Node { node, event } => {
                    if let Some((class, text)) = N::mark(event) {
                        marks.push(Mark { node: *node, time: record.time, class, text })
                    }
                }
                RecordKind::Crashed { node } => marks.push(Mark {
                    node: *node,
                    time: record.time,
                    class: "mark crash",
                    text: "✕".into(),
                }),
                RecordKind::Restarted { node } => marks.push(Mark {
                    node: *node,
                    time: record.time,
                    class: "mark restart",
                    text: "↻".into(),
                }),
                _ => {}
            }
        }
        // Arrows and marks left of the window stay in the list, hidden by the clip: dropping
        // them one by one would change the spans they belong to on every frame.
        let mut arrows: Vec<Arrow> =
            arrows.into_values().filter(|a| heartbeats || !a.heartbeat).collect();
        // A span whose arrows all ended before the window goes as a whole.
        let mut done = BTreeMap::<Time, bool>::new();
        for a in &arrows {
            let ended_before = a.ended.is_some_and(|t| t < start);
            *done.entry(a.sent / BATCH).or_insert(true) &= ended_before;
        }
        arrows.retain(|a| !done.get(&(a.sent / BATCH)).copied().unwrap_or(false));
        let lanes = timeline.sim().nodes().len();
        SpaceTimeSnapshot { start, end, now, lanes, heartbeats, arrows, marks, caption: N::MARKS }
    }

    /// How far the strip is shifted so that `start` lands at `LEFT`.
    fn shift(&self) -> f64 {
        LEFT - strip_x(self.start)
    }
}

/// Position on the strip of virtual time `t`.
fn strip_x(t: Time) -> f64 {
    t as f64 * SCALE
}

fn lane_y(node: NodeId) -> f64 {
    TOP + LANE * node.index() as f64
}

/// How an arrow is drawn; the SVG classes and the canvas strokes are the same four styles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Landed,
    Heartbeat,
    InFlight,
    Dropped,
}

impl Style {
    const ALL: [Style; 4] = [Style::Landed, Style::Heartbeat, Style::InFlight, Style::Dropped];

    fn of(a: &Arrow) -> Style {
        if a.dropped {
            Style::Dropped
        } else if a.ended.is_none() {
            Style::InFlight
        } else if a.heartbeat {
            Style::Heartbeat
        } else {
            Style::Landed
        }
    }

    fn class(self) -> &'static str {
        match self {
            Style::Landed => "arrow",
            Style::Heartbeat => "arrow heartbeat",
            Style::InFlight => "arrow in-flight",
            Style::Dropped => "arrow dropped",
        }
    }

    /// (colour, alpha, dashed) on the canvas, matching style.css for `class`.
    fn stroke(self) -> (&'static str, f64, bool) {
        match self {
            Style::Landed => ("#0072b2", 1.0, false),
            Style::Heartbeat => ("#b8b8c4", 1.0, false),
            Style::InFlight => ("#0072b2", 0.45, false),
            Style::Dropped => ("#d55e00", 1.0, true),
        }
    }
}

impl Arrow {
    /// The polylines that draw this arrow on the strip: its line, then (unless it was
    /// dropped) a chevron at the receiving end, 5 units back from the tip.
    fn polylines(&self) -> impl Iterator<Item = Vec<(f64, f64)>> {
        let (x1, y1) = (strip_x(self.sent), lane_y(self.from));
        let (x2, y2) = (strip_x(self.ended.unwrap_or(self.due)), lane_y(self.to));
        let chevron = (!self.dropped).then(|| {
            let length = ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt().max(0.1);
            let (ux, uy) = ((x2 - x1) / length, (y2 - y1) / length);
            let (bx, by) = (x2 - 5.0 * ux, y2 - 5.0 * uy);
            let (nx, ny) = (-uy * 3.0, ux * 3.0);
            vec![(bx + nx, by + ny), (x2, y2), (bx - nx, by - ny)]
        });
        std::iter::once(vec![(x1, y1), (x2, y2)]).chain(chevron)
    }
}

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
                 aria-label={format!("Space-time diagram from {} to {}: {} messages", format_time(s.start), format_time(s.end), s.arrows.iter().filter(|a| a.ended.is_none_or(|t| t >= s.start)).count())}>
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
            <figcaption>{ s.caption }</figcaption>
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
