//! Both task clusters on one set of machines (`tasks::twin`), as the page and `compare` run
//! them: each cluster stays correct beside the other under random faults, a bug in one is
//! reported as that cluster's, and a scenario's measurements come out per cluster.

use clusterscope_core::protocols::tasks;
use clusterscope_core::protocols::tasks::leader::{self, LeaderConfig};
use clusterscope_core::protocols::tasks::leaderless::{self, PeerConfig};
use clusterscope_core::protocols::tasks::twin::{kind_of_property, Kind, TwinMeasure, TwinNode};
use clusterscope_core::protocols::tasks::TasksConfig;
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::fuzz::{self, FuzzOutcome};

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

#[test]
fn a_coordinator_crash_pauses_only_the_single_leader() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/tasks-coordinator-crash.toml");
    let text = std::fs::read_to_string(path).expect("the scenario is readable");
    let scenario = Scenario::parse(&text, "tasks-coordinator-crash.toml").expect("it parses");
    let mut measure = TwinMeasure::default();
    let sim = scenario.run_each::<TwinNode>(scenario.tasks.clone(), true, |sim| {
        for record in sim.records() {
            measure.observe(record);
        }
    });
    assert!(sim.violations().is_empty(), "{:?}", sim.violations());
    let [single, leaderless] = measure.finish(scenario.end);
    // The same workload reached both clusters.
    assert_eq!(single.submitted, leaderless.submitted);
    assert_eq!(single.coordinators.len(), 2, "a new coordinator after the crash");
    assert!(leaderless.coordinators.is_empty());
    assert_eq!((single.lost, leaderless.lost), (0, 0));
    // The coordinator is the busiest server of its cluster by far; no member is in the other.
    assert!(single.busiest_share > 0.4, "{}", single.busiest_share);
    assert!(leaderless.busiest_share < 0.3, "{}", leaderless.busiest_share);
}
