//! Log compaction (§7 of the paper): a server replaces its applied entries with a snapshot
//! of its state machine, and a leader sends that snapshot to a follower that needs entries
//! it no longer has (InstallSnapshot, Figure 13).
//!
//! Built without the `raft-snapshots` feature (the Tasks page), InstallSnapshot does not exist
//! and a server never compacts, whatever its configuration says.

#[cfg(feature = "raft-snapshots")]
use super::messages::{Message, Snapshot};
use super::state::RaftOut;
#[cfg(feature = "raft-snapshots")]
use super::view::Event;
use super::RaftNode;
#[cfg(feature = "raft-snapshots")]
use crate::sim::NodeId;

#[cfg(feature = "raft-snapshots")]
impl RaftNode {
    /// Replaces the applied entries with a snapshot of the state machine (§7) once enough
    /// have gathered since the last one. Servers compact in the background, so this runs as
    /// a server's next step begins, never in the step that applied the entries (which also
    /// lets the checkers see every entry before it is compacted).
    pub(super) fn compact_if_due(&mut self, out: &mut RaftOut) {
        let threshold = self.config.snapshot_threshold as u64;
        if threshold == 0 || self.last_applied - self.persistent.snapshot.last_index < threshold {
            return;
        }
        let last_index = self.last_applied;
        let last_term = self.term_at(last_index).unwrap_or(0);
        let applied = (last_index - self.persistent.snapshot.last_index) as usize;
        self.persistent.log.drain(..applied);
        let membership = self.compact_memberships(last_index);
        self.persistent.snapshot = Snapshot {
            last_index,
            last_term,
            kv: self.kv.clone(),
            applied_requests: self.applied_requests.clone(),
            membership,
        };
        out.event(Event::Compacted { last_index });
    }

    /// The entry before `peer`'s nextIndex is compacted away: it gets the snapshot.
    pub(super) fn send_snapshot(&mut self, peer: NodeId, out: &mut RaftOut) {
        let snapshot = self.persistent.snapshot.clone();
        let (term, read_round) = (self.persistent.current_term, self.read_round);
        out.send(peer, Message::InstallSnapshot { term, snapshot, read_round });
    }

    /// InstallSnapshot's receiver (Figure 13): a snapshot past what this server has
    /// committed replaces its state machine; the log after the snapshot stays if it matches
    /// there, else it goes.
    pub(super) fn on_install_snapshot(
        &mut self,
        leader: NodeId,
        term: u64,
        snapshot: Snapshot,
        read_round: u64,
        out: &mut RaftOut,
    ) {
        let current = self.persistent.current_term;
        let last_index = snapshot.last_index;
        let reply = Message::InstallSnapshotReply { term: current, last_index, read_round };
        if term < current {
            // Nothing was installed, so the reply claims no index: its sender may have won
            // this server's term since, and would count a claimed index as replicated (the
            // follower then refused every AppendEntries that came after).
            let refusal =
                Message::InstallSnapshotReply { term: current, last_index: 0, read_round };
            return out.send(leader, refusal);
        }
        self.follow(leader, out);
        if last_index > self.commit_index {
            let base = self.persistent.snapshot.last_index;
            if self.term_at(last_index) == Some(snapshot.last_term) {
                self.persistent.log.drain(..(last_index - base) as usize);
            } else {
                self.persistent.log.clear();
            }
            self.kv = snapshot.kv.clone();
            self.applied_requests = snapshot.applied_requests.clone();
            self.commit_index = last_index;
            self.last_applied = last_index;
            self.persistent.snapshot = snapshot;
            self.load_memberships();
            out.event(Event::SnapshotInstalled { leader, last_index });
        }
        out.send(leader, reply);
    }
}

#[cfg(not(feature = "raft-snapshots"))]
impl RaftNode {
    pub(super) fn compact_if_due(&mut self, _out: &mut RaftOut) {}

    /// Never called: nothing is compacted, so every index has a term.
    pub(super) fn send_snapshot(&mut self, _peer: crate::sim::NodeId, _out: &mut RaftOut) {}
}
