//! A lesson's current step: its narration, a question to answer before the run goes on (and,
//! after, what the run did), or a goal to reach with the lab's controls. Only text and
//! callbacks come in; the app keeps the lesson's state.

use yew::prelude::*;

use super::l10n::{text, text_with};

/// A prediction as the student sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub ask: String,
    pub choices: Vec<String>,
    /// After the run: what the student picked, the choice the run made true, the explanation.
    pub revealed: Option<(Option<usize>, usize, String)>,
}

/// How a goal stands, in words.
#[derive(Clone, Debug, PartialEq)]
pub enum GoalLine {
    /// The goal is on; how much time is left.
    Going(String),
    Reached(String),
    /// A rule of the goal broke, or time ran out: what to do about it.
    Failed(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct GoalView {
    pub task: String,
    pub hint: Option<String>,
    /// `None` until the goal starts (after the step runs).
    pub line: Option<GoalLine>,
}

#[derive(Properties, PartialEq)]
pub struct LessonCardProps {
    pub title: AttrValue,
    /// This step, counted from 1, and how many there are.
    pub step: usize,
    pub steps: usize,
    pub say: AttrValue,
    pub question: Option<Question>,
    pub goal: Option<GoalView>,
    /// The button that runs the step ("Run to 600ms"), while it has not run, and the same
    /// button once a prediction is picked ("Lock in and run to 600ms").
    pub run_label: Option<(AttrValue, AttrValue)>,
    /// Whether the step is over and the next may begin.
    pub can_next: bool,
    pub error: Option<AttrValue>,
    /// Run the step, with the student's answer if there is a question.
    pub on_run: Callback<Option<usize>>,
    /// After a reveal, go on to the step's goal or finish the step.
    pub on_continue: Callback<()>,
    pub on_next: Callback<()>,
}

#[function_component]
pub fn LessonCard(props: &LessonCardProps) -> Html {
    let picked = use_state(|| None::<usize>);
    let hint = use_state(|| false);
    // A new step starts with nothing picked and the hint hidden.
    {
        let (picked, hint) = (picked.setter(), hint.setter());
        use_effect_with(props.step, move |_| {
            picked.set(None);
            hint.set(false);
        });
    }
    let finished = props.step == props.steps && props.can_next;
    let question = props.question.as_ref().map(|q| {
        let revealed = q.revealed.as_ref();
        let choices = q.choices.iter().enumerate().map(|(i, text)| {
            let picked = picked.clone();
            let marked = revealed.map(|(mine, right, _)| {
                if i == *right {
                    "right"
                } else if Some(i) == *mine {
                    "wrong"
                } else {
                    ""
                }
            });
            html! {
                <label class={classes!("choice", marked)}>
                    <input type="radio" name="lesson-choice" value={i.to_string()}
                        checked={*picked == Some(i) || revealed.is_some_and(|(mine, _, _)| *mine == Some(i))}
                        disabled={revealed.is_some()}
                        onchange={Callback::from(move |_| picked.set(Some(i)))} />
                    { text }
                </label>
            }
        });
        let verdict = revealed.map(|(mine, right, reveal)| {
            let said = match mine {
                Some(m) if m == right => text("lesson-right"),
                Some(_) => text_with("lesson-not-quite", &[("answer", &q.choices[*right])]),
                None => text_with("lesson-run-says", &[("answer", &q.choices[*right])]),
            };
            html! { <p class="reveal"><strong>{ said }</strong>{ " " }{ reveal }</p> }
        });
        html! {
            <>
                <fieldset class="prediction">
                    <legend>{ text("lesson-predict") }{ &q.ask }</legend>
                    { for choices }
                </fieldset>
                <div aria-live="polite">{ for verdict }</div>
            </>
        }
    });
    let goal = props.goal.as_ref().map(|g| {
        let line = g.line.as_ref().map(|line| match line {
            GoalLine::Going(text) => html! { <p class="goal-status">{ text }</p> },
            GoalLine::Reached(text) => html! { <p class="goal-status reached">{ "✓ " }{ text }</p> },
            GoalLine::Failed(text) => html! { <p class="goal-status failed">{ text }</p> },
        });
        let toggle = {
            let hint = hint.clone();
            Callback::from(move |_: MouseEvent| hint.set(!*hint))
        };
        html! {
            <div class="goal">
                <p><strong>{ text("lesson-your-turn") }</strong>{ &g.task }</p>
                <div aria-live="polite">{ for line }</div>
                if let Some(said) = &g.hint {
                    <button class="link" onclick={toggle} aria-expanded={hint.to_string()}>{ text("lesson-hint") }</button>
                    if *hint { <p class="hint">{ said }</p> }
                }
            </div>
        }
    });
    let run = props.run_label.as_ref().map(|(label, locked)| {
        let needs_answer = props.question.is_some();
        let chosen = *picked;
        let on_run = props.on_run.clone();
        html! {
            <button class="primary" disabled={needs_answer && chosen.is_none()}
                onclick={Callback::from(move |_| on_run.emit(chosen))}>
                { if needs_answer { locked } else { label } }
            </button>
        }
    });
    let revealed_waiting = props.question.as_ref().is_some_and(|q| q.revealed.is_some())
        && props.goal.as_ref().is_some_and(|g| g.line.is_none());
    html! {
        <section class="lesson" aria-label={text("lesson.aria-label")}>
            <header>
                <h2>{ &props.title }</h2>
                <progress max={props.steps.to_string()} value={props.step.to_string()}
                    aria-label={text_with("lesson-progress.aria-label", &[
                        ("step", &props.step.to_string()),
                        ("steps", &props.steps.to_string()),
                    ])}></progress>
                <span class="count">{ format!("{} / {}", props.step, props.steps) }</span>
            </header>
            if let Some(error) = &props.error {
                <p class="notice" role="alert">{ error }</p>
            }
            <p class="say">{ &props.say }</p>
            { for question }
            { for goal }
            <div class="lesson-controls">
                { for run }
                if revealed_waiting {
                    <button class="primary" onclick={props.on_continue.reform(|_| ())}>{ text("lesson-go-on") }</button>
                }
                if props.can_next && !finished {
                    <button class="primary" onclick={props.on_next.reform(|_| ())}>{ text("lesson-next") }</button>
                }
                if finished {
                    <p class="done">{ text("lesson-complete") }</p>
                }
            </div>
        </section>
    }
}
