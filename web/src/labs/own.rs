//! The settings a lab adds to the shared ones (servers, seed, latency, client, bugs), as
//! data: each lab lists its [`Param`]s once, and the settings form, links and validation are
//! written once for all of them. A new lab's settings need no change outside its folder.

use clusterscope_core::sim::{format_time, parse_decimal, parse_time, Time};

use crate::tr;
use crate::views::l10n::tr;
use clusterscope_core::sim::action_code::clip;

/// One setting of a lab.
#[derive(Debug, PartialEq)]
pub struct Param {
    /// Its name in links (`heartbeat=50ms`); unique among the lab's and the shared keys.
    pub key: &'static str,
    /// Its name in the form and in error messages.
    pub label: &'static str,
    /// What the form shows after it: a unit or a hint.
    pub note: &'static str,
    pub kind: Kind,
}

/// What a setting holds, which decides how the form shows it and how a link writes it.
#[derive(Debug, PartialEq)]
pub enum Kind {
    /// A whole number.
    Count,
    /// A decimal number (the Tasks lab's α); the lab checks its range.
    Number,
    /// A whole number, or empty for "all" (the note says what empty means).
    OptionalCount,
    /// A duration, written with its unit in links and in milliseconds in the form.
    Time,
    /// A min..max pair of durations.
    Range,
    /// On or off.
    Flag,
    /// One of a list: (key in links, name in the form).
    Choice(&'static [(&'static str, &'static str)]),
}

/// A setting's value. The variant matches the [`Kind`]: `Count` for both counts (`Empty`
/// for an optional one left empty), `Choice` holds one of the choices' keys.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Count(u64),
    Number(f64),
    Empty,
    Time(Time),
    Range(Time, Time),
    Flag(bool),
    Choice(&'static str),
}

/// A lab's own settings and their values, in the lab's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Own {
    params: &'static [Param],
    values: Vec<Value>,
}

impl Own {
    /// `values` in the order of `params`, one each.
    pub fn new(params: &'static [Param], values: Vec<Value>) -> Own {
        debug_assert_eq!(params.len(), values.len(), "one value for each setting");
        Own { params, values }
    }

    pub fn params(&self) -> &'static [Param] {
        self.params
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static Param, Value)> + '_ {
        self.params.iter().zip(self.values.iter().copied())
    }

    pub fn param(&self, key: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.key == key)
    }

    /// The value of `key`. A lab reads only keys it declared, so a missing one is a bug in
    /// that lab, which its tests meet at once.
    pub fn get(&self, key: &str) -> Value {
        let at = self.params.iter().position(|p| p.key == key);
        at.map_or(Value::Empty, |at| self.values[at])
    }

    pub fn set(&mut self, key: &str, value: Value) {
        if let Some(at) = self.params.iter().position(|p| p.key == key) {
            self.values[at] = value;
        }
    }

    pub fn count(&self, key: &str) -> u64 {
        match self.get(key) {
            Value::Count(n) => n,
            _ => 0,
        }
    }

    /// A count as a size, saturating (a huge one is refused by the lab's check).
    pub fn size(&self, key: &str) -> usize {
        usize::try_from(self.count(key)).unwrap_or(usize::MAX)
    }

    pub fn optional_size(&self, key: &str) -> Option<usize> {
        match self.get(key) {
            Value::Count(n) => Some(usize::try_from(n).unwrap_or(usize::MAX)),
            _ => None,
        }
    }

    pub fn time(&self, key: &str) -> Time {
        match self.get(key) {
            Value::Time(t) => t,
            _ => 0,
        }
    }

    pub fn range(&self, key: &str) -> (Time, Time) {
        match self.get(key) {
            Value::Range(min, max) => (min, max),
            _ => (0, 0),
        }
    }

    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Value::Flag(true))
    }

    pub fn number(&self, key: &str) -> f64 {
        match self.get(key) {
            Value::Number(x) => x,
            _ => f64::NAN,
        }
    }

    pub fn choice(&self, key: &str) -> &'static str {
        match self.get(key) {
            Value::Choice(c) => c,
            _ => "",
        }
    }
}

impl Param {
    /// The value as a link writes it (`None`: left out, as an empty optional count is).
    pub fn to_link(&self, value: Value) -> Option<String> {
        Some(match value {
            Value::Count(n) => n.to_string(),
            Value::Number(x) => x.to_string(),
            Value::Empty => return None,
            Value::Time(t) => format_time(t),
            Value::Range(min, max) => format!("{}..{}", format_time(min), format_time(max)),
            Value::Flag(on) => (if on { "1" } else { "0" }).into(),
            Value::Choice(key) => key.into(),
        })
    }

    /// Reads a link's value for this setting; a flag that is neither on nor off is taken as
    /// off, with a note.
    pub fn read_link(&self, text: &str, notes: &mut Vec<String>) -> Result<Value, String> {
        let key = self.key;
        Ok(match self.kind {
            Kind::Count => Value::Count(link_number(key, text)?),
            Kind::Number => Value::Number(decimal(key, text)?),
            Kind::OptionalCount if text.is_empty() => Value::Empty,
            Kind::OptionalCount => Value::Count(link_number(key, text)?),
            Kind::Time => Value::Time(link_time(key, text)?),
            Kind::Range => {
                let (min, max) = link_range(key, text)?;
                Value::Range(min, max)
            }
            Kind::Flag => Value::Flag(link_flag(key, text, notes)),
            Kind::Choice(choices) => Value::Choice(self.choose(choices, text)?),
        })
    }

    /// The choice whose key is `text`, or a message listing them.
    pub fn choose(
        &self,
        choices: &'static [(&'static str, &'static str)],
        text: &str,
    ) -> Result<&'static str, String> {
        choices.iter().find(|(key, _)| *key == text).map(|(key, _)| *key).ok_or_else(|| {
            let known: Vec<&str> = choices.iter().map(|(key, _)| *key).collect();
            let (key, value, known) = (self.key, clip(text), known.join(", "));
            tr!("{key}: `{value}` is not one of {known}", key, value, known)
        })
    }
}

/// `1`, `true` or nothing is on; `0` or `false` off; anything else is off, with a note.
pub fn link_flag(key: &str, value: &str, notes: &mut Vec<String>) -> bool {
    match value {
        "1" | "true" | "" => true,
        "0" | "false" => false,
        other => {
            notes.push(tr!(
                "`{key}` is 1 or 0, not `{value}`; took it as 0",
                key,
                value = clip(other)
            ));
            false
        }
    }
}

pub fn link_number<T: std::str::FromStr>(key: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| tr!("{key} must be a whole number, not `{value}`", key, value = clip(value)))
}

/// A finite decimal number (not NaN or infinity, which parse as numbers).
pub fn decimal(name: &str, value: &str) -> Result<f64, String> {
    parse_decimal(value).ok_or_else(|| {
        tr!("{name} must be a number, not `{value}`", name = tr(name), value = clip(value))
    })
}

pub fn link_time(key: &str, value: &str) -> Result<Time, String> {
    parse_time(value).map_err(|e| format!("{key}: {}", clip(&e)))
}

pub fn link_range(key: &str, value: &str) -> Result<(Time, Time), String> {
    let (min, max) = value.split_once("..").ok_or_else(|| {
        tr!("{key} must be a range like 150ms..300ms, not `{value}`", key, value = clip(value))
    })?;
    Ok((link_time(key, min)?, link_time(key, max)?))
}
