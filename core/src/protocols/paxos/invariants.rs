//! Basic Paxos's safety properties ("Paxos Made Simple", §2.1–2.2), checked after every
//! step from the acceptances the checker has watched happen:
//!
//! - agreement: at most one value is chosen, and a learner learns only that value;
//! - validity: only a value some client proposed is accepted;
//! - stability: once a value is chosen in ballot b, every proposal accepted in a higher
//!   ballot carries that value (P2b), so the chosen value stays chosen.
//!
//! A value is chosen the moment a majority of acceptors has accepted it in one ballot,
//! whether or not any learner knows yet.

use std::collections::{BTreeMap, BTreeSet};

use super::messages::{Ballot, Value};
use super::state::PaxosNode;
use crate::sim::{Invariants, NodeId, StepContext};

pub const AGREEMENT: &str = "agreement";
pub const VALIDITY: &str = "validity";
pub const STABILITY: &str = "stability";

#[derive(Clone, Debug, Default, Hash)]
pub struct PaxosInvariants {
    /// Values some client asked a proposer for.
    proposed: BTreeSet<Value>,
    /// Every acceptance seen, by ballot: the value and the acceptors that accepted it.
    acceptances: BTreeMap<Ballot, (Value, BTreeSet<NodeId>)>,
    /// The value chosen, with the lowest ballot that chose it.
    chosen: Option<(Ballot, Value)>,
    /// The step at which a value first became chosen.
    chosen_step: Option<u64>,
}

impl PaxosInvariants {
    /// The value chosen so far and the first ballot that chose it, if any.
    pub fn chosen(&self) -> Option<&(Ballot, Value)> {
        self.chosen.as_ref()
    }

    /// The step at which a majority of acceptors first held one value in one ballot.
    pub fn chosen_step(&self) -> Option<u64> {
        self.chosen_step
    }

    fn record_acceptance(
        &mut self,
        id: NodeId,
        ballot: Ballot,
        value: &Value,
        quorum: usize,
        step: u64,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        if !self.proposed.contains(value) {
            report(VALIDITY, format!("{id} accepted {value}, which no client proposed"));
        }
        let (in_ballot, acceptors) =
            self.acceptances.entry(ballot).or_insert_with(|| (value.clone(), BTreeSet::new()));
        if in_ballot != value {
            report(AGREEMENT, format!("ballot {ballot} carries both {in_ballot} and {value}"));
            return;
        }
        acceptors.insert(id);
        let majority = acceptors.len() >= quorum;
        if let Some((first, chosen)) = &self.chosen {
            if ballot > *first && value != chosen {
                report(
                    STABILITY,
                    format!("{chosen} was chosen in ballot {first}, yet {id} accepted {value} in the higher ballot {ballot}"),
                );
            }
            if majority && value != chosen {
                report(
                    AGREEMENT,
                    format!(
                        "both {chosen} (ballot {first}) and {value} (ballot {ballot}) were chosen"
                    ),
                );
            }
        }
        if majority && self.chosen.as_ref().is_none_or(|(first, _)| ballot < *first) {
            self.chosen = Some((ballot, value.clone()));
            self.chosen_step.get_or_insert(step);
            // Proposals accepted earlier in higher ballots must carry the value too.
            for (b, (v, acceptors)) in self.acceptances.range(ballot..).skip(1) {
                if v != value {
                    let who = acceptors.iter().next().map_or(String::new(), |a| a.to_string());
                    report(
                        STABILITY,
                        format!("{value} is chosen in ballot {ballot}, but {who} accepted {v} in the higher ballot {b}"),
                    );
                }
            }
        }
    }
}

impl Invariants<PaxosNode> for PaxosInvariants {
    fn new(_cluster_size: usize) -> Self {
        PaxosInvariants::default()
    }

    fn properties() -> &'static [&'static str] {
        &[AGREEMENT, VALIDITY, STABILITY]
    }

    fn check(
        &mut self,
        ctx: &StepContext<'_, PaxosNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let Some(id) = ctx.touched else { return };
        let Some(node) = ctx.nodes.node(id.index()) else { return };
        if let Some(proposal) = node.proposal() {
            self.proposed.insert(proposal.own.clone());
        }
        if let Some((ballot, value)) = node.accepted().cloned() {
            let known = self.acceptances.get(&ballot).is_some_and(|(_, a)| a.contains(&id));
            if !known {
                self.record_acceptance(id, ballot, &value, node.quorum(), ctx.step, report);
            }
        }
        if let Some(learned) = node.learned() {
            match &self.chosen {
                Some((_, chosen)) if chosen == learned => {}
                Some((_, chosen)) => {
                    report(AGREEMENT, format!("{id} learned {learned}, but {chosen} was chosen"))
                }
                None => {
                    report(AGREEMENT, format!("{id} learned {learned} before any value was chosen"))
                }
            }
        }
    }

    /// Once faults stop: no proposer is still stuck in a round, and if any learner has
    /// learned a value, every live learner has learned it. (Paxos promises nothing when no
    /// proposer is trying, so a run in which no value reached a learner passes.)
    fn settled(nodes: &[Option<PaxosNode>]) -> Result<(), String> {
        let live = || nodes.iter().flatten();
        if let Some(stuck) = live().find(|n| n.proposal().is_some()) {
            return Err(format!("{} is still running a round", stuck.id()));
        }
        let Some(value) = live().find_map(|n| n.learned()) else { return Ok(()) };
        match live().filter(|n| n.is_learner()).find(|n| n.learned() != Some(value)) {
            Some(behind) => Err(format!("{} has not learned {value}", behind.id())),
            None => Ok(()),
        }
    }
}
