//! `clusterscope run`: a scenario to its end. The run streams: each step's records go to the
//! report's tally and, if asked, to a trace file as they happen, and are not kept (unless the
//! JSON report must embed them), so memory follows the cluster's state, not the run's length.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clusterscope_core::protocols::gossip::GossipNode;
use clusterscope_core::protocols::leases::LeaseNode;
use clusterscope_core::protocols::multipaxos::MultiPaxosNode;
use clusterscope_core::protocols::paxos::PaxosNode;
use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::protocols::tasks::twin::TwinNode;
use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::{Node, Record, Sim};

use crate::gossip_report::{self, GossipTally};
use crate::leases_report::{self, LeasesTally};
use crate::multipaxos_report;
use crate::paxos_report::{self, PaxosTally};
use crate::report::{self, HistoryTally, NoTally, RaftTally, Tally};
use crate::{tasks_compare, tasks_sweep};

/// What `run` was asked for.
pub struct RunOptions {
    pub json: bool,
    /// Embed every record in the JSON report (kept in memory until the end).
    pub embed_trace: bool,
    /// Write every record to this file, one JSON object per line, as the run goes.
    pub trace_file: Option<PathBuf>,
    /// Check the client history for linearizability (and fail the run if it is not).
    pub check_linearizable: bool,
}

/// A finished run: the final world, what the tally gathered, and the records if kept.
struct Streamed<N: Node, T> {
    sim: Sim<N>,
    tally: T,
    trace: Option<Vec<Record<N>>>,
}

fn read_scenario(path: &Path) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Scenario::parse(&text, &path.display().to_string()).map_err(|e| e.to_string())
}

/// `clusterscope compare`: a Tasks scenario as both kinds.
pub fn compare(path: &Path, json: bool) -> Result<ExitCode, String> {
    compare_scenario(&read_scenario(path)?, json)
}

/// `clusterscope sweep`: a Tasks scenario with one parameter varied, both kinds.
pub fn sweep(
    path: &Path,
    param: clusterscope_core::protocols::tasks::sweep::Param,
    values: &[String],
    seeds: u64,
    threads: Option<usize>,
    csv: bool,
    json: bool,
) -> Result<ExitCode, String> {
    let scenario = read_scenario(path)?;
    if scenario.protocol != Protocol::Tasks {
        return Err(format!(
            "sweep runs Tasks scenarios (protocol = \"tasks\"); this one is {}",
            scenario.protocol.name()
        ));
    }
    if !(1..=10_000).contains(&seeds) {
        return Err(format!("--seeds must be from 1 to 10000, not {seeds}"));
    }
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let points = tasks_sweep::sweep(&scenario, param, values, seeds, threads)?;
    if csv {
        tasks_sweep::print_csv(param, &points);
    } else if json {
        emit(&points, true, |_| {})?;
    } else {
        tasks_sweep::print_table(param, &points, seeds);
    }
    Ok(ExitCode::SUCCESS)
}

fn compare_scenario(scenario: &Scenario, json: bool) -> Result<ExitCode, String> {
    let comparison = tasks_compare::with_ring_change(tasks_compare::compare(scenario)?, scenario);
    let violated = [&comparison.single_leader, &comparison.leaderless]
        .iter()
        .any(|kind| !kind.violations.is_empty());
    emit(&comparison, json, tasks_compare::print_comparison)?;
    Ok(if violated { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

pub fn run(path: &Path, options: &RunOptions) -> Result<ExitCode, String> {
    let scenario = read_scenario(path)?;
    if options.check_linearizable
        && ![Protocol::Raft, Protocol::MultiPaxos].contains(&scenario.protocol)
    {
        return Err(format!(
            "--check-linearizable checks the key-value histories of Raft and Multi-Paxos; {} \
             has no key-value clients",
            scenario.protocol.name()
        ));
    }
    match scenario.protocol {
        Protocol::Raft => {
            let run = stream::<RaftNode, RaftTally>(&scenario, scenario.raft.clone(), options)?;
            let trace = run.trace.as_deref();
            let check = options.check_linearizable;
            let report = report::raft_report(&scenario, &run.sim, run.tally, trace, check);
            emit(&report, options.json, report::print_summary)?;
            if report.history.as_ref().is_some_and(|h| !h.linearizable()) {
                return Ok(ExitCode::FAILURE);
            }
        }
        Protocol::Paxos => {
            let run = stream::<PaxosNode, PaxosTally>(&scenario, scenario.paxos.clone(), options)?;
            let report =
                paxos_report::paxos_report(&scenario, &run.sim, run.tally, run.trace.as_deref());
            emit(&report, options.json, paxos_report::print_paxos_summary)?;
        }
        Protocol::MultiPaxos => {
            let config = scenario.multipaxos.clone();
            let run = stream::<MultiPaxosNode, HistoryTally>(&scenario, config, options)?;
            let (trace, check) = (run.trace.as_deref(), options.check_linearizable);
            let report =
                multipaxos_report::multipaxos_report(&scenario, &run.sim, run.tally, trace, check);
            emit(&report, options.json, multipaxos_report::print_multipaxos_summary)?;
            if report.history.as_ref().is_some_and(|h| !h.linearizable()) {
                return Ok(ExitCode::FAILURE);
            }
        }
        // A Tasks scenario runs as both kinds: its report is the comparison, which has no
        // room for the records; a trace file gets them from a run of its own (the same
        // run: the simulator is deterministic).
        Protocol::Tasks => {
            if options.embed_trace {
                return Err("a Tasks run's report is the comparison, without records: use \
                            --trace-file FILE for its trace"
                    .into());
            }
            if options.trace_file.is_some() {
                stream::<TwinNode, NoTally>(&scenario, scenario.tasks.clone(), options)?;
            }
            return compare_scenario(&scenario, options.json);
        }
        Protocol::Gossip => {
            let config = scenario.gossip.clone();
            let run = stream::<GossipNode, GossipTally>(&scenario, config, options)?;
            let trace = run.trace.as_deref();
            let report = gossip_report::gossip_report(&scenario, &run.sim, run.tally, trace);
            emit(&report, options.json, gossip_report::print_gossip_summary)?;
        }
        Protocol::Leases => {
            let config = scenario.leases.clone();
            let run = stream::<LeaseNode, LeasesTally>(&scenario, config, options)?;
            let trace = run.trace.as_deref();
            let report = leases_report::leases_report(&scenario, &run.sim, run.tally, trace);
            emit(&report, options.json, leases_report::print_leases_summary)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the scenario, feeding each step's records to the tally, the trace file and (only if
/// the report embeds them) the kept trace.
fn stream<N: Node, T: Tally<N>>(
    scenario: &Scenario,
    config: N::Config,
    options: &RunOptions,
) -> Result<Streamed<N, T>, String> {
    let mut writer = match &options.trace_file {
        Some(path) => Some(BufWriter::new(
            File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?,
        )),
        None => None,
    };
    let mut tally = T::default();
    let mut kept = options.embed_trace.then(Vec::new);
    let mut write_error = None;
    let sim = scenario.run_each(config, true, |sim| {
        let records = sim.records();
        tally.observe(records);
        if let Some(kept) = &mut kept {
            kept.extend_from_slice(records);
        }
        if let (Some(writer), None) = (&mut writer, &write_error) {
            write_error = write_lines(writer, records).err();
        }
    });
    if let Some(mut writer) = writer {
        let path = options.trace_file.as_deref().unwrap_or(Path::new("-"));
        let failed = write_error.map_or_else(|| writer.flush().err(), Some);
        if let Some(e) = failed {
            return Err(format!("cannot write the trace to {}: {e}", path.display()));
        }
    }
    Ok(Streamed { sim, tally, trace: kept })
}

fn write_lines<N: Node>(writer: &mut impl Write, records: &[Record<N>]) -> std::io::Result<()> {
    for record in records {
        serde_json::to_writer(&mut *writer, record)?;
        writer.write_all(b"\n")?;
    }
    Ok(())
}

/// Prints a report as one JSON document, or as its few summary lines.
pub fn emit<R: serde::Serialize>(report: &R, json: bool, summary: fn(&R)) -> Result<(), String> {
    if json {
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        serde_json::to_writer_pretty(&mut out, report)
            .and_then(|()| writeln!(out).map_err(serde_json::Error::io))
            .and_then(|()| out.flush().map_err(serde_json::Error::io))
            .map_err(|e| format!("cannot write the report: {e}"))?;
    } else {
        summary(report);
    }
    Ok(())
}
