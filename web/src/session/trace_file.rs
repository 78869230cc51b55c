//! Trace files: the records up to a moment next to the link that produced them. Importing
//! replays the link and compares the replay with the records in the file, so a file from
//! another version, or one edited by hand, is flagged rather than silently trusted.

use serde::{Deserialize, Serialize};

use clusterscope_core::scenario::Protocol;

use super::link::Link;
use super::opening::Pending;
use super::Session;
use crate::labs::registry::carries;

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

    /// The link of a trace file whose lab this bundle of the page does not carry, and that
    /// lab: the page hands the file over to that lab's bundle. `None` for a file this bundle
    /// opens (or refuses, with its reason, in [`Session::begin_import`]).
    pub fn trace_elsewhere(text: &str) -> Option<(String, Protocol)> {
        let file: TraceFile = serde_json::from_str(text).ok()?;
        let protocol = Link::protocol_of(&file.link)?;
        (!carries(protocol)).then_some((file.link, protocol))
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
