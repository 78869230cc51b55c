//! Every shipped lesson played to its end through `clusterscope lesson`: each prediction's
//! answer is what the simulation does, each goal is reached by its solution and not without
//! it. And a lesson that is wrong fails with a message that says where and why.

mod common;

use std::path::PathBuf;

use common::{clusterscope, repo_root};

fn shipped_lessons() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo_root().join("lessons"))
        .expect("lessons/ exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

#[test]
fn every_shipped_lesson_plays_to_its_end() {
    let names = shipped_lessons();
    assert!(names.len() >= 10, "the course needs at least ten lessons, found {names:?}");
    let paths: Vec<String> = names.iter().map(|n| format!("lessons/{n}.toml")).collect();
    let mut args = vec!["lesson", "--quiet"];
    args.extend(paths.iter().map(String::as_str));
    let output = clusterscope(&args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    for name in &names {
        assert!(stdout.contains(&format!("ok {name} (")), "{name} not played: {stdout}");
    }
}

#[test]
fn a_played_lesson_shows_the_answers_the_simulation_gave() {
    let output = clusterscope(&["lesson", "lessons/raft-election.toml"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    // The reveal is filled in from the run: S3 won, in term 1.
    assert!(stdout.contains("= S3: S3 became leader in term 1"), "{stdout}");
    assert!(stdout.contains("goal: Make S1 the leader without crashing S1."), "{stdout}");
}

/// A lesson file written to a scratch folder, played against the shipped scenarios.
fn play_lesson(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("clusterscope-lessons-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path: PathBuf = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).expect("the lesson is written");
    let scenarios = repo_root().join("scenarios");
    let output = clusterscope(&[
        "lesson",
        path.to_str().expect("UTF-8"),
        "--scenarios",
        scenarios.to_str().expect("UTF-8"),
    ]);
    assert!(!output.status.success(), "{name} should fail");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const ELECTION: &str = r#"
title = "t"
[[step]]
scenario = "first-election"
say = "s"
until = "600ms"
"#;

fn with_prediction(fact: &str, answer: &str) -> String {
    format!(
        "{ELECTION}[step.predict]\nask = \"Who wins?\"\nfact = \"{fact}\"\nchoices = [\"S1\", \"S3\"]\nanswer = \"{answer}\"\nreveal = \"{{leader}}\"\n"
    )
}

#[test]
fn bad_lessons_fail_with_a_clear_message() {
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "unknown-scenario",
            ELECTION.replace("first-election", "no-such-scenario"),
            ":4: `scenario`: no scenario named `no-such-scenario` in scenarios/",
        ),
        (
            "answer-not-a-choice",
            with_prediction("leader", "S5"),
            "`answer`: `S5` is not one of the choices (`S1`, `S3`)",
        ),
        (
            "wrong-answer",
            with_prediction("leader", "S1"),
            "the lesson's answer to \"Who wins?\" is `S1`, but the run makes `S3` true",
        ),
        (
            "no-choice-is-right",
            with_prediction("leader.term", "S1"),
            "no choice of \"Who wins?\" is what the run did at 600ms: leader.term is 1",
        ),
        (
            "unknown-field",
            with_prediction("leader.rol", "S3"),
            "a server's view has no `rol`; it has commit_index, kv, last_applied, log",
        ),
        (
            "not-a-fact",
            with_prediction("who leads", "S3"),
            "`fact`: `who leads` is not a fact",
        ),
        (
            "goal-without-solution-reached",
            format!("{ELECTION}[step.goal]\ntask = \"Make S1 leader\"\nreach = \"leader = S1\"\nwithin = \"1s\"\nsolution = [{{ at = \"0ms\", crash = \"S1\" }}]\n"),
            "the solution does not reach \"Make S1 leader\" within 1s",
        ),
        (
            "goal-reached-alone",
            format!("{ELECTION}[step.goal]\ntask = \"Keep a leader\"\nreach = \"S3.role = leader\"\nsolution = [{{ at = \"0ms\", timeout = \"S1\" }}]\n"),
            "the cluster reaches \"Keep a leader\" at 600ms with nobody doing anything",
        ),
        (
            "goal-keep-broken",
            format!("{ELECTION}[step.goal]\ntask = \"Make S1 leader\"\nreach = \"leader = S1\"\nkeep = \"S3.up = true\"\nsolution = [{{ at = \"0ms\", crash = \"S3\" }}]\n"),
            "the solution breaks `S3.up = true` at 600ms",
        ),
        (
            "goal-cannot-be-evaluated",
            format!("{ELECTION}[step.goal]\ntask = \"Make S1 leader\"\nreach = \"S1.leading = yes\"\nsolution = [{{ at = \"0ms\", timeout = \"S1\" }}]\n"),
            "a server's view has no `leading`",
        ),
        (
            "after-a-goal",
            format!("{ELECTION}[step.goal]\ntask = \"Make S1 leader\"\nreach = \"leader = S1\"\nsolution = [{{ at = \"0ms\", timeout = \"S1\" }}]\n[[step]]\nsay = \"more\"\nuntil = \"2s\"\n"),
            "a step after a goal must load a scenario again",
        ),
        (
            "back-in-time",
            format!("{ELECTION}[[step]]\nsay = \"earlier\"\nuntil = \"100ms\"\n"),
            "`until`: the cluster is already at 600ms here",
        ),
    ];
    for (name, text, expected) in cases {
        let stderr = play_lesson(name, &text);
        assert!(stderr.contains(expected), "{name}: expected `{expected}` in:\n{stderr}");
        assert!(
            stderr.contains(&format!("{name}.toml:")),
            "{name}: no file and line in:\n{stderr}"
        );
    }
}
