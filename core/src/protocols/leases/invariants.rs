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
//!   over, unless messages were lost or timing broken.

use std::collections::BTreeMap;

use super::state::{LeaseNode, Role, STORAGE, STORE};
use crate::sim::{format_time, Invariants, NodeId, StepContext, Time, MILLI};

pub const SINGLE_WRITER: &str = "single writer";
pub const NO_WRITE_AFTER_EXPIRY: &str = "no write after expiry";
pub const HOLDER_REPLACED: &str = "crashed holder replaced";

/// Room for the two message delays a replacement waits on (the fuzzer's latencies reach
/// 100 ms).
const DELAY_ALLOWANCE: Time = 200 * MILLI;

#[derive(Clone, Debug, Default)]
pub struct LeaseInvariants {
    /// The store's lease as last seen: (token, when the store granted or renewed it).
    seen_grant: Option<(u64, Time)>,
    /// When each lease runs out in true time.
    true_expiry: BTreeMap<u64, Time>,
    /// The storage's accepted writes counted so far.
    accepted: u64,
    /// The client each token's writes came from.
    writers: BTreeMap<u64, NodeId>,
    /// The newest token of an accepted write, and its writer.
    newest_write: Option<(u64, NodeId)>,
    /// The holder the store still names while it is down, and since when another client
    /// has been up to replace it (None while none is).
    down_holder: Option<(NodeId, Option<Time>)>,
}

impl Invariants<LeaseNode> for LeaseInvariants {
    fn new(_cluster_size: usize) -> Self {
        LeaseInvariants::default()
    }

    fn properties() -> &'static [&'static str] {
        &[SINGLE_WRITER, NO_WRITE_AFTER_EXPIRY, HOLDER_REPLACED]
    }

    fn check(
        &mut self,
        ctx: &StepContext<'_, LeaseNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let Some(store) = ctx.nodes.node(STORE.index()) else {
            self.down_holder = None;
            return self.check_storage(ctx, report);
        };
        let config = store.config();
        if let Some(lease) = store.lease() {
            if self.seen_grant != Some((lease.token, lease.granted_at)) {
                self.seen_grant = Some((lease.token, lease.granted_at));
                if config.variant.expires() {
                    self.true_expiry.insert(lease.token, ctx.time + config.ttl);
                }
            }
            self.check_holder(ctx, lease.holder, report);
        } else {
            self.down_holder = None;
        }
        self.check_storage(ctx, report);
    }

    fn settled(nodes: &[Option<LeaseNode>]) -> Result<(), String> {
        let store = nodes[STORE.index()].as_ref().ok_or("the store is down")?;
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
    fn check_storage(
        &mut self,
        ctx: &StepContext<'_, LeaseNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        if ctx.touched != Some(STORAGE) {
            return;
        }
        let Some(storage) = ctx.nodes.node(STORAGE.index()) else { return };
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
        holder: NodeId,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        if ctx.nodes.node(holder.index()).is_some() {
            self.down_holder = None;
            return;
        }
        let others_up = (0..ctx.nodes.count())
            .filter(|&i| i != holder.index() && Role::of(NodeId(i as u32)) == Role::Client)
            .any(|i| ctx.nodes.node(i).is_some());
        let before = match self.down_holder {
            Some((h, since)) if h == holder => since,
            _ => None,
        };
        let since = others_up.then(|| before.unwrap_or(ctx.time));
        self.down_holder = Some((holder, since));
        let Some(since) = since else { return };
        let Some(config) = ctx.nodes.node(STORE.index()).map(LeaseNode::config) else { return };
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
