//! What travels between the lock store, the clients and the storage service, and between a
//! replicated store's servers (Raft's messages).

use serde::{Deserialize, Serialize};

use crate::protocols::raft;
use crate::sim::NodeId;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// A client asks the store for the lease, or (as its holder) to renew it. `ask` numbers
    /// the client's requests, so it knows which of its asks an answer answers.
    Acquire {
        ask: u64,
    },
    /// The store gives the lease (or renews it) under fencing token `token`.
    Granted {
        ask: u64,
        token: u64,
    },
    /// The lease is someone else's.
    Taken {
        ask: u64,
        holder: NodeId,
        token: u64,
    },
    /// The holder gives the lease back.
    Release {
        token: u64,
    },
    /// A client that believes it holds lease `token` writes to the storage service.
    Write {
        token: u64,
        value: String,
    },
    Accepted {
        token: u64,
    },
    /// The storage has seen a newer token (only when it checks them: fencing).
    Rejected {
        token: u64,
        newest: u64,
    },
    /// A store replica that does not lead: ask `leader` (if it knows one) instead.
    Redirect {
        ask: u64,
        leader: Option<NodeId>,
    },
    /// Between a replicated store's servers. Raft's messages carry their own `type`, so
    /// they travel untagged (no lease message shares a name with one). Boxed: inline, the
    /// largest of them would triple every lease message's size (32 bytes to 104), and the
    /// one-server store, which sends none, was a third slower for it.
    #[serde(untagged)]
    Raft(Box<raft::Message>),
}
