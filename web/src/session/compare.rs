//! Comparing a replay with a trace file's records: what an import checks once its replay has
//! arrived, so a file from another version, or one edited by hand, is flagged.

use crate::views::l10n::tr;
use crate::{en, tr};

/// Both record lists from the later of their first steps on.
pub fn common_steps(
    replayed: serde_json::Value,
    recorded: serde_json::Value,
) -> (serde_json::Value, serde_json::Value) {
    use serde_json::Value;
    let first_step = |v: &Value| v.get(0).and_then(|r| r.get("step")).and_then(Value::as_u64);
    let from = first_step(&replayed).max(first_step(&recorded)).unwrap_or(0);
    let keep = |v: Value| match v {
        Value::Array(records) => Value::Array(
            records
                .into_iter()
                .filter(|r| r.get("step").and_then(Value::as_u64).is_none_or(|s| s >= from))
                .collect(),
        ),
        other => other,
    };
    (keep(replayed), keep(recorded))
}

pub fn first_difference(replayed: &serde_json::Value, recorded: &serde_json::Value) -> String {
    let (ours, theirs) = match (replayed.as_array(), recorded.as_array()) {
        (Some(ours), Some(theirs)) => (ours, theirs),
        _ => return tr(en!("The file's records are not a list; showing the replay of its link.")),
    };
    let at =
        ours.iter().zip(theirs).position(|(a, b)| a != b).unwrap_or(ours.len().min(theirs.len()));
    let step = theirs.get(at).or(ours.get(at)).and_then(|r| r.get("step")).and_then(|s| s.as_u64());
    let (recorded, replayed) = (theirs.len(), ours.len());
    match step {
        Some(step) => tr!(
            "The file's records differ from this version's replay from step {step} ({recorded} \
             recorded, {replayed} replayed); showing the replay.",
            step,
            recorded,
            replayed
        ),
        None => tr!(
            "The file's records differ from this version's replay ({recorded} recorded, \
             {replayed} replayed); showing the replay.",
            recorded,
            replayed
        ),
    }
}
