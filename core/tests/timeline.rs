//! Rewind, replay and forks: seeking anywhere must land on exactly the state a straight run
//! reaches, and acting in the past must discard the old future.

use clusterscope_core::protocols::raft::{Command, RaftConfig, RaftNode};
use clusterscope_core::sim::{
    Action, NetworkParams, Node, NodeId, Retention, Sim, SimConfig, Target, Timeline,
};
use proptest::prelude::*;

fn lossy_cluster(seed: u64) -> Sim<RaftNode> {
    let config = SimConfig {
        network: NetworkParams { loss: 0.1, duplicate: 0.1, ..NetworkParams::default() },
        ..SimConfig::new(5, seed)
    };
    let mut sim = Sim::new(config, RaftConfig::default());
    for i in 0..20u64 {
        let command: Command = format!("k={i}").parse().expect("valid command");
        sim.schedule(300_000 + i * 40_000, Action::Client { node: Target::LEADER, command }, None);
    }
    sim
}

/// Everything observable about a world, as text, for equality checks.
fn fingerprint(sim: &Sim<RaftNode>) -> String {
    let views: Vec<_> = sim.nodes().iter().map(|n| n.as_ref().map(|n| n.view())).collect();
    let in_flight: Vec<_> = sim.in_flight().map(|m| (m.id, m.deliver_at, m.from, m.to)).collect();
    let timers: Vec<Vec<_>> = NodeId::all(5).map(|id| sim.timers(id).collect()).collect();
    format!(
        "{} {} {} {in_flight:?} {timers:?} {:?}",
        sim.steps(),
        sim.now(),
        serde_json::to_string(&views).expect("views serialize"),
        sim.violations()
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Seeking back or forward from anywhere lands on the same state as a straight run, and
    /// the future after it is the same (so the generator's state was restored too).
    #[test]
    fn seek_matches_a_straight_run(seed in 0u64..1000, first in 0u64..3000, second in 0u64..3000) {
        let mut straight = lossy_cluster(seed);
        let mut at_second = None;
        for _ in 0..3000 {
            if straight.steps() == second {
                at_second = Some(fingerprint(&straight));
            }
            straight.step();
        }
        let mut timeline = Timeline::new(lossy_cluster(seed), 128);
        timeline.seek(first);
        timeline.seek(second);
        prop_assert_eq!(Some(fingerprint(timeline.sim())), at_second);
        timeline.seek(3000);
        prop_assert_eq!(fingerprint(timeline.sim()), fingerprint(&straight));
    }
}

#[test]
fn trace_of_a_seek_equals_the_trace_of_a_straight_run() {
    let mut timeline = Timeline::new(lossy_cluster(9), 100);
    timeline.seek(2500);
    let full = serde_json::to_string(timeline.trace()).expect("trace serializes");
    timeline.seek(1234);
    assert_eq!(timeline.horizon(), 2500, "seeking back keeps the computed future");
    let prefix = serde_json::to_string(timeline.trace()).expect("trace serializes");
    timeline.seek(2500);
    assert_eq!(serde_json::to_string(timeline.trace()).expect("trace serializes"), full);
    assert!(full.starts_with(&prefix[..prefix.len() - 1]));
}

/// A small retention: few checkpoints, and a trace window far shorter than the run.
const TIGHT: Retention = Retention { checkpoint_every: 64, max_checkpoints: 4, max_records: 600 };

#[test]
fn a_bounded_timeline_thins_checkpoints_and_forgets_old_records_but_seeks_exactly() {
    let mut straight = Timeline::new(lossy_cluster(5), 100);
    straight.seek(3000);
    let mut bounded = Timeline::new(lossy_cluster(5), TIGHT);
    bounded.seek(3000);
    assert_eq!(fingerprint(bounded.sim()), fingerprint(straight.sim()));
    assert!(bounded.checkpoint_interval() >= 64 * 8, "{}", bounded.checkpoint_interval());
    assert!(bounded.full_trace().len() <= 600);
    let first = bounded.first_kept_step();
    assert!(first > 1000, "old steps were forgotten (first kept {first})");
    let json = |records: &[_]| serde_json::to_string(records).expect("records serialize");
    // Every kept step has exactly the records of the straight run; forgotten ones have none.
    for step in [first, first + 1, 2999, 3000] {
        assert_eq!(json(bounded.records_of(step)), json(straight.records_of(step)), "{step}");
    }
    assert!(bounded.records_of(first - 1).is_empty());
    // Back and forth across thinned checkpoints lands on the straight run's worlds.
    for target in [10, 777, 2048, 2999, 1500] {
        bounded.seek(target);
        straight.seek(target);
        assert_eq!(fingerprint(bounded.sim()), fingerprint(straight.sim()), "{target}");
    }
    // Acting before the kept window forks cleanly: the trace restarts from there.
    bounded.seek(200);
    bounded.act(Action::Crash { node: Target::LEADER });
    assert_eq!((bounded.horizon(), bounded.first_kept_step()), (201, 201));
    assert!(!bounded.records_of(201).is_empty());
    assert_eq!(json(bounded.records_of(201)), json(bounded.full_trace()));
    bounded.seek(2500);
    let replayed = Timeline::replay(lossy_cluster(5), 100, bounded.actions().to_vec(), 2500);
    assert_eq!(fingerprint(bounded.sim()), fingerprint(replayed.sim()));
}

#[test]
fn acting_in_the_past_forks_the_timeline() {
    let mut timeline = Timeline::new(lossy_cluster(4), 64);
    timeline.seek(1000);
    let old_future = fingerprint(timeline.sim());
    timeline.seek(400);
    timeline.act(Action::Crash { node: Target::LEADER });
    assert_eq!(timeline.forks(), 1);
    assert_eq!(timeline.horizon(), 401, "the old future is gone");
    assert_eq!(timeline.actions().len(), 1);
    assert_eq!(timeline.actions()[0].step, 400);
    timeline.seek(1000);
    assert_ne!(fingerprint(timeline.sim()), old_future, "the crash changed what happened");

    // Replaying the action log from scratch reproduces the forked run exactly: this is
    // what a permalink does.
    let replayed = Timeline::replay(lossy_cluster(4), 64, timeline.actions().to_vec(), 1000);
    assert_eq!(fingerprint(replayed.sim()), fingerprint(timeline.sim()));
}

#[test]
fn actions_at_the_present_do_not_fork() {
    let mut timeline = Timeline::new(lossy_cluster(2), 64);
    timeline.seek(300);
    timeline.act(Action::Isolate { node: Target::Node(NodeId(0)) });
    timeline.seek(600);
    timeline.act(Action::Heal);
    assert_eq!(timeline.forks(), 0);
    assert_eq!(timeline.actions().len(), 2);
    let steps: Vec<u64> = timeline.actions().iter().map(|a| a.step).collect();
    assert_eq!(steps, vec![300, 600]);
}

#[test]
fn an_action_between_events_replays_at_the_same_moment() {
    let mut timeline = Timeline::new(lossy_cluster(6), 64);
    timeline.advance_to(100_000); // before the first election timer fires
    assert_eq!(timeline.step(), 0);
    assert_eq!(timeline.clock(), 100_000);
    timeline.act(Action::Timeout { node: Target::Node(NodeId(2)) });
    assert_eq!(timeline.sim().now(), 100_000, "the action happens at the playhead");
    timeline.advance_to(900_000);
    let replayed =
        Timeline::replay(lossy_cluster(6), 64, timeline.actions().to_vec(), timeline.step());
    assert_eq!(fingerprint(replayed.sim()), fingerprint(timeline.sim()));
    let term = timeline.sim().node(NodeId(2)).map_or(0, |n| n.current_term());
    assert!(term >= 1, "the forced timeout started an election");
}

#[test]
fn actions_naming_missing_servers_are_skipped_not_fatal() {
    let mut sim = lossy_cluster(1);
    for action in [
        Action::Restart { node: NodeId(40) },
        Action::Crash { node: Target::Node(NodeId(9)) },
        Action::Cut { from: NodeId(0), to: NodeId(77) },
        Action::Partition { groups: vec![vec![NodeId(0), NodeId(500)]] },
        Action::DropMessage { id: 123_456 },
        Action::Network { loss: Some(7.0), duplicate: None, latency: None, link: None },
        Action::Network { loss: None, duplicate: Some(-1.0), latency: None, link: None },
        Action::Network { loss: None, duplicate: None, latency: Some((9, 2)), link: None },
    ] {
        sim.apply(action);
        let skipped = sim
            .records()
            .iter()
            .any(|r| matches!(&r.kind, clusterscope_core::sim::RecordKind::Skipped { .. }));
        let dropped_nothing = sim.records().len() == 1;
        assert!(skipped || dropped_nothing, "{:?}", sim.records());
    }
    assert!(sim.nodes().iter().all(Option::is_some));
    // The bad network values changed nothing, and the cluster still runs.
    let expected = NetworkParams { loss: 0.1, duplicate: 0.1, ..NetworkParams::default() };
    assert_eq!(sim.network(), &expected);
    sim.run_until(sim.now() + 2 * clusterscope_core::sim::SECOND);
}

#[test]
fn the_playhead_can_be_set_between_events_but_never_past_the_next() {
    let mut timeline = Timeline::new(lossy_cluster(3), 64);
    timeline.seek(40);
    let (now, next) = (timeline.sim().now(), timeline.sim().next_event_time().expect("busy"));
    assert!(next > now + 1, "seed 3 has a gap after step 40 ({now}..{next})");
    timeline.set_clock(now + 1);
    assert_eq!(timeline.clock(), now + 1);
    timeline.set_clock(next + 1_000_000);
    assert_eq!(timeline.clock(), next - 1, "clamped before the next event");
    timeline.set_clock(0);
    assert_eq!(timeline.clock(), now, "never before the current step");
    assert_eq!(timeline.step(), 40, "nothing ran");
}
