//! Scenario regressions through the real binary: each shipped scenario's JSON report must
//! show what the scenario is about, and broken scenario files must fail with a message that
//! names the file, line and field (never a panic).

mod common;

use std::path::{Path, PathBuf};

use common::{clusterscope, repo_root};
use serde_json::Value;

fn report(scenario: &str) -> Value {
    let output = clusterscope(&["run", &format!("scenarios/{scenario}.toml"), "--json", "--trace"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the report is JSON")
}

fn up_nodes(report: &Value) -> Vec<&Value> {
    report["final"]
        .as_array()
        .expect("final is a list")
        .iter()
        .filter(|n| n["up"] == true)
        .collect()
}

fn trace(report: &Value) -> &Vec<Value> {
    report["trace"].as_array().expect("trace is a list")
}

/// Every live node holds the same log and has applied exactly `applied`.
fn assert_converged(report: &Value, applied: &[&str]) {
    let nodes = up_nodes(report);
    assert!(!nodes.is_empty());
    for node in &nodes {
        assert_eq!(node["log"], nodes[0]["log"], "{} has a different log", node["node"]);
        let got: Vec<&str> = node["applied"]
            .as_array()
            .expect("list")
            .iter()
            .map(|c| c.as_str().expect("text"))
            .collect();
        assert_eq!(got, applied, "{} applied the wrong commands", node["node"]);
    }
}

fn assert_no_violations(report: &Value) {
    assert_eq!(report["violations"], Value::Array(vec![]), "{}", report["violations"]);
}

fn leaders_elected(report: &Value) -> Vec<(String, u64)> {
    trace(report)
        .iter()
        .filter(|r| {
            r["kind"] == "node" && r["event"]["type"] == "role" && r["event"]["role"] == "leader"
        })
        .map(|r| {
            (
                r["node"].as_str().expect("name").to_string(),
                r["event"]["term"].as_u64().expect("term"),
            )
        })
        .collect()
}

#[test]
fn first_election_elects_exactly_one_leader_in_term_1() {
    let report = report("first-election");
    assert_no_violations(&report);
    let leaders = leaders_elected(&report);
    assert_eq!(leaders.len(), 1, "{leaders:?}");
    assert_eq!(leaders[0].1, 1);
    assert_eq!(report["leader"], leaders[0].0.as_str());
    let votes = trace(&report)
        .iter()
        .filter(|r| r["kind"] == "node" && r["event"]["type"] == "vote_granted")
        .count();
    assert!(votes >= 2, "a 5-node leader needs at least 2 votes besides its own");
}

#[test]
fn leader_crash_elects_a_new_leader_and_keeps_serving() {
    let report = report("leader-crash");
    assert_no_violations(&report);
    let crashed = trace(&report)
        .iter()
        .find(|r| r["kind"] == "action" && r["action"]["do"] == "crash")
        .and_then(|r| r["resolved"].as_str())
        .expect("the crash hit the leader")
        .to_string();
    let leaders = leaders_elected(&report);
    let after: Vec<_> =
        leaders.iter().filter(|(name, term)| *name != crashed && *term > 1).collect();
    assert!(!after.is_empty(), "no new leader after {crashed} crashed: {leaders:?}");
    assert_eq!(up_nodes(&report).len(), 5, "everyone restarted");
    assert_converged(&report, &["x=1", "x=2"]);
}

#[test]
fn partitioned_leader_loses_its_uncommitted_write() {
    let report = report("partitioned-leader");
    assert_no_violations(&report);
    assert_converged(&report, &["a=1", "b=2"]);
    let logs = serde_json::to_string(&report["final"]).expect("serializes");
    assert!(!logs.contains("lost=1"), "the isolated leader's write must be overwritten");
    let outcomes: Vec<&Value> =
        report["clients"].as_array().expect("list").iter().filter(|c| c["request"] == 2).collect();
    assert_eq!(outcomes.first().map(|c| &c["outcome"]), Some(&Value::from("appended")));
    // The isolated leader cannot know its write's fate; here the new leader overwrote it.
    assert_eq!(outcomes.last().map(|c| &c["outcome"]), Some(&Value::from("indeterminate")));
    assert!(report["final"][0]["term"].as_u64().expect("term") > 1);
}

#[test]
fn restarted_follower_catches_up_after_backing_off() {
    let report = report("follower-catch-up");
    assert_no_violations(&report);
    let expected: Vec<String> = (1..=12).map(|i| format!("k{i}={i}")).collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_converged(&report, &expected);
    let restarted_at = trace(&report)
        .iter()
        .find(|r| r["kind"] == "restarted")
        .and_then(|r| r["time"].as_u64())
        .expect("S3 restarts");
    let rejections = trace(&report)
        .iter()
        .filter(|r| r["kind"] == "node" && r["event"]["type"] == "append_rejected")
        .filter(|r| r["time"].as_u64().expect("time") > restarted_at)
        .count();
    assert!(rejections >= 1, "the leader had to back nextIndex up at least once");
}

/// Every server compacts every four applied entries; S3 comes back after the entries it
/// lacks were compacted away, so only InstallSnapshot can bring it level, and its state then
/// matches the others' without it ever applying the compacted writes itself.
#[test]
fn a_follower_behind_the_compaction_gets_the_snapshot() {
    let report = report("snapshot-catch-up");
    assert_no_violations(&report);
    let installs: Vec<&Value> = trace(&report)
        .iter()
        .filter(|r| r["kind"] == "node" && r["event"]["type"] == "snapshot_installed")
        .collect();
    assert_eq!(installs.len(), 1, "S3 installs one snapshot");
    assert_eq!(installs[0]["node"], "S3");
    assert_eq!(installs[0]["event"]["last_index"], 8);
    let nodes = up_nodes(&report);
    assert_eq!(nodes.len(), 3);
    for node in &nodes {
        let snapshot = &node["snapshot"];
        assert_eq!(snapshot["last_index"], 8, "{node}");
        let state = serde_json::json!({ "w": "1", "x": "3", "y": "2", "z": "1" });
        assert_eq!(snapshot["state"], state, "{node}");
        // After the snapshot, the last three writes, applied on every server.
        assert_eq!(node["applied"], serde_json::json!(["z=2", "y=3", "x=4"]), "{node}");
        assert_eq!(node["commit_index"], 11, "{node}");
    }
}

/// Under loss, leaders change and a client may have to retry: what must hold is that every
/// write acknowledged as committed is applied everywhere, in the same order, and that no
/// write is silently forgotten.
#[test]
fn lossy_network_keeps_every_acknowledged_write() {
    let report = report("lossy-network");
    assert_no_violations(&report);
    let clients = report["clients"].as_array().expect("list");
    let outcomes = |write: &str| -> Vec<&str> {
        clients
            .iter()
            .filter(|c| c["command"] == write)
            .filter_map(|c| c["outcome"].as_str())
            .collect()
    };
    let mut committed = Vec::new();
    let mut unknown = Vec::new();
    for i in 1..=8u64 {
        let write = format!("w{i}={i}");
        match outcomes(&write).last() {
            Some(&"committed") => committed.push(write),
            Some(&"indeterminate") => unknown.push(write),
            Some(&"rejected") => {}
            // Sent to `leader` while an election was on: the trace says it was skipped.
            None => assert!(
                trace(&report).iter().any(|r| r["kind"] == "skipped"),
                "{write} vanished without a trace record"
            ),
            other => panic!("{write} ended as {other:?}"),
        }
    }
    assert!(committed.len() >= 6, "only {committed:?} committed");
    let nodes = up_nodes(&report);
    for node in &nodes {
        assert_eq!(node["applied"], nodes[0]["applied"]);
        let applied: Vec<&str> =
            node["applied"].as_array().expect("list").iter().filter_map(Value::as_str).collect();
        for write in &committed {
            assert!(
                applied.contains(&write.as_str()),
                "{} lost acknowledged {write}",
                node["node"]
            );
        }
    }
    // A write of unknown outcome took effect everywhere or nowhere: the servers agree even
    // where the client could not know.
    let applied_at = |node: &Value, write: &str| {
        node["applied"].as_array().is_some_and(|a| a.iter().any(|w| w == write))
    };
    for write in &unknown {
        let everywhere = nodes.iter().all(|n| applied_at(n, write));
        let nowhere = nodes.iter().all(|n| !applied_at(n, write));
        assert!(everywhere || nowhere, "{write} applied on some servers only");
    }
    let lost =
        trace(&report).iter().filter(|r| r["kind"] == "drop" && r["reason"] == "loss").count();
    let duplicated = trace(&report).iter().filter(|r| r["kind"] == "duplicate").count();
    assert!(lost > 10 && duplicated > 5, "lost {lost}, duplicated {duplicated}");
}

#[test]
fn one_way_cut_from_the_leader_forces_a_new_election() {
    let report = report("one-way-cut");
    assert_no_violations(&report);
    let leaders = leaders_elected(&report);
    assert_eq!(
        leaders.first(),
        Some(&("S1".to_string(), 1)),
        "the scenario's seed makes S1 the first leader"
    );
    assert!(leaders.iter().any(|(name, term)| name != "S1" && *term >= 2), "{leaders:?}");
    let partition_drops = trace(&report)
        .iter()
        .filter(|r| r["kind"] == "drop" && r["reason"] == "partition" && r["from"] == "S1")
        .count();
    assert!(partition_drops > 0);
    assert_converged(&report, &["after=heal"]);
}

/// Leases scenarios whose variant is the flaw they show (no bug toggle).
const FLAWED_BY_DESIGN: [&str; 3] = ["leases-lock-no-ttl", "leases-gc-pause", "leases-clock-drift"];

#[test]
fn every_shipped_scenario_runs_clean_unless_it_shows_a_bug() {
    let dir = repo_root().join("scenarios");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("scenarios/ exists") {
        let path = entry.expect("readable").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).expect("readable");
            // Client histories are checked too; a run that is not linearizable exits 1.
            let key_value = ["raft", "multipaxos"]
                .iter()
                .any(|p| text.contains(&format!("protocol = \"{p}\"")));
            let mut args = vec!["run", path.to_str().expect("utf-8 path"), "--json"];
            if key_value {
                args.push("--check-linearizable");
            }
            let output = clusterscope(&args);
            let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
                panic!("{}: {}", path.display(), String::from_utf8_lossy(&output.stderr))
            });
            let linearizable =
                !key_value || report["history"]["linearizability"]["verdict"] == "linearizable";
            assert_eq!(output.status.success(), linearizable, "{}", path.display());
            let unexplained = Value::Array(vec![report["history"]["linearizability"].clone()]);
            // A Tasks scenario's report is the comparison: each cluster's own violations.
            let mut violations: Vec<&Value> = if report.get("single_leader").is_some() {
                vec![&report["single_leader"]["violations"], &report["leaderless"]["violations"]]
            } else {
                vec![&report["violations"]]
            };
            if !linearizable {
                violations.push(&unexplained);
            }
            let none = Value::Array(vec![]);
            // A scenario that turns a bug on, or runs a lease that is unsafe by design, is
            // there to show the checkers catching it.
            let flawed = FLAWED_BY_DESIGN.iter().any(|name| path.ends_with(format!("{name}.toml")));
            if text.contains("bugs = [\"") || flawed {
                assert!(violations.iter().any(|v| **v != none), "{}", path.display());
            } else {
                assert!(
                    violations.iter().all(|v| **v == none),
                    "{}: {violations:?}",
                    path.display()
                );
            }
            count += 1;
        }
    }
    assert!(count >= 6);
}

/// Writes `text` to a temporary scenario file and runs it.
fn run_text(name: &str, text: &str) -> (i32, String) {
    let dir = std::env::temp_dir().join(format!("clusterscope-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    let output = clusterscope(&["run", path.to_str().expect("utf-8"), "--json"]);
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Runs the CLI with `args`, which it must refuse with a message containing `says`.
fn refused(args: &[&str], says: &str) {
    let output = clusterscope(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{args:?} was accepted");
    assert!(stderr.contains(says), "{args:?}: {stderr}");
}

const HEADER: &str = "protocol = \"raft\"\nnodes = 3\nend = \"1s\"\n";

#[test]
fn broken_scenarios_name_file_line_and_field() {
    let cases: &[(&str, String, &str, &str)] = &[
        ("syntax.toml", format!("{HEADER}[[events]\n"), ":4:", ""),
        (
            "unknown-field.toml",
            format!("{HEADER}\n[[events]]\nat = \"1s\"\ncrsh = \"S1\"\n"),
            ":7:",
            "crsh",
        ),
        (
            "bad-node.toml",
            format!("{HEADER}\n[[events]]\nat = \"1s\"\ncrash = \"S9\"\n"),
            ":7:",
            "`crash`",
        ),
        (
            "bad-name.toml",
            format!("{HEADER}\n[[events]]\nat = \"1s\"\nrestart = \"node-1\"\n"),
            ":7:",
            "`restart`",
        ),
        (
            "bad-time.toml",
            format!("{HEADER}\n[[events]]\nat = \"soon\"\nheal = true\n"),
            ":6:",
            "`at`",
        ),
        ("late.toml", format!("{HEADER}\n[[events]]\nat = \"2s\"\nheal = true\n"), ":6:", "`at`"),
        ("empty-event.toml", format!("{HEADER}\n[[events]]\nat = \"1s\"\n"), ":5:", "does nothing"),
        (
            "two-actions.toml",
            format!("{HEADER}\n[[events]]\nat = \"1s\"\nheal = true\ncrash = \"S1\"\n"),
            ":5:",
            "one action",
        ),
        (
            "bad-command.toml",
            format!(
                "{HEADER}\n[[events]]\nat = \"1s\"\nclient = \"leader\"\ncommand = \"set x\"\n"
            ),
            ":8:",
            "`command`",
        ),
        (
            "huge.toml",
            "protocol = \"raft\"\nnodes = 100000\nend = \"1s\"\n".to_string(),
            ":2:",
            "`nodes`",
        ),
        ("loss.toml", format!("{HEADER}[network]\nloss = 7.0\n"), ":5:", "`loss`"),
        (
            "protocol.toml",
            "protocol = \"zab\"\nnodes = 3\nend = \"1s\"\n".to_string(),
            ":1:",
            "`protocol`",
        ),
        ("bug.toml", format!("{HEADER}[raft]\nbugs = [\"typo\"]\n"), ":5:", "`bugs`"),
        ("heartbeat.toml", format!("{HEADER}[raft]\nheartbeat = \"1s\"\n"), ":5:", "heartbeat"),
        (
            "section.toml",
            "protocol = \"multipaxos\"\nnodes = 3\nend = \"1s\"\n[raft]\n".to_string(),
            ":1:",
            "[multipaxos]",
        ),
        (
            "leader-timeout.toml",
            "protocol = \"multipaxos\"\nnodes = 3\nend = \"1s\"\n[multipaxos]\nleader_timeout = [\"300ms\", \"100ms\"]\n".to_string(),
            ":5:",
            "`leader_timeout`",
        ),
        (
            "leader-servers.toml",
            "protocol = \"tasks\"\nnodes = 5\nend = \"1s\"\n[tasks]\nleader_servers = 9\n"
                .to_string(),
            ":5:",
            "`leader_servers`",
        ),
        (
            "no-leader-servers.toml",
            "protocol = \"tasks\"\nnodes = 5\nend = \"1s\"\n[tasks]\nleader_servers = -1\n"
                .to_string(),
            ":5:",
            "at least one server",
        ),
        (
            "snapshot-threshold.toml",
            format!("{HEADER}\n[raft]\nsnapshot_threshold = 99999999999\n"),
            ":6:",
            "`snapshot_threshold`",
        ),
        (
            "voters.toml",
            format!("{HEADER}\n[raft]\nvoters = 9\n"),
            ":6:",
            "`voters`",
        ),
        (
            "add-unknown-server.toml",
            format!("{HEADER}\n[[events]]\nat = \"1s\"\nadd_server = \"S9\"\n"),
            ":7:",
            "`add_server`",
        ),
        (
            "vnodes.toml",
            "protocol = \"tasks\"\nnodes = 5\nend = \"1s\"\n[tasks]\nvnodes = 0\n".to_string(),
            ":5:",
            "`vnodes`",
        ),        (
            "negative-pause.toml",
            format!("{HEADER}\n[[events]]\nat = \"0.5s\"\npause = \"S1\"\nduration = \"-2s\"\n"),
            ":8:",
            "negative",
        ),
        (
            "nan-pause.toml",
            format!("{HEADER}\n[[events]]\nat = \"0.5s\"\npause = \"S1\"\nduration = \"NaN\"\n"),
            ":8:",
            "`duration`",
        ),
        (
            "long-pause.toml",
            format!("{HEADER}\n[[events]]\nat = \"0.5s\"\npause = \"S1\"\nduration = \"2s\"\n"),
            ":6:",
            "past the scenario's `end`",
        ),
        (
            "pause-without-duration.toml",
            format!("{HEADER}\n[[events]]\nat = \"0.5s\"\npause = \"leader\"\n"),
            ":7:",
            "`duration`",
        ),
        (
            "wild-drift.toml",
            format!("{HEADER}\n[[events]]\nat = \"0.5s\"\nclock = \"S2\"\ndrift = \"-80%\"\n"),
            ":8:",
            "beyond ±50%",
        ),
        (
            "nan-drift.toml",
            format!("{HEADER}\n[[events]]\nat = \"0.5s\"\nclock = \"S2\"\ndrift = \"NaN%\"\n"),
            ":8:",
            "`drift`",
        ),
        (
            "huge-jump.toml",
            format!("{HEADER}\n[[events]]\nat = \"0.5s\"\nclock = \"S2\"\njump = \"-2000000s\"\n"),
            ":8:",
            "`jump`",
        ),
        (
            "lease-variant.toml",
            "protocol = \"leases\"\nnodes = 4\nend = \"1s\"\n[leases]\nvariant = \"ttl_forever\"\n".to_string(),
            ":5:",
            "unknown lease variant",
        ),
        (
            "lease-servers.toml",
            "protocol = \"leases\"\nnodes = 3\nend = \"1s\"\n".to_string(),
            ":2:",
            "4 to 10 servers",
        ),
        (
            "lease-replica-servers.toml",
            "protocol = \"leases\"\nnodes = 5\nend = \"1s\"\n[leases]\nstore_replicas = 3\n".to_string(),
            ":2:",
            "with 3 store replicas runs 6 to 10 servers",
        ),
        (
            "lease-replicas.toml",
            "protocol = \"leases\"\nnodes = 6\nend = \"1s\"\n[leases]\nstore_replicas = 2\n".to_string(),
            ":5:",
            "or on 3 or 5 replicating it with Raft, not 2",
        ),
        (
            "lease-renewal.toml",
            "protocol = \"leases\"\nnodes = 4\nend = \"1s\"\n[leases]\nttl = \"100ms\"\nrenew_every = \"300ms\"\n".to_string(),
            ":5:",
            "`renew_every` must be shorter than `ttl`",
        ),
        (
            "lease-command.toml",
            "protocol = \"leases\"\nnodes = 4\nend = \"1s\"\n[[events]]\nat = \"0.5s\"\nclient = \"S3\"\ncommand = \"\"\n".to_string(),
            ":7:",
            "`command`",
        ),
        (
            "drift-without-clock.toml",
            format!("{HEADER}\n[[events]]\nat = \"0.5s\"\ndrift = \"+1%\"\n"),
            ":7:",
            "clock = ",
        ),
    ];
    for (name, text, line, field) in cases {
        let (code, stderr) = run_text(name, text);
        assert_eq!(code, 2, "{name}: expected a clean error exit, got {code}: {stderr}");
        assert!(stderr.contains(name), "{name}: error does not name the file: {stderr}");
        assert!(stderr.contains(line), "{name}: error does not name line {line}: {stderr}");
        assert!(stderr.contains(field), "{name}: error does not mention {field}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let output = clusterscope(&["run", "scenarios/does-not-exist.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("cannot read scenarios/does-not-exist.toml"));
}

#[test]
fn fuzz_command_reports_a_caught_bug_with_a_replay_line() {
    let output =
        clusterscope(&["fuzz", "--seeds", "5", "--bug", "skip_log_check", "--threads", "1"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("first failing seed: 1 (replay: clusterscope fuzz --protocol raft --start 1 --seeds 1 --bug skip_log_check)"), "{stdout}");
    let clean = clusterscope(&["fuzz", "--seeds", "20"]);
    assert!(clean.status.success(), "{}", String::from_utf8_lossy(&clean.stdout));
    assert!(String::from_utf8_lossy(&clean.stdout).contains("fuzz: 20 passed, 0 failed"));

    let paxos = clusterscope(&[
        "fuzz",
        "--protocol",
        "paxos",
        "--seeds",
        "5",
        "--bug",
        "ignore_promised_values",
        "--threads",
        "1",
    ]);
    let stdout = String::from_utf8_lossy(&paxos.stdout);
    assert_eq!(paxos.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("(replay: clusterscope fuzz --protocol paxos --start 0 --seeds 1 --bug ignore_promised_values)"), "{stdout}");
    let unknown = clusterscope(&["fuzz", "--protocol", "paxos", "--bug", "figure8_commit"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown Paxos bug `figure8_commit`"));

    let multi = clusterscope(&[
        "fuzz",
        "--protocol",
        "multipaxos",
        "--seeds",
        "10",
        "--bug",
        "ignore_promised_values",
        "--threads",
        "1",
    ]);
    let stdout = String::from_utf8_lossy(&multi.stdout);
    assert_eq!(multi.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("--protocol multipaxos --start"), "{stdout}");
}

#[test]
fn multipaxos_failover_fills_the_hole_with_a_noop_and_every_replica_agrees() {
    let report = report("multipaxos-failover");
    assert_no_violations(&report);
    let chosen = report["chosen"].as_object().expect("slots");
    let commands: Vec<&str> = chosen.values().map(|c| c[1].as_str().expect("a command")).collect();
    assert_eq!(commands, ["x=1", "x=2", "no-op", "y=4", "z=5"]);
    assert_eq!(report["noops"], 1);
    for replica in up_nodes(&report) {
        assert_eq!(replica["applied"], 5, "{} is behind", replica["node"]);
        let log: Vec<&str> = replica["decided"]
            .as_array()
            .expect("a log")
            .iter()
            .map(|slot| slot[1].as_str().expect("a command"))
            .collect();
        assert_eq!(log, commands, "{}'s log", replica["node"]);
    }
    let leader = up_nodes(&report).into_iter().find(|r| r["role"] == "leader").expect("a leader");
    assert_eq!(leader["node"], "S2");
    // The hole was filled by the new leader's phase 1, which the trace narrates as an event.
    let elected = report["trace"]
        .as_array()
        .expect("a trace")
        .iter()
        .find(|r| r["event"]["type"] == "elected" && r["node"] == "S2")
        .expect("S2's phase 1 completes");
    assert_eq!(elected["event"]["filled"], serde_json::json!([3]));
}

#[test]
fn forgotten_vote_elects_two_leaders_in_one_term_and_only_with_the_bug() {
    let report = report("forgotten-vote");
    let violations = report["violations"].as_array().expect("a list");
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0]["property"], "election safety");
    let term_1: Vec<String> = leaders_elected(&report)
        .into_iter()
        .filter(|(_, term)| *term == 1)
        .map(|(node, _)| node)
        .collect();
    assert_eq!(term_1, ["S1", "S3"]);

    // The same story without the bug: S2 remembers its vote and S3 loses.
    let text = std::fs::read_to_string(repo_root().join("scenarios/forgotten-vote.toml"))
        .expect("the scenario is readable");
    let fixed = text.replace("bugs = [\"forget_voted_for\"]", "");
    assert_ne!(fixed, text, "the scenario turns the bug on");
    let dir = std::env::temp_dir().join(format!("clusterscope-fixed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("forgotten-vote-fixed.toml");
    std::fs::write(&path, fixed).expect("written");
    let output = clusterscope(&["run", path.to_str().expect("utf-8 path"), "--json", "--trace"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_no_violations(&report);
    let term_1 = leaders_elected(&report).into_iter().filter(|(_, term)| *term == 1).count();
    assert_eq!(term_1, 1);
}

#[test]
fn a_stale_vote_refusal_does_not_cost_the_candidate_its_election_unless_the_bug_is_on() {
    let report = report("stale-vote-reply");
    assert_no_violations(&report);
    assert_eq!(leaders_elected(&report), [("S1".to_string(), 2)]);
    // S2's refusal of the term-1 request reached S1 in term 2, after S2's grant.
    let replies: Vec<(u64, bool, u64)> = trace(&report)
        .iter()
        .filter(|r| r["kind"] == "deliver" && r["from"] == "S2" && r["to"] == "S1")
        .filter(|r| r["msg"]["type"] == "RequestVoteReply")
        .map(|r| {
            let msg = &r["msg"];
            let number = |v: &Value| v.as_u64().expect("a number");
            (number(&msg["term"]), msg["vote_granted"] == true, number(&msg["request_term"]))
        })
        .collect();
    assert_eq!(replies, [(2, true, 2), (2, false, 1)]);
    let won = trace(&report)
        .iter()
        .find(|r| r["event"]["type"] == "role" && r["event"]["role"] == "leader")
        .expect("S1 is elected");
    assert_eq!(won["time"], 430_000, "at the arrival of S3's vote, the third of five");

    // With the bug the refusal overwrites S2's vote: S1 holds three of five and stays
    // candidate, and the vote-counting checker says so at that very step.
    let report = report_with(
        "stale-vote-reply",
        "heartbeat = \"50ms\"",
        "heartbeat = \"50ms\"\nbugs = [\"stale_vote_reply\"]",
    );
    let violations = report["violations"].as_array().expect("a list");
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0]["property"], "vote counting");
    assert_eq!(violations[0]["time"], 430_000);
    assert!(leaders_elected(&report).is_empty());
}

#[test]
fn figure_8_an_old_terms_entry_on_a_majority_is_replaced_safely_unless_the_leader_counted_it() {
    let logs = |report: &Value| -> Vec<Vec<String>> {
        let servers = report["final"].as_array().expect("a list");
        let commands = |server: &Value| -> Vec<String> {
            let log = server["log"].as_array().expect("a log");
            log.iter().map(|e| e["command"].as_str().expect("text").to_string()).collect()
        };
        servers.iter().map(commands).collect()
    };
    let report = report("figure8");
    assert_no_violations(&report);
    // S1 (down) kept x=1; everyone S5 reached holds its y=2 instead, and nothing committed.
    assert_eq!(logs(&report)[0], ["x=1"]);
    assert!(logs(&report)[1..].iter().all(|log| log == &["y=2"]), "{:?}", logs(&report));
    assert!(report["final"].as_array().expect("a list").iter().all(|s| s["commit_index"] == 0));

    // With the bug, S1 counted replicas of its term-1 entry and committed it, though S5's log
    // was more up to date than S3's (the first break, at the commit); S5's win in term 4
    // then loses the committed entry, and the checkers say so.
    let report = report_with(
        "figure8",
        "leader_noop = false",
        "leader_noop = false\nbugs = [\"figure8_commit\"]",
    );
    let broken: Vec<&str> = report["violations"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v["property"].as_str().expect("text"))
        .collect();
    assert_eq!(broken, ["committed entries held", "leader completeness", "state machine safety"]);
}

#[test]
fn a_deposed_leaders_write_has_an_unknown_outcome_and_here_it_committed() {
    let report = report("unknown-outcome");
    assert_no_violations(&report);
    let outcomes: Vec<(&str, &str)> = report["clients"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| (c["node"].as_str().expect("a node"), c["outcome"].as_str().expect("an outcome")))
        .collect();
    assert_eq!(outcomes, [("S1", "appended"), ("S1", "indeterminate")]);
    // The client was told "unknown", yet every server applied the write.
    assert_converged(&report, &["x=1"]);
    let leaders = leaders_elected(&report);
    assert_eq!(leaders, [("S1".to_string(), 1), ("S2".to_string(), 2)]);
}

#[test]
fn a_leader_reading_its_own_copy_returns_stale_data_and_read_index_does_not() {
    let run = |path: &str| {
        let output = clusterscope(&["run", path, "--json", "--check-linearizable"]);
        let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        (output.status.success(), report)
    };
    let (passed, report) = run("scenarios/stale-read.toml");
    assert!(!passed, "a history that is not linearizable fails the run");
    assert_no_violations(&report);
    let verdict = &report["history"]["linearizability"];
    assert_eq!(verdict["verdict"], "violation", "{verdict}");
    assert_eq!(verdict["key"], "x");
    assert_eq!(verdict["at"]["time"], 900_000, "the stale read is answered at once: {verdict}");
    let detail = verdict["detail"].as_str().expect("a detail");
    assert!(detail.contains("at S1 returned 1") && detail.contains("x=2 (#2)"), "{detail}");

    // With ReadIndex, S1 holds the read until a majority confirms it still leads, which
    // never happens; it refuses the read once it learns of term 2. S2's read returns x=2.
    let path = edited("stale-read", "bugs = [\"local_reads\"]", "");
    let (passed, report) = run(path.to_str().expect("utf-8 path"));
    assert!(passed);
    assert_eq!(report["history"]["linearizability"]["verdict"], "linearizable");
    let reads: Vec<(&str, &str, &Value)> = report["history"]["operations"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|op| op["op"] == "read")
        .map(|op| (op["node"].as_str().unwrap(), op["ending"].as_str().unwrap(), &op["value"]))
        .collect();
    assert_eq!(reads, [("S1", "failed", &Value::Null), ("S2", "ok", &Value::from("2"))]);
}

#[test]
fn a_multipaxos_leader_reading_its_own_state_is_stale_and_a_read_in_a_slot_is_not() {
    let run = |path: &str| {
        let output = clusterscope(&["run", path, "--json", "--check-linearizable"]);
        let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        (output.status.success(), report)
    };
    let reads = |report: &Value| -> Vec<(String, String, Value)> {
        report["history"]["operations"]
            .as_array()
            .expect("a list")
            .iter()
            .filter(|op| op["op"] == "read")
            .map(|op| {
                let text = |field: &str| op[field].as_str().expect("text").to_string();
                (text("node"), text("ending"), op["value"].clone())
            })
            .collect()
    };
    let (passed, report) = run("scenarios/multipaxos-stale-read.toml");
    assert!(!passed, "a history that is not linearizable fails the run");
    assert_no_violations(&report);
    let verdict = &report["history"]["linearizability"];
    assert_eq!(verdict["verdict"], "violation", "{verdict}");
    assert_eq!(verdict["at"]["time"], 900_000, "the stale read is answered at once: {verdict}");
    let detail = verdict["detail"].as_str().expect("a detail");
    assert!(detail.contains("at S1 returned 1") && detail.contains("x=2 (#2)"), "{detail}");
    assert_eq!(reads(&report)[0], ("S1".into(), "ok".into(), Value::from("1")));

    // A read in a slot: S1 cannot get it chosen while cut off, and once it hears of the
    // higher ballot it cannot tell its client anything. S2's read is chosen in slot 3.
    let path = edited("multipaxos-stale-read", "bugs = [\"local_reads\"]", "");
    let (passed, report) = run(path.to_str().expect("utf-8 path"));
    assert!(passed);
    assert_eq!(report["history"]["linearizability"]["verdict"], "linearizable");
    let expected = [
        ("S1".to_string(), "unknown".to_string(), Value::Null),
        ("S2".to_string(), "ok".to_string(), Value::from("2")),
    ];
    assert_eq!(reads(&report), expected);
    let chosen: Vec<&str> = report["chosen"]
        .as_object()
        .expect("slots")
        .values()
        .map(|c| c[1].as_str().unwrap())
        .collect();
    assert_eq!(chosen, ["x=1", "x=2", "get x"], "the read took slot 3");
}

#[test]
fn read_events_need_a_key_and_check_linearizable_is_for_key_value_stores() {
    let (code, stderr) = run_text(
        "read-no-key.toml",
        "name = \"r\"\nprotocol = \"raft\"\nnodes = 3\nend = \"2s\"\n[[events]]\nat = \"1s\"\nread = \"S1\"\n",
    );
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("a read needs the `key` it reads"), "{stderr}");
    let (code, stderr) = run_text(
        "read-mode.toml",
        "name = \"r\"\nprotocol = \"raft\"\nnodes = 3\nend = \"2s\"\n[raft]\nread_mode = \"fast\"\n",
    );
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("unknown read mode `fast`; known: read_index, lease"), "{stderr}");
    refused(
        &["run", "scenarios/dueling-proposers.toml", "--check-linearizable"],
        "--check-linearizable checks the key-value histories of Raft and Multi-Paxos",
    );
}

/// A copy of `scenarios/{scenario}.toml` (`tasks-partition`) with
/// `from` replaced by `to` (which it must contain), in a temporary directory.
fn edited(scenario: &str, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(repo_root().join(format!("scenarios/{scenario}.toml")))
        .expect("the scenario is readable");
    let changed = text.replace(from, to);
    assert_ne!(changed, text, "{scenario} has `{from}`");
    let name = scenario.replace('/', "-");
    let dir = std::env::temp_dir().join(format!("clusterscope-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, changed).expect("written");
    path
}

/// Runs `scenario` with `from` replaced by `to` in its text (which must contain it).
fn report_with(scenario: &str, from: &str, to: &str) -> Value {
    let path = edited(scenario, from, to);
    let output = clusterscope(&["run", path.to_str().expect("utf-8 path"), "--json", "--trace"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn final_terms(report: &Value) -> Vec<u64> {
    up_nodes(report).iter().map(|n| n["term"].as_u64().expect("a term")).collect()
}

#[test]
fn pre_vote_lets_a_cut_off_server_rejoin_without_forcing_an_election() {
    let report = report("pre-vote");
    assert_no_violations(&report);
    assert_eq!(leaders_elected(&report), [("S4".to_string(), 1)]);
    assert_eq!(final_terms(&report), [1; 5], "S5 asked, and kept its term");
    let asked = trace(&report).iter().filter(|r| r["event"]["type"] == "pre_vote").count();
    assert!(asked >= 5, "S5 asked {asked} times while cut off");
    assert_converged(&report, &["after=rejoin"]);

    // Without pre-vote S5's term climbs while it is cut off, and its return ends the
    // leader's term for nothing.
    let report = report_with("pre-vote", "pre_vote = true", "pre_vote = false");
    assert_no_violations(&report);
    let leaders = leaders_elected(&report);
    assert_eq!(leaders.len(), 2, "{leaders:?}");
    assert!(leaders[1].1 > 5, "a term far past the leader's: {leaders:?}");
}

#[test]
fn check_quorum_makes_a_cut_off_leader_step_down() {
    let report = report("check-quorum");
    assert_no_violations(&report);
    let stepped_down = trace(&report)
        .iter()
        .find(|r| r["event"]["type"] == "quorum_lost")
        .expect("S3 notices it lost its majority");
    assert_eq!(stepped_down["node"], "S3");
    let at = stepped_down["time"].as_u64().expect("a time");
    assert!((1_000_000..1_700_000).contains(&at), "within two election timeouts: {at}");
    let clients = report["clients"].as_array().expect("a list");
    assert_eq!(clients[0]["outcome"], "rejected", "S3 no longer takes writes: {clients:?}");

    // Without check-quorum S3 still believes it leads a second later, and takes a write it
    // can never commit.
    let report = report_with("check-quorum", "check_quorum = true", "check_quorum = false");
    assert_no_violations(&report);
    assert!(!trace(&report).iter().any(|r| r["event"]["type"] == "quorum_lost"));
    let outcomes: Vec<&Value> =
        report["clients"].as_array().expect("a list").iter().map(|c| &c["outcome"]).collect();
    assert_eq!(outcomes, ["appended", "indeterminate"]);
}

#[test]
fn dueling_proposers_livelock_and_randomized_backoff_ends_it() {
    let report = report("dueling-proposers");
    assert_no_violations(&report);
    assert_eq!(report["chosen"], Value::Null, "eager proposers must not get a value chosen");
    let ballots = report["ballots"].as_u64().expect("a count");
    assert!(ballots >= 20, "only {ballots} ballots: the proposers did not duel");
    let accepted = report["final"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|p| !p["accepted"].is_null())
        .count();
    assert_eq!(accepted, 0, "in the livelock no acceptor ever accepts");

    // The same duel with randomized backoff: one value is chosen and every learner has it.
    let text = std::fs::read_to_string(repo_root().join("scenarios/dueling-proposers.toml"))
        .expect("the scenario is readable");
    let fixed = text
        .replace("retry_timeout = [\"25ms\", \"25ms\"]", "retry_timeout = [\"20ms\", \"200ms\"]");
    assert_ne!(fixed, text, "the scenario sets an eager retry");
    let dir = std::env::temp_dir().join(format!("clusterscope-duel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("dueling-backoff.toml");
    std::fs::write(&path, fixed).expect("written");
    let output = clusterscope(&["run", path.to_str().expect("utf-8 path"), "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_no_violations(&report);
    let chosen = report["chosen"][1].as_str().expect("a value is chosen");
    assert!(["x=1", "x=2"].contains(&chosen), "{chosen} was never proposed");
    for process in report["final"].as_array().expect("a list") {
        if process["learner"] == true {
            assert_eq!(process["learned"], chosen, "{} did not learn", process["node"]);
        }
    }
}

#[test]
fn gossip_spread_follows_the_push_model_with_aligned_rounds_and_detect_reports_by_loss() {
    let output =
        clusterscope(&["spread", "--nodes", "200", "--mode", "push", "--rounds", "12", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rounds: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let rounds = rounds.as_array().expect("a list of rounds");
    assert_eq!(rounds.len(), 13);
    for round in rounds {
        let (model, aligned) =
            (round["model"].as_f64().unwrap(), round["aligned"].as_f64().unwrap());
        assert!(
            (model - aligned).abs() < 0.15,
            "round {}: model {model}, measured {aligned}",
            round["round"]
        );
    }
    assert_eq!(rounds[12]["free"], 1.0, "free-running rounds inform everyone too");

    let output =
        clusterscope(&["detect", "--nodes", "20", "--seeds", "2", "--loss", "0", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(rows[0]["false_positives"], 0);
    assert_eq!(rows[0]["undetected"], 0);
    assert!(rows[0]["all_know"].as_u64().is_some());

    for bad in
        [["spread", "--mode", "shout"], ["spread", "--nodes", "1"], ["detect", "--loss", "2"]]
    {
        let output = clusterscope(&bad);
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn gossip_scenarios_detect_the_crash_and_refute_the_false_suspicion() {
    let crash = report("gossip-crash");
    assert_no_violations(&crash);
    let doubted = crash["doubted"].as_array().expect("doubted is a list");
    assert_eq!(doubted.len(), 1, "only S7 is in doubt: {doubted:?}");
    assert_eq!(
        (doubted[0]["member"].as_str(), doubted[0]["up"].as_bool()),
        (Some("S7"), Some(false))
    );
    assert_eq!((doubted[0]["dead"].as_u64(), doubted[0]["alive"].as_u64()), (Some(39), Some(0)));
    assert_eq!(crash["rumors"]["x"]["holders"], 39);

    let refute = report("gossip-refute");
    assert_no_violations(&refute);
    assert_eq!(refute["confirmations"], 0, "nobody was confirmed dead");
    assert!(refute["doubted"].as_array().is_some_and(Vec::is_empty));
    let s5_refuted = trace(&refute).iter().any(|r| {
        r["node"] == "S5" && r["event"]["type"] == "refuted" && r["event"]["incarnation"] == 1
    });
    assert!(s5_refuted, "S5 refuted with incarnation 1");

    let bad = format!(
        "{}\n[gossip]\nprobe_interval = \"1s\"\nprobe_timeout = \"2s\"\n",
        HEADER.replace("\"raft\"", "\"gossip\"")
    );
    let (code, text) = run_text("bad-gossip.toml", &bad);
    assert_ne!(code, 0);
    assert!(text.contains("probe_timeout must be shorter than probe_interval"), "{text}");
}

#[test]
fn a_workload_section_is_a_steady_client_and_the_trace_file_streams_every_record() {
    let dir = std::env::temp_dir().join(format!("clusterscope-workload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let scenario = dir.join("steady.toml");
    std::fs::write(
        &scenario,
        "protocol = \"raft\"\nnodes = 3\nseed = 4\nend = \"3s\"\n\n\
         [workload]\nevery = \"100ms\"\nstart = \"1s\"\nuntil = \"2s\"\ncommand = \"key{i%3}=v{i}\"\n",
    )
    .expect("write scenario");
    let trace_file = dir.join("steady.trace.jsonl");
    let path = scenario.to_str().expect("utf-8 path");
    let output = clusterscope(&[
        "run",
        path,
        "--json",
        "--trace",
        "--trace-file",
        trace_file.to_str().expect("utf-8 path"),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).expect("the report is JSON");
    assert_no_violations(&report);
    // Eleven requests, 1 s to 2 s inclusive, numbered from 1, each committed.
    let commands: Vec<String> = (1..=11).map(|i| format!("key{}=v{i}", i % 3)).collect();
    let commands: Vec<&str> = commands.iter().map(String::as_str).collect();
    assert_converged(&report, &commands);
    // The streamed file holds the same records as the embedded trace, one per line.
    let lines = std::fs::read_to_string(&trace_file).expect("trace file written");
    let streamed: Vec<Value> =
        lines.lines().map(|line| serde_json::from_str(line).expect("a JSON record")).collect();
    assert_eq!(&streamed, trace(&report));
    std::fs::remove_dir_all(&dir).ok();

    // A bad workload names its field.
    let (code, message) = run_text(
        "bad-workload.toml",
        "protocol = \"raft\"\nnodes = 3\nend = \"1s\"\n[workload]\nevery = \"10ms\"\nclient = \"S7\"\n",
    );
    assert_ne!(code, 0, "{message}");
    assert!(
        message.contains("bad-workload.toml:6: `workload.client`: S7 does not exist"),
        "{message}"
    );
    let (_, message) = run_text(
        "bad-pattern.toml",
        "protocol = \"raft\"\nnodes = 3\nend = \"1s\"\n[workload]\nevery = \"10ms\"\ncommand = \"k{j}=1\"\n",
    );
    assert!(message.contains("`workload.command`: `{j}` is not a placeholder"), "{message}");
    let (_, message) = run_text(
        "bad-arrivals.toml",
        "protocol = \"raft\"\nnodes = 3\nend = \"1s\"\n[workload]\nevery = \"10ms\"\narrivals = \"bursty\"\n",
    );
    assert!(message.contains("bad-arrivals.toml:6: `workload.arrivals`: `bursty`"), "{message}");

    // Poisson arrivals: a scenario's run is the same every time, and its requests come at
    // irregular gaps around the mean.
    let poisson = "protocol = \"raft\"\nnodes = 3\nseed = 4\nend = \"3s\"\n[workload]\nevery = \"50ms\"\nstart = \"1s\"\narrivals = \"poisson\"\n";
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("poisson.toml");
    std::fs::write(&path, poisson).expect("written");
    let run = || {
        let output = clusterscope(&["run", path.to_str().expect("utf-8 path"), "--json"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        // When each request arrived: the time of its first outcome.
        let mut first = std::collections::BTreeMap::new();
        for c in report["clients"].as_array().expect("a list") {
            let time = c["time"].as_u64().expect("a time");
            first.entry(c["request"].as_u64().expect("an id")).or_insert(time);
        }
        first.into_values().collect::<Vec<u64>>()
    };
    let times = run();
    assert_eq!(times, run());
    assert!((25..=55).contains(&times.len()), "{} requests in 2 s at a mean of 50 ms", times.len());
    let gaps: std::collections::BTreeSet<u64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.len() > 10, "Poisson gaps vary: {gaps:?}");
}

#[test]
fn the_memory_benchmark_runs_are_valid_and_every_write_commits() {
    // The ten-minute file of BENCHMARKS.md's memory table: 6,000 writes, all applied.
    let output = clusterscope(&["run", "tests/long/raft-5-10min.toml", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).expect("the report is JSON");
    assert_no_violations(&report);
    let count = |outcome: &str| {
        report["clients"]
            .as_array()
            .expect("clients")
            .iter()
            .filter(|c| c["outcome"] == outcome)
            .count()
    };
    // 6,000 writes, one every 100 ms: the first (at 100 ms) finds no leader yet and is skipped,
    // and the last is sent at the very end of the run, too late to commit.
    assert_eq!(count("appended"), 5_999);
    assert_eq!(count("committed"), 5_998);
    let applied: Vec<_> = up_nodes(&report).iter().map(|n| n["applied"].clone()).collect();
    assert_eq!(applied[0].as_array().expect("applied").len(), 5_998);
    assert!(applied.iter().all(|a| *a == applied[0]), "every server applied the same writes");
}

/// The Tasks comparison on one fault: the coordinator of the single-leader cluster crashes
/// (in the leaderless cluster, the same server is a member like the others).
#[test]
fn a_coordinator_crash_pauses_one_task_cluster_and_the_other_pays_in_messages_to_the_dead() {
    let output = clusterscope(&["compare", "scenarios/tasks-coordinator-crash.toml", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let c: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let (leader, peers) = (&c["single_leader"], &c["leaderless"]);
    let number = |kind: &Value, field: &str| kind[field].as_f64().expect(field);
    // S3 coordinated; it crashed at 3 s and another server took over.
    let coordinators = leader["coordinators"].as_array().expect("a list");
    assert_eq!(coordinators[0][1], "S3");
    assert!(coordinators.len() >= 2 && coordinators[1][0].as_u64() > Some(3_000_000));
    // While no server coordinated, tasks were refused; the pause in accepting work is the
    // failover: at least an election timeout.
    assert!(number(leader, "not_accepted") > 0.0);
    assert!(number(leader, "longest_pause") >= 150_000.0);
    // Nothing accepted was lost by either, and no result was counted twice.
    for kind in [leader, peers] {
        assert_eq!(number(kind, "lost"), 0.0);
        assert_eq!(kind["violations"], Value::Array(vec![]));
    }
    // The leaderless cluster passes tasks to the dead member until SWIM confirms its death:
    // more of them go unaccepted than while the single leader elected its successor.
    assert!(number(peers, "not_accepted") > number(leader, "not_accepted"));
    // The coordinator is the bottleneck the article says it is: the busiest server handles a
    // far larger share of the messages, and every task costs more of them.
    assert!(number(leader, "busiest_share") > 1.5 * number(peers, "busiest_share"));
    assert!(
        number(leader, "messages_per_completed_task")
            > number(peers, "messages_per_completed_task")
    );
    // Consistent hashing moves about K/n keys when a member leaves; mod-n almost all.
    let keys = number(&c, "keys");
    assert!(number(&c, "keys_moved_consistent") < keys / 3.0);
    assert!(number(&c, "keys_moved_mod_n") > keys * 0.6);
}

#[test]
fn compare_refuses_a_scenario_that_is_not_a_tasks_one() {
    refused(&["compare", "scenarios/leader-crash.toml"], "compare runs Tasks scenarios");
}

/// `clusterscope compare FILE --json`, and whether it found every property held.
fn compare_file(path: &Path) -> (bool, Value) {
    let output = clusterscope(&["compare", path.to_str().expect("utf-8 path"), "--json"]);
    let report = serde_json::from_slice(&output.stdout).expect("JSON");
    (output.status.success(), report)
}

fn count(kind: &Value, field: &str) -> u64 {
    kind[field].as_u64().unwrap_or_else(|| panic!("{field} in {kind}"))
}

#[test]
fn a_stalled_worker_runs_tasks_twice_and_only_the_epoch_keeps_results_counted_once() {
    let file = repo_root().join("scenarios/tasks-worker-stall.toml");
    let (clean, c) = compare_file(&file);
    assert!(clean, "{c}");
    let (leader, peers) = (&c["single_leader"], &c["leaderless"]);
    // S4 finished attempts that had already been given to others: work done twice...
    assert!(count(leader, "finished_twice") > 0);
    // ...but each task completed once, and none was lost.
    assert_eq!(count(leader, "completed"), count(leader, "accepted"));
    assert_eq!(count(leader, "lost"), 0);
    // The leaderless cluster ran more tasks twice: S4's, taken over once SWIM confirmed it
    // dead, and everyone else's, which S4 took over alone.
    assert!(count(peers, "finished_twice") > count(leader, "finished_twice"));

    // Without the epoch, a late report of a replaced attempt counts as the task's result
    // too: the checker catches a task completed twice.
    let with_bug = "alpha = 3.0\nbugs = [\"reassign_without_epoch\"]";
    let (clean, c) = compare_file(&edited("tasks-worker-stall", "alpha = 3.0", with_bug));
    assert!(!clean);
    let violations = c["single_leader"]["violations"].to_string();
    assert!(violations.contains("at most one completion"), "{violations}");
}

#[test]
fn a_tasks_run_writes_both_clusters_records_to_its_trace_file() {
    let dir = std::env::temp_dir().join(format!("clusterscope-tasks-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let trace_file = dir.join("stall.jsonl");
    let scenario = repo_root().join("scenarios/tasks-worker-stall.toml");
    let scenario = scenario.to_str().expect("utf-8 path");
    let output = clusterscope(&[
        "run",
        scenario,
        "--json",
        "--trace-file",
        trace_file.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).expect("the comparison is JSON");
    let lines = std::fs::read_to_string(&trace_file).expect("trace file written");
    let mut records = Vec::new();
    for line in lines.lines() {
        let record: Value = serde_json::from_str(line).expect("a JSON record");
        // Written again, it is as long: no key was written twice (a parser keeps one).
        assert_eq!(record.to_string().len(), line.len(), "a key twice in {line}");
        records.push(record);
    }
    // Every task the comparison counts was submitted in the records, to both clusters.
    let submitted = |cluster: &str| {
        let of = |r: &&Value| r["kind"] == "node" && r["event"][cluster]["event"] == "submitted";
        records.iter().filter(of).count() as u64
    };
    assert!(submitted("Leader") > 0);
    assert_eq!(submitted("Leader"), count(&report["single_leader"], "submitted"));
    assert_eq!(submitted("Peer"), count(&report["leaderless"], "submitted"));
    std::fs::remove_dir_all(&dir).ok();
    // The comparison has no room for records: asking to embed them says where they go.
    refused(&["run", scenario, "--json", "--trace"], "--trace-file");
}

#[test]
fn a_partition_stops_the_single_leaders_minority_and_not_the_leaderless_one() {
    let (clean, c) = compare_file(&repo_root().join("scenarios/tasks-partition.toml"));
    assert!(clean, "{c}");
    let (leader, peers) = (&c["single_leader"], &c["leaderless"]);
    // The client is on the side without the coordinator: nothing it submits is accepted
    // for the length of the partition.
    assert!(count(leader, "longest_pause") > 7_000_000);
    assert!(count(leader, "not_accepted") > count(leader, "accepted"));
    // The leaderless side keeps accepting, and pays with tasks run on both sides.
    assert!(count(peers, "longest_pause") < 1_000_000);
    assert!(count(peers, "accepted") > count(leader, "accepted"));
    assert!(count(peers, "finished_twice") > 0);
    for kind in [leader, peers] {
        assert_eq!(count(kind, "lost"), 0);
    }
}

#[test]
fn a_joining_member_takes_a_sixth_of_the_keys_by_consistent_hashing_and_most_by_mod_n() {
    let (clean, c) = compare_file(&repo_root().join("scenarios/tasks-member-join.toml"));
    assert!(clean, "{c}");
    let (leader, peers) = (&c["single_leader"], &c["leaderless"]);
    // S6 joins at 8 s, after every ring was built without it, and works in both clusters.
    for kind in [leader, peers] {
        assert_eq!(count(kind, "lost"), 0);
        assert!(kind["runs"]["S6"].as_u64().is_some_and(|runs| runs > 0), "{kind}");
    }
    let share = |moved: &Value| count(moved, "moved") as f64 / count(moved, "keys") as f64;
    let (consistent, mod_n) = (&c["ring_change"]["consistent"], &c["ring_change"]["mod_n"]);
    for moved in [consistent, mod_n] {
        assert_eq!((count(moved, "was"), count(moved, "members")), (5, 6), "{moved}");
    }
    // ≈ 1/6 of the keys move to the newcomer on a ring; ≈ 5/6 move under mod-n.
    assert!(share(consistent) < 0.3, "{consistent}");
    assert!(share(mod_n) > 0.6, "{mod_n}");
}

#[test]
fn a_sweep_of_alpha_delays_the_failed_workers_tasks_in_proportion() {
    let output = clusterscope(&[
        "sweep",
        "scenarios/tasks-worker-crash.toml",
        "--param",
        "alpha",
        "--values",
        "1.5,13",
        "--seeds",
        "3",
        "--json",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let points: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let slowest = |i: usize| points[i]["single_leader"]["latency_max_ms"].as_f64().expect("a mean");
    // From α · T_hb = 150 ms to 1.3 s: the crashed worker's tasks wait about that much longer.
    let grew = slowest(1) - slowest(0);
    assert!((800.0..1500.0).contains(&grew), "{grew} ms");
    for point in points.as_array().expect("points") {
        assert_eq!(point["single_leader"]["violated"], 0);
        assert_eq!(point["leaderless"]["violated"], 0);
    }
    // Bad values are refused in words.
    let sweep = |param, values| {
        ["sweep", "scenarios/tasks-worker-crash.toml", "--param", param, "--values", values]
    };
    refused(&sweep("alpha", "NaN"), "alpha must be a number");
    refused(&sweep("servers", "200,201"), "servers must be from 3 to 200");
}

#[test]
fn the_single_leader_survives_a_minority_of_failures_and_not_the_articles_bound() {
    for servers in [4u64, 5] {
        let n = servers.to_string();
        let output = clusterscope(&["bound", "--servers", &n, "--json"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let bound: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let majority_f = bound["majority_f"].as_u64().expect("a count");
        assert_eq!(majority_f, (servers - 1) / 2);
        for stretch in bound["stretches"].as_array().expect("stretches") {
            let crashed = stretch["crashed"].as_u64().expect("a count");
            let submitted = stretch["submitted"].as_u64().expect("a count");
            let leader = stretch["single_leader_accepted"].as_u64().expect("a count");
            let peers = stretch["leaderless_accepted"].as_u64().expect("a count");
            if crashed <= majority_f {
                // All but what arrived while a coordinator was being elected.
                assert!(leader * 10 >= submitted * 9, "{servers} servers, {crashed} crashed");
            } else {
                assert_eq!(leader, 0, "{servers} servers, {crashed} crashed: no majority");
            }
            // Without a quorum to wait for, the leaderless cluster takes most of the work
            // to the last server.
            assert!(peers * 2 > submitted, "{servers} servers, {crashed} crashed: {peers}");
        }
    }
}

#[test]
fn a_leader_hands_leadership_over_without_waiting_for_a_timeout() {
    let report = report("leadership-transfer");
    assert_eq!(report["violations"], Value::Array(vec![]));
    assert_eq!(report["leader"], "S5");
    let trace = report["trace"].as_array().expect("a trace");
    let at = |wanted: &dyn Fn(&Value) -> bool| {
        trace.iter().find(|r| wanted(r)).and_then(|r| r["time"].as_u64()).expect("happens")
    };
    let asked = at(&|r| r["event"]["type"] == "transfer_started");
    let told = at(&|r| r["event"]["type"] == "timeout_now_sent");
    let leads = at(&|r| r["node"] == "S5" && r["event"]["role"] == "leader");
    // S5 was caught up first, then won at once: well inside one election timeout (150 ms).
    assert!(asked <= told && told < leads);
    assert!(leads - asked < 100_000, "S5 led {} µs after the request", leads - asked);
    // Meanwhile the leader took no new writes; the one before and the one after committed.
    let clients = report["clients"].as_array().expect("client outcomes");
    let outcome = |command: &str, wanted: &str| {
        clients.iter().any(|c| c["command"] == command && c["outcome"] == wanted)
    };
    assert!(outcome("x=2", "rejected"));
    assert!(clients.iter().any(|c| c["reason"] == "transferring"));
    assert!(outcome("x=1", "committed") && outcome("x=3", "committed"));
}

#[test]
fn elect_puts_article_a_formula_next_to_raft_elections() {
    let output =
        clusterscope(&["elect", "--trials", "300", "--windows", "100ms,200ms,2s", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let windows = report["windows"].as_array().expect("windows");
    let measured: Vec<f64> =
        windows.iter().map(|w| w["measured"].as_f64().expect("a share")).collect();
    // Nobody times out within 100 ms of the last heartbeat; within 2 s every trial elects.
    assert_eq!(measured[0], 0.0);
    assert_eq!(measured[2], 1.0);
    // The formula, with the measured p, promises more than the run gives at 200 ms.
    let at_200 = &windows[1];
    assert!(at_200["formula"].as_f64() > at_200["measured"].as_f64(), "{at_200}");
    let bad = clusterscope(&["elect", "--servers", "1"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("servers must be from 3"));
}

#[test]
fn figure16_has_the_raft_papers_shape() {
    let output = clusterscope(&["figure16", "--trials", "80", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let ranges = report["ranges"].as_array().expect("ranges");
    let spans: Vec<(u64, u64)> = ranges
        .iter()
        .map(|r| (r["range"][0].as_u64().unwrap() / 1000, r["range"][1].as_u64().unwrap() / 1000))
        .collect();
    assert_eq!(spans, [(150, 150), (150, 151), (150, 155), (150, 175), (150, 200), (150, 300)]);
    let elected = |i: usize| -> Vec<u64> {
        let times = ranges[i]["elected"].as_array().expect("times");
        times.iter().map(|t| t.as_u64().expect("a time")).collect()
    };
    // No spread: the survivors time out together and split their votes for 10 s.
    assert!(elected(0).len() <= 8, "150–150 elected {} of 80", elected(0).len());
    // 150–300 ms: every trial has a leader within a second.
    let wide = elected(5);
    assert_eq!(wide.len(), 80);
    assert!(wide.iter().all(|&t| t < 1_000_000), "{wide:?}");
    // More spread, more trials with a leader within a second.
    let within_second = |i: usize| elected(i).iter().filter(|&&t| t <= 1_000_000).count();
    assert!(within_second(2) < within_second(4), "150–155 against 150–200");

    let csv = clusterscope(&["figure16", "--trials", "5", "--csv"]);
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(text.starts_with("range_min_ms,range_max_ms,elected_ms,cumulative_share\n"), "{text}");
    assert!(text.contains("\n150,150,,0.0000\n"), "{text}");
    refused(&["figure16", "--trials", "0"], "trials must be from 1");
}

/// Every `config_appended` event of a trace: (leader, index, voters, learners).
fn config_changes(report: &Value) -> Vec<(String, u64, Value, Value)> {
    trace(report)
        .iter()
        .filter(|r| r["event"]["type"] == "config_appended")
        .map(|r| {
            let membership = &r["event"]["membership"];
            let learners = membership.get("learners").cloned().unwrap_or(Value::Array(vec![]));
            let node = r["node"].as_str().expect("a node").to_string();
            let index = r["event"]["index"].as_u64().expect("an index");
            (node, index, membership["voters"].clone(), learners)
        })
        .collect()
}

fn refusals(report: &Value) -> Vec<&Value> {
    trace(report)
        .iter()
        .filter(|r| r["event"]["type"] == "config_refused")
        .map(|r| &r["event"]["reason"])
        .collect()
}

#[test]
fn servers_join_as_learners_become_voters_and_a_removed_leader_steps_down() {
    let report = report("membership-change");
    assert_no_violations(&report);
    let names = |list: &[&str]| Value::from(list.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    let none = names(&[]);
    let changes = config_changes(&report);
    let expected = [
        (names(&["S1", "S2", "S3"]), names(&["S4"])),
        (names(&["S1", "S2", "S3", "S4"]), none.clone()),
        (names(&["S1", "S2", "S3", "S4"]), names(&["S5"])),
        // S5 is promoted by the leader itself once it has caught up: nobody asked again.
        (names(&["S1", "S2", "S3", "S4", "S5"]), none.clone()),
        (names(&["S2", "S3", "S4", "S5"]), none.clone()),
    ];
    let seen: Vec<(Value, Value)> = changes.iter().map(|c| (c.2.clone(), c.3.clone())).collect();
    assert_eq!(seen, expected);
    assert!(changes.iter().all(|c| c.0 == "S1"), "S1 led every change: {changes:?}");
    // The second change asked for at once waits for the first.
    assert_eq!(refusals(&report), [&Value::from("change_pending")]);
    // S1 steps down once its removal commits; the four voters left elect another leader.
    let left: Vec<&Value> = trace(&report)
        .iter()
        .filter(|r| r["event"]["type"] == "left_configuration")
        .map(|r| &r["node"])
        .collect();
    assert_eq!(left, [&Value::from("S1")]);
    let leaders = leaders_elected(&report);
    assert_eq!(leaders.len(), 2, "{leaders:?}");
    assert_ne!(leaders[1].0, "S1");
    for node in up_nodes(&report) {
        assert_eq!(node["membership"]["voters"], names(&["S2", "S3", "S4", "S5"]), "{node}");
    }
    let clients = report["clients"].as_array().expect("client outcomes");
    for command in ["x=1", "x=2"] {
        assert!(clients.iter().any(|c| c["command"] == command && c["outcome"] == "committed"));
    }
}

#[test]
fn changing_voters_before_the_terms_first_commit_loses_a_committed_entry_only_with_the_bug() {
    let report = report("config-change-bug");
    let broken: Vec<&Value> = report["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| &v["property"])
        .collect();
    assert!(broken.contains(&&Value::from("state machine safety")), "{broken:?}");
    // Two configurations were in force: S1's five voters and S2's three.
    let changes = config_changes(&report);
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert_eq!((changes[1].0.as_str(), changes[1].1), ("S1", 3));
    assert_eq!((changes[2].0.as_str(), changes[2].1), ("S2", 4));

    // With the rule, S2 refuses until an entry of its term commits, and nothing is lost.
    let report = report_with("config-change-bug", "bugs = [\"early_config_change\"]", "");
    assert_no_violations(&report);
    assert_eq!(refusals(&report), [&Value::from("term_not_committed")]);
    assert_eq!(config_changes(&report).len(), 2);
}

/// The properties a leases report says broke.
fn broken(report: &Value) -> Vec<&str> {
    let violations = report["violations"].as_array().expect("violations is a list");
    violations.iter().map(|v| v["property"].as_str().expect("a property name")).collect()
}

/// The clients the store granted the lease to, in order, with their tokens.
fn grants(report: &Value) -> Vec<(String, u64)> {
    let grants = report["grants"].as_array().expect("grants is a list");
    grants
        .iter()
        .map(|g| {
            (g["to"].as_str().expect("a server").to_string(), g["token"].as_u64().expect("a token"))
        })
        .collect()
}

#[test]
fn each_lease_variant_shows_its_textbook_outcome() {
    // The article's lock: its holder crashes and nobody ever leads again.
    let stuck = report("leases-lock-no-ttl");
    assert_eq!(broken(&stuck), ["crashed holder replaced"]);
    assert_eq!(grants(&stuck), [("S3".to_string(), 1)]);
    assert_eq!(stuck["holder"], "S3");

    // A TTL: the paused holder wakes and writes beside its successor.
    let paused = report("leases-gc-pause");
    assert_eq!(broken(&paused), ["single writer", "no write after expiry"]);
    assert_eq!(grants(&paused), [("S3".to_string(), 1), ("S4".to_string(), 2)]);

    // Fencing: the same pause, and the storage turns the late write away.
    let fenced = report("leases-fencing");
    assert_eq!(broken(&fenced), Vec::<&str>::new());
    assert_eq!(grants(&fenced), [("S3".to_string(), 1), ("S4".to_string(), 2)]);
    assert_eq!(fenced["rejected"]["S3"], 1);
    let stopped = trace(&fenced)
        .iter()
        .any(|r| r["node"] == "S3" && r["event"]["type"] == "lost" && r["event"]["token"] == 1);
    assert!(stopped, "S3 should learn that it lost the lease");

    // The clock-bound lease: safe while the drift fits the margin, broken past it.
    let bounded = report("leases-clock-bound");
    assert_eq!(broken(&bounded), Vec::<&str>::new());
    assert_eq!(bounded["ran_out"], 1);
    let drifted = report("leases-clock-drift");
    assert_eq!(broken(&drifted), ["no write after expiry", "single writer"]);

    // The store on three Raft replicas: its leader crashes, and the new one honours the
    // lease it inherits for a TTL, so S6 gets it only once S5's has run out.
    let replicated = report("leases-replicated-store");
    assert_eq!(broken(&replicated), Vec::<&str>::new());
    assert_eq!(grants(&replicated), [("S5".to_string(), 1), ("S6".to_string(), 2)]);
    let events = trace(&replicated);
    let took_over = events
        .iter()
        .find(|r| r["event"]["type"] == "took_over" && r["event"]["honours"] == 1_000_000)
        .expect("a new store leader honours the lease for a TTL");
    assert_ne!(took_over["node"], "S1", "S1 crashed; another replica leads");
    let second_grant =
        events.iter().filter(|r| r["event"]["type"] == "granted").nth(1).expect("a second grant");
    let (taken_over_at, granted_at) =
        (took_over["time"].as_u64().unwrap(), second_grant["time"].as_u64().unwrap());
    assert!(granted_at >= taken_over_at + 1_000_000, "{granted_at} < {taken_over_at} + TTL");
    let crashed = events.iter().find(|r| r["kind"] == "crashed").expect("S1 crashes");
    assert!(crashed["time"].as_u64().unwrap() < taken_over_at);

    // The same with a new leader that takes the inherited lease as expired: two writers.
    let freed = report("leases-failover-bug");
    assert_eq!(broken(&freed), ["one lease at a time", "single writer"]);
}

#[test]
fn the_leases_fuzzer_catches_the_unsafe_leases_and_not_the_safe_ones() {
    let fuzz = |variant: &str, seeds: &str| {
        let args = ["fuzz", "--protocol", "leases", "--variant", variant, "--seeds", seeds];
        let output = clusterscope(&args);
        (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    for unsafe_variant in ["lock_no_ttl", "ttl"] {
        let (passed, out) = fuzz(unsafe_variant, "300");
        assert!(!passed, "{unsafe_variant} survived 300 seeds: {out}");
        assert!(
            out.contains(&format!("--protocol leases --variant {unsafe_variant} --start")),
            "{out}"
        );
    }
    for safe in ["ttl_fencing", "ttl_clock_bound"] {
        let (passed, out) = fuzz(safe, "1000");
        assert!(passed, "{safe}: {out}");
    }
    let (passed, out) = {
        let args = ["fuzz", "--protocol", "leases", "--variant", "ttl_clock_bound"];
        let output =
            clusterscope(&[&args[..], &["--store-replicas", "3", "--seeds", "500"]].concat());
        (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    assert!(passed && out.contains("--store-replicas 3"), "{out}");
    refused(&["fuzz", "--protocol", "leases", "--variant", "ttl_forever"], "unknown lease variant");
    refused(&["fuzz", "--protocol", "leases", "--store-replicas", "4"], "not 4");
    refused(&["fuzz", "--protocol", "raft", "--variant", "ttl"], "--variant");
    refused(&["fuzz", "--protocol", "raft", "--store-replicas", "3"], "--store-replicas");
}
