//! The `[raft]` section of a scenario file: this protocol's knobs, read and checked here so
//! the scenario frame stays protocol-free.

use serde::Deserialize;
use toml::Spanned;

use super::state::MAX_SNAPSHOT_THRESHOLD;
use super::{RaftConfig, ReadMode};
use crate::scenario::source::{ScenarioError, Source};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    election_timeout: Option<Spanned<Vec<String>>>,
    heartbeat: Option<Spanned<String>>,
    max_entries_per_message: Option<Spanned<i64>>,
    leader_noop: Option<bool>,
    pre_vote: Option<bool>,
    check_quorum: Option<bool>,
    read_mode: Option<Spanned<String>>,
    snapshot_threshold: Option<Spanned<i64>>,
    voters: Option<Spanned<i64>>,
    #[serde(default)]
    bugs: Vec<Spanned<String>>,
}

pub fn parse_section(
    source: &Source<'_>,
    raw: Option<&RawSection>,
    nodes: usize,
) -> Result<RaftConfig, ScenarioError> {
    let mut config = RaftConfig::default();
    let Some(raw) = raw else { return Ok(config) };
    if let Some(range) = &raw.election_timeout {
        config.election_timeout = source.range(range, "election_timeout")?;
    }
    if let Some(heartbeat) = &raw.heartbeat {
        config.heartbeat_interval = source.time(heartbeat, "heartbeat")?;
    }
    if let Some(max) = &raw.max_entries_per_message {
        let value = *max.get_ref();
        if !(1..=10_000).contains(&value) {
            return Err(source.at(max, "max_entries_per_message", "must be between 1 and 10000"));
        }
        config.max_entries_per_message = value as usize;
    }
    if let Some(noop) = raw.leader_noop {
        config.leader_noop = noop;
    }
    config.pre_vote = raw.pre_vote.unwrap_or(false);
    config.check_quorum = raw.check_quorum.unwrap_or(false);
    if let Some(mode) = &raw.read_mode {
        config.read_mode =
            ReadMode::parse(mode.get_ref()).map_err(|e| source.at(mode, "read_mode", e))?;
    }
    if let Some(threshold) = &raw.snapshot_threshold {
        let value = *threshold.get_ref();
        if !(0..=MAX_SNAPSHOT_THRESHOLD as i64).contains(&value) {
            let why = format!("must be between 0 (never compact) and {MAX_SNAPSHOT_THRESHOLD}");
            return Err(source.at(threshold, "snapshot_threshold", why));
        }
        config.snapshot_threshold = value as usize;
    }
    if let Some(voters) = &raw.voters {
        let value = *voters.get_ref();
        if !(1..=nodes as i64).contains(&value) {
            let why = format!("must be between 1 and the {nodes} servers of the cluster");
            return Err(source.at(voters, "voters", why));
        }
        config.voters = value as usize;
    }
    for bug in &raw.bugs {
        config.bugs.enable(bug.get_ref()).map_err(|e| source.at(bug, "bugs", e))?;
    }
    let anchor = raw
        .heartbeat
        .as_ref()
        .map(|h| h.span())
        .or(raw.election_timeout.as_ref().map(|e| e.span()));
    config.validate().map_err(|e| source.error(anchor.unwrap_or(0..0), "raft", e))?;
    Ok(config)
}
