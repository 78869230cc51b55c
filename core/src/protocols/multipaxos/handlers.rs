//! Multi-Paxos as "Paxos Made Simple" §3 runs it: a replica that hears no leader runs phase 1
//! once for every open slot, re-proposes what the promises report and fills the holes with
//! no-ops; then, as a stable leader, it sends each client command straight to phase 2 in the
//! next slot. Acceptors answer as in Basic Paxos, one promise covering every slot.

use std::collections::{BTreeMap, BTreeSet};

use super::messages::{Ballot, Command, Message, Slot, SlotProposal};
use super::state::{Answer, Applied, InFlight, MultiPaxosNode, Role, Timer, Waiting};
use super::view::{ClientOutcome, Event};
use crate::sim::{ClientRequest, Delay, NodeId, Out};

/// Decisions a leader re-sends to one replica that is catching up, per request.
const CATCH_UP_BATCH: u64 = 32;

impl MultiPaxosNode {
    pub(super) fn arm_leader_timeout(&self, out: &mut Out<Self>) {
        let (min, max) = self.config.leader_timeout;
        out.set_timer(Timer::LeaderTimeout, Delay::between(min, max));
    }

    fn everyone(&self) -> impl Iterator<Item = NodeId> {
        NodeId::all(self.cluster_size)
    }

    fn others(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.everyone().filter(move |&id| id != self.id)
    }

    pub(super) fn handle_client(&mut self, request: ClientRequest<Command>, out: &mut Out<Self>) {
        self.last_request = Some(request.command.clone());
        let Role::Leader { ballot, next_slot, in_flight, clients } = &mut self.role else {
            let outcome = ClientOutcome::NotLeader { leader: self.leader };
            out.event(Event::Client { id: request.id, command: request.command, outcome });
            return;
        };
        if let (Command::Get { key }, true) = (&request.command, self.config.bugs.local_reads) {
            let (slot, value) = (self.applied, self.kv.get(key).map(|v| v.to_string()));
            let outcome = ClientOutcome::Read { slot, value };
            out.event(Event::Client { id: request.id, command: request.command, outcome });
            return;
        }
        let (ballot, slot) = (*ballot, *next_slot);
        *next_slot += 1;
        let command = request.command;
        in_flight.insert(slot, InFlight { command: command.clone(), accepted: BTreeSet::new() });
        let waiting = Waiting { request: request.id, command: command.clone(), chosen: false };
        clients.insert(slot, waiting);
        let outcome = ClientOutcome::Proposed { slot };
        out.event(Event::Client { id: request.id, command: command.clone(), outcome });
        for to in self.everyone() {
            out.send(to, Message::Accept { ballot, slot, command: command.clone() });
        }
    }

    pub(super) fn handle_timer(&mut self, timer: Timer, out: &mut Out<Self>) {
        match timer {
            Timer::LeaderTimeout => self.campaign(out),
            Timer::Heartbeat => self.heartbeat(out),
        }
    }

    /// Phase 1a for every slot this replica does not know to be chosen.
    fn campaign(&mut self, out: &mut Out<Self>) {
        self.persistent.max_round += 1;
        let ballot = Ballot { round: self.persistent.max_round, proposer: self.id };
        let first_open = self.first_open();
        out.event(Event::Campaign { ballot, first_open });
        self.leave_clients(out);
        self.role = Role::Candidate { ballot, first_open, promises: BTreeMap::new() };
        self.leader = None;
        out.cancel_timer(Timer::Heartbeat);
        for to in self.everyone() {
            out.send(to, Message::Prepare { ballot, first_open });
        }
        // If this round fails, another starts after a fresh random wait.
        self.arm_leader_timeout(out);
    }

    /// The leader's beat: it is alive, how far it knows the log, and a second chance for
    /// accept requests whose answers were lost.
    fn heartbeat(&mut self, out: &mut Out<Self>) {
        let first_open = self.first_open();
        let Role::Leader { ballot, in_flight, .. } = &self.role else { return };
        for to in self.others() {
            out.send(to, Message::Heartbeat { ballot: *ballot, first_open });
        }
        for (&slot, pending) in in_flight {
            for to in self.everyone().filter(|id| !pending.accepted.contains(id)) {
                let command = pending.command.clone();
                out.send(to, Message::Accept { ballot: *ballot, slot, command });
            }
        }
        out.set_timer(Timer::Heartbeat, Delay::exactly(self.config.heartbeat_interval));
    }

    pub(super) fn handle_message(&mut self, from: NodeId, msg: Message, out: &mut Out<Self>) {
        match msg {
            Message::Prepare { ballot, first_open } => {
                self.on_prepare(from, ballot, first_open, out)
            }
            Message::Promise { ballot, accepted } => self.on_promise(from, ballot, accepted, out),
            Message::Accept { ballot, slot, command } => {
                self.on_accept(from, ballot, slot, command, out)
            }
            Message::Accepted { ballot, slot } => self.on_accepted(from, ballot, slot, out),
            Message::Nack { ballot, promised } => self.on_nack(ballot, promised, out),
            Message::Decide { slot, command } => self.on_decide(slot, command, out),
            Message::Heartbeat { ballot, first_open } => {
                self.on_heartbeat(from, ballot, first_open, out)
            }
            Message::CatchUp { from: start } => self.on_catch_up(from, start, out),
        }
    }

    /// Whether this acceptor may take part in `ballot`: it promised nothing higher.
    fn honours(&self, ballot: Ballot) -> bool {
        self.persistent.promised.is_none_or(|promised| ballot >= promised)
    }

    /// A higher ballot is about: a leader or candidate of a lower one steps down.
    fn see_ballot(&mut self, ballot: Ballot, out: &mut Out<Self>) {
        self.persistent.max_round = self.persistent.max_round.max(ballot.round);
        if let Some(mine) = self.ballot().filter(|mine| *mine < ballot) {
            out.event(Event::Deposed { ballot: mine, by: ballot });
            self.leave_clients(out);
            self.role = Role::Follower;
            out.cancel_timer(Timer::Heartbeat);
            self.arm_leader_timeout(out);
        }
    }

    /// A leader about to stop leading tells each client still waiting that it cannot know
    /// what became of its command: a later leader may yet choose it.
    fn leave_clients(&mut self, out: &mut Out<Self>) {
        let Role::Leader { clients, .. } = &mut self.role else { return };
        for (slot, Waiting { request, command, .. }) in std::mem::take(clients) {
            let outcome = ClientOutcome::Indeterminate { slot };
            out.event(Event::Client { id: request, command, outcome });
        }
    }

    /// Phase 1b: promise, reporting every proposal accepted from `first_open` on.
    fn on_prepare(&mut self, from: NodeId, ballot: Ballot, first_open: Slot, out: &mut Out<Self>) {
        if !self.honours(ballot) {
            let promised = self.persistent.promised.unwrap_or(ballot);
            out.event(Event::Refused { ballot, promised });
            out.send(from, Message::Nack { ballot, promised });
            return;
        }
        self.see_ballot(ballot, out);
        self.persistent.promised = Some(ballot);
        let accepted: Vec<SlotProposal> = self
            .persistent
            .accepted
            .range(first_open..)
            .map(|(&slot, (ballot, command))| SlotProposal {
                slot,
                ballot: *ballot,
                command: command.clone(),
            })
            .collect();
        out.event(Event::Promised { ballot, reported: accepted.len() });
        if from != self.id {
            // A candidate is at work: give it time before campaigning too.
            self.leader = None;
            self.arm_leader_timeout(out);
        }
        out.send(from, Message::Promise { ballot, accepted });
    }

    fn on_promise(
        &mut self,
        from: NodeId,
        ballot: Ballot,
        accepted: Vec<SlotProposal>,
        out: &mut Out<Self>,
    ) {
        let quorum = self.quorum();
        let Role::Candidate { ballot: mine, promises, .. } = &mut self.role else { return };
        if *mine != ballot {
            return;
        }
        promises.insert(from, accepted);
        if promises.len() >= quorum {
            self.lead(out);
        }
    }

    /// Phase 1 is done for every open slot: phase 2a for each slot a promise reported (the
    /// value of the highest ballot, as Basic Paxos requires), a no-op for each hole below
    /// the last of them, and the leader is ready for new commands after that.
    fn lead(&mut self, out: &mut Out<Self>) {
        let Role::Candidate { ballot, first_open, promises } = &self.role else { return };
        let (ballot, first_open) = (*ballot, *first_open);
        let mut highest: BTreeMap<Slot, (Ballot, Command)> = BTreeMap::new();
        for proposal in promises.values().flatten() {
            let current = highest.get(&proposal.slot);
            if current.is_none_or(|(b, _)| proposal.ballot > *b) {
                highest.insert(proposal.slot, (proposal.ballot, proposal.command.clone()));
            }
        }
        let last_decided = self.persistent.decided.keys().next_back().copied().unwrap_or(0);
        let last_reported = highest.keys().next_back().copied().unwrap_or(0);
        let next_slot = last_decided.max(last_reported).max(first_open - 1) + 1;
        let mut in_flight = BTreeMap::new();
        let (mut reproposed, mut filled) = (Vec::new(), Vec::new());
        for slot in first_open..next_slot {
            let command = if let Some(known) = self.persistent.decided.get(&slot) {
                reproposed.push((slot, known.clone(), None));
                known.clone()
            } else if let Some((from, command)) =
                highest.get(&slot).filter(|_| !self.config.bugs.ignore_promised_values)
            {
                reproposed.push((slot, command.clone(), Some(*from)));
                command.clone()
            } else {
                filled.push(slot);
                Command::Noop
            };
            in_flight.insert(slot, InFlight { command, accepted: BTreeSet::new() });
        }
        out.event(Event::Elected { ballot, first_open, reproposed, filled });
        self.leader = Some(self.id);
        out.cancel_timer(Timer::LeaderTimeout);
        self.role = Role::Leader { ballot, next_slot, in_flight, clients: BTreeMap::new() };
        // The first heartbeat also sends the phase 2a of every re-proposed or filled slot.
        self.heartbeat(out);
    }

    /// Phase 2b.
    fn on_accept(
        &mut self,
        from: NodeId,
        ballot: Ballot,
        slot: Slot,
        command: Command,
        out: &mut Out<Self>,
    ) {
        if !self.honours(ballot) && !self.config.bugs.accept_below_promise {
            let promised = self.persistent.promised.unwrap_or(ballot);
            out.event(Event::Refused { ballot, promised });
            out.send(from, Message::Nack { ballot, promised });
            return;
        }
        self.see_ballot(ballot, out);
        if self.honours(ballot) {
            self.persistent.promised = Some(ballot);
        }
        self.follow(from, out);
        out.event(Event::Accepted { ballot, slot, command: command.clone() });
        self.persistent.accepted.insert(slot, (ballot, command));
        self.last_accepted = Some(slot);
        out.send(from, Message::Accepted { ballot, slot });
    }

    /// `leader` is alive: follow it and hold off campaigning.
    fn follow(&mut self, leader: NodeId, out: &mut Out<Self>) {
        if leader != self.id {
            self.leader = Some(leader);
            self.arm_leader_timeout(out);
        }
    }

    fn on_accepted(&mut self, from: NodeId, ballot: Ballot, slot: Slot, out: &mut Out<Self>) {
        let quorum = self.quorum();
        let Role::Leader { ballot: mine, in_flight, clients, .. } = &mut self.role else {
            return;
        };
        if *mine != ballot {
            return;
        }
        let Some(pending) = in_flight.get_mut(&slot) else { return };
        pending.accepted.insert(from);
        if pending.accepted.len() < quorum {
            return;
        }
        let command = pending.command.clone();
        in_flight.remove(&slot);
        if let Some(waiting) = clients.get_mut(&slot) {
            waiting.chosen = true;
        }
        out.event(Event::Chosen { slot, command: command.clone() });
        for to in self.others() {
            out.send(to, Message::Decide { slot, command: command.clone() });
        }
        self.on_decide(slot, command, out);
    }

    fn on_nack(&mut self, ballot: Ballot, promised: Ballot, out: &mut Out<Self>) {
        if self.ballot() == Some(ballot) && promised > ballot {
            self.see_ballot(promised, out);
        }
    }

    fn on_decide(&mut self, slot: Slot, command: Command, out: &mut Out<Self>) {
        self.persistent.decided.entry(slot).or_insert(command);
        for Answer { request, command, slot, outcome } in self.apply_decided() {
            let outcome = match outcome {
                Some(Applied::Write) => ClientOutcome::Done { slot },
                Some(Applied::Read(value)) => ClientOutcome::Read { slot, value },
                None => ClientOutcome::Indeterminate { slot },
            };
            out.event(Event::Client { id: request, command, outcome });
        }
    }

    fn on_heartbeat(
        &mut self,
        from: NodeId,
        ballot: Ballot,
        first_open: Slot,
        out: &mut Out<Self>,
    ) {
        if !self.honours(ballot) {
            let promised = self.persistent.promised.unwrap_or(ballot);
            out.send(from, Message::Nack { ballot, promised });
            return;
        }
        self.see_ballot(ballot, out);
        self.follow(from, out);
        if self.first_open() < first_open {
            out.send(from, Message::CatchUp { from: self.first_open() });
        }
    }

    fn on_catch_up(&mut self, from: NodeId, start: Slot, out: &mut Out<Self>) {
        let end = self.first_open().min(start + CATCH_UP_BATCH);
        for (&slot, command) in self.persistent.decided.range(start..end) {
            out.send(from, Message::Decide { slot, command: command.clone() });
        }
    }
}
