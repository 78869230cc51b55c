//! Leadership transfer (dissertation §3.10): a leader asked to hand over stops taking client
//! requests, brings the target's log up to date, and tells it to campaign at once. The
//! target's side (TimeoutNow starts an election) is in `handlers.rs` with the other messages.

use super::messages::Message;
use super::state::{Role, Timer};
use super::view::Event;
use super::RaftNode;
use crate::sim::{Delay, NodeId, Out};

type RaftOut = Out<RaftNode>;

impl RaftNode {
    /// Leadership transfer (dissertation §3.10): stop taking client requests, bring `to` up
    /// to date, then send it TimeoutNow; give up after an election timeout.
    pub(super) fn begin_transfer(&mut self, to: NodeId, out: &mut RaftOut) {
        if self.role != Role::Leader || to == self.id || to.index() >= self.cluster_size {
            return;
        }
        if !self.is_voter(to) {
            return out.event(Event::TransferRefused { to });
        }
        if let Some((earlier, _)) = self.transfer {
            out.event(Event::TransferAborted { to: earlier });
        }
        self.transfer = Some((to, false));
        out.event(Event::TransferStarted { to });
        out.set_timer(Timer::Transfer, Delay::exactly(self.config.election_timeout.1));
        self.send_append_entries(to, out);
        self.maybe_send_timeout_now(out);
    }

    /// Sends TimeoutNow once the transfer's target holds the leader's whole log.
    pub(super) fn maybe_send_timeout_now(&mut self, out: &mut RaftOut) {
        let Some((to, false)) = self.transfer else { return };
        if self.match_index[to.index()] == self.last_log_index() {
            self.transfer = Some((to, true));
            self.handed_over = true;
            out.event(Event::TimeoutNowSent { to });
            out.send(to, Message::TimeoutNow { term: self.persistent.current_term });
        }
    }
}
