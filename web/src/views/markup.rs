//! Charts drawn as SVG markup rather than `html!`: a chart of a few hundred static
//! elements costs the page several KiB of code through `html!`, a fraction of that as text.
//! What goes into the markup is numbers, server names and fixed words, and what a person
//! typed goes through [`escaped`].
// Only the Tasks and Raft labs write charts as markup (in the bundles that carry them).
#![cfg_attr(not(any(feature = "tasks", feature = "raft")), allow(dead_code))]

use std::borrow::Cow;

/// `text` safe inside markup, as an element's text or a quoted attribute.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => safe.push_str("&amp;"),
            '<' => safe.push_str("&lt;"),
            '>' => safe.push_str("&gt;"),
            '"' => safe.push_str("&quot;"),
            '\'' => safe.push_str("&#39;"),
            c => safe.push(c),
        }
    }
    Cow::Owned(safe)
}

#[cfg(test)]
mod tests {
    use super::escaped;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn typed_text_cannot_become_markup() {
        assert_eq!(escaped("job-7"), "job-7");
        assert_eq!(escaped(r#"<b x="1">&'"#), "&lt;b x=&quot;1&quot;&gt;&amp;&#39;");
    }
}
