//! Both task clusters on one set of machines, on one clock: server `Sx` hosts the
//! single-leader cluster's `Sx` and the leaderless cluster's `Sx` side by side. A crash,
//! restart, partition or cut of `Sx` strikes both at the same virtual time, a client's task
//! reaches both, and the network's latency and loss apply to both; the two halves never
//! message each other. This is what the page steps through, and what `compare` measures, so
//! both show the same run.
//!
//! The single-leader cluster may be the smaller one (`[tasks] leader_servers`): then only the
//! first servers host a member of it, and the rest host a leaderless member alone. That is
//! how a few Raft servers sit beside a leaderless cluster of hundreds.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::leader::{self, LeaderTaskInvariants, LeaderTaskNode};
use super::leaderless::{self, PeerTaskInvariants, PeerTaskNode};
use super::measure::{Measure, Measurements};
use super::task::Command;
use super::TasksConfig;
use crate::protocols::{gossip, raft};
use crate::sim::{
    ClientRequest, Embeds, Inner, Invariants, Node, NodeId, Nodes, Out, Projection, Record,
    RecordKind, StepContext, Time,
};

/// Which of the two clusters a message, timer, event or property belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    SingleLeader,
    Leaderless,
}

impl Kind {
    pub const BOTH: [Kind; 2] = [Kind::SingleLeader, Kind::Leaderless];

    pub fn name(self) -> &'static str {
        match self {
            Kind::SingleLeader => "single leader",
            Kind::Leaderless => "leaderless",
        }
    }
}

#[derive(Clone, Debug)]
pub struct TwinNode {
    /// `None` on a server beyond the single-leader cluster ([`TasksConfig::leader_size`]).
    pub leader: Option<LeaderTaskNode>,
    pub peer: PeerTaskNode,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Message {
    Leader(leader::Message),
    Peer(leaderless::Message),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timer {
    Leader(leader::Timer),
    Peer(leaderless::Timer),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Event {
    Leader(leader::Event),
    Peer(leaderless::Event),
}

impl Message {
    pub fn kind(&self) -> Kind {
        match self {
            Message::Leader(_) => Kind::SingleLeader,
            Message::Peer(_) => Kind::Leaderless,
        }
    }
}

impl Event {
    pub fn kind(&self) -> Kind {
        match self {
            Event::Leader(_) => Kind::SingleLeader,
            Event::Peer(_) => Kind::Leaderless,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct View {
    pub leader: Option<leader::View>,
    pub peer: leaderless::View,
}

impl Embeds<LeaderTaskNode> for TwinNode {
    fn wrap_msg(msg: leader::Message) -> Message {
        Message::Leader(msg)
    }
    fn wrap_timer(timer: leader::Timer) -> Timer {
        Timer::Leader(timer)
    }
    fn wrap_event(event: leader::Event) -> Option<Event> {
        Some(Event::Leader(event))
    }
}

impl Embeds<PeerTaskNode> for TwinNode {
    fn wrap_msg(msg: leaderless::Message) -> Message {
        Message::Peer(msg)
    }
    fn wrap_timer(timer: leaderless::Timer) -> Timer {
        Timer::Peer(timer)
    }
    fn wrap_event(event: leaderless::Event) -> Option<Event> {
        Some(Event::Peer(event))
    }
}

impl Node for TwinNode {
    type Config = TasksConfig;
    type Msg = Message;
    type Timer = Timer;
    type Event = Event;
    type Command = Command;
    type Persistent = (Option<raft::Persistent>, gossip::Persistent);
    type View = View;
    type Invariants = TwinInvariants;

    const PROTOCOL: &'static str = "tasks";

    fn boot(id: NodeId, cluster_size: usize, config: &TasksConfig) -> Self {
        let leaders = config.leader_size(cluster_size);
        TwinNode {
            leader: (id.index() < leaders)
                .then(|| LeaderTaskNode::boot(id, leaders, &config.leader)),
            peer: PeerTaskNode::boot(id, cluster_size, &config.leaderless),
        }
    }

    fn recover(
        id: NodeId,
        cluster_size: usize,
        config: &TasksConfig,
        (raft, gossip): Self::Persistent,
    ) -> Self {
        let leaders = config.leader_size(cluster_size);
        TwinNode {
            leader: raft.map(|raft| LeaderTaskNode::recover(id, leaders, &config.leader, raft)),
            peer: PeerTaskNode::recover(id, cluster_size, &config.leaderless, gossip),
        }
    }

    fn persistent(&self) -> Self::Persistent {
        (self.leader.as_ref().map(LeaderTaskNode::persistent), self.peer.persistent())
    }

    fn on_start(&mut self, out: &mut Out<Self>) {
        if let Some(leader) = &mut self.leader {
            out.nested(|out| leader.on_start(out));
        }
        out.nested(|out| self.peer.on_start(out));
    }

    fn on_message(&mut self, from: NodeId, msg: Message, out: &mut Out<Self>) {
        match (msg, &mut self.leader) {
            (Message::Leader(msg), Some(leader)) => {
                out.nested(|out| leader.on_message(from, msg, out))
            }
            // No single-leader member lives here, so nothing of that cluster is addressed
            // to this server; a stray copy is dropped as the network would drop it.
            (Message::Leader(_), None) => {}
            (Message::Peer(msg), _) => out.nested(|out| self.peer.on_message(from, msg, out)),
        }
    }

    fn on_timer(&mut self, timer: Timer, out: &mut Out<Self>) {
        match (timer, &mut self.leader) {
            (Timer::Leader(timer), Some(leader)) => out.nested(|out| leader.on_timer(timer, out)),
            (Timer::Leader(_), None) => {}
            (Timer::Peer(timer), _) => out.nested(|out| self.peer.on_timer(timer, out)),
        }
    }

    /// The same task, under the same request id, goes to both clusters: to the
    /// single-leader one only where this server is a member of it.
    fn on_client(&mut self, request: ClientRequest<Command>, out: &mut Out<Self>) {
        if let Some(leader) = &mut self.leader {
            out.nested(|out| leader.on_client(request.clone(), out));
        }
        out.nested(|out| self.peer.on_client(request, out));
    }

    /// "The leader" of an action is the single-leader cluster's coordinator.
    fn leading(&self) -> Option<u64> {
        self.leader.as_ref()?.leading()
    }

    fn forceable_timer(&self) -> Option<Timer> {
        self.leader.as_ref()?.forceable_timer().map(Timer::Leader)
    }

    fn view(&self) -> View {
        View { leader: self.leader.as_ref().map(LeaderTaskNode::view), peer: self.peer.view() }
    }
}

/// The single-leader cluster's records.
pub const SINGLE_LEADER: Projection<TwinNode, LeaderTaskNode> = Projection {
    msg: |msg| match msg {
        Message::Leader(msg) => Some(msg),
        Message::Peer(_) => None,
    },
    timer: |timer| match timer {
        Timer::Leader(timer) => Some(*timer),
        Timer::Peer(_) => None,
    },
    event: |event| match event {
        Event::Leader(event) => Some(event),
        Event::Peer(_) => None,
    },
};

/// The leaderless cluster's records.
pub const LEADERLESS: Projection<TwinNode, PeerTaskNode> = Projection {
    msg: |msg| match msg {
        Message::Peer(msg) => Some(msg),
        Message::Leader(_) => None,
    },
    timer: |timer| match timer {
        Timer::Peer(timer) => Some(*timer),
        Timer::Leader(_) => None,
    },
    event: |event| match event {
        Event::Peer(event) => Some(event),
        Event::Leader(_) => None,
    },
};

/// The single-leader cluster's members, each at its server's index; a server that hosts
/// none reads as absent, as a crashed one does.
struct Leaders<'a> {
    nodes: &'a dyn Nodes<TwinNode>,
}

impl Nodes<LeaderTaskNode> for Leaders<'_> {
    fn node(&self, index: usize) -> Option<&LeaderTaskNode> {
        self.nodes.node(index)?.leader.as_ref()
    }
    fn count(&self) -> usize {
        self.nodes.count()
    }
}

fn peer_of(node: &TwinNode) -> &PeerTaskNode {
    &node.peer
}

/// Each cluster's own properties, named with the cluster they belong to ("single leader:
/// election safety"), since both clusters have an "every accepted task completes".
#[derive(Clone, Debug)]
pub struct TwinInvariants {
    leader: LeaderTaskInvariants,
    peer: PeerTaskInvariants,
}

/// Each kind's property names, as (its own name, the name with its kind).
fn named(kind: Kind) -> &'static [(&'static str, &'static str)] {
    static NAMES: OnceLock<[Vec<(&'static str, &'static str)>; 2]> = OnceLock::new();
    let [leader, peer] = NAMES.get_or_init(|| {
        let with = |kind: Kind, names: &'static [&'static str]| {
            let prefixed = |name: &'static str| -> &'static str {
                // Made once per property for the life of the program.
                Box::leak(format!("{}: {name}", kind.name()).into_boxed_str())
            };
            names.iter().map(|&name| (name, prefixed(name))).collect()
        };
        [
            with(Kind::SingleLeader, LeaderTaskInvariants::properties()),
            with(Kind::Leaderless, PeerTaskInvariants::properties()),
        ]
    });
    match kind {
        Kind::SingleLeader => leader,
        Kind::Leaderless => peer,
    }
}

fn with_kind(kind: Kind, property: &'static str) -> &'static str {
    named(kind).iter().find(|(own, _)| *own == property).map_or(property, |(_, named)| named)
}

impl Invariants<TwinNode> for TwinInvariants {
    fn new(cluster_size: usize) -> Self {
        TwinInvariants {
            leader: LeaderTaskInvariants::new(cluster_size),
            peer: PeerTaskInvariants::new(cluster_size),
        }
    }

    fn properties() -> &'static [&'static str] {
        static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
        ALL.get_or_init(|| {
            Kind::BOTH.iter().flat_map(|&kind| named(kind).iter().map(|(_, n)| *n)).collect()
        })
    }

    fn check(
        &mut self,
        ctx: &StepContext<'_, TwinNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let (step, time, touched, lost) = (ctx.step, ctx.time, ctx.touched, ctx.lost);
        let timing_faults = ctx.timing_faults;
        let leaders = Leaders { nodes: ctx.nodes };
        let inner = StepContext { step, time, nodes: &leaders, touched, lost, timing_faults };
        self.leader.check(&inner, &mut |p, d| report(with_kind(Kind::SingleLeader, p), d));
        let peers = Inner { nodes: ctx.nodes, inner: peer_of };
        let inner = StepContext { step, time, nodes: &peers, touched, lost, timing_faults };
        self.peer.check(&inner, &mut |p, d| report(with_kind(Kind::Leaderless, p), d));
    }

    fn settled(nodes: &[Option<TwinNode>]) -> Result<(), String> {
        // Only the servers the single-leader cluster has: it is the first of them, and each
        // member knows its size.
        let members = nodes.iter().flatten().find_map(|n| Some(n.leader.as_ref()?.cluster_size()));
        let leaders: Vec<Option<LeaderTaskNode>> = nodes[..members.unwrap_or(0).min(nodes.len())]
            .iter()
            .map(|n| n.as_ref().and_then(|n| n.leader.clone()))
            .collect();
        LeaderTaskInvariants::settled(&leaders).map_err(|e| format!("single leader: {e}"))?;
        let peers: Vec<Option<PeerTaskNode>> =
            nodes.iter().map(|n| n.as_ref().map(|n| n.peer.clone())).collect();
        PeerTaskInvariants::settled(&peers).map_err(|e| format!("leaderless: {e}"))
    }
}

/// One twin run read as it happens: each cluster's measurements from its own messages and
/// events.
#[derive(Clone, Debug, Default)]
pub struct TwinMeasure {
    pub leader: Measure,
    pub peer: Measure,
}

impl TwinMeasure {
    pub fn observe(&mut self, record: &Record<TwinNode>) {
        match &record.kind {
            RecordKind::Send { from, to, msg, .. } => match msg.kind() {
                Kind::SingleLeader => self.leader.sent(*from, *to),
                Kind::Leaderless => self.peer.sent(*from, *to),
            },
            RecordKind::Node { node, event } => match event {
                Event::Leader(event) => {
                    self.leader.observe_event::<LeaderTaskNode>(record.time, *node, event)
                }
                Event::Peer(event) => {
                    self.peer.observe_event::<PeerTaskNode>(record.time, *node, event)
                }
            },
            RecordKind::Crashed { node } => {
                self.leader.crashed(record.time, *node);
                self.peer.crashed(record.time, *node);
            }
            _ => {}
        }
    }

    /// Both clusters' numbers at the run's end `end`: single leader, then leaderless.
    pub fn finish(&self, end: Time) -> [Measurements; 2] {
        [self.leader.finish(end), self.peer.finish(end)]
    }
}

/// The kind a property name reported by [`TwinInvariants`] belongs to.
pub fn kind_of_property(property: &str) -> Option<Kind> {
    Kind::BOTH.into_iter().find(|kind| named(*kind).iter().any(|(_, n)| *n == property))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_names_say_their_cluster_and_are_distinct() {
        let all = TwinInvariants::properties();
        let mut sorted = all.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len());
        assert!(all.contains(&"single leader: every accepted task completes"));
        assert!(all.contains(&"leaderless: every accepted task completes"));
        assert_eq!(
            kind_of_property("leaderless: every accepted task completes"),
            Some(Kind::Leaderless)
        );
        assert_eq!(with_kind(Kind::SingleLeader, "not a property"), "not a property");
    }
}
