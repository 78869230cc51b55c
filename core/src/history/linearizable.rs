//! Is a key-value history linearizable? Each key is a register checked on its own (a history
//! is linearizable exactly when each key's is: Herlihy & Wing's locality), by the Wing & Gong
//! search with the memoization Lowe added and Porcupine uses: operations are tried in an
//! order their calls and answers allow, and a (set of operations linearized, register value)
//! pair already explored is never explored again.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;

use super::{Ending, Moment, OpKind, Operation};

/// Search steps one key may take before the checker gives up (a history built to defeat the
/// memoization; none of the simulator's come near it).
const BUDGET: u64 = 5_000_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "verdict")]
pub enum Verdict {
    Linearizable,
    /// The shortest prefix of the history that no single copy of the store explains ends
    /// with `request`'s answer at `at`.
    Violation {
        key: Arc<str>,
        request: u64,
        at: Moment,
        detail: String,
    },
    /// The search for `key` ran out of budget.
    GaveUp {
        key: Arc<str>,
    },
}

/// Checks every key of `operations`.
pub fn check(operations: &[Operation]) -> Verdict {
    let mut keys: HashMap<&Arc<str>, Vec<&Operation>> = HashMap::new();
    for op in operations {
        keys.entry(&op.key).or_default().push(op);
    }
    let mut keys: Vec<_> = keys.into_iter().collect();
    keys.sort_by(|a, b| a.0.cmp(b.0));
    let mut first: Option<Verdict> = None;
    for (key, ops) in keys {
        let verdict = check_key(key, &ops);
        let earlier = match (&verdict, &first) {
            (Verdict::Linearizable, _) => false,
            (_, None) => true,
            (Verdict::Violation { at, .. }, Some(Verdict::Violation { at: seen, .. })) => at < seen,
            (Verdict::Violation { .. }, Some(_)) => true,
            (Verdict::GaveUp { .. }, Some(_)) => false,
        };
        if earlier {
            first = Some(verdict);
        }
    }
    first.unwrap_or(Verdict::Linearizable)
}

/// One key: if its whole history fails, the shortest failing prefix (prefixes of a
/// linearizable history are linearizable, so a binary search over answer steps finds it).
fn check_key(key: &Arc<str>, ops: &[&Operation]) -> Verdict {
    match search(&prefix(ops, u64::MAX)) {
        Some(true) => return Verdict::Linearizable,
        None => return Verdict::GaveUp { key: key.clone() },
        Some(false) => {}
    }
    let mut cuts: Vec<u64> = ops
        .iter()
        .filter(|op| op.ending == Ending::Ok)
        .filter_map(|op| op.answer.map(|a| a.step))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    // The first cut whose prefix fails; the whole history fails, so the last cut does.
    let (mut low, mut high) = (0, cuts.len() - 1);
    while low < high {
        let mid = (low + high) / 2;
        if search(&prefix(ops, cuts[mid])) == Some(false) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    let cut = cuts[low];
    let culprit = ops
        .iter()
        .find(|op| op.ending == Ending::Ok && op.answer.is_some_and(|a| a.step == cut))
        .expect("a cut is an answer's step");
    Verdict::Violation {
        key: key.clone(),
        request: culprit.request,
        at: culprit.answer.expect("answered"),
        detail: explain(culprit, ops),
    }
}

fn explain(culprit: &Operation, ops: &[&Operation]) -> String {
    let written_before = ops
        .iter()
        .filter(|op| op.ending == Ending::Ok)
        .filter(|op| op.answer.is_some_and(|a| a.step < culprit.call.step))
        .filter_map(|op| match &op.kind {
            OpKind::Write { value } => Some((op.answer, op.request, value)),
            OpKind::Read { .. } => None,
        })
        .max();
    let key = &culprit.key;
    match (&culprit.kind, written_before) {
        (OpKind::Read { value }, Some((_, write, newer))) => {
            format!(
                "read #{} of {key} at {} returned {}, but the write {key}={newer} (#{}) had \
                 completed before the read began, and no order of the operations so far \
                 explains it",
                culprit.request,
                culprit.node,
                shown(value),
                write,
            )
        }
        (OpKind::Read { value }, None) => format!(
            "read #{} of {key} at {} returned {}, which no order of the operations so far \
             explains",
            culprit.request,
            culprit.node,
            shown(value)
        ),
        (OpKind::Write { value }, _) => format!(
            "write {key}={value} (#{}) completed, and no order of the operations so far \
             explains what the reads around it returned",
            culprit.request
        ),
    }
}

fn shown(value: &Option<Arc<str>>) -> String {
    value.as_ref().map_or_else(|| "nothing (never written)".to_string(), |v| v.to_string())
}

/// An operation as the search sees it.
#[derive(Clone, Copy, Debug)]
struct Op {
    call: u64,
    /// `u64::MAX` for an operation that may take effect at any moment after its call.
    answer: u64,
    write: bool,
    /// The value written or read, interned (0: never written).
    value: u32,
}

/// The history up to and including step `cut`: later calls are left out, a write answered
/// after it may or may not have happened by then, a read answered after it saw nothing yet.
fn prefix(ops: &[&Operation], cut: u64) -> Vec<Op> {
    let mut values: HashMap<Arc<str>, u32> = HashMap::new();
    let mut intern = |value: Option<&Arc<str>>| -> u32 {
        let Some(value) = value else { return 0 };
        let next = values.len() as u32 + 1;
        *values.entry(value.clone()).or_insert(next)
    };
    // A write whose outcome is unknown and whose value no read returned can be placed last
    // (or never): leaving it out changes no verdict, and unknown writes, concurrent with
    // everything after their call, are what makes the search explode.
    let read_back: Vec<&Arc<str>> = ops
        .iter()
        .filter(|op| op.call.step <= cut && op.answer.is_some_and(|a| a.step <= cut))
        .filter_map(|op| match &op.kind {
            OpKind::Read { value } => value.as_ref(),
            OpKind::Write { .. } => None,
        })
        .collect();
    let mut out = Vec::with_capacity(ops.len());
    for op in ops.iter().filter(|op| op.call.step <= cut && op.ending != Ending::Failed) {
        let answer = match (op.ending, op.answer) {
            (Ending::Ok, Some(a)) if a.step <= cut => a.step,
            _ => u64::MAX,
        };
        match &op.kind {
            OpKind::Write { value } if answer == u64::MAX && !read_back.contains(&value) => {}
            OpKind::Write { value } => {
                out.push(Op { call: op.call.step, answer, write: true, value: intern(Some(value)) })
            }
            OpKind::Read { value } if answer != u64::MAX => out.push(Op {
                call: op.call.step,
                answer,
                write: false,
                value: intern(value.as_ref()),
            }),
            OpKind::Read { .. } => {}
        }
    }
    out
}

/// The search. `Some(true)`: linearizable; `None`: out of budget.
fn search(ops: &[Op]) -> Option<bool> {
    let n = ops.len();
    if n == 0 {
        return Some(true);
    }
    // Entries 1..=2n are calls and answers in order; 0 and 2n + 1 are the list's ends.
    let mut order: Vec<(u64, u8, usize)> = Vec::with_capacity(2 * n);
    for (i, op) in ops.iter().enumerate() {
        order.push((op.call, 0, i));
        order.push((op.answer, 1, i));
    }
    order.sort_unstable();
    let (head, tail) = (0, 2 * n + 1);
    let mut next: Vec<usize> = (1..=tail + 1).collect();
    let mut prev: Vec<usize> = (0..=tail).map(|i| i.saturating_sub(1)).collect();
    let mut op_at = vec![0usize; 2 * n + 2];
    let mut is_call = vec![false; 2 * n + 2];
    let mut answer_of = vec![0usize; n];
    for (position, &(_, kind, op)) in order.iter().enumerate() {
        let entry = position + 1;
        op_at[entry] = op;
        is_call[entry] = kind == 0;
        if kind == 1 {
            answer_of[op] = entry;
        }
    }
    let unlink = |next: &mut Vec<usize>, prev: &mut Vec<usize>, e: usize| {
        next[prev[e]] = next[e];
        prev[next[e]] = prev[e];
    };
    let relink = |next: &mut Vec<usize>, prev: &mut Vec<usize>, e: usize| {
        next[prev[e]] = e;
        prev[next[e]] = e;
    };

    let words = n.div_ceil(64);
    let mut linearized = vec![0u64; words];
    let zobrist: Vec<u64> = (0..n as u64).map(mix).collect();
    let mut hash = 0u64;
    let mut seen: HashSet<(u64, u32, Box<[u64]>)> = HashSet::new();
    let mut stack: Vec<(usize, u32)> = Vec::new();
    let mut state = 0u32;
    // Per value, the writes of it not yet placed: a read can only ever return a value that
    // is current now or that one of them will write.
    let values = ops.iter().map(|op| op.value as usize).max().unwrap_or(0) + 1;
    let mut writes_left = vec![0u32; values];
    for op in ops.iter().filter(|op| op.write) {
        writes_left[op.value as usize] += 1;
    }
    let mut entry = next[head];
    let mut budget = BUDGET;
    while next[head] != tail {
        budget = budget.checked_sub(1)?;
        if is_call[entry] {
            let i = op_at[entry];
            let op = ops[i];
            let fits = op.write || op.value == state;
            let after = if op.write { op.value } else { state };
            if fits {
                linearized[i / 64] |= 1 << (i % 64);
                hash ^= zobrist[i];
                if op.write {
                    writes_left[op.value as usize] -= 1;
                }
                // Placing a write first is hopeless if a read that must come before the
                // next answer returns a value neither this write nor any left can give.
                // Without this, a leader cut off with a dozen writes and reads waiting
                // (the reads answered with the old value) sent the search through every
                // order of the writes before it learned that none can go first.
                let mut viable = true;
                let mut waiting = next[head];
                while op.write && viable && waiting != tail && is_call[waiting] {
                    let read = ops[op_at[waiting]];
                    viable =
                        read.write || read.value == after || writes_left[read.value as usize] > 0;
                    waiting = next[waiting];
                }
                if viable && seen.insert((hash, after, linearized.clone().into_boxed_slice())) {
                    stack.push((entry, state));
                    state = after;
                    unlink(&mut next, &mut prev, entry);
                    unlink(&mut next, &mut prev, answer_of[i]);
                    entry = next[head];
                    continue;
                }
                linearized[i / 64] &= !(1 << (i % 64));
                hash ^= zobrist[i];
                if op.write {
                    writes_left[op.value as usize] += 1;
                }
            }
            entry = next[entry];
        } else {
            // An answer reached with its operation not yet placed: undo the last choice.
            let Some((call, before)) = stack.pop() else { return Some(false) };
            let i = op_at[call];
            linearized[i / 64] &= !(1 << (i % 64));
            hash ^= zobrist[i];
            if ops[i].write {
                writes_left[ops[i].value as usize] += 1;
            }
            state = before;
            relink(&mut next, &mut prev, answer_of[i]);
            relink(&mut next, &mut prev, call);
            entry = next[call];
        }
    }
    Some(true)
}

/// SplitMix64's finalizer: a well-spread 64-bit value per operation.
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
