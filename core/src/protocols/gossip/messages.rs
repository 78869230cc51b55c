//! What gossip nodes say to each other: SWIM's ping / ack / ping-req with membership updates
//! piggybacked (Das, Gupta and Motivala, 2002), and the dissemination of versioned key-value
//! rumors by push, pull or push-pull, plus a full-state exchange for anti-entropy.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::sim::NodeId;

/// What one node believes of a member. Ordered by precedence at equal incarnation: a
/// suspicion overrides "alive", a confirmed death overrides a suspicion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Alive,
    Suspect,
    Dead,
    /// Left on purpose; like dead, but nobody suspected it.
    Left,
}

/// A membership update: `member` is `status` at `incarnation`. Only the member itself raises
/// its incarnation, to refute a suspicion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    pub member: NodeId,
    pub status: Status,
    pub incarnation: u64,
}

/// A rumor's version: a counter per key, the writer's id breaking ties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Version {
    pub counter: u64,
    pub writer: NodeId,
}

/// One versioned key-value pair; the higher version wins everywhere.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rumor {
    pub key: Arc<str>,
    pub value: Arc<str>,
    pub version: Version,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// SWIM's direct probe.
    Ping {
        seq: u64,
        updates: Vec<Update>,
    },
    Ack {
        seq: u64,
        updates: Vec<Update>,
    },
    /// Probe `target` for me: it did not answer my ping in time.
    PingReq {
        seq: u64,
        target: NodeId,
        updates: Vec<Update>,
    },
    /// Push: rumors still hot here, and membership updates.
    Gossip {
        updates: Vec<Update>,
        rumors: Vec<Rumor>,
    },
    /// Pull (no rumors) or push-pull: what I have, by key; send me anything newer.
    Pull {
        digest: Vec<(Arc<str>, Version)>,
        rumors: Vec<Rumor>,
        updates: Vec<Update>,
    },
    /// The answer to a pull: the rumors newer than its digest.
    Delta {
        rumors: Vec<Rumor>,
    },
    /// Anti-entropy: my whole state. `reply` is false on the first leg, which asks for the
    /// other side's whole state back.
    Sync {
        members: Vec<Update>,
        rumors: Vec<Rumor>,
        reply: bool,
    },
}

impl Message {
    pub fn label(&self) -> &'static str {
        match self {
            Message::Ping { .. } => "Ping",
            Message::Ack { .. } => "Ack",
            Message::PingReq { .. } => "PingReq",
            Message::Gossip { .. } => "Gossip",
            Message::Pull { .. } => "Pull",
            Message::Delta { .. } => "Delta",
            Message::Sync { .. } => "Sync",
        }
    }
}

/// What a client or a person asks a node: write a rumor, leave the cluster, or join again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Set { key: Arc<str>, value: Arc<str> },
    Leave,
    Join,
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Set { key, value } => write!(f, "{key}={value}"),
            Command::Leave => f.write_str("leave"),
            Command::Join => f.write_str("join"),
        }
    }
}

impl FromStr for Command {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text.trim() {
            "leave" => Ok(Command::Leave),
            "join" => Ok(Command::Join),
            other => match crate::protocols::kv::Command::from_str(other)? {
                crate::protocols::kv::Command::Set { key, value } => {
                    Ok(Command::Set { key, value })
                }
                crate::protocols::kv::Command::Noop | crate::protocols::kv::Command::Get { .. } => {
                    Err("gossip takes `key=value`, `leave` or `join`".into())
                }
            },
        }
    }
}

impl Serialize for Command {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Command {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}
