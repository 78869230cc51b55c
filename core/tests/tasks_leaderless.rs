//! The leaderless task cluster, end to end in the simulator: tasks go to their key's owner
//! whichever member a client asks; when an owner crashes, the next owner on the ring takes
//! its tasks over once SWIM confirms the death, and every task completes.

use std::collections::BTreeSet;

use clusterscope_core::protocols::tasks::leaderless::{Event, PeerConfig, PeerTaskNode};
use clusterscope_core::protocols::tasks::task::Task;
use clusterscope_core::sim::{
    Action, NodeId, RecordKind, Sim, SimConfig, Target, Time, MILLI, SECOND,
};

fn run(sim: &mut Sim<PeerTaskNode>, until: Time, events: &mut Vec<(Time, NodeId, Event)>) {
    while sim.next_event_time().is_some_and(|t| t <= until) {
        sim.step();
        for record in sim.records() {
            if let RecordKind::Node { node, event } = &record.kind {
                events.push((record.time, *node, event.clone()));
            }
        }
    }
}

#[test]
fn a_crashed_owners_tasks_are_taken_over_and_all_complete() {
    let mut sim = Sim::new(SimConfig::new(5, 3), PeerConfig::default());
    for i in 0..40u64 {
        let command: Task = format!("job{i}=2s").parse().expect("a task");
        let node = Target::Node(NodeId((i % 5) as u32));
        sim.schedule(500 * MILLI + i * 20 * MILLI, Action::Client { node, command }, None);
    }
    let mut events = Vec::new();
    run(&mut sim, 1500 * MILLI, &mut events);
    let (victim, had) = NodeId::all(5)
        .map(|id| (id, sim.node(id).map_or(0, |n| n.running().len())))
        .max_by_key(|(_, running)| *running)
        .expect("members");
    assert!(had > 0);
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
    let finished: BTreeSet<u64> = events
        .iter()
        .filter_map(|(_, _, e)| match e {
            Event::Finished { task } => Some(*task),
            _ => None,
        })
        .collect();
    assert_eq!(finished.len(), 40, "every task completes");
    // The takeover waited for SWIM: a probe period to suspect, then the suspicion timeout.
    let crash = 1500 * MILLI;
    let first = events.iter().find(|(_, _, e)| matches!(e, Event::TookOver { .. }));
    let waited = first.map(|(at, _, _)| at - crash).expect("a takeover");
    assert!(waited > SECOND, "took over {waited} µs after the crash");
}
