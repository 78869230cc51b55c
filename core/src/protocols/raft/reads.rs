//! Reads without a log entry (dissertation §6.4). A leader may answer a read only once it
//! knows no other leader could have committed anything it has not: with ReadIndex it notes
//! its commit index and waits for a majority to answer a heartbeat round sent after the read
//! arrived; with a lease it answers at once while a round a majority answered was sent less
//! than a minimum election timeout ago (servers that heard from it refuse to vote that long).

use std::sync::Arc;

use super::messages::{Command, Entry};
use super::state::{PendingRead, ReadMode, Role};
use super::view::{ClientOutcome, Event, RejectReason};
use super::RaftNode;
use crate::sim::{NodeId, Out, Time};

type RaftOut = Out<RaftNode>;

impl RaftNode {
    /// A read that reached the leader.
    pub(super) fn handle_read(&mut self, request: u64, key: Arc<str>, out: &mut RaftOut) {
        let lease_holds = self.config.read_mode == ReadMode::Lease
            && !self.handed_over
            && out.now() < self.lease_until
            && self.own_term_committed();
        if self.config.bugs.local_reads || lease_holds {
            return self.answer_read(request, &key, out);
        }
        let read_index = self.own_term_committed().then_some(self.commit_index);
        // A read waits for an entry of this term to commit; without the leader's no-op
        // (`leader_noop = false`) it appends one itself, or a term with only reads would
        // never serve any.
        let term = self.persistent.current_term;
        if read_index.is_none() && self.last_log_term() != term {
            self.persistent.log.push(Entry::new(term, Command::Noop, 0));
        }
        self.start_round(out);
        let round = self.read_round;
        out.event(Event::Client { request, outcome: ClientOutcome::Confirming { round } });
        self.pending_reads.push(PendingRead { request, key, round, read_index });
        // A leader that is the only voter commits the no-op it just appended on its own:
        // no follower's reply will come to prompt it.
        self.advance_commit_index(out);
        self.serve_ready_reads(out);
    }

    fn answer_read(&self, request: u64, key: &str, out: &mut RaftOut) {
        let value = self.kv.get(key).map(|v| v.to_string());
        out.event(Event::Client { request, outcome: ClientOutcome::Read { value } });
    }

    /// Whether an entry of this leader's term has committed: until one has, entries an
    /// earlier leader committed may not be known to it as committed (§6.4, step 1).
    pub(super) fn own_term_committed(&self) -> bool {
        self.term_at(self.commit_index) == Some(self.persistent.current_term)
    }

    /// Sends a heartbeat round that a read (or, with leases, the lease) waits on.
    pub(super) fn start_round(&mut self, out: &mut RaftOut) {
        self.read_round += 1;
        self.acked_round[self.id.index()] = self.read_round;
        if self.config.read_mode == ReadMode::Lease {
            self.round_sent.push((self.read_round, out.now()));
        }
        for peer in self.replicas() {
            self.send_append_entries(peer, out);
        }
    }

    /// A follower answered an AppendEntries of this term carrying `round`.
    pub(super) fn on_round_answer(&mut self, from: NodeId, round: u64, out: &mut RaftOut) {
        if round <= self.acked_round[from.index()] {
            return;
        }
        self.acked_round[from.index()] = round;
        let confirmed = self.confirmed_round();
        let done = self.round_sent.iter().take_while(|&&(r, _)| r <= confirmed).count();
        if let Some(&(_, at)) = done.checked_sub(1).and_then(|last| self.round_sent.get(last)) {
            self.lease_until = self.lease_until.max(at + self.config.election_timeout.0);
        }
        self.round_sent.drain(..done);
        self.serve_ready_reads(out);
    }

    /// The latest round a majority of voters (the leader included, if it votes) has
    /// answered. (Counting, not sorting: clusters are small, and a sort costs the page more
    /// code than this whole file.)
    fn confirmed_round(&self) -> u64 {
        let reached = |round: u64| self.quorum(|p| self.acked_round[p.index()] >= round);
        self.acked_round.iter().copied().filter(|&r| reached(r)).max().unwrap_or(0)
    }

    /// Answers every read whose round is confirmed and whose read index is applied; called
    /// when a round is confirmed and when an entry of the term commits.
    pub(super) fn serve_ready_reads(&mut self, out: &mut RaftOut) {
        if self.pending_reads.is_empty() {
            return;
        }
        if self.own_term_committed() {
            for read in self.pending_reads.iter_mut().filter(|r| r.read_index.is_none()) {
                read.read_index = Some(self.commit_index);
            }
        }
        let confirmed = self.confirmed_round();
        let applied = self.last_applied;
        let mut i = 0;
        while i < self.pending_reads.len() {
            let read = &self.pending_reads[i];
            if read.round <= confirmed && read.read_index.is_some_and(|index| index <= applied) {
                let read = self.pending_reads.remove(i);
                self.answer_read(read.request, &read.key, out);
            } else {
                i += 1;
            }
        }
    }

    /// A leader that stops leading answers its waiting reads with a refusal (a read that
    /// was never answered changed nothing, so the client may simply retry) and drops its
    /// lease.
    pub(super) fn drop_reads(&mut self, out: &mut RaftOut) {
        for read in std::mem::take(&mut self.pending_reads) {
            let outcome = ClientOutcome::Rejected { reason: RejectReason::NotLeader };
            out.event(Event::Client { request: read.request, outcome });
        }
        self.round_sent.clear();
        self.lease_until = 0;
    }

    /// A new leader starts with no round answered and no lease.
    pub(super) fn reset_reads(&mut self) {
        self.acked_round.iter_mut().for_each(|r| *r = 0);
        self.round_sent.clear();
        self.lease_until = 0;
        self.handed_over = false;
    }

    /// With lease reads, a server that heard from a leader less than a minimum election
    /// timeout ago ignores a vote request (unless the leader itself asked for the election
    /// with TimeoutNow): that leader may be answering reads on its lease.
    pub(super) fn refuses_vote_under_lease(&self, transfer: bool, now: Time) -> bool {
        self.config.read_mode == ReadMode::Lease
            && !transfer
            && self.role != Role::Leader
            && self.leader_heard_at.is_some_and(|at| now < at + self.config.election_timeout.0)
    }
}
