//! Builds the scenario files in `scenarios/` into the page as Rust: each is parsed and
//! validated here, at build time, so the page needs no TOML parser (that parser was a fifth
//! of the page's download) and no deserializer either (reading them as JSON cost 24.8 KiB
//! gzipped; see BENCHMARKS.md), and a broken shipped scenario fails the build with its file,
//! line and field.
//!
//! Each scenario becomes a struct literal. The protocol configs are written with their derived
//! `Debug`, which for plain structs of numbers, flags, tuples, options and unit enums is the
//! Rust expression that builds them; a config field of another kind (a `Vec`, a `String`)
//! would not compile here, and then needs writing out like `network` below. Events are
//! written in the links' compact action code, which the page reads anyway.

use std::fmt::Write;
use std::path::Path;

use clusterscope_core::lesson::{Condition, Lesson};
use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::action_code::{decode_action, encode_action};
use clusterscope_core::sim::{NetworkParams, Target};

/// The scenarios the page offers, in its menu's order.
const SHIPPED: [&str; 48] = [
    "first-election",
    "leader-crash",
    "partitioned-leader",
    "follower-catch-up",
    "snapshot-catch-up",
    "one-way-cut",
    "lossy-network",
    "forgotten-vote",
    "figure8",
    "stale-vote-reply",
    "unknown-outcome",
    "pre-vote",
    "check-quorum",
    "leadership-transfer",
    "membership-change",
    "config-change-bug",
    "stale-read",
    "dueling-proposers",
    "multipaxos-failover",
    "multipaxos-stale-read",
    "check-raft-forget-voted-for",
    "check-raft-skip-log-check",
    "check-raft-stale-vote-reply",
    "check-raft-figure8-commit",
    "check-raft-early-config-change",
    "check-raft-local-reads",
    "check-paxos-ignore-promised-values",
    "check-paxos-forget-promise",
    "check-paxos-accept-below-promise",
    "check-multipaxos-ignore-promised-values",
    "check-multipaxos-accept-below-promise",
    "check-multipaxos-forget-promise",
    "check-multipaxos-local-reads",
    "gossip-rumor",
    "gossip-crash",
    "gossip-refute",
    "tasks-coordinator-crash",
    "tasks-worker-crash",
    "tasks-worker-stall",
    "tasks-partition",
    "tasks-member-join",
    "leases-lock-no-ttl",
    "leases-gc-pause",
    "leases-fencing",
    "leases-clock-bound",
    "leases-clock-drift",
    "leases-replicated-store",
    "leases-failover-bug",
];

/// Names for the code of which shared parts this bundle's labs use: `measures` when one runs a
/// long measurement in the worker (a chart or the Check tab), `checks` when one has a Check tab,
/// `lessons` when one plays lessons in the page.
fn shared_parts() {
    let on =
        |lab: &str| std::env::var_os(format!("CARGO_FEATURE_{}", lab.to_uppercase())).is_some();
    println!("cargo::rustc-check-cfg=cfg(measures, checks, lessons)");
    // Not the Tasks lab's own page: it is at the size ceiling without them (BENCHMARKS.md);
    // its lessons play in the `lessons` feature's bundle.
    if LESSON_LABS.into_iter().any(on) || on("lessons") {
        println!("cargo::rustc-cfg=lessons");
    }
    if ["raft", "paxos", "multipaxos"].into_iter().any(on) {
        println!("cargo::rustc-cfg=checks");
    }
    if ["raft", "paxos", "multipaxos", "gossip", "tasks"].into_iter().any(on) {
        println!("cargo::rustc-cfg=measures");
    }
}

fn main() {
    shared_parts();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("scenarios");
    println!("cargo::rerun-if-changed={}", root.display());
    // Every scenario file is in the page: a new one not listed here is a build error.
    for entry in std::fs::read_dir(&root).expect("scenarios/ exists") {
        let path = entry.expect("a readable directory").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if path.extension().is_some_and(|e| e == "toml") && !SHIPPED.contains(&stem) {
            panic!("scenarios/{stem}.toml is not shipped: add it to SHIPPED in web/build.rs");
        }
    }
    let mut out = format!("pub const SHIPPED: [&str; {}] = {SHIPPED:?};\n\n", SHIPPED.len());
    let mut protocols = Vec::new();
    let mut arms = String::new();
    for name in SHIPPED {
        let path = root.join(format!("{name}.toml"));
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let scenario = Scenario::parse(&text, &format!("scenarios/{name}.toml"))
            .unwrap_or_else(|e| panic!("a shipped scenario is broken: {e}"));
        protocols.push(format!("Protocol::{:?}", scenario.protocol));
        // A bundle carries its own lab's scenarios; another lab's open in that lab's bundle.
        let feature = scenario.protocol.key();
        writeln!(
            arms,
            "        #[cfg(feature = {feature:?})]\n        {name:?} => {},",
            literal(name, &scenario)
        )
        .expect("to a string");
    }
    writeln!(
        out,
        "/// Each shipped scenario's protocol, in `SHIPPED`'s order.\n\
         pub const SHIPPED_PROTOCOLS: [Protocol; {}] = [{}];\n",
        protocols.len(),
        protocols.join(", ")
    )
    .expect("to a string");
    out.push_str("fn build_shipped(name: &str) -> Option<Result<Scenario, String>> {\n");
    out.push_str("    Some(match name {\n");
    out.push_str(&arms);
    out.push_str("        _ => return None,\n    })\n}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("shipped.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
    write_page_labs();
    write_lessons(&root);
}

/// The labs whose own pages play lessons (the others' play in a bundle with `lessons`).
const LESSON_LABS: [&str; 5] = ["raft", "paxos", "multipaxos", "gossip", "leases"];

/// Every lesson in `lessons/`, checked here (a broken one fails the build with its file and
/// line), written out as Rust like the scenarios: `LESSONS` lists them all with their labs,
/// and `build_lesson` builds those of this bundle's labs. Conditions stay text, read by the
/// same parser when the lesson opens; goals' solutions are left out (the play-through test
/// replays them, the page does not).
fn write_lessons(scenarios: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("lessons");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .expect("lessons/ exists")
        .map(|entry| entry.expect("a readable directory").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let resolve = |name: &str| {
        let path = scenarios.join(format!("{name}.toml"));
        match std::fs::read_to_string(&path) {
            Ok(text) if SHIPPED.contains(&name) => {
                Scenario::parse(&text, &format!("scenarios/{name}.toml")).map(Some)
            }
            _ => Ok(None),
        }
    };
    let mut list = Vec::new();
    let mut arms = String::new();
    for path in files {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 name");
        let text = std::fs::read_to_string(&path).expect("a readable lesson");
        let lesson = Lesson::parse(&text, &format!("lessons/{name}.toml"), &resolve)
            .unwrap_or_else(|e| panic!("a shipped lesson is broken: {e}"));
        list.push(format!("({name:?}, Protocol::{:?})", lesson.protocol));
        writeln!(
            arms,
            "        #[cfg(feature = {:?})]\n        {name:?} => (|| {{ use clusterscope_core::lesson::*; Ok({}) }})(),",
            lesson.protocol.key(),
            lesson_literal(&lesson)
        )
        .expect("to a string");
    }
    let out = format!(
        "/// Every shipped lesson: its name and its lab.\n\
         pub const LESSONS: [(&str, Protocol); {}] = [{}];\n\n\
         #[cfg(lessons)]\n\
         #[allow(clippy::redundant_closure_call)]\n\
         fn build_lesson(name: &str) -> Option<Result<Lesson, String>> {{\n    Some(match name {{\n{arms}        _ => return None,\n    }})\n}}\n",
        list.len(),
        list.join(", ")
    );
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lessons.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// The expression that builds `lesson`, its conditions read with `?`.
fn lesson_literal(lesson: &Lesson) -> String {
    let text = |t: &str| format!("{t:?}.into()");
    let optional = |t: Option<&str>| t.map_or("None".into(), |t| format!("Some({})", text(t)));
    let conditions = |list: &[Condition]| {
        let each: Vec<String> =
            list.iter().map(|c| format!("Condition::parse({:?})?", c.to_string())).collect();
        format!("vec![{}]", each.join(", "))
    };
    let mut steps = Vec::new();
    for step in &lesson.steps {
        let predict = step.predict.as_ref().map_or("None".into(), |p| {
            let choices: Vec<String> = p
                .choices
                .iter()
                .map(|c| {
                    format!("Choice {{ text: {}, when: Condition::parse({:?})? }}", text(&c.text), c.when.to_string())
                })
                .collect();
            format!(
                "Some(Prediction {{ line: {}, ask: {}, choices: vec![{}], answer: {}, reveal: Template::parse({:?})? }})",
                p.line,
                text(&p.ask),
                choices.join(", "),
                p.answer,
                p.reveal.text()
            )
        });
        let goal = step.goal.as_ref().map_or("None".into(), |g| {
            format!(
                "Some(Goal {{ line: {}, task: {}, reach: {}, keep: {}, within: {}, hint: {}, solution: Vec::new() }})",
                g.line,
                text(&g.task),
                conditions(&g.reach),
                conditions(&g.keep),
                g.within,
                optional(g.hint.as_deref())
            )
        });
        steps.push(format!(
            "Step {{ line: {}, scenario: {}, say: {}, until: {:?}, show: {}, predict: {predict}, goal: {goal} }}",
            step.line,
            optional(step.scenario.as_deref()),
            text(&step.say),
            step.until,
            optional(step.show.as_deref()),
        ));
    }
    format!(
        "Lesson {{ name: {}, title: {}, about: {}, protocol: Protocol::{:?}, steps: vec![{}] }}",
        text(&lesson.name),
        text(&lesson.title),
        optional(lesson.about.as_deref()),
        lesson.protocol,
        steps.join(", ")
    )
}

/// The labs the page has are the bundles index.html's loader knows (`const LABS = [...]`):
/// written out as `PAGE_LABS`, so the list lives in one place.
fn write_page_labs() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("page").join("index.html");
    println!("cargo::rerun-if-changed={}", page.display());
    let text = std::fs::read_to_string(&page).expect("web/page/index.html exists");
    let list = text
        .split_once("const LABS = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .expect("index.html's loader has `const LABS = [...]`");
    let labs: Vec<String> = list
        .split(',')
        .map(|key| key.trim().trim_matches('\''))
        .filter(|key| !key.is_empty())
        .map(|key| {
            let protocol = Protocol::from_key(key)
                .unwrap_or_else(|| panic!("index.html's LABS names `{key}`, not a protocol"));
            format!("Protocol::{protocol:?}")
        })
        .collect();
    let out = format!("pub const PAGE_LABS: [Protocol; {}] = [{}];\n", labs.len(), labs.join(", "));
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("page_labs.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// The expression that builds `scenario` in the page: `Result<Scenario, String>`, an error
/// only if an event's action code did not read back (checked here, so never).
fn literal(name: &str, scenario: &Scenario) -> String {
    let mut events = String::new();
    for event in &scenario.events {
        let code = encode_action(&event.action);
        let back = decode_action(&code);
        if back.as_ref() != Ok(&event.action) {
            panic!(
                "scenarios/{name}.toml: {:?} reads back from `{code}` as {back:?}",
                event.action
            );
        }
        write!(events, "({}, {code:?}, {:?}), ", event.at, event.say.as_deref()).expect("string");
    }
    let workload = match &scenario.workload {
        None => "None".to_string(),
        Some(w) => format!(
            "Some(clusterscope_core::scenario::Workload {{ every: {}, start: {}, until: {}, client: {}, command: {:?}.into(), poisson: {:?} }})",
            w.every,
            w.start,
            w.until,
            match w.client {
                Target::Node(id) => format!("clusterscope_core::sim::Target::Node(clusterscope_core::sim::NodeId({}))", id.0),
                Target::Leader(_) => "clusterscope_core::sim::Target::LEADER".into(),
            },
            w.command,
            w.poisson
        ),
    };
    let NetworkParams { latency, loss, duplicate } = &scenario.network;
    format!(
        "events(&[{events}]).map(|events| Scenario {{ name: {:?}.into(), description: {}, \
         protocol: Protocol::{:?}, nodes: {}, seed: {}, end: {}, \
         network: NetworkParams {{ latency: {latency:?}, loss: {loss:?}, duplicate: {duplicate:?} }}, \
         raft: {{ use clusterscope_core::protocols::raft::{{*, ReadMode::*}}; {:?} }}, \
         paxos: {{ use clusterscope_core::protocols::paxos::*; {:?} }}, \
         multipaxos: {{ use clusterscope_core::protocols::multipaxos::*; {:?} }}, \
         gossip: {{ use clusterscope_core::protocols::gossip::{{*, Mode::*}}; {:?} }}, \
         tasks: {}, leases: {{ use clusterscope_core::protocols::leases::{{*, Variant::*}}; {:?} }}, \
         events, workload: {workload} }})",
        scenario.name,
        match &scenario.description {
            Some(text) => format!("Some(String::from({text:?}))"),
            None => "None".into(),
        },
        scenario.protocol,
        scenario.nodes,
        scenario.seed,
        scenario.end,
        scenario.raft,
        scenario.paxos,
        scenario.multipaxos,
        scenario.gossip,
        tasks(scenario),
        scenario.leases,
    )
}

/// The Tasks config as Rust: its parts one by one, since three of its types are each
/// called `Bugs` and the derived `Debug` does not say whose.
fn tasks(scenario: &Scenario) -> String {
    let (leader, peer) = (&scenario.tasks.leader, &scenario.tasks.leaderless);
    format!(
        "{{ use clusterscope_core::protocols::tasks::{{leader, leaderless, placement::Policy::*, \
         leaderless::Hashing::*, TasksConfig}}; \
         TasksConfig {{ leader: leader::LeaderConfig {{ \
         raft: {{ use clusterscope_core::protocols::raft::{{*, ReadMode::*}}; {:?} }}, heartbeat: {}, alpha: {:?}, \
         policy: {:?}, bugs: {{ use leader::Bugs; {:?} }} }}, \
         leaderless: leaderless::PeerConfig {{ \
         gossip: {{ use clusterscope_core::protocols::gossip::{{*, Mode::*}}; {:?} }}, \
         hashing: {:?}, vnodes: {}, sweep: {}, bugs: {{ use leaderless::Bugs; {:?} }} }}, \
         leader_servers: {:?} }} }}",
        leader.raft,
        leader.heartbeat,
        leader.alpha,
        leader.policy,
        leader.bugs,
        peer.gossip,
        peer.hashing,
        peer.vnodes,
        peer.sweep,
        peer.bugs,
        scenario.tasks.leader_servers,
    )
}
