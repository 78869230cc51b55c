//! A session is a lab and the timeline running it. It opens from a link, writes its link,
//! and exports its trace as a JSON file that imports back.
//!
//! A trace file carries the link that produced it next to the records. Importing replays the
//! link (the simulator is deterministic) and compares the replay with the records in the
//! file, so a file from another version, or one edited by hand, is flagged rather than
//! silently trusted.

use clusterscope_core::protocols::gossip::GossipNode;
use clusterscope_core::protocols::multipaxos::MultiPaxosNode;
use clusterscope_core::protocols::paxos::PaxosNode;
use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{Action, LoggedAction, Node, Sim, Time, Timeline};
use std::convert::Infallible;

use serde::{Deserialize, Serialize};

use crate::lab::{retention, Lab, LabSettings};
use crate::link::Link;
use crate::protocols::{Protocol, Shown};

/// Files above this size are refused before reading: a browser tab would stall on them.
pub const MAX_TRACE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// What `format` says in a ClusterScope trace file.
const FORMAT: &str = "clusterscope-trace";
const VERSION: u32 = 1;

/// A timeline of whichever protocol the lab runs. Code that needs the protocol's types
/// matches with [`each_run!`] and is written once, generically over [`Shown`].
pub enum Run {
    Raft(Timeline<RaftNode>),
    Paxos(Timeline<PaxosNode>),
    MultiPaxos(Timeline<MultiPaxosNode>),
    Gossip(Timeline<GossipNode>),
}

/// `each_run!(run, timeline => body)`: `body` once per protocol, with `timeline` bound to
/// that protocol's timeline.
macro_rules! each_run {
    ($run:expr, $timeline:ident => $body:expr) => {
        match $run {
            $crate::session::Run::Raft($timeline) => $body,
            $crate::session::Run::Paxos($timeline) => $body,
            $crate::session::Run::MultiPaxos($timeline) => $body,
            $crate::session::Run::Gossip($timeline) => $body,
        }
    };
}
pub(crate) use each_run;

/// A timeline keeping as much past as a cluster of its size can afford.
pub fn timeline<N: Node>(sim: Sim<N>) -> Timeline<N> {
    let servers = sim.nodes().len();
    Timeline::new(sim, retention(servers))
}

impl Run {
    pub fn of_settings(settings: &LabSettings) -> Run {
        match settings.protocol {
            Protocol::Raft => Run::Raft(timeline(RaftNode::start(settings))),
            Protocol::Paxos => Run::Paxos(timeline(PaxosNode::start(settings))),
            Protocol::MultiPaxos => Run::MultiPaxos(timeline(MultiPaxosNode::start(settings))),
            Protocol::Gossip => Run::Gossip(timeline(GossipNode::start(settings))),
        }
    }

    pub fn of_scenario(scenario: &Scenario) -> Run {
        fn build<N: Shown>(scenario: &Scenario) -> Timeline<N> {
            timeline(scenario.build(N::scenario_config(scenario), true))
        }
        match scenario.protocol {
            Protocol::Raft => Run::Raft(build(scenario)),
            Protocol::Paxos => Run::Paxos(build(scenario)),
            Protocol::MultiPaxos => Run::MultiPaxos(build(scenario)),
            Protocol::Gossip => Run::Gossip(build(scenario)),
        }
    }

    pub fn step(&self) -> u64 {
        each_run!(self, t => t.step())
    }

    pub fn horizon(&self) -> u64 {
        each_run!(self, t => t.horizon())
    }

    pub fn clock(&self) -> Time {
        each_run!(self, t => t.clock())
    }

    pub fn seek(&mut self, step: u64) {
        each_run!(self, t => t.seek(step))
    }

    pub fn step_forward(&mut self) -> bool {
        each_run!(self, t => t.step_forward())
    }

    pub fn advance_to(&mut self, time: Time) {
        each_run!(self, t => t.advance_to(time))
    }

    /// A person's action, with its client command (if any) as text; a command the protocol
    /// cannot read is refused with the reason.
    pub fn act(&mut self, action: Action<String>) -> Result<(), String> {
        each_run!(self, t => {
            t.act(action.try_map_command(|text| text.parse())?);
            Ok(())
        })
    }

    /// The action log, with commands as text (as links carry it).
    pub fn actions(&self) -> Vec<LoggedAction<String>> {
        each_run!(self, t => t.actions().iter().map(|a| LoggedAction {
            step: a.step,
            time: a.time,
            action: a
                .action
                .clone()
                .try_map_command(|c| Ok::<_, Infallible>(c.to_string()))
                .unwrap_or_else(|never| match never {}),
        }).collect())
    }

    fn trace_json(&self) -> serde_json::Value {
        each_run!(self, t => serde_json::to_value(t.trace()).unwrap_or_default())
    }

    /// Replays `actions` on `start` up to `step`, reading their commands for its protocol.
    fn replay(start: Run, actions: &[LoggedAction<String>], step: u64) -> Result<Run, String> {
        fn replay<N: Node>(
            start: &Timeline<N>,
            actions: &[LoggedAction<String>],
            step: u64,
        ) -> Result<Timeline<N>, String> {
            let actions = actions
                .iter()
                .map(|a| a.clone().try_map_command(|text| text.parse::<N::Command>()))
                .collect::<Result<Vec<_>, String>>()
                .map_err(|e| format!("the action log has a client command that {e}"))?;
            let servers = start.sim().nodes().len();
            Ok(Timeline::replay(start.sim().clone(), retention(servers), actions, step))
        }
        Ok(match start {
            Run::Raft(t) => Run::Raft(replay(&t, actions, step)?),
            Run::Paxos(t) => Run::Paxos(replay(&t, actions, step)?),
            Run::MultiPaxos(t) => Run::MultiPaxos(replay(&t, actions, step)?),
            Run::Gossip(t) => Run::Gossip(replay(&t, actions, step)?),
        })
    }

    fn set_clock(&mut self, clock: Time) {
        each_run!(self, t => t.set_clock(clock))
    }
}

pub struct Session {
    pub lab: Lab,
    pub run: Run,
    /// The lab's narration and settings, worked out once (a scenario's come from parsing
    /// its file, which is too slow to repeat every frame).
    pub narration: Vec<(Time, String)>,
    pub settings: LabSettings,
}

#[derive(Serialize, Deserialize)]
struct TraceFile {
    format: String,
    version: u32,
    /// The link's query string: lab, action log and step.
    link: String,
    records: serde_json::Value,
}

impl Default for Session {
    /// The default lab, which needs no validation.
    fn default() -> Self {
        let settings = LabSettings::default();
        Session::with(Lab::Custom(settings.clone()), Run::of_settings(&settings))
    }
}

impl Session {
    pub fn new(lab: Lab) -> Result<Session, String> {
        Ok(Session::with(lab.clone(), lab.start()?))
    }

    fn with(lab: Lab, run: Run) -> Session {
        Session { narration: lab.narration(), settings: lab.settings(), lab, run }
    }

    /// Replays a link: its lab, then its actions, up to its step.
    pub fn open(link: &Link) -> Result<Session, String> {
        let mut run = Run::replay(link.lab.start()?, &link.actions, link.step)?;
        if let Some(clock) = link.clock {
            run.set_clock(clock);
        }
        Ok(Session::with(link.lab.clone(), run))
    }

    /// The link to exactly this moment.
    pub fn link(&self, embed: bool) -> Link {
        Link {
            lab: self.lab.clone(),
            actions: self.run.actions(),
            step: self.run.step(),
            clock: Some(self.run.clock()),
            embed,
        }
    }

    /// The trace up to the current step, as a file that [`Session::import`] reads back.
    pub fn export(&self) -> String {
        let file = TraceFile {
            format: FORMAT.into(),
            version: VERSION,
            link: self.link(false).to_query(),
            records: self.run.trace_json(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// Reads a trace file. Besides the session, returns a warning when the replay differs
    /// from the records in the file.
    pub fn import(text: &str) -> Result<(Session, Option<String>), String> {
        let file: TraceFile = serde_json::from_str(text)
            .map_err(|e| format!("This is not a ClusterScope trace file ({e})."))?;
        if file.format != FORMAT || file.version != VERSION {
            return Err(format!(
                "This file is `{}` version {}; the page reads `{FORMAT}` version {VERSION}.",
                file.format, file.version
            ));
        }
        let link = Link::parse(&file.link).map_err(|e| format!("The trace's link: {e}."))?;
        let session = Session::open(&link)?;
        // A long run of a large cluster keeps only its recent records (see `retention`), so
        // the two are compared over the steps both still hold.
        let (replayed, recorded) = common_steps(session.run.trace_json(), file.records);
        let warning = (replayed != recorded).then(|| first_difference(&replayed, &recorded));
        Ok((session, warning))
    }
}

/// Both record lists from the later of their first steps on.
fn common_steps(
    replayed: serde_json::Value,
    recorded: serde_json::Value,
) -> (serde_json::Value, serde_json::Value) {
    use serde_json::Value;
    let first_step = |v: &Value| v.get(0).and_then(|r| r.get("step")).and_then(Value::as_u64);
    let from = first_step(&replayed).max(first_step(&recorded)).unwrap_or(0);
    let keep = |v: Value| match v {
        Value::Array(records) => Value::Array(
            records
                .into_iter()
                .filter(|r| r.get("step").and_then(Value::as_u64).is_none_or(|s| s >= from))
                .collect(),
        ),
        other => other,
    };
    (keep(replayed), keep(recorded))
}

fn first_difference(replayed: &serde_json::Value, recorded: &serde_json::Value) -> String {
    let (ours, theirs) = match (replayed.as_array(), recorded.as_array()) {
        (Some(ours), Some(theirs)) => (ours, theirs),
        _ => return "The file's records are not a list; showing the replay of its link.".into(),
    };
    let at =
        ours.iter().zip(theirs).position(|(a, b)| a != b).unwrap_or(ours.len().min(theirs.len()));
    let step = theirs.get(at).or(ours.get(at)).and_then(|r| r.get("step")).and_then(|s| s.as_u64());
    format!(
        "The file's records differ from this version's replay{} ({} recorded, {} replayed); \
         showing the replay.",
        step.map_or(String::new(), |s| format!(" from step {s}")),
        theirs.len(),
        ours.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusterscope_core::sim::{Action, NodeId, Target};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn crashed_session() -> Session {
        let mut session = Session::new(Lab::default()).expect("default lab");
        session.run.seek(300);
        session.run.act(Action::Crash { node: Target::LEADER }).expect("no command");
        session.run.seek(700);
        session.run.act(Action::Cut { from: NodeId(1), to: NodeId(2) }).expect("no command");
        session.run.seek(900);
        session
    }

    #[wasm_bindgen_test]
    fn an_exported_trace_imports_to_the_same_moment() {
        let session = crashed_session();
        let (imported, warning) = Session::import(&session.export()).expect("imports");
        assert_eq!(warning, None);
        assert_eq!(imported.run.step(), 900);
        assert_eq!(imported.run.actions(), session.run.actions());
        assert_eq!(imported.export(), session.export());
    }

    #[wasm_bindgen_test]
    fn broken_trace_files_are_refused_or_flagged() {
        for text in ["", "{", "[1,2]", r#"{"format":"other","version":1,"link":"","records":[]}"#] {
            assert!(Session::import(text).is_err(), "{text}");
        }
        let bad_link =
            r#"{"format":"clusterscope-trace","version":1,"link":"servers=99","records":[]}"#;
        let error = Session::import(bad_link).err().expect("bad link refused");
        assert!(error.contains("Servers"), "{error}");
        // Edit one record: the import still opens, with a warning naming the step.
        let exported = crashed_session().export();
        let edited = exported.replacen("\"step\": 5,", "\"step\": 6,", 1);
        assert_ne!(edited, exported);
        let (_, warning) = Session::import(&edited).expect("still opens");
        assert!(warning.expect("flagged").contains("from step 6"));
    }
}
