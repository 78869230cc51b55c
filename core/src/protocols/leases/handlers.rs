//! The rules. The store grants the lease when it is free (absent, or expired on the store's
//! clock) and renews it for its holder; the storage takes every write, or with fencing only
//! those whose token is not older than the newest it has seen; a client asks every
//! `renew_every` and, while it believes it holds the lease, writes every `write_every`.

use super::messages::Message;
use super::state::{Belief, Command, Lease, LeaseNode, Role, StoredWrite, Timer, STORAGE, STORE};
use super::view::{Event, LostWhy};
use crate::sim::{ClientRequest, Delay, NodeId, Out, MILLI};

type LeaseOut = Out<LeaseNode>;

impl LeaseNode {
    pub(super) fn start(&mut self, out: &mut LeaseOut) {
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
                self.asks += 1;
                self.asked_at = out.now();
                out.send(STORE, Message::Acquire { ask: self.asks });
            }
            Timer::Write => {
                out.set_timer(Timer::Write, Delay::exactly(self.config.write_every));
                if let Some(token) = self.writing_token(out) {
                    self.writes += 1;
                    let value = format!("{}#{}", self.id, self.writes);
                    self.write(token, value, out);
                }
            }
        }
    }

    pub(super) fn handle_message(&mut self, from: NodeId, msg: Message, out: &mut LeaseOut) {
        match (self.role(), msg) {
            (Role::Store, Message::Acquire { ask }) => self.on_acquire(from, ask, out),
            (Role::Store, Message::Release { token }) if self.holds(from, token) => {
                self.persistent.lease = None;
                out.event(Event::Released { by: from, token });
            }
            (Role::Storage, Message::Write { token, value }) => {
                self.on_write(from, token, value, out)
            }
            (Role::Client, Message::Granted { ask, token }) if ask == self.asks => {
                let until = self.config.variant.clock_bound().then(|| {
                    let margin = if self.config.bugs.no_margin { 0 } else { self.config.margin };
                    self.asked_at + self.config.ttl - margin
                });
                if self.belief.is_none_or(|b| b.token != token) {
                    out.event(Event::Acquired { token, until });
                }
                self.belief = Some(Belief { token, until });
            }
            (Role::Client, Message::Taken { holder, .. }) => {
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
                    out.send(STORE, Message::Release { token: belief.token });
                    out.event(Event::Lost { token: belief.token, why: LostWhy::Released });
                }
            }
        }
    }

    /// Whether the store's lease is `client`'s, under `token`.
    fn holds(&self, client: NodeId, token: u64) -> bool {
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
        out.send(STORAGE, Message::Write { token, value });
    }

    fn on_acquire(&mut self, from: NodeId, ask: u64, out: &mut LeaseOut) {
        let now = out.now();
        let variant = self.config.variant;
        let expires = variant.expires().then_some(now + self.config.ttl);
        let lease = &mut self.persistent.lease;
        let free = lease.as_ref().is_none_or(|l| l.expires.is_some_and(|at| now >= at));
        if free {
            let token = if self.config.bugs.reuse_token && self.persistent.last_token > 0 {
                self.persistent.last_token
            } else {
                self.persistent.last_token + 1
            };
            self.persistent.last_token = token;
            let after = lease.take().map(|l| l.holder).filter(|&h| h != from);
            *lease = Some(Lease { holder: from, token, granted_at: now, expires });
            out.event(Event::Granted { to: from, token, after });
            out.send(from, Message::Granted { ask, token });
        } else if let Some(l) = lease.as_mut().filter(|l| l.holder == from) {
            l.granted_at = now;
            l.expires = expires;
            let token = l.token;
            out.event(Event::Renewed { to: from, token });
            out.send(from, Message::Granted { ask, token });
        } else if let Some(l) = lease.as_ref() {
            out.send(from, Message::Taken { ask, holder: l.holder, token: l.token });
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
