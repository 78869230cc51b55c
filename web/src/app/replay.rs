//! Opening a link or a trace far into a run: the first stretch is replayed at once, the rest
//! a chunk per animation frame, under a progress bar with a Cancel button, so a link to step
//! 1,000,000 neither freezes the page nor hides what it is doing.

use yew::prelude::*;

use crate::session::opening::Pending;
use crate::session::Session;
use crate::views::l10n::tr;
use crate::{en, tr};

/// Steps replayed before the page first draws (about 50 ms of wasm on the test machine).
pub const REPLAY_AT_ONCE: u64 = 20_000;
/// Steps replayed per frame after that (about 12 ms).
const REPLAY_PER_FRAME: u64 = 5_000;

/// What is being opened: the notice at the end differs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Link,
    Trace,
}

pub struct Replay {
    pub pending: Pending,
    pub kind: Opened,
    /// Notes gathered before the replay (from reading the link), said at the end with the rest.
    pub earlier: Vec<String>,
}

impl Replay {
    /// Finishes at once if the first stretch got there (or the run ended within it), with
    /// the notice to show; otherwise hands the job back.
    pub fn finish_if_there(self, session: &mut Session) -> Result<Option<String>, Replay> {
        let step = session.run.step();
        if step >= self.pending.step || step < REPLAY_AT_ONCE {
            Ok(self.finish(session))
        } else {
            Err(self)
        }
    }

    /// One frame's chunk; the notice once done.
    pub fn advance(self, session: &mut Session) -> Result<Option<String>, Replay> {
        if session.advance(&self.pending, REPLAY_PER_FRAME) {
            Ok(self.finish(session))
        } else {
            Err(self)
        }
    }

    /// Stops where the replay is; the notice says so.
    pub fn cancel(mut self, session: &mut Session) -> Option<String> {
        self.pending.cancelled = true;
        self.finish(session)
    }

    fn finish(self, session: &mut Session) -> Option<String> {
        let mut notes = self.earlier;
        notes.extend(session.finish(self.pending));
        match self.kind {
            Opened::Link if notes.is_empty() => None,
            Opened::Link => {
                Some(tr!("This link was opened with changes: {notes}.", notes = listed(&notes)))
            }
            Opened::Trace if notes.is_empty() => {
                Some(tr!("Trace imported; at step {step}.", step = session.run.step()))
            }
            Opened::Trace => Some(listed(&notes)),
        }
    }

    /// The progress bar, while replaying.
    pub fn view(&self, at: u64, on_cancel: Callback<MouseEvent>) -> Html {
        let target = self.pending.step;
        let percent = (at as f64 / target.max(1) as f64 * 100.0).min(100.0);
        html! {
            <div class="notice replaying" role="status">
                <span>{ tr!("Replaying to step {target}: {percent}% (step {at})", target, percent = format!("{percent:.0}"), at) }</span>
                <progress max={target.to_string()} value={at.to_string()}
                    aria-label={tr(en!("Replay progress"))} />
                <button onclick={on_cancel}>{ tr(en!("Cancel")) }</button>
            </div>
        }
    }
}

/// At most a few notes, then how many more: a hostile link can earn thousands.
fn listed(notes: &[String]) -> String {
    const SHOWN: usize = 6;
    let mut text = notes[..notes.len().min(SHOWN)].join("; ");
    if notes.len() > SHOWN {
        text.push_str(&tr!("; and {more} more like these", more = notes.len() - SHOWN));
    }
    text
}
