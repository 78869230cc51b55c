//! The space-time diagram: a lane per server, time running left to right, each message an
//! arrow from its send to its delivery (dashed when dropped, cut at the playhead while in
//! flight), role changes, commits, crashes and restarts as marks. Shows a window of virtual
//! time ending at the playhead, so it follows the current step.

use std::collections::BTreeMap;

use clusterscope_core::protocols::raft::{Event, RaftNode, Role};
use clusterscope_core::sim::{format_time, NodeId, RecordKind, Time, Timeline, MILLI};
use yew::prelude::*;

/// Virtual time shown across the diagram.
const WINDOW: Time = 600 * MILLI;
const WIDTH: f64 = 860.0;
const LANE: f64 = 30.0;
const LEFT: f64 = 36.0;
const TOP: f64 = 14.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
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

#[derive(Clone, Debug, PartialEq)]
pub enum MarkKind {
    Role(Role),
    Commit(u64),
    Crash,
    Restart,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub node: NodeId,
    pub time: Time,
    pub kind: MarkKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SpaceTimeSnapshot {
    pub start: Time,
    pub end: Time,
    /// The playhead; before the first window has passed it lies short of `end`.
    pub now: Time,
    pub lanes: usize,
    pub arrows: Vec<Arrow>,
    pub marks: Vec<Mark>,
}

impl SpaceTimeSnapshot {
    pub fn of(timeline: &Timeline<RaftNode>) -> Self {
        let now = timeline.clock();
        let end = now.max(WINDOW);
        let start = end - WINDOW;
        let trace = timeline.trace();
        // Messages sent before the window may still land inside it: look back one more window
        // (latencies above that are clipped, which the axis label makes plain).
        let from = trace.partition_point(|r| r.time + WINDOW < start);
        let mut arrows: BTreeMap<u64, Arrow> = BTreeMap::new();
        let mut marks = Vec::new();
        for record in &trace[from..] {
            match &record.kind {
                RecordKind::Send { id, from, to, msg, deliver_at } => {
                    let heartbeat = msg.is_heartbeat();
                    arrows.insert(
                        *id,
                        Arrow {
                            from: *from,
                            to: *to,
                            sent: record.time,
                            due: *deliver_at,
                            ended: None,
                            dropped: false,
                            heartbeat,
                            label: msg.label(),
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
                        from: *from,
                        to: *to,
                        sent: record.time,
                        due: record.time,
                        ended: None,
                        dropped: true,
                        heartbeat: false,
                        label: msg.label(),
                    });
                    arrow.ended = Some(record.time);
                    arrow.dropped = true;
                }
                RecordKind::Node { node, event: Event::Role { role, .. } } => {
                    marks.push(Mark { node: *node, time: record.time, kind: MarkKind::Role(*role) })
                }
                RecordKind::Node { node, event: Event::Commit { commit_index } } => {
                    marks.push(Mark {
                        node: *node,
                        time: record.time,
                        kind: MarkKind::Commit(*commit_index),
                    })
                }
                RecordKind::Crashed { node } => {
                    marks.push(Mark { node: *node, time: record.time, kind: MarkKind::Crash })
                }
                RecordKind::Restarted { node } => {
                    marks.push(Mark { node: *node, time: record.time, kind: MarkKind::Restart })
                }
                _ => {}
            }
        }
        let arrows = arrows
            .into_values()
            .filter(|a| a.ended.is_none_or(|t| t >= start) && a.sent <= now)
            .collect();
        marks.retain(|m| m.time >= start);
        let lanes = timeline.sim().nodes().len();
        SpaceTimeSnapshot { start, end, now, lanes, arrows, marks }
    }

    fn x(&self, t: Time) -> f64 {
        let span = (self.end - self.start).max(1) as f64;
        LEFT + (WIDTH - LEFT - 8.0) * (t.saturating_sub(self.start) as f64 / span).clamp(0.0, 1.0)
    }

    fn y(&self, node: NodeId) -> f64 {
        TOP + LANE * node.index() as f64
    }
}

#[derive(Properties, PartialEq)]
pub struct SpaceTimeProps {
    pub snapshot: SpaceTimeSnapshot,
}

#[function_component]
pub fn SpaceTime(props: &SpaceTimeProps) -> Html {
    let s = &props.snapshot;
    let height = TOP * 2.0 + LANE * (s.lanes.max(1) - 1) as f64 + 18.0;
    let lanes = NodeId::all(s.lanes).map(|id| {
        let y = s.y(id);
        html! {
            <g class="lane">
                <text x="4" y={(y + 4.0).to_string()}>{ id.to_string() }</text>
                <line x1={LEFT.to_string()} x2={WIDTH.to_string()} y1={y.to_string()} y2={y.to_string()} />
            </g>
        }
    });
    let arrows = s.arrows.iter().map(|a| {
        let (x1, y1) = (s.x(a.sent), s.y(a.from));
        let (x2, y2) = match a.ended {
            Some(t) => (s.x(t), s.y(a.to)),
            // In flight: drawn up to the playhead, as far along as the message has got.
            None => {
                let trip = a.due.saturating_sub(a.sent).max(1) as f64;
                let share = (s.now.saturating_sub(a.sent) as f64 / trip).clamp(0.0, 1.0);
                (s.x(s.now), y1 + (s.y(a.to) - y1) * share)
            }
        };
        let class = classes!(
            "arrow",
            a.dropped.then_some("dropped"),
            a.heartbeat.then_some("heartbeat"),
            a.ended.is_none().then_some("in-flight")
        );
        html! {
            <line class={class} x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
                marker-end={(!a.dropped).then_some("url(#arrowhead)")}>
                <title>{ format!("{} {} → {}", a.label, a.from, a.to) }</title>
            </line>
        }
    });
    let marks = s.marks.iter().map(|m| {
        let (x, y) = (s.x(m.time), s.y(m.node));
        let (class, text) = match &m.kind {
            MarkKind::Role(Role::Leader) => ("mark leader", "L".to_string()),
            MarkKind::Role(Role::Candidate) => ("mark candidate", "C".to_string()),
            MarkKind::Role(Role::Follower) => ("mark follower", "F".to_string()),
            MarkKind::Commit(index) => ("mark commit", format!("{index}")),
            MarkKind::Crash => ("mark crash", "✕".to_string()),
            MarkKind::Restart => ("mark restart", "↻".to_string()),
        };
        html! {
            <g class={class}>
                <circle cx={x.to_string()} cy={y.to_string()} r="7" />
                <text x={x.to_string()} y={(y + 3.5).to_string()}>{ text }</text>
            </g>
        }
    });
    html! {
        <figure class="spacetime">
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                 aria-label={format!("Space-time diagram from {} to {}: {} messages", format_time(s.start), format_time(s.end), s.arrows.len())}>
                <defs>
                    <marker id="arrowhead" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">
                        <path d="M0,0 L6,3 L0,6 z" />
                    </marker>
                </defs>
                { for lanes }
                { for arrows }
                { for marks }
                <line class="playhead" x1={s.x(s.now).to_string()} x2={s.x(s.now).to_string()}
                    y1="2" y2={(height - 14.0).to_string()} />
                <text class="axis" x={LEFT.to_string()} y={(height - 4.0).to_string()}>{ format_time(s.start) }</text>
                <text class="axis end" x={WIDTH.to_string()} y={(height - 4.0).to_string()}>{ format_time(s.end) }</text>
            </svg>
            <figcaption>{ "Space-time: one lane per server; L/C/F role changes, numbers are commits" }</figcaption>
        </figure>
    }
}
