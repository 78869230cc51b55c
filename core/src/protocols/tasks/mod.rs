//! The Tasks lab (issue #15): a cluster that does work, run two ways under one workload and
//! one fault schedule: a single leader that assigns tasks and detects failed workers by
//! heartbeat, against a leaderless cluster that places tasks by consistent hashing and
//! spreads their state by gossip (`../shared/SOURCES.md`, article B).
//!
//! `task.rs` is the work both kinds take; `placement.rs` the placement rules both share,
//! with the measurements the comparison reports (keys moved when membership changes, load
//! imbalance); `leader/` the single-leader kind, built on the Raft core.

pub mod leader;
pub mod leaderless;
pub mod placement;
pub mod task;
