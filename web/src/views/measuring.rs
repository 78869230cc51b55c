//! A chart's long measurement in the measurement worker, as a hook: start it with a request,
//! watch its answer lines arrive, cancel it. The gossip lab's detection chart and the Tasks
//! lab's sweep both use it; the worker's protocol is in `src/bin/measure_worker.rs`.
// Only the bundles of labs that measure use it (`measures`, set by web/build.rs).
#![cfg_attr(not(measures), allow(dead_code))]

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use super::browser::Measurement;

/// Where a measurement stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    Idle,
    Running,
    /// Cancelled by the person.
    Stopped,
    Done,
    Failed(String),
}

/// A measurement as its chart sees it.
#[derive(Clone)]
pub struct Measuring {
    /// The worker's answer lines so far, except the last (`done`) and errors.
    pub lines: Rc<Vec<Value>>,
    pub progress: Progress,
    /// Starts the measurement of a request (JSON text), forgetting earlier lines.
    pub start: Callback<String>,
    pub cancel: Callback<()>,
}

impl Measuring {
    pub fn running(&self) -> bool {
        self.progress == Progress::Running
    }
}

/// A measurement that is stopped and forgotten whenever `deps` change (new settings make old
/// results meaningless) and when the chart goes away.
#[hook]
pub fn use_measurement<D: PartialEq + 'static>(deps: D) -> Measuring {
    let lines = use_state(|| Rc::new(Vec::<Value>::new()));
    let progress = use_state(|| Progress::Idle);
    // Lines arrive one by one; the state handle alone would keep only the last.
    let found = use_mut_ref(Vec::<Value>::new);
    let worker = use_mut_ref(|| None::<Measurement>);
    {
        let (lines, progress, found, worker) =
            (lines.clone(), progress.clone(), found.clone(), worker.clone());
        use_effect_with(deps, move |_| {
            worker.borrow_mut().take();
            found.borrow_mut().clear();
            lines.set(Rc::new(Vec::new()));
            progress.set(Progress::Idle);
            move || drop(worker.borrow_mut().take())
        });
    }
    let start = {
        let (lines, progress, found, worker) =
            (lines.clone(), progress.clone(), found.clone(), worker.clone());
        Callback::from(move |request: String| {
            found.borrow_mut().clear();
            lines.set(Rc::new(Vec::new()));
            let fail = {
                let (progress, worker) = (progress.clone(), worker.clone());
                move |e: String| {
                    progress.set(Progress::Failed(e));
                    worker.borrow_mut().take();
                }
            };
            let on_line = {
                let (lines, progress, found, worker, fail) =
                    (lines.clone(), progress.clone(), found.clone(), worker.clone(), fail.clone());
                Callback::from(move |line: String| {
                    let Ok(value) = serde_json::from_str::<Value>(&line) else {
                        return fail("the measurement worker answered nonsense".into());
                    };
                    if let Some(error) = value.get("error").and_then(Value::as_str) {
                        return fail(error.to_string());
                    }
                    if value.get("done").is_some() {
                        progress.set(Progress::Done);
                        worker.borrow_mut().take();
                        return;
                    }
                    found.borrow_mut().push(value);
                    lines.set(Rc::new(found.borrow().clone()));
                })
            };
            match Measurement::start(&request, on_line, Callback::from(fail.clone())) {
                Ok(measurement) => {
                    *worker.borrow_mut() = Some(measurement);
                    progress.set(Progress::Running);
                }
                Err(e) => fail(e),
            }
        })
    };
    let cancel = {
        let (progress, worker) = (progress.clone(), worker.clone());
        Callback::from(move |()| {
            worker.borrow_mut().take();
            progress.set(Progress::Stopped);
        })
    };
    Measuring { lines: (*lines).clone(), progress: (*progress).clone(), start, cancel }
}
