//! Trace files: the records up to a moment next to the link that produced them. Importing
//! replays the link and compares the replay with the records in the file, so a file from
//! another version, or one edited by hand, is flagged rather than silently trusted.

use serde::{Deserialize, Serialize};

use super::link::Link;
use super::opening::Pending;
use super::Session;

/// What `format` says in a ClusterScope trace file.
const FORMAT: &str = "clusterscope-trace";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct TraceFile {
    format: String,
    version: u32,
    /// The link's query string: lab, action log and step.
    link: String,
    records: serde_json::Value,
}

impl Session {
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
        let (mut session, pending) = Session::begin_import(text, u64::MAX)?;
        let notes = session.finish(pending);
        Ok((session, notes.into_iter().next()))
    }

    /// Starts reading a trace file: replays at most `at_most` steps now; the rest is
    /// [`Session::advance`]'s, and [`Session::finish`] compares the replay with the file.
    pub fn begin_import(text: &str, at_most: u64) -> Result<(Session, Pending), String> {
        let file: TraceFile = serde_json::from_str(text)
            .map_err(|e| format!("This is not a ClusterScope trace file ({e})."))?;
        if file.format != FORMAT || file.version != VERSION {
            return Err(format!(
                "This file is `{}` version {}; the page reads `{FORMAT}` version {VERSION}.",
                file.format, file.version
            ));
        }
        let link = Link::parse(&file.link).map_err(|e| format!("The trace's link: {e}."))?;
        let (session, mut pending) = Session::begin(&link, at_most)?;
        pending.recorded = Some(file.records);
        Ok((session, pending))
    }
}

/// Both record lists from the later of their first steps on.
pub(super) fn common_steps(
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

pub(super) fn first_difference(
    replayed: &serde_json::Value,
    recorded: &serde_json::Value,
) -> String {
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
