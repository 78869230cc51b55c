//! Raft's RPCs (Figure 2 of the paper) as one-way messages, plus a follower's forward of a
//! client request. The sender is the message's `from` in the simulator, so `candidateId` and
//! `leaderId` are not repeated inside.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A state-machine command. Written `key=value`; the leader's own entry at the start of its
/// term is `no-op`. Key and value are shared, not copied: every AppendEntries clones the entries
/// it carries, and with `String`s allocation dominated the simulator's profile.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub term: u64,
    pub command: Command,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Message {
    /// Invoked by candidates to gather votes.
    RequestVote {
        term: u64,
        last_log_index: u64,
        last_log_term: u64,
    },
    RequestVoteReply {
        term: u64,
        vote_granted: bool,
    },
    /// Invoked by the leader to replicate entries; with no entries it is a heartbeat.
    AppendEntries {
        term: u64,
        prev_log_index: u64,
        prev_log_term: u64,
        entries: Vec<Entry>,
        leader_commit: u64,
    },
    /// On success `match_index` is the last index now known to match the leader. On failure
    /// `conflict_index` / `conflict_term` let the leader skip a whole term at once instead of
    /// backing `nextIndex` off one entry per round trip (§5.3's optimization).
    AppendEntriesReply {
        term: u64,
        success: bool,
        match_index: u64,
        conflict_index: u64,
        conflict_term: Option<u64>,
    },
    /// A follower passing a client's request on to the leader it knows.
    ClientForward {
        request: u64,
        command: Command,
    },
}

impl Message {
    pub fn term(&self) -> Option<u64> {
        match self {
            Message::RequestVote { term, .. }
            | Message::RequestVoteReply { term, .. }
            | Message::AppendEntries { term, .. }
            | Message::AppendEntriesReply { term, .. } => Some(*term),
            Message::ClientForward { .. } => None,
        }
    }

    /// A heartbeat is an AppendEntries with no entries.
    pub fn is_heartbeat(&self) -> bool {
        matches!(self, Message::AppendEntries { entries, .. } if entries.is_empty())
    }

    /// A short label for views.
    pub fn label(&self) -> &'static str {
        match self {
            Message::RequestVote { .. } => "RequestVote",
            Message::RequestVoteReply { .. } => "RequestVote reply",
            msg if msg.is_heartbeat() => "Heartbeat",
            Message::AppendEntries { .. } => "AppendEntries",
            Message::AppendEntriesReply { .. } => "AppendEntries reply",
            Message::ClientForward { .. } => "ClientForward",
        }
    }
}
