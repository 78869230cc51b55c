//! A state under symmetry reduction (`symmetry.rs`): its fingerprint, the same for every
//! renaming of its servers; the hashes it keeps so that a fingerprint renames only what a
//! move changed; and the state itself renamed, for tests of a protocol's renaming.

use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use foldhash::quality::FixedState;

use super::hash::{hash_of, Key, CHECK_HASHER, HASHER};
use super::spec::{Checkable, Model};
use super::state::{Armed, Envelope, State};
use super::symmetry::{RenamedHashes, Renaming, Symmetry};
use crate::sim::NodeId;

impl<N: Checkable> State<N> {
    /// The fingerprint under symmetry reduction: the smallest of the digests of the renamed
    /// states, each with the servers its unsent requests and membership changes name,
    /// renamed. Only the renamings that list the servers in the order of their signatures
    /// are tried (`signatures`): the same set of renamed states whichever member of the
    /// class the state is, so the same smallest digest, at a fraction of the cost when the
    /// servers differ.
    ///
    /// With `wide`, the key's second half is a second hash of the renamed state whose digest
    /// was the smallest (of the least such second hash, if several renamed states tie).
    pub(super) fn symmetric_key(
        &self,
        model: &Model<N>,
        symmetry: &Symmetry<N>,
        wide: bool,
    ) -> Key {
        debug_assert!(self.renamed.is_some(), "a state made without symmetry");
        let Some(renamed) = self.renamed.as_deref() else {
            return Key::narrow(self.exact_fingerprint());
        };
        let n = self.nodes.len();
        let signatures = self.signatures(model, renamed);
        // Server i's place in the order of signatures: from `before[i]`, among `tied[i]`.
        let before: Vec<usize> =
            (0..n).map(|i| signatures.iter().filter(|s| **s < signatures[i]).count()).collect();
        let tied: Vec<usize> =
            (0..n).map(|i| signatures.iter().filter(|s| **s == signatures[i]).count()).collect();
        let in_order = |renaming: &Renaming| {
            (0..n).all(|i| (before[i]..before[i] + tied[i]).contains(&renaming.to_index(i)))
        };
        let mut servers = vec![0; n];
        let mut timers = Vec::with_capacity(self.timers.len());
        let mut network = Vec::with_capacity(self.network.len());
        let mut lowest = (u64::MAX, u64::MAX);
        for (r, renaming) in symmetry.renamings.iter().enumerate() {
            if !in_order(renaming) {
                continue;
            }
            for (from, hashes) in renamed.servers.iter().enumerate() {
                servers[renaming.id(NodeId(from as u32)).index()] = hashes[r];
            }
            timers.clear();
            timers.extend(self.timers.iter().map(|armed| {
                let mut timer = armed.timer;
                (symmetry.rename.timer)(&mut timer, renaming);
                (renaming.id(armed.node), hash_of(&timer))
            }));
            timers.sort_unstable();
            network.clear();
            network.extend(self.network.iter().map(|envelope| envelope.renamed[r]));
            network.sort_unstable();
            let digest = |seeded: &FixedState| {
                let mut hasher = seeded.build_hasher();
                (&servers, &timers, &network).hash(&mut hasher);
                (self.sent, self.spent, renamed.record[r], &self.clients).hash(&mut hasher);
                for (_, target) in self.unsent_targets(model) {
                    renaming.id(target).hash(&mut hasher);
                }
                hasher.finish()
            };
            let main = digest(&HASHER);
            if main <= lowest.0 {
                let check = if wide { digest(&CHECK_HASHER) } else { 0 };
                lowest = lowest.min((main, check));
            }
        }
        // The least of several hashes is small, and the visited sets pick slots by the
        // fingerprint's bits as they are: hashed again, it is uniform like any other. (Left
        // as it was, depth-first search on Raft ran at a thirtieth of its speed, probing
        // along one crowded end of its table.) 0 is kept for "no parent".
        Key { fp: hash_of(&lowest.0).max(1), check: lowest.1 }
    }

    /// Each server's signature, which no renaming changes: the least of its hashes under
    /// every renaming (a server and its renamed self have the same set of them), and the
    /// script's unsent requests and membership changes aimed at it.
    fn signatures(&self, model: &Model<N>, renamed: &RenamedHashes) -> Vec<(u64, u32)> {
        let aimed_at = |i: usize| {
            let aimed = self.unsent_targets(model).filter(|(_, target)| target.index() == i);
            aimed.fold(0, |set, (bit, _)| set | bit)
        };
        let least = |hashes: &Arc<[u64]>| hashes.iter().copied().min().unwrap_or(0);
        renamed.servers.iter().enumerate().map(|(i, hashes)| (least(hashes), aimed_at(i))).collect()
    }

    /// What the script has yet to send, each with its bit of `sent`: the servers its
    /// requests go to, then those its membership changes add or remove. A renaming that
    /// merges two states must take each to itself, since the script does not rename them.
    fn unsent_targets<'a>(&self, model: &'a Model<N>) -> impl Iterator<Item = (u32, NodeId)> + 'a {
        let requests = model.script.iter().enumerate().map(|(k, (to, _))| (1 << k, *to));
        let changes = (model.changes.iter().enumerate())
            .map(|(j, (_, node))| (Model::<N>::change_bit(j), *node));
        let sent = self.sent;
        requests.chain(changes).filter(move |(bit, _)| sent & bit == 0)
    }

    /// This state with its servers renamed: each node, what it persisted, its timers and
    /// the messages it sends and is sent, under its new name; the checker's record renamed
    /// to match. (The search never keeps one: it is for tests of a protocol's renaming.)
    pub fn renamed(&self, renaming: &Renaming, symmetry: &Symmetry<N>) -> State<N> {
        let rename = &symmetry.rename;
        let n = self.nodes.len();
        let mut next = State {
            nodes: vec![None; n],
            node_hashes: vec![0; n],
            saved: vec![None; n],
            timers: Vec::with_capacity(self.timers.len()),
            network: Vec::with_capacity(self.network.len()),
            renamed: Some(Arc::new(RenamedHashes::new(n))),
            ..self.clone()
        };
        for (from, node) in self.nodes.iter().enumerate() {
            let to = renaming.id(NodeId(from as u32)).index();
            if let Some(node) = node {
                let mut node = N::clone(node);
                (rename.node)(&mut node, renaming);
                next.node_hashes[to] = hash_of(&node);
                next.nodes[to] = Some(Arc::new(node));
            }
            if let Some(saved) = &self.saved[from] {
                let mut saved = N::Persistent::clone(saved);
                (rename.persistent)(&mut saved, renaming);
                next.saved[to] = Some(Arc::new(saved));
            }
        }
        for armed in &self.timers {
            let mut timer = armed.timer;
            (rename.timer)(&mut timer, renaming);
            let (node, hash) = (renaming.id(armed.node), hash_of(&timer));
            next.timers.push(Armed { node, timer, hash });
        }
        next.timers.sort_by_key(|armed| (armed.node, armed.hash));
        for envelope in &self.network {
            let (from, to) = (renaming.id(envelope.from), renaming.id(envelope.to));
            let mut msg = envelope.msg.clone();
            (rename.msg)(&mut msg, renaming);
            let renamed = symmetry.message_hashes(from, to, &msg);
            next.network.push(Arc::new(Envelope::new(from, to, msg, renamed)));
        }
        next.network.sort_by_key(|envelope| envelope.hash);
        let mut record = N::Invariants::clone(&self.invariants);
        (rename.record)(&mut record, renaming);
        next.invariants_hash = hash_of(&record);
        next.invariants = Arc::new(record);
        for id in NodeId::all(n) {
            next.rehash_server(id, Some(symmetry));
        }
        next.rehash_record(Some(symmetry));
        next
    }

    /// Under symmetry reduction, hashes server `id`'s node (or what it persisted) renamed
    /// every way.
    pub(super) fn rehash_server(&mut self, id: NodeId, symmetry: Option<&Symmetry<N>>) {
        let (Some(symmetry), Some(renamed)) = (symmetry, self.renamed.as_mut()) else { return };
        let (node, saved) = (&self.nodes[id.index()], &self.saved[id.index()]);
        Arc::make_mut(renamed).servers[id.index()] = match (node, saved) {
            (Some(node), _) => {
                let own = self.node_hashes[id.index()];
                symmetry.hashes(&**node, own, symmetry.rename.node, &symmetry.nodes)
            }
            (None, Some(saved)) => {
                let (own, rename) = (hash_of(&**saved), symmetry.rename.persistent);
                symmetry.hashes(&**saved, own, rename, &symmetry.persisted)
            }
            (None, None) => Arc::default(),
        };
    }

    /// Under symmetry reduction, hashes the checker's record renamed every way.
    pub(super) fn rehash_record(&mut self, symmetry: Option<&Symmetry<N>>) {
        let (Some(symmetry), Some(renamed)) = (symmetry, self.renamed.as_mut()) else { return };
        let (own, rename) = (self.invariants_hash, symmetry.rename.record);
        Arc::make_mut(renamed).record =
            symmetry.hashes(&*self.invariants, own, rename, &symmetry.records);
    }
}
