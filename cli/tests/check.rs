//! `clusterscope check` through the real binary: a bug's counterexample is printed, written
//! as a scenario, and that scenario (like the shipped ones) replays to the same violation;
//! the correct protocol passes; bad input is refused with a reason.

mod common;

use common::{clusterscope, repo_root};
use serde_json::Value;

fn json(args: &[&str]) -> (bool, Value) {
    let output = clusterscope(args);
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.success(), report)
}

/// The properties `run` reports broken for a scenario file.
fn broken_when_run(path: &str) -> Vec<String> {
    let output = clusterscope(&["run", path, "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    properties(&report)
}

/// A fresh directory for this test's files (removed at its end).
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("clusterscope-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

fn properties(report: &Value) -> Vec<String> {
    report["violations"]
        .as_array()
        .expect("a list of violations")
        .iter()
        .map(|v| v["property"].as_str().expect("text").to_string())
        .collect()
}

/// The same, with the client history checked (Raft, Multi-Paxos): "linearizability" is
/// among them if it is not linearizable.
fn broken_when_run_with_history(path: &str) -> Vec<String> {
    let output = clusterscope(&["run", path, "--json", "--check-linearizable"]);
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let mut broken = properties(&report);
    if report["history"]["linearizability"]["verdict"] == "violation" {
        assert!(!output.status.success(), "a history that is not linearizable fails the run");
        broken.push("linearizability".to_string());
    }
    broken
}

#[test]
fn a_bug_is_found_written_as_a_scenario_and_replayed_by_run() {
    let dir = scratch("check");
    let out = dir.join("accept-below.toml");
    let out = out.to_str().expect("a UTF-8 path");
    let args = ["check", "--protocol", "paxos", "--bug", "accept_below_promise", "--out", out];
    let (passed, report) = json(&[&args[..], &["--json"]].concat());
    assert!(!passed, "a violation exits with failure");
    assert_eq!(report["outcome"], "violation");
    let violation = &report["violation"];
    assert_eq!(violation["property"], "stability");
    assert_eq!(violation["moves"].as_array().expect("moves").len(), 13);
    let unique = report["unique_states"].as_f64().expect("a count");
    assert!(unique > 1000.0);
    // Every pair of distinct states, each sharing a fingerprint with chance 2^-64.
    let collision = report["fingerprint_collision_chance"].as_f64().expect("a chance");
    let pairs = unique * (unique - 1.0) / 2.0;
    assert!((collision / (pairs / 2_f64.powi(64)) - 1.0).abs() < 1e-9, "{collision}");
    assert_eq!(broken_when_run(out), ["stability"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_search_for_the_shortest_ends_with_a_shortest_counterexample_in_little_memory() {
    let dir = scratch("shortest");
    let out = dir.join("forget.toml");
    let out = out.to_str().expect("a UTF-8 path");
    // Depth-first search alone reports a path of 25 moves from this bound; breadth-first
    // search's shortest is 15.
    let args = ["check", "--protocol", "paxos", "--bug", "forget_promise", "--max-depth", "25"];
    let (passed, report) = json(&[&args[..], &["--shortest", "--json", "--out", out]].concat());
    assert!(!passed, "a violation exits with failure");
    assert_eq!((&report["search"], &report["outcome"]), (&"shortest".into(), &"violation".into()));
    let violation = &report["violation"];
    assert_eq!(violation["moves"].as_array().expect("moves").len(), 15);
    assert_eq!(violation["shortest"], true);
    assert_eq!(report["depth_bound_now"], 14);
    assert_eq!(broken_when_run(out), ["stability"]);
    let scenario = std::fs::read_to_string(out).expect("written");
    assert!(scenario.contains("a shortest path: nothing shorter breaks a property"), "{scenario}");

    // Stopped by its state bound once it has one: printed, and said not to be known shortest.
    let (_, stopped) =
        json(&[&args[..], &["--shortest", "--json", "--max-states", "300000"]].concat());
    assert_eq!(stopped["outcome"], "stopped at the state bound");
    assert_eq!(stopped["violation"]["shortest"], false);
    let output = clusterscope(&[&args[..], &["--shortest", "--max-states", "300000"]].concat());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("not known to be the shortest"), "{stdout}");
    assert!(stdout.contains("chance that two of the unique states shared a fingerprint"));

    // With 128-bit keys: the same states and the same path, and the chance of a collision
    // 2^-64 as large; breadth-first search refuses them.
    let (_, wide) = json(&[&args[..], &["--shortest", "--json", "--wide"]].concat());
    assert_eq!(wide["wide"], true);
    assert_eq!(wide["unique_states"], report["unique_states"]);
    assert_eq!(wide["violation"]["moves"], report["violation"]["moves"]);
    let chance = |r: &Value| r["fingerprint_collision_chance"].as_f64().expect("a chance");
    assert!((chance(&wide) / chance(&report) * 2_f64.powi(64) - 1.0).abs() < 1e-9);
    let bfs = clusterscope(&["check", "--protocol", "paxos", "--bfs", "--wide"]);
    assert!(!bfs.status.success());
    let output = clusterscope(&["check", "--protocol", "paxos", "--wide"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("wide keys are for depth-first search"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn symmetry_reduction_finds_a_raft_bug_in_fewer_states_by_a_path_run_replays() {
    let dir = scratch("symmetry");
    let out = dir.join("stale-vote-reply.toml");
    let out = out.to_str().expect("a UTF-8 path");
    let args = ["check", "--protocol", "raft", "--bug", "stale_vote_reply", "--json"];
    let (_, full) = json(&args);
    let (passed, reduced) = json(&[&args[..], &["--symmetry", "--out", out]].concat());
    assert!(!passed, "a violation exits with failure");
    assert_eq!(reduced["symmetry"], true);
    assert_eq!(reduced["violation"]["property"], "vote counting");
    let moves = |report: &Value| report["violation"]["moves"].as_array().expect("moves").len();
    assert_eq!(moves(&reduced), moves(&full), "as short as the full search's");
    let unique = |report: &Value| report["unique_states"].as_u64().expect("a count");
    // Five servers: up to 120 renamings of each state.
    assert!(unique(&reduced) * 20 < unique(&full), "{} of {}", unique(&reduced), unique(&full));
    assert_eq!(broken_when_run(out), ["vote counting"]);
    let scenario = std::fs::read_to_string(out).expect("written");
    assert!(scenario.contains("--symmetry"), "the scenario says how it was found");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_correct_protocol_passes_its_bounds_and_reaches_its_goal() {
    let (passed, report) = json(&["check", "--protocol", "paxos", "--json"]);
    assert!(passed);
    assert_eq!(report["outcome"], "no violation up to the depth bound");
    assert_eq!(report["goals"][0]["first_reached_at_depth"], 9);
    let text = clusterscope(&[
        "check",
        "--protocol",
        "paxos",
        "--clients",
        "1",
        "--crashes",
        "0",
        "--max-depth",
        "20",
    ]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("exhausted: no property broken"), "{text}");
}

#[test]
fn the_shipped_counterexamples_replay_to_their_violations() {
    for (scenario, property) in [
        ("check-raft-forget-voted-for", "election safety"),
        ("check-raft-skip-log-check", "leader completeness"),
        ("check-raft-stale-vote-reply", "vote counting"),
        ("check-raft-figure8-commit", "committed entries held"),
        ("check-raft-early-config-change", "leader completeness"),
        ("check-paxos-ignore-promised-values", "stability"),
        ("check-paxos-forget-promise", "stability"),
        ("check-paxos-accept-below-promise", "stability"),
        ("check-multipaxos-ignore-promised-values", "stability"),
        ("check-multipaxos-accept-below-promise", "stability"),
        ("check-multipaxos-forget-promise", "stability"),
        ("check-raft-local-reads", "linearizability"),
        ("check-multipaxos-local-reads", "linearizability"),
    ] {
        let path = format!("scenarios/{scenario}.toml");
        let broken = if property == "linearizability" {
            broken_when_run_with_history(&path)
        } else {
            broken_when_run(&path)
        };
        assert!(broken.iter().any(|p| p == property), "{scenario}: {broken:?}");
    }
}

/// The shipped early_config_change counterexample breaks nothing with the rule in place:
/// S2's leader refuses to remove S3 before its no-op commits, and S1 cannot win term 3
/// with S3's vote alone.
#[test]
fn the_config_change_counterexample_breaks_nothing_without_the_bug() {
    let file = repo_root().join("scenarios/check-raft-early-config-change.toml");
    let shipped = std::fs::read_to_string(file).expect("the shipped counterexample");
    let bug = "bugs = [\"early_config_change\"]";
    assert!(shipped.contains(bug));
    let dir = scratch("config");
    let path = dir.join("correct.toml");
    std::fs::write(&path, shipped.replace(bug, "bugs = []")).expect("written");
    let output = clusterscope(&["run", path.to_str().expect("UTF-8"), "--json"]);
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(properties(&report), Vec::<String>::new());
    let server = |name: &str| {
        let list = report["final"].as_array().expect("the servers");
        list.iter().find(|s| s["node"] == name).expect("a server").clone()
    };
    assert_eq!(server("S2")["membership"]["voters"].as_array().map(Vec::len), Some(4));
    assert_eq!(server("S1")["role"], "candidate");
}

#[test]
fn bad_input_is_refused_with_a_reason() {
    for (args, reason) in [
        (&["--servers", "0"][..], "1 to 9 servers, not 0"),
        (&["--bug", "nope"][..], "unknown Paxos bug `nope`"),
        (&["--max-depth", "0"][..], "the depth bound is 1 to 10000 moves, not 0"),
        (&["--clients", "99"][..], "at most 16 client requests"),
        (&["--reads", "1"][..], "paxos's clients do not read"),
        (&["--symmetry"][..], "Basic Paxos's servers are not interchangeable"),
        (&["--shortest", "--max-depth", "300"][..], "shortest counterexample goes to 254 moves"),
        (&["--shortest", "--dfs"][..], "cannot be used with"),
    ] {
        let output = clusterscope(&[&["check", "--protocol", "paxos"][..], args].concat());
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
    }
    for (args, reason) in [
        (&["--change", "remove_server"][..], "a membership change is written"),
        (&["--change", "retire:S1"][..], "add_server|add_learner|remove_server:S<n>"),
        (&["--change", "remove_server:S9"][..], "S9 is not one of the model's 3 servers"),
    ] {
        let output = clusterscope(&[&["check", "--protocol", "raft"][..], args].concat());
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
    }
    // Membership changes and symmetry reduction go together.
    let output = clusterscope(&[
        "check",
        "--protocol",
        "raft",
        "--change",
        "remove_server:S3",
        "--symmetry",
        "--max-states",
        "2000",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("with symmetry reduction"), "{stdout}");
    assert!(stdout.contains("stopped at the state bound"), "{stdout}");
    let output = clusterscope(&["check", "--protocol", "paxos", "--change", "add_server:S1"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("paxos has no membership changes"));
    let output = clusterscope(&["check", "--protocol", "paxos", "--max-states", "2000"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("stopped at the state bound"), "{stdout}");
}
