//! The page's side of a lesson: the callbacks that move it on, and the card drawn from where
//! the student is (`session/lesson.rs` keeps that; `views/lesson_card.rs` draws it). Only in
//! the bundles of labs with lessons (`cfg(lessons)`, web/build.rs).

use std::cell::RefCell;
use std::rc::Rc;

use clusterscope_core::sim::format_time;
use yew::prelude::*;

use super::host;
use super::side_panel::PANELS;
use crate::session::lesson::{GoalStatus, Phase, Tutor};
use crate::session::Session;
use crate::views::l10n::{narrated, text, text_with, LessonPart};
use crate::views::lesson_card::{GoalLine, GoalView, LessonCard, Question};

/// What the page shows of the lesson it opened: the card, and the lesson's part of the link.
pub struct Shown {
    pub card: Option<Html>,
    pub link: Option<(String, usize)>,
    /// A goal is on: the student needs the lab's controls.
    pub acting: bool,
}

/// Keeps the lesson the page opened (if any), tells the host page how it goes, and follows
/// the host's theme.
#[hook]
pub fn use_lesson(
    opened: Option<Tutor>,
    parts: Parts,
    themes: &'static [&'static str],
    theme: UseStateSetter<String>,
) -> Shown {
    let tutor = use_mut_ref(|| opened);
    let error = use_state(|| None::<String>);
    let session = parts.session.clone();
    let handlers = {
        let (tutor, error) = (tutor.clone(), error.setter());
        use_memo((), |()| LessonHandlers::new(parts, tutor, error))
    };
    host::use_host_theme(themes, theme);
    // Another lab started from the page's own controls (the menu, Settings, an import) ends
    // the lesson: its questions are about its own scenario.
    let elsewhere =
        tutor.borrow().as_ref().is_some_and(|t| t.lab().as_ref() != Some(&session.borrow().lab));
    if elsewhere {
        *tutor.borrow_mut() = None;
    }
    let progress = tutor.borrow().as_ref().map(|t| {
        let (finished, steps) = t.progress();
        host::Progress { lesson: t.lesson.name.clone(), step: t.step + 1, steps, finished }
    });
    host::use_report_to_host(progress);
    let mut tutor = tutor.borrow_mut();
    let link = tutor.as_ref().map(|t| (t.lesson.name.clone(), t.step));
    let card = tutor.as_mut().map(|t| card(t, &session.borrow(), (*error).clone(), &handlers));
    let acting = tutor.as_ref().is_some_and(|t| matches!(t.phase, Phase::Trying { .. }));
    Shown { card, link, acting }
}

/// What the callbacks change.
pub struct Parts {
    pub session: Rc<RefCell<Session>>,
    pub redraw: UseForceUpdateHandle,
    pub playing: UseStateSetter<bool>,
    pub panel: UseStateSetter<&'static str>,
}

struct LessonHandlers {
    on_run: Callback<Option<usize>>,
    on_continue: Callback<()>,
    on_next: Callback<()>,
}

/// The side panel a step asks to open.
pub fn panel_of(tutor: &Tutor) -> Option<&'static str> {
    let wanted = tutor.current().show.as_deref()?;
    PANELS.iter().map(|(key, _)| *key).find(|key| *key == wanted)
}

impl LessonHandlers {
    fn new(
        p: Parts,
        tutor: Rc<RefCell<Option<Tutor>>>,
        error: UseStateSetter<Option<String>>,
    ) -> Self {
        let change = |act: fn(&mut Tutor, &mut Session, Option<usize>) -> Result<(), String>| {
            let (tutor, session, redraw) = (tutor.clone(), p.session.clone(), p.redraw.clone());
            let (playing, panel, error) = (p.playing.clone(), p.panel.clone(), error.clone());
            Callback::from(move |picked: Option<usize>| {
                let mut tutor = tutor.borrow_mut();
                let Some(tutor) = tutor.as_mut() else { return };
                playing.set(false);
                let was = tutor.step;
                error.set(act(tutor, &mut session.borrow_mut(), picked).err());
                if tutor.step != was {
                    if let Some(key) = panel_of(tutor) {
                        panel.set(key);
                    }
                }
                redraw.force_update();
            })
        };
        LessonHandlers {
            on_run: change(|tutor, session, picked| tutor.run(picked, session)),
            on_continue: change(|tutor, session, _| {
                tutor.after_reveal(session);
                Ok(())
            })
            .reform(|()| None),
            on_next: change(|tutor, session, _| tutor.next(session)).reform(|()| None),
        }
    }
}

/// The card for where the student is, judging the goal against the world now.
fn card(
    tutor: &mut Tutor,
    session: &Session,
    error: Option<String>,
    handlers: &LessonHandlers,
) -> Html {
    let status = tutor.check_goal(session);
    let (status, error) = match status {
        Ok(status) => (status, error),
        Err(e) => (None, Some(text_with("goal-unchecked", &[("error", &e.to_string())]))),
    };
    let step = tutor.current();
    let said = |part: LessonPart, english: &str| narrated(&tutor.lesson_id(part), english);
    let question = step.predict.as_ref().map(|p| Question {
        ask: said(LessonPart::Ask, &p.ask),
        choices: p
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| said(LessonPart::Choice(i), &c.text))
            .collect(),
        revealed: match &tutor.phase {
            Phase::Revealed { picked, right, reveal } => Some((*picked, *right, reveal.clone())),
            Phase::Reading => None,
            // Past the reveal, the answer stays on the card.
            _ => Some((None, p.answer, String::new())),
        },
    });
    let goal = step.goal.as_ref().map(|g| GoalView {
        task: said(LessonPart::Task, &g.task),
        hint: g.hint.as_ref().map(|hint| said(LessonPart::Hint, hint)),
        line: match (&tutor.phase, status) {
            (Phase::Reached { at }, _) => {
                Some(GoalLine::Reached(text_with("goal-done", &[("time", &format_time(*at))])))
            }
            (_, Some(GoalStatus::Going { left })) => {
                Some(GoalLine::Going(text_with("goal-left", &[("time", &format_time(left))])))
            }
            (_, Some(GoalStatus::Broke(rule))) => {
                Some(GoalLine::Failed(text_with("goal-broke", &[("rule", &rule)])))
            }
            (_, Some(GoalStatus::OutOfTime)) => Some(GoalLine::Failed(text("goal-out-of-time"))),
            _ => None,
        },
    });
    let run_label = (tutor.phase == Phase::Reading).then(|| {
        let (plain, locked) = match step.until {
            Some(until) => {
                let time = format_time(until);
                let time = [("time", time.as_str())];
                (text_with("lesson-run-to", &time), text_with("lesson-lock-run-to", &time))
            }
            None => (text("lesson-continue"), text("lesson-lock-continue")),
        };
        (AttrValue::from(plain), AttrValue::from(locked))
    });
    let can_next = matches!(tutor.phase, Phase::Done | Phase::Reached { .. })
        || matches!(tutor.phase, Phase::Revealed { .. }) && step.goal.is_none();
    html! {
        <LessonCard title={said(LessonPart::Title, &tutor.lesson.title)} step={tutor.step + 1}
            steps={tutor.lesson.steps.len()} say={said(LessonPart::Say, &step.say)} {question} {goal}
            {run_label} {can_next} error={error.map(AttrValue::from)}
            on_run={handlers.on_run.clone()} on_continue={handlers.on_continue.clone()}
            on_next={handlers.on_next.clone()} />
    }
}
