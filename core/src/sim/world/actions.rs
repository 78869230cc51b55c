//! Applying actions: a person's or a scenario's faults, client requests and network changes.

use crate::sim::action::{Action, Fate, Target};
use crate::sim::id::NodeId;
use crate::sim::network::DropReason;
use crate::sim::node::{ClientRequest, Node};
use crate::sim::time::Time;
use crate::sim::trace::RecordKind;

use super::{InFlight, Pending, Sim};

impl<N: Node> Sim<N> {
    fn resolve(&self, target: Target) -> Option<NodeId> {
        match target {
            Target::Node(id) => Some(id),
            Target::Leader(_) => self.leader(),
        }
    }

    pub(super) fn run_action(
        &mut self,
        action: Action<N::Command>,
        say: Option<String>,
    ) -> Option<NodeId> {
        // Actions can come from URLs and files: one naming a server that does not exist is
        // recorded and skipped, never allowed to index out of bounds.
        if let Some(bad) = action.named_nodes().into_iter().find(|n| n.index() >= self.nodes.len())
        {
            let size = self.nodes.len();
            self.record(|| RecordKind::Skipped {
                reason: format!("{bad} does not exist in a {size}-node cluster"),
            });
            return None;
        }
        if let Err(reason) = action.check_values() {
            self.record(|| RecordKind::Skipped { reason });
            return None;
        }
        let aim = match &action {
            Action::Crash { node }
            | Action::Timeout { node }
            | Action::Isolate { node }
            | Action::Pause { node, .. }
            | Action::Client { node, .. } => Some(*node),
            // Handing leadership over is asked of whoever leads.
            Action::Transfer { .. } | Action::Membership { .. } => Some(Target::LEADER),
            _ => None,
        };
        let target = aim.map(|t| self.resolve(t));
        let resolved = match aim {
            Some(Target::Leader(_)) => target.flatten(),
            _ => None,
        };
        // A paused node takes a request, a forced timeout or a leader's task when it resumes,
        // as a stopped process finds them waiting.
        let handled_by_node = matches!(
            action,
            Action::Client { .. }
                | Action::Timeout { .. }
                | Action::Transfer { .. }
                | Action::Membership { .. }
        );
        if let Some(node) = target.flatten().filter(|&node| handled_by_node && self.is_paused(node))
        {
            let key = self.key(self.paused_until[node.index()]);
            self.queue.push(key, Pending::Held { node, action, say });
            return None;
        }
        if self.config.record {
            let action = action.clone();
            self.record(|| RecordKind::Action { action, resolved, say });
        }
        if let Some(None) = target {
            self.record(|| RecordKind::Skipped { reason: "no node is leader right now".into() });
            return None;
        }
        let target = target.flatten();
        match action {
            Action::Crash { .. } => target.and_then(|id| self.crash(id)),
            Action::Restart { node } => self.restart(node),
            Action::Partition { groups } => {
                self.network.partition(&groups);
                None
            }
            Action::Isolate { .. } => {
                let node = target?;
                self.network.partition(&[vec![node]]);
                None
            }
            Action::Cut { from, to } => {
                self.network.cut(from, to);
                None
            }
            Action::Heal => {
                self.network.heal();
                None
            }
            Action::Note => None,
            Action::Client { command, .. } => {
                let node = target?;
                let id = self.next_client_request;
                self.next_client_request += 1;
                if self.nodes[node.index()].is_none() {
                    self.record(|| RecordKind::Skipped { reason: format!("{node} is down") });
                    return None;
                }
                self.enter(node);
                let state = self.nodes[node.index()].as_mut()?;
                state.on_client(ClientRequest { id, command }, &mut self.out);
                self.flush(node);
                Some(node)
            }
            Action::Timeout { .. } => {
                let node = target?;
                let timer = self.nodes[node.index()].as_ref()?.forceable_timer()?;
                self.fire(node, timer)
            }
            Action::Transfer { to } => {
                let leader = target?;
                self.enter(leader);
                let state = self.nodes[leader.index()].as_mut()?;
                if !state.on_transfer(to, &mut self.out) {
                    let reason = format!("{} has no leadership transfer", N::PROTOCOL);
                    self.record(|| RecordKind::Skipped { reason });
                    return None;
                }
                self.flush(leader);
                Some(leader)
            }
            Action::Membership { change, node } => {
                let leader = target?;
                self.enter(leader);
                let state = self.nodes[leader.index()].as_mut()?;
                if !state.on_membership(change, node, &mut self.out) {
                    let reason = format!("{} has no membership changes", N::PROTOCOL);
                    self.record(|| RecordKind::Skipped { reason });
                    return None;
                }
                self.flush(leader);
                Some(leader)
            }
            Action::Network { loss, duplicate, latency, link } => {
                let params = &mut self.network.params;
                params.loss = loss.unwrap_or(params.loss);
                params.duplicate = duplicate.unwrap_or(params.duplicate);
                match (latency, link) {
                    (Some(range), Some((from, to))) => {
                        self.network.set_link_latency(from, to, range)
                    }
                    (Some(range), None) => self.network.params.latency = range,
                    (None, _) => {}
                }
                None
            }
            Action::DropMessage { id } => {
                if let Some(message) = self.take_in_flight(id) {
                    let InFlight { id, from, to, msg, .. } = message;
                    let reason = DropReason::Manual;
                    self.lost += 1;
                    self.record(|| RecordKind::Drop { id, from, to, reason, msg });
                }
                None
            }
            Action::Pause { duration, .. } => {
                let node = target?;
                if self.nodes[node.index()].is_none() {
                    self.record(|| RecordKind::Skipped { reason: format!("{node} is down") });
                    return None;
                }
                self.timing_faults += 1;
                self.pause(node, self.now.saturating_add(duration));
                None
            }
            Action::Clock { node, drift_ppm, jump } => {
                self.timing_faults += 1;
                let clock = &mut self.clocks[node.index()];
                if let Some(ppm) = drift_ppm {
                    clock.set_drift(self.now, ppm);
                }
                if let Some(by) = jump {
                    clock.jump(self.now, by);
                }
                None
            }
            Action::Message { from, to, message, fate } => {
                // Compared as JSON values, so spacing and key order in a file do not matter.
                // `to_value` is the code the page already carries for messages (its inspector
                // and trace export), and its bundles are counted to the kilobyte.
                let picked =
                    serde_json::from_str::<serde_json::Value>(&message).ok().and_then(|wanted| {
                        self.in_flight()
                            .find(|m| {
                                m.from == from
                                    && m.to == to
                                    && serde_json::to_value(&m.msg).is_ok_and(|v| v == wanted)
                            })
                            .map(|m| m.id)
                    });
                let Some(id) = picked else {
                    let reason = format!("no message {message} from {from} to {to} is in flight");
                    self.record(|| RecordKind::Skipped { reason });
                    return None;
                };
                match fate {
                    Fate::Deliver => {
                        let message = self.take_in_flight(id)?;
                        self.deliver(message)
                    }
                    Fate::Lose => self.run_action(Action::DropMessage { id }, None),
                    Fate::Copy => self.run_action(Action::DuplicateMessage { id }, None),
                }
            }
            Action::Fire { node, timer } => {
                // Timer names come from files and links: one the protocol does not have is
                // recorded and skipped.
                let Ok(timer) = serde_json::from_value::<N::Timer>(timer.clone().into()) else {
                    let reason = format!("{} has no timer called `{timer}`", N::PROTOCOL);
                    self.record(|| RecordKind::Skipped { reason });
                    return None;
                };
                self.fire(node, timer)
            }
            Action::DuplicateMessage { id } => {
                let original = self.in_flight().find(|m| m.id == id).cloned();
                if let Some(InFlight { from, to, msg, .. }) = original {
                    let copy = self.next_seq;
                    let deliver_at = self.enqueue_message(from, to, msg);
                    self.record(|| RecordKind::Duplicate { id, copy, from, to, deliver_at });
                }
                None
            }
        }
    }

    fn crash(&mut self, id: NodeId) -> Option<NodeId> {
        let node = self.nodes[id.index()].take()?;
        self.saved[id.index()] = Some(node.persistent());
        self.timers[id.index()].clear();
        self.paused_until[id.index()] = 0;
        // Its inbox goes with it: messages on their way to a crashed node are lost, and so
        // are requests it was paused with.
        let lost = self.queue.remove_where(|e| match e {
            Pending::Deliver(m) => m.to == id,
            Pending::Held { node, .. } => *node == id,
            _ => false,
        });
        for (_, event) in lost {
            match event {
                Pending::Deliver(InFlight { id: msg_id, from, to, msg, .. }) => {
                    let reason = DropReason::NodeDown;
                    self.record(|| RecordKind::Drop { id: msg_id, from, to, reason, msg });
                }
                Pending::Held { .. } => {
                    let reason = format!("{id} crashed while paused: a request it held is lost");
                    self.record(|| RecordKind::Skipped { reason });
                }
                _ => {}
            }
        }
        self.record(|| RecordKind::Crashed { node: id });
        Some(id)
    }

    fn restart(&mut self, id: NodeId) -> Option<NodeId> {
        if self.nodes[id.index()].is_some() {
            self.record(|| RecordKind::Skipped { reason: format!("{id} is already up") });
            return None;
        }
        let saved = self.saved[id.index()].take()?;
        let mut node = N::recover(id, self.nodes.len(), &self.protocol, saved);
        self.enter(id);
        node.on_start(&mut self.out);
        self.nodes[id.index()] = Some(node);
        self.record(|| RecordKind::Restarted { node: id });
        self.flush(id);
        Some(id)
    }

    /// Stops `node` until `until`: what is due to it before then (messages to it, its
    /// timers, requests held for it) moves to `until`, keeping its order.
    fn pause(&mut self, node: NodeId, until: Time) {
        let until = until.max(self.paused_until[node.index()]);
        self.paused_until[node.index()] = until;
        let held = self.queue.remove_where(|e| match e {
            Pending::Deliver(m) => m.to == node,
            Pending::Timer { node: owner, .. } => *owner == node,
            Pending::Scheduled { .. } | Pending::Held { .. } => false,
        });
        // Timers are re-queued from their bookkeeping below, which drops stale entries.
        for ((_, seq), event) in held {
            if let Pending::Deliver(mut message) = event {
                message.deliver_at = message.deliver_at.max(until);
                self.queue.push((message.deliver_at, seq), Pending::Deliver(message));
            }
        }
        for pending in &mut self.timers[node.index()] {
            if pending.due.0 < until {
                pending.due.0 = until;
            }
            pending.queued = pending.due;
            self.queue.push(pending.due, Pending::Timer { node, timer: pending.timer });
        }
    }

    fn take_in_flight(&mut self, id: u64) -> Option<InFlight<N>> {
        let removed = self.queue.remove_where(|e| matches!(e, Pending::Deliver(m) if m.id == id));
        match removed.into_iter().next() {
            Some((_, Pending::Deliver(message))) => Some(message),
            _ => None,
        }
    }
}
