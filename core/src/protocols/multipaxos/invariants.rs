//! Multi-Paxos's safety properties, per slot, checked after every step from the acceptances
//! the checker has watched happen:
//!
//! - agreement: at most one command is chosen in each slot;
//! - validity: only a command some client sent (or a leader's no-op) is accepted;
//! - stability: once a command is chosen in a slot in ballot b, every proposal accepted there
//!   in a higher ballot carries that command, so it stays chosen;
//! - same command per slot: every replica applies, in each slot, the command chosen there.
//!
//! A command is chosen in a slot the moment a majority of acceptors has accepted it there in
//! one ballot, whether or not the leader or any replica knows yet.

use std::collections::{BTreeMap, BTreeSet};

use super::messages::{Ballot, Command, Slot};
use super::state::MultiPaxosNode;
use crate::sim::{Invariants, NodeId, StepContext};

pub const AGREEMENT: &str = "agreement";
pub const VALIDITY: &str = "validity";
pub const STABILITY: &str = "stability";
pub const SAME_APPLIED: &str = "same command per slot";

/// Every property a Multi-Paxos run is checked for: the checkers' after each step, and what
/// only the clients' whole history shows.
pub const WITH_HISTORY: [&str; 5] =
    [AGREEMENT, VALIDITY, STABILITY, SAME_APPLIED, crate::history::LINEARIZABILITY];

#[derive(Clone, Debug, Default, Hash)]
pub struct MultiPaxosInvariants {
    /// Commands some client sent.
    requested: BTreeSet<Command>,
    /// Every acceptance seen: the command and the acceptors, by slot and ballot.
    acceptances: BTreeMap<(Slot, Ballot), (Command, BTreeSet<NodeId>)>,
    /// Per slot, the command chosen, the lowest ballot that chose it and the step it became
    /// chosen at.
    chosen: BTreeMap<Slot, (Ballot, Command, u64)>,
    /// Per node, how many slots the checker has seen it apply.
    seen_applied: Vec<Slot>,
}

impl MultiPaxosInvariants {
    /// The command chosen in each slot so far, with the ballot and the step that chose it.
    pub fn chosen(&self) -> &BTreeMap<Slot, (Ballot, Command, u64)> {
        &self.chosen
    }

    fn record_acceptance(
        &mut self,
        id: NodeId,
        slot: Slot,
        (ballot, command): (Ballot, Command),
        quorum: usize,
        step: u64,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        if command != Command::Noop && !self.requested.contains(&command) {
            report(VALIDITY, format!("{id} accepted {command} in slot {slot}; no client sent it"));
        }
        let (in_ballot, acceptors) = self
            .acceptances
            .entry((slot, ballot))
            .or_insert_with(|| (command.clone(), BTreeSet::new()));
        if *in_ballot != command {
            report(
                AGREEMENT,
                format!("ballot {ballot} carries both {in_ballot} and {command} in slot {slot}"),
            );
            return;
        }
        acceptors.insert(id);
        let majority = acceptors.len() >= quorum;
        if let Some((first, chosen, _)) = self.chosen.get(&slot) {
            if ballot > *first && command != *chosen {
                report(
                    STABILITY,
                    format!("{chosen} was chosen in slot {slot} in ballot {first}, yet {id} accepted {command} there in the higher ballot {ballot}"),
                );
            }
            if majority && command != *chosen {
                report(
                    AGREEMENT,
                    format!("both {chosen} (ballot {first}) and {command} (ballot {ballot}) were chosen in slot {slot}"),
                );
            }
        }
        let lower = self.chosen.get(&slot).is_none_or(|(first, _, _)| ballot < *first);
        if majority && lower {
            let step = self.chosen.get(&slot).map_or(step, |(_, _, at)| *at);
            self.chosen.insert(slot, (ballot, command.clone(), step));
            // Proposals accepted earlier there in higher ballots must carry it too.
            let higher = self.acceptances.range((slot, ballot)..(slot + 1, Ballot::MIN)).skip(1);
            for ((_, b), (c, acceptors)) in higher {
                if *c != command {
                    let who = acceptors.iter().next().map_or(String::new(), |a| a.to_string());
                    report(
                        STABILITY,
                        format!("{command} is chosen in slot {slot} in ballot {ballot}, but {who} accepted {c} there in the higher ballot {b}"),
                    );
                }
            }
        }
    }

    /// The slots `node` applied since the checker last looked must hold the command chosen
    /// there.
    fn check_applied(
        &mut self,
        node: &MultiPaxosNode,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let seen = &mut self.seen_applied[node.id().index()];
        // A restart applies the log again from slot 1.
        if node.applied() < *seen {
            *seen = 0;
        }
        for slot in *seen + 1..=node.applied() {
            let Some(applied) = node.decided().get(&slot) else { continue };
            match self.chosen.get(&slot) {
                Some((_, chosen, _)) if chosen == applied => {}
                Some((_, chosen, _)) => report(
                    SAME_APPLIED,
                    format!(
                        "{} applied {applied} in slot {slot}, but {chosen} was chosen there",
                        node.id()
                    ),
                ),
                None => report(
                    SAME_APPLIED,
                    format!(
                        "{} applied {applied} in slot {slot}, where nothing was chosen",
                        node.id()
                    ),
                ),
            }
        }
        *seen = node.applied();
    }
}

impl Invariants<MultiPaxosNode> for MultiPaxosInvariants {
    fn new(cluster_size: usize) -> Self {
        MultiPaxosInvariants { seen_applied: vec![0; cluster_size], ..Default::default() }
    }

    fn properties() -> &'static [&'static str] {
        &WITH_HISTORY[..4]
    }

    fn check(
        &mut self,
        ctx: &StepContext<'_, MultiPaxosNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let Some(id) = ctx.touched else { return };
        let Some(node) = ctx.nodes.node(id.index()) else { return };
        if let Some(command) = node.last_request() {
            self.requested.insert(command.clone());
        }
        if let Some((slot, (ballot, command))) = node.last_accepted() {
            let known =
                self.acceptances.get(&(slot, *ballot)).is_some_and(|(_, a)| a.contains(&id));
            if !known {
                let accepted = (*ballot, command.clone());
                self.record_acceptance(id, slot, accepted, node.quorum(), ctx.step, report);
            }
        }
        self.check_applied(node, report);
    }

    /// Once faults stop: one live replica leads with nothing left in flight, and every live
    /// replica has applied the same log.
    fn settled(nodes: &[Option<MultiPaxosNode>]) -> Result<(), String> {
        use super::state::Role;
        let live: Vec<&MultiPaxosNode> = nodes.iter().flatten().collect();
        let leaders: Vec<&&MultiPaxosNode> =
            live.iter().filter(|n| matches!(n.role(), Role::Leader { .. })).collect();
        let [leader] = leaders[..] else {
            return Err(format!("{} live replicas lead, not one", leaders.len()));
        };
        if let Role::Leader { in_flight, .. } = leader.role() {
            if let Some(slot) = in_flight.keys().next() {
                return Err(format!("leader {} still waits on slot {slot}", leader.id()));
            }
        }
        match live.iter().find(|n| n.applied() != leader.applied()) {
            Some(behind) => Err(format!(
                "{} applied {} slots, the leader {}",
                behind.id(),
                behind.applied(),
                leader.applied()
            )),
            None => Ok(()),
        }
    }
}
