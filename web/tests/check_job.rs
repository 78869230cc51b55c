//! The Check panel's job as the measurement worker runs it (plain Rust, so tested natively):
//! with a protocol's default bounds it finds each shipped counterexample again, and the link
//! it answers with opens in the page's session at the step where the same property breaks.
#![cfg(not(target_arch = "wasm32"))]

use clusterscope_core::model::{change_name, Bounds, Checkable};
use clusterscope_core::protocols::multipaxos::MultiPaxosNode;
use clusterscope_core::protocols::paxos::PaxosNode;
use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::Record;
use clusterscope_web::{run_check, CheckRequest, Link, Session};
use serde_json::Value;

fn request(protocol: &str, bugs: &[&str]) -> CheckRequest {
    let bug = bugs.first().copied().unwrap_or_default();
    let bounds: Bounds = match protocol {
        "raft" => RaftNode::bounds_for(bug),
        "paxos" => PaxosNode::bounds_for(bug),
        _ => MultiPaxosNode::bounds_for(bug),
    };
    CheckRequest {
        protocol: protocol.into(),
        servers: bounds.servers,
        clients: bounds.clients,
        reads: bounds.reads,
        bugs: bugs.iter().map(|b| b.to_string()).collect(),
        changes: bounds.changes.iter().map(|&change| change_name(change)).collect(),
        order: Some(bounds.order.name().into()),
        symmetry: false,
        max_depth: bounds.depth,
        crashes: bounds.faults.crashes,
        losses: bounds.faults.losses,
        duplicates: bounds.faults.duplicates,
        timers: bounds.faults.timers,
        max_states: None,
    }
}

/// The job's answer lines, or its error.
fn check(request: &CheckRequest) -> Result<Vec<Value>, String> {
    let mut lines = Vec::new();
    let mut clock = 0.0;
    let now = move || {
        clock += 100.0;
        clock
    };
    let now = std::cell::RefCell::new(now);
    run_check(request, &|| (now.borrow_mut())(), &mut |line| {
        lines.push(serde_json::from_str(&line).expect("every answer line is JSON"))
    })?;
    Ok(lines)
}

/// The properties broken at the step a session opened from `query` stands on.
fn broken_when_opened(query: &str) -> Vec<String> {
    let link = Link::parse(query).expect("the job's link parses");
    let (session, notes) = Session::open_noting(&link).expect("the job's link opens");
    assert!(notes.is_empty(), "every action of the link does something: {notes:?}");
    let trace: Value = serde_json::from_str(&session.export()).expect("a trace file");
    let records = trace["records"].as_array().expect("records");
    let mut broken: Vec<String> = records
        .iter()
        .filter(|r| r["kind"] == "violation" && r["step"] == link.step)
        .filter_map(|r| Some(r["property"].as_str()?.to_string()))
        .collect();
    // What only the clients' whole history shows, as the page's banner has it.
    if Link::protocol_of(query) == Some(Protocol::Raft) {
        let records: Vec<Record<RaftNode>> =
            serde_json::from_value(trace["records"].clone()).expect("Raft's records");
        let history = clusterscope_core::history::violation(&records);
        broken.extend(history.filter(|v| v.step == link.step).map(|v| v.property));
    }
    broken
}

#[test]
fn each_shipped_counterexample_is_found_again_and_its_link_opens_at_the_violation() {
    // Four of the twelve: this test's build is unoptimized, where the others take 5–40 s
    // each. The job is the same generic code for every protocol, and cli/tests/check.rs
    // replays all twelve.
    for name in [
        "check-paxos-accept-below-promise",
        "check-raft-forget-voted-for",
        "check-raft-skip-log-check",
        "check-raft-local-reads",
    ] {
        let file = format!("{}/../scenarios/{name}.toml", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&file).expect("a shipped counterexample");
        let shipped = Scenario::parse(&text, &file).expect("it parses");
        let bugs = match shipped.protocol.key() {
            "raft" => shipped.raft.bugs.enabled(),
            "paxos" => shipped.paxos.bugs.enabled(),
            _ => shipped.multipaxos.bugs.enabled(),
        };
        let lines = check(&request(shipped.protocol.key(), &bugs)).expect("the check runs");
        let checked = &lines.last().expect("an answer")["checked"];
        assert_eq!(checked["outcome"], "violation", "{name}");
        let violation = &checked["violation"];
        // Breadth-first search is deterministic: the same shortest path the CLI shipped.
        let found = Scenario::parse(violation["scenario"].as_str().unwrap(), name).unwrap();
        assert_eq!(found.events, shipped.events, "{name}");
        assert_eq!(violation["moves"].as_array().map(Vec::len), Some(shipped.events.len()));
        let property = violation["property"].as_str().unwrap();
        let broken = broken_when_opened(violation["link"].as_str().unwrap());
        assert!(broken.iter().any(|p| p == property), "{name}: {property} not in {broken:?}");
    }
}

/// With symmetry reduction a Raft bug is found in far fewer states, and its link opens at
/// the violation like any other; protocols whose servers are not interchangeable say why.
#[test]
fn symmetry_reduction_finds_raft_bugs_in_fewer_states_and_others_refuse_it() {
    let full = check(&request("raft", &["stale_vote_reply"])).expect("runs");
    let reduced = CheckRequest { symmetry: true, ..request("raft", &["stale_vote_reply"]) };
    let reduced = check(&reduced).expect("runs");
    let checked = |lines: &[Value]| lines.last().unwrap()["checked"].clone();
    let (full, reduced) = (checked(&full), checked(&reduced));
    assert_eq!(reduced["outcome"], "violation");
    let unique = |c: &Value| c["unique"].as_u64().unwrap();
    assert!(unique(&reduced) * 20 < unique(&full), "{} of {}", unique(&reduced), unique(&full));
    let violation = &reduced["violation"];
    assert_eq!(violation["moves"].as_array().unwrap().len(), 8, "as short as without");
    assert!(violation["scenario"].as_str().unwrap().contains("with symmetry reduction"));
    let broken = broken_when_opened(violation["link"].as_str().unwrap());
    assert!(broken.contains(&"vote counting".to_string()), "{broken:?}");
    for protocol in ["paxos", "multipaxos"] {
        let error = check(&CheckRequest { symmetry: true, ..request(protocol, &[]) })
            .expect_err("ballots tell servers apart");
        assert!(error.contains("servers are not interchangeable"), "{error}");
    }
}

#[test]
fn the_correct_protocol_passes_and_the_search_reports_as_it_goes() {
    // Two moves short of the default bound, which is a few seconds in an unoptimized build.
    let lines = check(&CheckRequest { max_depth: 13, ..request("paxos", &[]) }).expect("runs");
    let checked = &lines.last().unwrap()["checked"];
    assert_eq!(checked["outcome"], "no violation up to the depth bound");
    assert!(checked["violation"].is_null());
    let unique = checked["unique"].as_f64().unwrap();
    assert!(unique > 100_000.0);
    // What "no violation" rests on: about unique²/2 pairs, each 2^-64 likely to collide.
    let collision = checked["collision_chance"].as_f64().expect("a chance");
    assert!((collision * 2_f64.powi(65) / (unique * unique) - 1.0).abs() < 1e-3, "{collision}");
    // Each goal is reached somewhere within the bound.
    for goal in checked["goals"].as_array().unwrap() {
        assert!(goal["depth"].is_u64(), "{goal}");
    }
    // The test's clock moves 100 ms a look, so the page hears of the search on the way.
    let searching: Vec<&Value> = lines.iter().filter_map(|l| l.get("searching")).collect();
    assert!(!searching.is_empty());
    assert!(searching.windows(2).all(|w| w[0]["unique"].as_u64() <= w[1]["unique"].as_u64()));
}

#[test]
fn a_search_for_the_shortest_finds_what_depth_first_search_finds_longer() {
    // One move beyond the shortest path's 13: depth-first search reports a path of 14.
    let at = |order: &str, max_states| CheckRequest {
        order: Some(order.into()),
        max_depth: 14,
        max_states,
        ..request("paxos", &["accept_below_promise"])
    };
    let checked = |r: CheckRequest| check(&r).expect("runs").last().unwrap()["checked"].clone();
    let moves = |c: &Value| c["violation"]["moves"].as_array().map(Vec::len);
    let (dfs, shortest) = (checked(at("dfs", None)), checked(at("shortest", None)));
    assert_eq!((moves(&dfs), &dfs["violation"]["shortest"]), (Some(14), &false.into()));
    assert_eq!((moves(&shortest), &shortest["outcome"]), (Some(13), &"violation".into()));
    assert_eq!(shortest["violation"]["shortest"], true);
    let scenario = shortest["violation"]["scenario"].as_str().unwrap();
    assert!(scenario.contains("a shortest path: nothing shorter breaks a property"));
    let broken = broken_when_opened(shortest["violation"]["link"].as_str().unwrap());
    assert!(broken.contains(&"stability".to_string()), "{broken:?}");
    // Stopped by its state bound after finding one: the one it has, not known shortest.
    let stopped = checked(at("shortest", Some(100_000)));
    assert_eq!(stopped["outcome"], "stopped at the state bound");
    assert_eq!((moves(&stopped), &stopped["violation"]["shortest"]), (Some(13), &false.into()));
    let scenario = stopped["violation"]["scenario"].as_str().unwrap();
    assert!(scenario.contains("the shortest path found before the search stopped at a bound"));
}

#[test]
fn bad_requests_get_a_reason_and_a_small_state_bound_stops_cleanly() {
    let with = |change: &dyn Fn(&mut CheckRequest)| {
        let mut r = request("paxos", &[]);
        change(&mut r);
        check(&r)
    };
    let refused = [
        (with(&|r| r.servers = 2), "3 to 5 servers, not 2"),
        (with(&|r| r.servers = 0), "3 to 5 servers, not 0"),
        (with(&|r| r.protocol = "gossip".into()), "not `gossip`"),
        (with(&|r| r.bugs = vec!["nope".into()]), "unknown Paxos bug `nope`"),
        (with(&|r| r.max_depth = 0), "the depth bound is 1 to 10000 moves, not 0"),
        (with(&|r| r.max_states = Some(u64::MAX)), "1 to 5000000 distinct states"),
        (with(&|r| r.clients = 99), "at most 16 client requests"),
        (with(&|r| r.reads = 1), "paxos's clients do not read"),
        (with(&|r| r.changes = vec!["add_server:S1".into()]), "paxos has no membership changes"),
        (with(&|r| r.order = Some("random".into())), "bfs, dfs or shortest, not `random`"),
        (
            with(&|r| (r.order, r.max_depth) = (Some("shortest".into()), 300)),
            "goes to 254 moves at most, not 300",
        ),
    ];
    for (answer, reason) in refused {
        let error = answer.expect_err(reason);
        assert!(error.contains(reason), "{error:?} should say {reason:?}");
    }
    let lines = with(&|r| r.max_states = Some(2000)).expect("a bounded check runs");
    assert_eq!(lines.last().unwrap()["checked"]["outcome"], "stopped at the state bound");
    // Raft's early_config_change bounds ask the leader for two membership changes; its
    // counterexample lies beyond the page's state bound and ships with the page instead.
    let mut config = request("raft", &["early_config_change"]);
    assert_eq!(config.changes, ["remove_server:S4", "remove_server:S3"]);
    config.max_states = Some(2000);
    let lines = check(&config).expect("a check with membership changes runs");
    assert_eq!(lines.last().unwrap()["checked"]["outcome"], "stopped at the state bound");
    config.symmetry = true;
    let lines = check(&config).expect("membership changes with symmetry reduction");
    assert_eq!(lines.last().unwrap()["checked"]["outcome"], "stopped at the state bound");
    config.symmetry = false;
    config.changes = vec!["retire:S4".into()];
    let error = check(&config).expect_err("a change the job cannot read");
    assert!(error.contains("a membership change is written"), "{error}");
}
