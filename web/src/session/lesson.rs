//! A lesson in the page: which step the student is on, what they answered, and whether their
//! goal is met, over the same session every other view draws. The lessons are the files in
//! `lessons/`, checked and built into the page by build.rs; their conditions are read by core's
//! parser, the one `clusterscope lesson` plays them with.

use clusterscope_core::lesson::{Attempt, Lesson, Step};
use clusterscope_core::sim::Time;

use super::Session;
use crate::labs::lab::Lab;
use crate::labs::lessons::shipped;
use crate::views::l10n::{self, LessonPart};

/// Where the student is within a step.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// The narration is up; a prediction waits for an answer.
    Reading,
    /// The run went to the step's moment: what the student picked, what the run made true,
    /// and the explanation filled in from the run.
    Revealed { picked: Option<usize>, right: usize, reveal: String },
    /// The student works at the step's goal, which started at this time.
    Trying { since: Time },
    /// The goal was met at this time.
    Reached { at: Time },
    /// The step is over; the next may begin.
    Done,
}

/// A goal's state in the current world.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalStatus {
    Going { left: Time },
    Reached,
    Broke(String),
    OutOfTime,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tutor {
    pub lesson: Lesson,
    pub step: usize,
    pub phase: Phase,
}

impl Tutor {
    /// Opens lesson `name` at step `at` (counted from 0): a fresh session of the scenario the
    /// step plays, run to where the steps before it left the cluster.
    pub fn open(name: &str, at: usize) -> Result<(Tutor, Session), String> {
        let lesson = shipped(name)?;
        let at = at.min(lesson.steps.len().saturating_sub(1));
        let loads = (0..=at).rev().find(|&i| lesson.steps[i].scenario.is_some()).unwrap_or(0);
        let mut session = start(&lesson.steps[loads])?;
        if let Some(until) = lesson.steps[loads..at].iter().filter_map(|s| s.until).max() {
            session.run.advance_to(until);
        }
        let mut tutor = Tutor { lesson, step: at, phase: Phase::Reading };
        tutor.settle(&session);
        Ok((tutor, session))
    }

    /// The lab the lesson is playing now: the scenario its latest step loaded.
    pub fn lab(&self) -> Option<Lab> {
        let loaded =
            self.lesson.steps[..=self.step].iter().rev().find_map(|s| s.scenario.as_deref());
        loaded.and_then(Lab::scenario)
    }

    pub fn current(&self) -> &Step {
        &self.lesson.steps[self.step]
    }

    /// The message of a part of the current step in other languages.
    pub fn lesson_id(&self, part: LessonPart) -> String {
        l10n::lesson_id(&self.lesson.name, self.step, part)
    }

    pub fn is_last(&self) -> bool {
        self.step + 1 >= self.lesson.steps.len()
    }

    /// Runs the cluster to the step's moment and, for a prediction, judges what happened
    /// against `picked`.
    pub fn run(&mut self, picked: Option<usize>, session: &mut Session) -> Result<(), String> {
        if let Some(until) = self.current().until {
            session.run.advance_to(until);
        }
        let seen = session.run.observe();
        self.phase = match &self.current().predict {
            Some(p) => {
                let right = p.judge(&seen)?;
                let reveal =
                    l10n::narrated_template(&self.lesson_id(LessonPart::Reveal), &p.reveal);
                Phase::Revealed { picked, right, reveal: reveal.fill(&seen)? }
            }
            None if self.current().goal.is_some() => Phase::Trying { since: session.run.clock() },
            None => Phase::Done,
        };
        Ok(())
    }

    /// After a reveal: on to the step's goal, if it has one.
    pub fn after_reveal(&mut self, session: &Session) {
        self.phase = match self.current().goal {
            Some(_) => Phase::Trying { since: session.run.clock() },
            None => Phase::Done,
        };
    }

    /// A step with nothing to run first is over at once, or starts its goal at once.
    fn settle(&mut self, session: &Session) {
        let step = self.current();
        let nothing_to_run = step.until.is_none_or(|t| t <= session.run.clock());
        if step.predict.is_none() && nothing_to_run {
            self.phase = match step.goal {
                Some(_) => Phase::Trying { since: session.run.clock() },
                None => Phase::Done,
            };
        }
    }

    /// The goal's state in the session's world now; once met, the step is reached.
    pub fn check_goal(&mut self, session: &Session) -> Result<Option<GoalStatus>, String> {
        let (Phase::Trying { since }, Some(goal)) = (&self.phase, &self.current().goal) else {
            return Ok(None);
        };
        let now = session.run.clock();
        let status = match goal.judge(&session.run.observe())? {
            Attempt::Reached => {
                self.phase = Phase::Reached { at: now };
                GoalStatus::Reached
            }
            Attempt::Broke(keep) => GoalStatus::Broke(keep),
            Attempt::Going if now > since + goal.within => GoalStatus::OutOfTime,
            Attempt::Going => GoalStatus::Going { left: since + goal.within - now.max(*since) },
        };
        Ok(Some(status))
    }

    /// On to the next step, in a fresh session if it loads a scenario.
    pub fn next(&mut self, session: &mut Session) -> Result<(), String> {
        if self.is_last() {
            return Ok(());
        }
        let next = &self.lesson.steps[self.step + 1];
        if next.scenario.is_some() {
            *session = start(next)?;
        }
        self.step += 1;
        self.phase = Phase::Reading;
        self.settle(session);
        Ok(())
    }

    /// How far along, for the host page and the progress bar: steps finished of all.
    pub fn progress(&self) -> (usize, usize) {
        let finished = match self.phase {
            Phase::Done | Phase::Reached { .. } => self.step + 1,
            Phase::Revealed { .. } if self.current().goal.is_none() => self.step + 1,
            _ => self.step,
        };
        (finished, self.lesson.steps.len())
    }
}

/// A new session of the scenario `step` loads.
fn start(step: &Step) -> Result<Session, String> {
    let name = step.scenario.as_deref().unwrap_or_default();
    let lab = Lab::scenario(name).ok_or_else(|| format!("there is no scenario `{name}`"))?;
    Session::new(lab)
}
