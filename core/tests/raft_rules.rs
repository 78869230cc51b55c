//! Figure 2's rules one at a time: feed a node an input, check what it writes to its output
//! buffer. No simulator involved; this is the sans-IO contract.

use clusterscope_core::protocols::raft::{
    Bugs, Command, ConfigRefusal, DenyReason, Entry, Event, Membership, Message, Persistent,
    RaftConfig, RaftInvariants, RaftNode, ReadMode, Role, Servers, Snapshot, Timer,
};
use clusterscope_core::sim::{Invariants, MemberChange, Node, NodeId, Out, Output, StepContext};

const S1: NodeId = NodeId(0);
const S2: NodeId = NodeId(1);
const S3: NodeId = NodeId(2);

fn entry(term: u64, text: &str) -> Entry {
    Entry::new(term, text.parse().expect("valid command"), 0)
}

fn node_with(
    id: NodeId,
    term: u64,
    voted_for: Option<NodeId>,
    log: Vec<Entry>,
    config: &RaftConfig,
) -> RaftNode {
    RaftNode::recover(
        id,
        3,
        config,
        Persistent { current_term: term, voted_for, log, ..Persistent::default() },
    )
}

fn sends(out: &Out<RaftNode>) -> Vec<(NodeId, Message)> {
    out.items()
        .iter()
        .filter_map(|o| match o {
            Output::Send { to, msg } => Some((*to, msg.clone())),
            _ => None,
        })
        .collect()
}

fn events(out: &Out<RaftNode>) -> Vec<Event> {
    out.items()
        .iter()
        .filter_map(|o| match o {
            Output::Event(e) => Some(e.clone()),
            _ => None,
        })
        .collect()
}

/// Makes `S1` leader of a 3-node cluster in term `term` (votes from S2).
fn elect(node: &mut RaftNode) -> Out<RaftNode> {
    let mut out = Out::default();
    node.on_timer(Timer::Election, &mut out);
    let term = node.current_term();
    let reply = Message::RequestVoteReply { term, vote_granted: true, request_term: term };
    node.on_message(S2, reply, &mut out);
    assert_eq!(node.role(), Role::Leader);
    out
}

/// S1 of five campaigns in term `first`, then again in the next term before S2 answered; S2
/// grants the new term's request, then refuses the old one (now stale), in that order.
fn grant_then_stale_refusal(config: &RaftConfig) -> (RaftNode, Out<RaftNode>) {
    let mut node = RaftNode::recover(S1, 5, config, Persistent::default());
    let mut out = Out::default();
    node.on_timer(Timer::Election, &mut out);
    let first = node.current_term();
    node.on_timer(Timer::Election, &mut out);
    let current = node.current_term();
    assert_eq!(current, first + 1);
    let grant =
        Message::RequestVoteReply { term: current, vote_granted: true, request_term: current };
    node.on_message(S2, grant, &mut out);
    let stale =
        Message::RequestVoteReply { term: current, vote_granted: false, request_term: first };
    node.on_message(S2, stale, &mut out);
    let third =
        Message::RequestVoteReply { term: current, vote_granted: true, request_term: current };
    node.on_message(S3, third, &mut out);
    (node, out)
}

#[test]
fn a_refusal_of_an_earlier_request_does_not_undo_a_vote_granted_in_this_term() {
    let (node, out) = grant_then_stale_refusal(&RaftConfig::default());
    assert_eq!(node.role(), Role::Leader, "S1, S2 and S3 are three of five");
    assert!(events(&out).contains(&Event::Role { role: Role::Leader, term: node.current_term() }));
}

#[test]
fn stale_vote_reply_bug_loses_the_vote_and_the_checker_says_so() {
    let config = RaftConfig {
        bugs: Bugs { stale_vote_reply: true, ..Bugs::default() },
        ..RaftConfig::default()
    };
    let (node, _) = grant_then_stale_refusal(&config);
    assert_eq!(node.role(), Role::Candidate, "it counts two votes of the three it holds");
    let mut checks = RaftInvariants::new(5);
    let mut nodes: Vec<Option<RaftNode>> = vec![None; 5];
    nodes[0] = Some(node);
    let ctx = StepContext {
        step: 1,
        time: 0,
        nodes: &nodes,
        touched: Some(S1),
        lost: 0,
        timing_faults: 0,
    };
    let mut broken = Vec::new();
    checks.check(&ctx, &mut |property, detail| broken.push((property, detail)));
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert_eq!(broken[0].0, "vote counting");
    assert!(broken[0].1.contains("holds votes from 3 of 5 voters"), "{}", broken[0].1);
}

#[test]
fn election_timeout_starts_an_election_in_the_next_term() {
    let mut node = node_with(S1, 3, None, vec![entry(2, "x=1")], &RaftConfig::default());
    let mut out = Out::default();
    node.on_timer(Timer::Election, &mut out);
    assert_eq!(node.role(), Role::Candidate);
    assert_eq!(node.current_term(), 4);
    assert_eq!(node.voted_for(), Some(S1), "a candidate votes for itself");
    let requests = sends(&out);
    assert_eq!(requests.len(), 2);
    for (_, msg) in requests {
        assert_eq!(
            msg,
            Message::RequestVote { term: 4, last_log_index: 1, last_log_term: 2, transfer: false }
        );
    }
}

#[test]
fn vote_is_denied_to_a_candidate_whose_log_is_behind() {
    let mut node =
        node_with(S2, 3, None, vec![entry(1, "a=1"), entry(3, "b=2")], &RaftConfig::default());
    let mut out = Out::default();
    // Longer log, but an older last term: not up-to-date (§5.4.1).
    let request =
        Message::RequestVote { term: 4, last_log_index: 5, last_log_term: 2, transfer: false };
    node.on_message(S1, request, &mut out);
    assert_eq!(
        sends(&out),
        vec![(S1, Message::RequestVoteReply { term: 4, vote_granted: false, request_term: 4 })]
    );
    assert!(events(&out).contains(&Event::VoteDenied {
        candidate: S1,
        term: 4,
        reason: DenyReason::LogBehind
    }));
    assert_eq!(node.voted_for(), None);
}

#[test]
fn skip_log_check_bug_grants_that_vote() {
    let config = RaftConfig {
        bugs: Bugs { skip_log_check: true, ..Bugs::default() },
        ..RaftConfig::default()
    };
    let mut node = node_with(S2, 3, None, vec![entry(1, "a=1"), entry(3, "b=2")], &config);
    let mut out = Out::default();
    node.on_message(
        S1,
        Message::RequestVote { term: 4, last_log_index: 5, last_log_term: 2, transfer: false },
        &mut out,
    );
    assert_eq!(
        sends(&out),
        vec![(S1, Message::RequestVoteReply { term: 4, vote_granted: true, request_term: 4 })]
    );
}

#[test]
fn one_vote_per_term_and_it_survives_a_restart() {
    let config = RaftConfig::default();
    let mut node = node_with(S3, 1, None, vec![], &config);
    let mut out = Out::default();
    node.on_message(
        S1,
        Message::RequestVote { term: 2, last_log_index: 0, last_log_term: 0, transfer: false },
        &mut out,
    );
    assert_eq!(node.voted_for(), Some(S1));

    let mut restarted = RaftNode::recover(S3, 3, &config, node.persistent());
    let mut out = Out::default();
    restarted.on_message(
        S2,
        Message::RequestVote { term: 2, last_log_index: 0, last_log_term: 0, transfer: false },
        &mut out,
    );
    assert_eq!(
        sends(&out),
        vec![(S2, Message::RequestVoteReply { term: 2, vote_granted: false, request_term: 2 })]
    );

    let forgetful =
        RaftConfig { bugs: Bugs { forget_voted_for: true, ..Bugs::default() }, ..config };
    let mut buggy = RaftNode::recover(S3, 3, &forgetful, node.persistent());
    let mut out = Out::default();
    buggy.on_message(
        S2,
        Message::RequestVote { term: 2, last_log_index: 0, last_log_term: 0, transfer: false },
        &mut out,
    );
    assert_eq!(
        sends(&out),
        vec![(S2, Message::RequestVoteReply { term: 2, vote_granted: true, request_term: 2 })]
    );
}

#[test]
fn higher_term_in_any_message_turns_a_leader_into_a_follower() {
    let mut node = node_with(S1, 1, None, vec![], &RaftConfig::default());
    elect(&mut node);
    let mut out = Out::default();
    node.on_message(
        S3,
        Message::AppendEntriesReply {
            term: 9,
            success: false,
            match_index: 0,
            conflict_index: 0,
            conflict_term: None,
            read_round: 0,
        },
        &mut out,
    );
    assert_eq!(node.role(), Role::Follower);
    assert_eq!(node.current_term(), 9);
    assert_eq!(node.voted_for(), None);
    assert!(out
        .items()
        .iter()
        .any(|o| matches!(o, Output::CancelTimer { timer: Timer::Heartbeat })));
    assert!(out
        .items()
        .iter()
        .any(|o| matches!(o, Output::SetTimer { timer: Timer::Election, .. })));
}

#[test]
fn append_entries_rejects_a_mismatched_prev_entry_with_a_conflict_hint() {
    let log = vec![entry(1, "a=1"), entry(2, "b=1"), entry(2, "c=1")];
    let mut node = node_with(S2, 3, None, log, &RaftConfig::default());
    let mut out = Out::default();
    let append = Message::AppendEntries {
        term: 3,
        prev_log_index: 3,
        prev_log_term: 3,
        entries: vec![],
        leader_commit: 0,
        read_round: 0,
    };
    node.on_message(S1, append, &mut out);
    // The follower's entry at index 3 has term 2, whose first index is 2.
    assert_eq!(
        sends(&out),
        vec![(
            S1,
            Message::AppendEntriesReply {
                term: 3,
                success: false,
                match_index: 0,
                conflict_index: 2,
                conflict_term: Some(2),
                read_round: 0,
            }
        )]
    );
}

#[test]
fn append_entries_truncates_conflicts_but_keeps_matching_entries() {
    let log = vec![entry(1, "a=1"), entry(2, "stale=1"), entry(2, "stale=2")];
    let mut node = node_with(S2, 3, None, log, &RaftConfig::default());
    let mut out = Out::default();
    let append = Message::AppendEntries {
        term: 3,
        prev_log_index: 1,
        prev_log_term: 1,
        entries: vec![entry(3, "new=1")],
        leader_commit: 2,
        read_round: 0,
    };
    node.on_message(S1, append.clone(), &mut out);
    assert_eq!(node.log(), &[entry(1, "a=1"), entry(3, "new=1")]);
    assert_eq!(node.commit_index(), 2);
    assert_eq!(node.kv().get("new").map(|v| &**v), Some("1"));

    // A late duplicate of an older, shorter AppendEntries must not cut the log back.
    node.on_message(
        S1,
        Message::AppendEntries {
            term: 3,
            prev_log_index: 1,
            prev_log_term: 1,
            entries: vec![],
            leader_commit: 2,
            read_round: 0,
        },
        &mut Out::default(),
    );
    node.on_message(S1, append, &mut Out::default());
    assert_eq!(node.log().len(), 2);
}

#[test]
fn leader_counts_replicas_only_for_current_term_entries() {
    for (figure8_bug, expected_commit) in [(false, 0), (true, 1)] {
        let config = RaftConfig {
            leader_noop: false,
            bugs: Bugs { figure8_commit: figure8_bug, ..Bugs::default() },
            ..RaftConfig::default()
        };
        // S1 holds an entry from term 2 and wins term 3.
        let mut node = node_with(S1, 2, None, vec![entry(2, "old=1")], &config);
        elect(&mut node);
        let mut out = Out::default();
        let reply = Message::AppendEntriesReply {
            term: 3,
            success: true,
            match_index: 1,
            conflict_index: 0,
            conflict_term: None,
            read_round: 0,
        };
        node.on_message(S2, reply, &mut out);
        assert_eq!(node.commit_index(), expected_commit, "figure8 bug on: {figure8_bug}");
    }
}

#[test]
fn new_leader_commits_its_noop_and_with_it_earlier_entries() {
    let mut node = node_with(S1, 2, None, vec![entry(2, "old=1")], &RaftConfig::default());
    elect(&mut node);
    assert_eq!(node.log().last().map(|e| &e.command), Some(&Command::Noop));
    let reply = Message::AppendEntriesReply {
        term: 3,
        success: true,
        match_index: 2,
        conflict_index: 0,
        conflict_term: None,
        read_round: 0,
    };
    node.on_message(S3, reply, &mut Out::default());
    assert_eq!(node.commit_index(), 2);
    assert_eq!(node.last_applied(), 2);
}

#[test]
fn follower_forwards_client_requests_to_the_leader_it_knows() {
    let mut node = node_with(S2, 1, None, vec![], &RaftConfig::default());
    node.on_message(
        S1,
        Message::AppendEntries {
            term: 1,
            prev_log_index: 0,
            prev_log_term: 0,
            entries: vec![],
            leader_commit: 0,
            read_round: 0,
        },
        &mut Out::default(),
    );
    let mut out = Out::default();
    node.on_client(
        clusterscope_core::sim::ClientRequest { id: 7, command: "x=1".parse().expect("valid") },
        &mut out,
    );
    assert_eq!(
        sends(&out),
        vec![(S1, Message::ClientForward { request: 7, command: "x=1".parse().expect("valid") })]
    );
}

#[test]
fn failure_reply_backs_next_index_past_the_conflicting_term() {
    let config = RaftConfig { leader_noop: false, ..RaftConfig::default() };
    let log = vec![entry(1, "a=1"), entry(1, "b=1"), entry(3, "c=1"), entry(3, "d=1")];
    let mut node = node_with(S1, 3, None, log, &config);
    elect(&mut node);
    let mut out = Out::default();
    // S2 has term 2 entries from index 3 on: term 2 is not in the leader's log at all, so
    // the leader jumps to the follower's first index of that term.
    let reply = Message::AppendEntriesReply {
        term: 4,
        success: false,
        match_index: 0,
        conflict_index: 3,
        conflict_term: Some(2),
        read_round: 0,
    };
    node.on_message(S2, reply, &mut out);
    let retry = sends(&out);
    assert!(
        matches!(retry.as_slice(), [(to, Message::AppendEntries { prev_log_index: 2, prev_log_term: 1, entries, .. })] if *to == S2 && entries.len() == 2)
    );
}

#[test]
fn leader_keeps_one_append_entries_outstanding_per_follower() {
    let mut node = node_with(S1, 1, None, vec![], &RaftConfig::default());
    elect(&mut node); // sends the first AppendEntries to S2 and S3
    let request = |id, text: &str| clusterscope_core::sim::ClientRequest {
        id,
        command: text.parse().expect("valid"),
    };
    let mut out = Out::default();
    node.on_client(request(1, "x=1"), &mut out);
    assert!(sends(&out).is_empty(), "both followers still owe a reply: nothing new is sent");

    // S2 answers: it is idle again and gets what piled up.
    let mut out = Out::default();
    let reply = Message::AppendEntriesReply {
        term: 2,
        success: true,
        match_index: 1,
        conflict_index: 0,
        conflict_term: None,
        read_round: 0,
    };
    node.on_message(S2, reply, &mut out);
    let sent = sends(&out);
    assert!(
        matches!(sent.as_slice(), [(to, Message::AppendEntries { entries, .. })] if *to == S2 && entries.len() == 1)
    );

    // The heartbeat goes to everyone, answered or not: it also repairs lost messages.
    let mut out = Out::default();
    node.on_timer(Timer::Heartbeat, &mut out);
    let targets: Vec<NodeId> = sends(&out).into_iter().map(|(to, _)| to).collect();
    assert_eq!(targets, vec![S2, S3]);
}

#[test]
fn duplicated_replies_do_not_multiply_append_entries() {
    let log = vec![entry(1, "a=1"), entry(1, "b=1")];
    let mut node = node_with(S1, 1, None, log, &RaftConfig::default());
    elect(&mut node);
    for id in 1..=3 {
        let command = format!("x={id}").parse().expect("valid");
        node.on_client(clusterscope_core::sim::ClientRequest { id, command }, &mut Out::default());
    }
    let reply = Message::AppendEntriesReply {
        term: 2,
        success: true,
        match_index: 3,
        conflict_index: 0,
        conflict_term: None,
        read_round: 0,
    };
    let mut first = Out::default();
    node.on_message(S2, reply.clone(), &mut first);
    assert_eq!(sends(&first).len(), 1, "progress earns the next batch");
    let mut duplicate = Out::default();
    node.on_message(S2, reply, &mut duplicate);
    assert!(sends(&duplicate).is_empty(), "the same reply again is no progress");

    let rejection = Message::AppendEntriesReply {
        term: 2,
        success: false,
        match_index: 0,
        conflict_index: 2,
        conflict_term: None,
        read_round: 0,
    };
    let mut first = Out::default();
    node.on_message(S3, rejection.clone(), &mut first);
    assert_eq!(sends(&first).len(), 1, "a rejection that moves nextIndex back retries at once");
    let mut duplicate = Out::default();
    node.on_message(S3, rejection, &mut duplicate);
    assert!(sends(&duplicate).is_empty(), "a repeated rejection waits for the heartbeat");
}

/// An AppendEntries of `term` after (prevLogIndex, prevLogTerm), with no read round.
fn append(term: u64, prev: (u64, u64), entries: Vec<Entry>, leader_commit: u64) -> Message {
    let (prev_log_index, prev_log_term) = prev;
    Message::AppendEntries {
        term,
        prev_log_index,
        prev_log_term,
        entries,
        leader_commit,
        read_round: 0,
    }
}

/// A follower whose log was compacted to index 2 (x=1, then y=2), with entry 3 after it.
fn compacted_follower(config: &RaftConfig) -> RaftNode {
    let snapshot = Snapshot {
        last_index: 2,
        last_term: 1,
        kv: [("x".into(), "1".into()), ("y".into(), "2".into())].into_iter().collect(),
        applied_requests: Default::default(),
        membership: None,
    };
    let persistent =
        Persistent { current_term: 2, voted_for: None, log: vec![entry(2, "z=3")], snapshot };
    RaftNode::recover(S2, 3, config, persistent)
}

#[test]
fn a_restarted_server_starts_from_its_snapshot() {
    let node = compacted_follower(&RaftConfig::default());
    assert_eq!(
        (node.commit_index(), node.last_applied()),
        (2, 2),
        "a snapshot holds committed entries only"
    );
    assert_eq!(node.kv().get("y").map(|v| &**v), Some("2"));
    assert_eq!((node.last_log_index(), node.last_log_term()), (3, 2));
    assert_eq!(node.term_at(2), Some(1), "the snapshot keeps its last entry's term");
    assert_eq!(node.term_at(1), None, "earlier entries are gone");
    assert_eq!(node.entry(3), Some(&entry(2, "z=3")));
}

#[test]
fn servers_compact_applied_entries_at_their_next_step() {
    let config = RaftConfig { snapshot_threshold: 2, leader_noop: false, ..RaftConfig::default() };
    let mut node = node_with(S2, 1, None, Vec::new(), &config);
    let entries = vec![entry(1, "x=1"), entry(1, "x=2"), entry(1, "y=1")];
    node.on_message(S1, append(1, (0, 0), entries, 2), &mut Out::default());
    assert_eq!(node.log().len(), 3, "not in the step that applied them");
    let mut out = Out::default();
    node.on_timer(Timer::Election, &mut out);
    assert_eq!(events(&out)[0], Event::Compacted { last_index: 2 });
    assert_eq!(node.log(), &[entry(1, "y=1")], "the uncommitted entry stays in the log");
    assert_eq!(node.snapshot().last_index, 2);
    assert_eq!(node.snapshot().kv.get("x").map(|v| &**v), Some("2"));
}

#[test]
fn a_leader_sends_its_snapshot_to_a_follower_that_needs_compacted_entries() {
    let config = RaftConfig { snapshot_threshold: 1, ..RaftConfig::default() };
    let mut node = node_with(S1, 1, None, Vec::new(), &config);
    elect(&mut node);
    // S2 takes the no-op at index 1; it commits and S1 compacts it at its next step.
    let ok = |match_index| Message::AppendEntriesReply {
        term: 2,
        success: true,
        match_index,
        conflict_index: 0,
        conflict_term: None,
        read_round: 0,
    };
    node.on_message(S2, ok(1), &mut Out::default());
    assert_eq!(node.commit_index(), 1);
    let mut out = Out::default();
    node.on_timer(Timer::Heartbeat, &mut out);
    assert_eq!(node.snapshot().last_index, 1);
    let to_s3 = sends(&out).into_iter().find(|(to, _)| *to == S3).expect("a message to S3");
    let Message::InstallSnapshot { term: 2, snapshot, .. } = to_s3.1 else {
        panic!("S3 still needs index 1, which is compacted: {to_s3:?}")
    };
    assert_eq!((snapshot.last_index, snapshot.last_term), (1, 2));
    // S3's answer moves its matchIndex to the snapshot's end.
    let reply = Message::InstallSnapshotReply { term: 2, last_index: 1, read_round: 0 };
    let mut out = Out::default();
    node.on_message(S3, reply, &mut out);
    assert_eq!(node.progress(S3), Some((2, 1)));
}

#[test]
fn install_snapshot_keeps_the_log_after_a_matching_entry_and_drops_a_conflicting_one() {
    let snapshot_to = |last_index, last_term| Snapshot {
        last_index,
        last_term,
        kv: [("x".into(), "9".into())].into_iter().collect(),
        applied_requests: Default::default(),
        membership: None,
    };
    let log = vec![entry(1, "a=1"), entry(1, "b=1"), entry(2, "c=1")];

    let mut node = node_with(S2, 2, None, log.clone(), &RaftConfig::default());
    let install = Message::InstallSnapshot { term: 2, snapshot: snapshot_to(2, 1), read_round: 0 };
    let mut out = Out::default();
    node.on_message(S1, install, &mut out);
    assert_eq!(node.log(), &[entry(2, "c=1")], "entry 2 matches: what follows it stays");
    assert_eq!((node.commit_index(), node.last_applied()), (2, 2));
    assert_eq!(node.kv().get("x").map(|v| &**v), Some("9"), "the state machine is the snapshot's");
    assert!(events(&out).contains(&Event::SnapshotInstalled { leader: S1, last_index: 2 }));
    assert_eq!(
        sends(&out),
        vec![(S1, Message::InstallSnapshotReply { term: 2, last_index: 2, read_round: 0 })]
    );

    let mut node = node_with(S2, 3, None, log.clone(), &RaftConfig::default());
    let install = Message::InstallSnapshot { term: 3, snapshot: snapshot_to(2, 3), read_round: 0 };
    node.on_message(S1, install, &mut Out::default());
    assert!(node.log().is_empty(), "entry 2 is of another term: the whole log goes");
    assert_eq!((node.last_log_index(), node.last_log_term()), (2, 3));

    let mut node = node_with(S2, 4, None, log, &RaftConfig::default());
    let stale = Message::InstallSnapshot { term: 3, snapshot: snapshot_to(2, 3), read_round: 0 };
    let mut out = Out::default();
    node.on_message(S1, stale, &mut out);
    assert_eq!(node.log().len(), 3, "a snapshot from a stale term changes nothing");
    assert!(node.kv().is_empty());
    // And claims nothing: S1 may be leader of term 4 by the time the reply arrives.
    assert_eq!(
        sends(&out),
        vec![(S1, Message::InstallSnapshotReply { term: 4, last_index: 0, read_round: 0 })]
    );
}

#[test]
fn append_entries_reaching_back_into_the_snapshot_skips_what_it_covers() {
    let mut node = compacted_follower(&RaftConfig::default());
    let entries = vec![entry(1, "y=2"), entry(2, "z=3"), entry(2, "w=4")];
    let mut out = Out::default();
    node.on_message(S1, append(2, (1, 1), entries, 4), &mut out);
    assert_eq!(node.log(), &[entry(2, "z=3"), entry(2, "w=4")]);
    assert_eq!(node.commit_index(), 4);
    assert_eq!(node.kv().get("w").map(|v| &**v), Some("4"));

    // Entries wholly inside the snapshot: it matches the leader there already.
    let inside = append(2, (0, 0), vec![entry(1, "x=1")], 1);
    let mut out = Out::default();
    node.on_message(S1, inside, &mut out);
    let Some((_, Message::AppendEntriesReply { success: true, match_index: 2, .. })) =
        sends(&out).pop()
    else {
        panic!("{:?}", sends(&out))
    };
}

/// With lease reads, a server that acknowledged a leader less than a minimum election
/// timeout ago must not campaign, even when its timer is forced to fire early: its vote for
/// itself would help end that leader's lease while the leader may still answer reads on it.
#[test]
fn under_lease_reads_a_forced_timeout_right_after_a_heartbeat_does_not_campaign() {
    for (mode, campaigns) in [(ReadMode::Lease, false), (ReadMode::ReadIndex, true)] {
        let config = RaftConfig { read_mode: mode, ..RaftConfig::default() };
        let mut node = node_with(S2, 1, None, Vec::new(), &config);
        let heartbeat = append(1, (0, 0), Vec::new(), 0);
        node.on_message(S1, heartbeat, &mut Out::default());
        let mut out = Out::default();
        node.on_timer(Timer::Election, &mut out);
        assert_eq!(node.role() == Role::Candidate, campaigns, "{mode:?}");
        assert_eq!(node.current_term(), if campaigns { 2 } else { 1 }, "{mode:?}");
        assert_eq!(sends(&out).is_empty(), !campaigns, "{mode:?}");
    }
}

/// A follower's successful AppendEntries reply in `term`: it stores the log to `index`.
fn stored_up_to(term: u64, index: u64) -> Message {
    Message::AppendEntriesReply {
        term,
        success: true,
        match_index: index,
        conflict_index: 0,
        conflict_term: None,
        read_round: 0,
    }
}

fn config_entry(term: u64, voters: &[NodeId], learners: &[NodeId]) -> Entry {
    let set = |ids: &[NodeId]| ids.iter().fold(Servers::default(), |s, &id| s.with(id));
    let membership = Membership { voters: set(voters), learners: set(learners) };
    Entry { membership: Some(membership), ..Entry::new(term, Command::Noop, 0) }
}

#[test]
fn a_server_outside_the_configuration_neither_campaigns_nor_disrupts_a_led_cluster() {
    // S3 was removed at index 1: S1 and S2 vote.
    let log = vec![config_entry(1, &[S1, S2], &[])];
    let mut s3 = node_with(S3, 1, None, vec![entry(1, "x=1")], &RaftConfig::default());
    let mut out = Out::default();
    s3.on_timer(Timer::Election, &mut out);
    // S3 never learned of its removal, so it campaigns; S1 knows, and ignores it without
    // taking its term.
    assert_eq!(s3.role(), Role::Candidate);
    let mut s1 = node_with(S1, 1, None, log.clone(), &RaftConfig::default());
    let mut out = Out::default();
    // S1 hears from its leader S2...
    s1.on_message(S2, append(1, (1, 1), vec![], 1), &mut out);
    let request =
        Message::RequestVote { term: 2, last_log_index: 5, last_log_term: 1, transfer: false };
    let mut out = Out::default();
    s1.on_message(S3, request.clone(), &mut out);
    assert_eq!(s1.current_term(), 1);
    assert!(sends(&out).is_empty());
    assert!(events(&out).contains(&Event::VoteDenied {
        candidate: S3,
        term: 2,
        reason: DenyReason::NotVoter
    }));
    // ...but with no leader to hear from, S3's request is weighed like any other: S3 may
    // hold a change the others need.
    let mut fresh =
        node_with(S1, 1, None, vec![config_entry(1, &[S1, S2], &[])], &RaftConfig::default());
    let mut out = Out::default();
    fresh.on_message(S3, request, &mut out);
    assert_eq!(fresh.current_term(), 2);
    // A server that knows its removal committed does not campaign.
    let mut s3 = node_with(S3, 1, None, vec![], &RaftConfig::default());
    s3.on_message(S1, append(1, (0, 0), log, 1), &mut Out::default());
    let mut out_s3 = Out::default();
    s3.on_timer(Timer::Election, &mut out_s3);
    assert_eq!(s3.role(), Role::Follower);
    assert_eq!(events(&out_s3), [Event::NotVoter]);
}

#[test]
fn a_configuration_is_in_force_when_appended_and_gone_when_truncated() {
    let mut node = node_with(S2, 1, None, vec![entry(1, "x=1")], &RaftConfig::default());
    let mut out = Out::default();
    let learner = config_entry(1, &[S1, S2], &[S3]);
    node.on_message(S1, append(1, (1, 1), vec![learner], 1), &mut out);
    assert_eq!(node.membership().learners.iter().collect::<Vec<_>>(), [S3]);
    // A new leader of term 2 overwrites the uncommitted change: the old configuration is
    // back.
    node.on_message(S1, append(2, (1, 1), vec![entry(2, "y=1")], 1), &mut out);
    assert_eq!(node.membership().voters.len(), 3);
    assert!(node.membership().learners.is_empty());
}

#[test]
fn a_leader_refuses_unsafe_or_meaningless_changes() {
    let mut node = node_with(S1, 0, None, vec![], &RaftConfig::default());
    elect(&mut node);
    let refused = |node: &mut RaftNode, change, target| {
        let mut out = Out::default();
        assert!(node.on_membership(change, target, &mut out));
        events(&out).into_iter().find_map(|e| match e {
            Event::ConfigRefused { reason, .. } => Some(reason),
            _ => None,
        })
    };
    // Its no-op has not committed: no change yet (the single-server change rule).
    assert_eq!(
        refused(&mut node, MemberChange::RemoveServer, S3),
        Some(ConfigRefusal::TermNotCommitted)
    );
    let mut out = Out::default();
    node.on_message(S2, stored_up_to(1, 1), &mut out);
    assert_eq!(node.commit_index(), 1);
    assert_eq!(refused(&mut node, MemberChange::AddServer, S2), Some(ConfigRefusal::AlreadyVoter));
    assert_eq!(
        refused(&mut node, MemberChange::AddServer, NodeId(7)),
        Some(ConfigRefusal::NoSuchServer)
    );
    assert_eq!(refused(&mut node, MemberChange::RemoveServer, S3), None);
    // S3 removed, uncommitted: the next change waits.
    assert_eq!(
        refused(&mut node, MemberChange::RemoveServer, S2),
        Some(ConfigRefusal::ChangePending)
    );
    // The removal commits with S2 alone (two voters now, S1 and S2)...
    node.on_message(S2, stored_up_to(1, 2), &mut out);
    assert_eq!(node.commit_index(), 2);
    assert_eq!(refused(&mut node, MemberChange::RemoveServer, S3), Some(ConfigRefusal::NotMember));
    // ...and a transfer to the removed server is refused: it could not win.
    let mut out = Out::default();
    node.on_transfer(S3, &mut out);
    assert!(events(&out).contains(&Event::TransferRefused { to: S3 }));
}

#[test]
fn the_last_voter_cannot_be_removed() {
    let config = RaftConfig { voters: 1, ..RaftConfig::default() };
    let mut node = node_with(S1, 0, None, vec![], &config);
    let mut out = Out::default();
    node.on_timer(Timer::Election, &mut out);
    assert_eq!(node.role(), Role::Leader, "a single voter elects itself");
    assert_eq!(node.commit_index(), 1, "and commits alone");
    let mut out = Out::default();
    node.on_membership(MemberChange::RemoveServer, S1, &mut out);
    assert!(events(&out)
        .iter()
        .any(|e| matches!(e, Event::ConfigRefused { reason: ConfigRefusal::LastVoter, .. })));
}
