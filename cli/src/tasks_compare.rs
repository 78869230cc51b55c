//! `clusterscope compare`: a Tasks scenario run as a single-leader cluster and a leaderless
//! one side by side on the same machines and clock (the run the page shows), under the same
//! workload and faults, and the numbers side by side. The records are read as they happen
//! and not kept.

use serde::Serialize;

use clusterscope_core::protocols::tasks::leaderless::Hashing;
use clusterscope_core::protocols::tasks::measure::{KeysMoved, Measurements};
use clusterscope_core::protocols::tasks::placement::{keys_moved, mod_n_owner, Ring};
use clusterscope_core::protocols::tasks::sweep::{self, TwinRun};
use clusterscope_core::protocols::tasks::task::Task;
use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::{format_time, NodeId, Time};

#[derive(Serialize)]
pub struct Comparison {
    pub scenario: String,
    pub servers: usize,
    pub single_leader: Column,
    pub leaderless: Column,
    /// Of the workload's distinct task keys, how many change owner when one member of the
    /// ring leaves: consistent hashing (the scenario's V) against mod-n.
    pub keys: usize,
    pub keys_moved_consistent: usize,
    pub keys_moved_mod_n: usize,
    /// When the leaderless ring changed in the run (a member joined, left or died): the
    /// keys that moved, measured, under each hashing (the scenario run once more with the
    /// other). Only `compare` fills it; a sweep does not need it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ring_change: Option<RingChange>,
    /// The run both columns come from, for a sweep's means.
    #[serde(skip)]
    pub run: TwinRun,
}

/// The largest share of known keys one member's ring change moved, under each hashing.
#[derive(Serialize)]
pub struct RingChange {
    pub consistent: Option<KeysMoved>,
    pub mod_n: Option<KeysMoved>,
}

#[derive(Serialize)]
pub struct Column {
    #[serde(flatten)]
    pub measured: Measurements,
    /// Broken safety properties (a deliberate bug, or a defect).
    pub violations: Vec<String>,
}

fn column(run: &TwinRun, kind: usize) -> Column {
    Column { measured: run.measured[kind].clone(), violations: run.violations[kind].clone() }
}

pub fn compare(scenario: &Scenario) -> Result<Comparison, String> {
    if scenario.protocol != Protocol::Tasks {
        return Err(format!(
            "compare runs Tasks scenarios (protocol = \"tasks\"); this one is {}",
            scenario.protocol.name()
        ));
    }
    let run = sweep::run(scenario);

    let mut keys: Vec<String> = scenario
        .events
        .iter()
        .filter_map(|event| match &event.action {
            clusterscope_core::sim::Action::Client { command, .. } => Some(command.clone()),
            _ => None,
        })
        .chain(scenario.workload.iter().flat_map(|w| w.requests().map(|(_, c)| c)))
        .filter_map(|command| command.parse::<Task>().ok().map(|t| t.key.to_string()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let all: Vec<NodeId> = NodeId::all(scenario.nodes).collect();
    let fewer = &all[..all.len().saturating_sub(1)];
    let vnodes = scenario.tasks.leaderless.vnodes;
    let (before, after) = (Ring::new(&all, vnodes), Ring::new(fewer, vnodes));
    let keys_iter = || keys.iter().map(String::as_str);
    let consistent = keys_moved(keys_iter(), |k| before.owner(k), |k| after.owner(k));
    let mod_n = keys_moved(keys_iter(), |k| mod_n_owner(&all, k), |k| mod_n_owner(fewer, k));
    Ok(Comparison {
        scenario: scenario.name.clone(),
        servers: scenario.nodes,
        single_leader: column(&run, 0),
        leaderless: column(&run, 1),
        run,
        keys: keys.len(),
        keys_moved_consistent: consistent,
        keys_moved_mod_n: mod_n,
        ring_change: None,
    })
}

/// Adds the measured keys moved under both hashings, if the leaderless ring changed.
pub fn with_ring_change(mut comparison: Comparison, scenario: &Scenario) -> Comparison {
    let measured = comparison.leaderless.measured.keys_moved;
    if measured.is_none() {
        return comparison;
    }
    let mut other = scenario.clone();
    let hashing = &mut other.tasks.leaderless.hashing;
    *hashing = match *hashing {
        Hashing::Consistent => Hashing::ModN,
        Hashing::ModN => Hashing::Consistent,
    };
    let contrast = sweep::run(&other).measured[1].keys_moved;
    comparison.ring_change = Some(match scenario.tasks.leaderless.hashing {
        Hashing::Consistent => RingChange { consistent: measured, mod_n: contrast },
        Hashing::ModN => RingChange { consistent: contrast, mod_n: measured },
    });
    comparison
}

fn time(t: Option<Time>) -> String {
    t.map_or("—".into(), format_time)
}

pub fn print_comparison(c: &Comparison) {
    println!(
        "{}: {} servers, the same workload and faults, run as each kind",
        c.scenario, c.servers
    );
    let (a, b) = (&c.single_leader.measured, &c.leaderless.measured);
    let rows: [(&str, String, String); 15] = [
        ("tasks submitted", a.submitted.to_string(), b.submitted.to_string()),
        ("accepted", a.accepted.to_string(), b.accepted.to_string()),
        (
            "not accepted (client must retry)",
            a.not_accepted.to_string(),
            b.not_accepted.to_string(),
        ),
        ("completed", a.completed.to_string(), b.completed.to_string()),
        ("lost (accepted, never completed)", a.lost.to_string(), b.lost.to_string()),
        ("started more than once", a.started_twice.to_string(), b.started_twice.to_string()),
        ("run to the end twice", a.finished_twice.to_string(), b.finished_twice.to_string()),
        ("latency p50 (submit to done)", time(a.latency_p50), time(b.latency_p50)),
        ("latency p99", time(a.latency_p99), time(b.latency_p99)),
        ("slowest task", time(a.latency_max), time(b.latency_max)),
        (
            "longest pause accepting work",
            format_time(a.longest_pause),
            format_time(b.longest_pause),
        ),
        (
            "load: busiest worker / mean",
            format!("{:.2}", a.load_max_over_mean),
            format!("{:.2}", b.load_max_over_mean),
        ),
        (
            "load: coefficient of variation",
            format!("{:.2}", a.load_cv),
            format!("{:.2}", b.load_cv),
        ),
        (
            "messages per completed task",
            format!("{:.1}", a.messages_per_completed_task),
            format!("{:.1}", b.messages_per_completed_task),
        ),
        (
            "busiest server's share of messages",
            format!("{:.0}%", a.busiest_share * 100.0),
            format!("{:.0}%", b.busiest_share * 100.0),
        ),
    ];
    let coordinators: Vec<String> =
        a.coordinators.iter().map(|(at, who)| format!("{who} from {}", format_time(*at))).collect();
    println!("single leader's coordinators: {}", coordinators.join(", "));
    for (kind, measured) in [("single leader", a), ("leaderless", b)] {
        let runs: Vec<String> =
            measured.runs.iter().map(|(who, runs)| format!("{who} {runs}")).collect();
        println!("runs per server, {kind}: {}", runs.join(", "));
    }
    println!("{:<36} {:>14} {:>14}", "", "single leader", "leaderless");
    for (name, left, right) in rows {
        println!("{name:<36} {left:>14} {right:>14}");
    }
    println!(
        "keys moved if one of {} members leaves: {} of {} with consistent hashing, {} with mod-n",
        c.servers, c.keys_moved_consistent, c.keys, c.keys_moved_mod_n
    );
    if let Some(change) = &c.ring_change {
        println!("keys moved when the leaderless ring changed in this run (the largest share one member saw; expected ≈ 1/n and 1 − 1/n of the larger ring's n):");
        for (hashing, moved) in [("consistent", &change.consistent), ("mod-n", &change.mod_n)] {
            let Some(m) = moved else {
                println!("  {hashing:<11} no change while keys were known");
                continue;
            };
            let n = m.was.max(m.members).max(1) as f64;
            let expected = if hashing == "mod-n" { 1.0 - 1.0 / n } else { 1.0 / n };
            println!(
                "  {hashing:<11} {} of {} keys ({:.0}%, expected ≈ {:.0}%): {}'s ring, {} → {} members, at {}",
                m.moved,
                m.keys,
                100.0 * m.moved as f64 / m.keys as f64,
                100.0 * expected,
                m.member,
                m.was,
                m.members,
                format_time(m.at)
            );
        }
    }
    for (kind, found) in [("single leader", &c.single_leader), ("leaderless", &c.leaderless)] {
        for violation in &found.violations {
            println!("{kind}: {violation}");
        }
    }
}
