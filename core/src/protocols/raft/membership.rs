//! Membership changes, one server at a time (dissertation chapter 4). A configuration is a log
//! entry, in force on a server from the moment it is in its log, committed or not. A leader
//! appends a change only once the previous one has committed and an entry of its own term
//! has: without the second rule an earlier leader's uncommitted change and the new one can
//! each gather a majority the other lacks. A server joins as a learner and becomes a voter
//! once it has caught up, so adding it never stalls commits while it copies the log.
//!
//! Built without the `raft-membership` feature (the Tasks page), every server votes for the
//! whole run: the fallbacks at the end count the whole cluster.

use super::messages::Membership;
#[cfg(feature = "raft-membership")]
use super::messages::{Command, Entry};
use super::state::RaftOut;
#[cfg(feature = "raft-membership")]
use super::state::Role;
#[cfg(feature = "raft-membership")]
use super::view::{ConfigRefusal, Event};
use super::RaftNode;
use crate::sim::{MemberChange, NodeId};

#[cfg(feature = "raft-membership")]
impl RaftNode {
    /// The configuration in force on this server: the last one in its log.
    pub fn membership(&self) -> Membership {
        self.memberships.last().map_or_else(
            || self.config.initial_membership(self.cluster_size),
            |&(_, membership)| membership,
        )
    }

    /// Fills `memberships` from the snapshot and the log (at boot, restart and install).
    pub(super) fn with_memberships(mut self) -> Self {
        self.load_memberships();
        self
    }

    pub(super) fn load_memberships(&mut self) {
        let snapshot = &self.persistent.snapshot;
        let base = snapshot
            .membership
            .unwrap_or_else(|| self.config.initial_membership(self.cluster_size));
        self.memberships = vec![(snapshot.last_index, base)];
        self.log_changed(snapshot.last_index + 1);
    }

    /// The entries from `index` on are new (appended, or replacing truncated ones): drop
    /// the configurations that went with the old ones and take up any the new ones hold.
    pub(super) fn log_changed(&mut self, index: u64) {
        let keep = self.memberships.iter().take_while(|(at, _)| *at < index).count().max(1);
        self.memberships.truncate(keep);
        let base = self.compacted_to();
        let from = index.saturating_sub(base + 1) as usize;
        for (offset, entry) in self.persistent.log.iter().enumerate().skip(from) {
            if let Some(membership) = entry.membership {
                self.memberships.push((base + offset as u64 + 1, membership));
            }
        }
    }

    /// After compaction to `last_index`: the configuration as of it becomes the snapshot's.
    pub(super) fn compact_memberships(&mut self, last_index: u64) -> Option<Membership> {
        let covered = self.memberships.iter().take_while(|(at, _)| *at <= last_index).count();
        self.memberships.drain(..covered.saturating_sub(1));
        // The starting configuration is left out, so snapshots of runs that never change
        // it look as they did before membership changes existed.
        let initial = self.config.initial_membership(self.cluster_size);
        self.memberships.first().map(|&(_, membership)| membership).filter(|m| *m != initial)
    }

    pub(super) fn is_voter(&self, id: NodeId) -> bool {
        self.membership().voters.contains(id)
    }

    /// Whether the configuration in force has not committed (as far as this server knows).
    pub(super) fn change_uncommitted(&self) -> bool {
        self.memberships.last().is_some_and(|&(at, _)| at > self.commit_index)
    }

    /// Whether the servers `has` picks form a majority of the voters in force.
    pub(super) fn quorum(&self, has: impl Fn(NodeId) -> bool) -> bool {
        self.membership().quorum(has)
    }

    /// A voter campaigns; so does a server that voted in the configuration before an
    /// uncommitted one that leaves it out. Its log may be the only one holding that change
    /// (a leader that removed itself and crashed), and the voters who lack it cannot win
    /// without its vote; once elected it counts only the new voters, commits the change and
    /// steps down.
    pub(super) fn may_campaign(&self) -> bool {
        let n = self.memberships.len();
        let (at, current) = self.memberships[n - 1];
        let voted_before = n > 1 && self.memberships[n - 2].1.voters.contains(self.id);
        current.voters.contains(self.id) || (at > self.commit_index && voted_before)
    }

    /// The other voters: who a candidate asks for votes.
    pub(super) fn other_voters(&self) -> Vec<NodeId> {
        let me = self.id;
        self.membership().voters.iter().filter(|&p| p != me).collect()
    }

    /// Who the leader replicates to: the members in force and, until that configuration
    /// commits, the members of the one before, so a server being removed still learns of
    /// its removal and stays quiet.
    pub(super) fn replicas(&self) -> Vec<NodeId> {
        let &(at, current) = self.memberships.last().expect("a configuration is always known");
        let mut members = current.voters.with_all(current.learners);
        if at > self.commit_index && self.memberships.len() > 1 {
            let (_, previous) = self.memberships[self.memberships.len() - 2];
            members = members.with_all(previous.voters).with_all(previous.learners);
        }
        members.without(self.id).iter().filter(|p| p.index() < self.cluster_size).collect()
    }

    /// A leader asked to change the configuration: refuse what would be unsafe or
    /// meaningless, else append the change (a new server first as a learner).
    pub(super) fn change_membership(
        &mut self,
        change: MemberChange,
        node: NodeId,
        out: &mut RaftOut,
    ) {
        let current = self.membership();
        let refusal = if self.role != Role::Leader {
            Some(ConfigRefusal::NotLeader)
        } else if node.index() >= self.cluster_size {
            Some(ConfigRefusal::NoSuchServer)
        } else if self.transfer.is_some() {
            Some(ConfigRefusal::Transferring)
        } else if self.change_uncommitted() {
            Some(ConfigRefusal::ChangePending)
        } else if !self.own_term_committed() && !self.config.bugs.early_config_change {
            Some(ConfigRefusal::TermNotCommitted)
        } else {
            match change {
                MemberChange::AddServer if current.voters.contains(node) => {
                    Some(ConfigRefusal::AlreadyVoter)
                }
                MemberChange::AddLearner if current.is_member(node) => {
                    Some(ConfigRefusal::AlreadyMember)
                }
                MemberChange::RemoveServer if !current.is_member(node) => {
                    Some(ConfigRefusal::NotMember)
                }
                MemberChange::RemoveServer
                    if current.voters.len() == 1 && current.voters.contains(node) =>
                {
                    Some(ConfigRefusal::LastVoter)
                }
                _ => None,
            }
        };
        if let Some(reason) = refusal {
            return out.event(Event::ConfigRefused { change, node, reason });
        }
        match change {
            MemberChange::AddServer => {
                self.promoting = Some(node);
                if current.learners.contains(node) {
                    self.maybe_promote(out);
                } else {
                    let learners = current.learners.with(node);
                    self.append_membership(Membership { learners, ..current }, out);
                }
            }
            MemberChange::AddLearner => {
                let learners = current.learners.with(node);
                self.append_membership(Membership { learners, ..current }, out);
            }
            MemberChange::RemoveServer => {
                if self.promoting == Some(node) {
                    self.promoting = None;
                }
                let next = Membership {
                    voters: current.voters.without(node),
                    learners: current.learners.without(node),
                };
                self.append_membership(next, out);
            }
        }
    }

    fn append_membership(&mut self, membership: Membership, out: &mut RaftOut) {
        let term = self.persistent.current_term;
        let entry = Entry { membership: Some(membership), ..Entry::new(term, Command::Noop, 0) };
        self.persistent.log.push(entry);
        let index = self.last_log_index();
        self.memberships.push((index, membership));
        out.event(Event::ConfigAppended { index, membership });
        for peer in self.replicas() {
            if !self.awaiting_reply[peer.index()] {
                self.send_append_entries(peer, out);
            }
        }
        self.advance_commit_index(out);
    }

    /// A learner being added becomes a voter once the configuration that made it a learner
    /// has committed and its log holds everything committed.
    pub(super) fn maybe_promote(&mut self, out: &mut RaftOut) {
        let Some(node) = self.promoting else { return };
        let Some(&(at, current)) = self.memberships.last() else { return };
        if self.role != Role::Leader || !current.learners.contains(node) {
            self.promoting = None;
            return;
        }
        if at > self.commit_index || self.match_index[node.index()] < self.commit_index {
            return;
        }
        self.promoting = None;
        let next = Membership {
            voters: current.voters.with(node),
            learners: current.learners.without(node),
        };
        self.append_membership(next, out);
    }

    /// A leader that is not a voter of the configuration that just committed steps down
    /// (§4.2.2): it led only to commit its own removal.
    pub(super) fn after_commit(&mut self, out: &mut RaftOut) {
        let Some(&(at, current)) = self.memberships.last() else { return };
        if self.role == Role::Leader && at <= self.commit_index && !current.voters.contains(self.id)
        {
            // One last round tells the followers the change committed, so the new voters
            // need not wait for a leader of their own to learn it.
            self.broadcast_append_entries(out);
            out.event(Event::LeftConfiguration { term: self.persistent.current_term });
            self.resign(out);
            return;
        }
        self.maybe_promote(out);
    }
}

#[cfg(not(feature = "raft-membership"))]
impl RaftNode {
    pub fn membership(&self) -> Membership {
        let voters = super::messages::Servers::first(self.cluster_size);
        Membership { voters, learners: Default::default() }
    }

    pub(super) fn with_memberships(self) -> Self {
        self
    }

    // Called by compaction and InstallSnapshot, when those are built in.
    #[cfg_attr(not(feature = "raft-snapshots"), allow(dead_code))]
    pub(super) fn load_memberships(&mut self) {}

    pub(super) fn log_changed(&mut self, _index: u64) {}

    #[cfg_attr(not(feature = "raft-snapshots"), allow(dead_code))]
    pub(super) fn compact_memberships(&mut self, _last_index: u64) -> Option<Membership> {
        None
    }

    pub(super) fn is_voter(&self, _id: NodeId) -> bool {
        true
    }

    pub(super) fn may_campaign(&self) -> bool {
        true
    }

    pub(super) fn change_uncommitted(&self) -> bool {
        false
    }

    pub(super) fn quorum(&self, has: impl Fn(NodeId) -> bool) -> bool {
        NodeId::all(self.cluster_size).filter(|&id| has(id)).count() > self.cluster_size / 2
    }

    pub(super) fn other_voters(&self) -> Vec<NodeId> {
        self.peers().collect()
    }

    pub(super) fn replicas(&self) -> Vec<NodeId> {
        self.peers().collect()
    }

    pub(super) fn change_membership(&mut self, _: MemberChange, _: NodeId, _: &mut RaftOut) {}

    pub(super) fn after_commit(&mut self, _out: &mut RaftOut) {}

    pub(super) fn maybe_promote(&mut self, _out: &mut RaftOut) {}
}
