//! The contract between the simulator and a protocol: a sans-IO state machine.

use std::fmt;
use std::str::FromStr;

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::check::Invariants;
use super::id::NodeId;
use super::time::Time;

/// How long until a timer fires: the simulator draws uniformly from `[min, max]` with its
/// seeded generator, so protocols stay free of randomness (Raft's randomized election timeout
/// is just a range).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delay {
    pub min: Time,
    pub max: Time,
}

impl Delay {
    pub fn exactly(t: Time) -> Self {
        Delay { min: t, max: t }
    }

    pub fn between(min: Time, max: Time) -> Self {
        Delay { min: min.min(max), max: min.max(max) }
    }
}

/// A client's request as it reaches a node. `id` is assigned by the simulator so outcomes can
/// be matched to requests in the trace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientRequest<C> {
    pub id: u64,
    pub command: C,
}

/// What a handler asks the world to do. Order is kept, which keeps sequence numbers (and so
/// traces) deterministic.
#[derive(Clone, Debug)]
pub enum Output<N: Node> {
    Send { to: NodeId, msg: N::Msg },
    SetTimer { timer: N::Timer, delay: Delay },
    CancelTimer { timer: N::Timer },
    Event(N::Event),
}

/// The output buffer a handler writes into. Reused across steps to avoid allocation.
///
/// It also hands out randomness a protocol needs for its choices (gossip peers, indirect
/// probes): drawn from the simulator's seed, on a stream of its own, so protocols that never
/// draw leave every other draw (latencies, loss) untouched.
#[derive(Debug)]
pub struct Out<N: Node> {
    items: Vec<Output<N>>,
    rng: Xoshiro256PlusPlus,
    now: Time,
}

/// Keeps the protocols' stream apart from the network's.
const PROTOCOL_STREAM: u64 = 0x9e37_79b9_7f4a_7c15;

impl<N: Node> Out<N> {
    pub(super) fn seeded(seed: u64) -> Self {
        Out {
            items: Vec::new(),
            rng: Xoshiro256PlusPlus::seed_from_u64(seed ^ PROTOCOL_STREAM),
            now: 0,
        }
    }

    /// The time on the handling node's clock. Protocols that only set timers never need it;
    /// a leader lease does, to know when the acknowledgements it counts on were asked for.
    pub fn now(&self) -> Time {
        self.now
    }

    pub(super) fn set_now(&mut self, now: Time) {
        self.now = now;
    }

    /// A number in `0..bound` (0 if `bound` is 0), from the simulator's seeded generator.
    pub fn random_below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            return 0;
        }
        self.rng.random_range(0..bound)
    }
}

impl<N: Node> Default for Out<N> {
    fn default() -> Self {
        Out::seeded(0)
    }
}

impl<N: Node> Clone for Out<N> {
    fn clone(&self) -> Self {
        // Between steps the buffer is always empty; the generator's state is part of the
        // world a checkpoint must restore.
        Out { items: Vec::new(), rng: self.rng.clone(), now: self.now }
    }
}

impl<N: Node> Out<N> {
    pub fn send(&mut self, to: NodeId, msg: N::Msg) {
        self.items.push(Output::Send { to, msg });
    }

    /// (Re)arms `timer`; a node has at most one pending instance of each timer.
    pub fn set_timer(&mut self, timer: N::Timer, delay: Delay) {
        self.items.push(Output::SetTimer { timer, delay });
    }

    pub fn cancel_timer(&mut self, timer: N::Timer) {
        self.items.push(Output::CancelTimer { timer });
    }

    /// A protocol-level fact worth a line in the trace: a role change, a vote, a commit.
    pub fn event(&mut self, event: N::Event) {
        self.items.push(Output::Event(event));
    }

    /// Runs a handler of the protocol `M` that this one is built on, and takes its outputs
    /// as this node's, carried in this protocol's types. The inner handler draws from the same
    /// random stream, so nesting changes no other draw.
    pub fn nested<M: Node, R>(&mut self, run: impl FnOnce(&mut Out<M>) -> R) -> R
    where
        N: Embeds<M>,
    {
        let mut inner = Out::<M> { items: Vec::new(), rng: self.rng.clone(), now: self.now };
        let result = run(&mut inner);
        self.rng = inner.rng;
        for item in inner.items {
            match item {
                Output::Send { to, msg } => self.send(to, N::wrap_msg(msg)),
                Output::SetTimer { timer, delay } => self.set_timer(N::wrap_timer(timer), delay),
                Output::CancelTimer { timer } => self.cancel_timer(N::wrap_timer(timer)),
                Output::Event(event) => {
                    if let Some(event) = N::wrap_event(event) {
                        self.event(event);
                    }
                }
            }
        }
        result
    }

    pub fn drain(&mut self) -> std::vec::Drain<'_, Output<N>> {
        self.items.drain(..)
    }

    pub fn items(&self) -> &[Output<N>] {
        &self.items
    }
}

/// A protocol built on another one (the Tasks lab's coordinator on Raft): how the inner
/// node's messages, timers and events travel in the outer protocol's types.
pub trait Embeds<M: Node>: Node {
    fn wrap_msg(msg: M::Msg) -> Self::Msg;
    fn wrap_timer(timer: M::Timer) -> Self::Timer;
    /// `None` leaves out an inner event that the outer protocol reports in its own words.
    fn wrap_event(event: M::Event) -> Option<Self::Event>;
}

/// A protocol node as a pure state machine. No clock, no randomness, no I/O: the same inputs
/// produce the same outputs.
pub trait Node: Clone + fmt::Debug + Sized + 'static {
    /// Protocol parameters shared by all nodes (timeouts, bug toggles, …).
    type Config: Clone + fmt::Debug + PartialEq;
    type Msg: Clone + fmt::Debug + Serialize + DeserializeOwned;
    type Timer: Copy + Eq + fmt::Debug + Serialize + DeserializeOwned;
    /// Protocol facts recorded in the trace (role changes, votes, commits, client outcomes).
    type Event: Clone + fmt::Debug + Serialize + DeserializeOwned;
    /// A client command, parsed from text in scenarios and the UI (`x=1`).
    type Command: Clone
        + fmt::Debug
        + fmt::Display
        + Serialize
        + DeserializeOwned
        + FromStr<Err = String>;
    /// What survives a crash.
    type Persistent: Clone + fmt::Debug;
    /// What a report or a UI may show of the node.
    type View: Clone + fmt::Debug + Serialize;
    type Invariants: Invariants<Self>;

    /// A name for the protocol in reports and scenario files.
    const PROTOCOL: &'static str;

    /// A node booting for the first time, with empty persistent state.
    fn boot(id: NodeId, cluster_size: usize, config: &Self::Config) -> Self;
    /// A node restarting after a crash from what it had persisted.
    fn recover(
        id: NodeId,
        cluster_size: usize,
        config: &Self::Config,
        saved: Self::Persistent,
    ) -> Self;
    fn persistent(&self) -> Self::Persistent;

    fn on_start(&mut self, out: &mut Out<Self>);
    fn on_message(&mut self, from: NodeId, msg: Self::Msg, out: &mut Out<Self>);
    fn on_timer(&mut self, timer: Self::Timer, out: &mut Out<Self>);
    fn on_client(&mut self, request: ClientRequest<Self::Command>, out: &mut Out<Self>);

    /// The term (or ballot round) in which this node currently leads, if it believes it leads.
    /// Used to resolve the `leader` target of actions.
    fn leading(&self) -> Option<u64> {
        None
    }

    /// Asked, as the leader, to hand leadership to `to`. Returns false if the protocol has no
    /// leadership transfer (the action is then skipped).
    fn on_transfer(&mut self, _to: NodeId, _out: &mut Out<Self>) -> bool {
        false
    }

    /// Asked, as the leader, to change the group's membership. Returns false if the protocol
    /// has no membership changes (the action is then skipped).
    fn on_membership(
        &mut self,
        _change: super::MemberChange,
        _node: NodeId,
        _out: &mut Out<Self>,
    ) -> bool {
        false
    }

    /// The timer a person forces to fire ("force election timeout"), if the protocol has one.
    fn forceable_timer(&self) -> Option<Self::Timer> {
        None
    }

    fn view(&self) -> Self::View;
}
