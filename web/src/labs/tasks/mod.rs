//! Task clusters on the page: the single-leader cluster and the leaderless one on the same
//! machines and one clock (core's `tasks::twin`), drawn as two rings side by side. A crash,
//! partition or loss strikes both at once; each ring shows only its own cluster's messages.
//!
//! The single-leader ring is coloured by Raft role, and each worker carries the
//! coordinator's α·T_hb deadline for it as its timer arc: the arc runs out when the
//! coordinator declares it failed. The leaderless ring is outlined by what the live members
//! think of each (SWIM's suspicion and death), as the gossip lab's is. The Charts tab holds
//! what the comparison measures, live, with the hash ring and the coordinator's table.

use std::collections::BTreeSet;

use clusterscope_core::protocols::gossip::{GossipNode, Status};
use clusterscope_core::protocols::raft::{self, RaftNode, Role};
use clusterscope_core::protocols::tasks::leader::{self, LeaderTaskNode};
use clusterscope_core::protocols::tasks::leaderless::{self, PeerTaskNode};
use clusterscope_core::protocols::tasks::twin::{
    Event, Message, Timer, TwinNode, LEADERLESS, SINGLE_LEADER,
};
use clusterscope_core::said;
use clusterscope_core::scenario::Protocol;
use clusterscope_core::sim::{
    format_time, Line, NodeId, Record, RecordKind, Sim, Time, Timeline, MILLI,
};

mod charts;
mod setup;
mod sweep_chart;
mod task_timeline;

use super::common::timer_left;
use crate::views::l10n::tr;
use crate::views::model::{EventKind, MessageStyle, ServerDot};
use crate::views::server_table::{Table, TableRow};
use crate::views::shown::{Shown, Until};
use crate::{en, tr};

/// How long a task takes when nothing says otherwise.
const WORK: Time = 400 * MILLI;

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Follower => en!("follower"),
        Role::Candidate => en!("candidate"),
        Role::Leader => en!("leader"),
    }
}

/// How many servers the single-leader cluster has: the first this many.
fn leader_servers(sim: &Sim<TwinNode>) -> usize {
    sim.protocol_config().leader_size(sim.nodes().len())
}

fn leader_dot(sim: &Sim<TwinNode>, id: NodeId, clock: Time) -> ServerDot {
    let Some(node) = sim.node(id).and_then(|node| node.leader.as_ref()) else {
        let saved = sim.saved(id).and_then(|(raft, _)| raft.as_ref());
        let term = saved.map_or(0, |raft| raft.current_term);
        return ServerDot::down(id, tr!("term {term}", term));
    };
    let role = node.raft().role();
    let coordinating = charts::coordinator(sim);
    let declared =
        coordinating.and_then(|(_, c)| c.coordinator()).is_some_and(|c| c.declared.contains(&id));
    // The coordinator's deadline for this worker: its arc empties at α·T_hb of silence.
    let deadline = coordinating.and_then(|(at, c)| {
        let silence = Timer::Leader(leader::Timer::Silent(id));
        timer_left(sim, at, silence, clock, c.config().silence_timeout())
    });
    let mut detail = tr!("runs {count}", count = node.running().len());
    if node.has_left() {
        detail = tr(en!("left the pool"));
    }
    if declared {
        detail = tr!("{detail} · declared failed", detail);
    }
    ServerDot {
        up: true,
        class: role_name(role),
        inner: tr!("term {term}", term = node.raft().current_term()),
        role: tr(if role == Role::Leader { en!("coordinator") } else { role_name(role) }),
        detail,
        timer_left: deadline,
        leads: role == Role::Leader,
        outline: if declared { "dead-to-some" } else { "" },
        ..ServerDot::down(id, String::new())
    }
}

/// What the live members think of `id`: (suspect, dead, asked).
fn opinion(sim: &Sim<TwinNode>, id: NodeId) -> (usize, usize, usize) {
    let others = NodeId::all(sim.nodes().len()).filter(|m| *m != id);
    let views = others.filter_map(|m| Some(sim.node(m)?.peer.gossip().member(id).status));
    views.fold((0, 0, 0), |(suspect, dead, asked), status| match status {
        Status::Suspect => (suspect + 1, dead, asked + 1),
        Status::Dead | Status::Left => (suspect, dead + 1, asked + 1),
        Status::Alive => (suspect, dead, asked + 1),
    })
}

/// The members some live member has reason to doubt: down, suspected, or missing from its
/// ring. Only these are polled for an opinion: polling every member of 200 is 40,000
/// lookups a frame.
fn doubted(sim: &Sim<TwinNode>) -> BTreeSet<NodeId> {
    let all = NodeId::all(sim.nodes().len());
    // Filled by `extend`, which inserts one by one: `collect` would bring a sort's code.
    let mut doubted = BTreeSet::new();
    doubted.extend(all.clone().filter(|id| sim.node(*id).is_none()));
    for node in sim.nodes().iter().flatten().map(|n| &n.peer) {
        doubted.extend(node.gossip().suspecting());
        let ring = &node.view_of_ring().members;
        if ring.len() < sim.nodes().len() {
            doubted.extend(all.clone().filter(|id| ring.binary_search(id).is_err()));
        }
    }
    doubted
}

/// `id` as the leaderless ring draws it; `doubted` says whether to poll the others about it.
fn member_dot(sim: &Sim<TwinNode>, id: NodeId, doubted: bool) -> ServerDot {
    let (suspect, dead, asked) = if doubted { opinion(sim, id) } else { (0, 0, 0) };
    let outline = match () {
        _ if asked > 0 && dead == asked => "dead-to-all",
        _ if dead > 0 => "dead-to-some",
        _ if suspect > 0 => "suspected",
        _ => "",
    };
    let standing = match (suspect, dead) {
        (0, 0) => String::new(),
        (s, 0) => tr!("suspected by {count}", count = s),
        (_, d) => tr!("dead to {dead} of {asked}", dead = d, asked),
    };
    let Some(node) = sim.node(id) else {
        return ServerDot { outline, detail: standing, ..ServerDot::down(id, String::new()) };
    };
    let node = &node.peer;
    let left = node.gossip().has_left();
    ServerDot {
        up: true,
        class: "follower",
        inner: tr!("ring {size}", size = node.view_of_ring().members.len()),
        role: match left {
            true => tr(en!("left the pool")),
            false => tr!("runs {count}", count = node.running().len()),
        },
        detail: standing,
        outline,
        ..ServerDot::down(id, String::new())
    }
}

fn coordinator_elected(_: &Sim<TwinNode>, records: &[Record<TwinNode>]) -> bool {
    records.iter().any(|r| {
        matches!(
            r.kind,
            RecordKind::Node {
                event: Event::Leader(leader::Event::Raft(raft::Event::Role {
                    role: Role::Leader,
                    ..
                })),
                ..
            }
        )
    })
}

fn tasks_move(_: &Sim<TwinNode>, records: &[Record<TwinNode>]) -> bool {
    records.iter().any(|r| {
        matches!(
            r.kind,
            RecordKind::Node { event: Event::Leader(leader::Event::Declared { .. }), .. }
                | RecordKind::Node { event: Event::Peer(leaderless::Event::TookOver { .. }), .. }
        )
    })
}

/// A task message in words, for the kinds the Raft and gossip narrations do not know.
fn task_message(from: NodeId, to: NodeId, msg: &Message) -> Option<Line> {
    Some(match msg {
        Message::Leader(leader::Message::Submit { task, .. })
        | Message::Peer(leaderless::Message::Submit { task, .. }) => {
            said!("{to} receives task {task} from {from}", to, task, from)
        }
        Message::Leader(leader::Message::Run { task, epoch, .. }) => said!(
            "{to} is told by {from} to run task {task} (attempt {epoch})",
            to,
            from,
            task,
            epoch
        ),
        Message::Leader(leader::Message::Heartbeat { running, finished }) => said!(
            "{from} reports to {to}: running {running}, finished {finished}",
            from,
            to,
            running = running.len(),
            finished = finished.len()
        ),
        Message::Leader(leader::Message::Settled { tasks }) => said!(
            "{to} hears from {from} that {count} finished task(s) are settled",
            to,
            from,
            count = tasks.len()
        ),
        Message::Leader(leader::Message::Leaving { finished }) => said!(
            "{to} hears from {from} that it leaves the pool (its last report: finished {count})",
            to,
            from,
            count = finished.len()
        ),
        Message::Leader(leader::Message::Raft(_))
        | Message::Peer(leaderless::Message::Gossip(_)) => return None,
    })
}

fn narrate_single_leader(record: &Record<LeaderTaskNode>) -> Option<Line> {
    let raft = || RaftNode::narrate(&record.project(&leader::RAFT)?);
    leader::narrate(record).or_else(raft)
}

fn narrate_leaderless(record: &Record<PeerTaskNode>) -> Option<Line> {
    let gossip = || GossipNode::narrate(&record.project(&leaderless::GOSSIP)?);
    leaderless::narrate(record).or_else(gossip)
}

/// A record in plain words, told as the cluster it is about.
fn told(record: &Record<TwinNode>) -> Option<Line> {
    match &record.kind {
        RecordKind::Action { action, resolved, say } => {
            return Some(match say {
                Some(line) => Line::text(line.clone()),
                None => action.describe(*resolved, said!("coordinator election timeout")),
            })
        }
        RecordKind::Crashed { node } => {
            return Some(said!("{node} crashes, in both clusters", node))
        }
        RecordKind::Restarted { node } => {
            return Some(said!("{node} restarts in both clusters from what each persisted", node))
        }
        RecordKind::Skipped { reason } => return Some(said!("nothing happens: {reason}", reason)),
        RecordKind::Violation { property, detail } => {
            return Some(said!("VIOLATION of {property}: {detail}", property, detail))
        }
        _ => {}
    }
    let (single, line) = if let Some(r) = record.project(&SINGLE_LEADER) {
        (true, narrate_single_leader(&r))
    } else {
        let r = record.project(&LEADERLESS)?;
        (false, narrate_leaderless(&r))
    };
    let line = line.or_else(|| match &record.kind {
        RecordKind::Deliver { from, to, msg, .. } => task_message(*from, *to, msg),
        _ => None,
    })?;
    Some(match single {
        true => said!("single leader: {line}", line => line),
        false => said!("leaderless: {line}", line => line),
    })
}

fn label(msg: &Message) -> &'static str {
    match msg {
        Message::Leader(leader::Message::Raft(m)) => m.label(),
        Message::Peer(leaderless::Message::Gossip(m)) => m.label(),
        Message::Leader(leader::Message::Submit { .. })
        | Message::Peer(leaderless::Message::Submit { .. }) => "Submit",
        Message::Leader(leader::Message::Run { .. }) => "Run",
        Message::Leader(leader::Message::Heartbeat { .. }) => "Worker heartbeat",
        Message::Leader(leader::Message::Settled { .. }) => "Settled",
        Message::Leader(leader::Message::Leaving { .. }) => "Leaving",
    }
}

impl Shown for TwinNode {
    const KIND: Protocol = Protocol::Tasks;
    const EVENT_KINDS: [&'static str; 5] = [
        "events-detection",
        "events-assignments",
        "events-heartbeats-probes",
        "events-tasks",
        "events-faults",
    ];
    const MARKS: &'static str = "marks-tasks";
    const UNTIL: [(&'static str, Until<Self>); 2] =
        [("until-coordinator", coordinator_elected), ("until-task-moves", tasks_move)];
    const ACTIONS: (&'static str, &'static str, Option<&'static str>) =
        ("faults-time-out", "faults-client-submits", None);
    const SIDES: &'static [&'static str] = &[en!("Single leader"), en!("Leaderless")];
    const MEMBERSHIP: bool = true;

    fn client_command(n: usize) -> String {
        format!("task{n}={}", format_time(WORK))
    }

    fn side(msg: &Message) -> usize {
        match msg {
            Message::Leader(_) => 0,
            Message::Peer(_) => 1,
        }
    }

    fn server(sim: &Sim<TwinNode>, id: NodeId, clock: Time) -> ServerDot {
        leader_dot(sim, id, clock)
    }

    fn picture_of_side(
        timeline: &Timeline<TwinNode>,
        side: usize,
    ) -> (Vec<ServerDot>, Option<(String, String)>) {
        let (sim, clock) = (timeline.sim(), timeline.clock());
        if side == 0 {
            let ids = NodeId::all(leader_servers(sim));
            let servers = ids.map(|id| leader_dot(sim, id, clock)).collect();
            (servers, Some(charts::leader_headline(sim)))
        } else {
            let doubted = doubted(sim);
            let all = NodeId::all(sim.nodes().len());
            let servers = all.map(|id| member_dot(sim, id, doubted.contains(&id))).collect();
            (servers, Some(charts::ring_headline(sim)))
        }
    }

    fn message(msg: &Message) -> MessageStyle {
        let task = |kind, request, heartbeat| MessageStyle {
            kind,
            label: label(msg),
            request,
            heartbeat,
            tag: "",
        };
        match msg {
            Message::Leader(leader::Message::Raft(m)) => RaftNode::message(m),
            Message::Peer(leaderless::Message::Gossip(m)) => GossipNode::message(m),
            Message::Leader(leader::Message::Submit { .. })
            | Message::Peer(leaderless::Message::Submit { .. }) => task("forward", true, false),
            Message::Leader(leader::Message::Run { .. }) => task("run", true, false),
            Message::Leader(leader::Message::Heartbeat { .. }) => task("heartbeat", true, true),
            Message::Leader(leader::Message::Settled { .. }) => task("append-ok", false, false),
            Message::Leader(leader::Message::Leaving { .. }) => task("heartbeat", true, false),
        }
    }

    fn narrate(record: &Record<TwinNode>) -> Option<Line> {
        told(record)
    }

    fn message_kind(msg: &Message, delivered: bool) -> EventKind {
        match msg {
            Message::Leader(leader::Message::Raft(m)) => RaftNode::message_kind(m, delivered),
            Message::Peer(leaderless::Message::Gossip(m)) => GossipNode::message_kind(m, delivered),
            Message::Leader(leader::Message::Heartbeat { .. }) => EventKind::Heartbeat,
            Message::Leader(leader::Message::Submit { .. })
            | Message::Peer(leaderless::Message::Submit { .. }) => EventKind::Client,
            _ if !delivered => EventKind::Fault,
            Message::Leader(_) => EventKind::Replication,
        }
    }

    fn timer_kind(timer: &Timer) -> EventKind {
        match timer {
            Timer::Leader(leader::Timer::Raft(t)) => RaftNode::timer_kind(t),
            Timer::Leader(leader::Timer::Heartbeat) => EventKind::Heartbeat,
            Timer::Leader(leader::Timer::Silent(_)) => EventKind::Election,
            Timer::Leader(leader::Timer::Finish(_)) | Timer::Peer(leaderless::Timer::Finish(_)) => {
                EventKind::Client
            }
            Timer::Peer(leaderless::Timer::Gossip(t)) => GossipNode::timer_kind(t),
            Timer::Peer(leaderless::Timer::Sweep) => EventKind::Replication,
        }
    }

    fn event_kind(event: &Event) -> EventKind {
        use leader::Event as L;
        use leaderless::Event as P;
        match event {
            Event::Leader(L::Raft(e)) => RaftNode::event_kind(e),
            Event::Leader(L::Declared { .. } | L::Rejoined { .. }) => EventKind::Election,
            Event::Leader(L::Left { .. } | L::Joined) => EventKind::Fault,
            Event::Leader(L::Proposed { .. } | L::Assigned { .. } | L::Completed { .. })
            | Event::Leader(L::Stale { .. }) => EventKind::Replication,
            Event::Leader(_) => EventKind::Client,
            Event::Peer(P::Gossip(e)) => GossipNode::event_kind(e),
            Event::Peer(P::TookOver { .. } | P::RingChanged { .. }) => EventKind::Election,
            Event::Peer(_) => EventKind::Client,
        }
    }

    fn mark(event: &Event) -> Option<(&'static str, String)> {
        use leader::Event as L;
        use leaderless::Event as P;
        match event {
            Event::Leader(L::Raft(raft::Event::Role { role: Role::Leader, .. })) => {
                Some(("mark leader", "L".into()))
            }
            Event::Leader(L::Declared { .. }) => Some(("mark crash", "D".into())),
            Event::Peer(P::Gossip(e)) => GossipNode::mark(e).filter(|(_, text)| text == "✝"),
            Event::Peer(P::TookOver { .. }) => Some(("mark candidate", "T".into())),
            _ => None,
        }
    }

    fn table(sim: &Sim<TwinNode>) -> Table {
        let rows = NodeId::all(sim.nodes().len())
            .map(|id| match sim.node(id) {
                None => TableRow::down(id),
                Some(node) => {
                    let peer = &node.peer;
                    let suspects: Vec<String> = NodeId::all(sim.nodes().len())
                        .filter(|m| peer.gossip().member(*m).status != Status::Alive)
                        .map(|m| m.to_string())
                        .collect();
                    let role = node.leader.as_ref().map(|l| l.raft().role());
                    let [role_cell, term, runs]: [String; 3] = match &node.leader {
                        Some(leader) => [
                            tr(role_name(leader.raft().role())),
                            leader.raft().current_term().to_string(),
                            leader.running().len().to_string(),
                        ],
                        // This server is outside the single-leader cluster.
                        None => ["—".into(), "—".into(), "—".into()],
                    };
                    TableRow {
                        id,
                        class: role.map_or("follower", role_name),
                        cells: Some(vec![
                            role_cell,
                            term,
                            runs,
                            peer.view_of_ring().members.len().to_string(),
                            peer.running().len().to_string(),
                            if suspects.is_empty() { "—".into() } else { suspects.join(" ") },
                        ]),
                    }
                }
            })
            .collect();
        Table {
            caption: en!(
                "Each server in both clusters: the single leader's role, term and the tasks \
                 it runs; the leaderless member's ring, its tasks and whom it doubts"
            ),
            headers: &[
                en!("Role"),
                en!("Term"),
                en!("Runs"),
                en!("Ring"),
                en!("Runs"),
                en!("Doubts"),
            ],
            rows,
        }
    }

    fn inspect(sim: &Sim<TwinNode>, id: NodeId, _clock: Time) -> Vec<(String, String)> {
        let Some(node) = sim.node(id) else {
            let Some((raft, gossip)) = sim.saved(id) else { return Vec::new() };
            let mut rows = vec![(tr(en!("state")), tr(en!("down (crashed), in both clusters")))];
            if let Some(raft) = raft {
                rows.push((
                    tr(en!("single leader: term (persisted)")),
                    raft.current_term.to_string(),
                ));
                rows.push((
                    tr(en!("single leader: log (persisted)")),
                    tr!("{count} entries", count = raft.log.len()),
                ));
            }
            rows.push((
                tr(en!("leaderless: incarnation (persisted)")),
                gossip.incarnation.to_string(),
            ));
            return rows;
        };
        let peer = &node.peer;
        let list = |ids: &mut dyn Iterator<Item = String>| {
            let all: Vec<String> = ids.collect();
            if all.is_empty() {
                tr(en!("none"))
            } else {
                all.join(", ")
            }
        };
        let Some(leader) = &node.leader else {
            let mut rows = vec![(
                tr(en!("single leader")),
                tr(en!("not a member: that cluster runs on the first servers only")),
            )];
            rows.extend(leaderless_rows(peer, &list));
            return rows;
        };
        let mut rows = vec![
            (tr(en!("single leader: role")), tr(role_name(leader.raft().role()))),
            (tr(en!("single leader: term")), leader.raft().current_term().to_string()),
            (
                tr(en!("single leader: runs (task/attempt)")),
                list(&mut leader.running().iter().map(|(t, e)| format!("{t}/{e}"))),
            ),
            (tr(en!("single leader: table rows applied")), leader.table().len().to_string()),
        ];
        if let Some(c) = leader.coordinator() {
            rows.push((
                tr(en!("coordinator: declared failed")),
                list(&mut c.declared.iter().map(NodeId::to_string)),
            ));
            rows.push((tr(en!("coordinator: tasks waiting")), c.waiting.len().to_string()));
        }
        rows.extend(leaderless_rows(peer, &list));
        rows
    }
}

/// What the inspector says of a server's leaderless member; `list` joins names.
fn leaderless_rows(
    peer: &PeerTaskNode,
    list: &dyn Fn(&mut dyn Iterator<Item = String>) -> String,
) -> Vec<(String, String)> {
    let ring = &peer.view_of_ring().members;
    vec![
        (tr(en!("leaderless: ring")), list(&mut ring.iter().map(NodeId::to_string))),
        (tr(en!("leaderless: runs")), list(&mut peer.running().keys().map(|t| t.to_string()))),
        (tr(en!("leaderless: incarnation")), peer.gossip().incarnation().to_string()),
    ]
}

#[cfg(test)]
mod tests;
