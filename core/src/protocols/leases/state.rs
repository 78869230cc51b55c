//! The leases lab's three kinds of server and what each keeps: the lock store (S1) hands
//! out one lease; the storage service (S2) takes the holder's writes; every other server is
//! a client that wants to lead, and writes while it believes it does.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::sim::{NodeId, Time, MILLI, SECOND};

/// The lock store: the coordination service that holds the `leader` key.
pub const STORE: NodeId = NodeId(0);
/// The storage service the leader writes to.
pub const STORAGE: NodeId = NodeId(1);
/// A store, a storage service and at least two clients.
pub const MIN_SERVERS: usize = 4;
/// Enough clients to contend; lanes for more would not fit a screen.
pub const MAX_SERVERS: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Store,
    Storage,
    Client,
}

impl Role {
    pub fn of(id: NodeId) -> Role {
        match id {
            STORE => Role::Store,
            STORAGE => Role::Storage,
            _ => Role::Client,
        }
    }
}

/// How the lease is kept: the article's lock and three ways of making it safe.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// Set the key if it is absent; others poll. The key never expires: a holder that
    /// crashes holds it for ever.
    LockNoTtl,
    /// The key expires `ttl` after its last renewal; the holder renews it and believes it
    /// leads until told otherwise.
    #[default]
    Ttl,
    /// As `Ttl`, and every grant carries a larger token that the storage checks: a write
    /// with a token older than the newest it has seen is rejected.
    TtlFencing,
    /// As `Ttl`, and the holder stops writing when its own clock says the lease, less a
    /// margin for drift and delay, has run out.
    TtlClockBound,
}

impl Variant {
    pub const ALL: [Variant; 4] =
        [Variant::LockNoTtl, Variant::Ttl, Variant::TtlFencing, Variant::TtlClockBound];
    pub const NAMES: [&'static str; 4] = ["lock_no_ttl", "ttl", "ttl_fencing", "ttl_clock_bound"];

    pub fn name(self) -> &'static str {
        Variant::NAMES[self as usize]
    }

    /// Whether a lease runs out.
    pub fn expires(self) -> bool {
        self != Variant::LockNoTtl
    }

    /// Whether the storage checks fencing tokens.
    pub fn fences(self) -> bool {
        self == Variant::TtlFencing
    }

    /// Whether the holder watches its own clock.
    pub fn clock_bound(self) -> bool {
        self == Variant::TtlClockBound
    }
}

impl FromStr for Variant {
    type Err = String;
    fn from_str(text: &str) -> Result<Variant, String> {
        Variant::ALL.into_iter().find(|v| v.name() == text).ok_or_else(|| {
            format!("unknown lease variant `{text}`; known: {}", Variant::NAMES.join(", "))
        })
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Deliberately wrong variants, off by default; the checkers must catch each one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bugs {
    /// The store hands a new holder the token it gave the last one.
    pub reuse_token: bool,
    /// A clock-bound holder trusts its lease to the full TTL, with no margin.
    pub no_margin: bool,
    /// The store keeps its lease in memory only and forgets it when it restarts.
    pub store_forgets: bool,
}

impl Bugs {
    pub const NAMES: [&'static str; 3] = ["reuse_token", "no_margin", "store_forgets"];
    /// What each bug does and which property it breaks, in `NAMES`' order.
    pub const WHAT: [&'static str; 3] = [
        "The store gives a new holder the same token as the last one, so the storage cannot \
         tell their writes apart: breaks single writer, even with fencing.",
        "A clock-bound holder writes until its lease's full TTL on its own clock, leaving \
         nothing for the time its last write spends on the wire: breaks no write after \
         expiry.",
        "The store keeps the lease in memory only: restarted, it grants the lease again \
         under an old token while the holder still writes: breaks single writer.",
    ];

    pub fn enable(&mut self, name: &str) -> Result<(), String> {
        match name {
            "reuse_token" => self.reuse_token = true,
            "no_margin" => self.no_margin = true,
            "store_forgets" => self.store_forgets = true,
            other => {
                return Err(format!(
                    "unknown leases bug `{other}`; known: {}",
                    Bugs::NAMES.join(", ")
                ))
            }
        }
        Ok(())
    }

    pub fn enabled(&self) -> Vec<&'static str> {
        let flags = [self.reuse_token, self.no_margin, self.store_forgets];
        Bugs::NAMES.iter().zip(flags).filter(|(_, on)| *on).map(|(name, _)| *name).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeaseConfig {
    pub variant: Variant,
    /// How long a grant or renewal lasts on the store's clock.
    pub ttl: Time,
    /// How often a client asks for the lease: the holder to renew it, the others to poll.
    pub renew_every: Time,
    /// How often the holder writes.
    pub write_every: Time,
    /// What a clock-bound holder takes off its lease: room for its clock's drift and its
    /// last write's time on the wire.
    pub margin: Time,
    pub bugs: Bugs,
}

impl Default for LeaseConfig {
    fn default() -> Self {
        LeaseConfig {
            variant: Variant::default(),
            ttl: SECOND,
            renew_every: 300 * MILLI,
            write_every: 100 * MILLI,
            margin: 250 * MILLI,
            bugs: Bugs::default(),
        }
    }
}

impl LeaseConfig {
    /// Checks the parameters against each other and the cluster size.
    pub fn validate(&self, servers: usize) -> Result<(), String> {
        validate_servers(servers)?;
        self.validate_timing()
    }

    /// Checks the lease's timing.
    pub fn validate_timing(&self) -> Result<(), String> {
        let positive = [
            ("ttl", self.ttl),
            ("renew_every", self.renew_every),
            ("write_every", self.write_every),
        ];
        if let Some((name, _)) = positive.iter().find(|(_, t)| *t == 0) {
            return Err(format!("`{name}` must be longer than 0"));
        }
        if self.variant.expires() && self.renew_every >= self.ttl {
            return Err("`renew_every` must be shorter than `ttl`, or every lease runs out before its renewal".into());
        }
        if self.margin >= self.ttl {
            return Err("`margin` must be shorter than `ttl`".into());
        }
        Ok(())
    }
}

/// A store, a storage service and two to eight clients.
pub fn validate_servers(servers: usize) -> Result<(), String> {
    if !(MIN_SERVERS..=MAX_SERVERS).contains(&servers) {
        return Err(format!(
            "the leases lab runs {MIN_SERVERS} to {MAX_SERVERS} servers (a store, a storage service and clients), not {servers}"
        ));
    }
    Ok(())
}

/// The lease as the store holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    pub holder: NodeId,
    pub token: u64,
    /// On the store's clock, when it was last granted or renewed.
    pub granted_at: Time,
    /// On the store's clock; never, for the lock without a TTL.
    pub expires: Option<Time>,
}

/// A write the storage service accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredWrite {
    pub from: NodeId,
    pub token: u64,
    pub value: String,
}

/// What survives a crash: the store's lease and token counter, the storage's data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Persistent {
    pub lease: Option<Lease>,
    pub last_token: u64,
    /// The newest token the storage has seen.
    pub newest: u64,
    pub last_write: Option<StoredWrite>,
    pub accepted: u64,
    pub rejected: u64,
}

/// What a client believes about the lease.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Belief {
    pub token: u64,
    /// On its own clock, when a clock-bound holder stops writing.
    pub until: Option<Time>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timer {
    /// A client asks for the lease (renews it, or polls for it).
    Ask,
    /// The holder writes.
    Write,
}

/// A client's command: write a value while holding the lease, or give the lease back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Write(String),
    Release,
}

/// The longest value a command may write.
pub const MAX_VALUE_LEN: usize = 64;

impl FromStr for Command {
    type Err = String;
    fn from_str(text: &str) -> Result<Command, String> {
        let text = text.trim();
        if text == "release" {
            return Ok(Command::Release);
        }
        if text.is_empty() || text.len() > MAX_VALUE_LEN || text.chars().any(char::is_control) {
            return Err(format!(
                "a leases command is `release` or a value to write (1 to {MAX_VALUE_LEN} characters, e.g. `x=1`)"
            ));
        }
        Ok(Command::Write(text.to_string()))
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Write(value) => f.write_str(value),
            Command::Release => f.write_str("release"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct LeaseNode {
    pub(super) id: NodeId,
    pub(super) config: LeaseConfig,
    pub(super) persistent: Persistent,
    /// A client's belief; lost in a crash.
    pub(super) belief: Option<Belief>,
    /// A client's asks so far, and when (on its clock) it sent the latest.
    pub(super) asks: u64,
    pub(super) asked_at: Time,
    /// A client's writes so far (its periodic writes are numbered by it).
    pub(super) writes: u64,
}

impl LeaseNode {
    pub(super) fn with_persistent(
        id: NodeId,
        config: &LeaseConfig,
        persistent: Persistent,
    ) -> Self {
        LeaseNode {
            id,
            config: config.clone(),
            persistent,
            belief: None,
            asks: 0,
            asked_at: 0,
            writes: 0,
        }
    }

    pub fn id(&self) -> NodeId {
        self.id
    }

    pub fn role(&self) -> Role {
        Role::of(self.id)
    }

    pub fn config(&self) -> &LeaseConfig {
        &self.config
    }

    /// The store's lease (None on other servers).
    pub fn lease(&self) -> Option<&Lease> {
        self.persistent.lease.as_ref()
    }

    /// A client's belief.
    pub fn belief(&self) -> Option<Belief> {
        self.belief
    }

    /// The storage's count of accepted writes and the latest one.
    pub fn stored(&self) -> (u64, Option<&StoredWrite>) {
        (self.persistent.accepted, self.persistent.last_write.as_ref())
    }
}
