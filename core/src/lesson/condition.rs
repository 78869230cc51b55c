//! What a lesson asks about a running cluster: facts read from the simulator (`leader`,
//! `S3.role`, `count(role = leader)`) and conditions on them (`S3.role = leader`). A fact is
//! read from each server's view model as JSON, so a lesson can ask about any field a protocol
//! shows, and adding a protocol adds no code here. Grammar in `docs/lessons.md`.

use std::fmt;

use serde_json::Value;

use crate::sim::{Node, NodeId, Sim, Time};

/// What a lesson may read of a cluster at one moment: each server's view (`None` while it is
/// down), the leader, and the properties broken so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    pub views: Vec<Option<Value>>,
    pub leader: Option<NodeId>,
    pub broken: Vec<String>,
    pub now: Time,
}

impl Observation {
    pub fn of<N: Node>(sim: &Sim<N>) -> Observation {
        let views = sim
            .nodes()
            .iter()
            .map(|node| {
                node.as_ref().map(|n| serde_json::to_value(n.view()).unwrap_or(Value::Null))
            })
            .collect();
        let mut broken: Vec<String> = sim.violations().iter().map(|v| v.property.clone()).collect();
        broken.dedup();
        Observation { views, leader: sim.leader(), broken, now: sim.now() }
    }
}

/// A path into one server's view: field names, array indices, and `len`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path(Vec<String>);

impl Path {
    fn parse(text: &str) -> Result<Path, String> {
        let segments: Vec<String> = text.split('.').map(str::to_string).collect();
        if segments.iter().any(|s| s.is_empty() || !s.chars().all(is_name_char)) {
            return Err(format!(
                "`{text}` is not a path into a server's view: write field names joined by dots, e.g. `role` or `log.len`"
            ));
        }
        Ok(Path(segments))
    }

    /// The value at this path in `view`, `up` for whether the server runs. A path the view
    /// does not have is an error that names the fields it does have.
    fn read(&self, view: Option<&Value>) -> Result<Value, String> {
        if self.0.len() == 1 && self.0[0] == "up" {
            return Ok(Value::Bool(view.is_some()));
        }
        let Some(view) = view else { return Ok(Value::String("down".into())) };
        let mut at = view.clone();
        for (i, segment) in self.0.iter().enumerate() {
            let next = match &at {
                Value::Object(fields) => fields.get(segment).cloned(),
                Value::Array(items) => segment
                    .parse::<usize>()
                    .ok()
                    .map(|i| items.get(i).cloned().unwrap_or(Value::Null)),
                _ => None,
            };
            at = match (next, segment.as_str()) {
                (Some(value), _) => value,
                (None, "len") => Value::from(length(&at)),
                // A view's own fields are fixed, so a missing one is a typo. Below them are
                // maps as well as records (a key-value store, a ring), where a missing key
                // is an answer: it reads as none, like an absent value (no round yet).
                (None, _) if i > 0 || at.is_null() => Value::Null,
                (None, _) => return Err(self.missing(i, &at)),
            };
        }
        Ok(at)
    }

    /// Why segment `i` is not in `at`: names what is there, so a lesson's author can fix it.
    fn missing(&self, i: usize, at: &Value) -> String {
        let so_far = self.0[..i].join(".");
        let place =
            if so_far.is_empty() { "a server's view".to_string() } else { format!("`{so_far}`") };
        let known = match at {
            Value::Object(fields) => {
                let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                format!("; it has {}", names.join(", "))
            }
            Value::Array(_) => "; it is a list: use an index or `len`".into(),
            _ => String::new(),
        };
        format!("{place} has no `{}`{known}", self.0[i])
    }
}

fn length(value: &Value) -> usize {
    match value {
        Value::Array(items) => items.len(),
        Value::Object(fields) => fields.len(),
        Value::String(text) => text.chars().count(),
        Value::Null => 0,
        _ => 1,
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// How a value reads in a lesson: strings bare, null as `none`, lists and tables as JSON.
pub fn render(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => "none".into(),
        other => other.to_string(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Is,
    IsNot,
    Below,
    AtMost,
    Above,
    AtLeast,
    Contains,
    Lacks,
}

impl Op {
    const ALL: [(&'static str, Op); 8] = [
        ("=", Op::Is),
        ("!=", Op::IsNot),
        ("<", Op::Below),
        ("<=", Op::AtMost),
        (">", Op::Above),
        (">=", Op::AtLeast),
        ("contains", Op::Contains),
        ("lacks", Op::Lacks),
    ];

    fn holds(self, left: &str, right: &str) -> Result<bool, String> {
        // Views count in whole numbers (terms, indexes, members); reading floats would
        // cost the page a float parser for nothing.
        let number = |text: &str| text.parse::<i64>().ok();
        Ok(match self {
            Op::Is => left == right,
            Op::IsNot => left != right,
            Op::Contains => left.contains(right),
            Op::Lacks => !left.contains(right),
            // A down server, or an absent value, is no number and so neither above nor
            // below one; it is not the lesson's mistake.
            _ if left == "down" || left == "none" => false,
            _ => {
                let (Some(l), Some(r)) = (number(left), number(right)) else {
                    return Err(format!(
                        "`{}` compares numbers, and `{left}` or `{right}` is not one",
                        self.symbol()
                    ));
                };
                match self {
                    Op::Below => l < r,
                    Op::AtMost => l <= r,
                    Op::Above => l > r,
                    _ => l >= r,
                }
            }
        })
    }

    fn symbol(self) -> &'static str {
        Op::ALL.iter().find(|(_, op)| *op == self).map_or("?", |(s, _)| s)
    }
}

/// A test on one server's view, as the quantified facts use it: `role = leader`.
#[derive(Clone, Debug, PartialEq)]
pub struct Test {
    path: Path,
    op: Op,
    value: String,
}

impl Test {
    fn parse(text: &str) -> Result<Test, String> {
        let (left, op, value) = split_condition(text)?;
        Ok(Test { path: Path::parse(left)?, op, value: value.to_string() })
    }

    fn is_about_up(&self) -> bool {
        self.path.0 == ["up"]
    }

    fn holds(&self, view: Option<&Value>) -> Result<bool, String> {
        let value = render(&self.path.read(view)?);
        self.op.holds(&value, &self.value)
    }
}

/// Something a lesson reads from the cluster; it reads as text.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// The server leading in the highest term, or `none`.
    Leader,
    /// A field of the leader's view (`none` without a leader).
    OfLeader(Path),
    /// The properties broken so far, or `none`.
    Broken,
    /// A field of one server's view; `S2.up` is whether it runs.
    OfServer(NodeId, Path),
    /// How many servers pass a test. A down server passes none but `up = false`.
    Count(Test),
    /// Which servers pass a test (`S1, S3`, or `none`).
    Servers(Test),
    /// Whether some server passes (`true`/`false`).
    Any(Test),
    /// Whether every running server passes.
    Every(Test),
}

impl Fact {
    pub fn parse(text: &str) -> Result<Fact, String> {
        let text = text.trim();
        for (name, make) in [
            ("count", Fact::Count as fn(Test) -> Fact),
            ("servers", Fact::Servers),
            ("any", Fact::Any),
            ("every", Fact::Every),
        ] {
            if let Some(inner) =
                text.strip_prefix(name).and_then(|r| r.trim_start().strip_prefix('('))
            {
                let Some(inner) = inner.strip_suffix(')') else {
                    return Err(format!("`{text}`: close `{name}(` with `)`"));
                };
                return Test::parse(inner).map(make);
            }
        }
        if text == "leader" {
            return Ok(Fact::Leader);
        }
        if text == "broken" {
            return Ok(Fact::Broken);
        }
        let (head, rest) = text.split_once('.').unwrap_or((text, ""));
        if head == "leader" {
            return Path::parse(rest).map(Fact::OfLeader);
        }
        if let Ok(id) = head.parse::<NodeId>() {
            if rest.is_empty() {
                return Err(format!(
                    "`{text}`: name a field of {id}, e.g. `{id}.role` or `{id}.up`"
                ));
            }
            return Ok(Fact::OfServer(id, Path::parse(rest)?));
        }
        Err(format!(
            "`{text}` is not a fact: write `leader`, `broken`, a server's field (`S2.role`), or count(…), servers(…), any(…), every(…) around a test such as `role = leader`"
        ))
    }

    /// The fact's value in `seen`, as text.
    pub fn read(&self, seen: &Observation) -> Result<String, String> {
        let view = |id: NodeId| -> Result<Option<&Value>, String> {
            match seen.views.get(id.index()) {
                Some(view) => Ok(view.as_ref()),
                None => {
                    Err(format!("{id} does not exist in a {}-server cluster", seen.views.len()))
                }
            }
        };
        let passing = |test: &Test| -> Result<Vec<NodeId>, String> {
            let mut ids = Vec::new();
            for (i, v) in seen.views.iter().enumerate() {
                // A down server's state is not known: only `up` asks about it.
                if (v.is_some() || test.is_about_up()) && test.holds(v.as_ref())? {
                    ids.push(NodeId(i as u32));
                }
            }
            Ok(ids)
        };
        Ok(match self {
            Fact::Leader => seen.leader.map_or("none".into(), |id| id.to_string()),
            Fact::OfLeader(path) => match seen.leader {
                Some(id) => render(&path.read(view(id)?)?),
                None => "none".into(),
            },
            Fact::Broken if seen.broken.is_empty() => "none".into(),
            Fact::Broken => seen.broken.join(", "),
            Fact::OfServer(id, path) => render(&path.read(view(*id)?)?),
            Fact::Count(test) => passing(test)?.len().to_string(),
            Fact::Servers(test) => {
                let ids: Vec<String> = passing(test)?.iter().map(NodeId::to_string).collect();
                if ids.is_empty() {
                    "none".into()
                } else {
                    ids.join(", ")
                }
            }
            Fact::Any(test) => (!passing(test)?.is_empty()).to_string(),
            Fact::Every(test) => {
                let mut all = true;
                for v in seen.views.iter().flatten() {
                    all &= test.holds(Some(v))?;
                }
                all.to_string()
            }
        })
    }
}

/// Text with `{fact}` holes, filled from the world when shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pieces: Vec<Piece>,
    text: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Text(String),
    /// The fact as written between the braces, and read.
    Fact(String, Fact),
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                return Err(format!("an unclosed `{{` in `{text}`"));
            };
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_string()));
            }
            let written = rest[open + 1..open + close].trim();
            pieces.push(Piece::Fact(written.to_string(), Fact::parse(written)?));
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        Ok(Template { pieces, text: text.to_string() })
    }

    /// As written, holes and all.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The facts its holes name, as written: `leader.term` for `{leader.term}`.
    pub fn holes(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|piece| match piece {
            Piece::Fact(written, _) => Some(written.as_str()),
            Piece::Text(_) => None,
        })
    }

    pub fn fill(&self, seen: &Observation) -> Result<String, String> {
        let mut text = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => text.push_str(t),
                Piece::Fact(_, fact) => text.push_str(&fact.read(seen)?),
            }
        }
        Ok(text)
    }
}

/// Facts compared with values, all of which must hold: `S3.role = leader`,
/// `count(up = true) >= 3 and leader != S1`.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// Each clause's fact as written, the fact, the operator and the value (which may
    /// name other facts: `S3.log = {leader.log}`).
    clauses: Vec<(String, Fact, Op, Template)>,
    text: String,
}

impl Condition {
    pub fn parse(text: &str) -> Result<Condition, String> {
        let mut clauses = Vec::new();
        for clause in text.split(" and ") {
            let (left, op, value) = split_condition(clause)?;
            clauses.push((left.to_string(), Fact::parse(left)?, op, Template::parse(value)?));
        }
        Ok(Condition { clauses, text: text.trim().to_string() })
    }

    pub fn holds(&self, seen: &Observation) -> Result<bool, String> {
        for (_, fact, op, value) in &self.clauses {
            if !op.holds(&fact.read(seen)?, &value.fill(seen)?)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// What this condition's facts read in `seen` (`leader is S4`), to tell an author what
    /// the run did when no choice matched.
    pub fn readings(&self, seen: &Observation) -> Vec<String> {
        let read = |(text, fact, _, _): &(String, Fact, Op, Template)| {
            fact.read(seen).map(|value| format!("{text} is {value}")).unwrap_or_default()
        };
        self.clauses.iter().map(read).collect()
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Splits `fact op value` at its operator, which stands between spaces and outside
/// parentheses: `count(role = leader) >= 3` splits at `>=`.
fn split_condition(text: &str) -> Result<(&str, Op, &str), String> {
    let mut depth = 0i32;
    let mut word_start = None;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b' ' | b'\t' => {
                if let Some(start) = word_start.take() {
                    let word = &text[start..i];
                    if depth == 0 {
                        if let Some((_, op)) = Op::ALL.iter().find(|(s, _)| *s == word) {
                            return Ok((text[..start].trim(), *op, text[i..].trim()));
                        }
                    }
                }
            }
            _ => {
                if word_start.is_none() {
                    word_start = Some(i);
                }
            }
        }
    }
    let ops: Vec<&str> = Op::ALL.iter().map(|(s, _)| *s).collect();
    Err(format!(
        "`{}` is not a condition: write a fact, an operator ({}) with spaces around it, and a value, e.g. `S3.role = leader`",
        text.trim(),
        ops.join(" ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// S1 leads term 2 with a log of two entries; S2 follows; S3 is down.
    fn seen() -> Observation {
        let entry = |c: &str| json!({ "term": 2, "command": c });
        Observation {
            views: vec![
                Some(
                    json!({ "role": "leader", "term": 2, "log": [entry("x=1"), entry("y=2")], "kv": { "x": "1" } }),
                ),
                Some(json!({ "role": "follower", "term": 2, "log": [entry("x=1")], "kv": {} })),
                None,
            ],
            leader: Some(NodeId(0)),
            broken: vec![],
            now: 0,
        }
    }

    fn holds(text: &str) -> Result<bool, String> {
        Condition::parse(text)?.holds(&seen())
    }

    #[test]
    fn facts_read_views_leaders_and_counts() {
        assert_eq!(holds("leader = S1"), Ok(true));
        assert_eq!(holds("leader.log.len = 2"), Ok(true));
        assert_eq!(holds("S2.log.0.command = x=1"), Ok(true));
        assert_eq!(holds("S1.kv.x = 1 and S2.kv.x = none"), Ok(true));
        assert_eq!(holds("count(role = follower) >= 1 and broken = none"), Ok(true));
        assert_eq!(holds("servers(log contains x=1) = S1, S2"), Ok(true));
        assert_eq!(holds("S2.log.len < {leader.log.len}"), Ok(true));
        assert_eq!(holds("S2.log lacks y=2"), Ok(true));
    }

    #[test]
    fn a_down_server_answers_only_whether_it_is_up() {
        assert_eq!(holds("count(up = false) = 1"), Ok(true));
        assert_eq!(holds("S3.up = false and S3.role = down"), Ok(true));
        assert_eq!(holds("S3.term >= 1"), Ok(false));
        assert_eq!(holds("S3.term < 1"), Ok(false));
        // The down server is neither counted as lacking an entry nor as every server.
        assert_eq!(holds("count(log lacks y=2) = 1"), Ok(true));
        assert_eq!(holds("every(term = 2) = true"), Ok(true));
    }

    #[test]
    fn a_template_fills_its_holes_and_names_them() {
        let template = Template::parse("{leader} leads term { leader.term }.").unwrap();
        assert_eq!(template.fill(&seen()), Ok("S1 leads term 2.".to_string()));
        assert_eq!(template.holes().collect::<Vec<_>>(), ["leader", "leader.term"]);
    }

    #[test]
    fn mistakes_say_what_is_there() {
        let missing = holds("S1.rol = leader").unwrap_err();
        assert!(missing.contains("has no `rol`; it has kv, log, role, term"), "{missing}");
        assert!(holds("S1.role == leader").unwrap_err().contains("is not a condition"));
        assert!(holds("S9.role = leader").unwrap_err().contains("S9 does not exist"));
        assert!(holds("S1.role > 2").unwrap_err().contains("compares numbers"));
        assert!(Fact::parse("count(role = leader").unwrap_err().contains("close `count(`"));
    }
}
