//! The cluster view: servers on a ring, coloured and shaped by role, each with an arc for the
//! time left on its election timer, and the messages in flight moving along their links by
//! virtual time. Pure rendering of a snapshot taken from the timeline.

use clusterscope_core::protocols::raft::{Message, RaftNode, Role, Timer};
use clusterscope_core::sim::{NodeId, Time, Timeline};
use yew::prelude::*;

const SIZE: f64 = 420.0;
const RING: f64 = 150.0;
const SERVER_RADIUS: f64 = 30.0;
const TIMER_RADIUS: f64 = 37.0;

#[derive(Clone, Debug, PartialEq)]
pub struct ServerDot {
    pub id: NodeId,
    /// `None` while crashed.
    pub role: Option<Role>,
    pub term: u64,
    /// Fraction of the longest election timeout still to run, if the timer is armed.
    pub election_left: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MessageDot {
    pub id: u64,
    pub from: NodeId,
    pub to: NodeId,
    /// 0 at the sender, 1 at the receiver.
    pub progress: f64,
    /// CSS class naming the kind: `request-vote`, `vote-granted`, `vote-denied`, `append`,
    /// `heartbeat`, `append-ok`, `append-failed`, `forward`.
    pub kind: &'static str,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClusterSnapshot {
    pub servers: Vec<ServerDot>,
    pub messages: Vec<MessageDot>,
}

impl ClusterSnapshot {
    /// What the cluster looks like at the timeline's playhead.
    pub fn of(timeline: &Timeline<RaftNode>) -> Self {
        let sim = timeline.sim();
        let clock = timeline.clock();
        let longest = sim.protocol_config().election_timeout.1.max(1);
        let servers = NodeId::all(sim.nodes().len())
            .map(|id| {
                let node = sim.node(id);
                let election_left = sim
                    .timers(id)
                    .find(|(timer, _)| *timer == Timer::Election)
                    .map(|(_, due)| due.saturating_sub(clock) as f64 / longest as f64);
                ServerDot {
                    id,
                    role: node.map(|n| n.role()),
                    term: node.map_or_else(
                        || sim.saved(id).map_or(0, |p| p.current_term),
                        |n| n.current_term(),
                    ),
                    election_left,
                }
            })
            .collect();
        let messages = sim
            .in_flight()
            .map(|m| MessageDot {
                id: m.id,
                from: m.from,
                to: m.to,
                progress: progress(m.sent_at, m.deliver_at, clock),
                kind: kind_of(&m.msg),
                label: m.msg.label().to_string(),
            })
            .collect();
        ClusterSnapshot { servers, messages }
    }
}

fn progress(sent: Time, due: Time, clock: Time) -> f64 {
    if due <= sent {
        return 1.0;
    }
    (clock.saturating_sub(sent) as f64 / (due - sent) as f64).clamp(0.0, 1.0)
}

fn kind_of(msg: &Message) -> &'static str {
    match msg {
        Message::RequestVote { .. } => "request-vote",
        Message::RequestVoteReply { vote_granted: true, .. } => "vote-granted",
        Message::RequestVoteReply { vote_granted: false, .. } => "vote-denied",
        msg if msg.is_heartbeat() => "heartbeat",
        Message::AppendEntries { .. } => "append",
        Message::AppendEntriesReply { success: true, .. } => "append-ok",
        Message::AppendEntriesReply { success: false, .. } => "append-failed",
        Message::ClientForward { .. } => "forward",
    }
}

/// Where server `index` of `count` sits on the ring, S1 at the top, clockwise.
fn position(index: usize, count: usize) -> (f64, f64) {
    let angle =
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index as f64 / count.max(1) as f64;
    (SIZE / 2.0 + RING * angle.cos(), SIZE / 2.0 + RING * angle.sin())
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
}

#[function_component]
pub fn ClusterView(props: &ClusterViewProps) -> Html {
    let count = props.snapshot.servers.len();
    let links = (0..count).flat_map(|a| (a + 1..count).map(move |b| (a, b))).map(|(a, b)| {
        let ((x1, y1), (x2, y2)) = (position(a, count), position(b, count));
        html! { <line class="link" x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} /> }
    });
    let servers = props.snapshot.servers.iter().map(|s| server(s, count, props.on_select.clone()));
    let messages =
        props.snapshot.messages.iter().map(|m| message(m, count, props.on_pick_message.clone()));
    html! {
        <svg class="cluster" viewBox={format!("0 0 {SIZE} {SIZE}")} role="img"
             aria-label={describe(&props.snapshot)}>
            <g>{ for links }</g>
            <g>{ for servers }</g>
            <g>{ for messages }</g>
        </svg>
    }
}

/// A sentence for screen readers: who leads, who is down, how many messages fly.
fn describe(snapshot: &ClusterSnapshot) -> String {
    let leader = snapshot.servers.iter().find(|s| s.role == Some(Role::Leader));
    let down: Vec<String> =
        snapshot.servers.iter().filter(|s| s.role.is_none()).map(|s| s.id.to_string()).collect();
    format!(
        "Cluster of {} servers; {}; {}; {} messages in flight",
        snapshot.servers.len(),
        leader.map_or("no leader".to_string(), |l| format!("{} leads term {}", l.id, l.term)),
        if down.is_empty() {
            "none down".to_string()
        } else {
            format!("down: {}", down.join(", "))
        },
        snapshot.messages.len()
    )
}

fn server(dot: &ServerDot, count: usize, on_select: Option<Callback<NodeId>>) -> Html {
    let (x, y) = position(dot.id.index(), count);
    let (class, role_label) = match dot.role {
        None => ("server down", "down"),
        Some(Role::Follower) => ("server follower", "follower"),
        Some(Role::Candidate) => ("server candidate", "candidate"),
        Some(Role::Leader) => ("server leader", "leader"),
    };
    let circumference = std::f64::consts::TAU * TIMER_RADIUS;
    let timer = dot.election_left.map(|left| {
        let shown = circumference * left.clamp(0.0, 1.0);
        html! {
            <circle class="election-timer" cx={x.to_string()} cy={y.to_string()} r={TIMER_RADIUS.to_string()}
                stroke-dasharray={format!("{shown:.1} {circumference:.1}")}
                transform={format!("rotate(-90 {x} {y})")} />
        }
    });
    html! {
        <g class={class} data-server={dot.id.to_string()}
            onclick={on_select.map(|select| { let id = dot.id; Callback::from(move |_: MouseEvent| select.emit(id)) })}>
            { for timer }
            <circle cx={x.to_string()} cy={y.to_string()} r={SERVER_RADIUS.to_string()} />
            <text class="name" x={x.to_string()} y={(y - 4.0).to_string()}>{ dot.id.to_string() }</text>
            <text class="term" x={x.to_string()} y={(y + 12.0).to_string()}>{ format!("term {}", dot.term) }</text>
            <text class="role" x={x.to_string()} y={(y + SERVER_RADIUS + 22.0).to_string()}>{ role_label }</text>
        </g>
    }
}

fn message(dot: &MessageDot, count: usize, on_pick: Option<Callback<u64>>) -> Html {
    let id = dot.id;
    let onclick = on_pick.map(|pick| Callback::from(move |_: MouseEvent| pick.emit(id)));
    let ((x1, y1), (x2, y2)) = (position(dot.from.index(), count), position(dot.to.index(), count));
    // Travel from rim to rim, not centre to centre.
    let length = ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt().max(1.0);
    let rim = SERVER_RADIUS / length;
    let t = rim + (1.0 - 2.0 * rim) * dot.progress;
    let (x, y) = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
    // Requests are squares, replies circles: the shape tells them apart without colour.
    let is_request = matches!(dot.kind, "request-vote" | "append" | "heartbeat" | "forward");
    let title =
        html! { <title>{ format!("{} from {} to {}", dot.label, dot.from, dot.to) }</title> };
    if is_request {
        html! {
            <rect class={classes!("message", dot.kind)} x={(x - 6.0).to_string()} y={(y - 6.0).to_string()}
                width="12" height="12" data-message={dot.id.to_string()} {onclick}>{ title }</rect>
        }
    } else {
        html! {
            <circle class={classes!("message", dot.kind)} cx={x.to_string()} cy={y.to_string()} r="6"
                data-message={dot.id.to_string()} {onclick}>{ title }</circle>
        }
    }
}
