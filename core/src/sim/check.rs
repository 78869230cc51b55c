//! Safety checkers run after every step. They are part of the simulated world (so a rewind
//! restores their incremental state too) and report the first step where a property broke.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::id::NodeId;
use super::time::Time;

/// A broken safety property: which one, where, and a sentence saying how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub property: String,
    pub step: u64,
    pub time: Time,
    pub detail: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} broken at step {} ({}): {}",
            self.property,
            self.step,
            super::time::format_time(self.time),
            self.detail
        )
    }
}

/// The nodes a checker reads: the world's, or a protocol's inner nodes inside another's (the
/// Raft coordinator inside each Tasks node), without copying them.
pub trait Nodes<N> {
    /// Node `index`, if it exists and is up.
    fn node(&self, index: usize) -> Option<&N>;
    fn count(&self) -> usize;
}

impl<N> Nodes<N> for Vec<Option<N>> {
    fn node(&self, index: usize) -> Option<&N> {
        self.get(index).and_then(Option::as_ref)
    }
    fn count(&self) -> usize {
        self.len()
    }
}

/// Each node's inner `I`, read through `inner`.
pub struct Inner<'a, O, I> {
    pub nodes: &'a dyn Nodes<O>,
    pub inner: fn(&O) -> &I,
}

impl<O, I> Nodes<I> for Inner<'_, O, I> {
    fn node(&self, index: usize) -> Option<&I> {
        self.nodes.node(index).map(self.inner)
    }
    fn count(&self) -> usize {
        self.nodes.count()
    }
}

/// What a checker sees after a step: every node (None while crashed) and which node the step
/// touched, so checks can stay incremental.
pub struct StepContext<'a, N> {
    pub step: u64,
    pub time: Time,
    pub nodes: &'a dyn Nodes<N>,
    /// The node whose state the step may have changed (a delivery's receiver, a timer's owner,
    /// a restarted node). `None` for steps that change no node state (partitions, drops).
    pub touched: Option<NodeId>,
    /// Messages the network has lost so far (to loss, partitions, cuts or a person's drop).
    pub lost: u64,
    /// Pauses and clock changes so far: a stopped process or a clock running fast breaks the
    /// timing a failure detector counts on, as lost messages do.
    pub timing_faults: u64,
}

/// A protocol's safety properties, checked incrementally.
pub trait Invariants<N>: Clone + fmt::Debug {
    fn new(cluster_size: usize) -> Self;

    /// The names of all properties this checker watches, for panels listing their status.
    fn properties() -> &'static [&'static str];

    /// Checks the state after one step; reports each property it found broken, as
    /// `(property, explanation)`.
    fn check(&mut self, ctx: &StepContext<'_, N>, report: &mut dyn FnMut(&'static str, String));

    /// What must hold once faults have stopped and the cluster has had time to recover
    /// (Raft: one leader, all logs equal and committed). Used by the randomized tester.
    fn settled(nodes: &[Option<N>]) -> Result<(), String>;
}
