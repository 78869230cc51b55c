//! The Check panel's job, which the measurement worker runs: explore a protocol's model within
//! the bounds the panel asked for, telling the page how far the search has got, then answer
//! with the outcome and, on a violation, each move in words, the scenario file and a link that
//! opens the counterexample in the lab at the step where the property breaks.
//!
//! ```text
//! → {"check": {"protocol": "paxos", "servers": 3, "clients": 2, "bugs": ["forget_promise"],
//!              "changes": [],          (Raft's membership changes: ["remove_server:S4", …])
//!              "order": "bfs",         (or "dfs", or "shortest": depth-first to a shortest)
//!              "symmetry": false, "max_depth": 15, "crashes": 1, "losses": 0,
//!              "duplicates": 0, "timers": 0}}      (and "max_states", within the page's)
//! ← {"searching": {"states": 812345, "unique": 201234, "depth": 11, "ms": 1500,
//!                  "memory_mb": 96}}                                            (now and then)
//! ← {"checked": {"outcome": "violation", "states": …, "unique": …, "depth": 13, "ms": …,
//!                "goals": [{"goal": "…", "depth": 9}],
//!                "collision_chance": 1.4e-8,   (two distinct states, one fingerprint)
//!                "violation": {"property": "…", "detail": "…", "moves": ["…"],
//!                              "shortest": true,  (nothing shorter breaks a property)
//!                              "link": "protocol=paxos&…&step=13", "scenario": "name = …"}}}
//! ```
//!
//! It runs on one thread (a worker has one); the page cancels it by stopping the worker.

use serde::Deserialize;
use serde_json::{json, Value};

use clusterscope_core::model::{
    confirmed_actions, counterexample_scenario, narrate_path, parse_change, Checkable, Explorer,
    Faults, Found, Model, Order, Progress, Stop,
};
use clusterscope_core::protocols::multipaxos::MultiPaxosNode;
use clusterscope_core::protocols::paxos::PaxosNode;
use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::action_code::clip;

use super::counterexample::counterexample_link;
use crate::labs::settings::MIN_SERVERS;

/// The most distinct states a search in the page may keep: breadth-first search holds about
/// 160 bytes for each, and a tab should not ask the browser for gigabytes. Depth-first search
/// keeps a fingerprint of each (about 20 bytes), so it may go further.
pub const MAX_PAGE_STATES: u64 = 5_000_000;
pub const MAX_PAGE_STATES_DFS: u64 = 20_000_000;
/// The largest model the page offers: each server multiplies the states.
pub const MAX_PAGE_SERVERS: usize = 5;
/// Moves explored between two looks at the clock.
const SLICE: u64 = 20_000;
/// How often the page hears how far the search has got.
const PROGRESS_EVERY_MS: f64 = 250.0;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    pub protocol: String,
    pub servers: usize,
    pub clients: usize,
    /// Reads after the writes (Raft, Multi-Paxos).
    #[serde(default)]
    pub reads: usize,
    #[serde(default)]
    pub bugs: Vec<String>,
    /// Membership changes asked of the leader, written `remove_server:S4` (Raft).
    #[serde(default)]
    pub changes: Vec<String>,
    /// The search: `bfs` (the default), `dfs` or `shortest` ([`Order::name`]).
    #[serde(default)]
    pub order: Option<String>,
    /// One state per class of renamings of the servers (Raft).
    #[serde(default)]
    pub symmetry: bool,
    pub max_depth: usize,
    #[serde(default)]
    pub crashes: u8,
    #[serde(default)]
    pub losses: u8,
    #[serde(default)]
    pub duplicates: u8,
    #[serde(default)]
    pub timers: u8,
    /// The page leaves it out: as many as the search may keep ([`MAX_PAGE_STATES`], or
    /// [`MAX_PAGE_STATES_DFS`] depth-first).
    pub max_states: Option<u64>,
}

/// Runs the check `request` asks for, passing each answer line to `reply`. `now` reads a
/// clock in milliseconds (the worker's; a test's).
pub fn run_check(
    request: &CheckRequest,
    now: &dyn Fn() -> f64,
    reply: &mut dyn FnMut(String),
) -> Result<(), String> {
    match Protocol::from_key(&request.protocol) {
        Some(Protocol::Raft) => check::<RaftNode>(request, now, reply),
        Some(Protocol::Paxos) => check::<PaxosNode>(request, now, reply),
        Some(Protocol::MultiPaxos) => check::<MultiPaxosNode>(request, now, reply),
        _ => Err(format!(
            "the model checker runs Raft, Basic Paxos and Multi-Paxos, not `{}`",
            clip(&request.protocol)
        )),
    }
}

/// The worker's memory in MB: a wasm module's memory only grows, so this is also its peak.
/// (`None` natively, where the CLI reads the process's peak instead.)
fn memory_mb() -> Option<u64> {
    #[cfg(target_arch = "wasm32")]
    return Some(core::arch::wasm32::memory_size(0) as u64 * 65536 / (1 << 20));
    #[cfg(not(target_arch = "wasm32"))]
    None
}

fn counters(progress: &Progress, ms: f64) -> Value {
    json!({ "states": progress.states, "unique": progress.unique, "depth": progress.depth,
            "ms": ms.round(), "memory_mb": memory_mb() })
}

fn check<N: Checkable>(
    r: &CheckRequest,
    now: &dyn Fn() -> f64,
    reply: &mut dyn FnMut(String),
) -> Result<(), String> {
    if !(MIN_SERVERS..=MAX_PAGE_SERVERS).contains(&r.servers) {
        return Err(format!(
            "the page checks models of {MIN_SERVERS} to {MAX_PAGE_SERVERS} servers, not {} (the \
             CLI's `check` takes more)",
            r.servers
        ));
    }
    let order = match r.order.as_deref() {
        None => Order::Bfs,
        Some(name) => Order::from_name(name)
            .ok_or_else(|| format!("the search is bfs, dfs or shortest, not `{}`", clip(name)))?,
    };
    let most = if order == Order::Bfs { MAX_PAGE_STATES } else { MAX_PAGE_STATES_DFS };
    let max_states = r.max_states.unwrap_or(most);
    if !(1..=most).contains(&max_states) {
        return Err(format!(
            "the page keeps 1 to {most} distinct states in this search, not {max_states} (the \
             CLI's `check` keeps more)"
        ));
    }
    let config = N::model_config(r.servers, &r.bugs)?;
    let faults =
        Faults { crashes: r.crashes, losses: r.losses, duplicates: r.duplicates, timers: r.timers };
    let changes = r.changes.iter().map(|c| parse_change(c)).collect::<Result<Vec<_>, _>>()?;
    let mut model = Model::<N>::with_clients(r.servers, config, r.clients, r.reads, faults)?
        .with_changes(&changes)?;
    if r.symmetry {
        model = model.with_symmetry()?;
    }
    let mut explorer = Explorer::new(model.clone(), order, r.max_depth, max_states, 1)?;
    let began = now();
    let mut said = began;
    let stop = loop {
        if let Some(stop) = explorer.advance(SLICE) {
            break stop.clone();
        }
        let at = now();
        if at - said >= PROGRESS_EVERY_MS {
            said = at;
            reply(json!({ "searching": counters(explorer.progress(), at - began) }).to_string());
        }
    };
    let ms = now() - began;
    let progress = explorer.progress();
    // A search for the shortest stopped by its state bound still has the shortest it found.
    let violation = match (&stop, explorer.best_so_far()) {
        (Stop::Violation(found), _) => Some(violation(&model, found, order, true, r)?),
        (_, Some(found)) => Some(violation(&model, found, order, false, r)?),
        _ => None,
    };
    let goals: Vec<Value> = N::GOALS
        .iter()
        .zip(&progress.goals)
        .map(|(goal, depth)| json!({ "goal": goal.name, "depth": depth }))
        .collect();
    let mut checked = counters(progress, ms);
    checked["outcome"] = json!(stop.outcome());
    checked["goals"] = json!(goals);
    checked["collision_chance"] = json!(explorer.collision_chance());
    checked["violation"] = json!(violation);
    reply(json!({ "checked": checked }).to_string());
    Ok(())
}

/// A violation as the panel shows it: the moves in words, the scenario file, and the link.
/// `to_the_end`: whether the search ran to its end (else it stopped at its bound, and a
/// search for the shortest gives the shortest it had found).
fn violation<N: Checkable>(
    model: &Model<N>,
    found: &Found,
    order: Order,
    to_the_end: bool,
    r: &CheckRequest,
) -> Result<Value, String> {
    let actions = confirmed_actions(model, found)?;
    let bugs: Vec<&str> = r.bugs.iter().map(String::as_str).collect();
    let description = format!(
        "Found by the model checker in the page{}: {} moves to a broken {}, {}.",
        if r.symmetry { ", with symmetry reduction" } else { "" },
        found.path.len(),
        found.broken.property,
        order.path_words(to_the_end)
    );
    let text = counterexample_scenario::<N>(
        "counterexample",
        &description,
        N::PROTOCOL,
        model.servers,
        &bugs,
        &actions,
        &found.say(),
    );
    let scenario = Scenario::parse(&text, "counterexample").map_err(|e| e.to_string())?;
    let link = counterexample_link(&scenario)?;
    Ok(json!({
        "property": found.broken.property,
        "detail": found.broken.detail,
        "moves": narrate_path(model, &found.path),
        "shortest": to_the_end && order != Order::Dfs,
        "link": link.to_query(),
        "scenario": text,
    }))
}
