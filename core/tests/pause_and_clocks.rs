//! The pause and clock faults, on the smallest protocol that shows them: each node ticks every
//! 100 ms of its own clock, tells its neighbour, and reports what its clock read.

use std::fmt;
use std::str::FromStr;

use clusterscope_core::sim::{
    action_code, Action, ClientRequest, Delay, Invariants, Node, NodeId, Out, RecordKind, Sim,
    SimConfig, StepContext, Target, MILLI, SECOND,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug)]
struct Ticker {
    id: NodeId,
    size: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Poke(String);

impl fmt::Display for Poke {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Poke {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(Poke(s.to_string()))
    }
}

/// What a ticker reports: its clock's reading at a tick, a message or a request.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
enum Saw {
    Tick(u64),
    Message(u64),
    Request(u64),
}

#[derive(Clone, Debug)]
struct NoChecks;

impl Invariants<Ticker> for NoChecks {
    fn new(_: usize) -> Self {
        NoChecks
    }
    fn properties() -> &'static [&'static str] {
        &[]
    }
    fn check(&mut self, _: &StepContext<'_, Ticker>, _: &mut dyn FnMut(&'static str, String)) {}
    fn settled(_: &[Option<Ticker>]) -> Result<(), String> {
        Ok(())
    }
}

const TICK: u64 = 100 * MILLI;

impl Node for Ticker {
    type Config = ();
    type Msg = ();
    type Timer = u8;
    type Event = Saw;
    type Command = Poke;
    type Persistent = ();
    type View = ();
    type Invariants = NoChecks;
    const PROTOCOL: &'static str = "ticker";

    fn boot(id: NodeId, size: usize, _: &()) -> Self {
        Ticker { id, size }
    }
    fn recover(id: NodeId, size: usize, _: &(), _: ()) -> Self {
        Ticker { id, size }
    }
    fn persistent(&self) {}
    fn on_start(&mut self, out: &mut Out<Self>) {
        out.set_timer(0, Delay::exactly(TICK));
    }
    fn on_message(&mut self, _: NodeId, _: (), out: &mut Out<Self>) {
        out.event(Saw::Message(out.now()));
    }
    fn on_timer(&mut self, _: u8, out: &mut Out<Self>) {
        out.event(Saw::Tick(out.now()));
        out.send(NodeId((self.id.0 + 1) % self.size as u32), ());
        out.set_timer(0, Delay::exactly(TICK));
    }
    fn on_client(&mut self, _: ClientRequest<Poke>, out: &mut Out<Self>) {
        out.event(Saw::Request(out.now()));
    }
    fn view(&self) {}
}

/// Runs two tickers (1 ms links) to `end` and returns what each saw, with the true time.
fn run(actions: &[(u64, Action<Poke>)], end: u64) -> Vec<(u64, NodeId, Saw)> {
    let mut config = SimConfig::new(2, 7);
    config.network.latency = (MILLI, MILLI);
    let mut sim = Sim::<Ticker>::new(config, ());
    for (at, action) in actions {
        sim.schedule(*at, action.clone(), None);
    }
    let mut seen = Vec::new();
    while sim.next_event_time().is_some_and(|t| t <= end) {
        sim.step();
        for record in sim.records() {
            if let RecordKind::Node { node, event } = &record.kind {
                seen.push((record.time, *node, event.clone()));
            }
        }
    }
    seen
}

fn of(seen: &[(u64, NodeId, Saw)], node: u32) -> Vec<(u64, Saw)> {
    seen.iter().filter(|(_, n, _)| n.0 == node).map(|(t, _, s)| (*t, s.clone())).collect()
}

#[test]
fn a_paused_node_does_nothing_then_handles_everything_it_missed_at_once() {
    let pause = Action::Pause { node: Target::Node(NodeId(0)), duration: 350 * MILLI };
    let poke = Action::Client { node: Target::Node(NodeId(0)), command: Poke("hi".into()) };
    let seen = run(&[(150 * MILLI, pause), (200 * MILLI, poke)], SECOND);
    let s1 = of(&seen, 0);
    // Nothing happens to S1 while it is paused, from 150 ms to 500 ms.
    assert!(s1.iter().all(|(t, _)| *t <= 150 * MILLI || *t >= 500 * MILLI), "{s1:?}");
    // At 500 ms it handles, in their order, the tick due at 200 ms, the messages S2 sent at
    // 200, 300 and 400 ms, and the request held since 200 ms; its clock reads 500 ms.
    let at_resume: Vec<&Saw> =
        s1.iter().filter(|(t, _)| *t == 500 * MILLI).map(|(_, s)| s).collect();
    assert_eq!(at_resume.iter().filter(|s| matches!(s, Saw::Tick(_))).count(), 1);
    assert_eq!(at_resume.iter().filter(|s| matches!(s, Saw::Message(_))).count(), 3);
    assert!(at_resume.contains(&&Saw::Request(500 * MILLI)), "{at_resume:?}");
    // Its tick is re-armed from then: the next is at 600 ms.
    assert!(s1.contains(&(600 * MILLI, Saw::Tick(600 * MILLI))), "{s1:?}");
    // S2 never paused.
    assert!(of(&seen, 1).contains(&(300 * MILLI, Saw::Tick(300 * MILLI))));
}

#[test]
fn a_drifting_clock_stretches_timers_and_a_jump_moves_only_the_reading() {
    let slow = Action::Clock { node: NodeId(0), drift_ppm: Some(-500_000), jump: None };
    let back = Action::Clock { node: NodeId(0), drift_ppm: None, jump: Some(-40 * MILLI as i64) };
    let seen = run(&[(0, slow), (450 * MILLI, back)], 1_000 * MILLI);
    let ticks: Vec<(u64, Saw)> =
        of(&seen, 0).into_iter().filter(|(_, s)| matches!(s, Saw::Tick(_))).collect();
    // The first tick was armed before the clock slowed and keeps its time. At half speed the
    // clock reads half of true time and a 100 ms tick takes 200 ms; the jump back at 450 ms
    // takes 40 ms off every later reading, and nothing off the timers.
    assert_eq!(
        ticks,
        [
            (100 * MILLI, Saw::Tick(50 * MILLI)),
            (300 * MILLI, Saw::Tick(150 * MILLI)),
            (500 * MILLI, Saw::Tick(210 * MILLI)),
            (700 * MILLI, Saw::Tick(310 * MILLI)),
            (900 * MILLI, Saw::Tick(410 * MILLI)),
        ]
    );
}

#[test]
fn pause_and_clock_actions_round_trip_through_links_and_refuse_absurd_values() {
    let actions = [
        Action::Pause { node: Target::LEADER, duration: 2 * SECOND },
        Action::Pause { node: Target::Node(NodeId(2)), duration: 1 },
        Action::Clock { node: NodeId(1), drift_ppm: Some(-200_000), jump: Some(-5_000) },
        Action::Clock { node: NodeId(0), drift_ppm: None, jump: Some(3 * SECOND as i64) },
        Action::Clock { node: NodeId(0), drift_ppm: Some(200), jump: None },
    ];
    for action in actions {
        let code = action_code::encode_action(&action);
        assert_eq!(action_code::decode_action(&code), Ok(action.clone()), "{code}");
        assert!(action.check_values().is_ok());
    }
    for bad in ["Z1.0", "Z1.99999999999", "Q1F600000", "Q1J-9999999999", "Q1X5"] {
        let refused = match action_code::decode_action(bad) {
            Ok(action) => action.check_values().err(),
            Err(e) => Some(e),
        };
        assert!(refused.is_some(), "{bad} should be refused");
    }
}

/// The randomized tester really pauses servers and skews clocks: each kind in about half the
/// seeds, as swarm testing switches the other faults.
#[test]
fn fuzz_schedules_pause_servers_and_skew_clocks() {
    use clusterscope_core::sim::fuzz::{schedule, FuzzConfig};
    let config = FuzzConfig::default();
    let (mut paused, mut skewed) = (0, 0);
    for seed in 0..400 {
        let actions = schedule(&config, seed);
        paused += usize::from(actions.iter().any(|(_, a)| matches!(a, Action::Pause { .. })));
        let skews = |a: &Action<String>| matches!(a, Action::Clock { drift_ppm, jump, .. } if *drift_ppm != Some(0) || jump.is_some());
        skewed += usize::from(actions.iter().any(|(_, a)| skews(a)));
        for (at, action) in &actions {
            if let Action::Pause { duration, .. } = action {
                assert!(
                    at + duration < config.fault_phase,
                    "seed {seed}: a pause outlasts the faults"
                );
            }
        }
    }
    assert!((120..280).contains(&paused), "{paused} of 400 seeds pause a server");
    assert!((120..280).contains(&skewed), "{skewed} of 400 seeds skew a clock");
}
