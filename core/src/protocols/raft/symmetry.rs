//! Renaming servers in Raft's states, for the model checker's symmetry reduction. Raft's
//! servers run the same code from the same start and never order one another by name, so
//! the whole cluster is symmetric when every server starts as a voter.
//!
//! Each value is taken apart field by field, with no `..`: a field added later fails to
//! compile here until someone decides whether it names a server.

use super::invariants::RaftInvariants;
use super::messages::{Entry, Membership, Message};
use super::state::{Persistent, RaftConfig, RaftNode};
use crate::model::{Rename, Renaming};
use crate::sim::NodeId;

/// The renaming functions, when `config` starts all of the `servers` as voters (with some
/// left out as learners to be added, the voters are set apart by their names).
pub(super) fn rename(config: &RaftConfig, servers: usize) -> Result<Rename<RaftNode>, String> {
    if config.voters != 0 && config.voters < servers {
        return Err(format!(
            "with only S1..S{} starting as voters, Raft's servers are not interchangeable",
            config.voters
        ));
    }
    Ok(Rename {
        node: rename_node,
        msg: rename_message,
        timer: |_, _| {},
        persistent: rename_persistent,
        record: RaftInvariants::rename,
    })
}

fn rename_node(node: &mut RaftNode, to: &Renaming) {
    let RaftNode {
        id,
        cluster_size: _,
        config: _,
        persistent,
        role: _,
        commit_index: _,
        last_applied: _,
        leader_id,
        votes,
        granted,
        pre_votes,
        leader_contact: _,
        heard_from,
        next_index,
        match_index,
        awaiting_reply,
        transfer,
        waiting_clients: _,
        pending_reads: _,
        read_round: _,
        acked_round,
        round_sent: _,
        lease_until: _,
        handed_over: _,
        leader_heard_at: _,
        campaign_for_transfer: _,
        applied_requests: _,
        kv: _,
        memberships,
        promoting,
    } = node;
    *id = to.id(*id);
    rename_persistent(persistent, to);
    rename_id(leader_id, to);
    rename_id(promoting, to);
    if let Some((target, _)) = transfer {
        *target = to.id(*target);
    }
    to.permute(votes);
    to.permute(granted);
    if let Some(pre_votes) = pre_votes {
        to.permute(pre_votes);
    }
    to.permute(heard_from);
    to.permute(next_index);
    to.permute(match_index);
    to.permute(awaiting_reply);
    to.permute(acked_round);
    for (_, membership) in memberships {
        rename_membership(membership, to);
    }
}

fn rename_persistent(persistent: &mut Persistent, to: &Renaming) {
    let Persistent { current_term: _, voted_for, log, snapshot } = persistent;
    rename_id(voted_for, to);
    rename_entries(log, to);
    if let Some(membership) = &mut snapshot.membership {
        rename_membership(membership, to);
    }
}

fn rename_message(msg: &mut Message, to: &Renaming) {
    match msg {
        Message::AppendEntries { entries, .. } => rename_entries(entries, to),
        #[cfg(feature = "raft-snapshots")]
        Message::InstallSnapshot { snapshot, .. } => {
            if let Some(membership) = &mut snapshot.membership {
                rename_membership(membership, to);
            }
        }
        // The sender is the envelope's, so no other message names a server.
        Message::RequestVote { .. }
        | Message::RequestVoteReply { .. }
        | Message::PreVote { .. }
        | Message::PreVoteReply { .. }
        | Message::AppendEntriesReply { .. }
        | Message::ClientForward { .. }
        | Message::TimeoutNow { .. } => {}
        #[cfg(feature = "raft-snapshots")]
        Message::InstallSnapshotReply { .. } => {}
    }
}

fn rename_entries(entries: &mut [Entry], to: &Renaming) {
    for entry in entries {
        entry.rename(to);
    }
}

fn rename_membership(membership: &mut Membership, to: &Renaming) {
    *membership = membership.renamed(to);
}

fn rename_id(id: &mut Option<NodeId>, to: &Renaming) {
    if let Some(id) = id {
        *id = to.id(*id);
    }
}
