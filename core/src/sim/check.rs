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

/// What a checker sees after a step: every node (None while crashed) and which node the step
/// touched, so checks can stay incremental.
pub struct StepContext<'a, N> {
    pub step: u64,
    pub time: Time,
    pub nodes: &'a [Option<N>],
    /// The node whose state the step may have changed (a delivery's receiver, a timer's owner,
    /// a restarted node). `None` for steps that change no node state (partitions, drops).
    pub touched: Option<NodeId>,
    /// Messages the network has lost so far (to loss, partitions, cuts or a person's drop).
    pub lost: u64,
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
