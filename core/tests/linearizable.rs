//! The linearizability checker on histories written by hand: what it must accept, what it
//! must reject, and where it says the first violation is.

use std::sync::Arc;

use clusterscope_core::history::linearizable::{check, Verdict};
use clusterscope_core::history::{Ending, Moment, OpKind, Operation};
use clusterscope_core::sim::NodeId;
use clusterscope_core::workloads::register_history;

fn at(step: u64) -> Moment {
    Moment { step, time: step * 1000 }
}

fn write(request: u64, key: &str, value: &str, call: u64, answer: Option<u64>) -> Operation {
    Operation {
        request,
        node: NodeId(0),
        key: key.into(),
        kind: OpKind::Write { value: value.into() },
        call: at(call),
        answer: answer.map(at),
        ending: if answer.is_some() { Ending::Ok } else { Ending::Unknown },
    }
}

fn read(request: u64, key: &str, value: Option<&str>, call: u64, answer: u64) -> Operation {
    Operation {
        request,
        node: NodeId(1),
        key: key.into(),
        kind: OpKind::Read { value: value.map(Arc::from) },
        call: at(call),
        answer: Some(at(answer)),
        ending: Ending::Ok,
    }
}

fn violation_at(verdict: &Verdict) -> Option<(u64, u64)> {
    match verdict {
        Verdict::Violation { request, at, .. } => Some((*request, at.step)),
        _ => None,
    }
}

#[test]
fn a_read_after_a_write_sees_it() {
    let ok = [write(1, "x", "1", 1, Some(2)), read(2, "x", Some("1"), 3, 4)];
    assert_eq!(check(&ok), Verdict::Linearizable);
    let stale = [write(1, "x", "1", 1, Some(2)), read(2, "x", None, 3, 4)];
    assert_eq!(violation_at(&check(&stale)), Some((2, 4)));
}

#[test]
fn a_read_overlapping_a_write_may_see_either_value() {
    for seen in [None, Some("1")] {
        let history = [write(1, "x", "1", 1, Some(5)), read(2, "x", seen, 2, 4)];
        assert_eq!(check(&history), Verdict::Linearizable, "read saw {seen:?}");
    }
    let invented = [write(1, "x", "1", 1, Some(5)), read(2, "x", Some("2"), 2, 4)];
    assert!(violation_at(&check(&invented)).is_some());
}

#[test]
fn once_a_read_sees_a_new_value_a_later_read_cannot_see_the_old() {
    let history = [
        write(1, "x", "1", 1, Some(2)),
        write(2, "x", "2", 3, Some(20)),
        read(3, "x", Some("2"), 4, 5),
        read(4, "x", Some("1"), 6, 7),
    ];
    assert_eq!(violation_at(&check(&history)), Some((4, 7)));
}

#[test]
fn an_unknown_write_may_take_effect_late_or_never() {
    let late =
        [write(1, "x", "1", 1, None), read(2, "x", None, 2, 3), read(3, "x", Some("1"), 9, 10)];
    assert_eq!(check(&late), Verdict::Linearizable);
    let never = [write(1, "x", "1", 1, None), read(2, "x", None, 9, 10)];
    assert_eq!(check(&never), Verdict::Linearizable);
    // But it happens once: seen and then unseen is not possible.
    let flicker =
        [write(1, "x", "1", 1, None), read(2, "x", Some("1"), 2, 3), read(3, "x", None, 4, 5)];
    assert_eq!(violation_at(&check(&flicker)), Some((3, 5)));
}

#[test]
fn a_failed_write_must_not_be_seen() {
    let mut failed = write(1, "x", "1", 1, Some(2));
    failed.ending = Ending::Failed;
    let history = [failed, read(2, "x", Some("1"), 3, 4)];
    assert_eq!(violation_at(&check(&history)), Some((2, 4)));
}

#[test]
fn keys_are_independent_and_the_earliest_violation_is_reported() {
    let history = [
        write(1, "x", "1", 1, Some(2)),
        write(2, "y", "1", 1, Some(2)),
        read(3, "y", None, 3, 9),
        read(4, "x", None, 3, 6),
        read(5, "z", None, 3, 4),
    ];
    let verdict = check(&history);
    assert_eq!(violation_at(&verdict), Some((4, 6)), "{verdict:?}");
    let Verdict::Violation { key, detail, .. } = verdict else { unreachable!() };
    assert_eq!(&*key, "x");
    assert!(detail.contains("x=1 (#1) had completed"), "{detail}");
}

#[test]
fn ten_thousand_overlapping_operations_over_sixteen_keys_check_out() {
    let history = register_history(10_000, 16, 7);
    assert_eq!(check(&history), Verdict::Linearizable);
    // And one stale read planted in the middle is found, at its answer.
    let mut broken = history.clone();
    let target = (5_000..)
        .find(|&i| matches!(&broken[i].kind, OpKind::Read { value: Some(_) }))
        .expect("a read of a written key");
    broken[target].kind = OpKind::Read { value: Some("never written".into()) };
    let verdict = check(&broken);
    assert_eq!(violation_at(&verdict), Some((target as u64, broken[target].answer.unwrap().step)));
}

/// The definition, searched exhaustively: some order of the answered operations, and of any
/// unknown writes chosen to have happened, that keeps every operation answered before
/// another's call ahead of it and in which each read returns the latest write.
fn linearizable_by_brute_force(ops: &[Operation]) -> bool {
    fn answered_before(a: &Operation, b: &Operation) -> bool {
        a.answer.is_some_and(|answer| answer.step < b.call.step)
    }
    fn place(ops: &[Operation], placed: &mut Vec<bool>, value: Option<Arc<str>>) -> bool {
        let waiting = |placed: &[bool], i: usize| !placed[i] && ops[i].ending == Ending::Ok;
        if !(0..ops.len()).any(|i| waiting(placed, i)) {
            return true;
        }
        for i in 0..ops.len() {
            let blocked =
                (0..ops.len()).any(|p| waiting(placed, p) && answered_before(&ops[p], &ops[i]));
            if placed[i] || blocked {
                continue;
            }
            let after = match &ops[i].kind {
                OpKind::Write { value } => Some(value.clone()),
                OpKind::Read { value: read } if *read == value => value.clone(),
                OpKind::Read { .. } => continue,
            };
            placed[i] = true;
            if place(ops, placed, after) {
                return true;
            }
            placed[i] = false;
        }
        false
    }
    place(ops, &mut vec![false; ops.len()], None)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// On small one-key histories (answered or unknown writes of a few values, answered
    /// reads, overlapping at random) the checker, pruning and all, agrees with the
    /// exhaustive search.
    #[test]
    fn the_checker_agrees_with_an_exhaustive_search(
        shapes in proptest::collection::vec((0u64..12, 0u64..6, 0u8..4, 0u8..3, proptest::bool::ANY), 1..8)
    ) {
        let values = ["1", "2", "3"];
        let ops: Vec<Operation> = shapes
            .iter()
            .enumerate()
            .map(|(i, &(call, length, value, kind, known))| {
                let request = i as u64 + 1;
                match kind {
                    0 => read(request, "x", values.get(value as usize).copied(), call, call + length),
                    _ => write(request, "x", values[value as usize % 3], call, known.then_some(call + length)),
                }
            })
            .collect();
        let expected = linearizable_by_brute_force(&ops);
        let verdict = check(&ops);
        let gave_up = matches!(verdict, Verdict::GaveUp { .. });
        proptest::prop_assert!(!gave_up);
        proptest::prop_assert_eq!(verdict == Verdict::Linearizable, expected, "{:?}", ops);
    }
}
