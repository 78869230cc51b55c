//! The `[tasks]` section of a scenario file: both cluster kinds' parameters, since one file
//! runs both under the same workload and faults.
//!
//! ```toml
//! [tasks]
//! heartbeat = "100ms"      # T_hb: how often a worker reports to the coordinator
//! alpha = 3.0              # a worker silent for alpha * T_hb is declared failed
//! policy = "least_loaded"  # or round_robin, random, two_choices
//! hashing = "consistent"   # the leaderless kind: consistent or mod_n
//! vnodes = 64              # V: points per member on the ring
//! leader_servers = 9       # the single-leader cluster on the first 9 servers only
//! bugs = ["no_reassign"]   # either kind's deliberate bugs
//! ```

use serde::Deserialize;
use toml::Spanned;

use super::leaderless::Hashing;
use super::placement::Policy;
use super::TasksConfig;
use crate::scenario::source::{ScenarioError, Source};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    heartbeat: Option<Spanned<String>>,
    alpha: Option<Spanned<f64>>,
    policy: Option<Spanned<String>>,
    hashing: Option<Spanned<String>>,
    vnodes: Option<Spanned<i64>>,
    leader_servers: Option<Spanned<i64>>,
    #[serde(default)]
    bugs: Vec<Spanned<String>>,
}

pub fn parse_section(
    source: &Source<'_>,
    raw: Option<&RawSection>,
    nodes: usize,
) -> Result<TasksConfig, ScenarioError> {
    let mut config = TasksConfig::default();
    let Some(raw) = raw else { return Ok(config) };
    if let Some(heartbeat) = &raw.heartbeat {
        config.leader.heartbeat = source.time(heartbeat, "heartbeat")?;
    }
    if let Some(alpha) = &raw.alpha {
        config.leader.alpha = *alpha.get_ref();
    }
    if let Some(policy) = &raw.policy {
        config.leader.policy =
            policy.get_ref().parse::<Policy>().map_err(|e| source.at(policy, "policy", e))?;
    }
    if let Some(hashing) = &raw.hashing {
        config.leaderless.hashing = match hashing.get_ref().as_str() {
            "consistent" => Hashing::Consistent,
            "mod_n" => Hashing::ModN,
            other => {
                let message = format!("`{other}` is not a hashing: consistent or mod_n");
                return Err(source.at(hashing, "hashing", message));
            }
        };
    }
    if let Some(vnodes) = &raw.vnodes {
        let n = *vnodes.get_ref();
        if !(1..=1024).contains(&n) {
            return Err(source.at(vnodes, "vnodes", "must be between 1 and 1024"));
        }
        config.leaderless.vnodes = n as usize;
    }
    if let Some(servers) = &raw.leader_servers {
        config.leader_servers = Some(usize::try_from(*servers.get_ref()).unwrap_or(0));
        config.check_leader_servers(nodes).map_err(|e| source.at(servers, "leader_servers", e))?;
    }
    for bug in &raw.bugs {
        config.enable_bug(bug.get_ref()).map_err(|e| source.at(bug, "bugs", e))?;
    }
    if let Err(e) = config.leader.validate() {
        let anchor =
            raw.alpha.as_ref().map(|a| a.span()).or(raw.heartbeat.as_ref().map(|h| h.span()));
        return Err(source.error(anchor.unwrap_or(0..0), "tasks", e));
    }
    Ok(config)
}
