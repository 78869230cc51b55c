//! The leases lab's three kinds of server and what each keeps: the lock store hands out one
//! lease (one server, S1, or as an option S1..Sk replicating it with Raft); the storage
//! service, the server after the store's, takes the holder's writes; every other server is a
//! client that wants to lead, and writes while it believes it does.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::protocols::raft::{self, RaftNode};
use crate::sim::{Node, NodeId, Time, MILLI, SECOND};

/// The lock store (with replicas, the first of them): the coordination service that holds
/// the `leader` key.
pub const STORE: NodeId = NodeId(0);
/// A store, a storage service and at least two clients.
pub const MIN_SERVERS: usize = 4;
/// Enough clients to contend; lanes for more would not fit a screen.
pub const MAX_SERVERS: usize = 10;
/// How many servers may replicate the store: one, or a Raft group of three or five (an even
/// number adds a server without adding a failure it survives).
pub const STORE_REPLICAS: [usize; 3] = [1, 3, 5];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Store,
    Storage,
    Client,
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
    /// A replicated store's new leader takes the lease it inherits as already expired.
    pub failover_frees: bool,
}

impl Bugs {
    pub const NAMES: [&'static str; 4] =
        ["reuse_token", "no_margin", "store_forgets", "failover_frees"];
    /// What each bug does and which property it breaks, in `NAMES`' order.
    pub const WHAT: [&'static str; 4] = [
        "The store gives a new holder the same token as the last one, so the storage cannot \
         tell their writes apart: breaks single writer, even with fencing.",
        "A clock-bound holder writes until its lease's full TTL on its own clock, leaving \
         nothing for the time its last write spends on the wire: breaks no write after \
         expiry.",
        "The store keeps the lease in memory only: restarted, it grants the lease again \
         under an old token while the holder still writes: breaks single writer.",
        "With the store replicated by Raft, a new store leader cannot know when the lease it \
         inherits was last renewed, and takes it as expired instead of waiting a TTL: it \
         grants the lease while the old holder still has it: breaks one lease at a time.",
    ];

    pub fn enable(&mut self, name: &str) -> Result<(), String> {
        match name {
            "reuse_token" => self.reuse_token = true,
            "no_margin" => self.no_margin = true,
            "store_forgets" => self.store_forgets = true,
            "failover_frees" => self.failover_frees = true,
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
        let flags = [self.reuse_token, self.no_margin, self.store_forgets, self.failover_frees];
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
    /// Servers that hold the store: 1, or 3 or 5 replicating it with Raft (S1..Sk).
    #[serde(default = "one_store")]
    pub store_replicas: usize,
    pub bugs: Bugs,
}

fn one_store() -> usize {
    1
}

impl Default for LeaseConfig {
    fn default() -> Self {
        LeaseConfig {
            variant: Variant::default(),
            ttl: SECOND,
            renew_every: 300 * MILLI,
            write_every: 100 * MILLI,
            margin: 250 * MILLI,
            store_replicas: 1,
            bugs: Bugs::default(),
        }
    }
}

impl LeaseConfig {
    /// Checks the parameters against each other and the cluster size.
    pub fn validate(&self, servers: usize) -> Result<(), String> {
        validate_servers(servers, self.store_replicas)?;
        self.validate_timing()
    }

    /// Which kind of server `id` is: the store's servers come first, then the storage.
    pub fn role(&self, id: NodeId) -> Role {
        match id.index() {
            i if i < self.store_replicas => Role::Store,
            i if i == self.store_replicas => Role::Storage,
            _ => Role::Client,
        }
    }

    /// The storage service the leader writes to.
    pub fn storage(&self) -> NodeId {
        NodeId(self.store_replicas as u32)
    }

    /// Whether Raft replicates the store.
    pub fn replicated(&self) -> bool {
        self.store_replicas > 1
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

/// The store's servers, a storage service and at least two clients, ten servers at most.
pub fn validate_servers(servers: usize, store_replicas: usize) -> Result<(), String> {
    validate_store_replicas(store_replicas)?;
    let least = MIN_SERVERS - 1 + store_replicas;
    if !(least..=MAX_SERVERS).contains(&servers) {
        let store = match store_replicas {
            1 => "a store".to_string(),
            k => format!("{k} store replicas"),
        };
        return Err(format!(
            "the leases lab with {store} runs {least} to {MAX_SERVERS} servers ({store}, a storage service and at least two clients), not {servers}"
        ));
    }
    Ok(())
}

pub fn validate_store_replicas(store_replicas: usize) -> Result<(), String> {
    if !STORE_REPLICAS.contains(&store_replicas) {
        return Err(format!(
            "the store runs on 1 server, or on 3 or 5 replicating it with Raft, not {store_replicas}"
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

/// What survives a crash: the store's lease and token counter, the storage's data, a store
/// replica's Raft state (its lease is rebuilt from its log).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Persistent {
    pub lease: Option<Lease>,
    pub last_token: u64,
    /// The newest token given back (what tells a release from a store that forgot).
    pub released: u64,
    /// The newest token the storage has seen.
    pub newest: u64,
    pub last_write: Option<StoredWrite>,
    pub accepted: u64,
    pub rejected: u64,
    pub raft: Option<raft::Persistent>,
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
    /// A store replica's Raft timers.
    Raft(raft::Timer),
}

/// The Raft a replicated store runs: pre-vote and check-quorum, so that a replica cut off
/// from the others neither disrupts them when it returns nor goes on telling clients it
/// leads; a no-op from each new leader, whose commit tells it its lease is current; no
/// compaction, as each replica rebuilds its lease from its log.
pub fn raft_config() -> raft::RaftConfig {
    raft::RaftConfig {
        pre_vote: true,
        check_quorum: true,
        leader_noop: true,
        snapshot_threshold: 0,
        ..raft::RaftConfig::default()
    }
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
    /// The store server a client asks, whether its latest ask was answered, and how often
    /// it has been redirected since its ask timer last fired.
    pub(super) store: NodeId,
    pub(super) answered: bool,
    pub(super) redirects: u8,
    /// A store replica's Raft server, and how far its log is applied to its lease.
    /// Boxed: only a replica has one, and inline it would make every server five times
    /// larger.
    pub(super) raft: Option<Box<RaftNode>>,
    pub(super) applied: u64,
    /// The log index of the entry that last changed a replica's lease (0: none yet).
    pub(super) lease_index: u64,
    /// The term in which this replica took over the lease as the store's leader.
    pub(super) leading_term: Option<u64>,
    /// Asks that reached a new leader before it took over: answered once it has.
    pub(super) waiting: Vec<(NodeId, u64)>,
}

impl LeaseNode {
    pub(super) fn with_persistent(
        id: NodeId,
        config: &LeaseConfig,
        mut persistent: Persistent,
    ) -> Self {
        let raft = (config.replicated() && config.role(id) == Role::Store).then(|| {
            let saved = persistent.raft.take().unwrap_or_default();
            Box::new(RaftNode::recover(id, config.store_replicas, &raft_config(), saved))
        });
        LeaseNode {
            id,
            config: config.clone(),
            persistent,
            belief: None,
            asks: 0,
            asked_at: 0,
            writes: 0,
            store: STORE,
            answered: true,
            redirects: 0,
            raft,
            applied: 0,
            lease_index: 0,
            leading_term: None,
            waiting: Vec::new(),
        }
    }

    pub fn id(&self) -> NodeId {
        self.id
    }

    pub fn role(&self) -> Role {
        self.config.role(self.id)
    }

    pub fn config(&self) -> &LeaseConfig {
        &self.config
    }

    /// The store's lease (None on other servers); a replica's as far as it has applied its
    /// log.
    pub fn lease(&self) -> Option<&Lease> {
        self.persistent.lease.as_ref()
    }

    /// The newest token the store has seen given back.
    pub fn released(&self) -> u64 {
        self.persistent.released
    }

    /// A store replica's Raft server.
    pub fn raft(&self) -> Option<&RaftNode> {
        self.raft.as_deref()
    }

    /// Whether this server speaks for the store, and in which Raft term: the single store
    /// always (term 0), a replica while it leads and has taken over the lease.
    pub fn store_term(&self) -> Option<u64> {
        match &self.raft {
            None => (self.role() == Role::Store).then_some(0),
            Some(raft) => self.leading_term.filter(|&t| t == raft.current_term()),
        }
    }

    /// The store server a client asks.
    pub fn asks_store(&self) -> NodeId {
        self.store
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
