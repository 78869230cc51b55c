//! Footprints: which moves depth-first search may carry in a sleep set from a state to its
//! successors (`explore.rs`), and which of them commute.

use super::spec::{Checkable, Model};
use super::state::{Move, State};
use crate::sim::NodeId;

/// A move by what it does rather than where it sits in a state's lists (a message's index
/// changes as others arrive; the message does not), so that depth-first search can carry it
/// from a state to its successors in a sleep set (`explore.rs`). Only the moves that run one
/// server's handler have one; a fault changes what else is possible, and commutes with
/// nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Footprint {
    kind: Kind,
    node: NodeId,
    /// The message's or timer's hash, or the script's index.
    key: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Client,
    Deliver,
    Fire,
}

impl Footprint {
    /// Whether the two moves reach the same state in either order, and neither turns the
    /// other off: they run different servers' handlers (which change only their own server
    /// and add to the network, a multiset), and do not draw on one budget. Two requests are
    /// numbered in the order they are sent, and two firings share the timer budget.
    pub fn commutes_with(&self, other: &Footprint) -> bool {
        self.node != other.node && (self.kind == Kind::Deliver || self.kind != other.kind)
    }
}

impl<N: Checkable> State<N> {
    /// `mv`'s footprint here, if it runs one server's handler and nothing else. With reads
    /// in the script, sending a request also notes which writes were acknowledged by then,
    /// which another server's handler can change: it commutes with nothing.
    pub fn footprint(&self, mv: Move, model: &Model<N>) -> Option<Footprint> {
        let (kind, node, key) = match mv {
            Move::Client(_) if self.clients.is_some() => return None,
            Move::Client(k) => (Kind::Client, model.script[k].0, k as u64),
            // Who is asked depends on every server's role.
            Move::Change(_) => return None,
            Move::Deliver(i) => (Kind::Deliver, self.network[i].to, self.network[i].hash),
            Move::Fire(i) => (Kind::Fire, self.timers[i].node, self.timers[i].hash),
            Move::Crash(_) | Move::Restart(_) | Move::Lose(_) | Move::Copy(_) => return None,
        };
        Some(Footprint { kind, node, key })
    }
}
