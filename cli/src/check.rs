//! `clusterscope check`: the model checker over a protocol's real handlers, with the bounds
//! the protocol declares unless told otherwise; a counterexample is printed move by move and
//! can be written as a scenario that `run` and the page replay.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use serde::Serialize;

use clusterscope_core::model::{
    change_name, check_size, confirmed_actions, counterexample_scenario, narrate_path,
    parse_change, Checkable, Explorer, Faults, Model, Order, Stop,
};

/// What the command line asked for; `None` takes the protocol's bound.
pub struct CheckOptions {
    pub protocol: &'static str,
    pub name: &'static str,
    pub servers: Option<usize>,
    pub clients: Option<usize>,
    pub reads: Option<usize>,
    /// Membership changes as typed (`remove_server:S4`); none: the bounds'.
    pub changes: Vec<String>,
    /// `None`: the search the protocol's bounds name.
    pub order: Option<Order>,
    pub symmetry: bool,
    pub wide: bool,
    pub max_depth: Option<usize>,
    pub max_states: u64,
    pub max_memory_mb: u64,
    pub bugs: Vec<String>,
    pub crashes: Option<u8>,
    pub losses: Option<u8>,
    pub duplicates: Option<u8>,
    pub timers: Option<u8>,
    pub threads: Option<usize>,
    pub out: Option<PathBuf>,
    pub json: bool,
}

#[derive(Serialize)]
struct Report {
    protocol: &'static str,
    servers: usize,
    clients: usize,
    reads: usize,
    /// The membership changes asked of the leader, as typed.
    changes: Vec<String>,
    bugs: Vec<String>,
    /// bfs, dfs or shortest.
    #[serde(rename = "search", serialize_with = "order_name")]
    order: Order,
    symmetry: bool,
    /// Whether depth-first search kept 128 bits a state (`--wide`) rather than 64.
    wide: bool,
    threads: usize,
    max_depth: usize,
    /// The depth bound at the end: a search for the shortest counterexample lowers it below
    /// each one it finds.
    depth_bound_now: usize,
    crashes: u8,
    losses: u8,
    duplicates: u8,
    timers: u8,
    states: u64,
    unique_states: u64,
    unique_per_second: f64,
    depth: usize,
    seconds: f64,
    peak_memory_mb: Option<f64>,
    /// An estimate of the chance that two distinct states shared a fingerprint, so that the
    /// search skipped one (`Explorer::collision_chance`).
    fingerprint_collision_chance: f64,
    /// exhausted, cut at the depth bound, violation, state bound or memory bound.
    outcome: &'static str,
    goals: Vec<GoalReport>,
    violation: Option<ViolationReport>,
}

#[derive(Serialize)]
struct GoalReport {
    goal: &'static str,
    first_reached_at_depth: Option<usize>,
}

#[derive(Serialize)]
struct ViolationReport {
    /// Whether no shorter path breaks a property within the bounds: breadth-first search,
    /// or a search for the shortest that ran to its end.
    shortest: bool,
    property: &'static str,
    detail: String,
    moves: Vec<String>,
    scenario: Option<String>,
}

fn order_name<S: serde::Serializer>(order: &Order, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_str(order.name())
}

/// Kilobytes from a `/proc/self/status` line such as `VmHWM:   123456 kB` (Linux only).
fn proc_status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn check<N: Checkable>(options: CheckOptions) -> Result<ExitCode, String> {
    // With several bugs, the first one's bounds.
    let bounds = options.bugs.first().map_or(N::BOUNDS, |bug| N::bounds_for(bug));
    let servers = options.servers.unwrap_or(bounds.servers);
    let clients = options.clients.unwrap_or(bounds.clients);
    let reads = options.reads.unwrap_or(bounds.reads);
    let faults = Faults {
        crashes: options.crashes.unwrap_or(bounds.faults.crashes),
        losses: options.losses.unwrap_or(bounds.faults.losses),
        duplicates: options.duplicates.unwrap_or(bounds.faults.duplicates),
        timers: options.timers.unwrap_or(bounds.faults.timers),
    };
    let max_depth = options.max_depth.unwrap_or(bounds.depth);
    let order = options.order.unwrap_or(bounds.order);
    // Depth-first search runs on one thread unless told otherwise: on several it visits the
    // same states when it runs to the end, but which counterexample it meets first, and what
    // a depth bound cuts, depend on how the threads' work interleaves.
    let every_core = || std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = match order {
        Order::Dfs | Order::Shortest => options.threads.unwrap_or(1),
        Order::Bfs => options.threads.unwrap_or_else(every_core),
    }
    .max(1);
    check_size(servers, clients, reads)?;
    let config = N::model_config(servers, &options.bugs)?;
    let changes = if options.changes.is_empty() {
        bounds.changes.to_vec()
    } else {
        options.changes.iter().map(|c| parse_change(c)).collect::<Result<_, _>>()?
    };
    let mut model = Model::<N>::with_clients(servers, config, clients, reads, faults)?
        .with_changes(&changes)?;
    if options.symmetry {
        model = model.with_symmetry()?;
    }
    model.wide = options.wide;
    let mut explorer = Explorer::new(model.clone(), order, max_depth, options.max_states, threads)?;

    let began = Instant::now();
    let mut memory_bound = false;
    let mut last_line = Instant::now();
    let stop = loop {
        if let Some(stop) = explorer.advance(200_000) {
            break stop.clone();
        }
        if proc_status_mb("VmRSS:").is_some_and(|mb| mb > options.max_memory_mb as f64) {
            memory_bound = true;
            break Stop::StateBound;
        }
        if !options.json && last_line.elapsed().as_secs() >= 2 {
            let p = explorer.progress();
            let shorter = explorer.best_so_far().map_or(String::new(), |found| {
                format!("; found {} moves, looking for shorter", found.path.len())
            });
            eprintln!("… {} states, {} unique, depth {}{shorter}", p.states, p.unique, p.depth);
            last_line = Instant::now();
        }
    };
    let seconds = began.elapsed().as_secs_f64();
    let progress = explorer.progress().clone();

    // A search for the shortest counterexample stopped by a bound still has the shortest
    // it found; only one that ran to its end knows nothing shorter is left.
    let (found, shortest) = match &stop {
        Stop::Violation(found) => (Some(found), order != Order::Dfs),
        _ => (explorer.best_so_far(), false),
    };
    let violation = match found {
        Some(found) => {
            let moves = narrate_path(&model, &found.path);
            let actions = confirmed_actions(&model, found)?;
            let scenario = match &options.out {
                Some(path) => {
                    let bugs: Vec<&str> = options.bugs.iter().map(String::as_str).collect();
                    let name = path
                        .file_stem()
                        .map_or("counterexample".into(), |s| s.to_string_lossy().into_owned());
                    let description = format!(
                        "Found by the model checker (clusterscope check --protocol {}{}{}{}): {} \
                         moves to a broken {}, {}.",
                        options.protocol,
                        bugs.iter().map(|b| format!(" --bug {b}")).collect::<String>(),
                        options
                            .changes
                            .iter()
                            .map(|c| format!(" --change {c}"))
                            .collect::<String>(),
                        if options.symmetry { " --symmetry" } else { "" },
                        found.path.len(),
                        found.broken.property,
                        order.path_words(matches!(stop, Stop::Violation(_))),
                    );
                    let text = counterexample_scenario::<N>(
                        &name,
                        &description,
                        options.protocol,
                        servers,
                        &bugs,
                        &actions,
                        &found.say(),
                    );
                    std::fs::write(path, text)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    Some(path.display().to_string())
                }
                None => None,
            };
            Some(ViolationReport {
                shortest,
                property: found.broken.property,
                detail: found.broken.detail.clone(),
                moves,
                scenario,
            })
        }
        None => None,
    };
    let outcome = if memory_bound { "stopped at the memory bound" } else { stop.outcome() };
    let report = Report {
        protocol: options.protocol,
        servers,
        clients,
        reads,
        changes: model.changes.iter().map(|&c| change_name(c)).collect(),
        bugs: options.bugs.clone(),
        order,
        symmetry: options.symmetry,
        wide: options.wide,
        threads,
        max_depth,
        depth_bound_now: explorer.max_depth(),
        crashes: faults.crashes,
        losses: faults.losses,
        duplicates: faults.duplicates,
        timers: faults.timers,
        states: progress.states,
        unique_states: progress.unique,
        unique_per_second: progress.unique as f64 / seconds.max(1e-9),
        depth: progress.depth,
        seconds,
        peak_memory_mb: proc_status_mb("VmHWM:"),
        fingerprint_collision_chance: explorer.collision_chance(),
        outcome,
        goals: N::GOALS
            .iter()
            .zip(&progress.goals)
            .map(|(goal, depth)| GoalReport { goal: goal.name, first_reached_at_depth: *depth })
            .collect(),
        violation,
    };
    if options.json {
        crate::run::emit(&report, true, |_| {})?;
    } else {
        print_report(&report, options.name);
    }
    Ok(if report.violation.is_some() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn print_report(r: &Report, name: &str) {
    let bugs =
        if r.bugs.is_empty() { String::new() } else { format!(" with {}", r.bugs.join(", ")) };
    println!(
        "{name}{bugs}: {} servers, {} client writes, {} reads; faults: {} crash, {} loss, \
         {} duplicate, {} timer firing; {}{}{} to depth {} on {} thread{}",
        r.servers,
        r.clients,
        r.reads,
        r.crashes,
        r.losses,
        r.duplicates,
        r.timers,
        match r.order {
            Order::Shortest => "DFS for the shortest counterexample".to_string(),
            order => order.name().to_uppercase(),
        },
        if r.symmetry { " with symmetry reduction" } else { "" },
        if r.wide { ", 128-bit keys" } else { "" },
        r.max_depth,
        r.threads,
        if r.threads == 1 { "" } else { "s" },
    );
    if !r.changes.is_empty() {
        println!("membership changes asked of the leader: {}", r.changes.join(", "));
    }
    let memory = r.peak_memory_mb.map_or(String::new(), |mb| format!(", peak memory {mb:.0} MB"));
    println!(
        "{} states, {} unique, in {:.2} s ({:.0} unique/s); deepest {}{memory}",
        r.states, r.unique_states, r.seconds, r.unique_per_second, r.depth
    );
    println!(
        "chance that two of the unique states shared a fingerprint, so that one was skipped: \
         {:.1e} (if the hash spreads states evenly)",
        r.fingerprint_collision_chance
    );
    for goal in &r.goals {
        match goal.first_reached_at_depth {
            Some(depth) => println!("goal \"{}\": reached at depth {depth}", goal.goal),
            None => println!("goal \"{}\": not reached within the bound", goal.goal),
        }
    }
    match &r.violation {
        Some(v) => {
            println!("VIOLATION: {} after {} moves: {}", v.property, v.moves.len(), v.detail);
            if r.order == Order::Shortest {
                println!(
                    "{}",
                    if v.shortest {
                        "no shorter path breaks a property: the search ran to its end below it"
                    } else {
                        "not known to be the shortest: the search stopped before it had tried \
                         every shorter path"
                    }
                );
            }
            for (i, line) in v.moves.iter().enumerate() {
                println!("{:>4}. {line}", i + 1);
            }
            if let Some(path) = &v.scenario {
                println!("written to {path}; replay it with `clusterscope run {path}`");
            }
        }
        None => println!("{}: no property broken", r.outcome),
    }
}
