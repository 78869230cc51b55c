//! Randomized fault testing of Raft: 10,000 seeds of crashes, restarts, partitions (including
//! one-way cuts), loss and duplication, each followed by a heal phase after which a leader must
//! have emerged and every log must have converged. The correct Raft must pass every seed; each
//! deliberate bug must be caught. `clusterscope fuzz --seeds 1000000` runs a longer soak.

mod support;

use clusterscope_core::protocols::raft::{Bugs, RaftConfig, RaftNode};
use clusterscope_core::sim::fuzz::{self, FuzzConfig, FuzzOutcome};

// Most Raft seeds take under 3,000 events and none of 200,000 took 4,500. Before replies
// were deduplicated, duplication made AppendEntries traffic grow exponentially (one seed ran
// 710,014 events); `support::MAX_EVENTS_PER_SEED` catches that kind of storm.

fn run(bugs: Bugs) -> impl Fn(u64) -> FuzzOutcome {
    move |seed| {
        fuzz::run::<RaftNode>(&FuzzConfig::default(), &RaftConfig::for_fuzz_seed(seed, bugs), seed)
    }
}

fn correct_raft_chunk(chunk: u64) {
    support::all_seeds_pass("raft", chunk, run(Bugs::default()));
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

fn first_seed_catching(bug: &str) -> u64 {
    let mut bugs = Bugs::default();
    bugs.enable(bug).expect("a known bug name");
    support::first_seed_catching(bug, run(bugs))
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
    for seed in [20_569, 32_389, 46_909] {
        let outcome = run(Bugs::default())(seed);
        assert!(outcome.passed(), "seed {seed}: {:?} {:?}", outcome.violations, outcome.unsettled);
    }
}
