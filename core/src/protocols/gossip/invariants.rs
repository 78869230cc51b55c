//! SWIM's checks, after every step and once faults stop:
//!
//! - no false death: on a network that has lost no message, no member that is up (and has
//!   never crashed or left) is ever confirmed dead;
//! - once faults stop, every live member sees every other live member alive, and every live
//!   member holds the same rumors.
//!
//! Watching every step, it also notes the latest rumor written anywhere and when, which the
//! page follows (a metric, not a property).

use super::messages::{Rumor, Status};
use super::state::GossipNode;
use crate::sim::{Invariants, StepContext, Time};

pub const NO_FALSE_DEATH: &str = "no false death";

#[derive(Clone, Debug, Default)]
pub struct GossipInvariants {
    newest: Option<(Rumor, Time)>,
}

impl GossipInvariants {
    /// The latest rumor a client wrote, anywhere, and when.
    pub fn newest_write(&self) -> Option<&(Rumor, Time)> {
        self.newest.as_ref()
    }
}

impl Invariants<GossipNode> for GossipInvariants {
    fn new(_cluster_size: usize) -> Self {
        GossipInvariants::default()
    }

    fn properties() -> &'static [&'static str] {
        &[NO_FALSE_DEATH]
    }

    fn check(
        &mut self,
        ctx: &StepContext<'_, GossipNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let Some(id) = ctx.touched else { return };
        let Some(node) = ctx.nodes.node(id.index()) else { return };
        if let Some(rumor) = node.wrote() {
            self.newest = Some((rumor.clone(), ctx.time));
        }
        let Some(member) = node.declared() else { return };
        let Some(target) = ctx.nodes.node(member.index()) else {
            return;
        };
        let timely = ctx.lost == 0 && ctx.timing_faults == 0;
        if timely && target.restarts() == 0 && !target.has_left() {
            report(
                NO_FALSE_DEATH,
                format!(
                    "{id} confirmed {member} dead, but {member} is up, no message was ever lost, and no server paused or had its clock changed"
                ),
            );
        }
    }

    fn settled(nodes: &[Option<GossipNode>]) -> Result<(), String> {
        let live: Vec<&GossipNode> = nodes.iter().flatten().filter(|n| !n.has_left()).collect();
        for a in &live {
            for b in &live {
                let status = a.member(b.id()).status;
                if a.id() != b.id() && status != Status::Alive {
                    return Err(format!("{} still sees {} as {status:?}", a.id(), b.id()));
                }
            }
        }
        if let Some(first) = live.first() {
            if let Some(behind) = live.iter().find(|n| n.rumors() != first.rumors()) {
                return Err(format!("{} and {} hold different rumors", first.id(), behind.id()));
            }
        }
        Ok(())
    }
}
