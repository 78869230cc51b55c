//! The deterministic simulator: virtual time, one event queue, a network model with faults,
//! crash/restart with persistent state, a trace, checkers after every step, and a timeline that
//! rewinds by checkpoint + replay.
//!
//! Protocols plug in through [`Node`]: a sans-IO state machine that reacts to inputs by writing
//! outputs into an [`Out`] buffer. The simulator owns everything else.

mod action;
pub mod action_code;
mod check;
mod clock;
mod decimal;
pub mod fuzz;
mod id;
mod narration;
mod network;
mod node;
mod queue;
mod time;
mod timeline;
mod trace;
mod world;

pub use action::{
    validate_drift, validate_jump, validate_pause, Action, Fate, MemberChange, Target, TimedAction,
};
pub use check::{Inner, Invariants, Nodes, StepContext, Violation};
pub use clock::{format_drift, parse_drift, Clock, MAX_CLOCK_STEP, MAX_DRIFT_PPM};
pub use decimal::parse_decimal;
pub use id::NodeId;
pub use narration::{Arg, Line, Value};
pub use network::{validate_latency, validate_probability, DropReason, NetworkParams};
pub use node::{ClientRequest, Delay, Embeds, Node, Out, Output};
pub use time::{format_time, parse_signed_time, parse_time, Time, MILLI, SECOND};
pub use timeline::{LoggedAction, Retention, Timeline};
pub use trace::{Projection, Record, RecordKind};
pub use world::{InFlight, Sim, SimConfig};
