//! The `[multipaxos]` section of a scenario file: leader timeout, heartbeat and bugs.

use serde::Deserialize;
use toml::Spanned;

use super::MultiPaxosConfig;
use crate::scenario::source::{ScenarioError, Source};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    leader_timeout: Option<Spanned<Vec<String>>>,
    heartbeat: Option<Spanned<String>>,
    #[serde(default)]
    bugs: Vec<Spanned<String>>,
}

pub fn parse_section(
    source: &Source<'_>,
    raw: Option<&RawSection>,
    _nodes: usize,
) -> Result<MultiPaxosConfig, ScenarioError> {
    let mut config = MultiPaxosConfig::default();
    let Some(raw) = raw else { return Ok(config) };
    if let Some(range) = &raw.leader_timeout {
        config.leader_timeout = source.range(range, "leader_timeout")?;
    }
    if let Some(heartbeat) = &raw.heartbeat {
        config.heartbeat_interval = source.time(heartbeat, "heartbeat")?;
    }
    for bug in &raw.bugs {
        config.bugs.enable(bug.get_ref()).map_err(|e| source.at(bug, "bugs", e))?;
    }
    let anchor =
        raw.heartbeat.as_ref().map(|h| h.span()).or(raw.leader_timeout.as_ref().map(|l| l.span()));
    config.validate().map_err(|e| source.error(anchor.unwrap_or(0..0), "multipaxos", e))?;
    Ok(config)
}
