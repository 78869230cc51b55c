//! The store replicated by Raft (`store_replicas` 3 or 5): S1..Sk each run the Raft core
//! unchanged inside, and the lease is what their logs say. Only the leader decides, on its
//! own clock, whether the lease is free; it proposes its decision as a log entry and answers
//! the client once the entry has committed, so a leader cut off from the others, or deposed
//! without knowing it, grants nothing. A new leader cannot know when the lease it inherits
//! was last renewed, so it counts a whole TTL from when it took over.

use std::fmt;
use std::str::FromStr;

use super::handlers::Decision;
use super::messages::Message;
use super::state::LeaseNode;
use super::view::Event;
use crate::protocols::kv;
use crate::protocols::raft::{self, Role as RaftRole};
use crate::sim::{ClientRequest, Node, NodeId, Out};

type LeaseOut = Out<LeaseNode>;

/// The one key the store's log writes.
const LEASE_KEY: &str = "lease";

/// Ids of the store's own Raft proposals; Raft tells their outcome only in events this lab
/// leaves out.
const INTERNAL_REQUEST: u64 = u64::MAX;

/// A change to the lease as the leader proposes it and every replica applies it. A grant
/// names the entry that last changed the lease when the leader decided it was free, and
/// takes effect only if none has changed it since: two clients asked at once, or the holder's
/// renewal was still on its way to a majority while the leader saw the lease run out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Change {
    /// Grant the lease to `to` under `token`, if the entry at log index `after` (0: none)
    /// is still the last to have changed it.
    Grant {
        to: NodeId,
        token: u64,
        ask: u64,
        after: u64,
    },
    Renew {
        to: NodeId,
        token: u64,
        ask: u64,
    },
    Release {
        by: NodeId,
        token: u64,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Grant { to, token, ask, after } => {
                write!(f, "grant {to} {token} {ask} {after}")
            }
            Change::Renew { to, token, ask } => write!(f, "renew {to} {token} {ask}"),
            Change::Release { by, token } => write!(f, "release {by} {token}"),
        }
    }
}

impl FromStr for Change {
    type Err = String;
    fn from_str(text: &str) -> Result<Change, String> {
        let words: Vec<&str> = text.split(' ').collect();
        let id = |i: usize| words.get(i).ok_or("too short")?.parse::<NodeId>();
        let number = |i: usize| {
            let word = words.get(i).ok_or("too short")?;
            word.parse::<u64>().map_err(|e| format!("`{word}`: {e}"))
        };
        match (words.first().copied(), words.len()) {
            (Some("grant"), 5) => Ok(Change::Grant {
                to: id(1)?,
                token: number(2)?,
                ask: number(3)?,
                after: number(4)?,
            }),
            (Some("renew"), 4) => {
                Ok(Change::Renew { to: id(1)?, token: number(2)?, ask: number(3)? })
            }
            (Some("release"), 3) => Ok(Change::Release { by: id(1)?, token: number(2)? }),
            _ => Err(format!("`{text}` is not a lease change")),
        }
    }
}

impl Change {
    fn to_command(self) -> kv::Command {
        kv::Command::Set { key: LEASE_KEY.into(), value: self.to_string().into() }
    }

    fn from_command(command: &kv::Command) -> Option<Change> {
        match command {
            kv::Command::Set { key, value } if &**key == LEASE_KEY => value.parse().ok(),
            _ => None,
        }
    }
}

impl LeaseNode {
    /// A replica's share of a message: Raft's own, or a client's, which only the leader
    /// takes (once it has taken over the lease); the others point the client to it.
    pub(super) fn replica_message(&mut self, from: NodeId, msg: Message, out: &mut LeaseOut) {
        let leads = self.store_term().is_some();
        match msg {
            Message::Raft(msg) => self.with_raft(out, |raft, o| raft.on_message(from, *msg, o)),
            Message::Acquire { ask } if !leads => {
                let raft = self.raft.as_ref();
                if raft.is_some_and(|r| r.role() == RaftRole::Leader) {
                    // Elected, its log not yet current: it answers once it has taken over.
                    self.waiting.push((from, ask));
                    return;
                }
                let leader = raft.and_then(|r| r.known_leader()).filter(|&l| l != self.id);
                out.send(from, Message::Redirect { ask, leader });
            }
            Message::Acquire { ask } => match self.decide(from, out.now()) {
                Decision::Grant { token } => {
                    let after = self.lease_index;
                    self.propose(Change::Grant { to: from, token, ask, after }, out)
                }
                Decision::Renew { token } => {
                    self.propose(Change::Renew { to: from, token, ask }, out)
                }
                Decision::Taken { holder, token } => {
                    out.send(from, Message::Taken { ask, holder, token })
                }
            },
            Message::Release { token } if leads && self.holds(from, token) => {
                self.propose(Change::Release { by: from, token }, out)
            }
            _ => {}
        }
    }

    pub(super) fn replica_timer(&mut self, timer: raft::Timer, out: &mut LeaseOut) {
        self.with_raft(out, |raft, o| raft.on_timer(timer, o));
    }

    pub(super) fn replica_start(&mut self, out: &mut LeaseOut) {
        self.with_raft(out, |raft, o| raft.on_start(o));
    }

    fn propose(&mut self, change: Change, out: &mut LeaseOut) {
        let request = ClientRequest { id: INTERNAL_REQUEST, command: change.to_command() };
        self.with_raft(out, |raft, o| raft.on_client(request, o));
    }

    /// Runs a Raft handler, then applies what it committed to the lease and takes the lease
    /// over if this replica has just become a leader whose log is current.
    fn with_raft(
        &mut self,
        out: &mut LeaseOut,
        run: impl FnOnce(&mut raft::RaftNode, &mut Out<raft::RaftNode>),
    ) {
        let Some(raft) = self.raft.as_mut() else { return };
        out.nested(|o| run(raft, o));
        self.apply_committed(out);
        self.take_over(out);
    }

    fn apply_committed(&mut self, out: &mut LeaseOut) {
        let Some(raft) = self.raft.as_ref() else { return };
        // A restarted replica starts from an empty lease and applies its log again from the
        // start, as its Raft does.
        let applied = raft.last_applied();
        let leading = (raft.role() == RaftRole::Leader).then(|| raft.current_term());
        let changes: Vec<(u64, u64, Change)> = (self.applied + 1..=applied)
            // The store never compacts its log, so every applied entry is still there.
            .filter_map(|index| {
                let entry = raft.entry(index)?;
                Some((index, entry.term, Change::from_command(&entry.command)?))
            })
            .collect();
        self.applied = applied;
        for (index, term, change) in changes {
            // The leader tells the trace (each replica applies the change, but one telling
            // is enough). It answers the client only for its own term's entries: one from an
            // earlier term answers an ask that may be long gone (its client may even have
            // restarted and numbered a new ask the same), about a lease that may since have
            // changed.
            let (tells, answers) = (leading.is_some(), leading == Some(term));
            if self.apply(change, tells, answers, out) {
                self.lease_index = index;
            }
        }
    }

    /// Applies one committed change, and says whether it took effect.
    fn apply(&mut self, change: Change, tells: bool, answers: bool, out: &mut LeaseOut) -> bool {
        let now = out.now();
        match change {
            Change::Grant { to, token, ask, after } if after == self.lease_index => {
                let after = self.grant(to, token, now);
                if tells {
                    out.event(Event::Granted { to, token, after });
                }
                if answers {
                    out.send(to, Message::Granted { ask, token });
                }
                true
            }
            Change::Renew { to, token, ask } if self.holds(to, token) => {
                self.renew(now);
                if tells {
                    out.event(Event::Renewed { to, token });
                }
                if answers {
                    out.send(to, Message::Granted { ask, token });
                }
                true
            }
            Change::Release { by, token } if self.holds(by, token) => {
                self.release(token);
                if tells {
                    out.event(Event::Released { by, token });
                }
                true
            }
            Change::Grant { to, ask, .. } | Change::Renew { to, ask, .. } => {
                if answers {
                    self.answer_taken(to, ask, out);
                }
                false
            }
            Change::Release { .. } => false,
        }
    }

    fn answer_taken(&self, to: NodeId, ask: u64, out: &mut LeaseOut) {
        if let Some(l) = self.persistent.lease.as_ref().filter(|l| l.holder != to) {
            out.send(to, Message::Taken { ask, holder: l.holder, token: l.token });
        }
    }

    /// A leader whose log is current (its own term's no-op applied) takes the lease over:
    /// it counts the lease from now, as its holder may have renewed it just before the old
    /// leader fell silent. A replica that stops leading gives the lease up.
    fn take_over(&mut self, out: &mut LeaseOut) {
        let Some(raft) = self.raft.as_ref() else { return };
        let term = raft.current_term();
        let current =
            raft.role() == RaftRole::Leader && raft.term_at(raft.last_applied()) == Some(term);
        if !current {
            if raft.role() != RaftRole::Leader {
                self.leading_term = None;
                self.waiting.clear();
            }
            return;
        }
        if self.leading_term == Some(term) {
            return;
        }
        self.leading_term = Some(term);
        let now = out.now();
        let (ttl, frees) = (self.config.ttl, self.config.bugs.failover_frees);
        if let Some(lease) = self.persistent.lease.as_mut() {
            lease.granted_at = now;
            if let Some(expires) = lease.expires.as_mut() {
                *expires = if frees { now } else { now + ttl };
            }
            let honours = lease.expires.map(|at| at - now);
            let (holder, token) = (lease.holder, lease.token);
            out.event(Event::TookOver { term, holder, token, honours });
        }
        for (client, ask) in std::mem::take(&mut self.waiting) {
            self.replica_message(client, Message::Acquire { ask }, out);
        }
    }
}

/// Raft's events the trace keeps: how the store's leader is chosen. Its log's traffic shows
/// in its messages, and its client outcomes are the store's own proposals.
pub(super) fn keep_raft_event(event: &raft::Event) -> bool {
    matches!(
        event,
        raft::Event::Role { .. }
            | raft::Event::VoteGranted { .. }
            | raft::Event::QuorumLost { .. }
            | raft::Event::Truncated { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_travel_as_text_and_come_back() {
        let changes = [
            Change::Grant { to: NodeId(4), token: 7, ask: 3, after: 6 },
            Change::Grant { to: NodeId(5), token: 1, ask: 1, after: 0 },
            Change::Renew { to: NodeId(4), token: 7, ask: 9 },
            Change::Release { by: NodeId(4), token: 7 },
        ];
        for change in changes {
            assert_eq!(Change::from_command(&change.to_command()), Some(change));
        }
        assert_eq!(Change::Renew { to: NodeId(3), token: 2, ask: 5 }.to_string(), "renew S4 2 5");
        for bad in ["grant S4 7", "renew S4 x 1", "grant Q4 1 1 0", "", "release S4 1 2"] {
            assert!(bad.parse::<Change>().is_err(), "{bad}");
        }
        assert_eq!(Change::from_command(&"other=grant S4 1 1 0".parse().unwrap()), None);
    }
}
