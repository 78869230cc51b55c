//! What the cluster looks like at the playhead, in drawing terms: the servers, the messages
//! in flight and the links cut. Both cluster pictures (SVG and canvas) draw this.

use clusterscope_core::sim::{
    format_time, DropReason, Node, NodeId, RecordKind, Sim, Time, Timeline, MILLI,
};

use super::model::ServerDot;
use super::shown::Shown;
use crate::views::l10n::tr;
use crate::{en, tr};

/// The largest cluster drawn as SVG; above it, a canvas.
pub const SVG_UP_TO: usize = 16;
/// How long (virtual time) a lost message stays marked, and how far back to look for one.
const DROP_SHOWN: Time = 40 * MILLI;
const RECENT_RECORDS: usize = 4000;
fn progress(sent: Time, due: Time, clock: Time) -> f64 {
    if due <= sent {
        return 1.0;
    }
    (clock.saturating_sub(sent) as f64 / (due - sent) as f64).clamp(0.0, 1.0)
}

#[derive(Clone, Debug, PartialEq)]
pub struct MessageDot {
    pub id: u64,
    pub from: NodeId,
    pub to: NodeId,
    /// 0 at the sender, 1 at the receiver.
    pub progress: f64,
    /// CSS class naming the kind: `request-vote`, `append`, `prepare`, `promise`, ….
    pub kind: &'static str,
    pub label: &'static str,
    /// Requests are drawn as squares, replies as circles.
    pub request: bool,
    /// Drawn on the message: Paxos's phase.
    pub tag: &'static str,
    /// A copy the network (or a person) made of another message.
    pub duplicate: bool,
}

/// A message lost a moment ago, shown as a cross where it was lost.
#[derive(Clone, Debug, PartialEq)]
pub struct DropMark {
    pub from: NodeId,
    pub to: NodeId,
    /// Where along the link it was lost: near the sender when lost on sending.
    pub progress: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClusterSnapshot {
    pub servers: Vec<ServerDot>,
    pub messages: Vec<MessageDot>,
    /// Directions (from, to) in which messages cannot pass: partitions and one-way cuts.
    /// For a cluster too large to draw every link, only the cuts (see `groups`).
    pub blocked: Vec<(NodeId, NodeId)>,
    /// Each server's side of a partition (0 for the main side), when the cluster is too
    /// large to draw every link; empty when there is no partition.
    pub groups: Vec<u32>,
    pub dropped: Vec<DropMark>,
    /// Two lines at the centre of the ring (Paxos: the value chosen, and who knows it).
    pub headline: Option<(String, String)>,
    /// Which cluster this is, when the lab draws more than one ([`Shown::SIDES`]).
    pub caption: &'static str,
}

impl ClusterSnapshot {
    /// Each cluster the lab draws at the timeline's playhead: one, or one per side.
    pub fn all<N: Shown>(timeline: &Timeline<N>) -> Vec<Self> {
        if N::SIDES.is_empty() {
            return vec![Self::of(timeline, None)];
        }
        (0..N::SIDES.len()).map(|side| Self::of(timeline, Some(side))).collect()
    }

    /// What the cluster looks like at the timeline's playhead: the whole of it, or the
    /// servers, messages and losses of one side.
    fn of<N: Shown>(timeline: &Timeline<N>, side: Option<usize>) -> Self {
        let sim = timeline.sim();
        let clock = timeline.clock();
        let on_side = |msg: &N::Msg| side.is_none_or(|side| N::side(msg) == side);
        let (mut servers, headline) = match side {
            None => N::picture(timeline),
            Some(side) => N::picture_of_side(timeline, side),
        };
        for dot in servers.iter_mut().filter(|dot| dot.id.index() < sim.nodes().len()) {
            timing(sim, dot, clock);
        }
        let mut copies = Vec::new();
        let mut dropped = Vec::new();
        let recent = timeline.trace().iter().rev().take(RECENT_RECORDS);
        for record in recent.take_while(|r| r.time + DROP_SHOWN >= clock) {
            match &record.kind {
                RecordKind::Duplicate { copy, .. } => copies.push(*copy),
                RecordKind::Drop { from, to, reason, msg, .. } if on_side(msg) => {
                    // Loss happens as a message leaves; other drops where it would land.
                    let progress = if *reason == DropReason::Loss { 0.15 } else { 0.85 };
                    dropped.push(DropMark { from: *from, to: *to, progress });
                }
                _ => {}
            }
        }
        // A side may be drawn with fewer servers than the machines (the Tasks lab's single
        // leader on the first few): its links are those among its own servers.
        let count = servers.len();
        let all = || NodeId::all(count);
        // Every pair is a million at 1,000 members: large clusters show sides, not links.
        let (blocked, groups) = if count <= SVG_UP_TO {
            let blocked = all()
                .flat_map(|from| all().map(move |to| (from, to)))
                .filter(|&(from, to)| from != to && !sim.link_up(from, to))
                .collect();
            (blocked, Vec::new())
        } else {
            let groups = &sim.partition_groups()[..count.min(sim.partition_groups().len())];
            let split = groups.iter().any(|g| *g != 0);
            let drawn = |id: NodeId| id.index() < count;
            let cuts = sim.cuts().into_iter().filter(|&(from, to)| drawn(from) && drawn(to));
            (cuts.collect(), if split { groups.to_vec() } else { Vec::new() })
        };
        let messages = sim
            .in_flight()
            .filter(|m| on_side(&m.msg))
            .map(|m| {
                let style = N::message(&m.msg);
                MessageDot {
                    id: m.id,
                    from: m.from,
                    to: m.to,
                    progress: progress(m.sent_at, m.deliver_at, clock),
                    kind: style.kind,
                    label: style.label,
                    request: style.request,
                    tag: style.tag,
                    duplicate: copies.contains(&m.id),
                }
            })
            .collect();
        let caption = side.map_or("", |side| N::SIDES[side]);
        ClusterSnapshot { servers, messages, blocked, groups, dropped, headline, caption }
    }
}

/// Marks a paused server and one whose clock is off true time, in words under it: when it
/// resumes, and what its clock reads at the playhead `now` (to the millisecond: the line
/// sits under a small circle; the inspector has the rest).
pub fn timing<N: Node>(sim: &Sim<N>, dot: &mut ServerDot, now: Time) {
    let id = dot.id;
    let paused = sim.paused_until(id).filter(|&until| until > now);
    let clock = sim.clock(id);
    let mut parts = Vec::new();
    let ms = |t: Time| format_time(t / MILLI * MILLI);
    if let Some(until) = paused {
        parts.push(tr!("paused to {time}", time = ms(until)));
    }
    if clock.is_off(now) {
        parts.push(tr!("clock {time}", time = ms(clock.local(now))));
    }
    dot.paused = paused.is_some();
    dot.timing = parts.join(" · ");
}

/// A sentence for screen readers: who leads, who is down, how many messages fly.
pub fn describe(snapshot: &ClusterSnapshot) -> String {
    let leader = snapshot.servers.iter().find(|s| s.leads);
    let down: Vec<String> =
        snapshot.servers.iter().filter(|s| !s.up).map(|s| s.id.to_string()).collect();
    let name = tr(if snapshot.caption.is_empty() { en!("Cluster") } else { snapshot.caption });
    let mut parts = vec![
        tr!("{name} of {count} servers", name, count = snapshot.servers.len()),
        leader.map_or(tr(en!("no leader")), |l| {
            tr!("{id} leads ({what})", id = l.id, what = l.inner)
        }),
        if down.is_empty() {
            tr(en!("none down"))
        } else {
            tr!("down: {servers}", servers = down.join(", "))
        },
        tr!("{count} messages in flight", count = snapshot.messages.len()),
    ];
    if !snapshot.blocked.is_empty() {
        parts.push(tr!("{count} link directions cut", count = snapshot.blocked.len()));
    }
    for server in snapshot.servers.iter().filter(|s| !s.timing.is_empty()) {
        parts.push(format!("{}: {}", server.id, server.timing));
    }
    if let Some((first, second)) = &snapshot.headline {
        parts.push(format!("{first}, {second}"));
    }
    parts.join("; ")
}
