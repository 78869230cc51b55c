//! Depth-first search's workers: a stack of frames each, the moves still to try in each
//! frame, and the hand-out of untried moves from a busy worker to an idle one
//! (`explore.rs` runs them, on one thread or several).

use std::sync::atomic::{AtomicBool, Ordering};

use super::footprint::Footprint;
use super::hash::Key;
use super::spec::{Checkable, Model};
use super::state::{Found, Move, SpareRecord, State};
use super::table::Visit;

/// A state on a worker's path, and the moves out of it.
pub(super) struct Frame<N: Checkable> {
    state: State<N>,
    moves: Vec<(Move, Option<Footprint>)>,
    /// The moves this frame tries are `next..end` of `moves` (another thread may have been
    /// handed the rest).
    next: usize,
    end: usize,
    /// Moves not to take here: each was taken from an earlier state of the path, in an order
    /// that reaches what taking it here would.
    asleep: Vec<Footprint>,
}

impl<N: Checkable> Frame<N> {
    pub(super) fn new(state: State<N>, model: &Model<N>, asleep: Vec<Footprint>) -> Self {
        let mut frame = Frame { state, moves: Vec::new(), next: 0, end: 0, asleep };
        frame.list_moves(model);
        frame
    }

    /// Lists the moves out of `state`, all of them still to try.
    fn list_moves(&mut self, model: &Model<N>) {
        let state = &self.state;
        let moves = state.moves(model).into_iter().map(|mv| (mv, state.footprint(mv, model)));
        self.moves.clear();
        self.moves.extend(moves);
        (self.next, self.end) = (0, self.moves.len());
    }

    /// Puts in `asleep` what sleeps after the move at `taken`: what slept here, and the moves
    /// taken here before it, of those that commute with it.
    fn asleep_after(&self, taken: usize, asleep: &mut Vec<Footprint>) {
        asleep.clear();
        let Some(mv) = self.moves[taken].1 else { return };
        let before = self.moves[..taken].iter().filter_map(|(_, f)| *f);
        asleep.extend(self.asleep.iter().copied().chain(before).filter(|f| f.commutes_with(&mv)));
        asleep.dedup();
    }
}

/// One thread's part of a depth-first search. Aligned so that two workers never share a
/// cache line: each writes its own fields with every move, and when they shared one, two
/// threads ran at 1.25-1.5x one thread's speed, against 1.6-1.8x in most runs now
/// (BENCHMARKS.md, session 29).
#[repr(align(128))]
pub(super) struct Worker<N: Checkable> {
    /// The moves from the initial state to the state at the bottom of `stack`.
    pub(super) prefix: Vec<Move>,
    pub(super) stack: Vec<Frame<N>>,
    /// Where each successor is made: most are states seen before, and making them here
    /// spares allocating and freeing a state's lists for each.
    pub(super) scratch: State<N>,
    pub(super) spare: SpareRecord<N::Invariants>,
    /// Frames popped off `stack`, kept for their lists: a new frame takes one, and the
    /// state in `scratch` trades places with its old state, so that going one level deeper
    /// allocates nothing once the stack has been as deep before.
    popped: Vec<Frame<N>>,
}

/// How much one slice of a worker's run may do: moves to take, and new states to add to the
/// visited set.
#[derive(Clone, Copy)]
pub(super) struct Budget {
    pub(super) moves: u64,
    pub(super) new_states: u64,
}

/// What a worker did in one slice.
pub(super) struct Tally {
    pub(super) states: u64,
    pub(super) unique: u64,
    pub(super) depth: usize,
    pub(super) goals: Vec<Option<usize>>,
    pub(super) cut_at_depth: bool,
    pub(super) found: Option<Found>,
}

impl<N: Checkable> Worker<N> {
    pub(super) fn new(scratch: State<N>) -> Self {
        let spare = SpareRecord::default();
        Worker { prefix: Vec::new(), stack: Vec::new(), scratch, spare, popped: Vec::new() }
    }

    /// Takes the moves and adds the new states `budget` allows to the visited set (through
    /// `visit`, given each state's key and depth), stopping early at the bottom of its
    /// stack, at a violation, or when `stop` says another thread found one.
    ///
    /// In a search for the shortest counterexample (`shortest`), a violation does not stop
    /// it: the worker keeps the shortest it has met, and from then on only looks for shorter
    /// ones, within a depth bound one move less. It tries every move (sleep sets would make
    /// it reach some states only by longer paths first), and tries a state's moves again
    /// when it reaches the state by a shorter path than before.
    pub(super) fn run(
        &mut self,
        model: &Model<N>,
        mut max_depth: usize,
        budget: Budget,
        shortest: bool,
        mut visit: impl FnMut(Key, usize) -> Visit,
        stop: &AtomicBool,
    ) -> Tally {
        let mut tally = Tally {
            states: 0,
            unique: 0,
            depth: 0,
            goals: vec![None; N::GOALS.len()],
            cut_at_depth: false,
            found: None,
        };
        loop {
            // The depth of the top frame's successors: beyond the bound once a shortest-path
            // search has lowered it below a frame already on the stack.
            let depth = self.prefix.len() + self.stack.len();
            let Some(frame) = self.stack.last_mut() else { break };
            let spent = tally.states == budget.moves || tally.unique == budget.new_states;
            if spent || stop.load(Ordering::Relaxed) {
                break;
            }
            if frame.next == frame.end || depth > max_depth {
                self.popped.extend(self.stack.pop());
                continue;
            }
            let (mv, footprint) = frame.moves[frame.next];
            frame.next += 1;
            if footprint.is_some_and(|f| frame.asleep.contains(&f)) {
                continue;
            }
            tally.states += 1;
            let broken = frame.state.after_into(mv, model, &mut self.scratch, &mut self.spare);
            if let Some(broken) = broken {
                let taken = self.stack.iter().map(|f| f.moves[f.next - 1].0);
                let path = self.prefix.iter().copied().chain(taken).collect();
                tally.found = Some(Found { broken, path });
                if !shortest {
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
                // Anything shorter lies within one move less.
                max_depth = depth - 1;
                continue;
            }
            let child = &self.scratch;
            let seen = visit(child.key(model), depth);
            if seen == Visit::Seen {
                continue;
            }
            if seen == Visit::New {
                tally.unique += 1;
            }
            tally.depth = tally.depth.max(depth);
            for (goal, reached) in tally.goals.iter_mut().zip(child.goals_reached()) {
                if reached && goal.is_none_or(|d| depth < d) {
                    *goal = Some(depth);
                }
            }
            if depth >= max_depth {
                tally.cut_at_depth |= !child.moves(model).is_empty();
            } else {
                let parent = self.stack.last().expect("the frame the move was taken from");
                let mut frame = match self.popped.pop() {
                    Some(mut frame) => {
                        std::mem::swap(&mut frame.state, &mut self.scratch);
                        frame.list_moves(model);
                        frame
                    }
                    None => Frame::new(child.clone(), model, Vec::new()),
                };
                if shortest {
                    frame.asleep.clear();
                } else {
                    parent.asleep_after(parent.next - 1, &mut frame.asleep);
                }
                self.stack.push(frame);
            }
        }
        tally
    }
}

/// Gives each worker whose stack is empty half the untried moves of a busy worker's lowest
/// frame that has some (the largest parts of the tree left), in a copy of that frame whose
/// state shares nothing with the donor's (threads that count references to one value slow
/// each other down). The copy keeps the frame's list of moves, so that its sleep sets are
/// the ones the donor would have made: the moves before its part count as taken before.
pub(super) fn hand_out_work<N: Checkable>(workers: &mut [Worker<N>]) {
    for idle in 0..workers.len() {
        if !workers[idle].stack.is_empty() {
            continue;
        }
        // A frame can give when it has moves left that its worker is not about to take.
        let can_give = |w: &Worker<N>, at: usize| {
            let frame = &w.stack[at];
            frame.end - frame.next >= if at + 1 == w.stack.len() { 2 } else { 1 }
        };
        let lowest = |w: &Worker<N>| (0..w.stack.len()).find(|&at| can_give(w, at));
        let donor = (0..workers.len())
            .filter_map(|w| lowest(&workers[w]).map(|at| (workers[w].prefix.len() + at, w, at)))
            .min();
        let Some((_, donor, at)) = donor else { return };
        let giver = &mut workers[donor];
        let taken = giver.stack[..at].iter().map(|f| f.moves[f.next - 1].0);
        let prefix = giver.prefix.iter().copied().chain(taken).collect();
        let frame = &mut giver.stack[at];
        let half = frame.next + (frame.end - frame.next) / 2;
        let handed = Frame {
            state: frame.state.unshared(),
            moves: frame.moves.clone(),
            next: half,
            end: frame.end,
            asleep: frame.asleep.clone(),
        };
        frame.end = half;
        workers[idle].prefix = prefix;
        workers[idle].stack.push(handed);
    }
}
