//! Randomized fault testing of Raft: 10,000 seeds of crashes, restarts, partitions (including
//! one-way cuts), loss, duplication and membership changes, each followed by a heal phase after
//! which a leader must have emerged and every member's log must have converged. Clients read
//! as well as write, and each
//! seed's client history must be linearizable. The correct Raft must pass every seed; each
//! deliberate bug must be caught. `clusterscope fuzz --seeds 1000000` runs a longer soak.

mod support;

use clusterscope_core::history;
use clusterscope_core::protocols::raft::{self, Bugs, RaftConfig, RaftNode};
use clusterscope_core::sim::fuzz::{FuzzConfig, FuzzOutcome};

// Most Raft seeds take under 3,000 events and none of 200,000 took 4,500. Before replies
// were deduplicated, duplication made AppendEntries traffic grow exponentially (one seed ran
// 710,014 events); `support::MAX_EVENTS_PER_SEED` catches that kind of storm.

fn run(bugs: Bugs) -> impl Fn(u64) -> FuzzOutcome {
    move |seed| {
        let protocol = RaftConfig::for_fuzz_seed(seed, bugs);
        history::fuzz::<RaftNode>(&raft::fuzz_config(&protocol), &protocol, seed)
    }
}

support::fuzz_suite!(
    "raft",
    run,
    Bugs,
    [figure8_commit, forget_voted_for, skip_log_check, stale_vote_reply, local_reads]
);

/// Seeds from longer soaks that once failed on the correct Raft: the first three were the
/// leader completeness checker demanding term-3 commits from a leader of term 2; 35,345 a
/// write told "unknown" and then, for a duplicate of it, "not leader", which the history
/// took as a failure though it committed; 15,504 a key with dozens of unknown writes no read
/// saw, on which the checker gave up before those were left out of the search; 183,271 and
/// 194,598 a leader cut off with a dozen writes and reads waiting, on which it gave up before
/// it pruned writes that no waiting read could follow; 410,131 a write appended by a leader
/// whose duplicate copy it then refused while handing over, taken as a failure though it
/// committed; 270,381 a follower's answer to a stale InstallSnapshot, sent in the term its
/// sender then won, taken as the snapshot installed, so it never got the entries; 548,043 and
/// 1,388,570 a last leader without the no-op and no write of its term, rightly holding its
/// predecessors' entries uncommitted, which the end-of-run check took for a failure.
#[test]
fn soak_regression_seeds_pass() {
    for seed in [
        20_569, 32_389, 46_909, 35_345, 15_504, 183_271, 194_598, 410_131, 270_381, 548_043,
        1_388_570,
    ] {
        let outcome = run(Bugs::default())(seed);
        assert!(outcome.passed(), "seed {seed}: {:?} {:?}", outcome.violations, outcome.unsettled);
    }
}

/// The linearizability check above is only as strong as the reads it sees: in both read
/// modes most reads that reach a leader must be answered and show up in the history.
#[test]
fn fuzz_histories_hold_answered_reads_in_both_read_modes() {
    use clusterscope_core::history::{Ending, History, OpKind};
    use clusterscope_core::protocols::raft::ReadMode;
    use clusterscope_core::sim::{fuzz, Record};

    let config = FuzzConfig { reads: true, ..FuzzConfig::default() };
    let mut answered = [0usize; 2];
    let mut asked = [0usize; 2];
    for seed in 0..400 {
        let protocol = RaftConfig::for_fuzz_seed(seed, Bugs::default());
        let lease = usize::from(protocol.read_mode == ReadMode::Lease);
        let mut history = History::new();
        let mut observe = |records: &[Record<RaftNode>]| history.observe(records);
        fuzz::run_observed::<RaftNode>(&config, &protocol, seed, Some(&mut observe));
        for op in history.operations().iter().filter(|op| matches!(op.kind, OpKind::Read { .. })) {
            asked[lease] += 1;
            answered[lease] += usize::from(op.ending == Ending::Ok);
        }
    }
    for (mode, (answered, asked)) in ["read_index", "lease"].iter().zip(answered.iter().zip(asked))
    {
        println!("{mode}: {answered} of {asked} reads answered");
        assert!(*answered * 3 > asked, "{mode}: only {answered} of {asked} reads answered");
    }
}

/// Half the seeds compact every four entries; for those to test snapshots at all, followers
/// must regularly fall behind a compaction and be brought back by InstallSnapshot.
#[test]
fn fuzz_seeds_with_snapshots_compact_and_install() {
    use clusterscope_core::protocols::raft::Event;
    use clusterscope_core::sim::{fuzz, Record, RecordKind};

    let config = FuzzConfig { reads: true, ..FuzzConfig::default() };
    let (mut compacting_seeds, mut installing_seeds) = (0, 0);
    let seeds = (0..400)
        .filter(|seed| RaftConfig::for_fuzz_seed(*seed, Bugs::default()).snapshot_threshold > 0);
    for seed in seeds.clone() {
        let protocol = RaftConfig::for_fuzz_seed(seed, Bugs::default());
        let (mut compacted, mut installed) = (false, false);
        let mut observe = |records: &[Record<RaftNode>]| {
            for record in records {
                match &record.kind {
                    RecordKind::Node { event: Event::Compacted { .. }, .. } => compacted = true,
                    RecordKind::Node { event: Event::SnapshotInstalled { .. }, .. } => {
                        installed = true
                    }
                    _ => {}
                }
            }
        };
        let outcome = fuzz::run_observed::<RaftNode>(&config, &protocol, seed, Some(&mut observe));
        assert!(outcome.passed(), "seed {seed}: {:?} {:?}", outcome.violations, outcome.unsettled);
        compacting_seeds += usize::from(compacted);
        installing_seeds += usize::from(installed);
    }
    let total = seeds.count();
    println!("of {total} seeds with snapshots, {compacting_seeds} compacted and {installing_seeds} installed one");
    assert!(compacting_seeds * 10 > total * 9, "only {compacting_seeds} of {total} compacted");
    assert!(
        installing_seeds * 4 > total,
        "only {installing_seeds} of {total} installed a snapshot"
    );
}

/// The single-server change bug needs a leader's change cut off uncommitted, a successor's
/// change before its term commits, and a partition that lets each side gather its own
/// majority: the random schedules line that up about once in 25,000 seeds (8 in 200,000),
/// too rarely for the 10,000-seed suite above. The first two seeds that do stay caught here
/// (and pass without the bug); `scenarios/config-change-bug.toml` shows it step by step.
/// They were found before pauses and clock faults joined the schedules, and run without them.
#[test]
fn early_config_change_is_caught_at_the_first_seeds_that_line_it_up() {
    use clusterscope_core::sim::fuzz::ClockFaults;
    let run = |bugs: Bugs, seed: u64| {
        let protocol = RaftConfig::for_fuzz_seed(seed, bugs);
        let config = FuzzConfig { clocks: ClockFaults::NONE, ..raft::fuzz_config(&protocol) };
        history::fuzz::<RaftNode>(&config, &protocol, seed)
    };
    let bugs = Bugs { early_config_change: true, ..Bugs::default() };
    for seed in [49_051, 103_047] {
        assert!(!run(bugs, seed).passed(), "seed {seed} no longer catches early_config_change");
        assert!(run(Bugs::default(), seed).passed(), "seed {seed} fails without the bug");
    }
}

/// A write a leader appended may still commit, whatever the leader says to a duplicate of the
/// request afterwards: the history keeps it unknown, not failed.
#[test]
fn a_refused_duplicate_of_an_appended_write_is_not_a_failure() {
    use clusterscope_core::history::{Ending, History};
    use clusterscope_core::protocols::kv::Command;
    use clusterscope_core::protocols::raft::{ClientOutcome, Event, RejectReason};
    use clusterscope_core::sim::{Action, NodeId, Record, RecordKind, Target};

    let leader = NodeId(2);
    let call = Record::<RaftNode> {
        step: 1,
        time: 10,
        kind: RecordKind::Action {
            action: Action::Client {
                node: Target::Node(leader),
                command: Command::Set { key: "k".into(), value: "1".into() },
            },
            resolved: None,
            say: None,
        },
    };
    let told = |step: u64, outcome: ClientOutcome| Record::<RaftNode> {
        step,
        time: step * 10,
        kind: RecordKind::Node { node: leader, event: Event::Client { request: 7, outcome } },
    };
    let appended = told(1, ClientOutcome::Appended { index: 3 });
    let refused = told(2, ClientOutcome::Rejected { reason: RejectReason::Transferring });

    let mut history = History::new();
    history.observe(&[call.clone(), appended]);
    history.observe(std::slice::from_ref(&refused));
    assert_eq!(history.operations()[0].ending, Ending::Unknown);

    // Refused before any server took it, the same request did fail.
    let mut history = History::new();
    history.observe(&[call, told(1, ClientOutcome::Rejected { reason: RejectReason::NotLeader })]);
    assert_eq!(history.operations()[0].ending, Ending::Failed);
}
