//! The leases lab's properties, checked after every step against true time (which no
//! server can read):
//!
//! - single writer: the storage accepts writes in lease order: never a write under an older
//!   token after one under a newer, and each token's writes from one client;
//! - no write after expiry: the storage accepts no write under a lease that had run out in
//!   true time, `ttl` after the store last granted or renewed it. With fencing the storage
//!   orders writes by token itself, so a late write can only land before every newer
//!   holder's, which single writer checks; the property is then not asked;
//! - crashed holder replaced: a holder that crashes is replaced within the TTL plus one
//!   renewal period (and two message delays) of the moment another client is up to take
//!   over, unless messages were lost or timing broken;
//! - one lease at a time: the store grants the lease to another client only once the last
//!   holder's lease has run out in true time (as long as the store's clock keeps time) or
//!   been given back: what a new leader of a replicated store, or a restarted store, must
//!   not forget;
//! - store replicas agree: Raft's own properties on a replicated store's servers.

use std::collections::BTreeMap;

use super::state::{LeaseNode, Role, STORE};
use crate::protocols::raft::{RaftInvariants, RaftNode};
use crate::sim::{format_time, Invariants, NodeId, Nodes, StepContext, Time, MILLI};

pub const SINGLE_WRITER: &str = "single writer";
pub const NO_WRITE_AFTER_EXPIRY: &str = "no write after expiry";
pub const HOLDER_REPLACED: &str = "crashed holder replaced";
pub const ONE_LEASE: &str = "one lease at a time";
pub const STORE_RAFT: &str = "store replicas agree";

/// Room for the two message delays a replacement waits on (the fuzzer's latencies reach
/// 100 ms).
const DELAY_ALLOWANCE: Time = 200 * MILLI;

#[derive(Clone, Debug)]
pub struct LeaseInvariants {
    /// Raft's checkers, on a replicated store's servers.
    raft: RaftInvariants,
    /// The store's lease as last seen: (token, holder, when the store granted or renewed
    /// it, on its clock).
    seen_grant: Option<(u64, NodeId, Time)>,
    /// When each lease runs out in true time.
    true_expiry: BTreeMap<u64, Time>,
    /// The storage's accepted writes counted so far.
    accepted: u64,
    /// The client each token's writes came from.
    writers: BTreeMap<u64, NodeId>,
    /// The newest token of an accepted write, and its writer.
    newest_write: Option<(u64, NodeId)>,
    /// The holder the store (in a replicated store's term) still names while it is down,
    /// and since when another client has been up to replace it (None while none is).
    down_holder: Option<(NodeId, u64, Option<Time>)>,
}

/// A replicated store's Raft servers, as Raft's checkers read them (the other servers run
/// no Raft and read as down).
struct Replicas<'a> {
    nodes: &'a dyn Nodes<LeaseNode>,
}

impl Nodes<RaftNode> for Replicas<'_> {
    fn node(&self, index: usize) -> Option<&RaftNode> {
        self.nodes.node(index).and_then(LeaseNode::raft)
    }
    fn count(&self) -> usize {
        self.nodes.count()
    }
}

/// The server that speaks for the store now: the single store, or the replica that leads
/// in the newest term and has taken the lease over.
pub fn current_store<'a>(nodes: impl IntoIterator<Item = &'a LeaseNode>) -> Option<&'a LeaseNode> {
    nodes
        .into_iter()
        .filter_map(|n| Some((n.store_term()?, n)))
        .max_by_key(|(t, _)| *t)
        .map(|(_, n)| n)
}

impl Invariants<LeaseNode> for LeaseInvariants {
    fn new(cluster_size: usize) -> Self {
        LeaseInvariants {
            raft: RaftInvariants::new(cluster_size),
            seen_grant: None,
            true_expiry: BTreeMap::new(),
            accepted: 0,
            writers: BTreeMap::new(),
            newest_write: None,
            down_holder: None,
        }
    }

    fn properties() -> &'static [&'static str] {
        &[SINGLE_WRITER, NO_WRITE_AFTER_EXPIRY, HOLDER_REPLACED, ONE_LEASE, STORE_RAFT]
    }

    fn check(
        &mut self,
        ctx: &StepContext<'_, LeaseNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        self.check_replicas(ctx, report);
        // A single store is S1 (checked first: this runs after every step); only a
        // replicated store's leader has to be looked for.
        let store = match ctx.nodes.node(STORE.index()) {
            Some(s1) if s1.raft().is_none() => Some(s1),
            _ => current_store((0..ctx.nodes.count()).filter_map(|i| ctx.nodes.node(i))),
        };
        let Some(store) = store else {
            self.down_holder = None;
            return self.check_storage(ctx, report);
        };
        if let Some(lease) = store.lease() {
            self.check_grant(ctx, store, report);
            self.check_holder(ctx, store, lease.holder, report);
        } else {
            self.down_holder = None;
        }
        self.check_storage(ctx, report);
    }

    fn settled(nodes: &[Option<LeaseNode>]) -> Result<(), String> {
        let store = current_store(nodes.iter().flatten())
            .ok_or("no server speaks for the store (it is down, or its replicas have no leader)")?;
        let lease = store.lease().ok_or("nobody holds the lease")?;
        let holder = nodes[lease.holder.index()].as_ref();
        let believes = holder.and_then(LeaseNode::belief).map(|b| b.token);
        if believes != Some(lease.token) {
            return Err(format!(
                "the store names {} holder (token {}), which does not know it",
                lease.holder, lease.token
            ));
        }
        Ok(())
    }
}

impl LeaseInvariants {
    /// Raft's properties on a replicated store; each broken one is told as the store's.
    fn check_replicas(
        &mut self,
        ctx: &StepContext<'_, LeaseNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let touched = ctx.touched.and_then(|id| ctx.nodes.node(id.index()));
        if touched.and_then(LeaseNode::raft).is_none() {
            return;
        }
        let replicas = Replicas { nodes: ctx.nodes };
        let inner = StepContext {
            step: ctx.step,
            time: ctx.time,
            nodes: &replicas,
            touched: ctx.touched,
            lost: ctx.lost,
            timing_faults: ctx.timing_faults,
        };
        self.raft.check(&inner, &mut |property, detail| {
            report(STORE_RAFT, format!("{property}: {detail}"))
        });
    }

    /// Notes each grant and renewal at the store, with when it runs out in true time, and
    /// checks that a grant to another client comes after the last lease ran out.
    fn check_grant(
        &mut self,
        ctx: &StepContext<'_, LeaseNode>,
        store: &LeaseNode,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let Some(lease) = store.lease() else { return };
        let seen = (lease.token, lease.holder, lease.granted_at);
        if self.seen_grant == Some(seen) {
            return;
        }
        // A grant to another client (under a new token, or with the reuse bug the same one)
        // needs the last holder's lease run out or given back.
        if let Some((old, old_holder, _)) = self.seen_grant.replace(seen) {
            let running = self.true_expiry.get(&old).is_none_or(|&at| ctx.time < at);
            let given_back = store.released() >= old;
            if old_holder != lease.holder && running && !given_back && ctx.timing_faults == 0 {
                let left = self.true_expiry.get(&old).map_or("it never expires".into(), |&at| {
                    format!("it runs until {}", format_time(at))
                });
                report(
                    ONE_LEASE,
                    format!(
                        "{} (the store) granted the lease to {} (token {}) at {} while {old_holder}'s lease {old} still held: {left}",
                        store.id(),
                        lease.holder,
                        lease.token,
                        format_time(ctx.time),
                    ),
                );
            }
        }
        self.note_expiry(ctx, store);
    }

    /// When the store's lease runs out in true time: as long from now as the store counts
    /// on its clock. A lease only ever runs longer: the store promised its holder the
    /// furthest.
    fn note_expiry(&mut self, ctx: &StepContext<'_, LeaseNode>, store: &LeaseNode) {
        let Some(lease) = store.lease() else { return };
        let Some(expires) = lease.expires else { return };
        let at = ctx.time + expires.saturating_sub(lease.granted_at);
        let known = self.true_expiry.entry(lease.token).or_insert(at);
        *known = (*known).max(at);
    }

    fn check_storage(
        &mut self,
        ctx: &StepContext<'_, LeaseNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let Some(storage) = ctx.touched.and_then(|id| ctx.nodes.node(id.index())) else { return };
        if storage.role() != Role::Storage {
            return;
        }
        let (accepted, last) = storage.stored();
        if accepted == self.accepted {
            return;
        }
        self.accepted = accepted;
        let Some(write) = last else { return };
        let (from, token) = (write.from, write.token);
        let first = *self.writers.entry(token).or_insert(from);
        if first != from {
            report(
                SINGLE_WRITER,
                format!(
                    "the storage accepted writes under token {token} from both {first} and {from}"
                ),
            );
        }
        match self.newest_write {
            Some((newest, by)) if newest > token => report(
                SINGLE_WRITER,
                format!("the storage accepted {from}'s write under token {token} after {by}'s under token {newest}: two clients wrote as the holder"),
            ),
            _ => self.newest_write = Some((token, from)),
        }
        let fences = storage.config().variant.fences();
        if let Some(&expiry) = self.true_expiry.get(&token).filter(|&&at| !fences && ctx.time > at)
        {
            report(
                NO_WRITE_AFTER_EXPIRY,
                format!(
                    "the storage accepted {from}'s {} under lease {token} at {}, though that lease ran out at {}",
                    write.value,
                    format_time(ctx.time),
                    format_time(expiry)
                ),
            );
        }
    }

    fn check_holder(
        &mut self,
        ctx: &StepContext<'_, LeaseNode>,
        store: &LeaseNode,
        holder: NodeId,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        if ctx.nodes.node(holder.index()).is_some() {
            self.down_holder = None;
            return;
        }
        let others_up = (0..ctx.nodes.count())
            .filter(|&i| i != holder.index())
            .filter_map(|i| ctx.nodes.node(i))
            .any(|n| n.role() == Role::Client);
        // A replicated store's new leader counts the lease afresh: so does the deadline.
        let term = store.store_term().unwrap_or(0);
        let before = match self.down_holder {
            Some((h, t, since)) if h == holder && t == term => since,
            _ => None,
        };
        let since = others_up.then(|| before.unwrap_or(ctx.time));
        self.down_holder = Some((holder, term, since));
        let Some(since) = since else { return };
        let config = store.config();
        let deadline = since + config.ttl + config.renew_every + DELAY_ALLOWANCE;
        let timely = ctx.lost == 0 && ctx.timing_faults == 0;
        if timely && ctx.time > deadline {
            report(
                HOLDER_REPLACED,
                format!(
                    "{holder} crashed holding the lease and the store still names it at {}, though another client has been up to take over since {}: the lock is stuck",
                    format_time(ctx.time),
                    format_time(since)
                ),
            );
        }
    }
}
