//! What travels between the lock store, the clients and the storage service.

use serde::{Deserialize, Serialize};

use crate::sim::NodeId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}
