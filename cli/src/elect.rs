//! `clusterscope elect`: article A's P_elect = 1 − (1 − p)^n next to what Raft does. The
//! leader of a settled cluster crashes at a random point of its heartbeat interval, once per
//! trial; for each election window, the share of trials with a new leader within it, the
//! share of candidacies that won (p), and the formula with that p and the survivors.

use serde::Serialize;

use clusterscope_core::protocols::raft::experiments::{at_window, election_after_crash, Window};
use clusterscope_core::protocols::raft::RaftConfig;
use clusterscope_core::scenario::MAX_CONSENSUS_NODES;
use clusterscope_core::sim::{format_time, parse_time, Time};

/// The most trials a run takes: each is a few milliseconds.
const MAX_TRIALS: u64 = 1_000_000;

#[derive(Serialize)]
pub struct Elections {
    pub servers: usize,
    pub election_timeout: (Time, Time),
    pub windows: Vec<Window>,
}

pub fn elect(servers: usize, trials: u64, windows: &[String]) -> Result<Elections, String> {
    if !(3..=MAX_CONSENSUS_NODES).contains(&servers) {
        return Err(format!("servers must be from 3 to {MAX_CONSENSUS_NODES}, not {servers}"));
    }
    if !(1..=MAX_TRIALS).contains(&trials) {
        return Err(format!("trials must be from 1 to {MAX_TRIALS}, not {trials}"));
    }
    let windows: Vec<Time> = windows.iter().map(|w| parse_time(w)).collect::<Result<_, _>>()?;
    let longest = windows.iter().copied().max().ok_or("give at least one window")?;
    let config = RaftConfig::default();
    let runs: Vec<_> =
        (0..trials).map(|seed| election_after_crash(servers, &config, seed, longest)).collect();
    Ok(Elections {
        servers,
        election_timeout: config.election_timeout,
        windows: windows.iter().map(|w| at_window(&runs, *w, servers - 1)).collect(),
    })
}

pub fn print_elections(e: &Elections) {
    let (min, max) = e.election_timeout;
    println!(
        "{} servers, election timeout {}–{}: the leader crashes; {} survivors campaign",
        e.servers,
        format_time(min),
        format_time(max),
        e.servers - 1
    );
    println!(
        "{:>10} {:>8} {:>12} {:>16} {:>26}",
        "window", "trials", "candidacies", "p (won/tried)", "P_elect measured | formula"
    );
    for w in &e.windows {
        println!(
            "{:>10} {:>8} {:>12} {:>16.3} {:>15.3} | {:<9.3}",
            format_time(w.window),
            w.trials,
            w.candidacies,
            w.p,
            w.measured,
            w.formula
        );
    }
    println!(
        "the formula treats each survivor's attempt as independent; in Raft a survivor only \
         campaigns once its election timer runs out, and one winner stops the rest"
    );
}
