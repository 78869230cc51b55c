//! The leaderless task cluster, end to end in the simulator: tasks go to their key's owner
//! whichever member a client asks; when an owner crashes, the next owner on the ring takes
//! its tasks over once SWIM confirms the death, and every task completes.

use std::collections::BTreeSet;

use clusterscope_core::protocols::tasks::leaderless::{Event, PeerConfig, PeerTaskNode};
use clusterscope_core::protocols::tasks::task::Command;
use clusterscope_core::sim::{
    Action, NodeId, RecordKind, Sim, SimConfig, Target, Time, MILLI, SECOND,
};

/// What each member recorded, with when.
type Events = Vec<(Time, NodeId, Event)>;

fn run(sim: &mut Sim<PeerTaskNode>, until: Time, events: &mut Events) {
    while sim.next_event_time().is_some_and(|t| t <= until) {
        sim.step();
        for record in sim.records() {
            if let RecordKind::Node { node, event } = &record.kind {
                events.push((record.time, *node, event.clone()));
            }
        }
    }
}

/// Five members given 40 tasks of 2 s (one every 20 ms from 0.5 s, round the members),
/// run to 1.5 s; with the events so far, the member running most tasks and how many.
fn busy_cluster() -> (Sim<PeerTaskNode>, Events, NodeId, usize) {
    let mut sim = Sim::new(SimConfig::new(5, 3), PeerConfig::default());
    for i in 0..40u64 {
        let command: Command = format!("job{i}=2s").parse().expect("a task");
        let node = Target::Node(NodeId((i % 5) as u32));
        sim.schedule(500 * MILLI + i * 20 * MILLI, Action::Client { node, command }, None);
    }
    let mut events = Vec::new();
    run(&mut sim, 1500 * MILLI, &mut events);
    let (busiest, had) = NodeId::all(5)
        .map(|id| (id, sim.node(id).map_or(0, |n| n.running().len())))
        .max_by_key(|(_, running)| *running)
        .expect("members");
    assert!(had > 0);
    (sim, events, busiest, had)
}

#[test]
fn a_crashed_owners_tasks_are_taken_over_and_all_complete() {
    let (mut sim, mut events, victim, had) = busy_cluster();
    sim.schedule(sim.now(), Action::Crash { node: Target::Node(victim) }, None);
    run(&mut sim, 30 * SECOND, &mut events);
    assert_eq!(sim.violations(), &[]);

    let count = |wanted: fn(&Event) -> bool| events.iter().filter(|(_, _, e)| wanted(e)).count();
    assert_eq!(count(|e| matches!(e, Event::Submitted { .. })), 40);
    assert_eq!(count(|e| matches!(e, Event::Refused { .. })), 0, "views agreed throughout");
    let took_over: Vec<u64> = events
        .iter()
        .filter_map(|(_, _, e)| match e {
            Event::TookOver { task, from } if *from == victim => Some(*task),
            _ => None,
        })
        .collect();
    assert_eq!(took_over.len(), had, "each task the crashed owner ran is taken over once");
    assert_eq!(finished(&events).len(), 40, "every task completes");
    // The takeover waited for SWIM: a probe period to suspect, then the suspicion timeout.
    let crash = 1500 * MILLI;
    let first = events.iter().find(|(_, _, e)| matches!(e, Event::TookOver { .. }));
    let waited = first.map(|(at, _, _)| at - crash).expect("a takeover");
    assert!(waited > SECOND, "took over {waited} µs after the crash");
}

#[test]
fn a_member_that_leaves_is_taken_over_without_waiting_for_suspicion() {
    let (mut sim, mut events, leaver, had) = busy_cluster();
    let leave = Action::Client { node: Target::Node(leaver), command: Command::Leave };
    sim.schedule(sim.now(), leave, None);
    let left_at = sim.now();
    run(&mut sim, 30 * SECOND, &mut events);
    assert_eq!(sim.violations(), &[]);

    // Its leaving is news the others hear directly: each takes over its share at once,
    // not after SWIM's suspicion timeout.
    let took_over: Vec<Time> = events
        .iter()
        .filter_map(|(at, _, e)| match e {
            Event::TookOver { from, .. } if *from == leaver => Some(*at),
            _ => None,
        })
        .collect();
    assert_eq!(took_over.len(), had, "each task it dropped is taken over once");
    assert!(took_over.iter().all(|at| at - left_at < 100 * MILLI), "{took_over:?}");
    assert_eq!(finished(&events).len(), 40, "every task finishes");
    let rings = events.iter().filter(|(_, node, e)| {
        *node != leaver && matches!(e, Event::RingChanged { gone, .. } if gone == &[leaver])
    });
    assert_eq!(rings.count(), 4, "every other member's ring loses it");
}

/// The tasks some member finished, each once.
fn finished(events: &Events) -> BTreeSet<u64> {
    let tasks = events.iter().filter_map(|(_, _, e)| match e {
        Event::Finished { task } => Some(*task),
        _ => None,
    });
    tasks.collect()
}
