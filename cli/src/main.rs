//! `clusterscope`: run scenario files and the randomized fault tester from a terminal.

mod report;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use clap::{Parser, Subcommand};

use clusterscope_core::protocols::raft::{Bugs, RaftConfig, RaftNode};
use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::fuzz::{self, FuzzConfig, FuzzOutcome};

#[derive(Parser)]
#[command(
    name = "clusterscope",
    version,
    about = "Deterministic simulations of distributed consensus"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario file to its end and report the final state.
    Run {
        scenario: PathBuf,
        /// Print one JSON report instead of a summary.
        #[arg(long)]
        json: bool,
        /// Include every trace record in the JSON report.
        #[arg(long, requires = "json")]
        trace: bool,
    },
    /// Randomized fault testing: random crashes, partitions, cuts, loss and duplication, then a
    /// heal phase in which the cluster must recover. Checkers run after every step.
    Fuzz {
        /// How many seeds to run.
        #[arg(long, default_value_t = 10_000)]
        seeds: u64,
        /// First seed.
        #[arg(long, default_value_t = 0)]
        start: u64,
        /// Enable a deliberate bug (figure8_commit, forget_voted_for, skip_log_check); the run
        /// then reports which seeds caught it.
        #[arg(long)]
        bug: Vec<String>,
        /// Stop at the first failing seed.
        #[arg(long)]
        stop_at_first: bool,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run { scenario, json, trace } => run(&scenario, json, trace),
        Command::Fuzz { seeds, start, bug, stop_at_first, threads } => {
            fuzz_command(seeds, start, &bug, stop_at_first, threads)
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(path: &PathBuf, json: bool, include_trace: bool) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let scenario =
        Scenario::parse(&text, &path.display().to_string()).map_err(|e| e.to_string())?;
    match scenario.protocol {
        Protocol::Raft => {
            let (sim, trace) = scenario.run_raft(true);
            let report = report::raft_report(&scenario, &sim, &trace, include_trace);
            if json {
                let text = serde_json::to_string_pretty(&report)
                    .map_err(|e| format!("cannot write the report: {e}"))?;
                println!("{text}");
            } else {
                report::print_summary(&report);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn fuzz_command(
    seeds: u64,
    start: u64,
    bug_names: &[String],
    stop_at_first: bool,
    threads: Option<usize>,
) -> Result<ExitCode, String> {
    let mut bugs = Bugs::default();
    for name in bug_names {
        bugs.enable(name)?;
    }
    let config = FuzzConfig::default();
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let next = AtomicU64::new(start);
    let end = start.saturating_add(seeds);
    let failures: Mutex<Vec<FuzzOutcome>> = Mutex::new(Vec::new());
    let steps = AtomicU64::new(0);
    let began = std::time::Instant::now();

    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                if stop_at_first && !failures.lock().map_or(true, |f| f.is_empty()) {
                    return;
                }
                let seed = next.fetch_add(1, Ordering::Relaxed);
                if seed >= end {
                    return;
                }
                let protocol = RaftConfig::for_fuzz_seed(seed, bugs);
                let outcome = fuzz::run::<RaftNode>(&config, &protocol, seed);
                steps.fetch_add(outcome.steps, Ordering::Relaxed);
                if !outcome.passed() {
                    if let Ok(mut failures) = failures.lock() {
                        failures.push(outcome);
                    }
                }
            });
        }
    });

    let mut failures = failures.into_inner().map_err(|_| "a fuzz worker panicked".to_string())?;
    failures.sort_by_key(|f| f.seed);
    let ran = next.load(Ordering::Relaxed).min(end) - start;
    let elapsed = began.elapsed().as_secs_f64();
    for failure in failures.iter().take(20) {
        let what = match (failure.violations.first(), &failure.unsettled) {
            (Some(v), _) => v.to_string(),
            (None, Some(reason)) => format!("did not recover: {reason}"),
            (None, None) => "failed".to_string(),
        };
        println!("seed {}: {what}", failure.seed);
    }
    let bug_list = bugs.enabled();
    println!(
        "raft fuzz: {ran} seeds from {start}, {} steps in {elapsed:.1}s ({:.0} steps/s), bugs: {}",
        steps.load(Ordering::Relaxed),
        steps.load(Ordering::Relaxed) as f64 / elapsed.max(1e-9),
        if bug_list.is_empty() { "none".to_string() } else { bug_list.join(", ") },
    );
    if let Some(first) = failures.first() {
        println!(
            "first failing seed: {} (replay: clusterscope fuzz --start {} --seeds 1{})",
            first.seed,
            first.seed,
            bug_names.iter().map(|b| format!(" --bug {b}")).collect::<String>()
        );
    }
    println!("fuzz: {} passed, {} failed", ran - failures.len() as u64, failures.len());
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
