//! The labs: one folder per protocol (its adapter to the shared views, its own charts), and
//! what they share: settings, shipped scenarios, the registry that picks one by protocol.
//! Adding a lab: see `docs/architecture.md`.

pub mod adapter;
pub mod common;
pub mod lab;
pub mod lessons;
pub mod own;
pub mod registry;
pub mod settings;
pub mod settings_form;

// The Tasks lab draws its two clusters' Raft and gossip messages as those labs do, and the
// leases lab its replicated store's Raft.
#[cfg(any(feature = "gossip", feature = "tasks"))]
mod gossip;
#[cfg(feature = "leases")]
mod leases;
#[cfg(feature = "multipaxos")]
mod multipaxos;
#[cfg(feature = "paxos")]
mod paxos;
#[cfg(any(feature = "raft", feature = "tasks", feature = "leases"))]
mod raft;
#[cfg(feature = "tasks")]
mod tasks;
