//! The `[workload]` of a scenario file: a steady client, as the page's settings have, so an
//! hour of writes every 100 ms is five lines instead of 36,000 events.
//!
//! ```toml
//! [workload]
//! every = "100ms"          # one client request this often
//! start = "1s"             # the first one (default: one `every` after time 0)
//! until = "1h"             # none after this (default: the scenario's `end`)
//! client = "leader"        # a server ("S2") or "leader" (default)
//! command = "k{i%5}={i}"   # {i} is the request's number from 1; {i%N} is i modulo N
//! ```

use serde::Deserialize;
use toml::Spanned;

use super::protocol::Protocol;
use super::source::{ScenarioError, Source};
use crate::sim::{NodeId, Target, Time, MILLI};

/// The command pattern when a file gives none: five keys written round-robin.
const DEFAULT_COMMAND: &str = "k{i%5}={i}";
/// A request more often than this would be a load test, not a scenario a person reads.
const MIN_EVERY: Time = MILLI;
/// Longest command pattern: a command is a short key=value, not a document.
const MAX_PATTERN: usize = 200;
/// Most requests a workload may make: they are scheduled when the run is built (so that a run
/// and its rewinds in the page order events identically), and a five-line file must not ask
/// for gigabytes. An hour at one request per 100 ms is 36,000.
pub const MAX_REQUESTS: u64 = 100_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWorkload {
    every: Spanned<String>,
    start: Option<Spanned<String>>,
    until: Option<Spanned<String>>,
    client: Option<Spanned<String>>,
    command: Option<Spanned<String>>,
}

/// A steady client: request `i` (from 1) is sent at `start + (i − 1)·every` to `client`.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    pub every: Time,
    pub start: Time,
    pub until: Time,
    pub client: Target,
    pub command: String,
}

impl Workload {
    /// Request times and their commands, in order.
    pub fn requests(&self) -> impl Iterator<Item = (Time, String)> + '_ {
        (1u64..)
            .map(move |i| (self.start.saturating_add((i - 1).saturating_mul(self.every)), i))
            .take_while(move |(at, _)| *at <= self.until)
            .map(move |(at, i)| (at, expand(&self.command, i)))
    }
}

/// The pattern with `{i}` and `{i%N}` filled in for request `i`. A pattern is checked when
/// parsed ([`check_pattern`]), so anything else in braces is kept as written.
fn expand(pattern: &str, i: u64) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        match placeholder(&after[..close]) {
            Some(None) => out.push_str(&i.to_string()),
            Some(Some(modulus)) => out.push_str(&(i % modulus).to_string()),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `i` → `Some(None)`, `i%N` (N ≥ 1) → `Some(Some(N))`, anything else → `None`.
fn placeholder(inside: &str) -> Option<Option<u64>> {
    match inside.trim().strip_prefix('i')?.trim() {
        "" => Some(None),
        rest => {
            let modulus: u64 = rest.strip_prefix('%')?.trim().parse().ok()?;
            (modulus >= 1).then_some(Some(modulus))
        }
    }
}

/// Every `{…}` in the pattern must be `{i}` or `{i%N}` with N ≥ 1.
fn check_pattern(pattern: &str) -> Result<(), String> {
    if pattern.len() > MAX_PATTERN {
        return Err(format!("a command pattern has at most {MAX_PATTERN} characters"));
    }
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("a `{` is never closed; write {i} or {i%5}")?;
        if placeholder(&after[..close]).is_none() {
            return Err(format!(
                "`{{{}}}` is not a placeholder; write {{i}} or {{i%N}} with N ≥ 1",
                &after[..close]
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// Reads and checks the section: times within the run, a client that exists, a command
/// pattern whose commands this protocol reads.
pub fn parse_workload(
    source: &Source<'_>,
    raw: &RawWorkload,
    nodes: usize,
    end: Time,
    protocol: Protocol,
) -> Result<Workload, ScenarioError> {
    let every = source.time(&raw.every, "workload.every")?;
    if every < MIN_EVERY {
        return Err(source.at(&raw.every, "workload.every", "must be at least 1ms"));
    }
    let start = match &raw.start {
        Some(value) => source.time(value, "workload.start")?,
        None => every,
    };
    if start > end {
        let anchor = raw.start.as_ref().map_or(raw.every.span(), |s| s.span());
        return Err(source.error(anchor, "workload.start", "comes after the scenario's `end`"));
    }
    let until = match &raw.until {
        Some(value) => {
            let until = source.time(value, "workload.until")?;
            if until < start {
                return Err(source.at(value, "workload.until", "comes before `start`"));
            }
            until.min(end)
        }
        None => end,
    };
    let requests = (until - start) / every + 1;
    if requests > MAX_REQUESTS {
        return Err(source.at(
            &raw.every,
            "workload.every",
            format!(
                "this workload makes {requests} requests; at most {MAX_REQUESTS}: send less often \
                 or stop sooner (`until`)"
            ),
        ));
    }
    let client = match &raw.client {
        None => Target::LEADER,
        Some(value) if value.get_ref().trim().eq_ignore_ascii_case("leader") => Target::LEADER,
        Some(value) => {
            let id: NodeId =
                value.get_ref().parse().map_err(|e| source.at(value, "workload.client", e))?;
            if id.index() >= nodes {
                let message = format!("{id} does not exist in a {nodes}-node cluster");
                return Err(source.at(value, "workload.client", message));
            }
            Target::Node(id)
        }
    };
    let command = raw.command.as_ref().map_or(DEFAULT_COMMAND.to_string(), |c| c.get_ref().clone());
    let anchor = raw.command.as_ref().map_or(raw.every.span(), |c| c.span());
    check_pattern(&command).map_err(|e| source.error(anchor.clone(), "workload.command", e))?;
    // The first request stands for all: placeholders only ever put digits in.
    protocol
        .check_command(&expand(&command, 1))
        .map_err(|e| source.error(anchor, "workload.command", e))?;
    Ok(Workload { every, start, until, client, command })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_in_the_request_number() {
        assert_eq!(expand("k{i%5}={i}", 7), "k2=7");
        assert_eq!(expand("x={ i }", 3), "x=3");
        assert_eq!(expand("plain", 3), "plain");
        assert!(check_pattern("k{i%0}=1").is_err());
        assert!(check_pattern("k{j}=1").is_err());
        assert!(check_pattern("k{i=1").is_err());
        assert!(check_pattern("k{i%3}={i}").is_ok());
    }

    #[test]
    fn requests_stop_at_until() {
        let workload = Workload {
            every: 100 * MILLI,
            start: 100 * MILLI,
            until: 1000 * MILLI,
            client: Target::LEADER,
            command: DEFAULT_COMMAND.into(),
        };
        let requests: Vec<_> = workload.requests().collect();
        assert_eq!(requests.len(), 10);
        assert_eq!(requests[9], (1000 * MILLI, "k0=10".to_string()));
    }
}
