//! Raft's rules, in the order of Figure 2: rules for all servers, followers, candidates and
//! leaders, then the receiver side of RequestVote (AppendEntries' is in `append.rs`).

use super::append::AppendRequest;
use super::messages::{Command, Entry, Message};
use super::state::{RaftOut, ReadMode, Role, Timer};
use super::view::{ClientOutcome, DenyReason, Event, RejectReason};
use super::RaftNode;
use crate::sim::{ClientRequest, Delay, NodeId};

impl RaftNode {
    pub(super) fn start(&mut self, out: &mut RaftOut) {
        // With lease reads, a server that just (re)started may have acknowledged a leader's
        // lease before it went down: it waits out that lease before voting.
        if self.config.read_mode == ReadMode::Lease {
            self.leader_heard_at = Some(out.now());
        }
        self.reset_election_timer(out);
    }

    pub(super) fn handle_message(&mut self, from: NodeId, msg: Message, out: &mut RaftOut) {
        self.compact_if_due(out);
        // While a leader is heard from, a server outside this one's configuration gets no
        // vote and its term changes nothing: a removed server that never learned of its
        // removal must not disrupt the cluster (dissertation §4.2.3). Without a leader its
        // request is weighed like any other, since it may hold the change that is needed.
        let has_leader = self.leader_contact || self.role == Role::Leader;
        if matches!(msg, Message::RequestVote { .. } | Message::PreVote { .. })
            && has_leader
            && !self.is_voter(from)
        {
            if let Message::RequestVote { term, .. } = msg {
                let reason = DenyReason::NotVoter;
                out.event(Event::VoteDenied { candidate: from, term, reason });
            }
            return;
        }
        // All servers: if an RPC request or response contains term T > currentTerm, set
        // currentTerm = T and convert to follower.
        if let Message::RequestVote { term, transfer, .. } = msg {
            if self.refuses_vote_under_lease(transfer, out.now()) {
                let reason = DenyReason::LeaderLease;
                out.event(Event::VoteDenied { candidate: from, term, reason });
                return;
            }
        }
        if let Some(term) = msg.term() {
            if term > self.persistent.current_term {
                self.step_down(term, out);
            }
        }
        match msg {
            Message::RequestVote { term, last_log_index, last_log_term, .. } => {
                self.on_request_vote(from, term, last_log_index, last_log_term, out)
            }
            Message::RequestVoteReply { term, vote_granted, request_term } => {
                self.on_vote_reply(from, term, vote_granted, request_term, out)
            }
            Message::PreVote { term, last_log_index, last_log_term } => {
                self.on_pre_vote(from, term, last_log_index, last_log_term, out)
            }
            Message::PreVoteReply { granted, request_term, .. } => {
                self.on_pre_vote_reply(from, granted, request_term, out)
            }
            Message::AppendEntries {
                term,
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit,
                read_round,
            } => {
                let request = AppendRequest {
                    term,
                    prev_log_index,
                    prev_log_term,
                    leader_commit,
                    read_round,
                };
                self.on_append_entries(from, request, entries, out)
            }
            Message::AppendEntriesReply {
                term,
                success,
                match_index,
                conflict_index,
                conflict_term,
                read_round,
            } => {
                let answer =
                    if success { Ok(match_index) } else { Err((conflict_index, conflict_term)) };
                self.on_follower_reply(from, term, answer, read_round, out)
            }
            #[cfg(feature = "raft-snapshots")]
            Message::InstallSnapshot { term, snapshot, read_round } => {
                self.on_install_snapshot(from, term, snapshot, read_round, out)
            }
            #[cfg(feature = "raft-snapshots")]
            Message::InstallSnapshotReply { term, last_index, read_round } => {
                self.on_follower_reply(from, term, Ok(last_index), read_round, out)
            }
            Message::ClientForward { request, command } => {
                self.handle_client(ClientRequest { id: request, command }, true, out)
            }
            // The leader of this term asks this server to campaign now: no pre-vote, since
            // the others would refuse it while they still hear from that leader.
            Message::TimeoutNow { term } => {
                if term == self.persistent.current_term && self.role == Role::Follower {
                    self.start_election(true, out);
                }
            }
        }
    }

    pub(super) fn handle_timer(&mut self, timer: Timer, out: &mut RaftOut) {
        self.compact_if_due(out);
        match timer {
            // Followers and candidates: if the election timeout elapses, start an election
            // (with pre-vote, first ask whether it could be won).
            // With lease reads a server that acknowledged a leader less than a minimum
            // election timeout ago must not campaign either (only a forced timeout gets here
            // that early): its own vote would help end that leader's lease early.
            Timer::Election if self.refuses_vote_under_lease(false, out.now()) => {
                self.reset_election_timer(out);
            }
            // A learner, or a server outside the configuration, never campaigns; hearing
            // from a leader (which it will once it is added) restarts the timer.
            Timer::Election if !self.may_campaign() => {
                // It still answers pre-votes: the leader it heard from is as stale for it.
                self.leader_contact = false;
                out.event(Event::NotVoter);
            }
            Timer::Election if self.role != Role::Leader => {
                self.leader_contact = false;
                if self.config.pre_vote {
                    self.start_pre_vote(out);
                } else {
                    self.start_election(false, out);
                }
            }
            Timer::Election => {}
            Timer::CheckQuorum if self.role == Role::Leader => self.check_quorum(out),
            Timer::CheckQuorum => {}
            Timer::Heartbeat if self.role == Role::Leader => {
                // With leases every heartbeat is a round that extends the lease.
                if self.config.read_mode == ReadMode::Lease {
                    self.start_round(out);
                } else {
                    self.broadcast_append_entries(out);
                }
                out.set_timer(Timer::Heartbeat, Delay::exactly(self.config.heartbeat_interval));
            }
            // Servers retry RPCs that get no timely answer (§5.1).
            Timer::Heartbeat if self.role == Role::Candidate => self.request_votes(out),
            Timer::Heartbeat => {}
            Timer::Transfer => {
                if let Some((to, _)) = self.transfer.take() {
                    out.event(Event::TransferAborted { to });
                }
            }
        }
    }

    /// Client requests go to the leader; a follower that knows the leader forwards them.
    pub(super) fn handle_client(
        &mut self,
        request: ClientRequest<Command>,
        forwarded: bool,
        out: &mut RaftOut,
    ) {
        self.compact_if_due(out);
        let id = request.id;
        match (self.role, self.leader_id) {
            (Role::Leader, _) if self.transfer.is_some() => {
                let outcome = ClientOutcome::Rejected { reason: RejectReason::Transferring };
                out.event(Event::Client { request: id, outcome });
            }
            (Role::Leader, _) => {
                if let Command::Get { key } = request.command {
                    return self.handle_read(id, key, out);
                }
                let term = self.persistent.current_term;
                self.persistent.log.push(Entry::new(term, request.command, id));
                let index = self.last_log_index();
                self.waiting_clients.insert(index, id);
                out.event(Event::Client {
                    request: id,
                    outcome: ClientOutcome::Appended { index },
                });
                for peer in self.replicas() {
                    if !self.awaiting_reply[peer.index()] {
                        self.send_append_entries(peer, out);
                    }
                }
                self.advance_commit_index(out);
            }
            (_, Some(leader)) if !forwarded && leader != self.id => {
                out.send(leader, Message::ClientForward { request: id, command: request.command });
                out.event(Event::Client {
                    request: id,
                    outcome: ClientOutcome::Forwarded { to: leader },
                });
            }
            _ => {
                let reason =
                    if forwarded { RejectReason::NotLeader } else { RejectReason::NoLeaderKnown };
                let outcome = ClientOutcome::Rejected { reason };
                out.event(Event::Client { request: id, outcome });
            }
        }
    }

    pub(super) fn reset_election_timer(&mut self, out: &mut RaftOut) {
        let (min, max) = self.config.election_timeout;
        out.set_timer(Timer::Election, Delay::between(min, max));
    }

    fn step_down(&mut self, term: u64, out: &mut RaftOut) {
        let was = self.role;
        self.persistent.current_term = term;
        self.persistent.voted_for = None;
        self.leader_id = None;
        self.role = Role::Follower;
        self.pre_votes = None;
        if was != Role::Follower {
            out.cancel_timer(Timer::Heartbeat);
        }
        if was == Role::Leader {
            self.promoting = None;
            out.cancel_timer(Timer::CheckQuorum);
            out.cancel_timer(Timer::Transfer);
            self.transfer = None;
            self.reset_election_timer(out);
            self.abandon_waiting_clients(out);
            self.drop_reads(out);
        }
        out.event(Event::Role { role: Role::Follower, term });
    }

    /// `for_transfer`: the leader asked for this election with TimeoutNow.
    pub(super) fn start_election(&mut self, for_transfer: bool, out: &mut RaftOut) {
        // On conversion to candidate: increment currentTerm, vote for self, reset the election
        // timer, send RequestVote to all other servers.
        self.pre_votes = None;
        self.campaign_for_transfer = for_transfer;
        self.persistent.current_term += 1;
        self.persistent.voted_for = Some(self.id);
        self.role = Role::Candidate;
        self.leader_id = None;
        self.votes.iter_mut().for_each(|v| *v = None);
        self.votes[self.id.index()] = Some(true);
        self.granted.iter_mut().for_each(|g| *g = false);
        self.granted[self.id.index()] = true;
        let term = self.persistent.current_term;
        out.event(Event::Role { role: Role::Candidate, term });
        self.reset_election_timer(out);
        let me = self.id;
        if self.quorum(|p| p == me) {
            return self.become_leader(out);
        }
        self.request_votes(out);
    }

    /// Asks every server that has not answered yet, and arms a retry.
    fn request_votes(&mut self, out: &mut RaftOut) {
        let term = self.persistent.current_term;
        let (last_log_index, last_log_term) = (self.last_log_index(), self.last_log_term());
        let transfer = self.campaign_for_transfer;
        for peer in self.other_voters().into_iter().filter(|p| self.votes[p.index()].is_none()) {
            let request = Message::RequestVote { term, last_log_index, last_log_term, transfer };
            out.send(peer, request);
        }
        out.set_timer(Timer::Heartbeat, Delay::exactly(self.config.heartbeat_interval));
    }

    fn on_vote_reply(
        &mut self,
        from: NodeId,
        term: u64,
        granted: bool,
        request_term: u64,
        out: &mut RaftOut,
    ) {
        let current = self.persistent.current_term;
        if self.role != Role::Candidate || term != current {
            return;
        }
        // A reply answers the request it names: the refusal of an earlier term's request
        // says nothing about this term's.
        let answers_this_term = request_term == current;
        if !answers_this_term && !self.config.bugs.stale_vote_reply {
            return;
        }
        if granted && answers_this_term {
            self.granted[from.index()] = true;
        }
        // A vote once granted stays counted.
        let counted = self.votes[from.index()] == Some(true);
        if granted || !counted || self.config.bugs.stale_vote_reply {
            self.votes[from.index()] = Some(granted);
        }
        // If votes are received from a majority of servers: become leader.
        if self.quorum(|p| self.votes[p.index()] == Some(true)) {
            self.become_leader(out);
        }
    }

    fn become_leader(&mut self, out: &mut RaftOut) {
        self.role = Role::Leader;
        self.leader_id = Some(self.id);
        let next = self.last_log_index() + 1;
        self.next_index.iter_mut().for_each(|n| *n = next);
        self.match_index.iter_mut().for_each(|m| *m = 0);
        self.awaiting_reply.iter_mut().for_each(|a| *a = false);
        self.reset_reads();
        let term = self.persistent.current_term;
        out.event(Event::Role { role: Role::Leader, term });
        out.cancel_timer(Timer::Election);
        self.heard_from.iter_mut().for_each(|h| *h = false);
        self.arm_check_quorum(out);
        // Without the no-op, entries of earlier terms wait for a client's write to commit;
        // a configuration must not, or the servers it adds or removes wait with it.
        if self.config.leader_noop || self.change_uncommitted() {
            self.persistent.log.push(Entry::new(term, Command::Noop, 0));
        }
        // Upon election: send initial empty AppendEntries (heartbeat) to each server.
        self.broadcast_append_entries(out);
        out.set_timer(Timer::Heartbeat, Delay::exactly(self.config.heartbeat_interval));
        self.advance_commit_index(out);
    }

    /// Heartbeats go to every follower, answered or not: they also repair lost messages.
    pub(super) fn broadcast_append_entries(&mut self, out: &mut RaftOut) {
        for peer in self.replicas() {
            self.send_append_entries(peer, out);
        }
    }

    /// Sends `peer` everything from its nextIndex on (up to the batch limit); with nothing to
    /// send this is a heartbeat. If the entry before nextIndex is compacted away, the
    /// follower gets the snapshot instead.
    pub(super) fn send_append_entries(&mut self, peer: NodeId, out: &mut RaftOut) {
        self.awaiting_reply[peer.index()] = true;
        let next = self.next_index[peer.index()];
        let prev_log_index = next - 1;
        let Some(prev_log_term) = self.term_at(prev_log_index) else {
            return self.send_snapshot(peer, out);
        };
        let from = (prev_log_index - self.compacted_to()) as usize;
        let to = (from + self.config.max_entries_per_message).min(self.persistent.log.len());
        let entries = self.persistent.log[from..to].to_vec();
        out.send(
            peer,
            Message::AppendEntries {
                term: self.persistent.current_term,
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit: self.commit_index,
                read_round: self.read_round,
            },
        );
    }

    /// A follower answered an AppendEntries (`Ok(matchIndex)` or `Err((conflictIndex,
    /// conflictTerm))`) or an InstallSnapshot (`Ok(lastIndex)`).
    fn on_follower_reply(
        &mut self,
        from: NodeId,
        term: u64,
        answer: Result<u64, (u64, Option<u64>)>,
        read_round: u64,
        out: &mut RaftOut,
    ) {
        if term != self.persistent.current_term || self.role != Role::Leader {
            return;
        }
        self.awaiting_reply[from.index()] = false;
        self.heard_from[from.index()] = true;
        match answer {
            Ok(match_index) => self.on_append_success(from, match_index, out),
            Err((index, term)) => self.on_append_failure(from, index, term, out),
        }
        // A reply of this term, whatever it says, shows `from` took this server as its
        // leader after the round was sent.
        if self.role == Role::Leader {
            self.on_round_answer(from, read_round, out);
        }
    }

    fn on_append_success(&mut self, from: NodeId, match_index: u64, out: &mut RaftOut) {
        let f = from.index();
        // Replies can arrive late, twice, or out of order: only ever move forward, and only a
        // reply that moved matchIndex earns another send. A duplicated reply must not: under
        // duplication that turned each round trip into two sends and traffic grew
        // exponentially.
        let progressed = match_index > self.match_index[f];
        self.match_index[f] = self.match_index[f].max(match_index);
        self.next_index[f] = self.next_index[f].max(self.match_index[f] + 1);
        if progressed {
            out.event(Event::Replicated { follower: from, match_index });
        }
        self.advance_commit_index(out);
        if self.role != Role::Leader {
            return;
        }
        if progressed && self.next_index[f] <= self.last_log_index() {
            self.send_append_entries(from, out);
        }
        self.maybe_send_timeout_now(out);
        self.maybe_promote(out);
    }

    fn on_append_failure(
        &mut self,
        from: NodeId,
        conflict_index: u64,
        conflict_term: Option<u64>,
        out: &mut RaftOut,
    ) {
        let f = from.index();
        // If AppendEntries fails because of log inconsistency: decrement nextIndex and retry.
        // With the follower's hint we skip past the whole conflicting term at once.
        let base = self.compacted_to();
        let hint = match conflict_term {
            Some(term) => match self.persistent.log.iter().rposition(|e| e.term == term) {
                Some(position) => base + position as u64 + 2,
                None => conflict_index,
            },
            None => conflict_index,
        };
        let floor = self.match_index[f] + 1;
        let next = hint.min(self.next_index[f]).max(floor);
        // Retry at once only if this reply moved nextIndex back; a duplicate or stale
        // rejection waits for the next heartbeat, which retries anyway.
        if next < self.next_index[f] {
            self.next_index[f] = next;
            self.send_append_entries(from, out);
        }
    }

    /// If there exists an N > commitIndex such that a majority of matchIndex[i] ≥ N and
    /// log[N].term == currentTerm: set commitIndex = N. The majority is of the voters in
    /// force, the leader among them only if it is one.
    pub(super) fn advance_commit_index(&mut self, out: &mut RaftOut) {
        let term = self.persistent.current_term;
        let mut n = self.last_log_index();
        while n > self.commit_index {
            let me = self.id;
            let stored = |p: NodeId| p == me || self.match_index[p.index()] >= n;
            let entry_term = self.term_at(n).unwrap_or(0);
            let countable = entry_term == term || self.config.bugs.figure8_commit;
            if countable && self.quorum(stored) {
                self.commit_index = n;
                out.event(Event::Commit { commit_index: n });
                self.apply_committed(out);
                self.serve_ready_reads(out);
                self.after_commit(out);
                return;
            }
            if entry_term < term && !self.config.bugs.figure8_commit {
                // Entries below this one are from earlier terms too: none can be counted.
                return;
            }
            n -= 1;
        }
    }

    /// If commitIndex > lastApplied: increment lastApplied, apply log[lastApplied].
    pub(super) fn apply_committed(&mut self, out: &mut RaftOut) {
        while self.last_applied < self.commit_index {
            self.last_applied += 1;
            let index = self.last_applied;
            // Applied entries all follow the snapshot: lastApplied starts at its last index.
            let offset = (index - self.compacted_to() - 1) as usize;
            if let Some(Entry { command: Command::Set { key, value }, request, .. }) =
                self.persistent.log.get(offset)
            {
                if *request == 0 || self.applied_requests.insert(*request) {
                    self.kv.insert(key.clone(), value.clone());
                }
            }
            if self.role == Role::Leader {
                if let Some(request) = self.waiting_clients.remove(&index) {
                    let outcome = ClientOutcome::Committed { index };
                    out.event(Event::Client { request, outcome });
                }
            }
        }
    }

    pub(super) fn abandon_waiting_clients(&mut self, out: &mut RaftOut) {
        for (_, request) in std::mem::take(&mut self.waiting_clients) {
            out.event(Event::Client { request, outcome: ClientOutcome::Indeterminate });
        }
    }

    fn on_request_vote(
        &mut self,
        candidate: NodeId,
        term: u64,
        last_log_index: u64,
        last_log_term: u64,
        out: &mut RaftOut,
    ) {
        let current = self.persistent.current_term;
        // Reply false if term < currentTerm.
        let denial = if term < current {
            Some(DenyReason::StaleTerm)
        } else if self.persistent.voted_for.is_some_and(|v| v != candidate) {
            Some(DenyReason::AlreadyVoted)
        } else if !self.config.bugs.skip_log_check
            && !self.candidate_up_to_date(last_log_index, last_log_term)
        {
            Some(DenyReason::LogBehind)
        } else {
            None
        };
        match denial {
            None => {
                self.persistent.voted_for = Some(candidate);
                self.reset_election_timer(out);
                out.event(Event::VoteGranted { candidate, term });
            }
            Some(reason) => out.event(Event::VoteDenied { candidate, term, reason }),
        }
        let reply = Message::RequestVoteReply {
            term: current,
            vote_granted: denial.is_none(),
            request_term: term,
        };
        out.send(candidate, reply);
    }

    /// §5.4.1: the log with the later last term is more up-to-date; with equal last terms, the
    /// longer log is.
    pub(super) fn candidate_up_to_date(&self, last_log_index: u64, last_log_term: u64) -> bool {
        let my_term = self.last_log_term();
        last_log_term > my_term
            || (last_log_term == my_term && last_log_index >= self.last_log_index())
    }
}
