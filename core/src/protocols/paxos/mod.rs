//! Basic (single-decree) Paxos, as in Lamport's "Paxos Made Simple": proposers, acceptors
//! and learners, ballots of (round, proposer), phases 1a/1b/2a/2b, and a value chosen once
//! a majority of acceptors accept it in one ballot. Acceptors keep their promise and their
//! accepted proposal across crashes.

mod handlers;
mod invariants;
mod messages;
pub mod section;
mod state;
mod view;

pub use invariants::PaxosInvariants;
pub use messages::{Ballot, Message, Value, MAX_VALUE_LEN};
pub use state::{Bugs, PaxosConfig, PaxosNode, Persistent, Phase, Proposal, Roles, Timer};
pub use view::{narrate, ClientOutcome, Event, RoundView, View};

use crate::model::{any_node, Bounds, Checkable, Faults, Goal, Order, Rename};
use crate::sim::{ClientRequest, Node, NodeId, Out};

use super::about::{About, MAX_CONSENSUS_NODES};

pub const ABOUT: About = About {
    key: "paxos",
    name: "Basic Paxos",
    max_nodes: MAX_CONSENSUS_NODES,
    bugs: &Bugs::NAMES,
    bugs_do: &Bugs::WHAT,
    check_command: |text| text.parse::<Value>().map(drop),
};

impl Node for PaxosNode {
    type Config = PaxosConfig;
    type Msg = Message;
    type Timer = Timer;
    type Event = Event;
    type Command = Value;
    type Persistent = Persistent;
    type View = View;
    type Invariants = PaxosInvariants;

    const PROTOCOL: &'static str = "paxos";

    fn boot(id: NodeId, cluster_size: usize, config: &PaxosConfig) -> Self {
        PaxosNode::with_persistent(id, cluster_size, config, Persistent::default())
    }

    fn recover(
        id: NodeId,
        cluster_size: usize,
        config: &PaxosConfig,
        mut saved: Persistent,
    ) -> Self {
        if config.bugs.forget_promise {
            saved.promised = None;
        }
        PaxosNode::with_persistent(id, cluster_size, config, saved)
    }

    fn persistent(&self) -> Persistent {
        self.persistent.clone()
    }

    /// A learner that has not learned the chosen value asks the acceptors now and then: it
    /// may have been down, cut off, or unlucky with lost messages while it was chosen.
    fn on_start(&mut self, out: &mut Out<Self>) {
        if self.is_learner() && self.persistent.learned.is_none() {
            self.arm_catch_up(out);
        }
    }

    fn on_message(&mut self, from: NodeId, msg: Message, out: &mut Out<Self>) {
        self.handle_message(from, msg, out);
    }

    fn on_timer(&mut self, timer: Timer, out: &mut Out<Self>) {
        self.handle_timer(timer, out);
    }

    fn on_client(&mut self, request: ClientRequest<Value>, out: &mut Out<Self>) {
        self.handle_client(request, out);
    }

    fn leading(&self) -> Option<u64> {
        self.succeeded.map(|ballot| ballot.round)
    }

    fn forceable_timer(&self) -> Option<Timer> {
        self.proposal.is_some().then_some(Timer::Retry)
    }

    fn view(&self) -> View {
        self.make_view()
    }
}

impl Checkable for PaxosNode {
    const GOALS: &'static [Goal<Self>] = &[Goal {
        name: "a learner learns a value",
        reached: |nodes| any_node(nodes, |n| n.learned().is_some()),
    }];

    /// Two proposals and one crash: the shortest paths to each bug's broken property are 13
    /// to 15 moves (forget_promise needs the crash and the restart).
    const BOUNDS: Bounds = Bounds {
        servers: 3,
        clients: 2,
        reads: 0,
        changes: &[],
        faults: Faults { crashes: 1, losses: 0, duplicates: 0, timers: 0 },
        depth: 15,
        order: Order::Bfs,
    };

    /// One learner: the checker decides what is chosen from the acceptors, so more learners
    /// only add copies of each 2b for the search to interleave.
    fn model_section(_bugs: &[&str]) -> Vec<&'static str> {
        vec!["learners = 1"]
    }

    fn model_config(servers: usize, bugs: &[String]) -> Result<PaxosConfig, String> {
        let mut config = PaxosConfig::default();
        config.roles.learners = Some(1);
        for bug in bugs {
            config.bugs.enable(bug)?;
        }
        config.validate(servers)?;
        Ok(config)
    }

    /// Ballots of one round are ordered by their proposers' names, so renaming the servers
    /// changes which ballot wins: no two servers are interchangeable.
    fn rename(_: &Self::Config, _: usize) -> Result<Rename<Self>, String> {
        Err("Basic Paxos's servers are not interchangeable: ballots of one round are ordered by \
             their proposers' names, so renaming servers changes which ballot wins"
            .into())
    }
}
