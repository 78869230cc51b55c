//! Pre-vote (dissertation §9.6) and check-quorum (§6.2): the two additions that keep a
//! cluster stable when a server is cut off. A server that rejoins asks whether it could win
//! before it raises its term; a leader that hears from no majority steps down.

use super::messages::Message;
use super::state::{Role, Timer};
use super::view::Event;
use super::RaftNode;
use crate::sim::{Delay, NodeId, Out};

type RaftOut = Out<RaftNode>;

impl RaftNode {
    /// Pre-vote: ask every server whether it would vote for this server in the next term,
    /// changing nothing; the election starts once a majority says yes.
    pub(super) fn start_pre_vote(&mut self, out: &mut RaftOut) {
        let mut answers = vec![None; self.cluster_size];
        answers[self.id.index()] = Some(true);
        self.pre_votes = Some(answers);
        let term = self.persistent.current_term + 1;
        out.event(Event::PreVote { term });
        self.reset_election_timer(out);
        let me = self.id;
        if self.quorum(|p| p == me) {
            return self.start_election(false, out);
        }
        let (last_log_index, last_log_term) = (self.last_log_index(), self.last_log_term());
        for peer in self.other_voters() {
            out.send(peer, Message::PreVote { term, last_log_index, last_log_term });
        }
    }

    pub(super) fn on_pre_vote(
        &mut self,
        from: NodeId,
        term: u64,
        last_log_index: u64,
        last_log_term: u64,
        out: &mut RaftOut,
    ) {
        // Yes only to a later term, from a log at least as up to date, and only if no leader
        // has been heard from for an election timeout (a leader says no for itself).
        let granted = term > self.persistent.current_term
            && !self.leader_contact
            && self.role != Role::Leader
            && self.candidate_up_to_date(last_log_index, last_log_term);
        let reply = Message::PreVoteReply {
            term: self.persistent.current_term,
            granted,
            request_term: term,
        };
        out.send(from, reply);
    }

    pub(super) fn on_pre_vote_reply(
        &mut self,
        from: NodeId,
        granted: bool,
        request_term: u64,
        out: &mut RaftOut,
    ) {
        let next = self.persistent.current_term + 1;
        let Some(answers) = self.pre_votes.as_mut() else { return };
        if request_term != next {
            return;
        }
        if answers[from.index()] != Some(true) {
            answers[from.index()] = Some(granted);
        }
        let said_yes =
            |p: NodeId| self.pre_votes.as_ref().is_some_and(|a| a[p.index()] == Some(true));
        if self.quorum(said_yes) {
            self.start_election(false, out);
        }
    }

    /// Check-quorum: a leader that heard from fewer than a majority since the last check
    /// steps down (in the same term), so a leader cut off from the cluster stops leading.
    pub(super) fn check_quorum(&mut self, out: &mut RaftOut) {
        let me = self.id;
        if !self.quorum(|p| p == me || self.heard_from[p.index()]) {
            let heard = self.heard_from.iter().filter(|h| **h).count() + 1;
            let term = self.persistent.current_term;
            out.event(Event::QuorumLost { heard, term });
            return self.resign(out);
        }
        self.heard_from.iter_mut().for_each(|h| *h = false);
        self.arm_check_quorum(out);
    }

    /// A leader stops leading in its own term (check-quorum, or its removal committed):
    /// it becomes a follower that waits for an election timeout like any other.
    pub(super) fn resign(&mut self, out: &mut RaftOut) {
        self.role = Role::Follower;
        self.leader_id = None;
        self.promoting = None;
        out.cancel_timer(Timer::Heartbeat);
        out.cancel_timer(Timer::CheckQuorum);
        self.reset_election_timer(out);
        self.abandon_waiting_clients(out);
        self.drop_reads(out);
        let term = self.persistent.current_term;
        out.event(Event::Role { role: Role::Follower, term });
    }

    pub(super) fn arm_check_quorum(&mut self, out: &mut RaftOut) {
        if self.config.check_quorum {
            out.set_timer(Timer::CheckQuorum, Delay::exactly(self.config.election_timeout.1));
        }
    }
}
