//! The URL is state: a link names the protocol, the lab (settings or a shipped scenario), the
//! action log and the step, so opening it replays to exactly that moment. Times are written
//! with units (`150ms`) so a person can read and edit a link by hand.
//!
//! ```text
//! ?protocol=raft&servers=5&seed=1&election=150ms..300ms&heartbeat=50ms&latency=5ms..15ms
//!  &writes=500ms&bugs=figure8_commit&actions=[…json…]&step=420&time=1.2345s&embed=1
//! ?protocol=raft&scenario=leader-crash&step=300
//! ```

use clusterscope_core::protocols::raft::{Bugs, RaftNode};
use clusterscope_core::sim::{format_time, parse_time, LoggedAction, Time};

use crate::lab::{Lab, LabSettings};

/// Links past this step would take seconds to replay on open; nobody shares those by hand.
pub const MAX_LINK_STEP: u64 = 1_000_000;
/// An action log longer than this is not something a person clicked.
pub const MAX_LINK_ACTIONS: usize = 10_000;

/// Everything a link carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Link {
    pub lab: Lab,
    pub actions: Vec<LoggedAction<RaftNode>>,
    pub step: u64,
    /// The playhead's virtual time, which can lie between the step's event and the next.
    pub clock: Option<Time>,
    /// Show only the cluster and minimal controls, for an iframe.
    pub embed: bool,
}

impl Link {
    /// The query string (without `?`) for this link.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("protocol", "raft");
        match &self.lab {
            Lab::Scenario(name) => {
                query.append_pair("scenario", name);
            }
            Lab::Custom(settings) => {
                let range = |(min, max): (Time, Time)| {
                    format!("{}..{}", format_time(min), format_time(max))
                };
                query
                    .append_pair("servers", &settings.servers.to_string())
                    .append_pair("seed", &settings.seed.to_string())
                    .append_pair("election", &range(settings.election_timeout))
                    .append_pair("heartbeat", &format_time(settings.heartbeat))
                    .append_pair("latency", &range(settings.latency))
                    .append_pair("writes", &format_time(settings.write_every));
                let bugs = settings.bugs.enabled();
                if !bugs.is_empty() {
                    query.append_pair("bugs", &bugs.join(","));
                }
            }
        }
        if !self.actions.is_empty() {
            let json = serde_json::to_string(&self.actions).unwrap_or_default();
            query.append_pair("actions", &json);
        }
        query.append_pair("step", &self.step.to_string());
        if let Some(clock) = self.clock {
            query.append_pair("time", &format_time(clock));
        }
        if self.embed {
            query.append_pair("embed", "1");
        }
        query.finish()
    }

    /// Reads a query string (with or without the leading `?`). Every problem is reported in
    /// words; parameters not given take their defaults.
    pub fn parse(query: &str) -> Result<Link, String> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut link = Link::default();
        let mut settings = LabSettings::default();
        let mut scenario = None;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            match key.as_ref() {
                "protocol" if value == "raft" => {}
                "protocol" => {
                    return Err(format!("protocol `{value}` is not one this page runs (raft)"))
                }
                "scenario" => {
                    scenario = Some(
                        Lab::scenario(value)
                            .ok_or_else(|| format!("there is no shipped scenario `{value}`"))?,
                    )
                }
                "servers" => settings.servers = number(&key, value)?,
                "seed" => settings.seed = number(&key, value)?,
                "election" => settings.election_timeout = range(&key, value)?,
                "heartbeat" => settings.heartbeat = time(&key, value)?,
                "latency" => settings.latency = range(&key, value)?,
                "writes" => settings.write_every = time(&key, value)?,
                "bugs" => {
                    let mut bugs = Bugs::default();
                    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        bugs.enable(name).map_err(|e| format!("bugs: {e}"))?;
                    }
                    settings.bugs = bugs;
                }
                "actions" => link.actions = actions(value)?,
                "step" => {
                    link.step = number(&key, value)?;
                    if link.step > MAX_LINK_STEP {
                        return Err(format!(
                            "step {} is past the {MAX_LINK_STEP} a link can open",
                            link.step
                        ));
                    }
                }
                "time" => link.clock = Some(time(&key, value)?),
                "embed" => link.embed = matches!(value, "1" | "true" | ""),
                // Unknown keys (e.g. from an LMS wrapping the iframe) are not ours to refuse.
                _ => {}
            }
        }
        link.lab = match scenario {
            Some(lab) => lab,
            None => {
                settings.validate()?;
                Lab::Custom(settings)
            }
        };
        Ok(link)
    }
}

fn number<T: std::str::FromStr>(key: &str, value: &str) -> Result<T, String> {
    value.parse().map_err(|_| format!("{key} must be a whole number, not `{value}`"))
}

fn time(key: &str, value: &str) -> Result<Time, String> {
    parse_time(value).map_err(|e| format!("{key}: {e}"))
}

fn range(key: &str, value: &str) -> Result<(Time, Time), String> {
    let (min, max) = value
        .split_once("..")
        .ok_or_else(|| format!("{key} must be a range like 150ms..300ms, not `{value}`"))?;
    Ok((time(key, min)?, time(key, max)?))
}

fn actions(json: &str) -> Result<Vec<LoggedAction<RaftNode>>, String> {
    let actions: Vec<LoggedAction<RaftNode>> = serde_json::from_str(json)
        .map_err(|e| format!("the action log in this link is damaged ({e})"))?;
    if actions.len() > MAX_LINK_ACTIONS {
        return Err(format!(
            "the action log has {} actions; a link can carry {MAX_LINK_ACTIONS}",
            actions.len()
        ));
    }
    Ok(actions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusterscope_core::protocols::raft::Command;
    use clusterscope_core::sim::{Action, NodeId, Target, MILLI};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_link_reads_back_as_itself() {
        let mut settings = LabSettings { servers: 7, seed: 99, ..LabSettings::default() };
        settings.bugs.enable("figure8_commit").expect("known bug");
        settings.election_timeout = (100 * MILLI, 250 * MILLI);
        let command: Command = "x=1 & y".parse().expect("command");
        let link = Link {
            lab: Lab::Custom(settings),
            actions: vec![
                LoggedAction {
                    step: 3,
                    time: 1234,
                    action: Action::Crash { node: Target::LEADER },
                },
                LoggedAction {
                    step: 9,
                    time: 5678,
                    action: Action::Client { node: Target::Node(NodeId(2)), command },
                },
            ],
            step: 420,
            clock: Some(1_234_567),
            embed: true,
        };
        assert_eq!(Link::parse(&link.to_query()), Ok(link.clone()));
        let scenario = Link { lab: Lab::scenario("leader-crash").expect("shipped"), ..link };
        assert_eq!(Link::parse(&format!("?{}", scenario.to_query())), Ok(scenario));
    }

    #[wasm_bindgen_test]
    fn broken_links_say_what_is_wrong() {
        let cases = [
            ("protocol=zab", "protocol"),
            ("servers=many", "servers"),
            ("servers=40", "Servers"),
            ("election=300ms", "election"),
            ("election=300ms..100ms", "Election"),
            ("heartbeat=5parsecs", "heartbeat"),
            ("bugs=off_by_one", "bugs"),
            ("scenario=nope", "scenario"),
            ("actions=%5B%7B%22step", "action log"),
            ("step=-3", "step"),
            ("step=99999999999", "step"),
        ];
        for (query, named) in cases {
            let error = Link::parse(query).expect_err(query);
            assert!(error.contains(named), "{query}: {error}");
        }
        assert_eq!(Link::parse(""), Ok(Link::default()));
        assert_eq!(Link::parse("utm_source=lms"), Ok(Link::default()));
    }
}
