//! The page builds each shipped scenario from Rust that `build.rs` writes (so it needs no
//! parser for them): each must be exactly what the scenario file says, as the CLI reads it.
#![cfg(not(target_arch = "wasm32"))]

use clusterscope_core::scenario::Scenario;
use clusterscope_web::{Lab, SHIPPED};

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
