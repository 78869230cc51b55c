//! Where in a scenario file a value sits, so that every error names the file, the line and
//! the field. Protocols' sections use it too (`protocols/*/section.rs`).

use std::fmt;
use std::ops::Range;

use toml::Spanned;

use crate::sim::{parse_time, Time};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {field}{message}")]
pub struct ScenarioError {
    pub file: String,
    pub line: usize,
    /// The field at fault followed by ": ", or empty when the problem is not one field's.
    pub field: String,
    pub message: String,
}

/// Turns byte offsets into line numbers for error messages.
pub struct Source<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl Source<'_> {
    pub fn error(
        &self,
        span: Range<usize>,
        field: &str,
        message: impl fmt::Display,
    ) -> ScenarioError {
        let line = self.text[..span.start.min(self.text.len())].matches('\n').count() + 1;
        let field = if field.is_empty() { String::new() } else { format!("`{field}`: ") };
        ScenarioError { file: self.file.to_string(), line, field, message: message.to_string() }
    }

    pub fn at<T>(
        &self,
        value: &Spanned<T>,
        field: &str,
        message: impl fmt::Display,
    ) -> ScenarioError {
        self.error(value.span(), field, message)
    }

    pub fn time(&self, value: &Spanned<String>, field: &str) -> Result<Time, ScenarioError> {
        parse_time(value.get_ref()).map_err(|e| self.at(value, field, e))
    }

    pub fn range(
        &self,
        value: &Spanned<Vec<String>>,
        field: &str,
    ) -> Result<(Time, Time), ScenarioError> {
        match value.get_ref().as_slice() {
            [min, max] => {
                let min = parse_time(min).map_err(|e| self.at(value, field, e))?;
                let max = parse_time(max).map_err(|e| self.at(value, field, e))?;
                if min > max {
                    return Err(self.at(value, field, "the range is reversed (min > max)"));
                }
                Ok((min, max))
            }
            _ => Err(self.at(
                value,
                field,
                "write a range as [\"min\", \"max\"], e.g. [\"5ms\", \"15ms\"]",
            )),
        }
    }

    pub fn probability(&self, value: &Spanned<f64>, field: &str) -> Result<f64, ScenarioError> {
        let p = *value.get_ref();
        crate::sim::validate_probability(field, p).map_err(|e| self.at(value, field, e))?;
        Ok(p)
    }
}
