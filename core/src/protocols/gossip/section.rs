//! The `[gossip]` section of a scenario file: memberlist's parameter names, as in
//! `GossipConfig`.

use serde::Deserialize;
use toml::Spanned;

use super::{GossipConfig, Mode};
use crate::scenario::source::{ScenarioError, Source};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    mode: Option<Spanned<String>>,
    fanout: Option<Spanned<i64>>,
    gossip_interval: Option<Spanned<String>>,
    probe_interval: Option<Spanned<String>>,
    probe_timeout: Option<Spanned<String>>,
    suspicion_mult: Option<Spanned<i64>>,
    indirect_checks: Option<Spanned<i64>>,
    retransmit_mult: Option<Spanned<i64>>,
    sync_interval: Option<Spanned<String>>,
    aligned_rounds: Option<bool>,
    #[serde(default)]
    bugs: Vec<Spanned<String>>,
}

pub fn parse_section(
    source: &Source<'_>,
    raw: Option<&RawSection>,
    _nodes: usize,
) -> Result<GossipConfig, ScenarioError> {
    let mut config = GossipConfig::default();
    let Some(raw) = raw else { return Ok(config) };
    if let Some(mode) = &raw.mode {
        config.mode = Mode::from_key(mode.get_ref()).map_err(|e| source.at(mode, "mode", e))?;
    }
    let count = |value: &Spanned<i64>, field: &str, most: i64| -> Result<u64, ScenarioError> {
        let n = *value.get_ref();
        if !(1..=most).contains(&n) {
            return Err(source.at(value, field, format!("must be between 1 and {most}")));
        }
        Ok(n as u64)
    };
    if let Some(v) = &raw.fanout {
        config.fanout = count(v, "fanout", 64)? as usize;
    }
    if let Some(v) = &raw.indirect_checks {
        config.indirect_checks = count(v, "indirect_checks", 64)? as usize;
    }
    if let Some(v) = &raw.suspicion_mult {
        config.suspicion_mult = count(v, "suspicion_mult", 100)?;
    }
    if let Some(v) = &raw.retransmit_mult {
        config.retransmit_mult = count(v, "retransmit_mult", 100)?;
    }
    let times = [
        (&raw.gossip_interval, "gossip_interval", &mut config.gossip_interval),
        (&raw.probe_interval, "probe_interval", &mut config.probe_interval),
        (&raw.probe_timeout, "probe_timeout", &mut config.probe_timeout),
        (&raw.sync_interval, "sync_interval", &mut config.sync_interval),
    ];
    for (value, field, into) in times {
        if let Some(value) = value {
            *into = source.time(value, field)?;
        }
    }
    if let Some(aligned) = raw.aligned_rounds {
        config.aligned_rounds = aligned;
    }
    for bug in &raw.bugs {
        config.bugs.enable(bug.get_ref()).map_err(|e| source.at(bug, "bugs", e))?;
    }
    let anchor = raw.probe_timeout.as_ref().or(raw.probe_interval.as_ref()).map(|v| v.span());
    config.validate().map_err(|e| source.error(anchor.unwrap_or(0..0), "gossip", e))?;
    Ok(config)
}
