//! The page's lessons are the files in `lessons/` (build.rs writes them in), and the page
//! plays them as `clusterscope lesson` does: every prediction is answered by the run the
//! same way, every reveal reads the same, and each goal is reached with the lesson's own
//! solution played through the page's controls.
#![cfg(not(target_arch = "wasm32"))]

use clusterscope_core::lesson::{play, Lesson};
use clusterscope_core::scenario::Scenario;
use clusterscope_web::{shipped_lesson, GoalStatus, Phase, Tutor, LESSONS};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn resolve(name: &str) -> Result<Option<Scenario>, clusterscope_core::scenario::ScenarioError> {
    let file = format!("{ROOT}/scenarios/{name}.toml");
    match std::fs::read_to_string(&file) {
        Ok(text) => Scenario::parse(&text, &file).map(Some),
        Err(_) => Ok(None),
    }
}

fn from_file(name: &str) -> Lesson {
    let file = format!("lessons/{name}.toml");
    let text = std::fs::read_to_string(format!("{ROOT}/{file}")).expect("a lesson file");
    Lesson::parse(&text, &file, &resolve).expect("a shipped lesson parses")
}

#[test]
fn every_lesson_is_in_the_page_as_its_file_says() {
    assert!(LESSONS.len() >= 10);
    for (name, protocol) in LESSONS {
        let mut parsed = from_file(name);
        assert_eq!(parsed.protocol, protocol, "{name}");
        // The page leaves out the goals' solutions: only the tests play them.
        for goal in parsed.steps.iter_mut().filter_map(|s| s.goal.as_mut()) {
            goal.solution.clear();
        }
        assert_eq!(shipped_lesson(name).expect("builds"), parsed, "{name}");
    }
}

#[test]
fn the_page_plays_every_lesson_as_the_cli_does() {
    for (name, _) in LESSONS {
        let lesson = from_file(name);
        let played = play(&lesson, name, &resolve).expect("the lesson plays");
        let (mut tutor, mut session) = Tutor::open(name, 0).expect("opens");
        loop {
            let step = &lesson.steps[tutor.step];
            let seen = &played.steps[tutor.step];
            if tutor.phase == Phase::Reading {
                let answer = step.predict.as_ref().map(|p| p.answer);
                tutor.run(answer, &mut session).expect("runs");
            }
            if let Phase::Revealed { right, reveal, .. } = &tutor.phase {
                let (text, said) = seen.answer.clone().expect("the CLI answered too");
                let choices = &step.predict.as_ref().expect("a prediction").choices;
                assert_eq!((&choices[*right].text, reveal), (&text, &said), "{name}");
                tutor.after_reveal(&session);
            }
            if let Phase::Trying { since } = tutor.phase {
                let goal = step.goal.as_ref().expect("a goal");
                for event in &goal.solution {
                    session.run.advance_to(since + event.at);
                    session.run.act(event.action.clone()).expect("the solution's move");
                }
                let mut status = tutor.check_goal(&session).expect("checks");
                while status != Some(GoalStatus::Reached) {
                    assert!(session.run.step_forward(), "{name}: the run ended first");
                    status = tutor.check_goal(&session).expect("checks");
                    assert_ne!(status, Some(GoalStatus::OutOfTime), "{name}: out of time");
                }
                assert_eq!(
                    tutor.phase,
                    Phase::Reached { at: seen.reached.expect("reached") },
                    "{name}"
                );
            }
            assert!(session.run.clock() >= seen.time, "{name}: the page is behind the CLI");
            if tutor.is_last() {
                assert_eq!(tutor.progress(), (lesson.steps.len(), lesson.steps.len()), "{name}");
                break;
            }
            tutor.next(&mut session).expect("next step");
        }
    }
}

#[test]
fn a_lesson_link_names_what_is_wrong() {
    let error = Tutor::open("no-such-lesson", 0).err().expect("refused");
    assert!(error.starts_with("there is no lesson `no-such-lesson`; there are "), "{error}");
    // A step past the end opens the last.
    let (tutor, _) = Tutor::open("raft-election", 99).expect("opens");
    assert_eq!(tutor.step, 2);
}
