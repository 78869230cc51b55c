//! Lessons: a shipped scenario played in steps, with narration, predictions the student
//! answers before the run goes on, and goals the student must reach with the controls. TOML,
//! like scenarios, documented in `docs/lessons.md`; every error names the file, the line and
//! the field.
//!
//! A lesson is checked against the simulator, not trusted: [`play`] runs each step, finds
//! which choice of each prediction the run makes true (it must be exactly the lesson's
//! answer) and reaches each goal with the lesson's own solution.

mod condition;
mod play;

use serde::Deserialize;
use toml::Spanned;

use crate::scenario::source::{ScenarioError, Source};
use crate::scenario::{parse_event, Protocol, RawEvent, Scenario};
use crate::sim::{Time, TimedAction, SECOND};
pub use condition::{render, Condition, Fact, Observation, Template};
pub use play::{play, Attempt, Played, StepPlayed};

/// The side panels a step may open (`show`), as the page names them.
pub const PANELS: [&str; 5] = ["faults", "state", "settings", "charts", "check"];

/// The longest a goal may take, in virtual time.
pub const MAX_WITHIN: Time = 600 * SECOND;

#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The file's name without `.toml`: what `?lesson=` names.
    pub name: String,
    pub title: String,
    pub about: Option<String>,
    pub protocol: Protocol,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Where the step starts in its file, for messages.
    pub line: usize,
    /// Start over from this shipped scenario (by name, at time 0) before the step.
    pub scenario: Option<String>,
    pub say: String,
    /// Run the cluster to this virtual time during the step.
    pub until: Option<Time>,
    /// A side panel to open with the step.
    pub show: Option<String>,
    pub predict: Option<Prediction>,
    pub goal: Option<Goal>,
}

/// A question asked before the step runs, answered by what the run does.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    pub line: usize,
    pub ask: String,
    pub choices: Vec<Choice>,
    /// The choice the lesson says the run makes true (an index into `choices`).
    pub answer: usize,
    /// Said after the run, with facts filled in from it.
    pub reveal: Template,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub text: String,
    /// True of the world at the end of the step exactly when this choice is right.
    pub when: Condition,
}

/// Something the student must make happen with the controls.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub line: usize,
    pub task: String,
    /// All must hold at once for the goal to be reached.
    pub reach: Vec<Condition>,
    /// Must hold after every step of the attempt, or the attempt fails.
    pub keep: Vec<Condition>,
    /// How much virtual time the attempt may take.
    pub within: Time,
    pub hint: Option<String>,
    /// Actions that reach the goal, their times counted from the goal's start: the proof
    /// that it can be reached, and what "show me" plays.
    pub solution: Vec<TimedAction<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLesson {
    title: Spanned<String>,
    about: Option<String>,
    #[serde(default)]
    step: Vec<Spanned<RawStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    scenario: Option<Spanned<String>>,
    say: String,
    until: Option<Spanned<String>>,
    show: Option<Spanned<String>>,
    predict: Option<Spanned<RawPrediction>>,
    goal: Option<Spanned<RawGoal>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrediction {
    ask: String,
    /// With `fact`, choices are the fact's possible values; without, each has a `when`.
    fact: Option<Spanned<String>>,
    choices: Spanned<Vec<RawChoice>>,
    answer: Spanned<String>,
    reveal: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawChoice {
    Value(String),
    Tested { text: String, when: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoal {
    task: String,
    reach: Spanned<OneOrMany>,
    #[serde(default)]
    keep: Option<Spanned<OneOrMany>>,
    within: Option<Spanned<String>>,
    hint: Option<String>,
    solution: Spanned<Vec<Spanned<RawEvent>>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many.iter().map(String::as_str).collect(),
        }
    }
}

/// Finds a shipped scenario by name: `Ok(None)` when there is none.
pub type Resolve<'a> = dyn Fn(&str) -> Result<Option<Scenario>, ScenarioError> + 'a;

impl Lesson {
    /// Parses and checks lesson text. `file` names it in errors; `resolve` finds the
    /// scenarios it plays.
    pub fn parse(text: &str, file: &str, resolve: &Resolve<'_>) -> Result<Lesson, ScenarioError> {
        let source = Source { file, text };
        let raw: RawLesson = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            source.error(span, "", e.message())
        })?;
        if raw.title.get_ref().trim().is_empty() {
            return Err(source.at(&raw.title, "title", "give the lesson a title"));
        }
        let mut steps = Vec::new();
        // The scenario playing, and whether a goal has let the student change it.
        let mut playing: Option<Scenario> = None;
        let mut first_protocol: Option<Protocol> = None;
        let mut after_goal = false;
        let mut clock: Time = 0;
        for spanned in &raw.step {
            let raw_step = spanned.get_ref();
            let line = source.error(spanned.span(), "", "").line;
            let scenario = match &raw_step.scenario {
                Some(name) => {
                    let found = resolve(name.get_ref()).map_err(|e| {
                        source.at(
                            name,
                            "scenario",
                            format!("`{}` does not load: {e}", name.get_ref()),
                        )
                    })?;
                    let Some(found) = found else {
                        return Err(source.at(
                            name,
                            "scenario",
                            format!("no scenario named `{}` in scenarios/", name.get_ref()),
                        ));
                    };
                    if let Some(first) = &first_protocol {
                        if *first != found.protocol {
                            return Err(source.at(
                                name,
                                "scenario",
                                format!(
                                    "a lesson stays in one lab: `{}` is {}, the lesson is {}",
                                    name.get_ref(),
                                    found.protocol.name(),
                                    first.name()
                                ),
                            ));
                        }
                    }
                    first_protocol = Some(found.protocol);
                    playing = Some(found);
                    after_goal = false;
                    clock = 0;
                    Some(name.get_ref().clone())
                }
                None if playing.is_none() => {
                    return Err(source.error(
                        spanned.span(),
                        "scenario",
                        "the first step must load a scenario, e.g. scenario = \"first-election\"",
                    ));
                }
                None if after_goal => {
                    return Err(source.error(spanned.span(), "scenario", "a step after a goal must load a scenario again: the student's actions changed the cluster, so what follows cannot be told in advance"));
                }
                None => None,
            };
            let current = playing.as_ref().expect("set above");
            let until = match &raw_step.until {
                Some(t) => {
                    let until = source.time(t, "until")?;
                    if until < clock {
                        return Err(source.at(
                            t,
                            "until",
                            format!(
                                "the cluster is already at {} here: a step cannot go back in time",
                                crate::sim::format_time(clock)
                            ),
                        ));
                    }
                    if until > crate::scenario::MAX_END {
                        return Err(source.at(
                            t,
                            "until",
                            "a lesson may run for at most one hour of virtual time",
                        ));
                    }
                    clock = until;
                    Some(until)
                }
                None => None,
            };
            let show = match &raw_step.show {
                Some(panel) if !PANELS.contains(&panel.get_ref().as_str()) => {
                    return Err(source.at(
                        panel,
                        "show",
                        format!(
                            "no panel `{}`; these open: {}",
                            panel.get_ref(),
                            PANELS.join(", ")
                        ),
                    ));
                }
                other => other.as_ref().map(|p| p.get_ref().clone()),
            };
            let predict = match &raw_step.predict {
                Some(p) => {
                    if until.is_none() {
                        return Err(source.at(p, "predict", "a prediction needs the step's `until`: the time at which the run answers it"));
                    }
                    Some(parse_prediction(&source, p)?)
                }
                None => None,
            };
            let goal = match &raw_step.goal {
                Some(g) => {
                    after_goal = true;
                    Some(parse_goal(&source, g, current)?)
                }
                None => None,
            };
            steps.push(Step {
                line,
                scenario,
                say: raw_step.say.clone(),
                until,
                show,
                predict,
                goal,
            });
        }
        let Some(protocol) = first_protocol else {
            return Err(source.error(0..0, "step", "a lesson needs at least one [[step]]"));
        };
        Ok(Lesson {
            name: file.rsplit('/').next().unwrap_or(file).trim_end_matches(".toml").to_string(),
            title: raw.title.into_inner(),
            about: raw.about,
            protocol,
            steps,
        })
    }
}

fn parse_prediction(
    source: &Source<'_>,
    spanned: &Spanned<RawPrediction>,
) -> Result<Prediction, ScenarioError> {
    let raw = spanned.get_ref();
    if let Some(f) = &raw.fact {
        Fact::parse(f.get_ref()).map_err(|e| source.at(f, "fact", e))?;
    }
    let fact = raw.fact.as_ref().map(|f| f.get_ref());
    let mut choices = Vec::new();
    for choice in raw.choices.get_ref() {
        let at = |e: String| source.at(&raw.choices, "choices", e);
        choices.push(match (choice, &fact) {
            (RawChoice::Value(value), Some(fact)) => Choice {
                text: value.clone(),
                when: Condition::parse(&format!("{fact} = {value}")).map_err(at)?,
            },
            (RawChoice::Value(value), None) => {
                return Err(at(format!("`{value}` needs a `when` (write {{ text = \"{value}\", when = \"…\" }}), or give the prediction a `fact` whose values the choices are")));
            }
            (RawChoice::Tested { text, when }, _) => {
                Choice { text: text.clone(), when: Condition::parse(when).map_err(at)? }
            }
        });
    }
    if choices.len() < 2 {
        return Err(source.at(&raw.choices, "choices", "a prediction needs at least two choices"));
    }
    let answer = choices.iter().position(|c| &c.text == raw.answer.get_ref()).ok_or_else(|| {
        let texts: Vec<String> = choices.iter().map(|c| format!("`{}`", c.text)).collect();
        source.at(
            &raw.answer,
            "answer",
            format!("`{}` is not one of the choices ({})", raw.answer.get_ref(), texts.join(", ")),
        )
    })?;
    let reveal =
        Template::parse(raw.reveal.get_ref()).map_err(|e| source.at(&raw.reveal, "reveal", e))?;
    Ok(Prediction {
        line: source.error(spanned.span(), "", "").line,
        ask: raw.ask.clone(),
        choices,
        answer,
        reveal,
    })
}

fn parse_goal(
    source: &Source<'_>,
    spanned: &Spanned<RawGoal>,
    scenario: &Scenario,
) -> Result<Goal, ScenarioError> {
    let raw = spanned.get_ref();
    let conditions =
        |list: &Spanned<OneOrMany>, field: &str| -> Result<Vec<Condition>, ScenarioError> {
            list.get_ref()
                .items()
                .into_iter()
                .map(|c| Condition::parse(c).map_err(|e| source.at(list, field, e)))
                .collect()
        };
    let reach = conditions(&raw.reach, "reach")?;
    if reach.is_empty() {
        return Err(source.at(&raw.reach, "reach", "say what the student must make true"));
    }
    let keep = raw.keep.as_ref().map(|k| conditions(k, "keep")).transpose()?.unwrap_or_default();
    let within = match &raw.within {
        Some(t) => {
            let within = source.time(t, "within")?;
            if within == 0 || within > MAX_WITHIN {
                return Err(source.at(t, "within", "give the attempt between 1us and 10 minutes"));
            }
            within
        }
        None => 10 * SECOND,
    };
    let mut solution = Vec::new();
    for event in raw.solution.get_ref() {
        let timed = parse_event(source, event, scenario.nodes, scenario.protocol)?;
        if timed.at > within {
            return Err(source.at(
                &event.get_ref().at,
                "at",
                "this move comes after the goal's `within`",
            ));
        }
        solution.push(timed);
    }
    if solution.is_empty() {
        return Err(source.at(
            &raw.solution,
            "solution",
            "show one way to reach the goal: the play-through test replays it",
        ));
    }
    Ok(Goal {
        line: source.error(spanned.span(), "", "").line,
        task: raw.task.clone(),
        reach,
        keep,
        within,
        hint: raw.hint.clone(),
        solution,
    })
}
