//! The `[paxos]` section of a scenario file: roles, retry timeout and bugs.

use serde::Deserialize;
use toml::Spanned;

use super::{PaxosConfig, Roles};
use crate::scenario::source::{ScenarioError, Source};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    proposers: Option<Spanned<i64>>,
    acceptors: Option<Spanned<i64>>,
    learners: Option<Spanned<i64>>,
    retry_timeout: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    bugs: Vec<Spanned<String>>,
}

pub fn parse_section(
    source: &Source<'_>,
    raw: Option<&RawSection>,
    nodes: usize,
) -> Result<PaxosConfig, ScenarioError> {
    let mut config = PaxosConfig::default();
    let Some(raw) = raw else { return Ok(config) };
    let count =
        |value: &Option<Spanned<i64>>, field: &str| -> Result<Option<usize>, ScenarioError> {
            let Some(value) = value else { return Ok(None) };
            let n = *value.get_ref();
            if n < 1 || n as usize > nodes {
                return Err(source.at(
                    value,
                    field,
                    format!("must be between 1 and the {nodes} servers"),
                ));
            }
            Ok(Some(n as usize))
        };
    config.roles = Roles {
        proposers: count(&raw.proposers, "proposers")?,
        acceptors: count(&raw.acceptors, "acceptors")?,
        learners: count(&raw.learners, "learners")?,
    };
    if let Some(range) = &raw.retry_timeout {
        config.retry_timeout = source.range(range, "retry_timeout")?;
    }
    for bug in &raw.bugs {
        config.bugs.enable(bug.get_ref()).map_err(|e| source.at(bug, "bugs", e))?;
    }
    let anchor = raw.retry_timeout.as_ref().map(|r| r.span());
    config.validate(nodes).map_err(|e| source.error(anchor.unwrap_or(0..0), "paxos", e))?;
    Ok(config)
}
