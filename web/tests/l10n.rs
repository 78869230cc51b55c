//! The page's message files (web/page/l10n/*.ftl) against each other and against the views
//! that ask for them: a language that lacks a message, has one English does not, or drops a
//! variable fails here, and so does an id the views use that English lacks, or an English
//! message no view uses.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// The source every other language translates.
const SOURCE: &str = "en";

fn l10n_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("page/l10n")
}

/// Every file's messages: "id" and "id.attribute" → the variables its text uses.
fn messages(language: &str) -> BTreeMap<String, BTreeSet<String>> {
    let path = l10n_dir().join(format!("{language}.ftl"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let resource = fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(_, errors)| {
        panic!("{language}.ftl does not parse: {errors:?}");
    });
    let mut found = BTreeMap::new();
    for entry in resource.body {
        match entry {
            Entry::Message(message) => {
                let id = message.id.name;
                if let Some(value) = &message.value {
                    found.insert(id.to_string(), variables(value));
                }
                for attribute in &message.attributes {
                    found
                        .insert(format!("{id}.{}", attribute.id.name), variables(&attribute.value));
                }
            }
            Entry::Junk { content } => panic!("{language}.ftl has text it cannot read: {content}"),
            _ => {}
        }
    }
    found
}

fn variables(pattern: &Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            in_expression(expression, &mut found);
        }
    }
    found
}

fn in_expression(expression: &Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            in_inline(selector, found);
            for variant in variants {
                found.extend(variables(&variant.value));
            }
        }
        Expression::Inline(inline) => in_inline(inline, found),
    }
}

fn in_inline(inline: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => in_expression(expression, found),
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                in_inline(argument, found);
            }
        }
        _ => {}
    }
}

fn languages() -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(l10n_dir())
        .expect("web/page/l10n")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".ftl").map(str::to_string)
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let source = messages(SOURCE);
    assert!(source.len() > 50, "en.ftl has only {} messages", source.len());
    let others: Vec<String> = languages().into_iter().filter(|l| l != SOURCE).collect();
    assert!(others.contains(&"zh".to_string()), "no zh.ftl among {others:?}");
    let mut wrong = Vec::new();
    for language in &others {
        let translated = messages(language);
        for (id, wanted) in &source {
            match translated.get(id) {
                None => wrong.push(format!("{language}.ftl lacks `{id}`")),
                Some(used) if used != wanted => wrong.push(format!(
                    "{language}.ftl's `{id}` uses the variables {used:?}, English {wanted:?}"
                )),
                Some(_) => {}
            }
        }
        for id in translated.keys().filter(|id| !source.contains_key(*id)) {
            wrong.push(format!("{language}.ftl has `{id}`, which en.ftl does not"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The ids the views ask for: the first argument of every `text(…)` and `text_with(…)`.
fn asked_for(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for call in ["text(\"", "text_with(\""] {
        let mut rest = source;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            // `context_text("…")` and the like are not ours.
            let before = source.len() - rest.len() - call.len();
            let joined = source[..before]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            if let Some(end) = rest.find('"') {
                if !joined {
                    found.push(rest[..end].to_string());
                }
            }
        }
    }
    found
}

fn rust_sources(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("readable source");
            found.push((path, text));
        }
    }
}

#[test]
fn the_views_ask_only_for_messages_english_has_and_use_all_of_them() {
    let source = messages(SOURCE);
    let mut files = Vec::new();
    rust_sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut wrong = Vec::new();
    for (path, text) in &files {
        for id in asked_for(text) {
            if !source.contains_key(&id) {
                wrong.push(format!("{} asks for `{id}`, which en.ftl lacks", path.display()));
            }
        }
    }
    // Tables of ids (the side panel's tabs, the help's shortcuts) name them as plain strings;
    // the properties' words are asked for by name (`l10n::property`).
    let all: String = files.iter().map(|(_, text)| text.as_str()).collect();
    let by_name: Vec<String> = property_names()
        .iter()
        .flat_map(|name| name.split(": "))
        .map(clusterscope_web::property_id)
        .collect();
    for id in source.keys().filter(|id| !by_name.contains(id)) {
        if !all.contains(&format!("\"{id}\"")) {
            wrong.push(format!("en.ftl's `{id}` is used by no view"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every property the protocol cores check, as the invariants row names them.
fn property_names() -> Vec<&'static str> {
    use clusterscope_core::protocols::{gossip, leases, multipaxos, paxos, raft, tasks};
    use clusterscope_core::sim::Invariants;
    let mut names: Vec<&'static str> = raft::WITH_HISTORY.to_vec();
    names.extend(multipaxos::WITH_HISTORY);
    names.extend(<paxos::PaxosInvariants as Invariants<paxos::PaxosNode>>::properties());
    names.extend(<gossip::GossipInvariants as Invariants<gossip::GossipNode>>::properties());
    names.extend(<leases::LeaseInvariants as Invariants<leases::LeaseNode>>::properties());
    names.extend(<tasks::twin::TwinInvariants as Invariants<tasks::twin::TwinNode>>::properties());
    names
}

#[test]
fn every_safety_property_has_its_words() {
    let source = messages(SOURCE);
    let mut wrong = Vec::new();
    for name in property_names() {
        for part in name.split(": ") {
            let id = clusterscope_web::property_id(part);
            if !source.contains_key(&id) {
                wrong.push(format!("en.ftl lacks `{id}` (for the property \"{name}\")"));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
