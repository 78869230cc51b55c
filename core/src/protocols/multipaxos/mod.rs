//! Multi-Paxos: a replicated log of slots, each decided by Basic Paxos, with a stable leader
//! that runs phase 1 once for all open slots and then sends each command straight to phase 2
//! ("Paxos Made Simple", §3). A new leader re-proposes what promises report and fills holes
//! with no-ops; replicas apply chosen commands in slot order to a key-value state machine.
//! Every server plays every role.

mod handlers;
mod invariants;
mod messages;
pub mod section;
mod state;
mod view;

pub use invariants::{MultiPaxosInvariants, WITH_HISTORY};
pub use messages::{Ballot, Command, Message, Slot, SlotProposal};
pub use state::{
    Bugs, InFlight, MultiPaxosConfig, MultiPaxosNode, Persistent, Role, Timer, Waiting,
};
pub use view::{narrate, role_name, ClientOutcome, Event, View};

use crate::history::{ClientFacts, Fate};
use crate::model::{any_node, Bounds, Checkable, Faults, Goal, Order, Rename};
use crate::sim::{ClientRequest, Node, NodeId, Out, Record, Violation};

use super::about::{About, MAX_CONSENSUS_NODES};

/// Multi-Paxos has Basic Paxos's three bugs, applied per slot, and stale local reads.
pub const ABOUT: About = About {
    key: "multipaxos",
    name: "Multi-Paxos",
    max_nodes: MAX_CONSENSUS_NODES,
    bugs: &Bugs::NAMES,
    bugs_do: &Bugs::WHAT,
    check_command: |text| text.parse::<Command>().map(drop),
};

impl Node for MultiPaxosNode {
    type Config = MultiPaxosConfig;
    type Msg = Message;
    type Timer = Timer;
    type Event = Event;
    type Command = Command;
    type Persistent = Persistent;
    type View = View;
    type Invariants = MultiPaxosInvariants;

    const PROTOCOL: &'static str = "multipaxos";

    fn boot(id: NodeId, cluster_size: usize, config: &MultiPaxosConfig) -> Self {
        MultiPaxosNode::with_persistent(id, cluster_size, config, Persistent::default())
    }

    fn recover(
        id: NodeId,
        cluster_size: usize,
        config: &MultiPaxosConfig,
        mut saved: Persistent,
    ) -> Self {
        if config.bugs.forget_promise {
            saved.promised = None;
        }
        MultiPaxosNode::with_persistent(id, cluster_size, config, saved)
    }

    fn persistent(&self) -> Persistent {
        self.persistent.clone()
    }

    fn on_start(&mut self, out: &mut Out<Self>) {
        self.arm_leader_timeout(out);
    }

    fn on_message(&mut self, from: NodeId, msg: Message, out: &mut Out<Self>) {
        self.handle_message(from, msg, out);
    }

    fn on_timer(&mut self, timer: Timer, out: &mut Out<Self>) {
        self.handle_timer(timer, out);
    }

    fn on_client(&mut self, request: ClientRequest<Command>, out: &mut Out<Self>) {
        self.handle_client(request, out);
    }

    fn leading(&self) -> Option<u64> {
        match &self.role {
            Role::Leader { ballot, .. } => Some(ballot.round),
            _ => None,
        }
    }

    fn forceable_timer(&self) -> Option<Timer> {
        Some(Timer::LeaderTimeout)
    }

    fn view(&self) -> View {
        self.make_view()
    }
}

impl Checkable for MultiPaxosNode {
    const GOALS: &'static [Goal<Self>] = &[Goal {
        name: "a replica applies a command",
        reached: |nodes| any_node(nodes, |n| n.applied > 0),
    }];

    /// Leaders come from timeouts, so a path needs timer firings: one to elect S1, which takes
    /// the client's write, a second for a rival leader, the rest for heartbeats and retries.
    const BOUNDS: Bounds = Bounds {
        servers: 3,
        clients: 1,
        reads: 0,
        changes: &[],
        faults: Faults { crashes: 1, losses: 0, duplicates: 0, timers: 2 },
        depth: 18,
        order: Order::Bfs,
    };

    /// An acceptor that takes a lower ballot's accept after promising a higher one breaks
    /// stability once both leaders have a command to propose: two client requests (one for
    /// each), no crash; the break comes at move 15 (2.2 million states).
    fn bounds_for(bug: &str) -> Bounds {
        match bug {
            "accept_below_promise" => Bounds {
                servers: 3,
                clients: 2,
                reads: 0,
                changes: &[],
                faults: Faults { crashes: 0, losses: 0, duplicates: 0, timers: 2 },
                depth: 15,
                order: Order::Bfs,
            },
            // An acceptor that forgets its promise in a crash needs the same, plus the crash
            // and its restart: 17 moves. Breadth-first search filled 7 GB before depth 16;
            // depth-first finds a path of 17 moves after 12 million states (25 s), and a
            // search for the shortest (`Order::Shortest`) shows in 28 million states (4
            // minutes, 580 MB) that none is shorter.
            "forget_promise" => Bounds {
                servers: 3,
                clients: 2,
                reads: 0,
                changes: &[],
                faults: Faults { crashes: 1, losses: 0, duplicates: 0, timers: 2 },
                depth: 17,
                order: Order::Dfs,
            },
            // A leader that answers reads from its own state: a write acknowledged through
            // S1, then S2 wins a higher ballot and answers a read before it has re-proposed
            // the write a promise told it of. 16 moves, the shortest (breadth-first search
            // keeps 2.6 million states, 840 MB, to show it); depth-first search to that
            // depth finds one after a million states (2 s, 30 MB).
            "local_reads" => Bounds {
                servers: 3,
                clients: 1,
                reads: 1,
                changes: &[],
                faults: Faults { crashes: 0, losses: 0, duplicates: 0, timers: 2 },
                depth: 16,
                order: Order::Dfs,
            },
            _ => Self::BOUNDS,
        }
    }

    fn model_section(_bugs: &[&str]) -> Vec<&'static str> {
        Vec::new()
    }

    fn model_config(_servers: usize, bugs: &[String]) -> Result<MultiPaxosConfig, String> {
        let mut config = MultiPaxosConfig::default();
        for bug in bugs {
            config.bugs.enable(bug)?;
        }
        config.validate()?;
        Ok(config)
    }

    const READS: bool = true;

    fn client_fact(event: &Event) -> Option<(u64, Fate)> {
        <Self as ClientFacts>::client_fact(event)
    }

    fn history_violation(records: &[Record<Self>]) -> Option<Violation> {
        crate::history::violation(records)
    }

    /// Ballots of one round are ordered by their proposers' names, so renaming the servers
    /// changes which ballot wins: no two servers are interchangeable.
    fn rename(_: &Self::Config, _: usize) -> Result<Rename<Self>, String> {
        Err("Multi-Paxos's servers are not interchangeable: ballots of one round are ordered by \
             their proposers' names, so renaming servers changes which ballot wins"
            .into())
    }
}
