//! Links and trace files from anywhere never panic the page: arbitrary text, and real links
//! with characters changed, are opened or refused in words. These run natively (the parsers
//! are plain Rust) in the normal test command; coverage-guided fuzzing of the same targets
//! is in fuzz/.
#![cfg(not(target_arch = "wasm32"))]

use clusterscope_core::sim::action_code;
use clusterscope_core::sim::{Action, Fate, LoggedAction, MemberChange, NodeId, Target};
use clusterscope_web::{Link, Session};
use proptest::prelude::*;

const LINKS: [&str; 6] = [
    "protocol=raft&servers=5&seed=1&election=150ms..300ms&heartbeat=50ms&latency=5ms..15ms&writes=500ms&log=r.62kwC3_5.1H_3.ffWL.x%3D1&step=50&time=497.987ms",
    "protocol=raft&servers=3&pre_vote=1&check_quorum=1&log=r.62kwI1&step=400",
    "#protocol=paxos&proposers=3&acceptors=3&retry=25ms..25ms&bugs=forget_promise&step=10",
    "?protocol=gossip&servers=100&mode=pull&fanout=5&aligned=1&panel=charts&embed=1",
    "scenario=leader-crash&step=300&log=5.0P1.2-3.4_2.0K1.2_1.0XL0.05D0.1A5000.15000E1.2_3.3D7f_1.1U2",
    "actions=%5B%7B%22step%22%3A27%2C%22time%22%3A283280%2C%22action%22%3A%7B%22do%22%3A%22crash%22%2C%22node%22%3A%22S3%22%7D%7D%5D&step=50",
];

/// Opens the link as the page would (a bounded first stretch), and checks that a link it
/// writes reads back as itself.
fn open(text: &str) {
    let Ok((link, _notes)) = Link::parse_noting(text) else { return };
    let written = link.to_query();
    let again = Link::parse(&written).expect("a written link reads back");
    assert_eq!(again.to_query(), written);
    if let Ok((mut session, pending)) = Session::begin(&link, 500) {
        let _notes = session.finish(pending);
    }
}

fn node() -> impl Strategy<Value = NodeId> {
    (0u32..9).prop_map(NodeId)
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![Just(Target::LEADER), node().prop_map(Target::Node)]
}

/// A probability with few digits: serde_json's default float reader may differ from the
/// writer in the last bit, which says nothing about the page's readers.
fn probability() -> impl Strategy<Value = f64> {
    (0u32..=1000).prop_map(|k| f64::from(k) / 1000.0)
}

/// Every kind of action, with every optional part present or not.
fn action() -> impl Strategy<Value = Action<String>> {
    prop_oneof![
        target().prop_map(|node| Action::Crash { node }),
        node().prop_map(|node| Action::Restart { node }),
        target().prop_map(|node| Action::Isolate { node }),
        target().prop_map(|node| Action::Timeout { node }),
        node().prop_map(|to| Action::Transfer { to }),
        (0usize..3, node()).prop_map(|(kind, node)| {
            let change =
                [MemberChange::AddServer, MemberChange::AddLearner, MemberChange::RemoveServer]
                    [kind];
            Action::Membership { change, node }
        }),
        Just(Action::Heal),
        Just(Action::Note),
        prop::collection::vec(prop::collection::vec(node(), 1..4), 1..3)
            .prop_map(|groups| Action::Partition { groups }),
        (node(), node()).prop_map(|(from, to)| Action::Cut { from, to }),
        (target(), "[ -~]{0,12}").prop_map(|(node, command)| Action::Client { node, command }),
        any::<u64>().prop_map(|id| Action::DropMessage { id }),
        any::<u64>().prop_map(|id| Action::DuplicateMessage { id }),
        (node(), node(), "[ -~]{0,40}", 0usize..3).prop_map(|(from, to, message, fate)| {
            let fate = [Fate::Deliver, Fate::Lose, Fate::Copy][fate];
            Action::Message { from, to, message, fate }
        }),
        (node(), "[a-z_]{1,16}").prop_map(|(node, timer)| Action::Fire { node, timer }),
        (target(), 1u64..3_600_000_000)
            .prop_map(|(node, duration)| Action::Pause { node, duration }),
        (
            node(),
            prop::option::of(-500_000i32..=500_000),
            prop::option::of(-3_600_000_000i64..=3_600_000_000)
        )
            .prop_map(|(node, drift_ppm, jump)| Action::Clock { node, drift_ppm, jump }),
        (
            prop::option::of(probability()),
            prop::option::of(probability()),
            prop::option::of((0u64..1_000_000, 0u64..1_000_000)),
            prop::option::of((node(), node())),
        )
            .prop_map(|(loss, duplicate, latency, link)| Action::Network {
                loss,
                duplicate,
                latency,
                link
            }),
    ]
}

/// An action log as a run writes it: steps and times never go back.
fn log() -> impl Strategy<Value = Vec<LoggedAction<String>>> {
    prop::collection::vec((0u64..50, 0u64..1_000_000, action()), 0..12).prop_map(|entries| {
        let (mut step, mut time) = (0, 0);
        entries
            .into_iter()
            .map(|(dstep, dtime, action)| {
                (step, time) = (step + dstep, time + dtime);
                LoggedAction { step, time, action }
            })
            .collect()
    })
}

fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_compact_action_log_reads_back_exactly(log in log()) {
        let text = action_code::encode(&log);
        prop_assert_eq!(action_code::decode(&text), Ok(log));
    }

    /// Old links carry the log as the JSON serde writes; the page reads it by hand. Links
    /// stopped writing JSON before membership changes, pauses and clock faults existed, so
    /// no old link holds one (nor a picked message or a fired timer): the reader refuses them
    /// rather than carry code for them in every page.
    #[test]
    fn an_old_json_action_log_reads_back_exactly(log in log()) {
        let newer = |a: &Action<String>| {
            matches!(
                a,
                Action::Membership { .. }
                    | Action::Pause { .. }
                    | Action::Clock { .. }
                    | Action::Message { .. }
                    | Action::Fire { .. }
            )
        };
        let old: Vec<_> = log.into_iter().filter(|a| !newer(&a.action)).collect();
        let json = serde_json::to_string(&old).expect("serializes");
        let link = Link::parse(&format!("actions={}", percent_encoded(&json)));
        prop_assert_eq!(link.map(|l| l.actions), Ok(old));
    }

    #[test]
    fn arbitrary_text_opens_or_is_refused(text in "\\PC{0,300}") {
        open(&text);
    }

    #[test]
    fn real_links_with_characters_changed_open_or_are_refused(
        which in 0usize..LINKS.len(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), "[ -~]{0,4}"), 1..5),
    ) {
        let mut text = LINKS[which].to_string();
        for (at, insert) in edits {
            let cut = at.index(text.len() + 1);
            let end = (cut + insert.len()).min(text.len());
            text.replace_range(cut..end, &insert);
        }
        open(&text);
    }

    #[test]
    fn arbitrary_trace_files_import_or_are_refused(
        link in "[a-z=&0-9._%]{0,80}",
        records in "\\PC{0,60}",
    ) {
        let file = format!(
            "{{\"format\":\"clusterscope-trace\",\"version\":1,\"link\":{},\"records\":{records}}}",
            serde_json::to_string(&link).expect("a string")
        );
        if let Ok((mut session, pending)) = Session::begin_import(&file, 500) {
            let _notes = session.finish(pending);
        }
    }
}

#[test]
fn a_membership_change_in_an_old_json_log_is_refused_with_a_message() {
    let change = MemberChange::AddServer;
    let log: Vec<LoggedAction<String>> = vec![LoggedAction {
        step: 0,
        time: 0,
        action: Action::Membership { change, node: NodeId(3) },
    }];
    let json = serde_json::to_string(&log).expect("serializes");
    let link = Link::parse(&format!("actions={}", percent_encoded(&json)));
    let error = link.map(|l| l.actions).expect_err("refused");
    assert!(error.contains("no action is called `membership`"), "{error}");
}
