//! The phases of "Paxos Made Simple", one handler each: the proposer's 1a and 2a, the
//! acceptor's 1b and 2b, and the learner counting 2b messages.

use std::collections::{BTreeMap, BTreeSet};

use super::messages::{Ballot, Message, Value};
use super::state::{PaxosNode, Phase, Proposal, Timer};
use super::view::{ClientOutcome, Event};
use crate::sim::{ClientRequest, Delay, NodeId, Out};

impl PaxosNode {
    pub(super) fn handle_client(&mut self, request: ClientRequest<Value>, out: &mut Out<Self>) {
        let outcome = if !self.is_proposer() {
            ClientOutcome::NotProposer
        } else if self.proposal.is_some() {
            ClientOutcome::Busy
        } else {
            ClientOutcome::Proposing
        };
        out.event(Event::Client { id: request.id, value: request.command.clone(), outcome });
        if outcome == ClientOutcome::Proposing {
            // A proposer that already knows the chosen value runs a round anyway: it will
            // re-propose the chosen value, which tells learners that missed it.
            self.start_round(request.command, out);
        }
    }

    pub(super) fn handle_timer(&mut self, timer: Timer, out: &mut Out<Self>) {
        match timer {
            Timer::Retry => {
                if let Some(own) = self.proposal.as_ref().map(|p| p.own.clone()) {
                    self.start_round(own, out);
                }
            }
            Timer::CatchUp => {
                // A learner that is also an acceptor counts its own acceptance: the 2b it
                // sent itself before a crash died with its volatile state, and the other
                // learners it asks may not know either.
                if let Some((ballot, value)) =
                    self.persistent.accepted.clone().filter(|_| self.is_acceptor())
                {
                    self.on_accepted_as_learner(self.id, ballot, value, out);
                }
                if self.persistent.learned.is_none() {
                    let (roles, n) = (self.config.roles, self.cluster_size);
                    let asked = NodeId::all(n).filter(|&id| {
                        id != self.id && (roles.is_acceptor(id, n) || roles.is_learner(id, n))
                    });
                    for to in asked {
                        out.send(to, Message::Query);
                    }
                    self.arm_catch_up(out);
                }
            }
        }
    }

    /// Phase 1a: a new ballot, higher than any this proposer used or heard of.
    fn start_round(&mut self, own: Value, out: &mut Out<Self>) {
        self.persistent.max_round += 1;
        let ballot = Ballot { round: self.persistent.max_round, proposer: self.id };
        out.event(Event::Prepare { ballot, value: own.clone() });
        self.proposal = Some(Proposal {
            ballot,
            own,
            phase: Phase::Preparing { promises: BTreeMap::new() },
            beaten_by: None,
        });
        for acceptor in self.config.roles.acceptors(self.cluster_size) {
            out.send(acceptor, Message::Prepare { ballot });
        }
        let (min, max) = self.config.retry_timeout;
        out.set_timer(Timer::Retry, Delay::between(min, max));
    }

    pub(super) fn handle_message(&mut self, from: NodeId, msg: Message, out: &mut Out<Self>) {
        match msg {
            Message::Prepare { ballot } => self.on_prepare(from, ballot, out),
            Message::Promise { ballot, accepted } => self.on_promise(from, ballot, accepted, out),
            Message::Accept { ballot, value } => self.on_accept(from, ballot, value, out),
            Message::Accepted { ballot, value } => {
                if self.is_proposer() {
                    self.on_accepted_as_proposer(from, ballot, &value, out);
                }
                if self.is_learner() {
                    self.on_accepted_as_learner(from, ballot, value, out);
                }
            }
            Message::Nack { ballot, promised } => self.on_nack(ballot, promised, out),
            Message::Query => {
                if let Some(value) = self.persistent.learned.clone() {
                    out.send(from, Message::Chosen { value });
                } else if let Some((ballot, value)) = self.persistent.accepted.clone() {
                    out.send(from, Message::Accepted { ballot, value });
                }
            }
            Message::Chosen { value } => {
                if self.is_learner() && self.persistent.learned.is_none() {
                    out.event(Event::Told { by: from, value: value.clone() });
                    out.cancel_timer(Timer::CatchUp);
                    self.persistent.learned = Some(value);
                }
            }
        }
    }

    /// Learners ask again every few retry periods until they learn: rarely enough to stay
    /// out of the way of the rounds themselves.
    pub(super) fn arm_catch_up(&self, out: &mut Out<Self>) {
        let (_, max) = self.config.retry_timeout;
        out.set_timer(Timer::CatchUp, Delay::between(4 * max, 8 * max));
    }

    /// Phase 1b: promise not to accept anything below `ballot`, and report the proposal
    /// accepted so far. Re-promising the same ballot (a duplicated prepare) is harmless.
    fn on_prepare(&mut self, from: NodeId, ballot: Ballot, out: &mut Out<Self>) {
        if !self.is_acceptor() {
            return;
        }
        match self.persistent.promised {
            Some(promised) if promised > ballot => {
                out.event(Event::Refused { ballot, promised });
                out.send(from, Message::Nack { ballot, promised });
            }
            _ => {
                self.persistent.promised = Some(ballot);
                let accepted = self.persistent.accepted.clone();
                out.event(Event::Promised { ballot, accepted: accepted.clone() });
                out.send(from, Message::Promise { ballot, accepted });
            }
        }
    }

    /// Phase 2a once a majority has promised: the value of the highest-ballot proposal any
    /// of them accepted, or the proposer's own if none did.
    fn on_promise(
        &mut self,
        from: NodeId,
        ballot: Ballot,
        accepted: Option<(Ballot, Value)>,
        out: &mut Out<Self>,
    ) {
        let quorum = self.quorum();
        let ignore_promised = self.config.bugs.ignore_promised_values;
        let Some(proposal) = self.proposal.as_mut().filter(|p| p.ballot == ballot) else { return };
        let Phase::Preparing { promises } = &mut proposal.phase else { return };
        promises.insert(from, accepted);
        if promises.len() < quorum {
            return;
        }
        let highest = promises.values().flatten().max_by_key(|(b, _)| *b).cloned();
        let (value, adopted_from) = match highest {
            Some((b, v)) if !ignore_promised => (v, Some(b)),
            _ => (proposal.own.clone(), None),
        };
        out.event(Event::PhaseTwo { ballot, value: value.clone(), adopted_from });
        proposal.phase = Phase::Accepting { value: value.clone(), accepted: BTreeSet::new() };
        for acceptor in self.config.roles.acceptors(self.cluster_size) {
            out.send(acceptor, Message::Accept { ballot, value: value.clone() });
        }
    }

    /// Phase 2b: accept unless a higher ballot was promised, and tell the proposer and
    /// every learner.
    fn on_accept(&mut self, from: NodeId, ballot: Ballot, value: Value, out: &mut Out<Self>) {
        if !self.is_acceptor() {
            return;
        }
        if let Some(promised) = self.persistent.promised.filter(|&p| p > ballot) {
            if !self.config.bugs.accept_below_promise {
                out.event(Event::Refused { ballot, promised });
                out.send(from, Message::Nack { ballot, promised });
                return;
            }
        }
        self.persistent.promised = self.persistent.promised.max(Some(ballot));
        self.persistent.accepted = Some((ballot, value.clone()));
        out.event(Event::Accepted { ballot, value: value.clone() });
        let learners = self.config.roles.learners(self.cluster_size);
        for to in std::iter::once(from).chain(learners.filter(|&l| l != from)) {
            out.send(to, Message::Accepted { ballot, value: value.clone() });
        }
    }

    /// A proposer whose ballot a majority accepted knows its round chose a value.
    fn on_accepted_as_proposer(
        &mut self,
        from: NodeId,
        ballot: Ballot,
        value: &Value,
        out: &mut Out<Self>,
    ) {
        let quorum = self.quorum();
        let Some(proposal) = self.proposal.as_mut().filter(|p| p.ballot == ballot) else { return };
        let Phase::Accepting { accepted, .. } = &mut proposal.phase else { return };
        accepted.insert(from);
        if accepted.len() >= quorum {
            out.event(Event::Succeeded { ballot, value: value.clone() });
            out.cancel_timer(Timer::Retry);
            self.proposal = None;
            self.succeeded = Some(ballot);
        }
    }

    /// A learner learns a value once a majority of acceptors accepted it in one ballot.
    fn on_accepted_as_learner(
        &mut self,
        from: NodeId,
        ballot: Ballot,
        value: Value,
        out: &mut Out<Self>,
    ) {
        let quorum = self.quorum();
        let (_, acceptors) =
            self.acceptances.entry(ballot).or_insert_with(|| (value.clone(), BTreeSet::new()));
        acceptors.insert(from);
        if self.persistent.learned.is_some() {
            return;
        }
        if acceptors.len() >= quorum {
            out.event(Event::Learned { ballot, value: value.clone() });
            out.cancel_timer(Timer::CatchUp);
            self.persistent.learned = Some(value);
        }
    }

    /// A refusal: remember the higher round, so the next ballot beats it, and wait for the
    /// retry timer (retrying at once is what makes dueling proposers livelock).
    fn on_nack(&mut self, ballot: Ballot, promised: Ballot, out: &mut Out<Self>) {
        self.persistent.max_round = self.persistent.max_round.max(promised.round);
        // Each acceptor refuses on its own; the round is lost at the first refusal.
        if let Some(proposal) =
            self.proposal.as_mut().filter(|p| p.ballot == ballot && p.beaten_by.is_none())
        {
            proposal.beaten_by = Some(promised);
            out.event(Event::Preempted { ballot, by: promised });
        }
    }
}
