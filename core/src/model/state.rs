//! One state of the model and the moves out of it. Nodes and the checker sit behind `Arc`s,
//! so a successor shares everything but the node its move touched: a state in a search
//! frontier costs little more than its network.

use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use foldhash::quality::FixedState;

use super::clients::ClientLog;
use super::hash::{hash_of, Key, CHECK_HASHER, HASHER};
use super::spec::{Checkable, Faults, Model};
use super::symmetry::RenamedHashes;
use super::table::Shards;
use crate::history::LINEARIZABILITY;
use crate::sim::{ClientRequest, Invariants, NodeId, Nodes, Out, Output, StepContext};

/// A message in flight. `hash` (of sender, receiver and content) keeps the network sorted
/// in one order whatever order the messages were sent in, so two paths that leave the same
/// messages in flight reach the same state.
#[derive(Clone, Debug)]
pub struct Envelope<M> {
    pub from: NodeId,
    pub to: NodeId,
    pub msg: M,
    pub(super) hash: u64,
    /// Under symmetry reduction, the hash under each renaming of the model's symmetry.
    pub(super) renamed: Box<[u64]>,
}

impl<M: PartialEq> PartialEq for Envelope<M> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash
            && self.from == other.from
            && self.to == other.to
            && self.msg == other.msg
    }
}

/// A timer a node has armed, kept sorted by node and hash like the network.
#[derive(Clone, Copy, Debug)]
pub struct Armed<T> {
    pub node: NodeId,
    pub timer: T,
    pub(super) hash: u64,
}

/// What a path may do next. Indices point into the state's network or armed timers.
/// Ordered only to break ties between equally short counterexamples.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Move {
    /// The script's request `k` reaches its server.
    Client(usize),
    /// The script's membership change `j` is asked of the leader.
    Change(usize),
    Deliver(usize),
    Fire(usize),
    Crash(NodeId),
    Restart(NodeId),
    Lose(usize),
    Copy(usize),
}

/// One copy of each distinct node, checker and message seen so far, by hash (trusted as the
/// fingerprints are: two different values with one 64-bit hash are as unlikely as two states
/// with one fingerprint).
pub struct Interner<N: Checkable> {
    pub nodes: Shards<Arc<N>>,
    pub invariants: Shards<Arc<N::Invariants>>,
    pub envelopes: Shards<Arc<Envelope<N::Msg>>>,
}

impl<N: Checkable> Interner<N> {
    pub fn new() -> Self {
        Interner { nodes: Shards::new(), invariants: Shards::new(), envelopes: Shards::new() }
    }
}

impl<N: Checkable> Default for Interner<N> {
    fn default() -> Self {
        Interner::new()
    }
}

/// Depth-first search's spare copy of the checker's record, kept equal to the record of the
/// state whose moves are being tried (`copy_of` is that record's hash). Most moves leave the
/// record as it was: checking them in this copy spares copying the record, and freeing the
/// copy, for each (a fifth of the search's time went to that, measured on Basic Paxos).
pub struct SpareRecord<I> {
    record: Option<I>,
    copy_of: u64,
}

impl<I> Default for SpareRecord<I> {
    fn default() -> Self {
        SpareRecord { record: None, copy_of: 0 }
    }
}

/// A property the protocol's checker found broken by a move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    pub property: &'static str,
    pub detail: String,
}

/// A counterexample: the property, the checker's explanation, and the moves from the initial
/// state to the first state where it broke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub broken: Broken,
    pub path: Vec<Move>,
}

impl Found {
    /// The line a counterexample's scenario says at its last move.
    pub fn say(&self) -> String {
        format!("{} breaks: {}", self.broken.property, self.broken.detail)
    }
}

#[derive(Debug)]
pub struct State<N: Checkable> {
    pub(super) nodes: Vec<Option<Arc<N>>>,
    pub(super) node_hashes: Vec<u64>,
    /// What each crashed node persisted.
    pub(super) saved: Vec<Option<Arc<N::Persistent>>>,
    pub(super) timers: Vec<Armed<N::Timer>>,
    pub(super) network: Vec<Arc<Envelope<N::Msg>>>,
    /// Bit k: the script's request k was sent.
    pub(super) sent: u32,
    pub(super) spent: Faults,
    pub(super) invariants: Arc<N::Invariants>,
    pub(super) invariants_hash: u64,
    /// What the clients were told, when the script reads.
    pub(super) clients: Option<Arc<ClientLog>>,
    /// Under symmetry reduction: what each server holds, and the record, hashed under every
    /// renaming, so that a fingerprint renames only what a move changed. (`None` without:
    /// a state in a breadth-first frontier then costs a pointer more, not 40 bytes.)
    pub(super) renamed: Option<Arc<RenamedHashes>>,
}

impl<N: Checkable> Clone for State<N> {
    fn clone(&self) -> Self {
        State {
            nodes: self.nodes.clone(),
            node_hashes: self.node_hashes.clone(),
            saved: self.saved.clone(),
            timers: self.timers.clone(),
            network: self.network.clone(),
            sent: self.sent,
            spent: self.spent,
            invariants: self.invariants.clone(),
            invariants_hash: self.invariants_hash,
            clients: self.clients.clone(),
            renamed: self.renamed.clone(),
        }
    }

    /// Into the lists this state already has (depth-first search makes every successor in
    /// one such state, and keeps a copy only of the new ones).
    fn clone_from(&mut self, source: &Self) {
        self.nodes.clone_from(&source.nodes);
        self.node_hashes.clone_from(&source.node_hashes);
        self.saved.clone_from(&source.saved);
        self.timers.clone_from(&source.timers);
        self.network.clone_from(&source.network);
        self.sent = source.sent;
        self.spent = source.spent;
        self.invariants.clone_from(&source.invariants);
        self.invariants_hash = source.invariants_hash;
        self.clients.clone_from(&source.clients);
        self.renamed.clone_from(&source.renamed);
    }
}

/// The nodes as the protocol's checker reads them.
pub struct Shared<'a, N>(&'a [Option<Arc<N>>]);

impl<N> Nodes<N> for Shared<'_, N> {
    fn node(&self, index: usize) -> Option<&N> {
        self.0.get(index).and_then(|slot| slot.as_deref())
    }
    fn count(&self) -> usize {
        self.0.len()
    }
}

impl<M> Envelope<M> {
    /// `msg` from `from` to `to`, with its hashes (`renamed`: under symmetry reduction).
    pub(super) fn new(from: NodeId, to: NodeId, msg: M, renamed: Box<[u64]>) -> Self
    where
        M: Hash,
    {
        let hash = hash_of(&(from, to, &msg));
        Envelope { from, to, msg, hash, renamed }
    }
}

impl<N: Checkable> State<N> {
    /// Every server booted and started, as the simulator starts them.
    pub fn initial(model: &Model<N>) -> Self {
        let n = model.servers;
        let mut state = State {
            nodes: vec![None; n],
            node_hashes: vec![0; n],
            saved: vec![None; n],
            timers: Vec::new(),
            network: Vec::new(),
            sent: 0,
            spent: Faults::default(),
            invariants: Arc::new(N::Invariants::new(n)),
            invariants_hash: 0,
            clients: (model.reads > 0).then(Default::default),
            renamed: model.symmetry.as_ref().map(|_| Arc::new(RenamedHashes::new(n))),
        };
        for id in NodeId::all(n) {
            state.nodes[id.index()] = Some(Arc::new(N::boot(id, n, &model.config)));
            state.run(id, model, None, |node, out| node.on_start(out));
        }
        state.invariants_hash = hash_of(&*state.invariants);
        state.rehash_record(model.symmetry.as_ref());
        state
    }

    /// A copy that shares no `Arc` with this state, for another thread to work from: two
    /// threads that count references to one node slow each other down.
    pub fn unshared(&self) -> Self {
        fn own<T: Clone>(shared: &Arc<T>) -> Arc<T> {
            Arc::new(T::clone(shared))
        }
        State {
            nodes: self.nodes.iter().map(|node| node.as_ref().map(own)).collect(),
            saved: self.saved.iter().map(|saved| saved.as_ref().map(own)).collect(),
            network: self.network.iter().map(own).collect(),
            invariants: own(&self.invariants),
            clients: self.clients.as_ref().map(own),
            ..self.clone()
        }
    }

    pub fn nodes(&self) -> Shared<'_, N> {
        Shared(&self.nodes)
    }

    pub fn network(&self) -> &[Arc<Envelope<N::Msg>>] {
        &self.network
    }

    pub fn timers(&self) -> &[Armed<N::Timer>] {
        &self.timers
    }

    /// A 64-bit digest of everything that decides what can happen next. Under symmetry
    /// reduction, the same for every renaming of the servers (`renamed.rs`).
    pub fn fingerprint(&self, model: &Model<N>) -> u64 {
        match &model.symmetry {
            None => self.exact_fingerprint(),
            Some(symmetry) => self.symmetric_key(model, symmetry, false).fp,
        }
    }

    /// The fingerprint and, if the model is wide, the second 64 bits depth-first search keeps.
    pub fn key(&self, model: &Model<N>) -> Key {
        match &model.symmetry {
            None if model.wide => {
                Key { fp: self.exact_fingerprint(), check: self.digest(&CHECK_HASHER) }
            }
            None => Key::narrow(self.exact_fingerprint()),
            Some(symmetry) => self.symmetric_key(model, symmetry, model.wide),
        }
    }

    /// The fingerprint of this state as it is, whatever the model's symmetry.
    pub fn exact_fingerprint(&self) -> u64 {
        // 0 is kept for "no parent" in the search's records.
        self.digest(&HASHER).max(1)
    }

    fn digest(&self, seeded: &FixedState) -> u64 {
        let mut hasher = seeded.build_hasher();
        self.node_hashes.hash(&mut hasher);
        self.saved.hash(&mut hasher);
        for armed in &self.timers {
            (armed.node, armed.hash).hash(&mut hasher);
        }
        for envelope in &self.network {
            envelope.hash.hash(&mut hasher);
        }
        (self.sent, self.spent, self.invariants_hash).hash(&mut hasher);
        // (Hashed only when there is one, so models without reads keep their fingerprints.)
        if let Some(clients) = &self.clients {
            clients.hash(&mut hasher);
        }
        hasher.finish()
    }

    /// The moves possible here, in a fixed order; identical messages in flight count once.
    pub fn moves(&self, model: &Model<N>) -> Vec<Move> {
        let mut moves = Vec::new();
        let faults = model.faults;
        let distinct = |i: usize| i == 0 || self.network[i] != self.network[i - 1];
        moves.extend(
            (0..model.script.len()).filter(|k| self.sent & (1 << k) == 0).map(Move::Client),
        );
        // As in the simulator, a change asked when no server leads goes nowhere: the model
        // does not ask it then, so that it keeps it for a moment when one does.
        if !model.changes.is_empty() && self.leader().is_some() {
            let unsent = |j: &usize| self.sent & Model::<N>::change_bit(*j) == 0;
            moves.extend((0..model.changes.len()).filter(unsent).map(Move::Change));
        }
        moves.extend((0..self.network.len()).filter(|&i| distinct(i)).map(Move::Deliver));
        if self.spent.timers < faults.timers {
            moves.extend((0..self.timers.len()).map(Move::Fire));
        }
        for id in NodeId::all(model.servers) {
            match self.nodes[id.index()] {
                Some(_) if self.spent.crashes < faults.crashes => moves.push(Move::Crash(id)),
                None => moves.push(Move::Restart(id)),
                Some(_) => {}
            }
        }
        if self.spent.losses < faults.losses {
            moves.extend((0..self.network.len()).filter(|&i| distinct(i)).map(Move::Lose));
        }
        if self.spent.duplicates < faults.duplicates {
            moves.extend((0..self.network.len()).filter(|&i| distinct(i)).map(Move::Copy));
        }
        moves
    }

    /// The server leading in the highest term, the one the simulator asks for a
    /// membership change (`Sim::leader`: the higher name among two of one term).
    pub fn leader(&self) -> Option<NodeId> {
        let leading = |(i, node): (usize, &Option<Arc<N>>)| {
            Some((node.as_ref()?.leading()?, NodeId(i as u32)))
        };
        self.nodes.iter().enumerate().filter_map(leading).max().map(|(_, id)| id)
    }

    /// The state after `mv`, and the first property the protocol's checker found broken.
    /// With an interner, the successor keeps the interned copy of what it changed.
    pub fn after(
        &self,
        mv: Move,
        model: &Model<N>,
        interner: Option<&Interner<N>>,
    ) -> (State<N>, Option<Broken>) {
        let mut next = self.clone();
        let mut misread = None;
        let touched = next.apply(mv, model, interner, &mut misread);
        let broken = next.check(touched, model, interner);
        (next, broken.or(misread))
    }

    /// `after` into `next`, whatever state it held, checking in `spare`'s copy of the
    /// checker's record.
    pub fn after_into(
        &self,
        mv: Move,
        model: &Model<N>,
        next: &mut State<N>,
        spare: &mut SpareRecord<N::Invariants>,
    ) -> Option<Broken> {
        next.clone_from(self);
        let mut misread = None;
        let touched = next.apply(mv, model, None, &mut misread);
        next.check_in_spare(touched, model, spare).or(misread)
    }

    /// Takes `mv`: says which server's handler ran, if one did, and puts in `misread` a read
    /// it answered that missed an acknowledged write.
    fn apply(
        &mut self,
        mv: Move,
        model: &Model<N>,
        interner: Option<&Interner<N>>,
        misread: &mut Option<Broken>,
    ) -> Option<NodeId> {
        let n = model.servers;
        match mv {
            Move::Client(k) => {
                self.sent |= 1 << k;
                // Numbered as the simulator numbers requests: in the order they are sent,
                // counting one sent to a server that is down.
                let id = u64::from(self.sent.count_ones());
                if let Some(clients) = self.clients.as_mut() {
                    Arc::make_mut(clients).call(k);
                }
                let (to, command) = model.script[k].clone();
                self.nodes[to.index()].as_ref()?;
                *misread = self.run(to, model, interner, |node, out| {
                    node.on_client(ClientRequest { id, command }, out)
                });
                Some(to)
            }
            Move::Change(j) => {
                self.sent |= Model::<N>::change_bit(j);
                let leader = self.leader()?;
                let (change, node) = model.changes[j];
                *misread = self.run(leader, model, interner, |state, out| {
                    state.on_membership(change, node, out);
                });
                Some(leader)
            }
            Move::Deliver(i) => {
                let envelope = self.network.remove(i);
                // The simulator drops a message that reaches a server that is down.
                self.nodes[envelope.to.index()].as_ref()?;
                let Envelope { from, to, msg, .. } = Arc::unwrap_or_clone(envelope);
                *misread =
                    self.run(to, model, interner, |node, out| node.on_message(from, msg, out));
                Some(to)
            }
            Move::Fire(i) => {
                self.spent.timers += 1;
                let Armed { node, timer, .. } = self.timers.remove(i);
                *misread = self.run(node, model, interner, |state, out| state.on_timer(timer, out));
                Some(node)
            }
            Move::Crash(id) => {
                self.spent.crashes += 1;
                let node = self.nodes[id.index()].take()?;
                self.saved[id.index()] = Some(Arc::new(node.persistent()));
                self.node_hashes[id.index()] = 0;
                self.rehash_server(id, model.symmetry.as_ref());
                self.timers.retain(|armed| armed.node != id);
                // As in the simulator, messages on their way to it are lost with it.
                self.network.retain(|envelope| envelope.to != id);
                None
            }
            Move::Restart(id) => {
                let saved = self.saved[id.index()].take()?;
                let saved = Arc::try_unwrap(saved).unwrap_or_else(|shared| (*shared).clone());
                self.nodes[id.index()] = Some(Arc::new(N::recover(id, n, &model.config, saved)));
                *misread = self.run(id, model, interner, |node, out| node.on_start(out));
                Some(id)
            }
            Move::Lose(i) => {
                self.spent.losses += 1;
                self.network.remove(i);
                None
            }
            Move::Copy(i) => {
                self.spent.duplicates += 1;
                let copy = self.network[i].clone();
                self.network.insert(i, copy);
                None
            }
        }
    }

    /// Runs one handler of node `id` (which is up) and applies what it asked for; says if
    /// it answered a read that missed an acknowledged write.
    fn run(
        &mut self,
        id: NodeId,
        model: &Model<N>,
        interner: Option<&Interner<N>>,
        handler: impl FnOnce(&mut N, &mut Out<N>),
    ) -> Option<Broken> {
        let slot = self.nodes[id.index()].as_mut()?;
        let node = Arc::make_mut(slot);
        let mut out = Out::default();
        handler(node, &mut out);
        let hash = hash_of(&*node);
        self.node_hashes[id.index()] = hash;
        if let Some(interner) = interner {
            *slot = interner.nodes.intern(hash, slot.clone());
        }
        self.rehash_server(id, model.symmetry.as_ref());
        let mut misread = None;
        for output in out.drain() {
            match output {
                Output::Send { to, msg } => {
                    let renamed = (model.symmetry.as_ref())
                        .map_or_else(Box::default, |s| s.message_hashes(id, to, &msg));
                    let envelope = Envelope::new(id, to, msg, renamed);
                    let (hash, mut envelope) = (envelope.hash, Arc::new(envelope));
                    let at = self.network.partition_point(|e| e.hash < hash);
                    if let Some(interner) = interner {
                        envelope = interner.envelopes.intern(hash, envelope);
                    }
                    self.network.insert(at, envelope);
                }
                Output::SetTimer { timer, .. } => {
                    let hash = hash_of(&timer);
                    let key = (id, hash);
                    if let Err(at) = self.timers.binary_search_by_key(&key, |a| (a.node, a.hash)) {
                        self.timers.insert(at, Armed { node: id, timer, hash });
                    }
                }
                Output::CancelTimer { timer } => {
                    let key = (id, hash_of(&timer));
                    if let Ok(at) = self.timers.binary_search_by_key(&key, |a| (a.node, a.hash)) {
                        self.timers.remove(at);
                    }
                }
                Output::Event(event) => {
                    let told = self.clients.as_mut().zip(N::client_fact(&event));
                    if let Some((clients, (request, fate))) = told {
                        let missed = Arc::make_mut(clients).learn(model, id, request, fate);
                        let broken =
                            missed.map(|detail| Broken { property: LINEARIZABILITY, detail });
                        misread = misread.or(broken);
                    }
                }
            }
        }
        misread
    }

    /// Runs the protocol's checker on this state, as the simulator does after every step,
    /// with `record` as its record so far. Step and time read 0: the model has no clock,
    /// and a checker that recorded them would tell apart states that are the same.
    fn run_checker(&self, touched: Option<NodeId>, record: &mut N::Invariants) -> Option<Broken> {
        let ctx = StepContext {
            step: 0,
            time: 0,
            nodes: &Shared(&self.nodes),
            touched,
            lost: u64::from(self.spent.losses),
            timing_faults: 0,
        };
        let mut broken = None;
        record.check(&ctx, &mut |property, detail| {
            broken.get_or_insert(Broken { property, detail });
        });
        broken
    }

    /// The checker run on a copy of this state's record; a changed record is kept (the
    /// interned copy, with an interner), an unchanged one stays shared with the parent.
    fn check(
        &mut self,
        touched: Option<NodeId>,
        model: &Model<N>,
        interner: Option<&Interner<N>>,
    ) -> Option<Broken> {
        let mut record = (*self.invariants).clone();
        let broken = self.run_checker(touched, &mut record);
        let hash = hash_of(&record);
        if hash != self.invariants_hash {
            let record = Arc::new(record);
            self.invariants = match interner {
                Some(interner) => interner.invariants.intern(hash, record),
                None => record,
            };
            self.invariants_hash = hash;
            self.rehash_record(model.symmetry.as_ref());
        }
        broken
    }

    /// `check`, in `spare`'s copy of the record rather than a fresh one.
    fn check_in_spare(
        &mut self,
        touched: Option<NodeId>,
        model: &Model<N>,
        spare: &mut SpareRecord<N::Invariants>,
    ) -> Option<Broken> {
        let record = match &mut spare.record {
            Some(record) if spare.copy_of == self.invariants_hash => record,
            slot => slot.insert((*self.invariants).clone()),
        };
        spare.copy_of = self.invariants_hash;
        let broken = self.run_checker(touched, record);
        let hash = hash_of(&*record);
        if hash != self.invariants_hash {
            // The successor keeps this copy; the next move makes another.
            self.invariants = Arc::new(spare.record.take().expect("checked in just now"));
            self.invariants_hash = hash;
            self.rehash_record(model.symmetry.as_ref());
        }
        broken
    }

    pub fn goals_reached(&self) -> impl Iterator<Item = bool> + '_ {
        N::GOALS.iter().map(|goal| (goal.reached)(&Shared(&self.nodes)))
    }
}
