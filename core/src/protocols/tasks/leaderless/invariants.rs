//! The leaderless task cluster's properties: SWIM's own on the membership, a member places
//! and takes over tasks only by its own view of the ring, and once faults stop every accepted
//! task completes. Two members running one task while their views disagree is not a broken
//! property here: it is the weaker consistency this kind has, and the comparison counts it.

use std::sync::OnceLock;

use super::handlers::gossip_of;
use super::rumor::{Stage, TaskRumor};
use super::state::PeerTaskNode;
use crate::protocols::gossip::{GossipInvariants, GossipNode};
use crate::sim::{Inner, Invariants, StepContext};

pub const OWN_VIEW: &str = "owner by its own view";
/// Checked once the faults have stopped (the randomized tester's settled check).
pub const ALL_COMPLETE: &str = "every accepted task completes";

#[derive(Clone, Debug)]
pub struct PeerTaskInvariants {
    gossip: GossipInvariants,
}

impl Invariants<PeerTaskNode> for PeerTaskInvariants {
    fn new(cluster_size: usize) -> Self {
        PeerTaskInvariants { gossip: GossipInvariants::new(cluster_size) }
    }

    fn properties() -> &'static [&'static str] {
        static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
        ALL.get_or_init(|| {
            let gossip = <GossipInvariants as Invariants<GossipNode>>::properties();
            gossip.iter().copied().chain([OWN_VIEW, ALL_COMPLETE]).collect()
        })
    }

    fn check(
        &mut self,
        ctx: &StepContext<'_, PeerTaskNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let members = Inner { nodes: ctx.nodes, inner: gossip_of };
        let inner = StepContext {
            step: ctx.step,
            time: ctx.time,
            nodes: &members,
            touched: ctx.touched,
            lost: ctx.lost,
            timing_faults: ctx.timing_faults,
        };
        self.gossip.check(&inner, report);
        let Some(id) = ctx.touched else { return };
        let Some(node) = ctx.nodes.node(id.index()) else { return };
        if let Some((task, owner)) = node.misplaced() {
            report(
                OWN_VIEW,
                format!("{id} started task {task}, whose key its own view gives to {owner}"),
            );
        }
    }

    fn settled(nodes: &[Option<PeerTaskNode>]) -> Result<(), String> {
        let members: Vec<Option<GossipNode>> =
            nodes.iter().map(|n| n.as_ref().map(|n| gossip_of(n).clone())).collect();
        GossipInvariants::settled(&members)?;
        for node in nodes.iter().flatten() {
            let open = node
                .gossip()
                .rumors()
                .iter()
                .filter_map(|(key, (_, value))| TaskRumor::read(key, value))
                .find(|rumor| rumor.stage == Stage::Accepted);
            if let Some(rumor) = open {
                return Err(format!(
                    "{ALL_COMPLETE}: task {} (owner {}) never completed",
                    rumor.task, rumor.owner
                ));
            }
        }
        Ok(())
    }
}
