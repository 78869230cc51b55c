//! The scenario parser never panics and never builds something huge from something small:
//! arbitrary text, and shipped scenario files with bytes changed, are either read or refused
//! with a message naming the file and the line. (Coverage-guided fuzzing of the same target
//! runs outside the test suite: fuzz/, BENCHMARKS.md.)

use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::scenario::{Protocol, Scenario};
use proptest::prelude::*;

fn shipped() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files.into_iter().map(|path| std::fs::read_to_string(path).expect("readable")).collect()
}

/// Parses, and builds a Raft run from what parses (building is where sizes turn into memory).
fn read(text: &str) {
    match Scenario::parse(text, "prop.toml") {
        Ok(scenario) if scenario.protocol == Protocol::Raft => {
            let sim = scenario.build::<RaftNode>(scenario.raft.clone(), false);
            assert!(sim.nodes().len() <= Protocol::Raft.max_nodes());
        }
        Ok(_) => {}
        Err(error) => {
            let text = error.to_string();
            assert!(text.starts_with("prop.toml:"), "{text}");
            assert!(text.len() < 1_000, "an error echoes at most a little of the file");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_is_read_or_refused(text in "\\PC{0,400}") {
        read(&text);
    }

    #[test]
    fn shipped_files_with_bytes_changed_are_read_or_refused(
        file in 0usize..12,
        edits in prop::collection::vec((any::<prop::sample::Index>(), "[ -~\n]{0,6}"), 1..6),
    ) {
        let files = shipped();
        let mut text = files[file % files.len()].clone();
        for (at, insert) in edits {
            let mut cut = at.index(text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let end = (cut + insert.len()).min(text.len());
            let end = (end..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
            text.replace_range(cut..end, &insert);
        }
        read(&text);
    }

    #[test]
    fn a_workload_is_bounded_whatever_its_numbers(
        every in 0u64..5_000,
        start in 0u64..7_200,
        until in 0u64..7_200,
    ) {
        let text = format!(
            "protocol = \"raft\"\nnodes = 3\nend = \"3600s\"\n[workload]\nevery = \"{every}ms\"\n\
             start = \"{start}s\"\nuntil = \"{until}s\"\n"
        );
        if let Ok(scenario) = Scenario::parse(&text, "prop.toml") {
            let requests = scenario.workload.as_ref().map_or(0, |w| w.requests().count());
            prop_assert!(requests as u64 <= clusterscope_core::scenario::MAX_WORKLOAD_REQUESTS);
        }
    }
}
