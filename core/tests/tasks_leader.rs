//! The single-leader task cluster, end to end in the simulator: a worker that crashes is
//! declared failed after α · T_hb and its tasks finish elsewhere, once each; a coordinator
//! that crashes is replaced, and the new one knows every assignment from the log.

use clusterscope_core::protocols::tasks::leader::{Event, LeaderConfig, LeaderTaskNode};
use clusterscope_core::protocols::tasks::task::Command;
use clusterscope_core::sim::{
    Action, Node, NodeId, RecordKind, Sim, SimConfig, Target, Time, MILLI, SECOND,
};

/// Events of the whole run, with when and where they happened.
fn run(sim: &mut Sim<LeaderTaskNode>, until: Time, events: &mut Vec<(Time, NodeId, Event)>) {
    while sim.next_event_time().is_some_and(|t| t <= until) {
        sim.step();
        for record in sim.records() {
            if let RecordKind::Node { node, event } = &record.kind {
                events.push((record.time, *node, event.clone()));
            }
        }
    }
}

/// Five servers; a client submits `count` tasks of 400 ms through the coordinator, one every
/// 50 ms from 0.5 s.
fn cluster(count: u64) -> Sim<LeaderTaskNode> {
    let mut sim = Sim::new(SimConfig::new(5, 7), LeaderConfig::default());
    for i in 0..count {
        let command: Command = format!("job{i}=400ms").parse().expect("a task");
        sim.schedule(
            500 * MILLI + i * 50 * MILLI,
            Action::Client { node: Target::LEADER, command },
            None,
        );
    }
    sim
}

fn completions(events: &[(Time, NodeId, Event)]) -> Vec<(u64, u32, NodeId)> {
    events
        .iter()
        .filter_map(|(_, _, e)| match e {
            Event::Completed { task, epoch, worker } => Some((*task, *epoch, *worker)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_crashed_workers_tasks_finish_elsewhere_once_each() {
    let mut sim = cluster(40);
    let mut events = Vec::new();
    run(&mut sim, SECOND, &mut events);
    let leader = NodeId::all(5).find(|id| sim.node(*id).is_some_and(|n| n.leading().is_some()));
    let leader = leader.expect("a coordinator by 1 s");
    let (victim, had) = NodeId::all(5)
        .filter(|id| *id != leader)
        .map(|id| (id, sim.node(id).map_or(0, |n| n.running().len())))
        .max_by_key(|(_, running)| *running)
        .expect("workers");
    assert!(had > 0, "{victim} runs tasks when it crashes");
    sim.schedule(SECOND, Action::Crash { node: Target::Node(victim) }, None);
    run(&mut sim, 10 * SECOND, &mut events);
    assert_eq!(sim.violations(), &[]);

    let config = LeaderConfig::default();
    let declared = events.iter().find_map(|(at, _, e)| match e {
        Event::Declared { worker, tasks, .. } if *worker == victim => Some((*at, *tasks)),
        _ => None,
    });
    let (at, moved) = declared.expect("the crashed worker is declared failed");
    assert!(moved >= had, "{moved} of its {had} tasks moved");
    // Declared α · T_hb after its last heartbeat arrived: that was sent at most T_hb before
    // the crash and took at most the network's 15 ms.
    let silence = at - SECOND;
    let timeout = config.silence_timeout();
    assert!(
        silence + config.heartbeat >= timeout && silence <= timeout + 15 * MILLI,
        "declared {silence} µs after the crash"
    );

    let done = completions(&events);
    assert_eq!(done.len(), 40, "every task completes");
    let mut tasks: Vec<u64> = done.iter().map(|(task, _, _)| *task).collect();
    tasks.dedup();
    assert_eq!(tasks.len(), 40, "once each");
    assert!(done.iter().all(|(_, _, worker)| *worker != victim));
    let second_attempts = done.iter().filter(|(_, epoch, _)| *epoch == 2).count();
    assert_eq!(second_attempts, had, "the crashed worker's running tasks finished in attempt 2");
}

#[test]
fn a_new_coordinator_knows_every_assignment_from_the_log() {
    let mut sim = cluster(40);
    let mut events = Vec::new();
    run(&mut sim, SECOND + 200 * MILLI, &mut events);
    let old = NodeId::all(5).find(|id| sim.node(*id).is_some_and(|n| n.leading().is_some()));
    let old = old.expect("a coordinator");
    let assigned = sim.node(old).map_or(0, |n| n.table().len());
    sim.schedule(sim.now(), Action::Crash { node: Target::Node(old) }, None);
    run(&mut sim, 10 * SECOND, &mut events);
    assert_eq!(sim.violations(), &[]);

    let new = NodeId::all(5).find(|id| sim.node(*id).is_some_and(|n| n.leading().is_some()));
    let new = new.expect("a new coordinator");
    assert_ne!(new, old);
    let table = sim.node(new).map(|n| n.table().clone()).expect("up");
    assert!(table.len() >= assigned, "the new coordinator's table holds the old one's rows");
    // Tasks sent "to the leader" while there was none reached no server; those submitted
    // where no coordinator was known were refused (the client would retry); every one
    // accepted completed.
    let count = |wanted: fn(&Event) -> bool| events.iter().filter(|(_, _, e)| wanted(e)).count();
    let submitted = count(|e| matches!(e, Event::Submitted { .. }));
    let refused = count(|e| matches!(e, Event::Refused { .. }));
    assert!(submitted < 40, "some tasks found no coordinator to go to");
    assert_eq!(table.open().count(), 0);
    assert_eq!(completions(&events).len(), table.len());
    assert_eq!(table.len() + refused, submitted, "each task was accepted or refused");
}

#[test]
fn a_worker_that_leaves_hands_its_tasks_back_at_once_and_gets_work_again_when_it_joins() {
    let mut sim = cluster(40);
    let mut events = Vec::new();
    run(&mut sim, SECOND, &mut events);
    let leader = NodeId::all(5).find(|id| sim.node(*id).is_some_and(|n| n.leading().is_some()));
    let leader = leader.expect("a coordinator by 1 s");
    let (leaver, had) = NodeId::all(5)
        .filter(|id| *id != leader)
        .map(|id| (id, sim.node(id).map_or(0, |n| n.running().len())))
        .max_by_key(|(_, running)| *running)
        .expect("workers");
    assert!(had > 0, "{leaver} runs tasks when it leaves");
    let told = |command: &str| Action::Client {
        node: Target::Node(leaver),
        command: command.parse().expect("a command"),
    };
    sim.schedule(SECOND, told("leave"), None);
    sim.schedule(2 * SECOND, told("join"), None);
    run(&mut sim, 10 * SECOND, &mut events);
    assert_eq!(sim.violations(), &[]);

    // Taken out of the pool as soon as its word arrives: well inside α · T_hb.
    let declared = events.iter().find_map(|(at, _, e)| match e {
        Event::Declared { worker, tasks, leaving } if *worker == leaver => {
            Some((*at, *tasks, *leaving))
        }
        _ => None,
    });
    let (at, moved, leaving) = declared.expect("the coordinator takes it out");
    assert!(leaving);
    assert!(at - SECOND <= 20 * MILLI, "{} µs after it left", at - SECOND);
    assert!(moved >= had, "{moved} of its {had} tasks moved");
    // Nothing it dropped completed under its name; all 40 completed, once each.
    let done = completions(&events);
    assert_eq!(done.len(), 40);
    let mut tasks: Vec<u64> = done.iter().map(|(task, _, _)| *task).collect();
    tasks.dedup();
    assert_eq!(tasks.len(), 40);
    let joined_at = events
        .iter()
        .find_map(|(at, node, e)| (*node == leaver && matches!(e, Event::Joined)).then_some(*at));
    assert_eq!(joined_at, Some(2 * SECOND));
    let rejoined = events.iter().any(|(at, _, e)| {
        matches!(e, Event::Rejoined { worker } if *worker == leaver) && *at >= 2 * SECOND
    });
    assert!(rejoined, "the coordinator hears from it again");
}
