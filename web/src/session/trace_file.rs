//! Trace files: the records up to a moment next to the link that produced them. Importing
//! replays the link and compares the replay with the records in the file, so a file from
//! another version, or one edited by hand, is flagged rather than silently trusted.
//!
//! Writing a file and comparing its records need every record serialized, which is a good
//! part of a page bundle: the measurement worker does both (`feature = "traces"`), and the
//! page opens a file's link itself once the worker has checked it.

use clusterscope_core::scenario::Protocol;

use super::link::Link;
use super::opening::Pending;
use super::Session;
use crate::labs::registry::carries;
use crate::views::l10n::tr;
use crate::{en, tr};

/// What `format` says in a ClusterScope trace file.
const FORMAT: &str = "clusterscope-trace";
const VERSION: u64 = 1;

/// A trace file as read. (Read through `serde_json::Value`, which the page parses anyway:
/// a derived reader for this one struct cost a bundle more than this does.)
struct TraceFile {
    format: String,
    version: u64,
    /// The link's query string: lab, action log and step.
    link: String,
    #[cfg(feature = "traces")]
    records: serde_json::Value,
}

impl TraceFile {
    fn read(text: &str) -> Result<TraceFile, String> {
        let not_a_trace = |why: String| tr!("This is not a ClusterScope trace file ({why}).", why);
        #[cfg_attr(not(feature = "traces"), allow(unused_mut))]
        let mut file: serde_json::Value =
            serde_json::from_str(text).map_err(|e| not_a_trace(e.to_string()))?;
        let text_at = |key: &str| {
            let found = file.get(key).and_then(|v| v.as_str()).map(str::to_string);
            found.ok_or_else(|| not_a_trace(tr!("no `{key}` text", key)))
        };
        let (format, link) = (text_at("format")?, text_at("link")?);
        let version = file.get("version").and_then(|v| v.as_u64());
        let version = version.ok_or_else(|| not_a_trace(tr(en!("no `version` number"))))?;
        Ok(TraceFile {
            format,
            version,
            link,
            #[cfg(feature = "traces")]
            records: file.get_mut("records").map(serde_json::Value::take).unwrap_or_default(),
        })
    }
}

/// A trace file as written.
#[cfg(feature = "traces")]
#[derive(serde::Serialize)]
struct Written {
    format: &'static str,
    version: u64,
    link: String,
    records: serde_json::Value,
}

impl Session {
    /// The trace up to the current step, as a file that [`Session::import`] reads back.
    #[cfg(feature = "traces")]
    pub fn export(&self) -> String {
        let file = Written {
            format: FORMAT,
            version: VERSION,
            link: self.link(false).to_query(),
            records: self.run.trace_json(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// Reads a trace file. Besides the session, returns a warning when the replay differs
    /// from the records in the file.
    #[cfg(feature = "traces")]
    pub fn import(text: &str) -> Result<(Session, Option<String>), String> {
        let (mut session, pending) = Session::begin_import(text, u64::MAX)?;
        let notes = session.finish(pending);
        Ok((session, notes.into_iter().next()))
    }

    /// The link of a trace file whose lab this bundle of the page does not carry, and that
    /// lab: the page hands the file over to that lab's bundle. `None` for a file this bundle
    /// opens (or refuses, with its reason, in [`Session::begin_import`]).
    pub fn trace_elsewhere(text: &str) -> Option<(String, Protocol)> {
        let file = TraceFile::read(text).ok()?;
        let protocol = Link::protocol_of(&file.link)?;
        (!carries(protocol)).then_some((file.link, protocol))
    }

    /// Starts reading a trace file: replays at most `at_most` steps now; the rest is
    /// [`Session::advance`]'s, and [`Session::finish`] compares the replay with the file's
    /// records (where they are compared: with `traces`).
    pub fn begin_import(text: &str, at_most: u64) -> Result<(Session, Pending), String> {
        let file = TraceFile::read(text)?;
        if file.format != FORMAT || file.version != VERSION {
            return Err(tr!(
                "This file is `{format}` version {version}; the page reads `{reads}` version {read_version}.",
                format = file.format,
                version = file.version,
                reads = FORMAT,
                read_version = VERSION
            ));
        }
        let link = Link::parse(&file.link).map_err(|e| tr!("The trace's link: {e}.", e))?;
        #[cfg_attr(not(feature = "traces"), allow(unused_mut))]
        let (session, mut pending) = Session::begin(&link, at_most)?;
        #[cfg(feature = "traces")]
        {
            pending.recorded = Some(file.records);
        }
        Ok((session, pending))
    }
}
