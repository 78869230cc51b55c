//! How a Tasks run starts: the lab's own settings (T_hb, α, the assignment policy, the
//! placement, V, the task length, how many servers the single leader has), both clusters'
//! configuration from them, and the free lab's workload.

use clusterscope_core::protocols::tasks::leader::LeaderConfig;
use clusterscope_core::protocols::tasks::leaderless::{Hashing, PeerConfig};
use clusterscope_core::protocols::tasks::placement::Policy;
use clusterscope_core::protocols::tasks::task::{Command, Task};
use clusterscope_core::protocols::tasks::twin::TwinNode;
use clusterscope_core::protocols::tasks::TasksConfig;
use clusterscope_core::scenario::{
    Protocol, Scenario, Workload, MAX_CONSENSUS_NODES, MAX_TASK_NODES,
};
use clusterscope_core::sim::{
    format_time, Action, NodeId, Sim, Target, Time, Timeline, MILLI, SECOND,
};
use yew::{html, Html};

use super::{charts, sweep_chart, WORK};
use crate::labs::adapter::Adapter;
use crate::labs::common::lab_sim;
use crate::labs::own::{Kind, Own, Param, Value};
use crate::labs::settings::{LabSettings, STEADY_WRITES};
use crate::views::l10n::tr;
use crate::{en, tr};

/// α below 1 declares a worker failed before its next heartbeat is due.
const ALPHA_RANGE: (f64, f64) = (1.0, 100.0);

const POLICIES: &[(&str, &str)] = &[
    ("least_loaded", en!("least loaded")),
    ("round_robin", en!("round robin")),
    ("random", en!("random")),
    ("two_choices", en!("two random choices")),
];
const HASHINGS: &[(&str, &str)] =
    &[("consistent", en!("consistent hashing")), ("mod_n", en!("hash mod n (contrast)"))];

fn hashing_key(hashing: Hashing) -> &'static str {
    match hashing {
        Hashing::Consistent => "consistent",
        Hashing::ModN => "mod_n",
    }
}

fn own(config: &TasksConfig, work: Time) -> Own {
    let values = vec![
        Value::Time(config.leader.heartbeat),
        Value::Number(config.leader.alpha),
        Value::Choice(config.leader.policy.key()),
        Value::Choice(hashing_key(config.leaderless.hashing)),
        Value::Count(config.leaderless.vnodes as u64),
        Value::Time(work),
        config.leader_servers.map_or(Value::Empty, |n| Value::Count(n as u64)),
    ];
    Own::new(TwinNode::OWN, values)
}

/// Both clusters' configuration from the settings; what the form does not show (Raft's and
/// SWIM's timings) keeps its defaults.
fn config(settings: &LabSettings) -> TasksConfig {
    let own = &settings.own;
    let mut config = TasksConfig {
        leader: LeaderConfig {
            heartbeat: own.time("heartbeat"),
            alpha: own.number("alpha"),
            policy: own.choice("policy").parse().unwrap_or(Policy::LeastLoaded),
            ..LeaderConfig::default()
        },
        leaderless: PeerConfig {
            hashing: if own.choice("hashing") == "mod_n" {
                Hashing::ModN
            } else {
                Hashing::Consistent
            },
            vnodes: own.size("vnodes"),
            ..PeerConfig::default()
        },
        leader_servers: own.optional_size("leader_servers"),
    };
    for bug in &settings.bugs {
        // Names were checked against the protocol's list by `validate`.
        let _ = config.enable_bug(bug);
    }
    config
}

/// How long a scenario's tasks take: its workload's first task, if it has one.
fn scenario_work(scenario: &Scenario) -> Time {
    let first = scenario.workload.as_ref().and_then(|w| w.requests().next());
    first.and_then(|(_, command)| command.parse::<Task>().ok()).map_or(WORK, |task| task.work)
}

impl Adapter for TwinNode {
    const OWN: &'static [Param] = &[
        Param {
            key: "heartbeat",
            label: en!("Worker heartbeat T_hb"),
            note: en!("ms"),
            kind: Kind::Time,
        },
        Param {
            key: "alpha",
            label: "α",
            note: en!("a worker silent for α·T_hb is declared failed"),
            kind: Kind::Number,
        },
        Param { key: "policy", label: en!("Assignment"), note: "", kind: Kind::Choice(POLICIES) },
        Param { key: "hashing", label: en!("Placement"), note: "", kind: Kind::Choice(HASHINGS) },
        Param {
            key: "vnodes",
            label: en!("Virtual nodes V"),
            note: en!("per member"),
            kind: Kind::Count,
        },
        Param { key: "work", label: en!("Task length"), note: en!("ms"), kind: Kind::Time },
        Param {
            key: "leader_servers",
            label: en!("Single-leader servers"),
            note: en!("the first servers; empty = all"),
            kind: Kind::OptionalCount,
        },
    ];
    const CLIENT: &'static str = en!("A client submits a task every");
    /// A leaderless cluster of hundreds, on the canvas, beside a few single-leader servers.
    const MAX_SERVERS: usize = MAX_TASK_NODES;

    fn defaults() -> LabSettings {
        LabSettings::with_own(Protocol::Tasks, 200 * MILLI, own(&TasksConfig::default(), WORK))
    }
    fn of_scenario(scenario: &Scenario) -> LabSettings {
        let config = &scenario.tasks;
        let own = own(config, scenario_work(scenario));
        LabSettings::with_scenario(scenario, Self::MAX_SERVERS, config.bugs_enabled(), own)
    }
    /// Poisson arrivals at S2 (bounded, as the other labs' clients are), each task `work`
    /// long with a key of its own.
    fn start(settings: &LabSettings) -> Sim<TwinNode> {
        let mut sim = lab_sim(settings, config(settings));
        if settings.write_every > 0 {
            let workload = Workload {
                every: settings.write_every,
                start: settings.write_every,
                until: STEADY_WRITES * settings.write_every,
                client: Target::Node(NodeId(1)),
                command: format!("task{{i}}={}", format_time(settings.own.time("work"))),
                poisson: Some(settings.seed),
            };
            for (at, command) in workload.requests() {
                // The template makes `key=work` with a checked work, so it always parses.
                if let Ok(command) = command.parse::<Command>() {
                    sim.schedule(at, Action::Client { node: workload.client, command }, None);
                }
            }
        }
        sim
    }
    fn scenario_config(scenario: &Scenario) -> TasksConfig {
        scenario.tasks.clone()
    }
    fn validate(settings: &LabSettings) -> Result<(), String> {
        let own = &settings.own;
        let heartbeat = own.time("heartbeat");
        if !(MILLI..=10 * SECOND).contains(&heartbeat) {
            return Err(tr(en!("Worker heartbeat must be from 1 ms to 10 s.")));
        }
        let alpha = own.number("alpha");
        let (low, high) = ALPHA_RANGE;
        if !(alpha.is_finite() && (low..=high).contains(&alpha)) {
            return Err(tr!(
                "α must be a number from {low} to {high}, not {alpha}.",
                low,
                high,
                alpha
            ));
        }
        if !(1..=1024).contains(&own.count("vnodes")) {
            return Err(tr(en!("Virtual nodes V must be from 1 to 1024.")));
        }
        if !(MILLI..=60 * SECOND).contains(&own.time("work")) {
            return Err(tr!("{name} must be from 1 ms to 60 s.", name = tr(en!("Task length"))));
        }
        let servers = settings.servers;
        let leaders = own.optional_size("leader_servers");
        if leaders.is_some_and(|n| !(1..=servers).contains(&n)) {
            return Err(tr!(
                "{name} must be from 1 to the {servers} servers (or empty for all).",
                name = tr(en!("Single-leader servers")),
                servers
            ));
        }
        // Every Raft message of the single leader is drawn and replicated to all; past 64
        // it is the command line's (`sweep`), not the page's.
        if leaders.unwrap_or(servers) > MAX_CONSENSUS_NODES {
            return Err(tr!(
                "The single-leader cluster can have at most {most} servers in the page: set \
                 Single-leader servers (e.g. 9) to run {servers} leaderless members.",
                most = MAX_CONSENSUS_NODES,
                servers
            ));
        }
        let config = config(settings);
        config.leader.validate().map_err(|e| tr!("Single leader: {e}.", e))?;
        config.leaderless.validate().map_err(|e| tr!("Leaderless: {e}.", e))
    }

    const HAS_CHARTS: bool = true;

    fn charts(timeline: &Timeline<TwinNode>, _settings: &LabSettings) -> Option<Html> {
        Some(html! {
            <>
                { charts::view(timeline) }
                <sweep_chart::SweepChart />
            </>
        })
    }
}
