//! What the randomized-testing suites of every protocol share: running a chunk of seeds that
//! must all pass, and finding the first seed that catches a deliberate bug.

use clusterscope_core::sim::fuzz::FuzzOutcome;

/// Seeds each suite runs; split in `CHUNKS` so the test harness spreads them over cores.
pub const SEEDS: u64 = 10_000;
pub const CHUNKS: u64 = 4; // `fuzz_suite!` writes one test per chunk
/// A seed far above the usual event count is a message storm (see BENCHMARKS.md: most seeds
/// take under 3,000 events).
pub const MAX_EVENTS_PER_SEED: u64 = 20_000;

/// Runs chunk `chunk` of the seeds with `run`; every seed must pass. `protocol` names the
/// protocol in the replay command.
pub fn all_seeds_pass(protocol: &str, chunk: u64, run: impl Fn(u64) -> FuzzOutcome) {
    let per_chunk = SEEDS / CHUNKS;
    let seeds = chunk * per_chunk..(chunk + 1) * per_chunk;
    let mut steps = 0;
    for seed in seeds.clone() {
        let outcome = run(seed);
        steps += outcome.steps;
        let replay =
            format!("replay: clusterscope fuzz --protocol {protocol} --start {seed} --seeds 1");
        assert!(
            outcome.steps <= MAX_EVENTS_PER_SEED,
            "seed {seed} processed {} events: a message storm ({replay})",
            outcome.steps
        );
        assert!(outcome.violations.is_empty(), "seed {seed}: {} ({replay})", outcome.violations[0]);
        if let Some(reason) = outcome.unsettled {
            panic!("seed {seed}: no recovery after the heal: {reason} ({replay})");
        }
    }
    println!("{protocol} seeds {seeds:?}: 0 violations, all recovered, {steps} steps");
}

/// Runs seeds until `run` (with a bug enabled) fails one, by a broken safety property or by
/// a cluster that never recovers after the heal (a member left for dead forever); returns
/// that seed.
pub fn first_seed_catching(bug: &str, run: impl Fn(u64) -> FuzzOutcome) -> u64 {
    let caught = (0..SEEDS).map(|seed| (seed, run(seed))).find(|(_, outcome)| !outcome.passed());
    let (seed, outcome) =
        caught.unwrap_or_else(|| panic!("{bug} survived {SEEDS} seeds: the checkers missed it"));
    let how = match outcome.violations.first() {
        Some(violation) => violation.to_string(),
        None => format!("no recovery: {}", outcome.unsettled.unwrap_or_default()),
    };
    println!("{bug}: caught after {} seeds ({how})", seed + 1);
    seed
}

/// The suite every protocol's fuzz file declares: the correct protocol over all seeds, in
/// `CHUNKS` tests the harness spreads over cores, and one test per deliberate bug that must
/// be caught. `run` maps the protocol's bug toggles to a seed runner.
///
/// ```ignore
/// fuzz_suite!("raft", run, Bugs, [figure8_commit, forget_voted_for, skip_log_check]);
/// ```
// Not every suite is one protocol under one configuration (the leases lab fuzzes two
// variants), so a test file may not use it.
#[allow(unused_macros)]
macro_rules! fuzz_suite {
    ($protocol:literal, $run:ident, $bugs:ty, [$($bug:ident),+ $(,)?]) => {
        mod correct_protocol_survives_random_faults {
            use super::*;

            #[test]
            fn seeds_0_to_2500() {
                support::all_seeds_pass($protocol, 0, $run(<$bugs>::default()));
            }

            #[test]
            fn seeds_2500_to_5000() {
                support::all_seeds_pass($protocol, 1, $run(<$bugs>::default()));
            }

            #[test]
            fn seeds_5000_to_7500() {
                support::all_seeds_pass($protocol, 2, $run(<$bugs>::default()));
            }

            #[test]
            fn seeds_7500_to_10000() {
                support::all_seeds_pass($protocol, 3, $run(<$bugs>::default()));
            }
        }

        mod bug_is_caught {
            use super::*;

            $(
                #[test]
                fn $bug() {
                    let mut bugs = <$bugs>::default();
                    bugs.enable(stringify!($bug)).expect("a known bug name");
                    support::first_seed_catching(stringify!($bug), $run(bugs));
                }
            )+
        }
    };
}
#[allow(unused_imports)]
pub(crate) use fuzz_suite;
