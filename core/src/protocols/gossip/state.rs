//! A gossip node: its view of every member (status and incarnation), the rumors it knows,
//! what it still has to pass on, and its probe in progress. Parameters are named and
//! defaulted as in HashiCorp memberlist's LAN configuration.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::messages::{Rumor, Status, Update, Version};
use crate::sim::{NodeId, Time, MILLI, SECOND};

/// What survives a crash: the incarnation and the highest version counter this node has
/// written (so a restarted node reuses neither), and how many times it has started.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Persistent {
    pub incarnation: u64,
    pub written: u64,
    pub lives: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timer {
    /// End the protocol period (suspecting the member probed if no ack came) and start
    /// the next: ping the next member.
    Probe,
    /// The direct ping went unanswered this long: ask others to probe (ping-req).
    ProbeTimeout,
    /// Gossip to `fanout` random members.
    Gossip,
    /// Anti-entropy: exchange the whole state with one random member.
    Sync,
    /// A suspected member had this long to refute; it is now confirmed dead.
    Suspicion(NodeId),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Push,
    Pull,
    #[default]
    PushPull,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Push, Mode::Pull, Mode::PushPull];

    /// The name in scenario files and links (as serde writes it).
    pub const fn key(self) -> &'static str {
        match self {
            Mode::Push => "push",
            Mode::Pull => "pull",
            Mode::PushPull => "push_pull",
        }
    }

    /// The name for people.
    pub const fn name(self) -> &'static str {
        match self {
            Mode::PushPull => "push-pull",
            other => other.key(),
        }
    }

    /// Reads a mode by its key or its name (`push_pull` or `push-pull`).
    pub fn from_key(text: &str) -> Result<Mode, String> {
        Mode::ALL
            .into_iter()
            .find(|m| m.key() == text || m.name() == text)
            .ok_or_else(|| format!("`{text}` is not a gossip mode: push, pull or push_pull"))
    }
}

/// Deliberately wrong variants, off by default; the checkers must catch each one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bugs {
    /// A node that hears it is suspected (or dead) does not refute with a higher incarnation.
    pub no_refutation: bool,
    /// One missed ack confirms a member dead at once: no ping-req, no suspicion.
    pub skip_suspicion: bool,
}

impl Bugs {
    pub const NAMES: [&'static str; 2] = ["no_refutation", "skip_suspicion"];
    /// What each bug does and which property it breaks, in `NAMES`' order.
    pub const WHAT: [&'static str; 2] = [
        "A member that hears it is suspected does not refute with a higher incarnation, so \
         once wrongly suspected it stays dead to the others: breaks convergence after a heal.",
        "One missed ack confirms a member dead at once, with no ping-req and no suspicion, so \
         live members are declared dead under loss: breaks no false death.",
    ];

    pub fn enable(&mut self, name: &str) -> Result<(), String> {
        match name {
            "no_refutation" => self.no_refutation = true,
            "skip_suspicion" => self.skip_suspicion = true,
            other => {
                return Err(format!(
                    "unknown gossip bug `{other}`; known: {}",
                    Bugs::NAMES.join(", ")
                ))
            }
        }
        Ok(())
    }

    pub fn enabled(&self) -> Vec<&'static str> {
        let flags = [self.no_refutation, self.skip_suspicion];
        Bugs::NAMES.iter().zip(flags).filter(|(_, on)| *on).map(|(name, _)| *name).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GossipConfig {
    pub mode: Mode,
    /// Members each gossip round talks to (memberlist's GossipNodes).
    pub fanout: usize,
    pub gossip_interval: Time,
    pub probe_interval: Time,
    pub probe_timeout: Time,
    /// The suspicion timeout is this many probe intervals, times log10 of the cluster size
    /// (at least 1).
    pub suspicion_mult: u64,
    /// Members asked to probe indirectly (ping-req) when a direct ping fails.
    pub indirect_checks: usize,
    /// Each update and rumor is passed on this many times log10(n + 1) (rounded up).
    pub retransmit_mult: u64,
    /// Anti-entropy period up to 32 members (`sync_period` stretches it above); memberlist's
    /// push/pull interval is 30 s, shorter here so a demonstration converges while one watches.
    pub sync_interval: Time,
    /// Every node gossips at the same instants, as in the synchronous rounds the epidemic
    /// model assumes; off, each node's rounds start at a random phase, as in a deployment.
    pub aligned_rounds: bool,
    pub bugs: Bugs,
}

impl Default for GossipConfig {
    fn default() -> Self {
        GossipConfig {
            mode: Mode::PushPull,
            fanout: 3,
            gossip_interval: 200 * MILLI,
            probe_interval: SECOND,
            probe_timeout: 500 * MILLI,
            suspicion_mult: 4,
            indirect_checks: 3,
            retransmit_mult: 4,
            sync_interval: 10 * SECOND,
            aligned_rounds: false,
            bugs: Bugs::default(),
        }
    }
}

impl GossipConfig {
    /// Faster timings for the randomized tester: a 3 s heal is many protocol periods.
    pub fn for_fuzz(bugs: Bugs) -> GossipConfig {
        GossipConfig {
            gossip_interval: 50 * MILLI,
            probe_interval: 200 * MILLI,
            probe_timeout: 100 * MILLI,
            sync_interval: 500 * MILLI,
            bugs,
            ..GossipConfig::default()
        }
    }

    /// The tester's configuration for `seed`: fast timings, and each gossip mode in turn.
    pub fn for_fuzz_seed(seed: u64, bugs: Bugs) -> GossipConfig {
        let mode = [Mode::PushPull, Mode::Push, Mode::Pull][(seed / 2 % 3) as usize];
        GossipConfig { mode, ..GossipConfig::for_fuzz(bugs) }
    }

    pub fn validate(&self) -> Result<(), String> {
        // Below a millisecond a large cluster makes millions of events per virtual second;
        // above ten minutes nothing happens while anyone watches.
        let intervals = [
            ("gossip_interval", self.gossip_interval),
            ("probe_interval", self.probe_interval),
            ("probe_timeout", self.probe_timeout),
            ("sync_interval", self.sync_interval),
        ];
        for (name, interval) in intervals {
            if !(MILLI..=600 * SECOND).contains(&interval) {
                return Err(format!("{name} must be from 1 ms to 10 min"));
            }
        }
        if self.probe_timeout >= self.probe_interval {
            return Err("probe_timeout must be shorter than probe_interval".into());
        }
        if self.fanout == 0 || self.suspicion_mult == 0 || self.retransmit_mult == 0 {
            return Err("fanout, suspicion_mult and retransmit_mult must be at least 1".into());
        }
        Ok(())
    }

    /// How long a suspected member has to refute before it is confirmed dead.
    pub fn suspicion_timeout(&self, n: usize) -> Time {
        let scale = (n.max(1) as f64).log10().max(1.0);
        (self.suspicion_mult as f64 * scale * self.probe_interval as f64) as Time
    }

    /// The anti-entropy period for a cluster of `n`: `sync_interval`, stretched as memberlist
    /// stretches its push/pull interval above 32 members (by 1 + ceil(log2 n − log2 32)), so
    /// whole-state exchanges do not grow with the square of the cluster.
    pub fn sync_period(&self, n: usize) -> Time {
        const SCALE_ABOVE: f64 = 32.0;
        let n = n as f64;
        let scale =
            if n <= SCALE_ABOVE { 1.0 } else { (n.log2() - SCALE_ABOVE.log2()).ceil() + 1.0 };
        (self.sync_interval as f64 * scale) as Time
    }

    /// How many times an update or a rumor is passed on before it goes cold.
    pub fn retransmits(&self, n: usize) -> u32 {
        (self.retransmit_mult as f64 * ((n + 1) as f64).log10().ceil()).max(1.0) as u32
    }
}

/// One member as this node sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    pub status: Status,
    pub incarnation: u64,
}

/// The probe of the current protocol period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Probe {
    pub seq: u64,
    pub target: NodeId,
    pub acked: bool,
}

#[derive(Clone, Debug)]
pub struct GossipNode {
    pub(super) id: NodeId,
    pub(super) config: GossipConfig,
    pub(super) persistent: Persistent,
    pub(super) members: Vec<Member>,
    pub(super) rumors: BTreeMap<Arc<str>, (Version, Arc<str>)>,
    /// Rumors still being spread, with the rounds left.
    pub(super) hot: BTreeMap<Arc<str>, u32>,
    /// Membership updates still being piggybacked, with the sends left.
    pub(super) outbox: BTreeMap<NodeId, (Update, u32)>,
    pub(super) probe: Option<Probe>,
    pub(super) next_seq: u64,
    /// Where the round-robin probe order stands.
    pub(super) probe_cursor: usize,
    /// Pings sent for another member's ping-req: my seq → (who asked, their seq).
    pub(super) relays: BTreeMap<u64, (NodeId, u64)>,
    pub(super) suspecting: BTreeSet<NodeId>,
    pub(super) left: bool,
    /// The member this node confirmed dead in its latest step, for the checker.
    pub(super) declared: Option<NodeId>,
    /// The rumor a client wrote here in this node's latest step, for the checker.
    pub(super) wrote: Option<Rumor>,
}

impl GossipNode {
    pub(super) fn with_persistent(
        id: NodeId,
        n: usize,
        config: &GossipConfig,
        persistent: Persistent,
    ) -> Self {
        let mut members = vec![Member { status: Status::Alive, incarnation: 0 }; n];
        members[id.index()].incarnation = persistent.incarnation;
        GossipNode {
            id,
            config: config.clone(),
            persistent,
            members,
            rumors: BTreeMap::new(),
            hot: BTreeMap::new(),
            outbox: BTreeMap::new(),
            probe: None,
            next_seq: 0,
            probe_cursor: id.index(),
            relays: BTreeMap::new(),
            suspecting: BTreeSet::new(),
            left: false,
            declared: None,
            wrote: None,
        }
    }

    pub fn id(&self) -> NodeId {
        self.id
    }

    pub fn config(&self) -> &GossipConfig {
        &self.config
    }

    pub fn incarnation(&self) -> u64 {
        self.persistent.incarnation
    }

    /// How many times this node has been restarted after a crash.
    pub fn restarts(&self) -> u64 {
        self.persistent.lives
    }

    pub fn has_left(&self) -> bool {
        self.left
    }

    pub fn member(&self, id: NodeId) -> Member {
        self.members[id.index()]
    }

    pub fn members(&self) -> &[Member] {
        &self.members
    }

    pub fn rumors(&self) -> &BTreeMap<Arc<str>, (Version, Arc<str>)> {
        &self.rumors
    }

    /// Members this node suspects and has not yet confirmed dead.
    pub fn suspecting(&self) -> &BTreeSet<NodeId> {
        &self.suspecting
    }

    pub fn probe(&self) -> Option<Probe> {
        self.probe
    }

    pub fn wrote(&self) -> Option<&Rumor> {
        self.wrote.as_ref()
    }

    pub fn declared(&self) -> Option<NodeId> {
        self.declared
    }
}
