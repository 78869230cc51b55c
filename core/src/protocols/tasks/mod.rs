//! The Tasks lab (issue #15): a cluster that does work, run two ways under one workload and
//! one fault schedule: a single leader that assigns tasks and detects failed workers by
//! heartbeat, against a leaderless cluster that places tasks by consistent hashing and
//! spreads their state by gossip (`../shared/SOURCES.md`, article B).
//!
//! This folder grows into the lab's sans-IO node. Today it holds the placement rules both
//! kinds share, in `placement.rs`: pure functions with the measurements the comparison
//! reports (keys moved when membership changes, load imbalance).

pub mod placement;
