//! Symmetry reduction. When a protocol's servers run the same code from the same start and
//! never compare their names, a state and the same state with its servers renamed have the
//! same futures, renamed: one breaks a property exactly when the other does. The search then
//! needs only one state of each such class. Each state's fingerprint is the smallest of the
//! fingerprints of its renamings, so the visited set holds one per class, and up to n!
//! fewer states are explored on n servers (Ip and Dill, "Better Verification Through
//! Symmetry", 1996, take the same idea to Murϕ). Only the renamings that put the servers in
//! the order of a signature no renaming changes are tried (`renamed.rs`): when the servers'
//! signatures differ, that is one renaming rather than n!.
//!
//! The states kept are never renamed: only their fingerprints are. Every path a search
//! reports is a path the cluster can take move for move, and replays as it is.

use std::fmt;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use super::hash::hash_of;
use crate::sim::{Node, NodeId};

/// A renaming of an n-server cluster: server `i` is called `to[i]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renaming {
    to: Vec<NodeId>,
    /// The two servers it swaps, when it moves no other (each step from one renaming to the
    /// next does): renaming a list is then one swap.
    swaps: Option<(usize, usize)>,
}

impl Renaming {
    fn new(to: Vec<NodeId>) -> Renaming {
        let mut moved = (0..to.len()).filter(|&i| to[i].index() != i);
        let swaps = match (moved.next(), moved.next(), moved.next()) {
            (Some(a), Some(b), None) => Some((a, b)),
            _ => None,
        };
        Renaming { to, swaps }
    }

    /// Every renaming of `n` servers, the identity first, each after it two servers' names
    /// away from the one before (Heap's order), so that the steps between them are swaps.
    pub fn all(n: usize) -> Vec<Renaming> {
        let mut to: Vec<NodeId> = NodeId::all(n).collect();
        let mut found = vec![Renaming::new(to.clone())];
        // counts[i]: how many times position i has been swapped since the positions below
        // it were last all reordered.
        let mut counts = vec![0; n];
        let mut i = 1;
        while i < n {
            if counts[i] < i {
                let other = if i % 2 == 0 { 0 } else { counts[i] };
                to.swap(other, i);
                found.push(Renaming::new(to.clone()));
                counts[i] += 1;
                i = 1;
            } else {
                counts[i] = 0;
                i += 1;
            }
        }
        found
    }

    pub fn id(&self, id: NodeId) -> NodeId {
        self.to[id.index()]
    }

    /// Server `i`'s new place.
    pub fn to_index(&self, i: usize) -> usize {
        self.to[i].index()
    }

    /// A list with one entry per server, each moved to its server's new place (in place,
    /// one cycle of the renaming at a time).
    pub fn permute<T>(&self, list: &mut [T]) {
        if let Some((a, b)) = self.swaps {
            list.swap(a, b);
            return;
        }
        let mut placed = 0u64;
        for start in 0..list.len() {
            // `start` holds the entry that belongs at `next`, until the cycle closes.
            let mut next = self.to[start].index();
            while placed & (1 << start) == 0 && next != start {
                list.swap(start, next);
                placed |= 1 << next;
                next = self.to[next].index();
            }
            placed |= 1 << start;
        }
    }

    /// The renaming that takes names given by `before` to those given by `after`.
    fn between(before: &Renaming, after: &Renaming) -> Renaming {
        let mut to = after.to.clone();
        for (server, &name) in before.to.iter().enumerate() {
            to[name.index()] = after.to[server];
        }
        Renaming::new(to)
    }

    pub fn is_identity(&self) -> bool {
        self.to.iter().enumerate().all(|(i, id)| id.index() == i)
    }
}

/// How a protocol renames the servers named in each part of a state. Each function renames
/// in place and must rename every server the value names, and move every per-server entry
/// ([`Renaming::permute`]); the model renames the messages' senders and receivers, and the
/// order of the nodes, itself.
pub struct Rename<N: Node> {
    pub node: fn(&mut N, &Renaming),
    pub msg: fn(&mut N::Msg, &Renaming),
    pub timer: fn(&mut N::Timer, &Renaming),
    pub persistent: fn(&mut N::Persistent, &Renaming),
    pub record: fn(&mut N::Invariants, &Renaming),
}

impl<N: Node> Clone for Rename<N> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<N: Node> Copy for Rename<N> {}

/// A model's symmetry: the protocol's renaming functions and every renaming of its servers.
#[derive(Clone)]
pub struct Symmetry<N: Node> {
    pub rename: Rename<N>,
    pub renamings: Vec<Renaming>,
    /// Each renaming after the first as a step from the one before, so that one copy of a
    /// value, renamed step by step, passes through all of them.
    steps: Vec<Renaming>,
    /// The hashes under every renaming of nodes, of what crashed nodes persisted, and of
    /// checkers' records, met lately (shared by the model's clones, and so by the threads).
    pub(super) nodes: Arc<Recent>,
    pub(super) persisted: Arc<Recent>,
    pub(super) records: Arc<Recent>,
}

impl<N: Node<Msg: Hash>> Symmetry<N> {
    /// Every renaming of `servers` servers, with the protocol's functions.
    pub(super) fn new(rename: Rename<N>, servers: usize) -> Self {
        let renamings = Renaming::all(servers);
        let steps = renamings.windows(2).map(|w| Renaming::between(&w[0], &w[1])).collect();
        let recent = || Arc::new(Recent::new(renamings.len()));
        let (nodes, persisted, records) = (recent(), recent(), recent());
        Symmetry { rename, renamings, steps, nodes, persisted, records }
    }

    /// `value`'s hash under each renaming, renamed by `rename`: one copy, renamed a step at
    /// a time (a copy per renaming took most of the search's time on Raft). Kept in `recent`
    /// under the value's own hash `own`, where the value is looked up first.
    pub(super) fn hashes<T: Clone + Hash>(
        &self,
        value: &T,
        own: u64,
        rename: fn(&mut T, &Renaming),
        recent: &Recent,
    ) -> Arc<[u64]> {
        debug_assert_eq!(own, hash_of(value), "not the value's own hash");
        recent.get_or_insert_with(own, || {
            let mut renamed = value.clone();
            let later = self.steps.iter().map(|step| {
                rename(&mut renamed, step);
                hash_of(&renamed)
            });
            std::iter::once(own).chain(later).collect()
        })
    }

    /// The hash of a message in flight, with its sender and receiver, under each renaming.
    pub(super) fn message_hashes(&self, from: NodeId, to: NodeId, msg: &N::Msg) -> Box<[u64]> {
        let mut renamed = msg.clone();
        let later = self.renamings[1..].iter().zip(&self.steps).map(|(renaming, step)| {
            (self.rename.msg)(&mut renamed, step);
            hash_of(&(renaming.id(from), renaming.id(to), &renamed))
        });
        std::iter::once(hash_of(&(from, to, msg))).chain(later).collect()
    }
}

/// What a state keeps under symmetry reduction: hashes under each renaming of the model's
/// symmetry, in its order, so that a fingerprint renames only what a move changed.
#[derive(Clone, Debug, Default)]
pub(super) struct RenamedHashes {
    /// Per server: its node, or what it persisted while it is down.
    pub(super) servers: Vec<Arc<[u64]>>,
    pub(super) record: Arc<[u64]>,
}

impl RenamedHashes {
    /// For `servers` servers, to be filled in as each is hashed.
    pub(super) fn new(servers: usize) -> Self {
        RenamedHashes { servers: vec![Arc::default(); servers], record: Arc::default() }
    }
}

/// Values' hashes under every renaming, by the value's own hash, for values met lately. A
/// search meets the same few node states in millions of cluster states (1,200 distinct
/// nodes in the first 3.2 million states of Raft's `early_config_change` search), and
/// renaming each again every way took most of its time. One entry a slot, the last value
/// whose hash picked it, so the memory is bounded. A value's own hash names its renamed
/// hashes, trusted as fingerprints are: two values with one 64-bit hash are as unlikely as
/// two states with one fingerprint.
pub(super) struct Recent {
    slots: Box<[Mutex<Option<Kept>>]>,
}

/// A value's own hash, and its hashes under every renaming.
type Kept = (u64, Arc<[u64]>);

impl Recent {
    /// Held in about 8 MB: from 65,536 slots of 6 hashes (3 servers) down to 8,192 of 120.
    fn new(renamings: usize) -> Self {
        let entry = renamings * 8 + 48;
        let slots = (8 << 20) / entry;
        let slots = 1 << slots.clamp(1024, 65_536).ilog2();
        Recent { slots: (0..slots).map(|_| Mutex::new(None)).collect() }
    }

    fn get_or_insert_with(&self, own: u64, make: impl FnOnce() -> Arc<[u64]>) -> Arc<[u64]> {
        let slot = &self.slots[own as usize & (self.slots.len() - 1)];
        let lock = || slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((kept, hashes)) = &*lock() {
            if *kept == own {
                return hashes.clone();
            }
        }
        // Made outside the lock: another thread may want the slot meanwhile.
        let hashes = make();
        *lock() = Some((own, hashes.clone()));
        hashes
    }
}

impl<N: Node> fmt::Debug for Symmetry<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Symmetry({} renamings)", self.renamings.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_renaming_once_identity_first() {
        for n in 1..=5 {
            let all = Renaming::all(n);
            assert_eq!(all.len(), (1..=n).product::<usize>());
            assert!(all[0].is_identity());
            assert!(all[1..].iter().all(|r| !r.is_identity()));
            let mut distinct: Vec<_> = all.iter().map(|r| r.to.clone()).collect();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), all.len());
            for (before, after) in all.iter().zip(&all[1..]) {
                let step = Renaming::between(before, after);
                assert!(step.swaps.is_some(), "{before:?} to {after:?} is not one swap");
            }
        }
    }

    #[test]
    fn a_permuted_list_follows_its_servers() {
        // S1 → S3, S2 → S1, S3 → S2.
        let renaming = Renaming::new(vec![NodeId(2), NodeId(0), NodeId(1)]);
        let mut list = vec!["s1", "s2", "s3"];
        renaming.permute(&mut list);
        assert_eq!(list, ["s2", "s3", "s1"]);
        assert_eq!(renaming.id(NodeId(0)), NodeId(2));
        // Every renaming of five, in place, against where each entry should land.
        for renaming in Renaming::all(5) {
            let mut list: Vec<usize> = (0..5).collect();
            renaming.permute(&mut list);
            for server in 0..5 {
                assert_eq!(list[renaming.id(NodeId(server as u32)).index()], server);
            }
        }
    }

    #[test]
    fn recent_hashes_are_kept_by_their_own_hash_one_to_a_slot() {
        let recent = Recent::new(24);
        assert_eq!(recent.slots.len(), 32_768, "about 8 MB");
        let made = |hashes: &[u64]| -> Arc<[u64]> { hashes.into() };
        assert_eq!(&*recent.get_or_insert_with(5, || made(&[5, 1])), [5, 1]);
        let kept = recent.get_or_insert_with(5, || unreachable!("kept"));
        assert_eq!(&*kept, [5, 1]);
        // Another value whose hash picks the same slot takes it over.
        let same_slot = 5 + recent.slots.len() as u64;
        assert_eq!(&*recent.get_or_insert_with(same_slot, || made(&[same_slot])), [same_slot]);
        assert_eq!(&*recent.get_or_insert_with(5, || made(&[5, 2])), [5, 2]);
    }

    #[test]
    fn renaming_step_by_step_passes_through_every_renaming() {
        let all = Renaming::all(4);
        let mut names: Vec<NodeId> = NodeId::all(4).collect();
        for (before, after) in all.iter().zip(&all[1..]) {
            let step = Renaming::between(before, after);
            for name in &mut names {
                *name = step.id(*name);
            }
            assert_eq!(names, after.to);
        }
    }
}
