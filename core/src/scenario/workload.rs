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
//! arrivals = "poisson"     # gaps drawn from an exponential with mean `every` (default "steady")
//! ```

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
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
    arrivals: Option<Spanned<String>>,
}

/// Keeps the arrivals' random stream apart from the simulator's.
const ARRIVALS_STREAM: u64 = 0x6a09_e667_f3bc_c909;

/// A client: request `i` (from 1) goes to `client`, the first at `start`; then one every
/// `every` (steady), or with gaps drawn from an exponential distribution of mean `every`
/// (Poisson arrivals, from the seeded stream `poisson` names).
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    pub every: Time,
    pub start: Time,
    pub until: Time,
    pub client: Target,
    pub command: String,
    /// Poisson arrivals drawn from this seed; `None` is steady.
    pub poisson: Option<u64>,
}

impl Workload {
    /// Request times and their commands, in order (at most [`MAX_REQUESTS`]).
    pub fn requests(&self) -> impl Iterator<Item = (Time, String)> + '_ {
        let mut draws =
            self.poisson.map(|seed| Xoshiro256PlusPlus::seed_from_u64(seed ^ ARRIVALS_STREAM));
        let mut at = self.start;
        (1u64..=MAX_REQUESTS).map_while(move |i| {
            let now = at;
            if now > self.until {
                return None;
            }
            let gap = match draws.as_mut() {
                None => self.every,
                Some(rng) => {
                    // 1 − U with U uniform in [0, 1) on 53 bits: in (0, 1], never 0.
                    let u = 1.0 - rng.random_range(0..1u64 << 53) as f64 / (1u64 << 53) as f64;
                    (-ln(u) * self.every as f64).round() as Time
                }
            };
            at = at.saturating_add(gap);
            Some((now, expand(&self.command, i)))
        })
    }
}

/// ln(x) for 0 < x ≤ 1 with only +, −, × and ÷, which IEEE 754 rounds the same everywhere:
/// the platform's `ln` may differ in its last bit between a native build and wasm, and a
/// scenario's arrivals must be the same in both.
fn ln(x: f64) -> f64 {
    // x = m · 2^e with m in [1, 2); ln m = 2·atanh(z), z = (m − 1)/(m + 1) in [0, 1/3).
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    let z = (m - 1.0) / (m + 1.0);
    let z2 = z * z;
    let (mut term, mut sum) = (z, 0.0);
    for k in 0..30 {
        sum += term / f64::from(2 * k + 1);
        term *= z2;
    }
    2.0 * sum + e as f64 * std::f64::consts::LN_2
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
    seed: u64,
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
    let poisson = match &raw.arrivals {
        None => None,
        Some(value) => match value.get_ref().as_str() {
            "steady" => None,
            "poisson" => Some(seed),
            other => {
                let message =
                    format!("`{other}` is not an arrival pattern; write \"steady\" or \"poisson\"");
                return Err(source.at(value, "workload.arrivals", message));
            }
        },
    };
    Ok(Workload { every, start, until, client, command, poisson })
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
            poisson: None,
        };
        let requests: Vec<_> = workload.requests().collect();
        assert_eq!(requests.len(), 10);
        assert_eq!(requests[9], (1000 * MILLI, "k0=10".to_string()));
    }

    #[test]
    fn the_portable_ln_agrees_with_the_platforms() {
        for i in 1..=100_000u64 {
            let x = i as f64 / 100_000.0;
            let (ours, theirs) = (ln(x), x.ln());
            assert!(
                (ours - theirs).abs() <= 1e-14 * theirs.abs().max(1.0),
                "ln({x}): {ours} vs {theirs}"
            );
        }
        assert_eq!(ln(1.0), 0.0);
        let tiny = 1.0 / (1u64 << 53) as f64;
        assert!((ln(tiny) - tiny.ln()).abs() < 1e-12);
    }

    #[test]
    fn poisson_arrivals_average_the_mean_gap_and_repeat_for_a_seed() {
        let workload = Workload {
            every: 100 * MILLI,
            start: 0,
            until: 1000 * crate::sim::SECOND,
            client: Target::LEADER,
            command: DEFAULT_COMMAND.into(),
            poisson: Some(7),
        };
        let times: Vec<Time> = workload.requests().map(|(at, _)| at).collect();
        // 1,000 s at a mean of 100 ms: about 10,000 requests (√10,000 = 100 is one sigma).
        assert!((9_600..=10_400).contains(&times.len()), "{} requests", times.len());
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        let gaps: Vec<Time> = times.windows(2).map(|w| w[1] - w[0]).collect();
        // Exponential: as many gaps below the mean·ln 2 median as above it, roughly.
        let median = (100.0 * MILLI as f64 * std::f64::consts::LN_2) as Time;
        let below = gaps.iter().filter(|g| **g < median).count() as f64 / gaps.len() as f64;
        assert!((0.47..0.53).contains(&below), "{below}");
        let again: Vec<Time> = workload.requests().map(|(at, _)| at).collect();
        assert_eq!(times, again);
        let other = Workload { poisson: Some(8), ..workload.clone() };
        assert_ne!(other.requests().map(|(at, _)| at).collect::<Vec<_>>(), times);
    }
}
