//! A sweep of a Tasks scenario: one parameter varied, each value run over many seeds with
//! both clusters side by side, and each cluster's numbers averaged per value. The CLI runs
//! it on every core (`clusterscope sweep`); the page's measurement worker runs a small one.

use serde::{Deserialize, Serialize};

use super::measure::Measurements;
use super::twin::{kind_of_property, Kind, TwinMeasure, TwinNode};
use crate::scenario::{Scenario, MAX_TASK_NODES};
use crate::sim::{parse_time, Time};

/// What a sweep may vary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Param {
    /// α: a worker silent for α · T_hb is declared failed.
    Alpha,
    /// T_hb, as a time (`100ms`).
    Heartbeat,
    /// V: points per member on the ring.
    Vnodes,
    /// The number of servers (3 to 200; the scenario's events must name servers that exist).
    Servers,
    /// The workload's mean gap between tasks, as a time.
    Every,
    /// The network's loss probability.
    Loss,
}

impl Param {
    pub const ALL: [Param; 6] =
        [Param::Alpha, Param::Heartbeat, Param::Vnodes, Param::Servers, Param::Every, Param::Loss];

    /// Its name on the command line and in the worker's requests.
    pub fn key(self) -> &'static str {
        match self {
            Param::Alpha => "alpha",
            Param::Heartbeat => "heartbeat",
            Param::Vnodes => "vnodes",
            Param::Servers => "servers",
            Param::Every => "every",
            Param::Loss => "loss",
        }
    }
}

impl std::str::FromStr for Param {
    type Err = String;

    fn from_str(text: &str) -> Result<Param, String> {
        Param::ALL.into_iter().find(|p| p.key() == text).ok_or_else(|| {
            let known: Vec<&str> = Param::ALL.iter().map(|p| p.key()).collect();
            format!("a sweep varies one of {}, not `{text}`", known.join(", "))
        })
    }
}

/// Sets `param` to `value` in `scenario`, or says why it cannot.
pub fn set(scenario: &mut Scenario, param: Param, value: &str) -> Result<(), String> {
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
            if !(3..=MAX_TASK_NODES).contains(&n) {
                return Err(format!("servers must be from 3 to {MAX_TASK_NODES}, not {n}"));
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

/// One run of a scenario, both clusters: each one's numbers, and whether a safety property
/// of it broke.
#[derive(Clone, Debug)]
pub struct TwinRun {
    pub measured: [Measurements; 2],
    pub violations: [Vec<String>; 2],
}

/// Runs `scenario` to its end with both clusters side by side, reading its records as they
/// happen (none is kept).
pub fn run(scenario: &Scenario) -> TwinRun {
    let mut measure = TwinMeasure::default();
    let sim = scenario.run_each::<TwinNode>(scenario.tasks.clone(), true, |sim| {
        for record in sim.records() {
            measure.observe(record);
        }
    });
    let violations = |kind: Kind| {
        let of_kind =
            sim.violations().iter().filter(|v| kind_of_property(&v.property) == Some(kind));
        of_kind.map(ToString::to_string).collect()
    };
    TwinRun {
        measured: measure.finish(scenario.end),
        violations: [violations(Kind::SingleLeader), violations(Kind::Leaderless)],
    }
}

/// `scenario` with `param` set to `value`, on its `nth` seed (its workload's arrivals drawn
/// anew too).
pub fn variant(
    scenario: &Scenario,
    param: Param,
    value: &str,
    nth: u64,
) -> Result<Scenario, String> {
    let mut run = scenario.clone();
    set(&mut run, param, value).map_err(|e| format!("{param:?} = {value}: {e}"))?;
    run.seed = scenario.seed.wrapping_add(nth);
    if let Some(workload) = run.workload.as_mut() {
        workload.poisson = workload.poisson.map(|s| s.wrapping_add(nth));
    }
    Ok(run)
}

/// Means over a value's seeds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
    pub fn of(runs: &[(&Measurements, bool)]) -> Means {
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

/// One value's means, each cluster's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub value: String,
    pub single_leader: Means,
    pub leaderless: Means,
}

impl Point {
    pub fn of(value: &str, runs: &[&TwinRun]) -> Point {
        let kind = |k: usize| {
            let runs: Vec<(&Measurements, bool)> =
                runs.iter().map(|r| (&r.measured[k], !r.violations[k].is_empty())).collect();
            Means::of(&runs)
        };
        Point { value: value.to_string(), single_leader: kind(0), leaderless: kind(1) }
    }
}
