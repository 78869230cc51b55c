//! Randomized fault testing of Raft: 10,000 seeds of crashes, restarts, partitions (including
//! one-way cuts), loss and duplication, each followed by a heal phase after which a leader must
//! have emerged and every log must have converged. The correct Raft must pass every seed; each
//! deliberate bug must be caught. `clusterscope fuzz --seeds 1000000` runs a longer soak.

use clusterscope_core::protocols::raft::{Bugs, RaftConfig, RaftNode};
use clusterscope_core::sim::fuzz::{self, FuzzConfig};

const SEEDS: u64 = 10_000;
/// The correct-Raft seeds are split so the test harness runs the chunks on all cores.
const CHUNKS: u64 = 4;
/// Most seeds take under 3,000 events and none of 200,000 took 4,500. A seed far above that
/// is a message storm: before replies were deduplicated, duplication made AppendEntries
/// traffic grow exponentially (one seed ran 710,014 events).
const MAX_EVENTS_PER_SEED: u64 = 20_000;

fn correct_raft_chunk(chunk: u64) {
    let config = FuzzConfig::default();
    let per_chunk = SEEDS / CHUNKS;
    let seeds = chunk * per_chunk..(chunk + 1) * per_chunk;
    let mut steps = 0;
    for seed in seeds.clone() {
        let outcome =
            fuzz::run::<RaftNode>(&config, &RaftConfig::for_fuzz_seed(seed, Bugs::default()), seed);
        steps += outcome.steps;
        assert!(
            outcome.steps <= MAX_EVENTS_PER_SEED,
            "seed {seed} processed {} events: a message storm",
            outcome.steps
        );
        assert!(
            outcome.violations.is_empty(),
            "seed {seed}: {} (replay: clusterscope fuzz --protocol raft --start {seed} --seeds 1)",
            outcome.violations[0]
        );
        if let Some(reason) = outcome.unsettled {
            panic!("seed {seed}: the cluster did not recover after the heal: {reason}");
        }
    }
    println!("seeds {seeds:?}: 0 violations, all recovered, {steps} steps");
}

#[test]
fn correct_raft_survives_random_faults_seeds_0_to_2500() {
    correct_raft_chunk(0);
}

#[test]
fn correct_raft_survives_random_faults_seeds_2500_to_5000() {
    correct_raft_chunk(1);
}

#[test]
fn correct_raft_survives_random_faults_seeds_5000_to_7500() {
    correct_raft_chunk(2);
}

#[test]
fn correct_raft_survives_random_faults_seeds_7500_to_10000() {
    correct_raft_chunk(3);
}

/// Runs seeds until the bug shows; returns the first seed that caught it.
fn first_seed_catching(bug: &str) -> u64 {
    let mut bugs = Bugs::default();
    bugs.enable(bug).expect("a known bug name");
    let config = FuzzConfig::default();
    let caught = (0..SEEDS).find(|&seed| {
        !fuzz::run::<RaftNode>(&config, &RaftConfig::for_fuzz_seed(seed, bugs), seed)
            .violations
            .is_empty()
    });
    let seed =
        caught.unwrap_or_else(|| panic!("{bug} survived {SEEDS} seeds: the checkers missed it"));
    println!("{bug}: caught after {} seeds", seed + 1);
    seed
}

#[test]
fn figure8_commit_bug_is_caught() {
    first_seed_catching("figure8_commit");
}

#[test]
fn forget_voted_for_bug_is_caught() {
    first_seed_catching("forget_voted_for");
}

#[test]
fn skip_log_check_bug_is_caught() {
    first_seed_catching("skip_log_check");
}

/// Seeds from longer soaks that once failed on the correct Raft (all three were the leader
/// completeness checker demanding term-3 commits from a leader of term 2).
#[test]
fn soak_regression_seeds_pass() {
    let config = FuzzConfig::default();
    for seed in [20_569, 32_389, 46_909] {
        let outcome =
            fuzz::run::<RaftNode>(&config, &RaftConfig::for_fuzz_seed(seed, Bugs::default()), seed);
        assert!(outcome.passed(), "seed {seed}: {:?} {:?}", outcome.violations, outcome.unsettled);
    }
}
