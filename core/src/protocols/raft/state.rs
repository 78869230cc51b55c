//! A Raft server's state, split as Figure 2 splits it: persistent state (survives a crash)
//! and volatile state (rebuilt after a restart), plus configuration and bug toggles.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::messages::{Entry, Membership, Servers, Snapshot};
use crate::sim::{NodeId, Out, Time, MILLI};

/// Persistent state on all servers: updated on stable storage before responding to RPCs.
#[derive(Clone, Debug, Default, PartialEq, Hash)]
pub struct Persistent {
    pub current_term: u64,
    pub voted_for: Option<NodeId>,
    /// The entries after the snapshot: `log[i - 1]` is the entry at index
    /// `snapshot.last_index + i` (Raft indexes from 1).
    pub log: Vec<Entry>,
    /// What the compacted prefix of the log amounts to (empty until the first compaction).
    pub snapshot: Snapshot,
}

impl Persistent {
    /// The index of the last entry, compacted or not.
    pub fn last_index(&self) -> u64 {
        self.snapshot.last_index + self.log.len() as u64
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Follower,
    Candidate,
    Leader,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timer {
    Election,
    /// The leader's heartbeat; a candidate uses it to retry unanswered vote requests.
    Heartbeat,
    /// Check-quorum: a leader that has not heard from a majority within an election timeout
    /// steps down.
    CheckQuorum,
    /// A leadership transfer that has not finished within an election timeout is abandoned,
    /// and the leader takes client requests again.
    Transfer,
}

/// Deliberately wrong variants, off by default. Each one breaks a safety property that the
/// checkers and the randomized tester must catch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bugs {
    /// Commit an entry from an earlier term by counting replicas (the Figure 8 bug).
    pub figure8_commit: bool,
    /// Lose `votedFor` on restart, so a server can vote twice in one term.
    pub forget_voted_for: bool,
    /// Grant votes without checking that the candidate's log is at least as up-to-date.
    pub skip_log_check: bool,
    /// Take a refusal of an earlier term's vote request as the answer to the current one,
    /// overwriting a vote that was granted.
    pub stale_vote_reply: bool,
    /// Answer reads from the leader's own state machine at once, with neither a ReadIndex
    /// round nor a lease: a leader cut off and replaced returns stale values.
    #[serde(default)]
    pub local_reads: bool,
    /// A new leader changes the configuration before an entry of its own term has
    /// committed: with an earlier leader's uncommitted change in some logs, two
    /// configurations without a common majority can then both commit (the single-server
    /// change bug, raft-dev 2015): breaks state machine safety.
    #[serde(default)]
    pub early_config_change: bool,
}

impl Bugs {
    pub const NAMES: [&'static str; 6] = [
        "figure8_commit",
        "forget_voted_for",
        "skip_log_check",
        "stale_vote_reply",
        "local_reads",
        "early_config_change",
    ];
    /// What each bug does and which property it breaks, in `NAMES`' order.
    pub const WHAT: [&'static str; 6] = [
        "A leader commits an entry of an earlier term by counting replicas (the paper's \
         Figure 8), so a committed entry can be overwritten: breaks state machine safety.",
        "A server forgets its vote when it restarts and can vote twice in one term, so a term \
         can have two leaders: breaks election safety.",
        "Votes are granted without checking that the candidate's log is up to date, so a \
         leader can lack committed entries: breaks leader completeness.",
        "A candidate takes a refusal of its earlier term's request as a server's answer in \
         the current term and forgets the vote that server granted, so it can hold a \
         majority and stay candidate: breaks vote counting.",
        "A leader answers reads from its own state at once, without confirming it still \
         leads, so a leader that was cut off and replaced returns stale values: breaks \
         linearizability.",
        "A new leader changes the configuration before an entry of its own term commits, so \
         an earlier leader's uncommitted change and the new one can both gather a majority \
         that the other lacks: breaks state machine safety.",
    ];

    pub fn enable(&mut self, name: &str) -> Result<(), String> {
        match name {
            "figure8_commit" => self.figure8_commit = true,
            "forget_voted_for" => self.forget_voted_for = true,
            "skip_log_check" => self.skip_log_check = true,
            "stale_vote_reply" => self.stale_vote_reply = true,
            "local_reads" => self.local_reads = true,
            "early_config_change" => self.early_config_change = true,
            other => {
                return Err(format!(
                    "unknown Raft bug `{other}`; known: {}",
                    Bugs::NAMES.join(", ")
                ))
            }
        }
        Ok(())
    }

    pub fn enabled(&self) -> Vec<&'static str> {
        let flags = [
            self.figure8_commit,
            self.forget_voted_for,
            self.skip_log_check,
            self.stale_vote_reply,
            self.local_reads,
            self.early_config_change,
        ];
        Bugs::NAMES.iter().zip(flags).filter(|(_, on)| *on).map(|(name, _)| *name).collect()
    }
}

/// How a leader answers a read without writing it to the log (dissertation §6.4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadMode {
    /// Note the commit index, confirm leadership with a round of heartbeats a majority
    /// answers, then answer from the state machine at that index.
    #[default]
    ReadIndex,
    /// Answer at once while a lease holds: a majority acknowledged a heartbeat round less
    /// than the minimum election timeout ago, and servers that heard from a leader that
    /// recently refuse to vote. Safe only while clocks run at the same rate.
    Lease,
}

impl ReadMode {
    pub const NAMES: [&'static str; 2] = ["read_index", "lease"];

    pub fn parse(text: &str) -> Result<ReadMode, String> {
        match text {
            "read_index" => Ok(ReadMode::ReadIndex),
            "lease" => Ok(ReadMode::Lease),
            other => Err(format!("unknown read mode `{other}`; known: read_index, lease")),
        }
    }
}

/// No run gets near this many entries between compactions; a larger threshold is a typo.
pub const MAX_SNAPSHOT_THRESHOLD: usize = 1_000_000;

#[derive(Clone, Debug, PartialEq, Hash, Serialize, Deserialize)]
pub struct RaftConfig {
    /// Each election timeout is drawn uniformly from this range (§5.2: 150–300 ms).
    pub election_timeout: (Time, Time),
    pub heartbeat_interval: Time,
    /// At most this many entries ride in one AppendEntries.
    pub max_entries_per_message: usize,
    /// A new leader appends a no-op so entries from earlier terms commit promptly (§8).
    pub leader_noop: bool,
    /// Pre-vote (dissertation §9.6): before campaigning, a server asks whether it could win
    /// without raising its term, and others say yes only if they have not heard from a leader
    /// for an election timeout. A server cut off and rejoining then cannot force an election.
    #[serde(default)]
    pub pre_vote: bool,
    /// Check-quorum (§6.2): a leader that has not heard from a majority for an election
    /// timeout steps down, so a leader cut off from the cluster stops acting as one.
    #[serde(default)]
    pub check_quorum: bool,
    #[serde(default)]
    pub read_mode: ReadMode,
    /// Once this many applied entries follow the snapshot, a server compacts them into a
    /// new one; a follower whose next entry was compacted away gets InstallSnapshot.
    /// 0 never compacts.
    #[serde(default)]
    pub snapshot_threshold: usize,
    /// The cluster starts with servers S1..S`voters` as its voters; the rest stand outside
    /// until a leader adds them. 0: every server votes.
    #[serde(default)]
    pub voters: usize,
    pub bugs: Bugs,
}

impl Default for RaftConfig {
    fn default() -> Self {
        RaftConfig {
            election_timeout: (150 * MILLI, 300 * MILLI),
            heartbeat_interval: 50 * MILLI,
            max_entries_per_message: 64,
            leader_noop: true,
            pre_vote: false,
            check_quorum: false,
            read_mode: ReadMode::ReadIndex,
            snapshot_threshold: 0,
            voters: 0,
            bugs: Bugs::default(),
        }
    }
}

impl RaftConfig {
    /// The configuration the randomized tester uses for `seed`: the given bugs, with the
    /// leader's no-op on for half the seeds (it commits a current-term entry alongside older
    /// ones, which both speeds recovery and hides the Figure 8 bug, so both settings need
    /// covering), and pre-vote, check-quorum, lease reads and snapshots every few entries
    /// each on for half, in every combination; on a quarter of the seeds only three servers
    /// start as voters, on another only four (the others wait to be added; from four voters,
    /// one addition and one removal can yield two majorities that do not overlap).
    pub fn for_fuzz_seed(seed: u64, bugs: Bugs) -> RaftConfig {
        RaftConfig {
            leader_noop: seed % 4 < 2,
            pre_vote: seed / 4 % 2 == 1,
            check_quorum: seed / 8 % 2 == 1,
            read_mode: if seed / 16 % 2 == 1 { ReadMode::Lease } else { ReadMode::ReadIndex },
            snapshot_threshold: if seed / 32 % 2 == 1 { 4 } else { 0 },
            voters: match seed / 64 % 4 {
                1 => 3,
                2 => 4,
                _ => 0,
            },
            bugs,
            ..RaftConfig::default()
        }
    }

    pub fn validate(&self) -> Result<(), String> {
        let (min, max) = self.election_timeout;
        if min == 0 || min > max {
            return Err("election_timeout must be a non-empty range above zero".into());
        }
        if self.heartbeat_interval == 0 || self.heartbeat_interval >= min {
            return Err("heartbeat must be above zero and shorter than the election timeout".into());
        }
        if self.max_entries_per_message == 0 {
            return Err("max_entries_per_message must be at least 1".into());
        }
        if self.snapshot_threshold > MAX_SNAPSHOT_THRESHOLD {
            return Err(format!(
                "snapshot_threshold must be at most {MAX_SNAPSHOT_THRESHOLD} (0 never compacts)"
            ));
        }
        Ok(())
    }

    /// The configuration every server starts with: the first `voters` servers vote.
    pub fn initial_membership(&self, cluster_size: usize) -> Membership {
        let voters = if self.voters == 0 { cluster_size } else { self.voters.min(cluster_size) };
        Membership { voters: Servers::first(voters), learners: Servers::default() }
    }
}

/// A read the leader has not answered yet.
#[derive(Clone, Debug, Hash)]
pub(super) struct PendingRead {
    pub request: u64,
    pub key: Arc<str>,
    /// The heartbeat round a majority must answer before the read is served.
    pub round: u64,
    /// The commit index to serve at; `None` until an entry of the leader's term commits.
    pub read_index: Option<u64>,
}

/// Where a server's handlers write what they send, set and report.
pub(super) type RaftOut = Out<RaftNode>;

/// One Raft server.
#[derive(Clone, Debug, Hash)]
pub struct RaftNode {
    pub(super) id: NodeId,
    pub(super) cluster_size: usize,
    pub(super) config: RaftConfig,
    pub(super) persistent: Persistent,
    // Volatile state on all servers.
    pub(super) role: Role,
    pub(super) commit_index: u64,
    pub(super) last_applied: u64,
    /// The leader of the current term, once known (for forwarding client requests).
    pub(super) leader_id: Option<NodeId>,
    // Volatile state on candidates: each server's answer to this term's RequestVote, if any.
    pub(super) votes: Vec<Option<bool>>,
    /// Each server whose vote for this term has reached this candidate: what the candidate
    /// holds, whatever its count says (the vote-counting checker compares the two).
    pub(super) granted: Vec<bool>,
    /// Pre-vote: while a server asks whether it could win the next term, each server's
    /// answer (its own is yes).
    pub(super) pre_votes: Option<Vec<Option<bool>>>,
    /// Whether a leader of the current term has been heard from since this server's last
    /// election timeout (pre-vote is refused while it has).
    pub(super) leader_contact: bool,
    /// Check-quorum: the followers a leader has heard from since its last check.
    pub(super) heard_from: Vec<bool>,
    // Volatile state on leaders, reinitialized after election.
    pub(super) next_index: Vec<u64>,
    pub(super) match_index: Vec<u64>,
    /// An AppendEntries to this follower is unanswered. New entries then wait for its reply
    /// (or the next heartbeat) instead of each sending another message: without this flow
    /// control every client request added one message per follower that never drained.
    pub(super) awaiting_reply: Vec<bool>,
    /// Leader: the server it is handing leadership to, and whether TimeoutNow has been sent.
    pub(super) transfer: Option<(NodeId, bool)>,
    /// Client requests waiting for their entry to commit, by log index.
    pub(super) waiting_clients: BTreeMap<u64, u64>,
    /// Leader: reads waiting for their round to be confirmed (and, early in a term, for an
    /// entry of the term to commit).
    pub(super) pending_reads: Vec<PendingRead>,
    /// Leader: the latest heartbeat round, and the latest round each server has answered.
    pub(super) read_round: u64,
    pub(super) acked_round: Vec<u64>,
    /// Leader with lease reads: when each unconfirmed round was sent.
    pub(super) round_sent: Vec<(u64, Time)>,
    /// Leader with lease reads: reads may be answered locally until this time.
    pub(super) lease_until: Time,
    /// Leader: a TimeoutNow went out this term, so another server may lead before any
    /// lease ends; lease reads stop for the rest of the term.
    pub(super) handed_over: bool,
    /// With lease reads: the last time this server heard from a leader (or restarted);
    /// it refuses votes for a minimum election timeout after it.
    pub(super) leader_heard_at: Option<Time>,
    /// Candidate: campaigning because the leader sent TimeoutNow.
    pub(super) campaign_for_transfer: bool,
    /// Client requests already applied: a duplicated request appended twice applies once.
    pub(super) applied_requests: BTreeSet<u64>,
    /// The key-value state machine the log is applied to.
    pub(super) kv: BTreeMap<Arc<str>, Arc<str>>,
    /// The configurations in the log, oldest first, each with the index of its entry: the
    /// first is the snapshot's (or the starting one, at index 0), the last is the one in
    /// force. Kept so a truncation can fall back to the one before.
    #[cfg_attr(not(feature = "raft-membership"), allow(dead_code))]
    pub(super) memberships: Vec<(u64, Membership)>,
    /// Leader: a learner to make a voter once it has caught up.
    pub(super) promoting: Option<NodeId>,
}

impl RaftNode {
    pub(super) fn with_persistent(
        id: NodeId,
        cluster_size: usize,
        config: &RaftConfig,
        persistent: Persistent,
    ) -> Self {
        // Only committed entries are compacted, so the snapshot is applied and committed.
        let applied = persistent.snapshot.last_index;
        let kv = persistent.snapshot.kv.clone();
        let applied_requests = persistent.snapshot.applied_requests.clone();
        RaftNode {
            id,
            cluster_size,
            config: config.clone(),
            persistent,
            role: Role::Follower,
            commit_index: applied,
            last_applied: applied,
            leader_id: None,
            votes: vec![None; cluster_size],
            granted: vec![false; cluster_size],
            pre_votes: None,
            leader_contact: false,
            heard_from: vec![false; cluster_size],
            next_index: vec![1; cluster_size],
            match_index: vec![0; cluster_size],
            awaiting_reply: vec![false; cluster_size],
            transfer: None,
            waiting_clients: BTreeMap::new(),
            pending_reads: Vec::new(),
            read_round: 0,
            acked_round: vec![0; cluster_size],
            round_sent: Vec::new(),
            lease_until: 0,
            handed_over: false,
            leader_heard_at: None,
            campaign_for_transfer: false,
            applied_requests,
            kv,
            memberships: Vec::new(),
            promoting: None,
        }
        .with_memberships()
    }

    pub fn id(&self) -> NodeId {
        self.id
    }

    /// Whether this server is asking for pre-votes (it has not raised its term yet).
    pub fn pre_voting(&self) -> bool {
        self.pre_votes.is_some()
    }

    /// The leader this server last heard from in its current term, if any.
    pub fn known_leader(&self) -> Option<NodeId> {
        self.leader_id
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn current_term(&self) -> u64 {
        self.persistent.current_term
    }

    pub fn voted_for(&self) -> Option<NodeId> {
        self.persistent.voted_for
    }

    /// The entries after the snapshot; the first is at index `snapshot().last_index + 1`.
    pub fn log(&self) -> &[Entry] {
        &self.persistent.log
    }

    pub fn snapshot(&self) -> &Snapshot {
        &self.persistent.snapshot
    }

    /// The entry at `index`, unless it is compacted or past the end.
    pub fn entry(&self, index: u64) -> Option<&Entry> {
        let offset = index.checked_sub(self.compacted_to() + 1)?;
        self.persistent.log.get(offset as usize)
    }

    pub fn commit_index(&self) -> u64 {
        self.commit_index
    }

    pub fn last_applied(&self) -> u64 {
        self.last_applied
    }

    pub fn kv(&self) -> &BTreeMap<Arc<str>, Arc<str>> {
        &self.kv
    }

    /// As leader: what it knows of `peer`'s log, (nextIndex, matchIndex), for a member of
    /// its configuration.
    pub fn progress(&self, peer: NodeId) -> Option<(u64, u64)> {
        let known = self.role == Role::Leader
            && peer != self.id
            && peer.index() < self.cluster_size
            && self.membership().is_member(peer);
        known.then(|| (self.next_index[peer.index()], self.match_index[peer.index()]))
    }

    /// The last index the snapshot covers (0 before any compaction). Built without
    /// snapshots nothing is ever compacted, and the constant lets the build drop the offsets.
    pub(super) fn compacted_to(&self) -> u64 {
        if cfg!(feature = "raft-snapshots") {
            self.persistent.snapshot.last_index
        } else {
            0
        }
    }

    pub fn last_log_index(&self) -> u64 {
        self.compacted_to() + self.persistent.log.len() as u64
    }

    pub fn last_log_term(&self) -> u64 {
        let compacted = cfg!(feature = "raft-snapshots").then_some(&self.persistent.snapshot);
        self.persistent.log.last().map_or(compacted.map_or(0, |s| s.last_term), |e| e.term)
    }

    /// The term of the entry at `index`: the snapshot's last term at its last index (0 for
    /// index 0, the empty prefix), `None` for an index compacted away or past the end.
    pub fn term_at(&self, index: u64) -> Option<u64> {
        match index.checked_sub(self.compacted_to())? {
            0 if index == 0 => Some(0),
            0 => Some(self.persistent.snapshot.last_term),
            _ => self.entry(index).map(|e| e.term),
        }
    }

    #[cfg(not(feature = "raft-membership"))]
    pub(super) fn peers(&self) -> impl Iterator<Item = NodeId> {
        let me = self.id;
        NodeId::all(self.cluster_size).filter(move |&p| p != me)
    }
}
