//! A line of narration as data: its English with `{name}` holes, and the value for each hole.
//! `Display` fills in the English (what the CLI and the tests read); the page first looks the
//! English up in the reader's language (`web/src/views/l10n.rs`, by a fingerprint of it), where
//! the same holes are Fluent variables. Write one with [`said!`](crate::said).

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    english: &'static str,
    pub args: Vec<(&'static str, Value)>,
    /// Shown as written in every language: a scenario's own narration, a checker's detail.
    pub untranslated: bool,
}

/// What fills a hole: a value (a server, a number, a command), a phrase that is a line of
/// its own (the reason in "S2 refuses to add S4: {why}"), or a list of phrases (in English
/// joined by ", ").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Plain(String),
    Said(Line),
    List(Vec<Line>),
}

impl From<Line> for Value {
    fn from(line: Line) -> Value {
        Value::Said(line)
    }
}

impl From<Vec<Line>> for Value {
    fn from(lines: Vec<Line>) -> Value {
        Value::List(lines)
    }
}

/// A value as [`said!`](crate::said) hands it over: shown with `Display`, or a phrase.
pub enum Arg<'a> {
    Shown(&'a dyn fmt::Display),
    Said(&'a Value),
}

impl Line {
    /// What [`said!`](crate::said) writes: one call that takes its values by reference,
    /// which keeps each of the two hundred call sites small in the page's bundle.
    pub fn build(english: &'static str, args: &[(&'static str, Arg)]) -> Line {
        let args = args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Shown(shown) => Value::Plain(shown.to_string()),
                    Arg::Said(value) => (*value).clone(),
                };
                (*name, value)
            })
            .collect();
        Line { english, args, untranslated: false }
    }

    /// Text with no translation: shown as it is in every language.
    pub fn text(text: impl Into<String>) -> Line {
        let args = vec![("text", Value::Plain(text.into()))];
        Line { english: "{text}", args, untranslated: true }
    }

    /// The English with its holes, as written: what other languages translate.
    pub fn english(&self) -> &'static str {
        self.english
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.english;
        while let Some((before, after)) = rest.split_once('{') {
            let Some((name, after)) = after.split_once('}') else { break };
            f.write_str(before)?;
            match self.args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => write!(f, "{value}")?,
                None => write!(f, "{{{name}}}")?,
            }
            rest = after;
        }
        f.write_str(rest)
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Plain(text) => f.write_str(text),
            Value::Said(line) => line.fmt(f),
            Value::List(lines) => {
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    line.fmt(f)?;
                }
                Ok(())
            }
        }
    }
}

/// A [`Line`]: `said!("{node} commits up to index {index}", node, index = i)`. Each hole in
/// the English is named after a value that follows: a variable by its name, `name =
/// expression` (anything `Display`), or `name => line` for a phrase that is a [`Line`] itself
/// (or a `Vec` of them, a list). `web/tests/l10n.rs` checks that holes and values agree, and
/// that every language translates the English with the same holes.
#[macro_export]
macro_rules! said {
    ($english:literal $(, $name:ident $(= $value:expr)? $(=> $line:expr)?)* $(,)?) => {
        $crate::sim::Line::build(
            $english,
            &[$((stringify!($name), $crate::said!(@arg $name $(= $value)? $(=> $line)?))),*],
        )
    };
    (@arg $name:ident = $value:expr) => { $crate::sim::Arg::Shown(&$value) };
    (@arg $name:ident => $line:expr) => { $crate::sim::Arg::Said(&$crate::sim::Value::from($line)) };
    (@arg $name:ident) => { $crate::sim::Arg::Shown(&$name) };
}

#[cfg(test)]
mod tests {
    use super::Line;

    #[test]
    fn a_line_fills_its_english() {
        let (node, index) = ("S1", 4);
        let line = crate::said!("{node} commits up to index {index}", node, index);
        assert_eq!(line.to_string(), "S1 commits up to index 4");
        assert_eq!(line.english(), "{node} commits up to index {index}");
        let why = crate::said!("{node} is not a member", node = "S4");
        let from = "S2";
        let line = crate::said!("{node} got {n} from {from}: {why}", node, n = index + 1, from, why => why);
        assert_eq!(line.to_string(), "S1 got 5 from S2: S4 is not a member");
        assert_eq!(Line::text("as {it} is").to_string(), "as {it} is");
    }
}
