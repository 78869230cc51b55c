//! The rules. The store grants the lease when it is free (absent, or expired on the store's
//! clock) and renews it for its holder; the storage takes every write, or with fencing only
//! those whose token is not older than the newest it has seen; a client asks every
//! `renew_every` and, while it believes it holds the lease, writes every `write_every`.
//! A replicated store decides the same way and commits each decision first (`replica.rs`).

use super::messages::Message;
use super::state::{Belief, Command, Lease, LeaseNode, Role, StoredWrite, Timer};
use super::view::{Event, LostWhy};
use crate::sim::{ClientRequest, Delay, NodeId, Out, Time, MILLI};

type LeaseOut = Out<LeaseNode>;

impl LeaseNode {
    pub(super) fn start(&mut self, out: &mut LeaseOut) {
        self.replica_start(out);
        if self.role() == Role::Client {
            // Clients start out of step, as processes started by hand would.
            out.set_timer(Timer::Ask, Delay::between(MILLI, self.config.renew_every));
            out.set_timer(Timer::Write, Delay::exactly(self.config.write_every));
        }
    }

    pub(super) fn handle_timer(&mut self, timer: Timer, out: &mut LeaseOut) {
        match timer {
            Timer::Ask => {
                out.set_timer(Timer::Ask, Delay::exactly(self.config.renew_every));
                // The article's holder never renews: its key never expires.
                if self.belief.is_some() && !self.config.variant.expires() {
                    return;
                }
                if !self.answered && self.config.replicated() {
                    // No answer from that store server: it is down, cut off, or not the
                    // leader and unable to say who is. Try the next.
                    let next = (self.store.index() + 1) % self.config.store_replicas;
                    self.store = NodeId(next as u32);
                }
                self.redirects = 0;
                self.ask(out);
            }
            Timer::Write => {
                out.set_timer(Timer::Write, Delay::exactly(self.config.write_every));
                if let Some(token) = self.writing_token(out) {
                    self.writes += 1;
                    let value = format!("{}#{}", self.id, self.writes);
                    self.write(token, value, out);
                }
            }
            Timer::Raft(timer) => self.replica_timer(timer, out),
        }
    }

    fn ask(&mut self, out: &mut LeaseOut) {
        self.asks += 1;
        self.asked_at = out.now();
        self.answered = false;
        out.send(self.store, Message::Acquire { ask: self.asks });
    }

    pub(super) fn handle_message(&mut self, from: NodeId, msg: Message, out: &mut LeaseOut) {
        if self.raft.is_some() {
            return self.replica_message(from, msg, out);
        }
        match (self.role(), msg) {
            (Role::Store, Message::Acquire { ask }) => self.on_acquire(from, ask, out),
            (Role::Store, Message::Release { token }) if self.holds(from, token) => {
                self.release(token);
                out.event(Event::Released { by: from, token });
            }
            (Role::Storage, Message::Write { token, value }) => {
                self.on_write(from, token, value, out)
            }
            (Role::Client, Message::Granted { ask, token }) if ask == self.asks => {
                self.answered = true;
                let until = self.config.variant.clock_bound().then(|| {
                    let margin = if self.config.bugs.no_margin { 0 } else { self.config.margin };
                    self.asked_at + self.config.ttl - margin
                });
                if self.belief.is_none_or(|b| b.token != token) {
                    out.event(Event::Acquired { token, until });
                }
                self.belief = Some(Belief { token, until });
            }
            (Role::Client, Message::Taken { ask, holder, .. }) => {
                self.answered |= ask == self.asks;
                if let Some(belief) = self.belief.take() {
                    out.event(Event::Lost { token: belief.token, why: LostWhy::Taken { holder } });
                }
            }
            (Role::Client, Message::Rejected { token, newest })
                if self.belief.is_some_and(|b| b.token == token) =>
            {
                self.belief = None;
                out.event(Event::Lost { token, why: LostWhy::Fenced { newest } });
            }
            (Role::Client, Message::Redirect { ask, leader }) if ask == self.asks => {
                self.answered = true;
                self.store = leader.unwrap_or_else(|| {
                    NodeId(((from.index() + 1) % self.config.store_replicas) as u32)
                });
                // Asked again at once, but not without end: two replicas that each name
                // the other as leader would pass a client back and forth.
                if leader.is_some() && self.redirects < 2 {
                    self.redirects += 1;
                    self.ask(out);
                }
            }
            // Answers to older asks, acknowledgements, and messages to the wrong server.
            _ => {}
        }
    }

    pub(super) fn handle_client(&mut self, request: ClientRequest<Command>, out: &mut LeaseOut) {
        if self.role() != Role::Client {
            return;
        }
        match request.command {
            Command::Write(value) => match self.writing_token(out) {
                Some(token) => self.write(token, value, out),
                None => out.event(Event::NotHolder { value }),
            },
            Command::Release => {
                if let Some(belief) = self.belief.take() {
                    out.send(self.store, Message::Release { token: belief.token });
                    out.event(Event::Lost { token: belief.token, why: LostWhy::Released });
                }
            }
        }
    }

    /// Whether the store's lease is `client`'s, under `token`.
    pub(super) fn holds(&self, client: NodeId, token: u64) -> bool {
        self.persistent.lease.as_ref().is_some_and(|l| l.holder == client && l.token == token)
    }

    /// The token to write under, if this client believes it holds the lease; a clock-bound
    /// holder whose clock says the lease ran out gives it up first.
    fn writing_token(&mut self, out: &mut LeaseOut) -> Option<u64> {
        let belief = self.belief?;
        if belief.until.is_some_and(|until| out.now() >= until) {
            self.belief = None;
            out.event(Event::Lost { token: belief.token, why: LostWhy::RanOut });
            return None;
        }
        Some(belief.token)
    }

    fn write(&mut self, token: u64, value: String, out: &mut LeaseOut) {
        out.event(Event::Wrote { token, value: value.clone() });
        out.send(self.config.storage(), Message::Write { token, value });
    }

    /// The store's answer to `from` asking for the lease at `now` on its clock.
    pub(super) fn decide(&self, from: NodeId, now: Time) -> Decision {
        let lease = self.persistent.lease.as_ref();
        match lease {
            Some(l) if l.expires.is_none_or(|at| now < at) => {
                if l.holder == from {
                    Decision::Renew { token: l.token }
                } else {
                    Decision::Taken { holder: l.holder, token: l.token }
                }
            }
            _ => {
                let last = self.persistent.last_token;
                let token = if self.config.bugs.reuse_token && last > 0 { last } else { last + 1 };
                Decision::Grant { token }
            }
        }
    }

    /// Gives the lease to `to` under `token`; says whose lease ran out, if another's.
    pub(super) fn grant(&mut self, to: NodeId, token: u64, now: Time) -> Option<NodeId> {
        let expires = self.config.variant.expires().then_some(now + self.config.ttl);
        self.persistent.last_token = token;
        let after = self.persistent.lease.take().map(|l| l.holder).filter(|&h| h != to);
        self.persistent.lease = Some(Lease { holder: to, token, granted_at: now, expires });
        after
    }

    /// Extends the lease from `now`.
    pub(super) fn renew(&mut self, now: Time) {
        let ttl = self.config.ttl;
        if let Some(l) = self.persistent.lease.as_mut() {
            l.granted_at = now;
            l.expires = l.expires.map(|_| now + ttl);
        }
    }

    pub(super) fn release(&mut self, token: u64) {
        self.persistent.lease = None;
        self.persistent.released = self.persistent.released.max(token);
    }

    fn on_acquire(&mut self, from: NodeId, ask: u64, out: &mut LeaseOut) {
        let now = out.now();
        match self.decide(from, now) {
            Decision::Grant { token } => {
                let after = self.grant(from, token, now);
                out.event(Event::Granted { to: from, token, after });
                out.send(from, Message::Granted { ask, token });
            }
            Decision::Renew { token } => {
                self.renew(now);
                out.event(Event::Renewed { to: from, token });
                out.send(from, Message::Granted { ask, token });
            }
            Decision::Taken { holder, token } => {
                out.send(from, Message::Taken { ask, holder, token })
            }
        }
    }

    fn on_write(&mut self, from: NodeId, token: u64, value: String, out: &mut LeaseOut) {
        let newest = self.persistent.newest;
        if self.config.variant.fences() && token < newest {
            self.persistent.rejected += 1;
            out.event(Event::Rejected { from, token, newest });
            out.send(from, Message::Rejected { token, newest });
            return;
        }
        self.persistent.newest = newest.max(token);
        self.persistent.accepted += 1;
        out.event(Event::Stored { from, token, value: value.clone() });
        self.persistent.last_write = Some(StoredWrite { from, token, value });
        out.send(from, Message::Accepted { token });
    }
}

/// What the store makes of a request for the lease.
pub(super) enum Decision {
    /// The lease is free (never granted, given back, or run out): grant it under `token`.
    Grant {
        token: u64,
    },
    /// The asker holds it: extend it.
    Renew {
        token: u64,
    },
    Taken {
        holder: NodeId,
        token: u64,
    },
}
