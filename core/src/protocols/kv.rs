//! The key-value commands clients send to the replicated state machines of Raft and
//! Multi-Paxos.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A state-machine command. Written `key=value`, or `get key` for a read; a leader's filler
/// entry (Raft's at the start of its term, Multi-Paxos's for a hole in the log) is `no-op`. Key and value are shared, not
/// copied: every AppendEntries clones the entries it carries, and with `String`s allocation
/// dominated the simulator's profile.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Command {
    Noop,
    Set {
        key: Arc<str>,
        value: Arc<str>,
    },
    /// A read of one key. Raft answers it without a log entry (ReadIndex or a lease);
    /// Multi-Paxos orders it in the log like a write.
    Get {
        key: Arc<str>,
    },
}

impl Command {
    /// The key a client command touches: what the linearizability checker partitions by.
    pub fn key(&self) -> Option<&Arc<str>> {
        match self {
            Command::Noop => None,
            Command::Set { key, .. } | Command::Get { key } => Some(key),
        }
    }
}

const MAX_KEY: usize = 64;

fn check_key(text: &str, key: &str) -> Result<(), String> {
    if key.is_empty() || key.len() > MAX_KEY || key.bytes().any(|b| b.is_ascii_whitespace()) {
        return Err(format!("`{text}`: a key is 1–{MAX_KEY} characters without spaces"));
    }
    Ok(())
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Noop => f.write_str("no-op"),
            Command::Set { key, value } => write!(f, "{key}={value}"),
            Command::Get { key } => write!(f, "get {key}"),
        }
    }
}

impl FromStr for Command {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text == "no-op" {
            return Ok(Command::Noop);
        }
        if let Some(key) = text.strip_prefix("get ") {
            let key = key.trim();
            check_key(text, key)?;
            return Ok(Command::Get { key: key.into() });
        }
        let (key, value) = text.split_once('=').ok_or_else(|| {
            format!("`{text}` is not a command; write `key=value` or `get key`, e.g. `x=1`")
        })?;
        let (key, value) = (key.trim(), value.trim());
        check_key(text, key)?;
        if value.len() > 256 {
            return Err(format!("`{text}`: a value is at most 256 characters"));
        }
        Ok(Command::Set { key: key.into(), value: value.into() })
    }
}

impl Serialize for Command {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Command {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}
