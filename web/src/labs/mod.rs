//! The labs: one folder per protocol (its adapter to the shared views, its own charts), and
//! what they share: settings, shipped scenarios, the registry that picks one by protocol.
//! Adding a lab: see `docs/architecture.md`.

pub mod adapter;
pub mod common;
pub mod lab;
pub mod own;
pub mod registry;
pub mod settings;
pub mod settings_form;

#[cfg(feature = "gossip")]
mod gossip;
#[cfg(feature = "multipaxos")]
mod multipaxos;
#[cfg(feature = "paxos")]
mod paxos;
#[cfg(feature = "raft")]
mod raft;
