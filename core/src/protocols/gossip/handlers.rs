//! SWIM's protocol period (Das et al. 2002, §4–5): ping the next member round-robin; if no
//! ack comes within the probe timeout, ask `indirect_checks` others to ping it (ping-req);
//! if the period ends with no ack, suspect it. A suspected member that hears of it refutes
//! with a higher incarnation; one that does not within the suspicion timeout is confirmed
//! dead. Membership updates ride on every message, each a limited number of times. Beside
//! it, rumors spread by push, pull or push-pull every gossip interval, and a periodic
//! exchange of the whole state (anti-entropy) repairs whatever gossip missed.

use std::sync::Arc;

use super::messages::{Command, Message, Rumor, Status, Update, Version};
use super::state::{GossipNode, Member, Mode, Probe, Timer};
use super::view::Event;
use crate::sim::{ClientRequest, Delay, NodeId, Out};

/// Membership updates piggybacked on one message at most.
const PIGGYBACK: usize = 8;
/// Ping-req relays remembered at most (older ones are forgotten).
const RELAYS: usize = 64;

impl GossipNode {
    fn n(&self) -> usize {
        self.members.len()
    }

    /// Arms the periodic timers, each at a random phase so nodes do not beat in step.
    pub(super) fn arm_all(&self, out: &mut Out<Self>) {
        let c = &self.config;
        out.set_timer(Timer::Probe, Delay::between(1, c.probe_interval));
        let first_round = match c.aligned_rounds {
            true => Delay::exactly(c.gossip_interval),
            false => Delay::between(1, c.gossip_interval),
        };
        out.set_timer(Timer::Gossip, first_round);
        let sync = c.sync_period(self.n());
        out.set_timer(Timer::Sync, Delay::between(sync / 2, sync));
    }

    /// Members other than this one that it believes up (alive or only suspected).
    fn reachable(&self) -> Vec<NodeId> {
        NodeId::all(self.n())
            .filter(|&id| {
                id != self.id
                    && matches!(self.members[id.index()].status, Status::Alive | Status::Suspect)
            })
            .collect()
    }

    /// `k` distinct members drawn at random from `candidates`.
    fn pick(mut candidates: Vec<NodeId>, k: usize, out: &mut Out<Self>) -> Vec<NodeId> {
        let k = k.min(candidates.len());
        for i in 0..k {
            let j = i + out.random_below((candidates.len() - i) as u64) as usize;
            candidates.swap(i, j);
        }
        candidates.truncate(k);
        candidates
    }

    /// Queues an update to be piggybacked a limited number of times.
    fn publish(&mut self, update: Update) {
        let sends = self.config.retransmits(self.n());
        self.outbox.insert(update.member, (update, sends));
    }

    /// Updates to piggyback on the next message: the least-sent first.
    fn piggyback(&mut self) -> Vec<Update> {
        let mut queued: Vec<(u32, NodeId)> =
            self.outbox.iter().map(|(id, (_, left))| (*left, *id)).collect();
        // Members are distinct, so an unstable sort gives the one order there is.
        queued.sort_unstable_by(|a, b| b.cmp(a));
        let mut updates = Vec::new();
        for (_, id) in queued.into_iter().take(PIGGYBACK) {
            if let Some((update, left)) = self.outbox.get_mut(&id) {
                updates.push(*update);
                *left -= 1;
                if *left == 0 {
                    self.outbox.remove(&id);
                }
            }
        }
        updates
    }

    /// What a ping to `target` carries: the usual piggyback, plus (as memberlist does) the
    /// suspicion of the target itself when this node suspects it, so a live target hears it
    /// at once and can refute, even after the suspicion's retransmits were spent elsewhere.
    fn ping_updates(&mut self, target: NodeId) -> Vec<Update> {
        let mut updates = self.piggyback();
        let Member { status, incarnation } = self.members[target.index()];
        if status == Status::Suspect && !updates.iter().any(|u| u.member == target) {
            updates.insert(0, Update { member: target, status, incarnation });
        }
        updates
    }

    fn own_update(&self) -> Update {
        let status = if self.left { Status::Left } else { Status::Alive };
        Update { member: self.id, status, incarnation: self.persistent.incarnation }
    }

    /// Applies what another node says of a member, by SWIM's precedence: a higher
    /// incarnation wins; at equal incarnation suspect beats alive and dead beats suspect.
    fn merge(&mut self, update: Update, out: &mut Out<Self>) {
        let Update { member, status, incarnation } = update;
        if member.index() >= self.n() {
            return;
        }
        if member == self.id {
            // `Left` too: a member that left and then crashed comes back as a member (its
            // leaving is not kept across a restart), and must say so above the old news.
            let accused = status != Status::Alive;
            if accused && incarnation >= self.persistent.incarnation && !self.left {
                if self.config.bugs.no_refutation {
                    return;
                }
                self.persistent.incarnation = incarnation + 1;
                self.members[member.index()].incarnation = incarnation + 1;
                out.event(Event::Refuted { incarnation: incarnation + 1, was: status });
                self.publish(self.own_update());
            }
            return;
        }
        let known = self.members[member.index()];
        let newer = incarnation > known.incarnation
            || (incarnation == known.incarnation && status > known.status);
        if !newer {
            return;
        }
        self.members[member.index()] = Member { status, incarnation };
        self.publish(update);
        if status == Status::Suspect {
            // Suspected at a newer incarnation, the member refuted the old suspicion (news
            // this member may have missed): the new one gets its full timeout.
            let renewed = incarnation > known.incarnation;
            self.start_suspicion(member, renewed, out);
        } else if self.suspecting.remove(&member) {
            out.cancel_timer(Timer::Suspicion(member));
        }
    }

    /// Starts the suspicion timeout for `member`, unless one runs already and `renewed` is
    /// false.
    fn start_suspicion(&mut self, member: NodeId, renewed: bool, out: &mut Out<Self>) {
        if self.suspecting.insert(member) || renewed {
            let timeout = self.config.suspicion_timeout(self.n());
            out.set_timer(Timer::Suspicion(member), Delay::exactly(timeout));
        }
    }

    fn merge_all(&mut self, updates: Vec<Update>, out: &mut Out<Self>) {
        for update in updates {
            self.merge(update, out);
        }
    }

    /// Keeps a rumor if it is newer than what this node has, and passes it on.
    fn learn(&mut self, rumor: Rumor, out: &mut Out<Self>) {
        let newer = self.rumors.get(&rumor.key).is_none_or(|(known, _)| rumor.version > *known);
        if newer {
            out.event(Event::Learned { key: rumor.key.clone(), version: rumor.version });
            self.hot.insert(rumor.key.clone(), self.config.retransmits(self.n()));
            self.rumors.insert(rumor.key, (rumor.version, rumor.value));
        }
    }

    fn learn_all(&mut self, rumors: Vec<Rumor>, out: &mut Out<Self>) {
        for rumor in rumors {
            self.learn(rumor, out);
        }
    }

    fn rumor(&self, key: &Arc<str>) -> Option<Rumor> {
        let (version, value) = self.rumors.get(key)?;
        Some(Rumor { key: key.clone(), value: value.clone(), version: *version })
    }

    fn all_rumors(&self) -> Vec<Rumor> {
        self.rumors.keys().filter_map(|key| self.rumor(key)).collect()
    }

    /// The rumors still being spread; each round spends one of their rounds.
    fn spend_hot(&mut self) -> Vec<Rumor> {
        let rumors = self.hot.keys().filter_map(|key| self.rumor(key)).collect();
        self.hot.retain(|_, left| {
            *left -= 1;
            *left > 0
        });
        rumors
    }

    fn digest(&self) -> Vec<(Arc<str>, Version)> {
        self.rumors.iter().map(|(key, (version, _))| (key.clone(), *version)).collect()
    }

    fn full_state(&self) -> Vec<Update> {
        NodeId::all(self.n())
            .map(|id| {
                let Member { status, incarnation } = self.members[id.index()];
                Update { member: id, status, incarnation }
            })
            .collect()
    }

    /// Anti-entropy with one member, drawn from all the others: including the ones this
    /// node believes dead or gone. After a partition each side has confirmed the other dead,
    /// and only a message across can tell a side it must refute (memberlist keeps gossiping
    /// to the dead for a while for the same reason). Likewise for `Left`: two members that
    /// each left and came back while the other was away each hold the other as gone, and
    /// neither's news reaches the other unless one of them asks (the randomized tester found
    /// three members stuck so). A member that really is away drops the message.
    pub(super) fn sync_with_someone(&mut self, out: &mut Out<Self>) {
        let others: Vec<NodeId> = NodeId::all(self.n()).filter(|&id| id != self.id).collect();
        if let Some(&peer) = Self::pick(others, 1, out).first() {
            let message = Message::Sync {
                members: self.full_state(),
                rumors: self.all_rumors(),
                reply: false,
            };
            out.send(peer, message);
        }
    }

    pub(super) fn handle_timer(&mut self, timer: Timer, out: &mut Out<Self>) {
        if self.left {
            return;
        }
        match timer {
            Timer::Probe => self.start_probe(out),
            Timer::ProbeTimeout => self.probe_timed_out(out),
            Timer::Gossip => self.gossip(out),
            Timer::Sync => {
                self.sync_with_someone(out);
                out.set_timer(Timer::Sync, Delay::exactly(self.config.sync_period(self.n())));
            }
            Timer::Suspicion(member) => self.confirm(member, out),
        }
    }

    /// A new protocol period: the last one ends (its member is suspected if no ack came,
    /// directly or through others), and the next member in round-robin order is pinged.
    fn start_probe(&mut self, out: &mut Out<Self>) {
        self.end_period(out);
        out.set_timer(Timer::Probe, Delay::exactly(self.config.probe_interval));
        let n = self.n();
        let target =
            (1..=n).map(|step| NodeId(((self.probe_cursor + step) % n) as u32)).find(|id| {
                *id != self.id
                    && matches!(self.members[id.index()].status, Status::Alive | Status::Suspect)
            });
        let Some(target) = target else { return };
        self.probe_cursor = target.index();
        self.next_seq += 1;
        let seq = self.next_seq;
        self.probe = Some(Probe { seq, target, acked: false });
        let updates = self.ping_updates(target);
        out.send(target, Message::Ping { seq, updates });
        out.set_timer(Timer::ProbeTimeout, Delay::exactly(self.config.probe_timeout));
    }

    fn probe_timed_out(&mut self, out: &mut Out<Self>) {
        let Some(probe) = self.probe.filter(|p| !p.acked) else { return };
        if self.config.bugs.skip_suspicion {
            self.declare_dead(probe.target, out);
            return;
        }
        let helpers: Vec<NodeId> =
            self.reachable().into_iter().filter(|&id| id != probe.target).collect();
        for helper in Self::pick(helpers, self.config.indirect_checks, out) {
            let updates = self.piggyback();
            out.send(helper, Message::PingReq { seq: probe.seq, target: probe.target, updates });
        }
    }

    fn end_period(&mut self, out: &mut Out<Self>) {
        let Some(probe) = self.probe.take().filter(|p| !p.acked) else { return };
        let Member { status, incarnation } = self.members[probe.target.index()];
        if status == Status::Alive {
            out.event(Event::Suspected { member: probe.target, incarnation });
            self.merge(Update { member: probe.target, status: Status::Suspect, incarnation }, out);
        }
    }

    /// The suspicion timeout ran out with no refutation: confirm the member dead.
    fn confirm(&mut self, member: NodeId, out: &mut Out<Self>) {
        self.suspecting.remove(&member);
        if self.members[member.index()].status == Status::Suspect {
            self.declare_dead(member, out);
        }
    }

    fn declare_dead(&mut self, member: NodeId, out: &mut Out<Self>) {
        let incarnation = self.members[member.index()].incarnation;
        if self.members[member.index()].status >= Status::Dead {
            return;
        }
        out.event(Event::Confirmed { member, incarnation });
        self.declared = Some(member);
        self.merge(Update { member, status: Status::Dead, incarnation }, out);
    }

    /// A gossip round: `fanout` random members get the hot rumors (push), a digest asking
    /// for newer ones (pull), or both, with membership updates piggybacked.
    fn gossip(&mut self, out: &mut Out<Self>) {
        out.set_timer(Timer::Gossip, Delay::exactly(self.config.gossip_interval));
        let peers = Self::pick(self.reachable(), self.config.fanout, out);
        let hot = self.spend_hot();
        for peer in peers {
            let updates = self.piggyback();
            let message = match self.config.mode {
                Mode::Push if hot.is_empty() && updates.is_empty() => continue,
                Mode::Push => Message::Gossip { updates, rumors: hot.clone() },
                Mode::Pull => Message::Pull { digest: self.digest(), rumors: Vec::new(), updates },
                Mode::PushPull => {
                    Message::Pull { digest: self.digest(), rumors: hot.clone(), updates }
                }
            };
            out.send(peer, message);
        }
    }

    pub(super) fn handle_message(&mut self, from: NodeId, msg: Message, out: &mut Out<Self>) {
        if self.left {
            return;
        }
        match msg {
            Message::Ping { seq, updates } => {
                self.merge_all(updates, out);
                let updates = self.piggyback();
                out.send(from, Message::Ack { seq, updates });
            }
            Message::Ack { seq, updates } => {
                self.merge_all(updates, out);
                if let Some(probe) = self.probe.as_mut().filter(|p| p.seq == seq) {
                    probe.acked = true;
                } else if let Some((asker, their_seq)) = self.relays.remove(&seq) {
                    let updates = self.piggyback();
                    out.send(asker, Message::Ack { seq: their_seq, updates });
                }
            }
            Message::PingReq { seq, target, updates } => {
                self.merge_all(updates, out);
                self.next_seq += 1;
                let mine = self.next_seq;
                self.relays.insert(mine, (from, seq));
                while self.relays.len() > RELAYS {
                    self.relays.pop_first();
                }
                let updates = self.ping_updates(target);
                out.send(target, Message::Ping { seq: mine, updates });
            }
            Message::Gossip { updates, rumors } => {
                self.merge_all(updates, out);
                self.learn_all(rumors, out);
            }
            Message::Pull { digest, rumors, updates } => {
                self.merge_all(updates, out);
                self.learn_all(rumors, out);
                let known: std::collections::BTreeMap<_, _> = digest.into_iter().collect();
                let newer: Vec<Rumor> = self
                    .all_rumors()
                    .into_iter()
                    .filter(|r| known.get(&r.key).is_none_or(|v| r.version > *v))
                    .collect();
                if !newer.is_empty() {
                    out.send(from, Message::Delta { rumors: newer });
                }
            }
            Message::Delta { rumors } => self.learn_all(rumors, out),
            Message::Sync { members, rumors, reply } => {
                self.merge_all(members, out);
                self.learn_all(rumors, out);
                if !reply {
                    let members = self.full_state();
                    out.send(
                        from,
                        Message::Sync { members, rumors: self.all_rumors(), reply: true },
                    );
                }
            }
        }
    }

    pub(super) fn handle_client(&mut self, request: ClientRequest<Command>, out: &mut Out<Self>) {
        match request.command {
            Command::Set { key, value } => {
                // Above both the key's latest version and anything this node wrote before a
                // crash, so no two writes ever share a version.
                let known = self.rumors.get(&key).map_or(0, |(v, _)| v.counter);
                let counter = known.max(self.persistent.written) + 1;
                self.persistent.written = counter;
                let version = Version { counter, writer: self.id };
                out.event(Event::Wrote { key: key.clone(), value: value.clone(), version });
                self.wrote = Some(Rumor { key: key.clone(), value: value.clone(), version });
                self.learn(Rumor { key, value, version }, out);
            }
            Command::Leave if !self.left => {
                self.left = true;
                self.members[self.id.index()].status = Status::Left;
                out.event(Event::Left);
                let update = self.own_update();
                for peer in self.reachable() {
                    out.send(peer, Message::Gossip { updates: vec![update], rumors: Vec::new() });
                }
            }
            Command::Join if self.left => {
                self.left = false;
                self.persistent.incarnation += 1;
                self.members[self.id.index()] =
                    Member { status: Status::Alive, incarnation: self.persistent.incarnation };
                out.event(Event::Joined { incarnation: self.persistent.incarnation });
                self.publish(self.own_update());
                self.arm_all(out);
                // Its suspicions are as old as its leaving: refutations spread while it was
                // away, and timeouts ran out unheeded. Each starts over, full length, while
                // the sync below brings the news.
                for member in self.suspecting.clone() {
                    self.start_suspicion(member, true, out);
                }
                self.sync_with_someone(out);
            }
            Command::Leave | Command::Join => {}
        }
    }
}
