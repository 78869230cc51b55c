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
use crate::views::model::{EventKind, MessageStyle, ServerDot};
use crate::views::server_table::{Table, TableRow};
use crate::views::shown::{Shown, Until};

/// How long a task takes when nothing says otherwise.
const WORK: Time = 400 * MILLI;

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Follower => "follower",
        Role::Candidate => "candidate",
        Role::Leader => "leader",
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
        return ServerDot::down(id, format!("term {term}"));
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
    let mut detail = format!("runs {}", node.running().len());
    if node.has_left() {
        detail = "left the pool".into();
    }
    if declared {
        detail.push_str(" · declared failed");
    }
    ServerDot {
        up: true,
        class: role_name(role),
        inner: format!("term {}", node.raft().current_term()),
        role: if role == Role::Leader { "coordinator".into() } else { role_name(role).into() },
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
        (s, 0) => format!("suspected by {s}"),
        (_, d) => format!("dead to {d} of {asked}"),
    };
    let Some(node) = sim.node(id) else {
        return ServerDot { outline, detail: standing, ..ServerDot::down(id, String::new()) };
    };
    let node = &node.peer;
    let left = node.gossip().has_left();
    ServerDot {
        up: true,
        class: "follower",
        inner: format!("ring {}", node.view_of_ring().members.len()),
        role: if left { "left the pool".into() } else { format!("runs {}", node.running().len()) },
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
            said!("tasks-receives", "{to} receives task {task} from {from}", to, task, from)
        }
        Message::Leader(leader::Message::Run { task, epoch, .. }) => said!(
            "tasks-run",
            "{to} is told by {from} to run task {task} (attempt {epoch})",
            to,
            from,
            task,
            epoch
        ),
        Message::Leader(leader::Message::Heartbeat { running, finished }) => said!(
            "tasks-report",
            "{from} reports to {to}: running {running}, finished {finished}",
            from,
            to,
            running = running.len(),
            finished = finished.len()
        ),
        Message::Leader(leader::Message::Settled { tasks }) => said!(
            "tasks-settled",
            "{to} hears from {from} that {count} finished task(s) are settled",
            to,
            from,
            count = tasks.len()
        ),
        Message::Leader(leader::Message::Leaving { finished }) => said!(
            "tasks-leaving",
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
                None => action.describe(
                    *resolved,
                    said!("tasks-election-timeout", "coordinator election timeout"),
                ),
            })
        }
        RecordKind::Crashed { node } => {
            return Some(said!("tasks-crashed", "{node} crashes, in both clusters", node))
        }
        RecordKind::Restarted { node } => {
            return Some(said!(
                "tasks-restarted",
                "{node} restarts in both clusters from what each persisted",
                node
            ))
        }
        RecordKind::Skipped { reason } => {
            return Some(said!("skipped", "nothing happens: {reason}", reason))
        }
        RecordKind::Violation { property, detail } => {
            return Some(said!(
                "record-violation",
                "VIOLATION of {property}: {detail}",
                property,
                detail
            ))
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
        true => said!("tasks-single-leader", "single leader: {line}", line => line),
        false => said!("tasks-leaderless", "leaderless: {line}", line => line),
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
    const SIDES: &'static [&'static str] = &["Single leader", "Leaderless"];
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
                            role_name(leader.raft().role()).into(),
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
            caption: "Each server in both clusters: the single leader's role, term and the tasks \
                      it runs; the leaderless member's ring, its tasks and whom it doubts",
            headers: &["Role", "Term", "Runs", "Ring", "Runs", "Doubts"],
            rows,
        }
    }

    fn inspect(sim: &Sim<TwinNode>, id: NodeId, _clock: Time) -> Vec<(String, String)> {
        let Some(node) = sim.node(id) else {
            let Some((raft, gossip)) = sim.saved(id) else { return Vec::new() };
            let mut rows = vec![("state".into(), "down (crashed), in both clusters".into())];
            if let Some(raft) = raft {
                rows.push((
                    "single leader: term (persisted)".into(),
                    raft.current_term.to_string(),
                ));
                rows.push((
                    "single leader: log (persisted)".into(),
                    format!("{} entries", raft.log.len()),
                ));
            }
            rows.push((
                "leaderless: incarnation (persisted)".into(),
                gossip.incarnation.to_string(),
            ));
            return rows;
        };
        let peer = &node.peer;
        let list = |ids: &mut dyn Iterator<Item = String>| {
            let all: Vec<String> = ids.collect();
            if all.is_empty() {
                "none".to_string()
            } else {
                all.join(", ")
            }
        };
        let Some(leader) = &node.leader else {
            let mut rows = vec![(
                "single leader".into(),
                "not a member: that cluster runs on the first servers only".into(),
            )];
            rows.extend(leaderless_rows(peer, &list));
            return rows;
        };
        let mut rows = vec![
            ("single leader: role".into(), role_name(leader.raft().role()).into()),
            ("single leader: term".into(), leader.raft().current_term().to_string()),
            (
                "single leader: runs (task/attempt)".into(),
                list(&mut leader.running().iter().map(|(t, e)| format!("{t}/{e}"))),
            ),
            ("single leader: table rows applied".into(), leader.table().len().to_string()),
        ];
        if let Some(c) = leader.coordinator() {
            rows.push((
                "coordinator: declared failed".into(),
                list(&mut c.declared.iter().map(NodeId::to_string)),
            ));
            rows.push(("coordinator: tasks waiting".into(), c.waiting.len().to_string()));
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
        ("leaderless: ring".into(), list(&mut ring.iter().map(NodeId::to_string))),
        ("leaderless: runs".into(), list(&mut peer.running().keys().map(|t| t.to_string()))),
        ("leaderless: incarnation".into(), peer.gossip().incarnation().to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::adapter::Adapter;
    use crate::views::cluster_snapshot::ClusterSnapshot;
    use clusterscope_core::sim::SECOND;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// The default lab played for 3 s of virtual time.
    fn played() -> Timeline<TwinNode> {
        let mut timeline = Timeline::new(TwinNode::start(&TwinNode::defaults()), 1000u64);
        timeline.advance_to(3 * SECOND);
        timeline
    }

    #[wasm_bindgen_test]
    fn both_clusters_are_drawn_apart_on_one_clock() {
        let timeline = played();
        let [single, leaderless] = &ClusterSnapshot::all(&timeline)[..] else {
            panic!("two clusters")
        };
        assert_eq!((single.caption, leaderless.caption), ("Single leader", "Leaderless"));
        assert_eq!(single.servers.len(), 5);
        assert_eq!(leaderless.servers.len(), 5);
        // Each ring carries its own cluster's messages, and together they are all of them.
        let in_flight = timeline.sim().in_flight().count();
        assert_eq!(single.messages.len() + leaderless.messages.len(), in_flight);
        assert_eq!(single.servers.iter().filter(|s| s.leads).count(), 1, "one coordinator");
        let (first, _) = single.headline.clone().expect("a headline");
        assert!(first.ends_with("coordinates (term 1)"), "{first}");
        // Workers carry the coordinator's α·T_hb deadline; the coordinator does not.
        let deadlines = single.servers.iter().filter(|s| s.timer_left.is_some()).count();
        assert_eq!(deadlines, 4);
        assert!(leaderless.servers.iter().all(|s| !s.leads && s.timer_left.is_none()));
    }

    #[wasm_bindgen_test]
    fn a_few_single_leader_servers_sit_beside_a_large_leaderless_cluster() {
        use crate::labs::own::Value;
        let mut settings = TwinNode::defaults();
        settings.servers = 40;
        settings.own.set("leader_servers", Value::Count(5));
        assert_eq!(TwinNode::validate(&settings), Ok(()));
        let mut timeline = Timeline::new(TwinNode::start(&settings), 1000u64);
        timeline.advance_to(3 * SECOND);
        let [single, leaderless] = &ClusterSnapshot::all(&timeline)[..] else {
            panic!("two clusters")
        };
        assert_eq!((single.servers.len(), leaderless.servers.len()), (5, 40));
        assert_eq!(single.servers.iter().filter(|s| s.leads).count(), 1, "one coordinator");
        let outside = |id: NodeId| id.index() >= 5;
        assert!(single.messages.iter().all(|m| !outside(m.from) && !outside(m.to)));
        assert!(leaderless.messages.iter().any(|m| outside(m.from) || outside(m.to)));
        let (_, ring) = charts::ring_headline(timeline.sim());
        assert!(ring.contains("done (as gossiped)"), "{ring}");
        let inspected = TwinNode::inspect(timeline.sim(), NodeId(30), timeline.clock());
        assert!(inspected[0].1.starts_with("not a member"), "{inspected:?}");
        // Too many single-leader servers for the page, or more than there are, is refused.
        settings.own.set("leader_servers", Value::Empty);
        assert!(TwinNode::validate(&settings).is_ok(), "40 are within the page's 64");
        settings.servers = 200;
        let refused = TwinNode::validate(&settings).expect_err("200 Raft servers");
        assert!(refused.contains("at most 64"), "{refused}");
        settings.own.set("leader_servers", Value::Count(201));
        assert!(TwinNode::validate(&settings).is_err());
    }

    #[wasm_bindgen_test]
    fn each_record_is_told_as_its_clusters() {
        let timeline = played();
        let told: Vec<String> =
            timeline.trace().iter().filter_map(told).map(|line| line.to_string()).collect();
        assert!(told.iter().any(|t| t.starts_with("single leader: ") && t.contains("leader")));
        assert!(told.iter().any(|t| t.starts_with("leaderless: ")));
        assert!(told.iter().any(|t| t.contains("gets task 1 from a client")));
    }

    #[wasm_bindgen_test]
    fn a_member_that_joins_is_drawn_outside_then_in_both_pools() {
        use crate::labs::lab::Lab;
        let lab = Lab::scenario("tasks-member-join").expect("shipped");
        let scenario = lab.parsed_scenario().expect("this lab's").expect("it parses");
        let mut timeline = Timeline::new(
            scenario.build::<TwinNode>(TwinNode::scenario_config(&scenario), true),
            1000u64,
        );
        let s6 = |timeline: &Timeline<TwinNode>| {
            let clusters = ClusterSnapshot::all(timeline);
            let dots = clusters.iter().map(|c| c.servers[5].clone());
            dots.map(|dot| format!("{} {}", dot.role, dot.detail)).collect::<Vec<_>>()
        };
        timeline.advance_to(5 * SECOND);
        let outside = s6(&timeline);
        assert!(outside[0].contains("left the pool"), "{outside:?}");
        assert!(outside[1].contains("left the pool"), "{outside:?}");
        assert_eq!(charts::ring_headline(timeline.sim()).0, "all agree on a ring of 5");
        timeline.advance_to(12 * SECOND);
        let inside = s6(&timeline);
        assert!(inside.iter().all(|s| !s.contains("left")), "{inside:?}");
        assert_eq!(charts::ring_headline(timeline.sim()).0, "all agree on a ring of 6");
        let told: Vec<String> =
            timeline.trace().iter().filter_map(told).map(|line| line.to_string()).collect();
        assert!(told.iter().any(|t| t.contains("S6 joins. Watch")), "the scenario's own line");
        assert!(told.iter().any(|t| t.contains("ring gains S6") && t.contains("change owner")));
        assert!(told.iter().any(|t| t.contains("S6 joins the pool of workers")));
    }

    /// Renders the Charts tab of `timeline` into the document; returns its root.
    async fn rendered_charts(timeline: Timeline<TwinNode>) -> web_sys::Element {
        use yew::prelude::*;
        #[derive(Properties)]
        struct Shown {
            timeline: Timeline<TwinNode>,
        }
        impl PartialEq for Shown {
            fn eq(&self, _: &Self) -> bool {
                false
            }
        }
        #[function_component]
        fn Host(props: &Shown) -> Html {
            charts::view(&props.timeline)
        }
        let document = web_sys::window().and_then(|w| w.document()).expect("a document");
        let root = document.create_element("div").expect("a div");
        document.body().expect("a body").append_child(&root).expect("attached");
        yew::Renderer::<Host>::with_root_and_props(root.clone(), Shown { timeline }).render();
        gloo_timers::future::TimeoutFuture::new(0).await;
        root
    }

    fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
        let found = root.query_selector_all(selector).expect("a valid selector");
        let nodes = (0..found.length()).filter_map(|i| found.item(i));
        nodes.map(|n| n.text_content().unwrap_or_default().trim().to_string()).collect()
    }

    #[wasm_bindgen_test]
    async fn the_task_timeline_shows_a_stalled_workers_task_run_twice() {
        use crate::labs::lab::Lab;
        let lab = Lab::scenario("tasks-worker-stall").expect("shipped");
        let scenario = lab.parsed_scenario().expect("this lab's").expect("it parses");
        let mut timeline = Timeline::new(
            scenario.build::<TwinNode>(TwinNode::scenario_config(&scenario), true),
            1000u64,
        );
        // S4 was cut off at 3 s mid-task; the coordinator has declared it failed and given
        // its tasks to others, while S4 still runs them.
        timeline.advance_to(3_500 * MILLI);
        let root = rendered_charts(timeline).await;
        let rows = texts(&root, ".task-timeline text.task");
        assert_eq!(rows.len(), task_timeline::ROWS, "{rows:?}");
        assert_eq!(rows[0], "task 6", "the newest twelve of seventeen: {rows:?}");
        let standings = texts(&root, ".task-timeline .lane > text");
        assert_eq!(standings.len(), 2 * task_timeline::ROWS);
        let single: Vec<&str> = standings.iter().step_by(2).map(String::as_str).collect();
        let leaderless: Vec<&str> =
            standings.iter().skip(1).step_by(2).map(String::as_str).collect();
        // S4 and the worker that took its task over, both running it.
        assert!(single.iter().any(|s| s.starts_with("twice: S4 S")), "{single:?}");
        assert!(single.contains(&"done"), "{single:?}");
        let calm = |s: &&str| *s == "done" || s.starts_with("running: S");
        assert!(leaderless.iter().all(calm), "{leaderless:?}");
        let bad = root.query_selector_all(".task-timeline .tick.bad").expect("selector").length();
        assert_eq!(bad as usize, single.iter().filter(|s| s.starts_with("twice")).count());
        let svg = root.query_selector(".task-timeline svg").expect("selector").expect("drawn");
        let label = svg.get_attribute("aria-label").unwrap_or_default();
        assert!(label.ends_with(&format!(", {bad} lanes lost or run twice")), "{label}");
        // Each run is a bar titled with its worker.
        let runs = texts(&root, ".task-timeline rect.bar title");
        assert!(runs.iter().any(|t| t.starts_with("S4 runs it now")), "{runs:?}");
    }

    #[wasm_bindgen_test]
    fn the_charts_measure_the_run_so_far() {
        let timeline = played();
        let settings = TwinNode::defaults();
        assert!(TwinNode::charts(&timeline, &settings).is_some());
        let (first, second) = charts::ring_headline(timeline.sim());
        assert_eq!(first, "all agree on a ring of 5");
        assert!(second.contains("done (as gossiped)"), "{second}");
    }
}
