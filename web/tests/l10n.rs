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

/// Every text of a Fluent file: "id" for a message's value and "id.attribute" for each
/// attribute, with the variables it uses, the part it is ("value" or the attribute's name)
/// and the lines of the comment above its message.
struct Text {
    id: String,
    part: String,
    variables: BTreeSet<String>,
    comment: Vec<String>,
}

fn texts_of(path: &Path) -> Vec<Text> {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{path:?} does not parse: {errors:?}"));
    let mut found = Vec::new();
    for entry in resource.body {
        match entry {
            Entry::Message(message) => {
                let id = message.id.name;
                let comment: Vec<String> = message
                    .comment
                    .iter()
                    .flat_map(|c| c.content.iter().map(|line| line.to_string()))
                    .collect();
                let parts = message.value.iter().map(|value| ("value", id.to_string(), value));
                let attributes = message.attributes.iter().map(|attribute| {
                    let part = attribute.id.name;
                    (part, format!("{id}.{part}"), &attribute.value)
                });
                for (part, id, pattern) in parts.chain(attributes) {
                    let (part, variables) = (part.to_string(), variables(pattern));
                    found.push(Text { id, part, variables, comment: comment.clone() });
                }
            }
            Entry::Junk { content } => panic!("{path:?} has text it cannot read: {content}"),
            _ => {}
        }
    }
    found
}

/// Every language's messages: "id" and "id.attribute" → the variables its text uses. They
/// are the page's file and the Check tab's, which index.html's loader reads as one for a lab
/// with the tab.
fn messages(language: &str) -> BTreeMap<String, BTreeSet<String>> {
    let files = [format!("{language}.ftl"), format!("{language}/check.ftl")];
    let texts = files.iter().flat_map(|name| texts_of(&l10n_dir().join(name)));
    let mut found = BTreeMap::new();
    for text in texts {
        let id = text.id.clone();
        assert!(found.insert(text.id, text.variables).is_none(), "{language}: `{id}` twice");
    }
    found
}

#[test]
fn the_check_tabs_words_are_apart_and_loaded_for_the_labs_with_the_tab() {
    // Only the Check tab asks for `check…` messages, and only its labs load their file.
    for language in languages() {
        let page = std::fs::read_to_string(l10n_dir().join(format!("{language}.ftl")))
            .expect("the page's words");
        assert!(!page.lines().any(|l| l.starts_with("check")), "{language}.ftl has Check words");
    }
    let loader = std::fs::read_to_string(l10n_dir().join("../index.html")).expect("index.html");
    let build = std::fs::read_to_string(l10n_dir().join("../../build.rs")).expect("build.rs");
    let in_loader = "const CHECK_LABS = ['raft', 'paxos', 'multipaxos'];";
    let in_build = r#"if ["raft", "paxos", "multipaxos"].into_iter().any(on) {
        println!("cargo::rustc-cfg=checks");"#;
    assert!(loader.contains(in_loader), "the loader loads the Check words for {in_loader}");
    assert!(build.contains(in_build), "and web/build.rs gives the same labs the Check tab");
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

/// A shipped scenario's or lesson's shown texts as the page asks for them: (id, English).
fn narration_texts() -> BTreeMap<&'static str, Vec<(String, String)>> {
    use clusterscope_core::lesson::Lesson;
    use clusterscope_core::scenario::Scenario;
    use clusterscope_web::{has_words, lesson_id, scenario_line_id, LessonPart};

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |path: &Path| std::fs::read_to_string(path).expect("a readable file");
    let mut by_lab: BTreeMap<&'static str, Vec<(String, String)>> = BTreeMap::new();
    let mut scenarios = Vec::new();
    files_with_extension(&root.join("scenarios"), "toml", &mut scenarios);
    for path in &scenarios {
        let scenario = Scenario::parse(&read(path), &path.display().to_string()).expect("parses");
        let lines = scenario.events.iter().filter_map(|event| event.say.as_deref());
        let texts =
            lines.enumerate().map(|(i, line)| (scenario_line_id(&scenario.name, i + 1), line));
        by_lab
            .entry(scenario.protocol.key())
            .or_default()
            .extend(texts.map(|(id, line)| (id, line.to_string())));
    }
    let mut lessons = Vec::new();
    files_with_extension(&root.join("lessons"), "toml", &mut lessons);
    let resolve = |name: &str| {
        let path = root.join("scenarios").join(format!("{name}.toml"));
        Scenario::parse(&read(&path), &path.display().to_string()).map(Some)
    };
    for path in &lessons {
        let lesson = Lesson::parse(&read(path), &path.display().to_string(), &resolve)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut texts = vec![(LessonPart::Title, 0, lesson.title.clone())];
        for (i, step) in lesson.steps.iter().enumerate() {
            texts.push((LessonPart::Say, i, step.say.clone()));
            if let Some(p) = &step.predict {
                texts.push((LessonPart::Ask, i, p.ask.clone()));
                for (k, choice) in p.choices.iter().enumerate() {
                    texts.push((LessonPart::Choice(k), i, choice.text.clone()));
                }
                texts.push((LessonPart::Reveal, i, p.reveal.text().to_string()));
            }
            if let Some(g) = &step.goal {
                texts.push((LessonPart::Task, i, g.task.clone()));
                texts.extend(g.hint.clone().map(|hint| (LessonPart::Hint, i, hint)));
            }
        }
        let ids = texts.into_iter().map(|(part, i, text)| (lesson_id(&lesson.name, i, part), text));
        by_lab.entry(lesson.protocol.key()).or_default().extend(ids);
    }
    for texts in by_lab.values_mut() {
        texts.retain(|(_, text)| has_words(text));
    }
    by_lab
}

fn files_with_extension(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder").flatten() {
        if entry.path().extension().is_some_and(|e| e == extension) {
            found.push(entry.path());
        }
    }
    found.sort();
}

/// The fingerprint of the English a translation was made from, as its comment writes it.
fn fingerprint(text: &str) -> String {
    format!("{:08x}", clusterscope_web::fingerprint(text))
}

/// A narration file's texts: id → (the variables it uses, the fingerprint of the English it
/// translates, from the comment above its message: `# step-2-ask 1f0a33c2`, and
/// `# value 1f0a33c2` for the message's own value).
fn narration_file(path: &Path) -> BTreeMap<String, (BTreeSet<String>, Option<String>)> {
    let texts = texts_of(path).into_iter().map(|text| {
        let stamp = text.comment.iter().find_map(|line| {
            let (part, stamp) = line.split_once(' ')?;
            (part == text.part).then(|| stamp.to_string())
        });
        (text.id, (text.variables, stamp))
    });
    texts.collect()
}

/// One text a narration file translates: its id, its English now, and the variables a
/// translation must use.
struct Wanted {
    id: String,
    english: String,
    holes: BTreeSet<String>,
}

/// `wanted` against the narration file `name` (`zh/raft.ftl`): each text translated, from the
/// English as it is now, with its variables; nothing else in the file.
fn compare(name: &str, wanted: &[Wanted], wrong: &mut Vec<String>) {
    let path = l10n_dir().join(name);
    if !path.exists() {
        wrong.push(format!("{name} is missing: it translates {} texts", wanted.len()));
        return;
    }
    let mut translated = narration_file(&path);
    for Wanted { id, english, holes } in wanted {
        let Some((used, stamp)) = translated.remove(id) else {
            wrong.push(format!("{name} lacks `{id}`: \"{english}\""));
            continue;
        };
        if &used != holes {
            wrong.push(format!("{name}'s `{id}` uses the variables {used:?}; it needs {holes:?}"));
        }
        let (message, part) = id.split_once('.').unwrap_or((id, "value"));
        let now = fingerprint(english);
        if stamp.as_deref() != Some(now.as_str()) {
            wrong.push(format!(
                "{name}'s `{id}` translates English that has since changed, or has no stamp. \
                 The English now: \"{english}\". Translate it, then write `# {part} {now}` in \
                 the comment above `{message}`."
            ));
        }
    }
    for id in translated.keys() {
        wrong.push(format!("{name} has `{id}`, which nothing shows"));
    }
}

/// Every shipped scenario's and lesson's shown text is in every other language's narration
/// file for its lab, translated from the English the TOML says now, with the reveal's holes
/// as variables; and those files say nothing else.
#[test]
fn every_language_narrates_every_scenario_and_lesson() {
    let by_lab = narration_texts();
    assert!(by_lab.values().map(Vec::len).sum::<usize>() > 300, "too few narrated texts found");
    let mut wrong = Vec::new();
    for language in languages().into_iter().filter(|l| l != SOURCE) {
        for (lab, texts) in &by_lab {
            let wanted: Vec<Wanted> = texts
                .iter()
                .map(|(id, english)| Wanted {
                    id: id.clone(),
                    english: english.clone(),
                    holes: match id.ends_with("-reveal") {
                        true => clusterscope_core::lesson::Template::parse(english)
                            .expect("a shipped reveal parses")
                            .holes()
                            .map(clusterscope_web::hole_variable)
                            .collect(),
                        false => BTreeSet::new(),
                    },
                })
                .collect();
            compare(&format!("{language}/{lab}.ftl"), &wanted, &mut wrong);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every English the Rust source writes for the page to translate, with where it is and the
/// names of the values it is given: the event lines (`said!`, in the cores and the labs), the
/// views' words (`en!`, `tr!`, in web/src; the macros' own files excepted, which define them
/// with made-up lines), and the protocols' names, bug descriptions and model-checking goals,
/// which the page shows.
fn english_in_sources() -> Vec<(String, String, BTreeSet<String>)> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut core = Vec::new();
    rust_sources(&here.join("../core/src"), &mut core);
    let mut web = Vec::new();
    rust_sources(&here.join("src"), &mut web);
    let macros_own =
        |path: &Path| path.ends_with("sim/narration.rs") || path.ends_with("views/l10n.rs");
    let mut found = Vec::new();
    for (files, marks) in [(&core, &["said!("][..]), (&web, &["said!(", "en!(", "tr!("][..])] {
        for (path, text) in files.iter().filter(|(path, _)| !macros_own(path)) {
            let at = path.display().to_string();
            for mark in marks {
                // A mark after a letter is another macro's name ending the same way.
                let marks = text.match_indices(mark).filter(|(start, _)| {
                    !text[..*start].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                });
                for (start, _) in marks {
                    let rest = &text[start + mark.len()..];
                    let (english, after) = string_literal(rest)
                        .unwrap_or_else(|| panic!("{at}: {mark} takes a string literal"));
                    let names = match *mark {
                        "en!(" => BTreeSet::new(),
                        _ => top_level_items(after.trim_start().strip_prefix(',').unwrap_or(")"))
                            .into_iter()
                            .map(|item| {
                                item.chars()
                                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                                    .collect()
                            })
                            .filter(|name: &String| !name.is_empty())
                            .collect(),
                    };
                    found.push((at.clone(), english, names));
                }
            }
        }
    }
    use clusterscope_core::model::Checkable;
    use clusterscope_core::protocols::{
        multipaxos::MultiPaxosNode, paxos::PaxosNode, raft::RaftNode,
    };
    let goals = [
        RaftNode::GOALS.iter().map(|g| g.name).collect::<Vec<_>>(),
        PaxosNode::GOALS.iter().map(|g| g.name).collect(),
        MultiPaxosNode::GOALS.iter().map(|g| g.name).collect(),
    ];
    for goal in goals.into_iter().flatten() {
        found.push(("the model checker's goals".into(), goal.to_string(), BTreeSet::new()));
    }
    for protocol in clusterscope_core::scenario::Protocol::ALL {
        found.push(("the protocols' names".into(), protocol.name().to_string(), BTreeSet::new()));
        for what in protocol.bug_descriptions() {
            let at = format!("{protocol:?}'s bug descriptions");
            found.push((at, what.to_string(), BTreeSet::new()));
        }
    }
    found
}

/// The string literal at the start of `text` (after spaces), read as Rust reads it, and the
/// text after it.
fn string_literal(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start().strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, &text[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => value.push('\n'),
                '\n' => {
                    // A line continuation: the newline and the next line's indent go.
                    let skip = text[i + 2..].len() - text[i + 2..].trim_start().len();
                    for _ in 0..skip {
                        chars.next();
                    }
                }
                other => value.push(other),
            },
            c => value.push(c),
        }
    }
    None
}

/// The comma-separated items up to the `)` that closes the call, commas inside brackets or
/// strings not counted.
fn top_level_items(text: &str) -> Vec<&str> {
    let (mut depth, mut start, mut quoted) = (0, 0, false);
    let mut items = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '(' | '[' | '{' => depth += 1,
            ')' if depth == 0 => {
                items.push(text[start..i].trim());
                break;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items
}

/// The holes of a `said!` English: `{node} commits up to index {index}` → node, index.
fn holes_of(english: &str) -> BTreeSet<String> {
    english
        .split('{')
        .skip(1)
        .filter_map(|part| Some(part.split_once('}')?.0.to_string()))
        .collect()
}

/// The English the source writes for translation: each names a value for every hole and no
/// other, and is in every other language's `common.ftl` under `en-` and the fingerprint of
/// its English, with the same variables and the English in the comment above; the file holds
/// nothing else.
#[test]
fn every_language_has_every_event_line_and_view_word() {
    let english = english_in_sources();
    let said = english.iter().filter(|(at, _, _)| at.contains("core/src")).count();
    assert!(said > 100, "only {said} said! lines in core/src");
    assert!(english.len() > 500, "only {} texts to translate in the source", english.len());
    let mut wrong = Vec::new();
    let mut wanted: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    for (at, text, names) in english {
        let holes = holes_of(&text);
        if holes != names {
            wrong
                .push(format!("{at}: \"{text}\" has the holes {holes:?} but the values {names:?}"));
        }
        wanted.insert(clusterscope_web::tr_id(&text), (text, holes));
    }
    for language in languages().into_iter().filter(|l| l != SOURCE) {
        let name = format!("{language}/common.ftl");
        let path = l10n_dir().join(&name);
        let mut translated: BTreeMap<String, (String, BTreeSet<String>)> = texts_of(&path)
            .into_iter()
            .map(|text| (text.id, (text.comment.join("\n"), text.variables)))
            .collect();
        for (id, (text, holes)) in &wanted {
            match translated.remove(id) {
                None => {
                    wrong.push(format!("{name} lacks \"{text}\": write `# {text}` and `{id} = …`"))
                }
                Some((comment, used)) => {
                    if &comment != text {
                        wrong.push(format!("{name}'s `{id}` should say `# {text}` above it"));
                    }
                    if &used != holes {
                        wrong.push(format!(
                            "{name}'s `{id}` uses {used:?}; \"{text}\" needs {holes:?}"
                        ));
                    }
                }
            }
        }
        for (id, (comment, _)) in translated {
            wrong.push(format!("{name} has `{id}` (\"{comment}\"), which nothing shows"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
