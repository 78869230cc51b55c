//! `clusterscope figure16`: the Raft paper's Figure 16 (top) on this simulator. Five servers;
//! the leader crashes at a random point of its heartbeat interval; the time until the
//! survivors have a new leader, for each of the paper's election-timeout ranges, as a
//! cumulative distribution over many trials (spread over every core).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use clusterscope_core::protocols::raft::experiments::{
    figure16_trial, ElectionCdf, FIGURE16_CUTOFF, FIGURE16_RANGES, FIGURE16_SERVERS,
};
use clusterscope_core::sim::{format_time, Time, MILLI, SECOND};

/// Each trial runs at most 10 s of virtual time (a few milliseconds of real time).
const MAX_TRIALS: usize = 100_000;

/// Where the text report samples each curve (the paper's x axis runs from 100 ms to 100 s
/// on a log scale).
const SAMPLES: [Time; 8] = [
    150 * MILLI,
    200 * MILLI,
    300 * MILLI,
    500 * MILLI,
    SECOND,
    2 * SECOND,
    5 * SECOND,
    10 * SECOND,
];

#[derive(Serialize)]
pub struct Figure16 {
    pub servers: usize,
    pub trials: usize,
    pub cutoff: Time,
    pub ranges: Vec<ElectionCdf>,
}

pub fn figure16(trials: usize, threads: Option<usize>) -> Result<Figure16, String> {
    if !(1..=MAX_TRIALS).contains(&trials) {
        return Err(format!("trials must be from 1 to {MAX_TRIALS}, not {trials}"));
    }
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let jobs: Vec<((Time, Time), u64)> = FIGURE16_RANGES
        .iter()
        .flat_map(|&range| (0..trials as u64).map(move |seed| (range, seed)))
        .collect();
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<Option<Time>>> = Mutex::new(vec![None; jobs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(range, seed)) = jobs.get(at) else { return };
                let outcome = figure16_trial(range, seed);
                if let Ok(mut outcomes) = outcomes.lock() {
                    outcomes[at] = outcome;
                }
            });
        }
    });
    let outcomes = outcomes.into_inner().map_err(|_| "a trial panicked".to_string())?;
    let ranges = FIGURE16_RANGES
        .iter()
        .zip(outcomes.chunks(trials))
        .map(|(&range, chunk)| ElectionCdf::new(range, chunk.iter().copied()))
        .collect();
    Ok(Figure16 { servers: FIGURE16_SERVERS, trials, cutoff: FIGURE16_CUTOFF, ranges })
}

fn range_name((min, max): (Time, Time)) -> String {
    format!("{}–{}", min / MILLI, max / MILLI)
}

pub fn print_figure16(f: &Figure16) {
    println!(
        "{} servers, {} trials per election-timeout range: the leader crashes; time until a new leader (share of trials with one by then)",
        f.servers, f.trials
    );
    let mut header = format!("{:>10}", "range (ms)");
    for sample in SAMPLES {
        header += &format!(" {:>7}", format_time(sample));
    }
    println!("{header} {:>9} {:>9}", "median", "slowest");
    for cdf in &f.ranges {
        let mut line = format!("{:>10}", range_name(cdf.range));
        for sample in SAMPLES {
            line += &format!(" {:>6.1}%", 100.0 * cdf.within(sample));
        }
        let time = |t: Option<Time>| t.map_or_else(|| "> 10s".to_string(), format_time);
        let slowest =
            if cdf.elected.len() == cdf.trials { cdf.elected.last().copied() } else { None };
        println!("{line} {:>9} {:>9}", time(cdf.quantile(0.5)), time(slowest));
    }
    println!(
        "the paper's shape: with no spread (150–150) most trials have no leader after 10 s; a \
         little spread brings nearly all under a second; 150–300 has all well under one"
    );
}

/// One row per trial that elected a leader, in order, then one per range for those that did
/// not: `range_min_ms,range_max_ms,elected_ms,cumulative_share` (elected_ms empty: none).
pub fn print_figure16_csv(f: &Figure16) {
    println!("range_min_ms,range_max_ms,elected_ms,cumulative_share");
    for cdf in &f.ranges {
        let (min, max) = (cdf.range.0 / MILLI, cdf.range.1 / MILLI);
        for (i, t) in cdf.elected.iter().enumerate() {
            let share = (i + 1) as f64 / cdf.trials.max(1) as f64;
            println!("{min},{max},{:.3},{share:.4}", *t as f64 / MILLI as f64);
        }
        let never = cdf.trials - cdf.elected.len();
        if never > 0 {
            println!("{min},{max},,{:.4}", cdf.elected.len() as f64 / cdf.trials as f64);
        }
    }
}
