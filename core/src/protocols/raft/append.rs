//! AppendEntries' receiver (Figure 2): the consistency check, conflicting entries removed,
//! new ones appended, the leader's commit index followed. A follower that has compacted skips
//! what its snapshot covers.

use super::messages::{Entry, Message};
use super::state::{RaftOut, ReadMode, Role, Timer};
use super::view::Event;
use super::RaftNode;
use crate::sim::NodeId;

impl RaftNode {
    pub(super) fn on_append_entries(
        &mut self,
        leader: NodeId,
        request: AppendRequest,
        entries: Vec<Entry>,
        out: &mut RaftOut,
    ) {
        let current = self.persistent.current_term;
        let read_round = request.read_round;
        let reply =
            |success, match_index, conflict_index, conflict_term| Message::AppendEntriesReply {
                term: current,
                success,
                match_index,
                conflict_index,
                conflict_term,
                read_round,
            };
        // 1. Reply false if term < currentTerm.
        if request.term < current {
            out.send(leader, reply(false, 0, 0, None));
            return;
        }
        self.follow(leader, out);

        // Entries up to the snapshot are committed, so they match the leader's (it holds
        // every committed entry): skip them.
        let base = self.compacted_to();
        let (mut prev, mut prev_term) = (request.prev_log_index, request.prev_log_term);
        let mut entries = entries;
        if prev < base {
            let compacted = (base - prev) as usize;
            if entries.len() <= compacted {
                out.send(leader, reply(true, base, 0, None));
                return;
            }
            prev_term = entries[compacted - 1].term;
            entries.drain(..compacted);
            prev = base;
        }

        // 2. Reply false if the log doesn't contain an entry at prevLogIndex whose term
        // matches prevLogTerm.
        match self.term_at(prev) {
            None => {
                let conflict_index = self.last_log_index() + 1;
                out.event(Event::AppendRejected { leader, prev_log_index: prev });
                out.send(leader, reply(false, 0, conflict_index, None));
                return;
            }
            Some(term) if term != prev_term => {
                let first = self.persistent.log.iter().position(|e| e.term == term);
                let conflict_index = first.map_or(prev, |p| base + p as u64 + 1);
                out.event(Event::AppendRejected { leader, prev_log_index: prev });
                out.send(leader, reply(false, 0, conflict_index, Some(term)));
                return;
            }
            Some(_) => {}
        }

        // 3. If an existing entry conflicts with a new one (same index, different terms),
        // delete the existing entry and all that follow it. 4. Append any new entries not
        // already in the log. Entries that already match stay: a late, shorter
        // AppendEntries must not cut off what a newer one appended.
        let match_index = prev + entries.len() as u64;
        let mut changed_from = None;
        for (offset, entry) in entries.into_iter().enumerate() {
            let index = prev + 1 + offset as u64;
            match self.term_at(index) {
                Some(term) if term == entry.term => continue,
                Some(_) => {
                    self.persistent.log.truncate((index - base) as usize - 1);
                    out.event(Event::Truncated { from_index: index });
                }
                None => {}
            }
            changed_from.get_or_insert(index);
            self.persistent.log.push(entry);
        }
        if let Some(index) = changed_from {
            self.log_changed(index);
        }

        // 5. If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of last
        // new entry).
        let new_commit = request.leader_commit.min(match_index);
        if new_commit > self.commit_index {
            self.commit_index = new_commit;
            out.event(Event::Commit { commit_index: new_commit });
            self.apply_committed(out);
        }
        out.send(leader, reply(true, match_index, 0, None));
    }

    /// A current-term message from `leader` means it won this term: a candidate returns to
    /// follower, and the election timer starts over.
    pub(super) fn follow(&mut self, leader: NodeId, out: &mut RaftOut) {
        if self.role != Role::Follower {
            self.role = Role::Follower;
            out.cancel_timer(Timer::Heartbeat);
            let term = self.persistent.current_term;
            out.event(Event::Role { role: Role::Follower, term });
        }
        self.leader_id = Some(leader);
        self.leader_contact = true;
        if self.config.read_mode == ReadMode::Lease {
            self.leader_heard_at = Some(out.now());
        }
        self.pre_votes = None;
        self.reset_election_timer(out);
    }
}

/// AppendEntries' scalar arguments, kept together so the handler's signature stays readable.
pub(super) struct AppendRequest {
    pub term: u64,
    pub prev_log_index: u64,
    pub prev_log_term: u64,
    pub leader_commit: u64,
    pub read_round: u64,
}
