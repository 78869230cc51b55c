//! The action log as links wrote it before the compact form: a JSON list of
//! `{"step": …, "time": …, "action": {"do": "crash", "node": "S3"}}`, as serde writes
//! `LoggedAction<String>`. Read from the parsed JSON by hand: serde's derived reader for the
//! tagged `Action` cost the page 13.8 KiB gzipped (BENCHMARKS.md), for links that only
//! older pages wrote. `web/tests/link_props.rs` checks that every action serde writes reads
//! back the same.

use clusterscope_core::sim::action_code::clip;
use clusterscope_core::sim::{Action, LoggedAction, NodeId, Target, Time};
use serde_json::{Map, Value};

/// The old JSON action log, in step order (as a run replays it), so the compact log it is
/// rewritten as stays exact.
pub fn read(json: &str) -> Result<Vec<LoggedAction<String>>, String> {
    let damaged = |e: String| format!("the action log in this link is damaged ({e})");
    let list: Value = serde_json::from_str(json).map_err(|e| damaged(clip(&e.to_string())))?;
    let Value::Array(entries) = list else {
        return Err(damaged("not a list".into()));
    };
    let mut actions = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| logged(entry).map_err(|e| damaged(format!("entry {}: {e}", i + 1))))
        .collect::<Result<Vec<_>, _>>()?;
    actions.sort_by_key(|a| a.step);
    Ok(actions)
}

fn logged(entry: &Value) -> Result<LoggedAction<String>, String> {
    let fields = object(entry)?;
    Ok(LoggedAction {
        step: number(fields, "step")?,
        time: number::<Time>(fields, "time")?,
        action: action(object(field(fields, "action")?)?)?,
    })
}

fn action(fields: &Map<String, Value>) -> Result<Action<String>, String> {
    let node = |key| node(field(fields, key)?);
    let target = || target(field(fields, "node")?);
    Ok(match text(field(fields, "do")?)? {
        "crash" => Action::Crash { node: target()? },
        "restart" => Action::Restart { node: node("node")? },
        "isolate" => Action::Isolate { node: target()? },
        "timeout" => Action::Timeout { node: target()? },
        "transfer" => Action::Transfer { to: node("to")? },
        "heal" => Action::Heal,
        "note" => Action::Note,
        "partition" => Action::Partition {
            groups: list(field(fields, "groups")?)?
                .iter()
                .map(|group| list(group)?.iter().map(self::node).collect())
                .collect::<Result<_, String>>()?,
        },
        "cut" => Action::Cut { from: node("from")?, to: node("to")? },
        "client" => Action::Client {
            node: target()?,
            command: text(field(fields, "command")?)?.to_string(),
        },
        "drop_message" => Action::DropMessage { id: number(fields, "id")? },
        "duplicate_message" => Action::DuplicateMessage { id: number(fields, "id")? },
        "network" => {
            let optional = |key| fields.get(key).filter(|v| !v.is_null());
            let probability = |key| {
                optional(key)
                    .map(|v| v.as_f64().ok_or_else(|| format!("`{key}` is not a number")))
                    .transpose()
            };
            let latency =
                |v: &Value| v.as_u64().ok_or_else(|| "a latency is not a whole number".to_string());
            Action::Network {
                loss: probability("loss")?,
                duplicate: probability("duplicate")?,
                latency: pair(optional("latency"), "latency", latency)?,
                link: pair(optional("link"), "link", self::node)?,
            }
        }
        other => return Err(format!("no action is called `{}`", clip(other))),
    })
}

/// An optional `[a, b]`.
fn pair<T>(
    value: Option<&Value>,
    key: &str,
    read: impl Fn(&Value) -> Result<T, String>,
) -> Result<Option<(T, T)>, String> {
    value
        .map(|v| match list(v)? {
            [a, b] => Ok((read(a)?, read(b)?)),
            _ => Err(format!("`{key}` is not a pair")),
        })
        .transpose()
}

fn field<'a>(fields: &'a Map<String, Value>, key: &str) -> Result<&'a Value, String> {
    fields.get(key).ok_or_else(|| format!("`{key}` is missing"))
}

fn object(value: &Value) -> Result<&Map<String, Value>, String> {
    value.as_object().ok_or_else(|| "an entry is not an object".to_string())
}

fn list(value: &Value) -> Result<&[Value], String> {
    value.as_array().map(Vec::as_slice).ok_or_else(|| "a list was expected".to_string())
}

fn text(value: &Value) -> Result<&str, String> {
    value.as_str().ok_or_else(|| "text was expected".to_string())
}

fn number<T: TryFrom<u64>>(fields: &Map<String, Value>, key: &str) -> Result<T, String> {
    field(fields, key)?
        .as_u64()
        .and_then(|n| T::try_from(n).ok())
        .ok_or_else(|| format!("`{key}` is not a whole number"))
}

fn node(value: &Value) -> Result<NodeId, String> {
    let name = text(value)?;
    name.parse().map_err(|_| format!("`{}` is not a server name", clip(name)))
}

fn target(value: &Value) -> Result<Target, String> {
    match text(value)? {
        "leader" => Ok(Target::LEADER),
        _ => node(value).map(Target::Node),
    }
}
