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
