//! The leaderless task cluster's rules (article B's second kind): a task goes to the member
//! its key hashes to in the view of whoever has it; the owner runs it and gossips its state;
//! a member that holds the owner dead, and is the key's next owner in its own view, takes the
//! task over. Views can disagree while membership news spreads: then two members may both run
//! a task, which is what this kind trades for having no leader to wait for.

use super::messages::Message;
use super::rumor::{Stage, TaskRumor};
use super::state::{PeerTaskNode, Timer, View};
use super::view::Event;
use crate::protocols::gossip::{self, GossipNode};
use crate::protocols::tasks::task::{Command, Task, TaskId};
use crate::sim::{ClientRequest, Delay, Node, NodeId, Out};

type PeerOut = Out<PeerTaskNode>;

/// A task is passed at most this many times before a member refuses it.
const MAX_HOPS: u8 = 2;
/// Ids of this protocol's own gossip writes (gossip reports on them only in events this
/// protocol leaves out).
const INTERNAL_REQUEST: u64 = u64::MAX;

impl PeerTaskNode {
    pub(super) fn start(&mut self, out: &mut PeerOut) {
        out.nested(|o| self.gossip.on_start(o));
        out.set_timer(Timer::Sweep, Delay::exactly(self.config.sweep));
        self.after_gossip(out);
    }

    pub(super) fn handle_message(&mut self, from: NodeId, msg: Message, out: &mut PeerOut) {
        match msg {
            Message::Gossip(msg) => {
                out.nested(|o| self.gossip.on_message(from, msg, o));
                self.after_gossip(out);
            }
            Message::Submit { task, key, work, hops } => {
                self.place(task, Task { key, work }, hops, out)
            }
        }
    }

    pub(super) fn handle_timer(&mut self, timer: Timer, out: &mut PeerOut) {
        match timer {
            Timer::Gossip(timer) => {
                out.nested(|o| self.gossip.on_timer(timer, o));
                self.after_gossip(out);
            }
            Timer::Finish(task) => {
                if let Some(work) = self.running.remove(&task) {
                    out.event(Event::Finished { task });
                    let owner = self.gossip.id();
                    self.write(TaskRumor { task, stage: Stage::Done, owner, work }, out);
                }
            }
            Timer::Sweep => {
                if !self.gossip.has_left() {
                    // Back in the pool for a sweep period, its gossip has caught up: a task
                    // it handed back that still reads as its own was never taken over (the
                    // others never saw it leave), so it is its to run again.
                    self.handed_back.clear();
                }
                self.sweep(out);
                out.set_timer(Timer::Sweep, Delay::exactly(self.config.sweep));
            }
        }
    }

    pub(super) fn handle_client(&mut self, request: ClientRequest<Command>, out: &mut PeerOut) {
        let membership = match request.command {
            Command::Run(task) => {
                out.event(Event::Submitted { task: request.id });
                self.place(request.id, task, 0, out);
                return;
            }
            Command::Leave if !self.gossip.has_left() => {
                // Its tasks are the next owners' once they hear it left.
                self.handed_back.extend(std::mem::take(&mut self.running).into_keys());
                gossip::Command::Leave
            }
            Command::Join if self.gossip.has_left() => gossip::Command::Join,
            Command::Leave | Command::Join => return,
        };
        let request = ClientRequest { id: request.id, command: membership };
        out.nested(|o| self.gossip.on_client(request, o));
        self.after_gossip(out);
    }

    /// A task reaches this member: run it if this view makes it the owner, else pass it on.
    fn place(&mut self, task: TaskId, work: Task, hops: u8, out: &mut PeerOut) {
        if self.running.contains_key(&task) || self.rumor(task).is_some() {
            // A duplicated submission, or a task already placed.
            return;
        }
        let me = self.gossip.id();
        match self.view.owner(&work.key) {
            Some(owner) if owner == me => {
                out.event(Event::Accepted { task });
                self.run(task, work, true, out);
            }
            Some(owner) if hops < MAX_HOPS => {
                out.event(Event::Forwarded { task, to: owner });
                let Task { key, work } = work;
                out.send(owner, Message::Submit { task, key, work, hops: hops + 1 });
            }
            _ => out.event(Event::Refused { task }),
        }
    }

    /// Starts a task here and tells the cluster this member runs it. `by_view`: it starts
    /// because its view makes it the key's owner (placing or taking over), not because it
    /// is resuming its own task after a restart.
    fn run(&mut self, task: TaskId, work: Task, by_view: bool, out: &mut PeerOut) {
        let me = self.gossip.id();
        if by_view && self.misplaced.is_none() {
            // The checker's record: whose the task is in this member's current view. The ring
            // it places by is that view's unless it went stale (a bug), so it is rebuilt only
            // then.
            let members = self.live_members();
            let owner = if members == self.view.members {
                self.view.owner(&work.key)
            } else {
                View::new(members, &self.config).owner(&work.key)
            };
            if let Some(owner) = owner.filter(|owner| *owner != me) {
                self.misplaced = Some((task, owner));
            }
        }
        out.event(Event::Started { task });
        out.set_timer(Timer::Finish(task), Delay::exactly(work.work));
        self.running.insert(task, work.clone());
        self.write(TaskRumor { task, stage: Stage::Accepted, owner: me, work }, out);
    }

    /// Looks over the tasks the gossip state holds: this member's own that it does not run
    /// (it restarted), and tasks of members its view holds dead that its view now gives it.
    fn sweep(&mut self, out: &mut PeerOut) {
        if self.gossip.has_left() {
            return;
        }
        let me = self.gossip.id();
        let orphans: Vec<(TaskRumor, Option<NodeId>)> = self
            .gossip
            .rumors()
            .iter()
            .filter_map(|(key, (_, value))| TaskRumor::read(key, value))
            .filter(|r| r.stage == Stage::Accepted && !self.running.contains_key(&r.task))
            .filter_map(|r| {
                if r.owner == me {
                    (!self.handed_back.contains(&r.task)).then_some((r, None))
                } else if !self.view.members.contains(&r.owner)
                    && self.view.owner(&r.work.key) == Some(me)
                {
                    let from = r.owner;
                    Some((r, Some(from)))
                } else {
                    None
                }
            })
            .collect();
        for (rumor, from) in orphans {
            match from {
                Some(from) => out.event(Event::TookOver { task: rumor.task, from }),
                None => out.event(Event::Resumed { task: rumor.task }),
            }
            self.run(rumor.task, rumor.work, from.is_some(), out);
        }
    }

    fn write(&mut self, rumor: TaskRumor, out: &mut PeerOut) {
        let request = ClientRequest { id: INTERNAL_REQUEST, command: rumor.to_command() };
        out.nested(|o| self.gossip.on_client(request, o));
    }

    /// After gossip ran: if this member's view of the membership changed, its ring follows
    /// (unless the ring is stale, a bug), and it looks for tasks to take over.
    fn after_gossip(&mut self, out: &mut PeerOut) {
        if self.config.bugs.stale_ring {
            return;
        }
        // After every gossip message, so compared in place: at 200 members, collecting the
        // live ones each time was a tenth of the simulation's time.
        let live = NodeId::all(self.cluster_size).filter(|&m| self.is_live(m));
        if !live.eq(self.view.members.iter().copied()) {
            let ring = View::new(self.live_members(), &self.config);
            // Counted over the tasks it knows, one key each (no copies of the keys: this
            // runs at every change of every member's view).
            let (mut keys, mut moved) = (0, 0);
            for (key, (_, value)) in self.gossip.rumors() {
                if let Some(rumor) = TaskRumor::read(key, value) {
                    keys += 1;
                    let key = &rumor.work.key;
                    moved += usize::from(self.view.owner(key) != ring.owner(key));
                }
            }
            let old = std::mem::replace(&mut self.view, ring).members;
            let new = &self.view.members;
            let joined = new.iter().filter(|m| !old.contains(m)).copied().collect();
            let gone = old.iter().filter(|m| !new.contains(m)).copied().collect();
            let members = new.len();
            out.event(Event::RingChanged { members, joined, gone, moved, keys });
            self.sweep(out);
        }
    }

    fn rumor(&self, task: TaskId) -> Option<TaskRumor> {
        let (_, value) = self.gossip.rumors().get(format!("task/{task}").as_str())?;
        TaskRumor::read(&format!("task/{task}"), value)
    }
}

/// The gossip member inside, for code that reads it (its checkers).
pub fn gossip_of(node: &PeerTaskNode) -> &GossipNode {
    &node.gossip
}

/// Gossip's events the trace keeps: all but the writes and learning of task rumors, which
/// this protocol tells as its own events.
pub fn keep_gossip_event(event: &gossip::Event) -> bool {
    !matches!(event, gossip::Event::Wrote { .. } | gossip::Event::Learned { .. })
}
