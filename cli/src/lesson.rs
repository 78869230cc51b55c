//! `clusterscope lesson`: plays lesson files to their end with their own answers and
//! solutions, the way their authors check them (and the play-through test runs them).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clusterscope_core::lesson::{play, Lesson, Played};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::scenario::ScenarioError;
use clusterscope_core::sim::format_time;

/// Where a lesson's scenarios are: `scenarios/` next to its `lessons/` folder, unless given.
fn scenario_dir(lesson: &Path, given: Option<&Path>) -> PathBuf {
    match given {
        Some(dir) => dir.to_path_buf(),
        None => {
            let folder = lesson.parent().unwrap_or(Path::new("."));
            folder.join("..").join("scenarios")
        }
    }
}

/// The scenario `name` in `dir`, if there is one.
fn resolve(dir: &Path, name: &str) -> Result<Option<Scenario>, ScenarioError> {
    // A name is a file name, never a path out of the folder.
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Ok(None);
    }
    let file = dir.join(format!("{name}.toml"));
    match std::fs::read_to_string(&file) {
        Ok(text) => Scenario::parse(&text, &file.display().to_string()).map(Some),
        Err(_) => Ok(None),
    }
}

/// Reads, checks and plays one lesson file.
fn load_and_play(path: &Path, scenarios: Option<&Path>) -> Result<(Lesson, Played), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let dir = scenario_dir(path, scenarios);
    let resolve = |name: &str| resolve(&dir, name);
    let file = path.display().to_string();
    let lesson = Lesson::parse(&text, &file, &resolve).map_err(|e| e.to_string())?;
    let played = play(&lesson, &file, &resolve)?;
    Ok((lesson, played))
}

pub fn lessons(paths: &[PathBuf], scenarios: Option<&Path>, quiet: bool) -> ExitCode {
    let mut failed = 0;
    for path in paths {
        match load_and_play(path, scenarios) {
            Ok((lesson, played)) if quiet => {
                println!("ok {} ({} steps)", lesson.name, played.steps.len());
            }
            Ok((lesson, played)) => {
                println!("# {} ({})", lesson.title, lesson.name);
                for (n, (step, seen)) in lesson.steps.iter().zip(&played.steps).enumerate() {
                    println!("\n{}. [{}] {}", n + 1, format_time(seen.time), step.say);
                    if let (Some(p), Some((answer, reveal))) = (&step.predict, &seen.answer) {
                        let choices: Vec<&str> =
                            p.choices.iter().map(|c| c.text.as_str()).collect();
                        println!("   ? {} ({})", p.ask, choices.join(" / "));
                        println!("   = {answer}: {reveal}");
                    }
                    if let (Some(goal), Some(at)) = (&step.goal, seen.reached) {
                        println!(
                            "   goal: {} (the solution reaches it at {})",
                            goal.task,
                            format_time(at)
                        );
                    }
                }
                println!();
            }
            Err(e) => {
                failed += 1;
                eprintln!("error: {e}");
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} lessons failed", paths.len());
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
