//! Randomized fault testing: a seeded schedule of crashes, restarts, partitions (symmetric and
//! one-way), loss, duplication and client load, followed by a heal phase in which the cluster
//! must recover. The checkers run after every step throughout.

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::action::{Action, MemberChange, Target};
use super::check::{Invariants, Violation};
use super::id::NodeId;
use super::network::NetworkParams;
use super::node::Node;
use super::time::{Time, MILLI, SECOND};
use super::trace::Record;
use super::world::{Sim, SimConfig};

#[derive(Clone, Debug)]
pub struct FuzzConfig {
    /// Cluster sizes to draw from, one per seed. Small clusters make rare interleavings (two
    /// votes from one restarted server, a minority that still decides) far more likely.
    pub sizes: Vec<usize>,
    /// Faults happen in `[0, fault_phase)`.
    pub fault_phase: Time,
    /// After the faults stop and everything heals, the cluster has this long to settle.
    pub heal_phase: Time,
    /// Mean gap between two faults.
    pub fault_gap: Time,
    /// Mean gap between two client requests.
    pub request_gap: Time,
    /// Clients also tell servers to `leave` and later `join` (for protocols whose commands
    /// include them); every server is told to join when the faults stop.
    pub leave_and_join: bool,
    /// Clients also read keys (`get k1`), for protocols whose clients can; their histories
    /// are then checked for linearizability.
    pub reads: bool,
    /// The leader is also asked to add and remove servers and learners (for protocols with
    /// membership changes).
    pub membership: bool,
    /// Pauses and clock faults.
    pub clocks: ClockFaults,
}

/// Which pause and clock faults a schedule may hold. Each seed switches pauses and clock
/// changes on or off as it does the other faults, and every clock runs true again when the
/// faults stop (the readings keep what they gained or lost).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockFaults {
    /// Servers (the leader half the time) stop for up to 1.5 s.
    pub pauses: bool,
    /// Clocks run up to this fast or slow (parts per million); 0 keeps them true.
    pub max_drift_ppm: i32,
    /// Clocks are stepped up to a second either way.
    pub jumps: bool,
    /// A server the schedule never pauses.
    pub never_paused: Option<NodeId>,
}

impl ClockFaults {
    /// No pause and true clocks.
    pub const NONE: ClockFaults =
        ClockFaults { pauses: false, max_drift_ppm: 0, jumps: false, never_paused: None };
    /// The clocks of real machines: NTP keeps them within a few hundred ppm and never steps
    /// them. What a protocol that reads clocks (a lease) may be asked to survive.
    pub const DISCIPLINED: ClockFaults =
        ClockFaults { pauses: true, max_drift_ppm: 500, jumps: false, never_paused: None };
}

impl Default for ClockFaults {
    /// Everything: pauses, clocks ±20 % off, jumps. Safety that never reads a clock must
    /// survive it.
    fn default() -> Self {
        ClockFaults { pauses: true, max_drift_ppm: 200_000, jumps: true, never_paused: None }
    }
}

impl Default for FuzzConfig {
    fn default() -> Self {
        FuzzConfig {
            sizes: vec![3, 5],
            fault_phase: 2 * SECOND,
            heal_phase: 3 * SECOND,
            fault_gap: 120 * MILLI,
            request_gap: 40 * MILLI,
            leave_and_join: false,
            reads: false,
            membership: false,
            clocks: ClockFaults::default(),
        }
    }
}

/// What one seed found.
#[derive(Clone, Debug)]
pub struct FuzzOutcome {
    pub seed: u64,
    pub steps: u64,
    pub violations: Vec<Violation>,
    /// Set when the cluster failed to recover after the heal phase.
    pub unsettled: Option<String>,
}

impl FuzzOutcome {
    pub fn passed(&self) -> bool {
        self.violations.is_empty() && self.unsettled.is_none()
    }
}

/// The kinds of fault a schedule can contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    CrashAndRestart,
    CrashLeader,
    Restart,
    Partition,
    Isolate,
    Cut,
    Heal,
    Loss,
    Duplicate,
    Latency,
    Timeout,
    /// The leader hands its leadership to a random server (a no-op for protocols without
    /// leadership transfer).
    Transfer,
}

const FAULTS: [Fault; 12] = [
    Fault::CrashAndRestart,
    Fault::CrashLeader,
    Fault::Restart,
    Fault::Partition,
    Fault::Isolate,
    Fault::Cut,
    Fault::Heal,
    Fault::Loss,
    Fault::Duplicate,
    Fault::Latency,
    Fault::Timeout,
    Fault::Transfer,
];

/// Builds the fault schedule for `seed`: client load and faults, then a heal at `fault_phase`.
///
/// Schedules follow swarm testing (Groce et al., ISSTA 2012): each seed enables a random
/// subset of fault kinds and draws its own rates, instead of every seed mixing every fault
/// at one rate. Bugs that need a precise sequence (the Figure 8 commit) show up when the
/// faults that would break that sequence happen to be switched off.
pub fn schedule(config: &FuzzConfig, seed: u64) -> Vec<(Time, Action<String>)> {
    // A stream separate from the simulator's, so schedules and runs vary independently.
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ 0x5eed_fa17_5eed_fa17);
    let nodes = cluster_size(config, seed);
    let n = nodes as u32;
    let node = |rng: &mut Xoshiro256PlusPlus| NodeId(rng.random_range(0..n));
    let mut actions = Vec::new();

    let enabled: Vec<Fault> = FAULTS.iter().copied().filter(|_| rng.random_bool(0.5)).collect();
    let request_gap = rng.random_range(config.request_gap / 4..=config.request_gap * 8).max(1);
    let fault_gap = rng.random_range(config.fault_gap / 4..=config.fault_gap * 2).max(1);
    let burstiness = rng.random_range(0..=50u32) as f64 / 100.0;
    let to_leader = rng.random_range(0..=100u32) as f64 / 100.0;

    let mut t = 0;
    let mut request = 0u64;
    loop {
        t += rng.random_range(1..=2 * request_gap);
        if t >= config.fault_phase + config.heal_phase / 2 {
            break;
        }
        request += 1;
        let mut target =
            if rng.random_bool(to_leader) { Target::LEADER } else { Target::Node(node(&mut rng)) };
        // Servers outside the configuration know no leader to forward to; once the faults
        // stop, clients of a cluster whose membership changed find the leader, or entries of
        // earlier terms would wait for ever for a write to commit them (without the no-op).
        if config.membership && t >= config.fault_phase {
            target = Target::LEADER;
        }
        let key = rng.random_range(0..4u32);
        // Drawn only when reads are on, so other protocols' schedules stay as they were.
        let command = if config.reads && rng.random_bool(0.4) {
            format!("get k{key}")
        } else {
            format!("k{key}={request}")
        };
        actions.push((t, Action::Client { node: target, command }));
    }

    let mut t = 0;
    while !enabled.is_empty() {
        // Faults come in bursts: the interesting interleavings (a vote, a crash and a restart
        // inside one election) need several faults within a few milliseconds.
        t += if rng.random_bool(burstiness) {
            rng.random_range(1..=15 * MILLI)
        } else {
            rng.random_range(1..=2 * fault_gap)
        };
        if t >= config.fault_phase {
            break;
        }
        let fault = enabled[rng.random_range(0..enabled.len() as u32) as usize];
        let action = match fault {
            Fault::CrashAndRestart => {
                // Short bounces catch state a restart should have kept (votedFor, promises).
                let victim = node(&mut rng);
                let down_for = if rng.random_bool(0.5) {
                    rng.random_range(1..=40u64) * MILLI
                } else {
                    rng.random_range(40..=400u64) * MILLI
                };
                actions.push((t + down_for, Action::Restart { node: victim }));
                Action::Crash { node: Target::Node(victim) }
            }
            Fault::CrashLeader => Action::Crash { node: Target::LEADER },
            Fault::Restart => Action::Restart { node: node(&mut rng) },
            Fault::Partition => {
                let mut groups = vec![Vec::new(), Vec::new()];
                for id in NodeId::all(nodes) {
                    groups[usize::from(rng.random_bool(0.5))].push(id);
                }
                Action::Partition { groups }
            }
            Fault::Isolate => Action::Isolate {
                node: if rng.random_bool(0.7) {
                    Target::LEADER
                } else {
                    Target::Node(node(&mut rng))
                },
            },
            Fault::Cut => Action::Cut { from: node(&mut rng), to: node(&mut rng) },
            Fault::Heal => Action::Heal,
            Fault::Loss => Action::Network {
                loss: Some(rng.random_range(0..=50u32) as f64 / 100.0),
                duplicate: None,
                latency: None,
                link: None,
            },
            Fault::Duplicate => Action::Network {
                loss: None,
                duplicate: Some(rng.random_range(0..=30u32) as f64 / 100.0),
                latency: None,
                link: None,
            },
            Fault::Latency => {
                let max = rng.random_range(2..=100u64) * MILLI;
                Action::Network {
                    loss: None,
                    duplicate: None,
                    latency: Some((MILLI, max)),
                    link: None,
                }
            }
            Fault::Timeout => Action::Timeout { node: Target::Node(node(&mut rng)) },
            Fault::Transfer => Action::Transfer { to: node(&mut rng) },
        };
        actions.push((t, action));
    }

    if config.leave_and_join {
        // A stream of its own, so the other faults' schedule is the same with or without.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ 0x1ea5_e10e_1ea5_e10e);
        for _ in 0..rng.random_range(0..=3u32) {
            let at = rng.random_range(0..config.fault_phase);
            let away = rng.random_range(20..=800u64) * MILLI;
            let who = Target::Node(node(&mut rng));
            actions.push((at, Action::Client { node: who, command: "leave".into() }));
            actions.push((at + away, Action::Client { node: who, command: "join".into() }));
        }
    }

    if config.membership {
        // A stream of its own, like leaves and joins: single changes, and episodes of a
        // change, the leader cut off soon after it (the change then sits uncommitted in few
        // logs) and back later, and a removal about when the next leader takes over. That
        // is the interleaving where a leader's change and its successor's can both take
        // effect (from four voters, two changes can leave majorities that do not overlap).
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ 0x6e3b_e125_6e3b_e125);
        let change = |rng: &mut Xoshiro256PlusPlus| {
            // A removal changes the voters at once; an addition first adds a learner.
            let change = match rng.random_range(0..4u32) {
                0 => MemberChange::AddServer,
                1 => MemberChange::AddLearner,
                _ => MemberChange::RemoveServer,
            };
            Action::Membership { change, node: node(rng) }
        };
        for _ in 0..rng.random_range(0..=4u32) {
            let at = rng.random_range(0..config.fault_phase);
            actions.push((at, change(&mut rng)));
            if rng.random_bool(0.5) {
                let cut_at = at + rng.random_range(0..=30 * MILLI);
                actions.push((cut_at, Action::Isolate { node: Target::LEADER }));
                actions.push((cut_at + rng.random_range(300..=900u64) * MILLI, Action::Heal));
                // The next leader removes a server that is down, so the removal never
                // reaches it; back up, that server can still vote by the old log.
                let removed = node(&mut rng);
                let next = at + rng.random_range(150..=450u64) * MILLI;
                actions.push((next, Action::Crash { node: Target::Node(removed) }));
                let change = MemberChange::RemoveServer;
                actions.push((next + MILLI, Action::Membership { change, node: removed }));
                let back = next + rng.random_range(50..=300u64) * MILLI;
                actions.push((back, Action::Restart { node: removed }));
            }
        }
    }

    clock_faults(config, seed, nodes, &mut actions);

    let heal = config.fault_phase;
    let calm = NetworkParams::default();
    actions.push((heal, Action::Heal));
    actions.push((
        heal,
        Action::Network {
            loss: Some(0.0),
            duplicate: Some(0.0),
            latency: Some(calm.latency),
            link: None,
        },
    ));
    for id in NodeId::all(nodes) {
        actions.push((heal, Action::Restart { node: id }));
    }
    if config.leave_and_join {
        for id in NodeId::all(nodes) {
            let join = Action::Client { node: Target::Node(id), command: "join".into() };
            actions.push((heal, join));
        }
    }
    actions.sort_by_key(|(t, _)| *t);
    actions
}

/// Pauses and clock changes, from a stream of their own so the other faults' schedule is the
/// same with or without them; each kind is on for about half the seeds.
fn clock_faults(
    config: &FuzzConfig,
    seed: u64,
    nodes: usize,
    actions: &mut Vec<(Time, Action<String>)>,
) {
    let ClockFaults { pauses, max_drift_ppm, jumps, never_paused } = config.clocks;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed ^ 0xc10c_c10c_5105_7011);
    let n = nodes as u32;
    // Like every fault, a pause is over when the faults stop, and requests it held run
    // before the heal's.
    let last = config.fault_phase.saturating_sub(MILLI);
    if pauses && last > 0 && rng.random_bool(0.5) {
        for _ in 0..rng.random_range(1..=3u32) {
            let at = rng.random_range(0..last);
            // Short pauses hide in a heartbeat interval; long ones outlast a lease or an
            // election timeout, after which the node wakes with beliefs gone stale.
            let duration = if rng.random_bool(0.5) {
                rng.random_range(1..=300u64) * MILLI
            } else {
                rng.random_range(300..=1_500u64) * MILLI
            };
            let duration = duration.min(last - at);
            let node = if rng.random_bool(0.5) {
                Target::LEADER
            } else {
                Target::Node(NodeId(rng.random_range(0..n)))
            };
            if never_paused.is_none_or(|spared| node != Target::Node(spared)) {
                actions.push((at, Action::Pause { node, duration }));
            }
        }
    }
    if (max_drift_ppm > 0 || jumps) && rng.random_bool(0.5) {
        for _ in 0..rng.random_range(1..=4u32) {
            let at = rng.random_range(0..config.fault_phase);
            let node = NodeId(rng.random_range(0..n));
            let drift_ppm =
                (max_drift_ppm > 0).then(|| rng.random_range(-max_drift_ppm..=max_drift_ppm));
            let jump = (jumps && rng.random_bool(0.5))
                .then(|| rng.random_range(-1_000i64..=1_000) * MILLI as i64);
            if drift_ppm.is_some() || jump.is_some() {
                actions.push((at, Action::Clock { node, drift_ppm, jump }));
            }
        }
        for id in NodeId::all(nodes) {
            let calm = Action::Clock { node: id, drift_ppm: Some(0), jump: None };
            actions.push((config.fault_phase, calm));
        }
    }
}

/// The cluster size used for `seed`.
pub fn cluster_size(config: &FuzzConfig, seed: u64) -> usize {
    config.sizes[(seed % config.sizes.len().max(1) as u64) as usize]
}

/// Runs one seed of the randomized tester on protocol `N`.
pub fn run<N: Node>(config: &FuzzConfig, protocol: &N::Config, seed: u64) -> FuzzOutcome {
    run_observed::<N>(config, protocol, seed, None)
}

/// Sees each step's trace records.
pub type StepObserver<'a, N> = dyn FnMut(&[Record<N>]) + 'a;

/// `run`, handing each step's trace records to `observe` (which turns recording on).
pub fn run_observed<N: Node>(
    config: &FuzzConfig,
    protocol: &N::Config,
    seed: u64,
    mut observe: Option<&mut StepObserver<'_, N>>,
) -> FuzzOutcome {
    let mut sim_config = SimConfig::new(cluster_size(config, seed), seed);
    sim_config.record = observe.is_some();
    let mut sim = Sim::<N>::new(sim_config, protocol.clone());
    for (at, action) in schedule(config, seed) {
        match action.try_map_command(|c| c.parse::<N::Command>()) {
            Ok(action) => sim.schedule(at, action, None),
            Err(e) => panic!("the fuzz schedule wrote a command its protocol rejects: {e}"),
        }
    }
    let end = config.fault_phase + config.heal_phase;
    while sim.next_event_time().is_some_and(|t| t <= end) && sim.violations().is_empty() {
        sim.step();
        if let Some(observe) = observe.as_mut() {
            observe(sim.records());
        }
    }
    let unsettled =
        if sim.violations().is_empty() { N::Invariants::settled(sim.nodes()).err() } else { None };
    FuzzOutcome { seed, steps: sim.steps(), violations: sim.violations().to_vec(), unsettled }
}
