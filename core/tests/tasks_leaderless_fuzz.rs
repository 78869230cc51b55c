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

/// Seeds beyond the suite's range that once failed, each a gossip defect the churn of
/// members leaving and joining exposed (session 11): a suspicion renewed at a newer
/// incarnation kept the old, shorter timeout, so a member that came back confirmed a live
/// member dead (35819, 59040, 67798); and members that each left and came back while the
/// other was away held each other as gone forever, since neither synced with a member it
/// believed had left (26000, 38884).
#[test]
fn seeds_that_found_gossip_defects_pass() {
    let run = run(Bugs::default());
    for seed in [26_000, 35_819, 38_884, 59_040, 67_798] {
        let outcome = run(seed);
        assert!(outcome.violations.is_empty(), "seed {seed}: {}", outcome.violations[0]);
        assert!(outcome.unsettled.is_none(), "seed {seed}: {:?}", outcome.unsettled);
    }
}
