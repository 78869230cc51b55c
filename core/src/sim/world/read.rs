//! What views, reports and tests read of the world.

use crate::sim::check::Violation;
use crate::sim::id::NodeId;
use crate::sim::network::NetworkParams;
use crate::sim::node::Node;
use crate::sim::queue::Key;
use crate::sim::time::Time;
use crate::sim::trace::Record;

use super::{InFlight, Pending, Sim, SimConfig};

impl<N: Node> Sim<N> {
    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    pub fn protocol_config(&self) -> &N::Config {
        &self.protocol
    }

    pub fn now(&self) -> Time {
        self.now
    }

    /// Steps taken so far (the number of events processed).
    pub fn steps(&self) -> u64 {
        self.step
    }

    pub fn next_event_time(&self) -> Option<Time> {
        self.queue.peek().map(|((t, _), _)| t)
    }

    /// Every node; `None` while crashed.
    /// The checkers' state, for protocols whose checker tracks something worth showing
    /// (Paxos: the value chosen, before any learner knows it).
    pub fn invariants(&self) -> &N::Invariants {
        &self.invariants
    }

    pub fn nodes(&self) -> &[Option<N>] {
        &self.nodes
    }

    pub fn node(&self, id: NodeId) -> Option<&N> {
        self.nodes.get(id.index())?.as_ref()
    }

    /// What a crashed node persisted (None while it is up).
    pub fn saved(&self, id: NodeId) -> Option<&N::Persistent> {
        self.saved.get(id.index())?.as_ref()
    }

    /// Messages on the wire, in delivery order.
    pub fn in_flight(&self) -> impl Iterator<Item = &InFlight<N>> {
        let mut messages: Vec<(Key, &InFlight<N>)> = self
            .queue
            .iter()
            .filter_map(|(key, e)| match e {
                Pending::Deliver(m) => Some((key, m)),
                _ => None,
            })
            .collect();
        // Keys are unique (time, sequence), so an unstable sort gives the one order.
        messages.sort_unstable_by_key(|(key, _)| *key);
        messages.into_iter().map(|(_, m)| m)
    }

    /// When each pending timer of `id` fires.
    pub fn timers(&self, id: NodeId) -> impl Iterator<Item = (N::Timer, Time)> + '_ {
        self.timers[id.index()].iter().map(|p| (p.timer, p.due.0))
    }

    pub fn network(&self) -> &NetworkParams {
        &self.network.params
    }

    pub fn partition_groups(&self) -> &[u32] {
        self.network.groups()
    }

    /// Whether a message from `from` to `to` would get through partitions and cuts now.
    pub fn link_up(&self, from: NodeId, to: NodeId) -> bool {
        let n = self.nodes.len();
        from.index() < n && to.index() < n && self.network.link_up(from, to)
    }

    pub fn cuts(&self) -> Vec<(NodeId, NodeId)> {
        self.network.cuts().collect()
    }

    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The trace records of the latest step.
    pub fn records(&self) -> &[Record<N>] {
        &self.records
    }
}

impl<N: Node> Sim<N> {
    /// What `id`'s clock reads now.
    pub fn local_time(&self, id: NodeId) -> Time {
        self.clocks[id.index()].local(self.now)
    }

    /// `id`'s clock, for views that show its drift.
    pub fn clock(&self, id: NodeId) -> &crate::sim::clock::Clock {
        &self.clocks[id.index()]
    }

    /// Until when `id` is paused, if it is now.
    pub fn paused_until(&self, id: NodeId) -> Option<Time> {
        let until = self.paused_until[id.index()];
        (until > self.now).then_some(until)
    }
}
