//! The `[leases]` section of a scenario file: the variant, the lease's timing, how many
//! servers replicate the store, and bugs.

use serde::Deserialize;
use toml::Spanned;

use super::LeaseConfig;
use crate::scenario::source::{ScenarioError, Source};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    variant: Option<Spanned<String>>,
    ttl: Option<Spanned<String>>,
    renew_every: Option<Spanned<String>>,
    write_every: Option<Spanned<String>>,
    margin: Option<Spanned<String>>,
    store_replicas: Option<Spanned<usize>>,
    #[serde(default)]
    bugs: Vec<Spanned<String>>,
}

pub fn parse_section(
    source: &Source<'_>,
    raw: Option<&RawSection>,
) -> Result<LeaseConfig, ScenarioError> {
    let mut config = LeaseConfig::default();
    let Some(raw) = raw else { return Ok(config) };
    if let Some(v) = &raw.variant {
        config.variant = v.get_ref().parse().map_err(|e| source.at(v, "variant", e))?;
    }
    let times = [
        (&raw.ttl, "ttl", &mut config.ttl),
        (&raw.renew_every, "renew_every", &mut config.renew_every),
        (&raw.write_every, "write_every", &mut config.write_every),
        (&raw.margin, "margin", &mut config.margin),
    ];
    for (value, field, slot) in times {
        if let Some(v) = value {
            *slot = source.time(v, field)?;
        }
    }
    if let Some(k) = &raw.store_replicas {
        config.store_replicas = *k.get_ref();
        super::validate_store_replicas(config.store_replicas)
            .map_err(|e| source.at(k, "store_replicas", e))?;
    }
    for bug in &raw.bugs {
        config.bugs.enable(bug.get_ref()).map_err(|e| source.at(bug, "bugs", e))?;
    }
    let anchor = [&raw.ttl, &raw.renew_every, &raw.margin, &raw.variant]
        .into_iter()
        .flatten()
        .map(|v| v.span())
        .next();
    config.validate_timing().map_err(|e| source.error(anchor.unwrap_or(0..0), "leases", e))?;
    Ok(config)
}
