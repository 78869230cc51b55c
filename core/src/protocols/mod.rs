//! Pure protocol state machines. Each folder has the same shape: `messages`, `state`
//! (persistent vs volatile), `handlers`, `invariants`, and `view` (what a UI may show).

pub mod about;
pub mod gossip;
pub mod kv;
pub mod leases;
pub mod multipaxos;
pub mod paxos;
pub mod raft;
pub mod tasks;
