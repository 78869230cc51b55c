//! Opening a link or a trace file. A link may ask for a moment a million steps in: replaying
//! that takes seconds, so a session opens in two parts. [`Session::begin`] replays a first
//! stretch at once; the page then calls [`Session::advance`] a chunk per frame, with a
//! progress bar and a Cancel button, and [`Session::finish`] says what the link asked for
//! that the run could not show.

use clusterscope_core::sim::{format_time, Time};

#[cfg(feature = "traces")]
use super::compare::{common_steps, first_difference};
use super::link::Link;
use super::{run, Session};
use crate::tr;

/// Where an opening is headed, and what to check once it gets there.
pub struct Pending {
    /// The step the link asks for.
    pub step: u64,
    clock: Option<Time>,
    /// A trace file's own records, to compare with the replay once it is done.
    #[cfg(feature = "traces")]
    pub(super) recorded: Option<serde_json::Value>,
    /// A person stopped the replay before it got there.
    pub cancelled: bool,
    /// What the page already knows it will have to say.
    notes: Vec<String>,
}

impl Session {
    /// Replays a link: its lab, then its actions, up to its step.
    pub fn open(link: &Link) -> Result<Session, String> {
        Session::open_noting(link).map(|(session, _)| session)
    }

    /// As [`Session::open`], and also what the page did where the link asked for something
    /// the run cannot show: a step past its end, a time outside the step, an action that
    /// does nothing (a server the cluster lacks, a reversed latency).
    pub fn open_noting(link: &Link) -> Result<(Session, Vec<String>), String> {
        let (mut session, pending) = Session::begin(link, u64::MAX)?;
        let notes = session.finish(pending);
        Ok((session, notes))
    }

    /// Starts opening `link`, replaying at most `at_most` steps now. Returns where the opening
    /// is headed, with notes on the link's actions that do nothing.
    pub fn begin(link: &Link, at_most: u64) -> Result<(Session, Pending), String> {
        let run = run::start(&link.lab)?.replay(&link.actions, link.step.min(at_most))?;
        let mut notes = Vec::new();
        let servers = run.servers();
        for (i, logged) in link.actions.iter().enumerate() {
            let (number, step) = (i + 1, logged.step);
            let named = logged.action.named_nodes();
            if let Some(bad) = named.into_iter().find(|n| n.index() >= servers) {
                notes.push(tr!(
                    "action {number} at step {step} names {bad}, which a {servers}-server cluster does not have; it does nothing",
                    number,
                    step,
                    bad,
                    servers
                ));
            } else if let Err(e) = logged.action.check_values() {
                notes.push(tr!(
                    "action {number} at step {step} is refused ({e}); it does nothing",
                    number,
                    step,
                    e
                ));
            }
        }
        let pending = Pending {
            step: link.step,
            clock: link.clock,
            #[cfg(feature = "traces")]
            recorded: None,
            cancelled: false,
            notes,
        };
        Ok((Session::with(link.lab.clone(), run), pending))
    }

    /// Replays up to `steps` more toward the pending step; true once there (or the run ended).
    pub fn advance(&mut self, pending: &Pending, steps: u64) -> bool {
        let before = self.run.step();
        let target = pending.step.min(before.saturating_add(steps));
        self.run.seek(target);
        self.run.step() >= pending.step || self.run.step() == before
    }

    /// Ends an opening: the clock the link asked for, and a note for each thing it asked for
    /// that the run could not show. A cancelled opening notes where it stopped.
    pub fn finish(&mut self, pending: Pending) -> Vec<String> {
        let mut notes = pending.notes;
        let step = self.run.step();
        if step < pending.step && pending.cancelled {
            let asked = pending.step;
            notes.push(tr!("replaying to step {asked} was stopped at step {step}", asked, step));
        } else if step < pending.step {
            notes.push(tr!(
                "the link asks for step {asked}, but this run ends at step {step}; showing that",
                asked = pending.step,
                step
            ));
        } else if let Some(clock) = pending.clock {
            self.run.set_clock(clock);
            if self.run.clock() != clock {
                notes.push(tr!(
                    "time {asked} is not within step {step}; showing {shown}",
                    asked = format_time(clock),
                    step,
                    shown = format_time(self.run.clock())
                ));
            }
        }
        #[cfg(feature = "traces")]
        if let Some(recorded) = pending.recorded {
            // A long run of a large cluster keeps only its recent records (see `retention`),
            // so the two are compared over the steps both still hold.
            let (replayed, recorded) = common_steps(self.run.trace_json(), recorded);
            if replayed != recorded {
                notes.push(first_difference(&replayed, &recorded));
            }
        }
        notes
    }
}
