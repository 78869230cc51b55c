//! Playing a lesson against the simulator: what the page does with a student's answers and
//! actions, and what the play-through test does with the lesson's own answers and solutions.

use super::{Goal, Lesson, Prediction, Resolve};
use crate::lesson::Observation;
use crate::protocols::gossip::GossipNode;
use crate::protocols::leases::LeaseNode;
use crate::protocols::multipaxos::MultiPaxosNode;
use crate::protocols::paxos::PaxosNode;
use crate::protocols::raft::RaftNode;
use crate::protocols::tasks::twin::TwinNode;
use crate::scenario::{Protocol, Scenario};
use crate::sim::{format_time, Node, Sim, Time};

impl Prediction {
    /// The choice the world makes true. A lesson whose run makes none, or several, true has
    /// a question the simulation cannot answer: that is the lesson's error.
    pub fn judge(&self, seen: &Observation) -> Result<usize, String> {
        let mut right = Vec::new();
        for (i, choice) in self.choices.iter().enumerate() {
            if choice.when.holds(seen).map_err(|e| format!("choice `{}`: {e}", choice.text))? {
                right.push(i);
            }
        }
        match right.as_slice() {
            [one] => Ok(*one),
            [] => {
                let mut readings: Vec<String> = Vec::new();
                for reading in self.choices.iter().flat_map(|c| c.when.readings(seen)) {
                    if !readings.contains(&reading) {
                        readings.push(reading);
                    }
                }
                Err(format!(
                    "no choice of \"{}\" is what the run did at {}: {}",
                    self.ask,
                    format_time(seen.now),
                    readings.join(", ")
                ))
            }
            several => {
                let texts: Vec<&str> =
                    several.iter().map(|&i| self.choices[i].text.as_str()).collect();
                Err(format!(
                    "several choices of \"{}\" are true at {}: {}",
                    self.ask,
                    format_time(seen.now),
                    texts.join(", ")
                ))
            }
        }
    }
}

/// Where an attempt at a goal stands after a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt {
    Going,
    Reached,
    /// A `keep` condition broke: which one.
    Broke(String),
}

impl Goal {
    pub fn judge(&self, seen: &Observation) -> Result<Attempt, String> {
        for keep in &self.keep {
            if !keep.holds(seen)? {
                return Ok(Attempt::Broke(keep.to_string()));
            }
        }
        for reach in &self.reach {
            if !reach.holds(seen)? {
                return Ok(Attempt::Going);
            }
        }
        Ok(Attempt::Reached)
    }
}

/// What a play-through saw at one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepPlayed {
    pub time: Time,
    /// The choice the run made true, and the reveal as the student reads it.
    pub answer: Option<(String, String)>,
    /// When the lesson's solution reached the goal.
    pub reached: Option<Time>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Played {
    pub steps: Vec<StepPlayed>,
}

/// Plays `lesson` to its end with its own answers and solutions. An error names the step's
/// line and says what the simulation did instead.
pub fn play(lesson: &Lesson, file: &str, resolve: &Resolve<'_>) -> Result<Played, String> {
    let with = Playing { lesson, file, resolve };
    match lesson.protocol {
        Protocol::Raft => with.play::<RaftNode>(|s| s.raft.clone()),
        Protocol::Paxos => with.play::<PaxosNode>(|s| s.paxos.clone()),
        Protocol::MultiPaxos => with.play::<MultiPaxosNode>(|s| s.multipaxos.clone()),
        Protocol::Gossip => with.play::<GossipNode>(|s| s.gossip.clone()),
        Protocol::Tasks => with.play::<TwinNode>(|s| s.tasks.clone()),
        Protocol::Leases => with.play::<LeaseNode>(|s| s.leases.clone()),
    }
}

struct Playing<'a> {
    lesson: &'a Lesson,
    file: &'a str,
    resolve: &'a Resolve<'a>,
}

impl Playing<'_> {
    fn play<N: Node>(&self, config: impl Fn(&Scenario) -> N::Config) -> Result<Played, String> {
        let (lesson, file) = (self.lesson, self.file);
        let mut played = Vec::new();
        let mut world: Option<Sim<N>> = None;
        for step in &lesson.steps {
            let at = |line: usize, e: String| format!("{file}:{line}: {e}");
            if let Some(name) = &step.scenario {
                let scenario = (self.resolve)(name)
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| at(step.line, format!("no scenario named `{name}`")))?;
                world = Some(scenario.build::<N>(config(&scenario), false));
            }
            let sim = world.as_mut().expect("the first step loads a scenario (checked by parse)");
            if let Some(until) = step.until {
                sim.run_until(until);
            }
            let seen = Observation::of(sim);
            let answer = match &step.predict {
                Some(p) => {
                    let right = p.judge(&seen).map_err(|e| at(p.line, e))?;
                    if right != p.answer {
                        return Err(at(
                            p.line,
                            format!(
                            "the lesson's answer to \"{}\" is `{}`, but the run makes `{}` true",
                            p.ask, p.choices[p.answer].text, p.choices[right].text
                        ),
                        ));
                    }
                    let reveal =
                        p.reveal.fill(&seen).map_err(|e| at(p.line, format!("`reveal`: {e}")))?;
                    Some((p.choices[right].text.clone(), reveal))
                }
                None => None,
            };
            let reached = match &step.goal {
                Some(goal) => Some(attempt(sim, goal).map_err(|e| at(goal.line, e))?),
                None => None,
            };
            played.push(StepPlayed { time: sim.now(), answer, reached });
        }
        Ok(Played { steps: played })
    }
}

/// Plays the goal's solution from now, judging the world after every step.
fn attempt<N: Node>(sim: &mut Sim<N>, goal: &Goal) -> Result<Time, String> {
    let start = sim.now();
    let deadline = start + goal.within;
    // A goal the cluster reaches by itself teaches nothing: left alone, it must not be met.
    let mut alone = sim.clone();
    let mut outcome = goal.judge(&Observation::of(&alone))?;
    while outcome == Attempt::Going && alone.next_event_time().is_some_and(|t| t <= deadline) {
        alone.step();
        outcome = goal.judge(&Observation::of(&alone))?;
    }
    if outcome == Attempt::Reached {
        return Err(format!(
            "the cluster reaches \"{}\" at {} with nobody doing anything",
            goal.task,
            format_time(alone.now())
        ));
    }
    for event in &goal.solution {
        let action = event
            .action
            .clone()
            .try_map_command(|c| c.parse::<N::Command>())
            .map_err(|e| format!("solution: {e}"))?;
        sim.schedule(start + event.at, action, None);
    }
    while sim.next_event_time().is_some_and(|t| t <= deadline) {
        sim.step();
        match goal.judge(&Observation::of(sim))? {
            Attempt::Going => {}
            Attempt::Reached => return Ok(sim.now()),
            Attempt::Broke(keep) => {
                return Err(format!(
                    "the solution breaks `{keep}` at {} (\"{}\")",
                    format_time(sim.now()),
                    goal.task
                ))
            }
        }
    }
    Err(format!(
        "the solution does not reach \"{}\" within {}",
        goal.task,
        format_time(goal.within)
    ))
}
