//! `clusterscope`: run scenario files and the randomized fault tester from a terminal.

mod check;
mod elect;
mod figure16;
mod gossip_experiments;
mod gossip_report;
mod leases_report;
mod lesson;
mod multipaxos_report;
mod paxos_report;
mod report;
mod run;
mod tasks_bound;
mod tasks_compare;
mod tasks_sweep;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use clap::{Parser, Subcommand};

use clusterscope_core::history;
use clusterscope_core::model::Order;
use clusterscope_core::protocols::gossip::{Bugs as GossipBugs, GossipConfig, GossipNode, Mode};
use clusterscope_core::protocols::leases::{self, LeaseConfig, LeaseNode};
use clusterscope_core::protocols::multipaxos::{
    Bugs as MultiPaxosBugs, MultiPaxosConfig, MultiPaxosNode,
};
use clusterscope_core::protocols::paxos::{Bugs as PaxosBugs, PaxosConfig, PaxosNode};
use clusterscope_core::protocols::raft::{self, Bugs, RaftConfig, RaftNode};
use clusterscope_core::protocols::tasks::leader::{LeaderConfig, LeaderTaskNode};
use clusterscope_core::protocols::tasks::leaderless::{PeerConfig, PeerTaskNode};
use clusterscope_core::protocols::tasks::sweep::Param;
use clusterscope_core::protocols::tasks::TasksConfig;
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
        /// Include every trace record in the JSON report (kept in memory until the end).
        #[arg(long, requires = "json")]
        trace: bool,
        /// Write every trace record to FILE, one JSON object per line, as the run goes.
        #[arg(long, value_name = "FILE")]
        trace_file: Option<PathBuf>,
        /// Check what the clients saw for linearizability (Raft, Multi-Paxos): report every
        /// operation and the verdict, and exit with status 1 if it is not linearizable.
        #[arg(long)]
        check_linearizable: bool,
    },
    /// Randomized fault testing: random crashes, partitions, cuts, loss and duplication, then a
    /// heal phase in which the cluster must recover. Checkers run after every step.
    Fuzz {
        /// Which protocol to test.
        #[arg(long, value_enum, default_value_t = FuzzProtocol::Raft)]
        protocol: FuzzProtocol,
        /// How many seeds to run.
        #[arg(long, default_value_t = 10_000)]
        seeds: u64,
        /// First seed.
        #[arg(long, default_value_t = 0)]
        start: u64,
        /// Enable a deliberate bug (Raft: figure8_commit, forget_voted_for, skip_log_check,
        /// stale_vote_reply, local_reads; Paxos and Multi-Paxos: ignore_promised_values, forget_promise,
        /// accept_below_promise; gossip: no_refutation, skip_suspicion; tasks: no_reassign,
        /// reassign_without_epoch, assign_to_failed, stale_ring; leases: reuse_token, no_margin,
        /// store_forgets, failover_frees); the run then reports which
        /// seeds caught it.
        #[arg(long)]
        bug: Vec<String>,
        /// Leases only: which lease (lock_no_ttl, ttl, ttl_fencing, ttl_clock_bound).
        #[arg(long)]
        variant: Option<String>,
        /// Leases only: servers that hold the store: 1, or 3 or 5 replicating it with Raft.
        #[arg(long)]
        store_replicas: Option<usize>,
        /// Stop at the first failing seed.
        #[arg(long)]
        stop_at_first: bool,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Tasks: run a scenario as a single-leader cluster and as a leaderless one, under the
    /// same workload and faults, and print their numbers side by side (as `run` does for a
    /// Tasks scenario).
    Compare {
        scenario: PathBuf,
        /// Print one JSON report instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Tasks: vary one parameter of a Tasks scenario over values, run each value with many
    /// seeds as both kinds (on every core), and print the means per value.
    Sweep {
        scenario: PathBuf,
        /// alpha, heartbeat, vnodes, servers, every or loss.
        #[arg(long)]
        param: Param,
        /// The values, comma-separated (times with a unit: `50ms,100ms`).
        #[arg(long, value_delimiter = ',', required = true)]
        values: Vec<String>,
        /// Seeds per value (the scenario's seed, then the next ones).
        #[arg(long, default_value_t = 10)]
        seeds: u64,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Print CSV instead of the table.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        #[arg(long)]
        json: bool,
    },
    /// Tasks: crash servers one at a time and show, for each number crashed, how much of
    /// the work each task cluster still accepted (the fault bound, against article B's).
    Bound {
        #[arg(long, default_value_t = 5)]
        servers: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// Play lesson files to their end with their own answers and goal solutions: each
    /// prediction's answer must be what the simulation does, each goal reachable.
    Lesson {
        #[arg(required = true)]
        lessons: Vec<PathBuf>,
        /// The folder of the scenarios the lessons load (default: `scenarios/` beside the
        /// lessons' folder).
        #[arg(long)]
        scenarios: Option<PathBuf>,
        /// One line per lesson instead of its steps.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Raft: the Raft paper's Figure 16 (top): five servers, the leader crashed, the time
    /// until a new leader as a cumulative distribution for each election-timeout range
    /// (150–150 to 150–300 ms), on every core.
    Figure16 {
        #[arg(long, default_value_t = 1000)]
        trials: usize,
        /// Print one JSON report instead of the table.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print every trial's time as CSV, with each range's cumulative share.
        #[arg(long)]
        csv: bool,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Raft: article A's P_elect = 1 − (1 − p)^n next to the measured chance of a new
    /// leader within each election window after the leader crashes.
    Elect {
        #[arg(long, default_value_t = 5)]
        servers: usize,
        #[arg(long, default_value_t = 1000)]
        trials: u64,
        /// Election windows, as times after the crash.
        #[arg(long, value_delimiter = ',', default_value = "150ms,200ms,250ms,300ms,400ms,600ms")]
        windows: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Model-check a protocol's real handlers: every order of deliveries, timer firings,
    /// client requests and faults up to the bounds, each state checked with the protocol's
    /// invariants. Prints the shortest counterexample (breadth-first) if a property breaks.
    Check {
        #[arg(long, value_enum)]
        protocol: CheckProtocol,
        /// Servers (default: the protocol's bound, 3).
        #[arg(long)]
        servers: Option<usize>,
        /// Client writes x=1, x=2, …; the k-th (from 0) is sent to server k mod servers.
        #[arg(long)]
        clients: Option<usize>,
        /// Client reads of x (Raft, Multi-Paxos), sent after the writes in the same
        /// numbering; each must see every write acknowledged before it was sent.
        #[arg(long)]
        reads: Option<usize>,
        /// A membership change the leader is asked for, once, at any point of a path
        /// (Raft; repeatable), written add_server:S4, add_learner:S4 or remove_server:S4.
        /// Replaces the changes the protocol's bounds for the bug name.
        #[arg(long)]
        change: Vec<String>,
        /// Breadth-first (the default, unless the protocol's bounds for the bug say
        /// otherwise): the counterexample is a shortest one.
        #[arg(long, conflicts_with = "dfs")]
        bfs: bool,
        /// Depth-first: keeps only fingerprints, so it needs far less memory; one thread
        /// unless --threads says otherwise.
        #[arg(long, conflicts_with = "shortest")]
        dfs: bool,
        /// Depth-first, then on below each counterexample's length until nothing shorter is
        /// left: a shortest counterexample in about depth-first search's memory (a byte
        /// more a state), for a longer search (no partial-order reduction). One thread
        /// unless --threads says otherwise.
        #[arg(long, conflicts_with = "bfs")]
        shortest: bool,
        /// Symmetry reduction: one state per class of renamings of the servers (Raft; up
        /// to n! fewer states on n servers).
        #[arg(long)]
        symmetry: bool,
        /// Depth-first search keeps 128 bits a state, from two hashes, rather than a 64-bit
        /// fingerprint: for proofs over hundreds of millions of states, where 64 bits would
        /// likely collide somewhere (about 15 bytes a state rather than 7–9).
        #[arg(long, conflicts_with = "bfs")]
        wide: bool,
        /// Longest path explored, in moves.
        #[arg(long)]
        max_depth: Option<usize>,
        /// Stop after this many distinct states (Raft's figure8_commit is found after 54
        /// million, depth-first).
        #[arg(long, default_value_t = 100_000_000)]
        max_states: u64,
        /// Stop when the process uses more memory than this (MB).
        #[arg(long, default_value_t = 8192)]
        max_memory: u64,
        /// A deliberate bug to switch on (repeatable).
        #[arg(long)]
        bug: Vec<String>,
        #[arg(long)]
        crashes: Option<u8>,
        #[arg(long)]
        losses: Option<u8>,
        #[arg(long)]
        duplicates: Option<u8>,
        /// Timer firings a path may contain.
        #[arg(long)]
        timers: Option<u8>,
        /// Worker threads (default: all cores for breadth-first search, one for
        /// depth-first, whose order is then fixed).
        #[arg(long)]
        threads: Option<usize>,
        /// Write a counterexample as a scenario file here.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Gossip: how a rumor spreads round by round, next to the epidemic model.
    Spread {
        #[arg(long, default_value_t = 1000)]
        nodes: usize,
        /// push, pull or push-pull.
        #[arg(long, default_value = "push-pull", value_parser = gossip_experiments::parse_mode)]
        mode: Mode,
        #[arg(long, default_value_t = 3)]
        fanout: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 20)]
        rounds: usize,
        #[arg(long)]
        json: bool,
    },
    /// SWIM: time to confirm a crashed member dead, and false positives, as loss rises.
    Detect {
        #[arg(long, default_value_t = 100)]
        nodes: usize,
        /// Loss rates to try, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "0,0.05,0.1,0.2,0.3")]
        loss: Vec<f64>,
        /// Runs (seeds) per loss rate.
        #[arg(long, default_value_t = 5)]
        seeds: u64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckProtocol {
    Raft,
    Paxos,
    Multipaxos,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FuzzProtocol {
    Raft,
    Paxos,
    Multipaxos,
    Gossip,
    /// Both task clusters, one after the other, each over every seed.
    Tasks,
    /// The leases lab, with the lease `--variant` names (default ttl).
    Leases,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run { scenario, json, trace, trace_file, check_linearizable } => {
            let options =
                run::RunOptions { json, embed_trace: trace, trace_file, check_linearizable };
            run::run(&scenario, &options)
        }
        Command::Compare { scenario, json } => run::compare(&scenario, json),
        Command::Bound { servers, seed, json } => tasks_bound::bound(servers, seed).and_then(|b| {
            if json {
                serde_json::to_string_pretty(&b)
                    .map(|text| println!("{text}"))
                    .map_err(|e| format!("cannot write the report: {e}"))?;
            } else {
                tasks_bound::print_bound(&b);
            }
            Ok(ExitCode::SUCCESS)
        }),
        Command::Lesson { lessons, scenarios, quiet } => {
            Ok(lesson::lessons(&lessons, scenarios.as_deref(), quiet))
        }
        Command::Figure16 { trials, json, csv, threads } => figure16::figure16(trials, threads)
            .and_then(|f| {
                if csv {
                    figure16::print_figure16_csv(&f);
                    Ok(ExitCode::SUCCESS)
                } else {
                    run::emit(&f, json, figure16::print_figure16).map(|()| ExitCode::SUCCESS)
                }
            }),
        Command::Elect { servers, trials, windows, json } => {
            elect::elect(servers, trials, &windows).and_then(|e| {
                run::emit(&e, json, elect::print_elections).map(|()| ExitCode::SUCCESS)
            })
        }
        Command::Sweep { scenario, param, values, seeds, threads, csv, json } => {
            run::sweep(&scenario, param, &values, seeds, threads, csv, json)
        }
        Command::Check {
            protocol,
            servers,
            clients,
            reads,
            change,
            bfs,
            dfs,
            shortest,
            symmetry,
            wide,
            max_depth,
            max_states,
            max_memory,
            bug,
            crashes,
            losses,
            duplicates,
            timers,
            threads,
            out,
            json,
        } => {
            let options = |protocol: &'static str, name: &'static str| check::CheckOptions {
                protocol,
                name,
                servers,
                clients,
                reads,
                changes: change.clone(),
                order: match (bfs, dfs, shortest) {
                    (_, true, _) => Some(Order::Dfs),
                    (_, _, true) => Some(Order::Shortest),
                    (bfs, ..) => bfs.then_some(Order::Bfs),
                },
                symmetry,
                wide,
                max_depth,
                max_states,
                max_memory_mb: max_memory,
                bugs: bug.clone(),
                crashes,
                losses,
                duplicates,
                timers,
                threads,
                out: out.clone(),
                json,
            };
            match protocol {
                CheckProtocol::Raft => check::check::<RaftNode>(options("raft", "Raft")),
                CheckProtocol::Paxos => check::check::<PaxosNode>(options("paxos", "Basic Paxos")),
                CheckProtocol::Multipaxos => {
                    check::check::<MultiPaxosNode>(options("multipaxos", "Multi-Paxos"))
                }
            }
        }
        Command::Spread { nodes, mode, fanout, seed, rounds, json } => {
            gossip_experiments::spread_command(nodes, mode, fanout, seed, rounds, json)
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Detect { nodes, loss, seeds, json } => {
            gossip_experiments::detect_command(nodes, &loss, seeds, json)
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Fuzz {
            protocol,
            seeds,
            start,
            bug,
            variant,
            store_replicas,
            stop_at_first,
            threads,
        } => {
            let config = FuzzConfig::default();
            let leases_only = variant.is_some() || store_replicas.is_some();
            if leases_only && !matches!(protocol, FuzzProtocol::Leases) {
                eprintln!(
                    "error: --variant and --store-replicas are the leases lab's (--protocol leases)"
                );
                return ExitCode::from(2);
            }
            let plan = FuzzPlan { seeds, start, bug_names: &bug, stop_at_first, threads };
            match protocol {
                FuzzProtocol::Raft => {
                    let mut bugs = Bugs::default();
                    bug.iter().try_for_each(|name| bugs.enable(name)).and_then(|()| {
                        fuzz_command("raft", &bugs.enabled(), &plan, |seed| {
                            let protocol = RaftConfig::for_fuzz_seed(seed, bugs);
                            let config = raft::fuzz_config(&protocol);
                            history::fuzz::<RaftNode>(&config, &protocol, seed)
                        })
                    })
                }
                FuzzProtocol::Paxos => {
                    let mut bugs = PaxosBugs::default();
                    bug.iter().try_for_each(|name| bugs.enable(name)).and_then(|()| {
                        fuzz_command("paxos", &bugs.enabled(), &plan, |seed| {
                            let protocol = PaxosConfig::for_fuzz_seed(seed, bugs);
                            fuzz::run::<PaxosNode>(&config, &protocol, seed)
                        })
                    })
                }
                FuzzProtocol::Multipaxos => {
                    let mut bugs = MultiPaxosBugs::default();
                    bug.iter().try_for_each(|name| bugs.enable(name)).and_then(|()| {
                        fuzz_command("multipaxos", &bugs.enabled(), &plan, |seed| {
                            let protocol = MultiPaxosConfig { bugs, ..MultiPaxosConfig::default() };
                            history::fuzz::<MultiPaxosNode>(&config, &protocol, seed)
                        })
                    })
                }
                FuzzProtocol::Tasks => {
                    let config = clusterscope_core::protocols::tasks::fuzz_config();
                    let mut bugs = TasksConfig::default();
                    bug.iter().try_for_each(|name| bugs.enable_bug(name)).and_then(|()| {
                        let enabled = bugs.bugs_enabled();
                        println!("single-leader cluster:");
                        let leader = fuzz_command("tasks", &enabled, &plan, |seed| {
                            let protocol = LeaderConfig::for_fuzz_seed(seed, bugs.leader.bugs);
                            fuzz::run::<LeaderTaskNode>(&config, &protocol, seed)
                        })?;
                        println!("leaderless cluster:");
                        let leaderless = fuzz_command("tasks", &enabled, &plan, |seed| {
                            let protocol = PeerConfig::for_fuzz_seed(seed, bugs.leaderless.bugs);
                            fuzz::run::<PeerTaskNode>(&config, &protocol, seed)
                        })?;
                        Ok(if leader == ExitCode::SUCCESS { leaderless } else { leader })
                    })
                }
                FuzzProtocol::Leases => {
                    let mut lease = LeaseConfig::default();
                    let chosen = variant.as_deref().map_or(Ok(lease.variant), str::parse);
                    lease.store_replicas = store_replicas.unwrap_or(1);
                    chosen
                        .and_then(|v| {
                            lease.variant = v;
                            leases::validate_store_replicas(lease.store_replicas)?;
                            bug.iter().try_for_each(|name| lease.bugs.enable(name))
                        })
                        .and_then(|()| {
                            let config = leases::fuzz_config(&lease);
                            let mut name = format!("leases --variant {}", lease.variant);
                            if lease.replicated() {
                                name += &format!(" --store-replicas {}", lease.store_replicas);
                            }
                            fuzz_command(&name, &lease.bugs.enabled(), &plan, |seed| {
                                fuzz::run::<LeaseNode>(&config, &lease, seed)
                            })
                        })
                }
                FuzzProtocol::Gossip => {
                    let mut bugs = GossipBugs::default();
                    bug.iter().try_for_each(|name| bugs.enable(name)).and_then(|()| {
                        fuzz_command("gossip", &bugs.enabled(), &plan, |seed| {
                            let protocol = GossipConfig::for_fuzz_seed(seed, bugs);
                            fuzz::run::<GossipNode>(&config, &protocol, seed)
                        })
                    })
                }
            }
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

/// Which seeds to run, and how.
struct FuzzPlan<'a> {
    seeds: u64,
    start: u64,
    bug_names: &'a [String],
    stop_at_first: bool,
    threads: Option<usize>,
}

fn fuzz_command(
    protocol: &str,
    bug_list: &[&str],
    plan: &FuzzPlan<'_>,
    run_seed: impl Fn(u64) -> FuzzOutcome + Sync,
) -> Result<ExitCode, String> {
    let FuzzPlan { seeds, start, bug_names, stop_at_first, threads } = *plan;
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
                let outcome = run_seed(seed);
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
    println!(
        "{protocol} fuzz: {ran} seeds from {start}, {} steps in {elapsed:.1}s ({:.0} steps/s), bugs: {}",
        steps.load(Ordering::Relaxed),
        steps.load(Ordering::Relaxed) as f64 / elapsed.max(1e-9),
        if bug_list.is_empty() { "none".to_string() } else { bug_list.join(", ") },
    );
    if let Some(first) = failures.first() {
        println!(
            "first failing seed: {} (replay: clusterscope fuzz --protocol {protocol} --start {} --seeds 1{})",
            first.seed,
            first.seed,
            bug_names.iter().map(|b| format!(" --bug {b}")).collect::<String>()
        );
    }
    println!("fuzz: {} passed, {} failed", ran - failures.len() as u64, failures.len());
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
