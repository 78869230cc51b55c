//! A member of the leaderless task cluster: a SWIM and gossip member (its membership and the
//! tasks' state), its own view of the hash ring, and the tasks it runs.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::protocols::gossip::{self, GossipConfig, GossipNode};
use crate::protocols::tasks::placement::{mod_n_owner, Ring};
use crate::protocols::tasks::task::{Task, TaskId};
use crate::sim::{NodeId, Time};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timer {
    Gossip(gossip::Timer),
    /// A run of a task ends.
    Finish(TaskId),
    /// Look over the tasks the gossip state holds: resume this member's own after a restart,
    /// take over those of members this view holds dead.
    Sweep,
}

/// How a key finds its owner among the members a view holds alive (or suspected).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hashing {
    /// A ring with `vnodes` points per member: a member's death moves only its own keys.
    #[default]
    Consistent,
    /// hash(key) mod n: the teaching contrast, where a death moves almost every key.
    ModN,
}

/// Deliberately wrong variants, off by default; the checkers must catch each one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bugs {
    /// A member places and takes over tasks by the ring it booted with, never the one its
    /// current view of the membership gives.
    pub stale_ring: bool,
}

impl Bugs {
    pub const NAMES: [&'static str; 1] = ["stale_ring"];
    pub const WHAT: [&'static str; 1] =
        ["A member keeps the ring it booted with instead of the one its view of the membership \
         gives, so it runs tasks another member owns and nobody takes a dead member's over: \
         breaks owner by its own view."];

    pub fn enable(&mut self, name: &str) -> Result<(), String> {
        match name {
            "stale_ring" => self.stale_ring = true,
            other => {
                return Err(format!(
                    "unknown leaderless Tasks bug `{other}`; known: {}",
                    Bugs::NAMES.join(", ")
                ))
            }
        }
        Ok(())
    }

    pub fn enabled(&self) -> Vec<&'static str> {
        Bugs::NAMES.iter().zip([self.stale_ring]).filter(|(_, on)| *on).map(|(n, _)| *n).collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PeerConfig {
    pub gossip: GossipConfig,
    pub hashing: Hashing,
    /// V: points per member on the ring.
    pub vnodes: usize,
    /// How often a member looks over the tasks it knows (after a restart, its own; after a
    /// death it has not yet seen, the dead member's).
    pub sweep: Time,
    pub bugs: Bugs,
}

impl Default for PeerConfig {
    fn default() -> Self {
        let gossip = GossipConfig::default();
        PeerConfig {
            sweep: gossip.probe_interval,
            gossip,
            hashing: Hashing::Consistent,
            vnodes: 64,
            bugs: Bugs::default(),
        }
    }
}

impl PeerConfig {
    /// The randomized tester's configuration for `seed`: the gossip tester's fast timings,
    /// both hashings, few and many points.
    pub fn for_fuzz_seed(seed: u64, bugs: Bugs) -> PeerConfig {
        let gossip = GossipConfig::for_fuzz_seed(seed, gossip::Bugs::default());
        PeerConfig {
            sweep: gossip.probe_interval,
            gossip,
            hashing: if seed / 16 % 2 == 0 { Hashing::Consistent } else { Hashing::ModN },
            vnodes: [1, 16, 128][(seed / 32 % 3) as usize],
            bugs,
        }
    }

    pub fn validate(&self) -> Result<(), String> {
        self.gossip.validate()?;
        if !(1..=1024).contains(&self.vnodes) {
            return Err(format!("vnodes must be from 1 to 1024, not {}", self.vnodes));
        }
        Ok(())
    }
}

/// Who owns keys in one member's view: the members it holds alive or suspected, placed by
/// the configured hashing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    pub members: Vec<NodeId>,
    /// Shared, not copied, when the simulation is cloned: at 200 members and V = 64 a ring
    /// is 12,800 points (200 KiB), and the page keeps checkpoints of the whole cluster.
    ring: Arc<Ring>,
    hashing: Hashing,
}

impl View {
    pub fn new(members: Vec<NodeId>, config: &PeerConfig) -> View {
        let ring = Arc::new(Ring::new(&members, config.vnodes));
        View { ring, members, hashing: config.hashing }
    }

    pub fn owner(&self, key: &str) -> Option<NodeId> {
        match self.hashing {
            Hashing::Consistent => self.ring.owner(key),
            Hashing::ModN => mod_n_owner(&self.members, key),
        }
    }

    pub fn ring(&self) -> &Ring {
        &self.ring
    }
}

#[derive(Clone, Debug)]
pub struct PeerTaskNode {
    pub(super) gossip: GossipNode,
    pub(super) config: PeerConfig,
    pub(super) cluster_size: usize,
    /// The ring this member places by: its current view's (or, with `stale_ring`, the one
    /// it booted with).
    pub(super) view: View,
    /// Tasks this member runs.
    pub(super) running: BTreeMap<TaskId, Task>,
    /// Tasks it dropped when it left the pool: others take them over, so it does not run
    /// them again as it joins (its gossip was deaf meanwhile and may not know yet), only
    /// at its first sweep after, if they still read as its own.
    pub(super) handed_back: BTreeSet<TaskId>,
    /// The first task it started that its current view gives to another member (only a bug
    /// does that); kept for the checker.
    pub(super) misplaced: Option<(TaskId, NodeId)>,
}

impl PeerTaskNode {
    pub fn gossip(&self) -> &GossipNode {
        &self.gossip
    }

    pub fn config(&self) -> &PeerConfig {
        &self.config
    }

    pub fn view_of_ring(&self) -> &View {
        &self.view
    }

    pub fn running(&self) -> &BTreeMap<TaskId, Task> {
        &self.running
    }

    pub fn misplaced(&self) -> Option<(TaskId, NodeId)> {
        self.misplaced
    }

    /// The members this member's gossip holds alive or suspected.
    pub fn live_members(&self) -> Vec<NodeId> {
        NodeId::all(self.cluster_size).filter(|&m| self.is_live(m)).collect()
    }

    /// Whether this member's view holds `member` alive or only suspected.
    pub fn is_live(&self, member: NodeId) -> bool {
        matches!(self.gossip.member(member).status, gossip::Status::Alive | gossip::Status::Suspect)
    }
}
