//! What the space-time diagram shows: arrows and marks on one long strip, x proportional to
//! virtual time, taken from the timeline's trace.

use std::collections::BTreeMap;

use clusterscope_core::sim::{NodeId, RecordKind, Time, Timeline, MILLI};

use crate::views::shown::Shown;

/// Virtual time shown across the diagram.
pub const WINDOW: Time = 600 * MILLI;
pub const WIDTH: f64 = 860.0;
pub const LANE: f64 = 30.0;
pub const LEFT: f64 = 36.0;
pub const TOP: f64 = 14.0;
/// Arrows sent (and marks made) within the same span of this length are drawn, and skipped,
/// together.
pub const BATCH: Time = 50 * MILLI;
/// Slots in the ring of spans: more than the spans on screen, which reach back two windows
/// (messages sent one window before the start can still land inside it).
pub const SLOTS: usize = (3 * WINDOW / BATCH) as usize;
/// Pixels per microsecond of virtual time.
pub const SCALE: f64 = (WIDTH - LEFT - 8.0) / WINDOW as f64;

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
    pub fn shift(&self) -> f64 {
        LEFT - strip_x(self.start)
    }
}

/// Position on the strip of virtual time `t`.
pub fn strip_x(t: Time) -> f64 {
    t as f64 * SCALE
}

pub fn lane_y(node: NodeId) -> f64 {
    TOP + LANE * node.index() as f64
}

/// How an arrow is drawn; the SVG classes and the canvas strokes are the same four styles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Landed,
    Heartbeat,
    InFlight,
    Dropped,
}

impl Style {
    pub const ALL: [Style; 4] = [Style::Landed, Style::Heartbeat, Style::InFlight, Style::Dropped];

    pub fn of(a: &Arrow) -> Style {
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

    pub fn class(self) -> &'static str {
        match self {
            Style::Landed => "arrow",
            Style::Heartbeat => "arrow heartbeat",
            Style::InFlight => "arrow in-flight",
            Style::Dropped => "arrow dropped",
        }
    }

    /// (colour, alpha, dashed) on the canvas, matching style.css for `class`.
    pub fn stroke(self) -> (&'static str, f64, bool) {
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
    pub fn polylines(&self) -> impl Iterator<Item = Vec<(f64, f64)>> {
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
