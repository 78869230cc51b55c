//! Narration: every step a person steps through reads as a plain sentence.

use clusterscope_core::protocols::raft::narrate;
use clusterscope_core::scenario::Scenario;

fn narrated(scenario: &str) -> Vec<String> {
    let path = format!("{}/../scenarios/{scenario}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("scenario exists");
    let (_, trace) = Scenario::parse(&text, scenario).expect("parses").run_raft(true);
    trace.iter().filter_map(narrate).map(|line| line.to_string()).collect()
}

#[test]
fn an_election_reads_as_a_story() {
    let lines = narrated("first-election");
    let find = |needle: &str| lines.iter().find(|l| l.contains(needle)).cloned();
    let start = find("times out and starts an election for term 1").expect("a candidate");
    let candidate = &start[..2];
    assert!(find(&format!("votes for {candidate} in term 1")).is_some(), "{lines:#?}");
    assert!(find(&format!("{candidate} wins a majority and becomes leader for term 1")).is_some());
    assert!(
        lines[0].starts_with("All servers start as followers"),
        "the scenario's own narration comes first"
    );
}

#[test]
fn actions_are_told_in_words_not_debug_output() {
    let lines = narrated("partitioned-leader");
    assert!(lines.iter().all(|l| !l.contains("Target") && !l.contains("Node(")), "{lines:#?}");
    let lines = narrated("one-way-cut");
    assert!(lines.iter().any(|l| l == "Messages from S1 to S2 are dropped; S2 to S1 still flows."));
    assert!(lines.iter().any(|l| l == "the network heals"), "{lines:#?}");
    assert!(lines.iter().any(|l| l.starts_with("a client sends after=heal to the leader (")));
}
