//! A task, as a client submits it to either kind of cluster: a key (what placement hashes)
//! and how long it takes to run. Written `key=work`: `report-7=300ms`, or a bare number of
//! milliseconds (`k2=17`), which is what the randomized tester's clients write. Besides
//! tasks, a server can be told to `leave` the pool of workers and to `join` it again.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::sim::{format_time, parse_time, Time, MILLI, SECOND};

/// Tasks are known by the id the simulator gave the client's request.
pub type TaskId = u64;

/// The longest a task may take: long enough for a slow batch job in a lesson, short enough
/// that a one-hour run holds many.
pub const MAX_WORK: Time = 60 * SECOND;
/// Keys are names, not payloads.
pub const MAX_KEY_LEN: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub key: Arc<str>,
    pub work: Time,
}

impl fmt::Display for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.key, format_time(self.work))
    }
}

impl FromStr for Task {
    type Err = String;

    fn from_str(text: &str) -> Result<Task, String> {
        let (key, work) = text
            .split_once('=')
            .ok_or_else(|| format!("a task is `key=work` (e.g. `report=300ms`), not `{text}`"))?;
        let key = key.trim();
        if key.is_empty() || key.len() > MAX_KEY_LEN || key.contains(char::is_whitespace) {
            return Err(format!(
                "a task's key is 1 to {MAX_KEY_LEN} characters without spaces, not `{key}`"
            ));
        }
        let work = work.trim();
        let work = match work.parse::<u64>() {
            Ok(ms) => ms.checked_mul(MILLI).ok_or("the task's work is too large")?,
            Err(_) => parse_time(work)?,
        };
        if !(MILLI..=MAX_WORK).contains(&work) {
            return Err(format!(
                "a task's work is from 1ms to {}, not {}",
                format_time(MAX_WORK),
                format_time(work)
            ));
        }
        Ok(Task { key: key.into(), work })
    }
}

/// What a client or a person asks a server of either task cluster. Kept in traces and
/// links as the text it is written in (`job1=300ms`, `leave`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Command {
    /// Run this task.
    Run(Task),
    /// Leave the pool of workers gracefully: stop working, hand the tasks back. (The
    /// single-leader cluster's Raft membership stays as it is: changing it is Raft's own
    /// business, a separate lab's.)
    Leave,
    /// Join the pool again (or for the first time, after a `leave` at the start).
    Join,
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Run(task) => task.fmt(f),
            Command::Leave => f.write_str("leave"),
            Command::Join => f.write_str("join"),
        }
    }
}

impl From<Command> for String {
    fn from(command: Command) -> String {
        command.to_string()
    }
}

impl TryFrom<String> for Command {
    type Error = String;

    fn try_from(text: String) -> Result<Command, String> {
        text.parse()
    }
}

impl FromStr for Command {
    type Err = String;

    fn from_str(text: &str) -> Result<Command, String> {
        match text.trim() {
            "leave" => Ok(Command::Leave),
            "join" => Ok(Command::Join),
            task if task.contains('=') => task.parse().map(Command::Run),
            _ => Err(format!(
                "a Tasks command is a task `key=work` (e.g. `report=300ms`), `leave` or \
                 `join`, not `{text}`"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_read_back_and_bad_ones_say_why() {
        let task: Task = "report-7=300ms".parse().expect("a task");
        assert_eq!(task, Task { key: "report-7".into(), work: 300 * MILLI });
        assert_eq!(task.to_string().parse::<Task>(), Ok(task));
        assert_eq!("k2=17".parse::<Task>().map(|t| t.work), Ok(17 * MILLI));
        for bad in ["k2", "=5ms", "a b=5ms", "k=0", "k=2min", "k=61s", "k=99999999999999999999"] {
            assert!(bad.parse::<Task>().is_err(), "{bad}");
        }
        for text in ["leave", " join ", "report-7=300ms"] {
            let command: Command = text.parse().expect("a command");
            assert_eq!(command.to_string().parse::<Command>(), Ok(command));
        }
        for bad in ["leav", "", "k=0", "join now"] {
            assert!(bad.parse::<Command>().is_err(), "{bad}");
        }
    }
}
