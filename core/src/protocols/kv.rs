//! The key-value commands clients send to the replicated state machines of Raft and
//! Multi-Paxos.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A state-machine command. Written `key=value`; a leader's filler entry (Raft's at the start
/// of its term, Multi-Paxos's for a hole in the log) is `no-op`. Key and value are shared, not
/// copied: every AppendEntries clones the entries it carries, and with `String`s allocation
/// dominated the simulator's profile.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Command {
    Noop,
    Set { key: Arc<str>, value: Arc<str> },
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Noop => f.write_str("no-op"),
            Command::Set { key, value } => write!(f, "{key}={value}"),
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
        let (key, value) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}` is not a command; write `key=value`, e.g. `x=1`"))?;
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() || key.len() > 64 || value.len() > 256 {
            return Err(format!(
                "`{text}`: the key must be 1–64 characters and the value at most 256"
            ));
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
