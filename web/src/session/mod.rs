//! A session is a lab and the run of it (`run.rs`), stepped by the frame loop
//! (`frame_loop.rs`). It opens from a link (`link.rs`), writes its link,
//! and exports its trace as a JSON file that imports back.
//!
//! A trace file carries the link that produced it next to the records. Importing replays the
//! link (the simulator is deterministic) and compares the replay with the records in the
//! file, so a file from another version, or one edited by hand, is flagged rather than
//! silently trusted.

mod action_code;
pub mod frame_loop;
pub mod link;
pub mod run;

use clusterscope_core::sim::{format_time, Time};
use serde::{Deserialize, Serialize};

use crate::labs::lab::Lab;
use crate::labs::settings::LabSettings;
use link::Link;
use run::Run;

/// Files above this size are refused before reading: a browser tab would stall on them.
pub const MAX_TRACE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// What `format` says in a ClusterScope trace file.
const FORMAT: &str = "clusterscope-trace";
const VERSION: u32 = 1;

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
        Session::with(Lab::Custom(settings.clone()), run::of_settings(&settings))
    }
}

impl Session {
    pub fn new(lab: Lab) -> Result<Session, String> {
        Ok(Session::with(lab.clone(), run::start(&lab)?))
    }

    fn with(lab: Lab, run: Run) -> Session {
        Session { narration: lab.narration(), settings: lab.settings(), lab, run }
    }

    /// Replays a link: its lab, then its actions, up to its step.
    pub fn open(link: &Link) -> Result<Session, String> {
        Session::open_noting(link).map(|(session, _)| session)
    }

    /// As [`Session::open`], and also what the page did where the link asked for something
    /// the run cannot show: a step past its end, a time outside the step, an action that
    /// does nothing (a server the cluster lacks, a reversed latency).
    pub fn open_noting(link: &Link) -> Result<(Session, Vec<String>), String> {
        let mut run = run::start(&link.lab)?.replay(&link.actions, link.step)?;
        let mut notes = Vec::new();
        let servers = run.servers();
        for (i, logged) in link.actions.iter().enumerate() {
            let what = || format!("action {} at step {}", i + 1, logged.step);
            if let Some(bad) =
                logged.action.named_nodes().into_iter().find(|n| n.index() >= servers)
            {
                notes.push(format!(
                    "{} names {bad}, which a {servers}-server cluster does not have; it does nothing",
                    what()
                ));
            } else if let Err(e) = logged.action.check_values() {
                notes.push(format!("{} is refused ({e}); it does nothing", what()));
            }
        }
        if run.step() < link.step {
            notes.push(format!(
                "the link asks for step {}, but this run ends at step {}; showing that",
                link.step,
                run.step()
            ));
        }
        if let Some(clock) = link.clock {
            run.set_clock(clock);
            if run.clock() != clock && run.step() == link.step {
                notes.push(format!(
                    "time {} is not within step {}; showing {}",
                    format_time(clock),
                    run.step(),
                    format_time(run.clock())
                ));
            }
        }
        Ok((Session::with(link.lab.clone(), run), notes))
    }

    /// The link to exactly this moment.
    pub fn link(&self, embed: bool) -> Link {
        Link {
            lab: self.lab.clone(),
            actions: self.run.actions(),
            step: self.run.step(),
            clock: Some(self.run.clock()),
            embed,
            panel: None,
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

    #[wasm_bindgen_test]
    fn opening_a_link_says_what_it_could_not_show() {
        use crate::labs::settings::LabSettings;
        use clusterscope_core::scenario::Protocol;
        use clusterscope_core::sim::{LoggedAction, MILLI};
        // Basic Paxos with no client after the value is chosen: the run ends.
        let paxos = Lab::Custom(LabSettings::of_protocol(Protocol::Paxos));
        let link = Link { lab: paxos, step: 1_000_000, ..Link::default() };
        let (session, notes) = Session::open_noting(&link).expect("opens");
        let end = session.run.step();
        assert!(end < 1_000_000);
        assert_eq!(
            notes,
            [format!(
                "the link asks for step 1000000, but this run ends at step {end}; showing that"
            )]
        );

        let log = vec![
            LoggedAction {
                step: 5,
                time: 0,
                action: Action::Crash { node: Target::Node(NodeId(98)) },
            },
            LoggedAction {
                step: 9,
                time: 0,
                action: Action::Network {
                    loss: None,
                    duplicate: None,
                    latency: Some((9 * MILLI, MILLI)),
                    link: None,
                },
            },
        ];
        let link = Link { actions: log, step: 20, clock: Some(3_600_000_000), ..Link::default() };
        let (session, notes) = Session::open_noting(&link).expect("opens");
        assert_eq!(session.run.step(), 20);
        assert!(
            notes[0].starts_with(
                "action 1 at step 5 names S99, which a 5-server cluster does not have"
            ),
            "{notes:?}"
        );
        assert!(notes[1].starts_with("action 2 at step 9 is refused (latency"), "{notes:?}");
        assert!(notes[2].starts_with("time 3600s is not within step 20; showing"), "{notes:?}");
    }
}
