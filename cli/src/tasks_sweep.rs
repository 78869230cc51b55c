//! `clusterscope sweep`: one parameter of a Tasks scenario varied over values, each value run
//! with many seeds as both kinds (every core), and the comparison's numbers averaged per
//! value: the curves behind the articles' claims (pause against α · T_hb, imbalance against
//! V, the coordinator's share of messages against n).

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use clusterscope_core::protocols::tasks::sweep::{self, Means, Param, TwinRun};
use clusterscope_core::scenario::Scenario;

use crate::tasks_compare::{compare, Comparison};

#[derive(Serialize)]
pub struct Point {
    #[serde(flatten)]
    pub means: sweep::Point,
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
            jobs.push((value.clone(), sweep::variant(scenario, param, value, seed)?));
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
        let first = runs.first().ok_or_else(|| format!("no run of {value} finished"))?;
        let twins: Vec<&TwinRun> = runs.iter().map(|c| &c.run).collect();
        points.push(Point {
            means: sweep::Point::of(value, &twins),
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
    let mut header = vec![param.key().to_string()];
    for kind in ["leader", "leaderless"] {
        header.extend(COLUMNS.iter().map(|c| format!("{kind}_{c}")));
    }
    header.extend(["keys", "keys_moved_consistent", "keys_moved_mod_n"].map(String::from));
    println!("{}", header.join(","));
    for p in points {
        let mut row = vec![p.means.value.clone()];
        row.extend(cells(&p.means.single_leader));
        row.extend(cells(&p.means.leaderless));
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
        let (a, b) = (&p.means.single_leader, &p.means.leaderless);
        println!(
            "{:>8} {:>7.1} | {:<5.1} {:>7.1} | {:<5.1} {:>7.0} | {:<5.0} {:>7.0} | {:<5.0} {:>8.2} | {:<6.2} {:>7.1} | {:<5.1} {:>5.2} | {:<5.2}",
            p.means.value,
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
        points.iter().map(|p| p.means.single_leader.violated + p.means.leaderless.violated).sum();
    if broken > 0 {
        println!("{broken} run(s) broke a safety property: run `compare` on them to see which");
    }
}
