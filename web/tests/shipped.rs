//! The page builds each shipped scenario from Rust that `build.rs` writes (so it needs no
//! parser for them): each must be exactly what the scenario file says, as the CLI reads it.
#![cfg(not(target_arch = "wasm32"))]

use clusterscope_core::scenario::Scenario;
use clusterscope_web::{Lab, LESSONS, PAGE_LABS, SHIPPED};

#[test]
fn every_shipped_scenario_is_built_exactly_as_its_file_says() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios");
    for name in SHIPPED {
        let file = format!("{root}/{name}.toml");
        let text = std::fs::read_to_string(&file).expect("a shipped scenario's file");
        let parsed = Scenario::parse(&text, &file).expect("a shipped scenario parses");
        let lab = Lab::scenario(name).expect("listed");
        let built = lab.parsed_scenario().expect("a scenario lab").expect("builds");
        assert_eq!(built, parsed, "{name}");
    }
}

/// index.html's loader picks a link's bundle before any wasm runs, from its own list of the
/// shipped scenarios that are not Raft's: each scenario must open in its own lab's bundle.
#[test]
fn the_page_loader_opens_each_shipped_scenario_in_its_labs_bundle() {
    let page = include_str!("../page/index.html");
    let listed = loader_list(page, "SCENARIO_LABS");
    for name in SHIPPED {
        let scenario = Lab::scenario(name).and_then(|lab| lab.parsed_scenario());
        let protocol = scenario.expect("a scenario lab").expect("builds").protocol;
        let loads = listed.iter().find(|(n, _)| *n == name).map_or("raft", |(_, lab)| *lab);
        assert_eq!(loads, protocol.key(), "{name} opens in the {loads} bundle");
    }
    for (name, _) in &listed {
        assert!(SHIPPED.contains(name), "the loader lists {name}, which is not shipped");
    }
    let listed = loader_list(page, "LESSON_LABS");
    for (name, protocol) in LESSONS {
        let loads = listed.iter().find(|(n, _)| *n == name).map_or("raft", |(_, lab)| *lab);
        assert_eq!(loads, protocol.key(), "lesson {name} opens in the {loads} bundle");
    }
    for (name, _) in &listed {
        assert!(
            LESSONS.iter().any(|(n, _)| n == name),
            "the loader lists lesson {name}, which is not shipped"
        );
    }
    // Each lab the loader knows (PAGE_LABS is built from its list) has a bundle of its own.
    for lab in PAGE_LABS {
        let key = lab.key();
        assert!(page.contains(&format!("data-bin=\"lab-{key}\"")), "no bundle for {key}");
        assert!(page.contains(&format!("data-target-path=\"{key}\"")), "{key}'s bundle path");
    }
    // A lab whose page has no lessons plays them in a bundle of its own, with `lessons` on.
    let apart = page
        .split_once("const LESSONS_APART = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .expect("the loader's LESSONS_APART list");
    for key in apart.split(',').map(|k| k.trim().trim_matches('\'')) {
        let link = format!(
            "data-bin=\"lab-{key}-lessons\" data-type=\"worker\" data-bindgen-target=\"web\" \
             data-cargo-no-default-features data-cargo-features=\"{key},lessons\" \
             data-target-path=\"{key}-lessons\""
        );
        assert!(page.contains(&link), "no lessons bundle for {key}: {link}");
    }
}

/// The loader's `const NAME = { 'name': 'lab', … }` list, as (name, lab) pairs.
fn loader_list<'a>(page: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let list = page
        .split_once(&format!("const {name} = {{"))
        .and_then(|(_, rest)| rest.split_once('}'))
        .map(|(list, _)| list)
        .unwrap_or_else(|| panic!("the loader's {name} list"));
    list.lines()
        .filter_map(|line| {
            let (name, lab) = line.trim().trim_end_matches(',').split_once(':')?;
            Some((name.trim().trim_matches('\''), lab.trim().trim_matches('\'')))
        })
        .collect()
}
