//! `clusterscope sweep`: one parameter of a Tasks scenario varied over values, each value run
//! with many seeds as both kinds (every core), and the comparison's numbers averaged per
//! value: the curves behind the articles' claims (pause against α · T_hb, imbalance against
//! V, the coordinator's share of messages against n).

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use clusterscope_core::protocols::tasks::measure::Measurements;
use clusterscope_core::scenario::{Scenario, MAX_CONSENSUS_NODES};
use clusterscope_core::sim::{parse_time, Time};

use crate::tasks_compare::{compare, Comparison};

/// What a sweep may vary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Param {
    /// α: a worker silent for α · T_hb is declared failed.
    Alpha,
    /// T_hb, as a time (`100ms`).
    Heartbeat,
    /// V: points per member on the ring.
    Vnodes,
    /// The number of servers (3 to 64; the scenario's events must name servers that exist).
    Servers,
    /// The workload's mean gap between tasks, as a time.
    Every,
    /// The network's loss probability.
    Loss,
}

/// Sets `param` to `value` in `scenario`, or says why it cannot.
fn set(scenario: &mut Scenario, param: Param, value: &str) -> Result<(), String> {
    let number = || value.parse::<f64>().map_err(|_| format!("`{value}` is not a number"));
    let time = || parse_time(value);
    match param {
        Param::Alpha => {
            let alpha = number()?;
            scenario.tasks.leader.alpha = alpha;
            scenario.tasks.leader.validate()?;
        }
        Param::Heartbeat => {
            scenario.tasks.leader.heartbeat = time()?;
            scenario.tasks.leader.validate()?;
        }
        Param::Vnodes => {
            let v = value.parse::<usize>().map_err(|_| format!("`{value}` is not a count"))?;
            if !(1..=1024).contains(&v) {
                return Err(format!("vnodes must be from 1 to 1024, not {v}"));
            }
            scenario.tasks.leaderless.vnodes = v;
        }
        Param::Servers => {
            let n = value.parse::<usize>().map_err(|_| format!("`{value}` is not a count"))?;
            if !(3..=MAX_CONSENSUS_NODES).contains(&n) {
                return Err(format!("servers must be from 3 to {MAX_CONSENSUS_NODES}, not {n}"));
            }
            let named = scenario.events.iter().flat_map(|e| e.action.named_nodes()).max();
            if let Some(highest) = named.filter(|id| id.index() >= n) {
                return Err(format!("the scenario names {highest}, which {n} servers lack"));
            }
            scenario.nodes = n;
        }
        Param::Every => {
            let workload = scenario.workload.as_mut().ok_or("the scenario has no [workload]")?;
            let every: Time = time()?;
            if every == 0 {
                return Err("every must be above zero".into());
            }
            workload.every = every;
        }
        Param::Loss => {
            let loss = number()?;
            if !(0.0..=1.0).contains(&loss) {
                return Err(format!("loss is a probability from 0 to 1, not {loss}"));
            }
            scenario.network.loss = loss;
        }
    }
    Ok(())
}

/// Means over a value's seeds.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Means {
    pub accepted: f64,
    pub not_accepted: f64,
    pub lost: f64,
    pub finished_twice: f64,
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    pub latency_max_ms: f64,
    pub longest_pause_ms: f64,
    pub load_max_over_mean: f64,
    pub messages_per_completed_task: f64,
    pub busiest_share: f64,
    /// Seeds in which a safety property broke.
    pub violated: usize,
}

impl Means {
    fn of(runs: &[(&Measurements, bool)]) -> Means {
        let n = runs.len().max(1) as f64;
        let mean =
            |f: &dyn Fn(&Measurements) -> f64| runs.iter().map(|(m, _)| f(m)).sum::<f64>() / n;
        let ms = |t: Option<Time>| t.map_or(0.0, |t| t as f64 / 1000.0);
        Means {
            accepted: mean(&|m| m.accepted as f64),
            not_accepted: mean(&|m| m.not_accepted as f64),
            lost: mean(&|m| m.lost as f64),
            finished_twice: mean(&|m| m.finished_twice as f64),
            latency_p50_ms: mean(&|m| ms(m.latency_p50)),
            latency_p99_ms: mean(&|m| ms(m.latency_p99)),
            latency_max_ms: mean(&|m| ms(m.latency_max)),
            longest_pause_ms: mean(&|m| m.longest_pause as f64 / 1000.0),
            load_max_over_mean: mean(&|m| m.load_max_over_mean),
            messages_per_completed_task: mean(&|m| m.messages_per_completed_task),
            busiest_share: mean(&|m| m.busiest_share),
            violated: runs.iter().filter(|(_, violated)| *violated).count(),
        }
    }
}

#[derive(Serialize)]
pub struct Point {
    pub value: String,
    pub single_leader: Means,
    pub leaderless: Means,
    /// Keys moved when one member leaves (the same for every seed).
    pub keys: usize,
    pub keys_moved_consistent: usize,
    pub keys_moved_mod_n: usize,
}

/// Runs the sweep; `progress` is told each finished run.
pub fn sweep(
    scenario: &Scenario,
    param: Param,
    values: &[String],
    seeds: u64,
    threads: usize,
) -> Result<Vec<Point>, String> {
    let mut jobs = Vec::new();
    for value in values {
        for seed in 0..seeds {
            let mut run = scenario.clone();
            set(&mut run, param, value).map_err(|e| format!("{param:?} = {value}: {e}"))?;
            run.seed = scenario.seed.wrapping_add(seed);
            if let Some(workload) = run.workload.as_mut() {
                workload.poisson = workload.poisson.map(|s| s.wrapping_add(seed));
            }
            jobs.push((value.clone(), run));
        }
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Comparison>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    let total = jobs.len();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some((_, run)) = jobs.get(at) else { return };
                let comparison = compare(run).ok();
                if let Ok(mut results) = results.lock() {
                    results[at] = comparison;
                }
                let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(finished, total);
            });
        }
    });
    eprintln!();
    let results = results.into_inner().map_err(|_| "a sweep worker panicked".to_string())?;
    let mut points = Vec::new();
    for value in values {
        let runs: Vec<&Comparison> = jobs
            .iter()
            .zip(&results)
            .filter(|((v, _), _)| v == value)
            .filter_map(|(_, result)| result.as_ref())
            .collect();
        let kind = |pick: fn(&Comparison) -> &crate::tasks_compare::Kind| {
            let runs: Vec<(&Measurements, bool)> =
                runs.iter().map(|c| (&pick(c).measured, !pick(c).violations.is_empty())).collect();
            Means::of(&runs)
        };
        let first = runs.first().ok_or_else(|| format!("no run of {value} finished"))?;
        points.push(Point {
            value: value.clone(),
            single_leader: kind(|c| &c.single_leader),
            leaderless: kind(|c| &c.leaderless),
            keys: first.keys,
            keys_moved_consistent: first.keys_moved_consistent,
            keys_moved_mod_n: first.keys_moved_mod_n,
        });
    }
    Ok(points)
}

/// A one-line progress bar on standard error.
fn progress(done: usize, total: usize) {
    const WIDTH: usize = 30;
    let filled = done * WIDTH / total.max(1);
    let bar: String = "#".repeat(filled) + &" ".repeat(WIDTH - filled);
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\r[{bar}] {done}/{total} runs");
    let _ = err.flush();
}

const COLUMNS: [&str; 12] = [
    "accepted",
    "not_accepted",
    "lost",
    "finished_twice",
    "p50_ms",
    "p99_ms",
    "max_ms",
    "pause_ms",
    "load_max_over_mean",
    "messages_per_task",
    "busiest_share",
    "violated",
];

fn cells(m: &Means) -> [String; 12] {
    [
        format!("{:.1}", m.accepted),
        format!("{:.1}", m.not_accepted),
        format!("{:.1}", m.lost),
        format!("{:.1}", m.finished_twice),
        format!("{:.0}", m.latency_p50_ms),
        format!("{:.0}", m.latency_p99_ms),
        format!("{:.0}", m.latency_max_ms),
        format!("{:.0}", m.longest_pause_ms),
        format!("{:.2}", m.load_max_over_mean),
        format!("{:.1}", m.messages_per_completed_task),
        format!("{:.2}", m.busiest_share),
        m.violated.to_string(),
    ]
}

pub fn print_csv(param: Param, points: &[Point]) {
    let mut header = vec![format!("{param:?}").to_lowercase()];
    for kind in ["leader", "leaderless"] {
        header.extend(COLUMNS.iter().map(|c| format!("{kind}_{c}")));
    }
    header.extend(["keys", "keys_moved_consistent", "keys_moved_mod_n"].map(String::from));
    println!("{}", header.join(","));
    for p in points {
        let mut row = vec![p.value.clone()];
        row.extend(cells(&p.single_leader));
        row.extend(cells(&p.leaderless));
        row.extend([p.keys, p.keys_moved_consistent, p.keys_moved_mod_n].map(|k| k.to_string()));
        println!("{}", row.join(","));
    }
}

pub fn print_table(param: Param, points: &[Point], seeds: u64) {
    println!("sweep of {param:?}, {seeds} seeds per value; means (single leader | leaderless)");
    println!(
        "{:>8} {:>15} {:>15} {:>15} {:>15} {:>17} {:>15} {:>13}",
        "value",
        "not accepted",
        "ran twice",
        "slowest ms",
        "pause ms",
        "load max/mean",
        "msgs/task",
        "busiest"
    );
    for p in points {
        let (a, b) = (&p.single_leader, &p.leaderless);
        println!(
            "{:>8} {:>7.1} | {:<5.1} {:>7.1} | {:<5.1} {:>7.0} | {:<5.0} {:>7.0} | {:<5.0} {:>8.2} | {:<6.2} {:>7.1} | {:<5.1} {:>5.2} | {:<5.2}",
            p.value,
            a.not_accepted, b.not_accepted,
            a.finished_twice, b.finished_twice,
            a.latency_max_ms, b.latency_max_ms,
            a.longest_pause_ms, b.longest_pause_ms,
            a.load_max_over_mean, b.load_max_over_mean,
            a.messages_per_completed_task, b.messages_per_completed_task,
            a.busiest_share, b.busiest_share,
        );
    }
    let broken: usize =
        points.iter().map(|p| p.single_leader.violated + p.leaderless.violated).sum();
    if broken > 0 {
        println!("{broken} run(s) broke a safety property: run `compare` on them to see which");
    }
}
