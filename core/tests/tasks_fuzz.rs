//! Randomized fault testing of the single-leader task cluster: 10,000 seeds of crashes,
//! restarts, partitions, loss and duplication while clients submit tasks, each followed by a
//! heal after which every accepted task must have completed. Raft's properties hold on the
//! coordinator's log throughout; no task completes twice; each deliberate bug is caught.

mod support;

use clusterscope_core::protocols::tasks;
use clusterscope_core::protocols::tasks::leader::{Bugs, LeaderConfig, LeaderTaskNode};
use clusterscope_core::sim::fuzz::{self, FuzzOutcome};

fn run(bugs: Bugs) -> impl Fn(u64) -> FuzzOutcome {
    move |seed| {
        let config = LeaderConfig::for_fuzz_seed(seed, bugs);
        fuzz::run::<LeaderTaskNode>(&tasks::fuzz_config(), &config, seed)
    }
}

support::fuzz_suite!("tasks", run, Bugs, [no_reassign, reassign_without_epoch, assign_to_failed]);
