//! What the randomized-testing suites of every protocol share: running a chunk of seeds that
//! must all pass, and finding the first seed that catches a deliberate bug.

use clusterscope_core::sim::fuzz::FuzzOutcome;

/// Seeds each suite runs; split in `CHUNKS` so the test harness spreads them over cores.
pub const SEEDS: u64 = 10_000;
pub const CHUNKS: u64 = 4;
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
