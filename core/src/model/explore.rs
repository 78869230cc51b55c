//! The search: breadth-first (level by level, on every thread, so the first violation found
//! is at the smallest depth) or depth-first (only fingerprints kept, the path is the stack;
//! on one thread in a fixed order, or on several that share the visited set and hand each
//! other parts of the tree). Both run in slices of work, so the page's worker can report progress and take
//! a cancel between slices.
//!
//! A search for the shortest counterexample (`Order::Shortest`) is depth-first search with
//! each state's least depth kept: every state within the bound is reached at its least depth
//! (a state's predecessor on a shortest path is, by induction, and its moves are tried
//! then), so lowering the bound below each counterexample found and searching on until the
//! stacks are empty leaves none shorter. It works without sleep sets, whose proof assumes
//! each state is expanded once.
//!
//! Depth-first search skips moves by sleep sets (Godefroid, "Partial-Order Methods for the
//! Verification of Concurrent Systems", ch. 5): after a state's move `a`, a later move `b`
//! that commutes with `a` need not try `a` again, since `b` then `a` reaches the state `a`
//! then `b` did. The moves that run different servers' handlers commute (`Footprint`), so
//! most deliveries are tried in one order of the many. Sleep sets skip moves, not states:
//! every state is still visited and checked (`core/tests/model_check.rs` checks both that
//! commuting moves reach one state and that the two searches visit the same states).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::spec::{Checkable, Model, Order};
use super::state::{Broken, Found, Interner, Move, State};
use super::table::{Shards, MAX_KEPT_DEPTH};
use super::visited::{Keeps, Visited};
use super::worker::{hand_out_work, Budget, Frame, Tally, Worker};

/// Why a search ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Every state within the depth bound was explored and none broke a property.
    Exhausted {
        /// Whether some state at the depth bound still had moves (so the bound cut it short).
        cut_at_depth: bool,
    },
    Violation(Found),
    /// The state bound was reached before the search ended.
    StateBound,
}

impl Stop {
    /// How the search ended, in words.
    pub fn outcome(&self) -> &'static str {
        match self {
            Stop::Exhausted { cut_at_depth: false } => "exhausted",
            Stop::Exhausted { cut_at_depth: true } => "no violation up to the depth bound",
            Stop::Violation(_) => "violation",
            Stop::StateBound => "stopped at the state bound",
        }
    }
}

/// Counters a person watches while the search runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Moves taken (states generated, counting repeats).
    pub states: u64,
    /// Distinct states, by fingerprint.
    pub unique: u64,
    /// The deepest level reached.
    pub depth: usize,
    /// For each of the protocol's goals, the depth it was first reached at.
    pub goals: Vec<Option<usize>>,
}

/// Each state's parent (0 for the initial state) and depth.
#[derive(Clone, Copy)]
struct Seen {
    parent: u64,
    depth: u32,
}

struct Bfs<N: Checkable> {
    seen: Shards<Seen>,
    interner: Interner<N>,
    /// This level's states, in the parts the threads made them in (joining them would copy
    /// every state once more).
    frontier: Vec<Vec<(State<N>, u64)>>,
    /// How far into the frontier this level has got: the part, and the place in it.
    at: (usize, usize),
    next: Vec<Vec<(State<N>, u64)>>,
    /// The violations found at this level: (state's fingerprint, parent's, the move, what).
    found: Vec<(u64, u64, Move, Broken)>,
}

struct Dfs<N: Checkable> {
    seen: Visited,
    /// A search for the shortest counterexample (`Order::Shortest`), and the shortest it has
    /// found so far.
    shortest: bool,
    best: Option<Found>,
    /// One per thread: on one thread the search is the classic one, in a fixed order; on
    /// several, each works down a part of the tree, and an idle one is handed the untried
    /// moves at the bottom of a busy one's stack between slices.
    workers: Vec<Worker<N>>,
}

enum Search<N: Checkable> {
    Bfs(Bfs<N>),
    Dfs(Dfs<N>),
}

/// A search in progress. `advance` runs a slice of it; `progress` reads the counters.
pub struct Explorer<N: Checkable> {
    model: Model<N>,
    max_depth: usize,
    max_states: u64,
    threads: usize,
    search: Search<N>,
    states: AtomicU64,
    progress: Progress,
    cut_at_depth: bool,
    stop: Option<Stop>,
}

/// Largest depth a search may ask for: paths longer than this are beyond any state space a
/// machine can hold, and depths are kept in 32 bits.
pub const MAX_DEPTH: usize = 10_000;

/// States one thread expands between two looks at the bounds and the progress counters:
/// large enough that starting threads costs little, small enough to stop promptly.
const SLICE: usize = 16_384;

/// Moves each thread of a depth-first search takes between two hand-outs of work.
const DFS_SLICE_PER_THREAD: u64 = 1 << 16;

impl<N: Checkable> Explorer<N> {
    pub fn new(
        model: Model<N>,
        order: Order,
        max_depth: usize,
        max_states: u64,
        threads: usize,
    ) -> Result<Self, String> {
        if max_depth == 0 || max_depth > MAX_DEPTH {
            return Err(format!("the depth bound is 1 to {MAX_DEPTH} moves, not {max_depth}"));
        }
        if max_states == 0 {
            return Err("the state bound must allow at least one state".into());
        }
        if model.wide && order == Order::Bfs {
            return Err("wide keys are for depth-first search (--dfs or --shortest): \
                        breadth-first search keeps each state's fingerprint with its parent"
                .into());
        }
        if order == Order::Shortest && max_depth > MAX_KEPT_DEPTH {
            return Err(format!(
                "a search for the shortest counterexample goes to {MAX_KEPT_DEPTH} moves at \
                 most, not {max_depth}"
            ));
        }
        let initial = State::initial(&model);
        let fp = initial.fingerprint(&model);
        let mut progress =
            Progress { states: 1, unique: 1, depth: 0, goals: vec![None; N::GOALS.len()] };
        for (goal, reached) in progress.goals.iter_mut().zip(initial.goals_reached()) {
            if reached {
                *goal = Some(0);
            }
        }
        let search = match order {
            Order::Bfs => {
                let seen = Shards::new();
                seen.shard(fp).insert(fp, Seen { parent: 0, depth: 0 });
                Search::Bfs(Bfs {
                    seen,
                    interner: Interner::new(),
                    frontier: vec![vec![(initial, fp)]],
                    at: (0, 0),
                    next: Vec::new(),
                    found: Vec::new(),
                })
            }
            Order::Dfs | Order::Shortest => {
                let shortest = order == Order::Shortest;
                let mut seen = Visited::new(Keeps { depths: shortest, checks: model.wide });
                seen.visit(initial.key(&model), 0);
                let mut workers: Vec<_> =
                    (0..threads.max(1)).map(|_| Worker::new(initial.unshared())).collect();
                workers[0].stack.push(Frame::new(initial, &model, Vec::new()));
                Search::Dfs(Dfs { seen, shortest, best: None, workers })
            }
        };
        Ok(Explorer {
            model,
            max_depth,
            max_states,
            threads: threads.max(1),
            search,
            states: AtomicU64::new(1),
            progress,
            cut_at_depth: false,
            stop: None,
        })
    }

    pub fn model(&self) -> &Model<N> {
        &self.model
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Why the search ended, once it has.
    pub fn stopped(&self) -> Option<&Stop> {
        self.stop.as_ref()
    }

    /// The shortest counterexample a search for one (`Order::Shortest`) has found so far:
    /// it ends with it, as `Stop::Violation`, once nothing shorter is left; stopped by a
    /// bound before that, it is the shortest found, not known to be the shortest there is.
    pub fn best_so_far(&self) -> Option<&Found> {
        match &self.search {
            Search::Dfs(dfs) => dfs.best.as_ref(),
            Search::Bfs(_) => None,
        }
    }

    /// The depth bound now: a search for the shortest counterexample lowers it below each
    /// one it finds.
    pub fn max_depth(&self) -> usize {
        self.max_depth
    }

    /// Runs until the search ends or about `work` more states were generated. Returns the
    /// reason once it has ended.
    pub fn advance(&mut self, work: u64) -> Option<&Stop> {
        if self.stop.is_none() {
            let stop = match &mut self.search {
                Search::Bfs(_) => self.advance_bfs(work),
                Search::Dfs(_) => self.advance_dfs(work),
            };
            self.progress.states = self.states.load(Ordering::Relaxed);
            self.stop = stop;
        }
        self.stop.as_ref()
    }

    /// Runs to the end.
    pub fn run(&mut self) -> &Stop {
        loop {
            if self.advance(1 << 20).is_some() {
                break;
            }
        }
        self.stop.as_ref().expect("the loop ends only once the search has")
    }

    fn advance_bfs(&mut self, work: u64) -> Option<Stop> {
        let Search::Bfs(bfs) = &mut self.search else { return None };
        let goal = self.states.load(Ordering::Relaxed).saturating_add(work);
        loop {
            if bfs.frontier.get(bfs.at.0).is_some_and(|part| bfs.at.1 == part.len()) {
                bfs.at = (bfs.at.0 + 1, 0);
                continue;
            }
            if bfs.at.0 == bfs.frontier.len() {
                // A level is done: its violations are all at the same, smallest depth; the
                // one with the lowest fingerprint is reported, so every run picks the same.
                // One broken state can be reached from several parents, and which thread
                // found which of them first varies from run to run: the lowest parent, then
                // the lowest move, decides.
                if let Some(found) =
                    bfs.found.iter().min_by_key(|(fp, parent, mv, _)| (*fp, *parent, *mv))
                {
                    return Some(Stop::Violation(bfs_path(&bfs.seen, found, &self.model)));
                }
                bfs.frontier = std::mem::take(&mut bfs.next);
                bfs.at = (0, 0);
                if bfs.frontier.iter().all(Vec::is_empty) {
                    return Some(Stop::Exhausted { cut_at_depth: self.cut_at_depth });
                }
                self.progress.depth += 1;
                if self.progress.depth >= self.max_depth {
                    // States at the bound are counted, not expanded.
                    let model = &self.model;
                    self.cut_at_depth |= bfs
                        .frontier
                        .iter()
                        .flatten()
                        .any(|(state, _)| !state.moves(model).is_empty());
                    bfs.frontier.clear();
                }
                continue;
            }
            if self.progress.unique >= self.max_states {
                return Some(Stop::StateBound);
            }
            if self.states.load(Ordering::Relaxed) >= goal {
                return None;
            }
            // A slice of the level: enough states that threads are worth starting.
            let (part, from) = bfs.at;
            let slice = (bfs.frontier[part].len() - from).min(SLICE * self.threads);
            let chunk = &bfs.frontier[part][from..from + slice];
            let depth = self.progress.depth as u32 + 1;
            let shared = Shared { model: &self.model, seen: &bfs.seen, interner: &bfs.interner };
            let expanded = expand_all(chunk, depth, &shared, &self.states, self.threads);
            bfs.at.1 += slice;
            for part in expanded {
                self.progress.unique += part.next.len() as u64;
                bfs.next.push(part.next);
                bfs.found.extend(part.found);
                for (goal, reached) in self.progress.goals.iter_mut().zip(part.goals) {
                    if reached && goal.is_none() {
                        *goal = Some(depth as usize);
                    }
                }
            }
        }
    }

    fn advance_dfs(&mut self, work: u64) -> Option<Stop> {
        let Search::Dfs(dfs) = &mut self.search else { return None };
        let threads = dfs.workers.len() as u64;
        let mut left = work;
        while left > 0 {
            let room = self.max_states.saturating_sub(self.progress.unique);
            let shortest = dfs.shortest;
            let tallies = if threads == 1 {
                let seen = &mut dfs.seen;
                let stop = AtomicBool::new(false);
                let tally = dfs.workers[0].run(
                    &self.model,
                    self.max_depth,
                    Budget { moves: left, new_states: room },
                    shortest,
                    |key, depth| seen.visit(key, depth),
                    &stop,
                );
                vec![tally]
            } else {
                // Slices short enough that a worker whose part ran out soon gets another,
                // long enough that starting threads costs little.
                let slice = left.min(DFS_SLICE_PER_THREAD * threads);
                hand_out_work(&mut dfs.workers);
                dfs.seen.reserve(slice.min(room) as usize);
                let (model, max_depth, seen) = (&self.model, self.max_depth, &dfs.seen);
                let stop = AtomicBool::new(false);
                let stop = &stop;
                // The moves and the room for new states are shared among the workers that
                // have work (one idle that nobody could give any would otherwise hold a
                // share of the room while the others stop at theirs).
                let busy: Vec<usize> =
                    (0..dfs.workers.len()).filter(|&w| !dfs.workers[w].stack.is_empty()).collect();
                let share = |total: u64, i: usize| {
                    let Some(k) = busy.iter().position(|&w| w == i) else { return 0 };
                    let n = busy.len() as u64;
                    total / n + u64::from((k as u64) < total % n)
                };
                let run = |i: usize, worker: &mut Worker<N>| {
                    let budget = Budget { moves: share(slice, i), new_states: share(room, i) };
                    let visit = |key, depth| seen.visit_shared(key, depth);
                    worker.run(model, max_depth, budget, shortest, visit, stop)
                };
                // The first worker runs on this thread: one thread fewer to start.
                let (first, others) = dfs.workers.split_first_mut().expect("a worker per thread");
                let tallies: Vec<Tally> = std::thread::scope(|scope| {
                    let others: Vec<_> = (others.iter_mut().enumerate())
                        .map(|(i, worker)| scope.spawn(move || run(i + 1, worker)))
                        .collect();
                    let mut tallies = vec![run(0, first)];
                    tallies.extend(
                        others
                            .into_iter()
                            .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
                    );
                    tallies
                });
                dfs.seen.added(tallies.iter().map(|t| t.unique as usize).sum());
                tallies
            };
            let mut found = None;
            for tally in tallies {
                left = left.saturating_sub(tally.states.max(1));
                self.states.fetch_add(tally.states, Ordering::Relaxed);
                self.progress.unique += tally.unique;
                self.progress.depth = self.progress.depth.max(tally.depth);
                self.cut_at_depth |= tally.cut_at_depth;
                for (goal, reached) in self.progress.goals.iter_mut().zip(tally.goals) {
                    *goal = match (*goal, reached) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                // Of several threads' counterexamples, the shortest (then the first in
                // order of moves) is reported.
                found = match (found, tally.found) {
                    (Some(a), Some(b)) => {
                        Some(std::cmp::min_by_key(a, b, |f: &Found| (f.path.len(), f.path.clone())))
                    }
                    (a, b) => a.or(b),
                };
            }
            if let Some(found) = found {
                if !shortest {
                    return Some(Stop::Violation(found));
                }
                // What is left to search is what could be shorter.
                self.max_depth = found.path.len() - 1;
                dfs.best = Some(found);
            }
            if self.progress.unique >= self.max_states {
                return Some(Stop::StateBound);
            }
            if dfs.workers.iter().all(|w| w.stack.is_empty()) {
                return Some(match dfs.best.take() {
                    Some(found) => Stop::Violation(found),
                    None => Stop::Exhausted { cut_at_depth: self.cut_at_depth },
                });
            }
        }
        None
    }

    /// An estimate of the chance that two of the distinct states met so far had the same
    /// fingerprint, so that the search took the second for the first and skipped whatever
    /// lay beyond it: the chance that an "exhausted", or a "nothing shorter", is wrong.
    ///
    /// Two given states share a fingerprint with chance 2^-64 if fingerprints are uniform.
    /// Under symmetry reduction each is the hash of the least of at most r renamings'
    /// digests. The least of r uniform values and the least of r others are equal with
    /// chance r²/(2r − 1) 2^-64 (each falls at v with chance about r e^(-rv) 2^-64), about
    /// r/2 times a single pair's; the hash of two different least digests adds 2^-64. Summed
    /// over every pair, as TLC's "optimistic" estimate is: it assumes the hash spreads the
    /// states evenly. A wide search's keys match only if a second, independent 64-bit hash
    /// (of the renamed state with the least digest) matches too: 2^-64 as likely again.
    ///
    /// Not counted: a state's digests are taken over its parts' 64-bit hashes (each node,
    /// message, timer and the checker's record), so two distinct parts of one kind with the
    /// same hash would make two states one in every search. Those are far fewer than the
    /// states (BENCHMARKS.md, session 37), so this matters only to a wide search.
    pub fn collision_chance(&self) -> f64 {
        let n = self.progress.unique as f64;
        let per_pair = match &self.model.symmetry {
            None => 1.0,
            Some(symmetry) => {
                let r = symmetry.renamings.len() as f64;
                r * r / (2.0 * r - 1.0) + 1.0
            }
        };
        let bits = if self.model.wide { 128 } else { 64 };
        (n * (n - 1.0) / 2.0 * per_pair / 2f64.powi(bits)).min(1.0)
    }

    /// Distinct states recorded so far (the visited set's size).
    pub fn visited(&self) -> usize {
        match &self.search {
            Search::Bfs(bfs) => bfs.seen.len(),
            Search::Dfs(dfs) => dfs.seen.len(),
        }
    }
}

/// What one thread made of its part of a slice.
struct Expanded<N: Checkable> {
    next: Vec<(State<N>, u64)>,
    found: Vec<(u64, u64, Move, Broken)>,
    goals: Vec<bool>,
}

/// What every thread of a breadth-first level reads and adds to.
struct Shared<'a, N: Checkable> {
    model: &'a Model<N>,
    seen: &'a Shards<Seen>,
    interner: &'a Interner<N>,
}

fn expand_all<N: Checkable>(
    chunk: &[(State<N>, u64)],
    depth: u32,
    shared: &Shared<'_, N>,
    states: &AtomicU64,
    threads: usize,
) -> Vec<Expanded<N>> {
    if threads == 1 || chunk.len() < 64 {
        return vec![expand(chunk, depth, shared, states)];
    }
    let per = chunk.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = chunk
            .chunks(per)
            .map(|part| scope.spawn(move || expand(part, depth, shared, states)))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn expand<N: Checkable>(
    part: &[(State<N>, u64)],
    depth: u32,
    shared: &Shared<'_, N>,
    states: &AtomicU64,
) -> Expanded<N> {
    let Shared { model, seen, interner } = *shared;
    let mut out =
        Expanded { next: Vec::new(), found: Vec::new(), goals: vec![false; N::GOALS.len()] };
    let mut taken = 0;
    for (state, parent) in part {
        for mv in state.moves(model) {
            taken += 1;
            let (child, broken) = state.after(mv, model, Some(interner));
            let fp = child.fingerprint(model);
            if let Some(broken) = broken {
                out.found.push((fp, *parent, mv, broken));
                continue;
            }
            let fresh = {
                let mut table = seen.shard(fp);
                match table.get_mut(&fp) {
                    None => {
                        table.insert(fp, Seen { parent: *parent, depth });
                        true
                    }
                    // Reached at this level from several parents: the lowest is kept, so the
                    // path reported does not depend on which thread came first.
                    Some(entry) => {
                        if entry.depth == depth && *parent < entry.parent {
                            entry.parent = *parent;
                        }
                        false
                    }
                }
            };
            if fresh {
                for (goal, reached) in out.goals.iter_mut().zip(child.goals_reached()) {
                    *goal |= reached;
                }
                out.next.push((child, fp));
            }
        }
    }
    states.fetch_add(taken, Ordering::Relaxed);
    out
}

/// The path to a broken state found by breadth-first search: its parents followed back,
/// then, forward from the initial state, at each step the lowest move whose successor has the
/// next fingerprint. Under symmetry reduction the states met on the way may be renamings of
/// those the search kept, so the last move, and what it broke, are found the same way rather
/// than taken from the search's record.
fn bfs_path<N: Checkable>(
    seen: &Shards<Seen>,
    &(broken, last, recorded_move, ref recorded): &(u64, u64, Move, Broken),
    model: &Model<N>,
) -> Found {
    let mut chain = vec![last];
    let mut at = last;
    while let Some(seen) = seen.shard(at).get(&at).copied().filter(|s| s.parent != 0) {
        chain.push(seen.parent);
        at = seen.parent;
    }
    chain.reverse();
    let mut state = State::initial(model);
    let mut path = Vec::new();
    let steps = chain.into_iter().skip(1).map(|fp| (fp, false)).chain([(broken, true)]);
    for (want, last) in steps {
        let mut moves = state.moves(model);
        moves.sort();
        let step = moves.into_iter().find_map(|mv| {
            let (next, broken) = state.after(mv, model, None);
            let matches = next.fingerprint(model) == want && broken.is_some() == last;
            matches.then_some((mv, next, broken))
        });
        let Some((mv, next, broken)) = step else { break };
        path.push(mv);
        if let Some(broken) = broken.filter(|_| last) {
            return Found { broken, path };
        }
        state = next;
    }
    // Only if fingerprints changed from one run of a state to the next (a bug): the path
    // is then cut short, and its replay says it does not break what was found.
    path.push(recorded_move);
    Found { broken: recorded.clone(), path }
}
