//! The URL is state: a link names the protocol, the lab (settings or a shipped scenario), the
//! action log and the step, so opening it replays to exactly that moment. Times are written
//! with units (`150ms`) so a person can read and edit a link by hand.
//!
//! ```text
//! ?protocol=raft&servers=5&seed=1&election=150ms..300ms&heartbeat=50ms&latency=5ms..15ms
//!  &writes=500ms&bugs=figure8_commit&actions=[…json…]&step=420&time=1.2345s&panel=state&embed=1
//! ?protocol=paxos&servers=5&seed=1&proposers=2&retry=50ms..250ms&latency=5ms..15ms
//!  &writes=10ms&bugs=forget_promise
//! ?protocol=multipaxos&servers=5&seed=1&leader_timeout=150ms..300ms&heartbeat=50ms&…
//! ?protocol=gossip&servers=1000&seed=1&mode=push_pull&fanout=3&gossip=200ms&probe=1s
//!  &probe_timeout=500ms&suspicion_mult=4&aligned=0&latency=5ms..15ms&writes=5s
//! ?scenario=leader-crash&step=300
//! ```
//!
//! A scenario names its own protocol; settings a protocol does not use are ignored.

use std::collections::BTreeMap;

use clusterscope_core::sim::{format_time, LoggedAction, Time};

use clusterscope_core::sim::action_code::{self, clip};

use super::legacy_log;
use crate::labs::lab::Lab;
use crate::labs::lessons::lesson_protocol;
use crate::labs::own::{link_flag, link_number, link_range, link_time};
use crate::labs::registry::{about, carries, elsewhere, home, PAGE_LABS};
use crate::labs::settings::LabSettings;
use crate::views::l10n::{tr, LANGUAGES};
use crate::{en, tr};
use clusterscope_core::scenario::Protocol;

/// Links past this step would take seconds to replay on open; nobody shares those by hand.
pub const MAX_LINK_STEP: u64 = 1_000_000;
/// An action log longer than this is not something a person clicked.
pub const MAX_LINK_ACTIONS: usize = 10_000;

/// Everything a link carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Link {
    pub lab: Lab,
    /// Client commands are text here: which protocol reads them is known once the lab is.
    pub actions: Vec<LoggedAction<String>>,
    pub step: u64,
    /// The playhead's virtual time, which can lie between the step's event and the next.
    pub clock: Option<Time>,
    /// Show only the cluster and minimal controls, for an iframe.
    pub embed: bool,
    /// The side panel's open tab (`faults`, `state`, `settings`, `share`, `charts`), when not
    /// the first.
    pub panel: Option<String>,
    /// A lesson and its step (from 0): the link is then the lesson's, not the run's.
    pub lesson: Option<(String, usize)>,
    /// The page's language, when the link fixes it (index.html's loader reads it; without
    /// it the page speaks the browser's language).
    pub language: Option<&'static str>,
}

impl Link {
    /// The query string (without `?`) for this link.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        #[cfg(lessons)]
        if let Some((name, step)) = &self.lesson {
            // A lesson replays its own steps; the run's moment follows from them.
            query.append_pair("lesson", name);
            if *step > 0 {
                query.append_pair("lesson_step", &step.to_string());
            }
            if self.embed {
                query.append_pair("embed", "1");
            }
            if let Some(language) = self.language {
                query.append_pair("lang", language);
            }
            return query.finish();
        }
        match &self.lab {
            Lab::Scenario(name) => {
                query.append_pair("scenario", name);
            }
            Lab::Custom(settings) => {
                let range = |(min, max): (Time, Time)| {
                    format!("{}..{}", format_time(min), format_time(max))
                };
                query
                    .append_pair("protocol", settings.protocol.key())
                    .append_pair("servers", &settings.servers.to_string())
                    .append_pair("seed", &settings.seed.to_string());
                for (param, value) in settings.own.iter() {
                    if let Some(text) = param.to_link(value) {
                        query.append_pair(param.key, &text);
                    }
                }
                query
                    .append_pair("latency", &range(settings.latency))
                    .append_pair("writes", &format_time(settings.write_every));
                if !settings.bugs.is_empty() {
                    query.append_pair("bugs", &settings.bugs.join(","));
                }
            }
        }
        if !self.actions.is_empty() {
            query.append_pair("log", &action_code::encode(&self.actions));
        }
        query.append_pair("step", &self.step.to_string());
        if let Some(clock) = self.clock {
            query.append_pair("time", &format_time(clock));
        }
        if let Some(panel) = &self.panel {
            query.append_pair("panel", panel);
        }
        if self.embed {
            query.append_pair("embed", "1");
        }
        if let Some(language) = self.language {
            query.append_pair("lang", language);
        }
        query.finish()
    }

    /// The lab a link opens, read as index.html's loader reads it: a shipped scenario's own
    /// protocol, else the `protocol` parameter (the last, if given twice); `None` when it
    /// names neither a shipped scenario nor a known protocol.
    pub fn protocol_of(text: &str) -> Option<Protocol> {
        let text = text.strip_prefix(['?', '#']).unwrap_or(text);
        let last = |wanted: &str| {
            form_urlencoded::parse(text.as_bytes())
                .filter(|(key, _)| key == wanted)
                .last()
                .map(|(_, value)| value.trim().to_string())
        };
        if let Some(name) = last("lesson") {
            return lesson_protocol(&name);
        }
        match last("scenario") {
            Some(name) => Lab::scenario(&name)?.scenario_protocol(),
            None => page_lab(&last("protocol").unwrap_or_else(|| "raft".into())),
        }
    }

    /// Reads a link's parameters (with or without a leading `?` or `#`). Every problem is
    /// reported in words; parameters not given take their defaults.
    pub fn parse(text: &str) -> Result<Link, String> {
        Link::parse_noting(text).map(|(link, _)| link)
    }

    /// As [`Link::parse`], and also what the page did about parameters it could still read:
    /// one given twice, one it does not know, a flag that is neither on nor off.
    pub fn parse_noting(text: &str) -> Result<(Link, Vec<String>), String> {
        let text = text.strip_prefix(['?', '#']).unwrap_or(text);
        // Values are trimmed (a hand-edited link picks up spaces), except the action log,
        // whose last client command may end in whitespace of its own (found by fuzzing).
        let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes())
            .map(|(key, value)| {
                let value =
                    if key == "log" { value.into_owned() } else { value.trim().to_string() };
                (key.into_owned(), value)
            })
            .collect();
        let mut notes = Vec::new();
        // A parameter given twice: the last one counts, as in most query readers, and the
        // page says so, once per parameter (a hostile link may repeat one thousands of times).
        let mut given: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (i, (key, _)) in pairs.iter().enumerate() {
            let entry = given.entry(key).or_default();
            *entry = (entry.0 + 1, i);
        }
        for (key, (times, at)) in &given {
            if *times > 1 {
                let value = &pairs[*at].1;
                notes.push(tr!(
                    "`{key}` is given more than once; using the last, `{value}`",
                    key = clip(key),
                    value = clip(value)
                ));
            }
        }
        // Each parameter is read once, from its last occurrence.
        let read: Vec<&(String, String)> = pairs
            .iter()
            .enumerate()
            .filter(|(i, (key, _))| given.get(key.as_str()).is_some_and(|(_, at)| at == i))
            .map(|(_, pair)| pair)
            .collect();
        let last = |wanted: &str| read.iter().find(|(key, _)| key == wanted);
        // The protocol picks the defaults the other settings start from.
        let protocol = match last("protocol") {
            None => home(),
            Some((_, value)) => page_lab(value).ok_or_else(|| {
                let known: Vec<&str> = PAGE_LABS.iter().map(|p| p.key()).collect();
                tr!(
                    "protocol `{value}` is not one this page runs ({known})",
                    value = clip(value),
                    known = known.join(", ")
                )
            })?,
        };
        // index.html's loader opens each link in the bundle of its lab (a scenario's lab is
        // checked when its run starts).
        if !carries(protocol) && last("scenario").is_none() && last("lesson").is_none() {
            return Err(elsewhere(protocol));
        }
        let mut link = Link::default();
        let mut unknown = Vec::new();
        let mut settings = LabSettings::of_protocol(protocol);
        let mut scenario = None;
        for (key, value) in read {
            let (key, value) = (key.as_str(), value.as_str());
            match key {
                "protocol" => {}
                "scenario" => {
                    scenario = Some(Lab::scenario(value).ok_or_else(|| {
                        tr!("there is no shipped scenario `{name}`", name = clip(value))
                    })?)
                }
                "servers" => settings.servers = link_number(key, value)?,
                "seed" => settings.seed = link_number(key, value)?,
                "latency" => settings.latency = link_range(key, value)?,
                "writes" => settings.write_every = link_time(key, value)?,
                "bugs" => {
                    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        settings.enable_bug(name).map_err(|e| format!("bugs: {}", clip(&e)))?;
                    }
                }
                "log" => {
                    link.actions = action_code::decode(value)
                        .map_err(|e| tr!("the action log in this link is damaged at {e}", e))?
                }
                "actions" => link.actions = legacy_log::read(value)?,
                "step" => {
                    link.step = link_number(key, value)?;
                    if link.step > MAX_LINK_STEP {
                        return Err(tr!(
                            "step {step} is past the {most} a link can open",
                            step = link.step,
                            most = MAX_LINK_STEP
                        ));
                    }
                }
                "time" => link.clock = Some(link_time(key, value)?),
                "embed" => link.embed = link_flag(key, value, &mut notes),
                "panel" => link.panel = Some(clip(value)),
                "lang" => match LANGUAGES.iter().find(|(key, _)| *key == value) {
                    Some((key, _)) => link.language = Some(*key),
                    None => notes.push(tr!(
                        "`lang={value}`: the page speaks {known}; showing the browser's language",
                        value = clip(value),
                        known = LANGUAGES.map(|(key, _)| key).join(", ")
                    )),
                },
                "lesson" => {
                    let step = link.lesson.as_ref().map_or(0, |(_, step)| *step);
                    link.lesson = Some((clip(value), step));
                }
                "lesson_step" => {
                    let step: usize = link_number(key, value)?;
                    let name = link.lesson.take().map(|(name, _)| name).unwrap_or_default();
                    link.lesson = Some((name, step));
                }
                _ => match settings.own.param(key) {
                    Some(param) => settings.own.set(key, param.read_link(value, &mut notes)?),
                    // Another lab's setting: old links carried every lab's.
                    None if other_labs(key) => {}
                    // Keys of other tools (an LMS wrapping the iframe) are not ours to refuse.
                    None => unknown.push(tr!(
                        "`{key}` is not a ClusterScope setting; ignored it",
                        key = clip(key)
                    )),
                },
            }
        }
        if link.lesson.as_ref().is_some_and(|(name, _)| name.is_empty()) {
            notes.push(tr(en!("`lesson_step` without a `lesson`; ignored it")));
            link.lesson = None;
        }
        // Inside an iframe, a course page's own parameters are not worth a banner.
        if !link.embed {
            notes.extend(unknown);
        }
        if link.actions.len() > MAX_LINK_ACTIONS {
            return Err(tr!(
                "the action log has {count} actions; a link can carry {most}",
                count = link.actions.len(),
                most = MAX_LINK_ACTIONS
            ));
        }
        link.lab = match scenario {
            Some(lab) => lab,
            None => {
                settings.validate()?;
                Lab::Custom(settings)
            }
        };
        Ok((link, notes))
    }
}

/// The page lab a protocol key names (the core runs protocols the page has no lab for yet).
fn page_lab(key: &str) -> Option<Protocol> {
    Protocol::from_key(key).filter(|protocol| PAGE_LABS.contains(protocol))
}

/// Whether `key` is a setting of some lab, so a link that carries it for another lab is
/// read without a note (links from before each lab kept only its own carried some).
fn other_labs(key: &str) -> bool {
    // Only the labs this bundle carries can be asked; another lab's keys are only ever in
    // links of that lab, which open in its own bundle.
    Protocol::ALL.iter().filter_map(|&p| about(p)).any(|lab| lab.own.iter().any(|p| p.key == key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::own::Value;
    use clusterscope_core::sim::{Action, NodeId, Target, MILLI};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_link_reads_back_as_itself() {
        let mut settings = LabSettings { servers: 7, seed: 99, ..LabSettings::default() };
        settings.enable_bug("figure8_commit").expect("known bug");
        settings.own.set("election", Value::Range(100 * MILLI, 250 * MILLI));
        settings.own.set("pre_vote", Value::Flag(true));
        settings.own.set("check_quorum", Value::Flag(true));
        let command = "x=1 & y".to_string();
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
            panel: Some("state".into()),
            lesson: None,
            language: Some("zh"),
        };
        assert_eq!(Link::parse(&link.to_query()), Ok(link.clone()));
        let scenario =
            Link { lab: Lab::scenario("leader-crash").expect("shipped"), ..link.clone() };
        assert_eq!(Link::parse(&format!("?{}", scenario.to_query())), Ok(scenario));
        let mut paxos = LabSettings::of_protocol(Protocol::Paxos);
        paxos.own.set("proposers", Value::Count(3));
        paxos.own.set("acceptors", Value::Count(3));
        paxos.own.set("retry", Value::Range(25 * MILLI, 25 * MILLI));
        paxos.enable_bug("forget_promise").expect("known bug");
        let paxos = Link { lab: Lab::Custom(paxos), ..link.clone() };
        assert_eq!(Link::parse(&paxos.to_query()), Ok(paxos));
        let mut multi = LabSettings::of_protocol(Protocol::MultiPaxos);
        multi.own.set("leader_timeout", Value::Range(200 * MILLI, 400 * MILLI));
        multi.enable_bug("ignore_promised_values").expect("known bug");
        let multi = Link { lab: Lab::Custom(multi), ..link.clone() };
        assert!(multi.to_query().contains("leader_timeout=200ms..400ms"));
        assert_eq!(Link::parse(&multi.to_query()), Ok(multi));
        let mut gossip =
            LabSettings { servers: 1000, ..LabSettings::of_protocol(Protocol::Gossip) };
        gossip.own.set("mode", Value::Choice("pull"));
        gossip.own.set("fanout", Value::Count(5));
        gossip.own.set("aligned", Value::Flag(true));
        gossip.enable_bug("skip_suspicion").expect("known bug");
        let gossip = Link { lab: Lab::Custom(gossip), ..link };
        assert!(gossip.to_query().contains("mode=pull&fanout=5"));
        assert_eq!(Link::parse(&gossip.to_query()), Ok(gossip));
    }

    #[wasm_bindgen_test]
    fn a_links_lab_is_read_as_the_page_loader_reads_it() {
        assert_eq!(Link::protocol_of(""), Some(Protocol::Raft));
        assert_eq!(Link::protocol_of("#protocol=gossip&servers=9"), Some(Protocol::Gossip));
        assert_eq!(Link::protocol_of("?protocol=raft&protocol=paxos"), Some(Protocol::Paxos));
        let scenario = "scenario=gossip-crash&protocol=raft";
        assert_eq!(Link::protocol_of(scenario), Some(Protocol::Gossip));
        assert_eq!(Link::protocol_of("protocol=zab"), None);
        assert_eq!(Link::protocol_of("scenario=nope"), None);
    }

    #[wasm_bindgen_test]
    fn broken_links_say_what_is_wrong() {
        let cases = [
            ("protocol=zab", "protocol"),
            ("protocol=chess", "protocol"),
            ("protocol=tasks&alpha=NaN", "alpha must be a number"),
            ("protocol=tasks&hashing=ring", "hashing"),
            ("servers=many", "servers"),
            ("servers=40", "Servers"),
            ("election=300ms", "election"),
            ("election=300ms..100ms", "Election"),
            ("heartbeat=5parsecs", "heartbeat"),
            ("bugs=off_by_one", "bugs"),
            ("protocol=paxos&bugs=figure8_commit", "Paxos bug"),
            ("protocol=paxos&proposers=6", "Proposers"),
            ("protocol=paxos&retry=0ms..1ms", "Retry"),
            ("protocol=gossip&servers=1001", "Servers"),
            ("protocol=gossip&mode=shout", "mode"),
            ("protocol=gossip&fanout=0", "Fanout"),
            ("protocol=gossip&probe=1ms", "probe"),
            ("protocol=gossip&probe_timeout=2s", "probe timeout"),
            ("scenario=nope", "scenario"),
            ("actions=%5B%7B%22step", "action log"),
            ("step=-3", "step"),
            ("step=99999999999", "step"),
            ("log=1.2Q", "action log"),
            ("log=1.2C0", "server number"),
            ("log=zzzzzzzzzzzzzz.1H", "base-36"),
            ("log=1.2W3.x%25zz", "%25"),
            // Found by fuzzing: a network change whose first setting is not ASCII.
            ("log=1.0X%C3%A9", "not a network setting"),
        ];
        for (query, named) in cases {
            let error = Link::parse(query).expect_err(query);
            assert!(error.contains(named), "{query}: {error}");
        }
        assert_eq!(Link::parse(""), Ok(Link::default()));
        assert_eq!(Link::parse("utm_source=lms"), Ok(Link::default()));
    }

    fn every_kind_of_action() -> Vec<LoggedAction<String>> {
        let actions = [
            Action::Crash { node: Target::LEADER },
            Action::Crash { node: Target::Node(NodeId(2)) },
            Action::Restart { node: NodeId(2) },
            Action::Isolate { node: Target::Node(NodeId(0)) },
            Action::Timeout { node: Target::LEADER },
            Action::Transfer { to: NodeId(3) },
            Action::Partition { groups: vec![vec![NodeId(0), NodeId(1)], vec![NodeId(4)]] },
            Action::Cut { from: NodeId(0), to: NodeId(4) },
            Action::Heal,
            Action::Note,
            Action::DropMessage { id: 123_456 },
            Action::DuplicateMessage { id: 7 },
            Action::Client { node: Target::LEADER, command: "a_b=50% & ü".into() },
            Action::Client { node: Target::Node(NodeId(1)), command: " x=1\n".into() },
            Action::Network { loss: Some(0.05), duplicate: None, latency: None, link: None },
            Action::Network {
                loss: Some(0.0),
                duplicate: Some(0.125),
                latency: Some((2 * MILLI, 40 * MILLI)),
                link: Some((NodeId(1), NodeId(3))),
            },
        ];
        actions
            .into_iter()
            .enumerate()
            .map(|(i, action)| LoggedAction {
                step: 10 + 7 * i as u64,
                time: 1000 * i as u64,
                action,
            })
            .collect()
    }

    #[wasm_bindgen_test]
    fn every_action_survives_the_compact_log_and_old_json_links_still_open() {
        let link = Link { actions: every_kind_of_action(), step: 200, ..Link::default() };
        let query = link.to_query();
        assert!(query.contains("&log="), "{query}");
        assert_eq!(Link::parse(&query), Ok(link.clone()));
        assert_eq!(Link::parse(&format!("#{query}")), Ok(link.clone()));
        // A last command ending in whitespace keeps it (found by fuzzing).
        let mut last = link.clone();
        last.actions.truncate(14);
        assert!(
            matches!(&last.actions[13].action, Action::Client { command, .. } if command.ends_with('\n'))
        );
        assert_eq!(Link::parse(&last.to_query()), Ok(last));
        // A link from before the compact log: the action log as JSON under `actions`.
        let json = serde_json::to_string(&link.actions).expect("serializes");
        let old = form_urlencoded::Serializer::new(String::new())
            .append_pair("actions", &json)
            .append_pair("step", "200")
            .finish();
        assert_eq!(Link::parse(&format!("?{old}")), Ok(link));
        // An old log out of order is read in step order, as a run replays it.
        let backwards = r#"[{"step":9,"time":5,"action":{"do":"heal"}},{"step":3,"time":1,"action":{"do":"heal"}}]"#;
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("actions", backwards)
            .finish();
        let read = Link::parse(&query).expect("opens");
        assert_eq!(read.actions.iter().map(|a| a.step).collect::<Vec<_>>(), [3, 9]);
        assert_eq!(Link::parse(&read.to_query()), Ok(read));
    }

    #[wasm_bindgen_test]
    fn a_500_action_session_fits_in_a_short_link() {
        let actions: Vec<LoggedAction<String>> = (0..500u64)
            .map(|i| LoggedAction {
                step: 40 + 37 * i,
                time: 500_000 + 251_003 * i,
                action: Action::Client { node: Target::LEADER, command: format!("k{}={i}", i % 5) },
            })
            .collect();
        let link = Link { actions, step: 20_000, ..Link::default() };
        let query = link.to_query();
        // JSON made it about 152 characters an action (76 KB here).
        assert!(query.len() < 16_000, "{} characters", query.len());
        assert_eq!(Link::parse(&query), Ok(link));
    }

    #[wasm_bindgen_test]
    fn what_a_link_gets_wrong_but_can_still_open_is_said() {
        let notes = |query: &str| Link::parse_noting(query).expect(query).1;
        let twice = notes("servers=3&servers=7");
        assert!(
            twice[0].contains("`servers` is given more than once; using the last, `7`"),
            "{twice:?}"
        );
        assert_eq!(Link::parse("servers=3&servers=7").map(|l| l.lab.settings().servers), Ok(7));
        // Said once per parameter, with the value actually used, however often it repeats.
        let thrice = notes("servers=3&servers=7&servers=9");
        assert_eq!(thrice, ["`servers` is given more than once; using the last, `9`"]);
        let flood = ["colour=blue"; 50_000].join("&");
        assert_eq!(notes(&flood).len(), 2, "one note for the repeats, one for the unknown key");
        assert!(notes("colour=blue")[0].contains("`colour` is not a ClusterScope setting"));
        // An LMS's own parameters in an embedded lesson are not worth a banner.
        assert!(notes("colour=blue&embed=1").is_empty());
        let banana = notes("embed=banana");
        assert!(banana[0].contains("`embed` is 1 or 0, not `banana`"), "{banana:?}");
        assert!(!Link::parse("embed=banana").expect("opens").embed);
        let klingon = notes("lang=tlh");
        assert!(klingon[0].contains("the page speaks en, zh"), "{klingon:?}");
        assert_eq!(Link::parse("lang=tlh").expect("opens").language, None);
        assert_eq!(Link::parse("lang=zh").expect("opens").language, Some("zh"));
        // A huge bad value is echoed as a short prefix.
        let huge = format!("servers={}", "9".repeat(200_000));
        let error = Link::parse(&huge).expect_err("not a number");
        assert!(error.len() < 120, "{} characters", error.len());
    }
}
