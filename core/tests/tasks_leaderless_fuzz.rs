//! Randomized fault testing of the leaderless task cluster: 10,000 seeds of crashes,
//! restarts, partitions, loss and duplication while clients submit tasks at any member, each
//! followed by a heal after which every accepted task must have completed. SWIM's properties
//! hold throughout; members place tasks only by their own view; each deliberate bug is
//! caught. (Two members running one task while views disagree is allowed and counted by the
//! comparison, not a failure.)

mod support;

use clusterscope_core::protocols::tasks;
use clusterscope_core::protocols::tasks::leaderless::{Bugs, PeerConfig, PeerTaskNode};
use clusterscope_core::sim::fuzz::{self, FuzzOutcome};

fn run(bugs: Bugs) -> impl Fn(u64) -> FuzzOutcome {
    move |seed| {
        let config = PeerConfig::for_fuzz_seed(seed, bugs);
        fuzz::run::<PeerTaskNode>(&tasks::fuzz_config(), &config, seed)
    }
}

support::fuzz_suite!("tasks-leaderless", run, Bugs, [stale_ring]);
