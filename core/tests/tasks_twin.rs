//! Both task clusters on one set of machines (`tasks::twin`), as the page and `compare` run
//! them: each cluster stays correct beside the other under random faults, a bug in one is
//! reported as that cluster's, and a scenario's measurements come out per cluster.

use std::collections::BTreeMap;

use clusterscope_core::protocols::tasks;
use clusterscope_core::protocols::tasks::leader::{self, LeaderConfig};
use clusterscope_core::protocols::tasks::leaderless::{self, PeerConfig};
use clusterscope_core::protocols::tasks::measure::{Life, RunEnd};
use clusterscope_core::protocols::tasks::task::TaskId;
use clusterscope_core::protocols::tasks::twin::{kind_of_property, Kind, TwinMeasure, TwinNode};
use clusterscope_core::protocols::tasks::TasksConfig;
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::fuzz::{self, FuzzOutcome};
use clusterscope_core::sim::{NodeId, Time, SECOND};

fn run(config: &TasksConfig, seed: u64) -> FuzzOutcome {
    fuzz::run::<TwinNode>(&tasks::fuzz_config(), config, seed)
}

/// Every other seed runs the single-leader cluster on the first three servers only, the rest
/// hosting a leaderless member alone, as in the page's 9 + 200.
fn fuzz_config(seed: u64) -> TasksConfig {
    TasksConfig {
        leader: LeaderConfig::for_fuzz_seed(seed, leader::Bugs::default()),
        leaderless: PeerConfig::for_fuzz_seed(seed, leaderless::Bugs::default()),
        leader_servers: (seed % 2 == 1).then_some(3),
    }
}

#[test]
fn both_clusters_survive_random_faults_side_by_side() {
    for seed in 0..400 {
        let outcome = run(&fuzz_config(seed), seed);
        assert!(outcome.violations.is_empty(), "seed {seed}: {}", outcome.violations[0]);
        assert!(outcome.unsettled.is_none(), "seed {seed}: {:?}", outcome.unsettled);
    }
}

/// The first violation a bug causes within `seeds`, with the cluster it is reported for.
fn caught(bug: &str, seeds: u64) -> (String, Option<Kind>) {
    for seed in 0..seeds {
        let mut config = fuzz_config(seed);
        config.enable_bug(bug).expect("a known bug");
        let outcome = run(&config, seed);
        if let Some(violation) = outcome.violations.first() {
            return (violation.property.clone(), kind_of_property(&violation.property));
        }
    }
    panic!("{bug} survived {seeds} seeds side by side");
}

#[test]
fn a_bug_in_one_cluster_is_reported_as_that_clusters() {
    let (property, kind) = caught("reassign_without_epoch", 2_000);
    assert_eq!(kind, Some(Kind::SingleLeader), "{property}");
    assert!(property.starts_with("single leader: "), "{property}");
    let (property, kind) = caught("stale_ring", 2_000);
    assert_eq!(kind, Some(Kind::Leaderless), "{property}");
    assert!(property.starts_with("leaderless: "), "{property}");
}

/// Runs a shipped scenario to its end; returns its end and what was measured.
fn measured(name: &str) -> (Time, TwinMeasure) {
    let path = format!("{}/../scenarios/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the scenario is readable");
    let scenario = Scenario::parse(&text, &path).expect("it parses");
    let mut measure = TwinMeasure::default();
    let sim = scenario.run_each::<TwinNode>(scenario.tasks.clone(), true, |sim| {
        for record in sim.records() {
            measure.observe(record);
        }
    });
    assert!(sim.violations().is_empty(), "{:?}", sim.violations());
    (scenario.end, measure)
}

#[test]
fn a_coordinator_crash_pauses_only_the_single_leader() {
    let (end, measure) = measured("tasks-coordinator-crash");
    let [single, leaderless] = measure.finish(end);
    // The same workload reached both clusters.
    assert_eq!(single.submitted, leaderless.submitted);
    assert_eq!(single.coordinators.len(), 2, "a new coordinator after the crash");
    assert!(leaderless.coordinators.is_empty());
    assert_eq!((single.lost, leaderless.lost), (0, 0));
    // The coordinator is the busiest server of its cluster by far; no member is in the other.
    assert!(single.busiest_share > 0.4, "{}", single.busiest_share);
    assert!(leaderless.busiest_share < 0.3, "{}", leaderless.busiest_share);
}

#[test]
fn a_crashed_workers_runs_end_there_and_start_again_elsewhere() {
    let (_, measure) = measured("tasks-worker-crash");
    let crash = 3 * SECOND;
    let s4 = NodeId(3);
    for lives in [measure.leader.lives(), measure.peer.lives()] {
        let cut: Vec<&Life> = lives
            .values()
            .filter(|life| life.runs.iter().any(|run| run.end == Some((crash, RunEnd::Crashed))))
            .collect();
        assert!(!cut.is_empty(), "S4 ran tasks when it crashed");
        for life in cut {
            let (first, again) = life.runs.split_first().expect("a run");
            assert_eq!(first.worker, s4);
            assert!(again.iter().all(|run| run.worker != s4 && run.start > crash), "{life:?}");
            assert_eq!(
                again.last().and_then(|run| run.end.map(|(_, how)| how)),
                Some(RunEnd::Finished)
            );
            assert!(life.completed.is_some() && !life.stranded() && !life.overlapping());
        }
        let accepted = lives.values().filter(|life| life.accepted.is_some());
        assert!(accepted.clone().all(|life| life.completed.is_some() && !life.stranded()));
        // What was not accepted (refused, or passed on to S4 after it crashed) never ran.
        let waiting = lives.values().filter(|life| life.accepted.is_none());
        assert!(waiting.clone().all(|life| life.runs.is_empty()));
    }
}

#[test]
fn a_stalled_worker_runs_its_tasks_beside_their_new_workers() {
    let (_, measure) = measured("tasks-worker-stall");
    let (cut, heal) = (3 * SECOND, 9 * SECOND);
    let twice = |lives: &BTreeMap<TaskId, Life>| -> Vec<Life> {
        lives.values().filter(|life| life.overlapping()).cloned().collect()
    };
    let single = twice(measure.leader.lives());
    assert!(!single.is_empty());
    for life in single {
        // Cut off, S4 keeps running its task while the coordinator gives it to another;
        // only the other's result counts.
        let [stalled, again] = life.runs.as_slice() else { panic!("{life:?}") };
        assert!(stalled.worker == NodeId(3) && stalled.start < cut, "{life:?}");
        assert!(again.worker != NodeId(3) && again.start > cut, "{life:?}");
        let again_ends = again.end.map(|(end, _)| end);
        assert!(life.completed > again_ends && again_ends.is_some(), "{life:?}");
    }
    let leaderless = twice(measure.peer.lives());
    assert!(!leaderless.is_empty());
    for life in leaderless {
        // Back, S4 spreads the deaths it confirmed alone: members take over tasks whose
        // owners live, until the owners refute.
        assert!(life.runs[1..].iter().all(|run| run.start > heal), "{life:?}");
        assert!(life
            .runs
            .iter()
            .all(|run| run.end.is_some_and(|(_, how)| how == RunEnd::Finished)));
    }
}
