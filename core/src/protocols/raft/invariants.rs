//! Raft's safety properties (Figure 3 of the paper), checked after every step.
//!
//! The checker keeps a shadow of each server's log as chained hashes: `prefix[i]` summarizes
//! entries 1..=i, so "these two logs agree up to index i" is one comparison. Logs only change
//! at their tail, so after a step the changed suffix is found by scanning back from the end and
//! the work per step stays proportional to what changed.
//!
//! A shadow keeps the entries a server has compacted into a snapshot. A server that installs
//! a leader's snapshot gets, in its shadow, the committed entries up to the snapshot's last
//! index: a snapshot may hold committed entries only, and the checker holds those.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::messages::{Entry, Membership};
use super::state::Role;
use super::RaftNode;
use crate::model::Renaming;
use crate::sim::{Invariants, Node, NodeId, StepContext};

pub const ELECTION_SAFETY: &str = "election safety";
pub const LEADER_APPEND_ONLY: &str = "leader append-only";
pub const LOG_MATCHING: &str = "log matching";
pub const LEADER_COMPLETENESS: &str = "leader completeness";
pub const STATE_MACHINE_SAFETY: &str = "state machine safety";
/// Not a property of Figure 3 but of the election rule: a candidate that holds votes from a
/// majority for its term becomes leader at once (a lost count stalls the cluster until the
/// next timeout, which hides the bug from a tester that only checks the end).
pub const VOTE_COUNTING: &str = "vote counting";
/// Not in Figure 3 either, but what Leader Completeness rests on (§5.4.3): a server whose log
/// lacks a committed entry is less up to date than every server of the majority that holds
/// it, so it cannot gather votes from a majority. Broken, a committed entry is one election
/// away from being overwritten: the checker says so at the commit, not moves later.
pub const COMMITTED_ENTRIES_HELD: &str = "committed entries held";

/// The checker's copy of one log entry. Keeping the entry itself (cheap: commands share their
/// text) lets the scan for a changed suffix compare entries directly; hashing every step's
/// last entry for that scan was a quarter of a checked run.
#[derive(Clone, Debug, Hash)]
struct ShadowEntry {
    entry: Entry,
    hash: u64,
    prefix: u64,
}

#[derive(Clone, Debug, Default, Hash)]
struct Shadow {
    /// Per log index (from 1): (hash of the entry, hash of the prefix ending there).
    entries: Vec<ShadowEntry>,
    /// The term in which this server led at the previous check.
    leading: Option<u64>,
    commit_index: u64,
    last_applied: u64,
}

impl Shadow {
    fn prefix(&self, index: usize) -> u64 {
        match index {
            0 => 0,
            i => self.entries[i - 1].prefix,
        }
    }
}

#[derive(Clone, Debug, Hash)]
pub struct RaftInvariants {
    shadows: Vec<Shadow>,
    /// Who led each term.
    leaders: BTreeMap<u64, NodeId>,
    /// Per index, every (term, prefix hash) any log ever held there, by term.
    seen: Vec<Vec<(u64, u64)>>,
    /// The longest prefix any server has committed.
    committed: Vec<ShadowEntry>,
    /// Per committed index, the earliest term in which a server knew it committed.
    /// Non-decreasing: committing an entry commits every entry before it.
    commit_terms: Vec<u64>,
    /// Entry hash of what was applied at each index.
    applied: Vec<u64>,
    /// The servers each configuration entry any log ever held names, by its index and term.
    /// Entry hashes leave them out (`entry_hash`), so that renaming the servers leaves every
    /// hash above as it is; two configuration entries at one index and term that name
    /// different servers break log matching here instead. Once there is one, which majority
    /// a candidate needs depends on which configuration each server has, and the check of
    /// committed entries held is not made.
    /// (A sorted list rather than a map: it holds one or two entries, and a map's code for
    /// one more key type put the Tasks page over its size budget.)
    configurations: Vec<(usize, u64, Membership)>,
}

/// A candidate holding a majority of granted votes for its term is leader by the end of the
/// step in which the last of them arrived.
fn check_vote_counting(node: &RaftNode, report: &mut dyn FnMut(&'static str, String)) {
    if node.role != Role::Candidate {
        return;
    }
    if node.quorum(|p| node.granted[p.index()]) {
        let held = node.granted.iter().filter(|g| **g).count();
        let voters = node.membership().voters.len();
        report(
            VOTE_COUNTING,
            format!(
                "{} holds votes from {held} of {voters} voters for term {} but is still a \
                 candidate",
                node.id,
                node.current_term()
            ),
        );
    }
}

/// An entry's hash, blind to the servers a configuration entry names (`configurations`
/// holds those): every configuration hashes as the empty one. Two prefixes that hash alike
/// but name different servers somewhere hold two configurations at one index and term,
/// which log matching has reported already. (Other entries hash as they always have, so
/// the states of models without membership changes keep their fingerprints, and searches
/// their tie-breaks.)
fn entry_hash(entry: &Entry) -> u64 {
    let mut hasher = DefaultHasher::new();
    match entry.membership {
        None => entry.hash(&mut hasher),
        Some(_) => {
            let blind = Entry { membership: Some(Membership::default()), ..entry.clone() };
            blind.hash(&mut hasher);
        }
    }
    hasher.finish()
}

fn chain(prefix: u64, entry: u64) -> u64 {
    let mut hasher = DefaultHasher::new();
    (prefix, entry).hash(&mut hasher);
    hasher.finish()
}

/// Every property a Raft run is checked for: the checkers' after each step, and what only
/// the clients' whole history shows.
pub const WITH_HISTORY: [&str; 8] = [
    ELECTION_SAFETY,
    LEADER_APPEND_ONLY,
    LOG_MATCHING,
    LEADER_COMPLETENESS,
    STATE_MACHINE_SAFETY,
    VOTE_COUNTING,
    COMMITTED_ENTRIES_HELD,
    crate::history::LINEARIZABILITY,
];

impl Invariants<RaftNode> for RaftInvariants {
    fn new(cluster_size: usize) -> Self {
        RaftInvariants {
            shadows: vec![Shadow::default(); cluster_size],
            leaders: BTreeMap::new(),
            seen: Vec::new(),
            committed: Vec::new(),
            commit_terms: Vec::new(),
            applied: Vec::new(),
            configurations: Vec::new(),
        }
    }

    fn properties() -> &'static [&'static str] {
        &WITH_HISTORY[..7]
    }

    fn check(
        &mut self,
        ctx: &StepContext<'_, RaftNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let Some(id) = ctx.touched else { return };
        let Some(node) = ctx.nodes.node(id.index()) else {
            // Crashed: volatile state is gone; the log (persistent) is unchanged.
            let shadow = &mut self.shadows[id.index()];
            shadow.leading = None;
            shadow.commit_index = 0;
            shadow.last_applied = 0;
            return;
        };
        self.check_log(id, node, report);
        self.check_leadership(id, node, report);
        self.check_commit_and_apply(id, node, report);
        check_vote_counting(node, report);
        self.check_committed_entries_held(node, report);
    }

    fn settled(nodes: &[Option<RaftNode>]) -> Result<(), String> {
        let up: Vec<&RaftNode> = nodes.iter().flatten().collect();
        if up.len() != nodes.len() {
            return Err(format!("{} of {} servers are down", nodes.len() - up.len(), nodes.len()));
        }
        let leaders: Vec<&RaftNode> =
            up.iter().copied().filter(|n| n.role == Role::Leader).collect();
        let Some(leader) = leaders.iter().max_by_key(|n| n.current_term()) else {
            return Err("no leader emerged after the faults stopped".into());
        };
        // Servers outside the leader's configuration hear nothing more and may lag for good.
        let membership = leader.membership();
        // Without the no-op, a leader whose log has no entry of its own term may not count
        // replicas of the earlier terms' entries at its tail (§5.4.2): they commit with the
        // next write, and until one comes the whole cluster rightly stops at its commit index.
        let waiting_for_a_write =
            !leader.config.leader_noop && leader.last_log_term() != leader.current_term();
        let committable =
            if waiting_for_a_write { leader.commit_index() } else { leader.last_log_index() };
        for node in up.iter().filter(|n| membership.is_member(n.id())) {
            if node.current_term() != leader.current_term() {
                return Err(format!(
                    "{} is in term {} but leader {} is in term {}",
                    node.id(),
                    node.current_term(),
                    leader.id(),
                    leader.current_term()
                ));
            }
            if !same_log(node, leader) {
                return Err(format!(
                    "{}'s log (to index {}) differs from leader {}'s (to index {})",
                    node.id(),
                    node.last_log_index(),
                    leader.id(),
                    leader.last_log_index()
                ));
            }
            let last = node.last_log_index();
            if node.commit_index() != committable || node.last_applied() != committable {
                return Err(format!(
                    "{} has committed {} and applied {} of {} entries",
                    node.id(),
                    node.commit_index(),
                    node.last_applied(),
                    last
                ));
            }
        }
        Ok(())
    }
}

impl RaftInvariants {
    /// Renamed for the model checker's symmetry reduction: each server's shadow moves to its
    /// new name, each term's leader is renamed, and so is every server a configuration entry
    /// names. No hash changes: entry hashes leave those servers out.
    pub(super) fn rename(&mut self, to: &Renaming) {
        let RaftInvariants {
            shadows,
            leaders,
            seen: _,
            committed,
            commit_terms: _,
            applied: _,
            configurations,
        } = self;
        to.permute(shadows);
        let shadowed = shadows.iter_mut().flat_map(|shadow| &mut shadow.entries);
        for shadowed in shadowed.chain(committed) {
            shadowed.entry.rename(to);
        }
        for leader in leaders.values_mut() {
            *leader = to.id(*leader);
        }
        for (_, _, membership) in configurations {
            *membership = membership.renamed(to);
        }
    }

    fn check_log(
        &mut self,
        id: NodeId,
        node: &RaftNode,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let shadow = &mut self.shadows[id.index()];
        let log = node.log();
        let base = node.snapshot().last_index as usize;
        // Longest prefix still equal to the shadow: scan back from the shorter end.
        let mut same = shadow.entries.len().min(base + log.len());
        while same > base && shadow.entries[same - 1].entry != log[same - 1 - base] {
            same -= 1;
        }
        let mut installed = None;
        // (Without snapshots `base` is always 0: the constant lets the build drop this.)
        if cfg!(feature = "raft-snapshots") && same <= base && base > 0 {
            let committed = self.committed.get(base - 1).map(|e| e.prefix);
            let kept = shadow.entries.len() >= base && Some(shadow.prefix(base)) == committed;
            if committed.is_none() {
                report(
                    STATE_MACHINE_SAFETY,
                    format!("{id} holds a snapshot to index {base}, past every committed entry"),
                );
                return;
            }
            same = base;
            if !kept {
                // An installed snapshot: the shadow keeps what it shares with the committed
                // prefix and takes the rest from it.
                same = shadow.entries.len().min(base);
                while same > 0 && shadow.prefix(same) != self.committed[same - 1].prefix {
                    same -= 1;
                }
                installed = Some(same);
            }
        }
        let truncated = same < shadow.entries.len();
        if truncated && shadow.leading.is_some() && shadow.leading == node.leading() {
            report(
                LEADER_APPEND_ONLY,
                format!("leader {id} removed or overwrote its own entries from index {}", same + 1),
            );
        }
        shadow.entries.truncate(same);
        if let Some(kept) = installed {
            shadow.entries.extend_from_slice(&self.committed[kept..base]);
            same = base;
        }
        for (offset, entry) in log[same - base..].iter().enumerate() {
            let index = same + offset + 1;
            let hash = entry_hash(entry);
            let prefix = chain(shadow.prefix(index - 1), hash);
            if let Some(membership) = entry.membership {
                let key = (index, entry.term);
                let known = self.configurations.binary_search_by_key(&key, |&(i, t, _)| (i, t));
                let known = known.map(|at| self.configurations[at].2).unwrap_or_else(|at| {
                    self.configurations.insert(at, (index, entry.term, membership));
                    membership
                });
                if known != membership {
                    report(
                        LOG_MATCHING,
                        format!(
                            "{id} holds a configuration entry at index {index} in term {} that \
                             names other servers than another server's there",
                            entry.term
                        ),
                    );
                }
            }
            shadow.entries.push(ShadowEntry { entry: entry.clone(), hash, prefix });
            if self.seen.len() < index {
                self.seen.push(Vec::new());
            }
            let seen = &mut self.seen[index - 1];
            // Kept sorted by term, so that the record does not depend on which server showed
            // an entry first (the model checker counts such records as one state).
            match seen.binary_search_by_key(&entry.term, |&(term, _)| term) {
                Ok(at) if seen[at].1 != prefix => report(
                    LOG_MATCHING,
                    format!(
                        "{id} holds an entry at index {index} in term {} whose earlier log differs from another server's",
                        entry.term
                    ),
                ),
                Ok(_) => {}
                Err(at) => seen.insert(at, (entry.term, prefix)),
            }
        }
    }

    fn check_leadership(
        &mut self,
        id: NodeId,
        node: &RaftNode,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let leading = node.leading();
        let shadow = &self.shadows[id.index()];
        if let Some(term) = leading {
            let other = *self.leaders.entry(term).or_insert(id);
            if other != id {
                report(
                    ELECTION_SAFETY,
                    format!("{other} and {id} were both elected leader for term {term}"),
                );
            }
            // Leader completeness binds leaders of later terms only: a leader of term 2 may
            // legitimately lack what a leader of term 3 has committed.
            let newly = shadow.leading != Some(term);
            let committed =
                if newly { self.commit_terms.partition_point(|&t| t < term) } else { 0 };
            if committed > 0 {
                let has_all = shadow.entries.len() >= committed
                    && shadow.prefix(committed) == self.committed[committed - 1].prefix;
                if !has_all {
                    report(
                        LEADER_COMPLETENESS,
                        format!("{id} became leader for term {term} without the committed entries up to index {committed}"),
                    );
                }
            }
        }
        self.shadows[id.index()].leading = leading;
    }

    fn check_commit_and_apply(
        &mut self,
        id: NodeId,
        node: &RaftNode,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let shadow = &mut self.shadows[id.index()];
        let commit = node.commit_index() as usize;
        let term = node.current_term();
        let newly_committed = shadow.commit_index as usize + 1..=commit.min(shadow.entries.len());
        if newly_committed.end() >= newly_committed.start() {
            let end = *newly_committed.end();
            self.commit_terms.resize(self.commit_terms.len().max(end), term);
            for known in self.commit_terms[..end].iter_mut().rev() {
                if *known <= term {
                    break;
                }
                *known = term;
            }
        }
        for index in newly_committed {
            let agreed = match self.committed.get(index - 1) {
                Some(first) => first.prefix == shadow.prefix(index),
                None => {
                    // Indexes arrive in order: a server commits its log front to back.
                    self.committed.push(shadow.entries[index - 1].clone());
                    true
                }
            };
            if !agreed {
                let detail = format!(
                    "{id} committed a different entry at index {index} than another server"
                );
                report(STATE_MACHINE_SAFETY, detail);
            }
        }
        shadow.commit_index = commit as u64;

        let applied = node.last_applied() as usize;
        for index in shadow.last_applied as usize + 1..=applied.min(shadow.entries.len()) {
            if !agrees(&mut self.applied, index, shadow.entries[index - 1].hash) {
                let detail = format!(
                    "{id} applied a different command at index {index} than another server"
                );
                report(STATE_MACHINE_SAFETY, detail);
            }
        }
        shadow.last_applied = applied as u64;
    }

    /// Every voter that could win an election, its log at least as up to date (§5.4.1) as
    /// those of a majority (crashed servers' logs included: they vote again after a restart),
    /// holds the whole committed prefix. `node` (the server the step touched) names the
    /// voters: until a configuration entry appears, every server has the same ones.
    fn check_committed_entries_held(
        &self,
        node: &RaftNode,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let committed = self.committed.len();
        if committed == 0 || !self.configurations.is_empty() {
            return;
        }
        let last = |shadow: &Shadow| {
            (shadow.entries.last().map_or(0, |e| e.entry.term), shadow.entries.len())
        };
        let membership = node.membership();
        let whole = self.committed[committed - 1].prefix;
        for (index, shadow) in self.shadows.iter().enumerate() {
            let candidate = NodeId(index as u32);
            let holds = shadow.entries.len() >= committed && shadow.prefix(committed) == whole;
            if holds || !membership.voters.contains(candidate) {
                continue;
            }
            let own = last(shadow);
            if membership.quorum(|voter| last(&self.shadows[voter.index()]) <= own) {
                let (term, length) = own;
                report(
                    COMMITTED_ENTRIES_HELD,
                    format!(
                        "{candidate} lacks committed entries up to index {committed}, yet its \
                         log (last term {term}, index {length}) is as up to date as a \
                         majority's: it can be elected and overwrite them"
                    ),
                );
                return;
            }
        }
    }
}

/// Whether two servers hold the same log, whatever each has compacted: the same last index,
/// and the same entries after the later of their snapshots.
fn same_log(a: &RaftNode, b: &RaftNode) -> bool {
    let from = a.snapshot().last_index.max(b.snapshot().last_index);
    a.last_log_index() == b.last_log_index()
        && a.term_at(from) == b.term_at(from)
        && (from + 1..=a.last_log_index()).all(|index| a.entry(index) == b.entry(index))
}

/// Whether `value` agrees with what is already known at `index` (from 1); the first value seen
/// at an index becomes the known one. Indexes arrive in order, since a server commits and
/// applies its log front to back.
fn agrees(known: &mut Vec<u64>, index: usize, value: u64) -> bool {
    match known.get(index - 1) {
        Some(&first) => first == value,
        None => {
            known.push(value);
            true
        }
    }
}
