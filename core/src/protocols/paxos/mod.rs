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

impl crate::model::Checkable for PaxosNode {
    const GOALS: &'static [crate::model::Goal<Self>] = &[crate::model::Goal {
        name: "a learner learns a value",
        reached: |nodes| (0..nodes.count()).any(|i| nodes.node(i).is_some_and(|n| n.learned().is_some())),
    }];
}
