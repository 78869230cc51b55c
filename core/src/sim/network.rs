//! The network model: per-link latency ranges, loss, duplication, symmetric partitions and
//! one-way cuts. Reordering is not a separate knob: it follows from latency jitter, since each
//! copy of a message draws its own latency.

use serde::{Deserialize, Serialize};

use super::id::NodeId;
use super::time::{Time, MILLI};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkParams {
    /// One-way latency range, drawn uniformly per message copy.
    pub latency: (Time, Time),
    /// Probability that a message is lost.
    pub loss: f64,
    /// Probability that a delivered message is delivered twice.
    pub duplicate: f64,
}

impl Default for NetworkParams {
    fn default() -> Self {
        NetworkParams { latency: (5 * MILLI, 15 * MILLI), loss: 0.0, duplicate: 0.0 }
    }
}

impl NetworkParams {
    /// Checks ranges a person could get wrong in a scenario or a URL.
    pub fn validate(&self) -> Result<(), String> {
        validate_probability("loss", self.loss)?;
        validate_probability("duplicate", self.duplicate)?;
        validate_latency(self.latency)
    }
}

pub fn validate_probability(name: &str, p: f64) -> Result<(), String> {
    if (0.0..=1.0).contains(&p) {
        Ok(())
    } else {
        Err(format!("{name} must be a probability between 0 and 1, not {p}"))
    }
}

/// Latency above a minute is almost certainly a unit mistake; it would also stall a visual run.
pub fn validate_latency((min, max): (Time, Time)) -> Result<(), String> {
    const LIMIT: Time = 60 * super::time::SECOND;
    if min > max {
        Err(format!(
            "latency range is reversed: {} > {}",
            super::time::format_time(min),
            super::time::format_time(max)
        ))
    } else if max > LIMIT {
        Err(format!("latency above 60s is not supported (got {})", super::time::format_time(max)))
    } else {
        Ok(())
    }
}

/// Why a message never arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// Random loss.
    Loss,
    /// The link is cut by a partition or a one-way cut.
    Partition,
    /// The receiver is down (it crashed with the message queued or in flight).
    NodeDown,
    /// A person dropped this message by hand.
    Manual,
}

/// Which links are up, and the parameters of each.
#[derive(Clone, Debug)]
pub(crate) struct Network {
    pub params: NetworkParams,
    size: usize,
    /// Partition group of each node; nodes talk only within a group.
    group: Vec<u32>,
    /// `cut[from * size + to]`: messages from → to are dropped.
    cut: Vec<bool>,
    /// Per-link latency overrides, same indexing as `cut`.
    link_latency: Vec<Option<(Time, Time)>>,
}

impl Network {
    pub fn new(size: usize, params: NetworkParams) -> Self {
        Network {
            params,
            size,
            group: vec![0; size],
            cut: vec![false; size * size],
            link_latency: vec![None; size * size],
        }
    }

    pub fn link_up(&self, from: NodeId, to: NodeId) -> bool {
        self.group[from.index()] == self.group[to.index()]
            && !self.cut[from.index() * self.size + to.index()]
    }

    pub fn latency(&self, from: NodeId, to: NodeId) -> (Time, Time) {
        self.link_latency[from.index() * self.size + to.index()].unwrap_or(self.params.latency)
    }

    /// Splits the cluster into `groups`; nodes not named form one more group together.
    pub fn partition(&mut self, groups: &[Vec<NodeId>]) {
        let rest = groups.len() as u32 + 1;
        self.group.iter_mut().for_each(|g| *g = rest);
        for (number, members) in groups.iter().enumerate() {
            for node in members {
                self.group[node.index()] = number as u32 + 1;
            }
        }
    }

    pub fn cut(&mut self, from: NodeId, to: NodeId) {
        self.cut[from.index() * self.size + to.index()] = true;
    }

    /// Removes every partition and cut. Loss, duplication and latency stay as they are.
    pub fn heal(&mut self) {
        self.group.iter_mut().for_each(|g| *g = 0);
        self.cut.iter_mut().for_each(|c| *c = false);
    }

    pub fn set_link_latency(&mut self, from: NodeId, to: NodeId, latency: (Time, Time)) {
        self.link_latency[from.index() * self.size + to.index()] = Some(latency);
    }

    /// Partition group per node (0 when the network is whole), for views.
    pub fn groups(&self) -> &[u32] {
        &self.group
    }

    /// The one-way cuts currently in force, in order.
    pub fn cuts(&self) -> impl Iterator<Item = (NodeId, NodeId)> + '_ {
        self.cut
            .iter()
            .enumerate()
            .filter(|(_, &c)| c)
            .map(|(i, _)| (NodeId((i / self.size) as u32), NodeId((i % self.size) as u32)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_cut_across_groups_and_heal_restores() {
        let mut net = Network::new(5, NetworkParams::default());
        let s = |i| NodeId(i);
        net.partition(&[vec![s(0), s(1)]]);
        assert!(net.link_up(s(0), s(1)));
        assert!(net.link_up(s(2), s(4)), "unnamed nodes share the remaining group");
        assert!(!net.link_up(s(0), s(2)));
        assert!(!net.link_up(s(3), s(1)));
        net.heal();
        assert!(net.link_up(s(0), s(2)));
    }

    #[test]
    fn cuts_are_one_way() {
        let mut net = Network::new(3, NetworkParams::default());
        net.cut(NodeId(0), NodeId(2));
        assert!(!net.link_up(NodeId(0), NodeId(2)));
        assert!(net.link_up(NodeId(2), NodeId(0)));
        assert_eq!(net.cuts().collect::<Vec<_>>(), vec![(NodeId(0), NodeId(2))]);
    }

    #[test]
    fn validation_names_the_problem() {
        let bad = NetworkParams { loss: 1.5, ..NetworkParams::default() };
        assert!(bad.validate().unwrap_err().contains("loss"));
        let reversed = NetworkParams { latency: (10, 5), ..NetworkParams::default() };
        assert!(reversed.validate().unwrap_err().contains("reversed"));
    }
}
