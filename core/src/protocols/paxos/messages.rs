//! What Basic Paxos nodes say to each other: Lamport's phases 1a/1b/2a/2b ("Paxos Made
//! Simple", §2.2–2.3), plus a rejection that tells a proposer the ballot it lost to.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use smol_str::SmolStr;

use crate::sim::NodeId;

/// A proposal number: a round, with the proposer's id to break ties, so two proposers never
/// issue the same ballot. Ordered by round, then by proposer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Ballot {
    pub round: u64,
    pub proposer: NodeId,
}

impl Ballot {
    /// Lower than any ballot a proposer issues (rounds start at 1).
    pub const MIN: Ballot = Ballot { round: 0, proposer: NodeId(0) };
}

impl fmt::Display for Ballot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.round, self.proposer)
    }
}

/// The value a client asks to have chosen: short text such as `x=1`. Held inline when it is
/// short (up to 23 bytes), not behind a shared `Arc<str>`: the threads of one model-checking
/// search clone and drop values with every node a move touches, and counting references to
/// the same few allocations from two cores cost two threads a third of their speed
/// (BENCHMARKS.md, session 35).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Value(SmolStr);

/// Values show in diagrams and narration, so they are kept short.
pub const MAX_VALUE_LEN: usize = 40;

impl FromStr for Value {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() {
            return Err("a value cannot be empty".into());
        }
        if text.chars().count() > MAX_VALUE_LEN || text.contains(char::is_control) {
            return Err(format!("a value is one line of at most {MAX_VALUE_LEN} characters"));
        }
        Ok(Value(text.into()))
    }
}

impl TryFrom<String> for Value {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Value> for String {
    fn from(value: Value) -> String {
        value.0.to_string()
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", &*self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// 1a: a proposer asks acceptors to promise to ignore ballots below `ballot`.
    Prepare { ballot: Ballot },
    /// 1b: the promise, carrying the highest-ballot proposal this acceptor has accepted.
    Promise { ballot: Ballot, accepted: Option<(Ballot, Value)> },
    /// 2a: a proposer asks acceptors to accept `value` in `ballot`.
    Accept { ballot: Ballot, value: Value },
    /// 2b: an acceptor has accepted; sent to the proposer and to every learner.
    Accepted { ballot: Ballot, value: Value },
    /// A refusal: this acceptor has promised `promised`, higher than `ballot`. Optional in
    /// the paper (§2.3 suggests it as an optimization); it lets a proposer pick a higher
    /// round next time instead of guessing.
    Nack { ballot: Ballot, promised: Ballot },
    /// A learner that has not learned the chosen value asks acceptors to re-send their 2b,
    /// and other learners what they learned
    /// (a lost 2b, or a learner that was down, would otherwise leave it behind for good).
    Query,
    /// The answer of a learner that knows: `value` was chosen. Acceptors alone may not tell
    /// (their latest acceptances can sit in different ballots).
    Chosen { value: Value },
}

impl Message {
    /// A short name for diagrams: the phase and what it carries.
    pub fn label(&self) -> &'static str {
        match self {
            Message::Prepare { .. } => "1a Prepare",
            Message::Promise { .. } => "1b Promise",
            Message::Accept { .. } => "2a Accept",
            Message::Accepted { .. } => "2b Accepted",
            Message::Nack { .. } => "Nack",
            Message::Query => "Query",
            Message::Chosen { .. } => "Chosen",
        }
    }
}
