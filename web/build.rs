//! Ships the scenario files in `scenarios/` inside the page as JSON: each is parsed and
//! validated here, at build time, so the page needs no TOML parser (that parser was a fifth
//! of the page's download; see BENCHMARKS.md) and a broken shipped scenario fails the build
//! with its file, line and field.

use std::fmt::Write;
use std::path::Path;

use clusterscope_core::scenario::Scenario;

/// The scenarios the page offers, in its menu's order.
const SHIPPED: [&str; 12] = [
    "first-election",
    "leader-crash",
    "partitioned-leader",
    "follower-catch-up",
    "one-way-cut",
    "lossy-network",
    "forgotten-vote",
    "dueling-proposers",
    "multipaxos-failover",
    "gossip-rumor",
    "gossip-crash",
    "gossip-refute",
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("scenarios");
    println!("cargo::rerun-if-changed={}", root.display());
    // Every scenario file is in the page: a new one not listed here is a build error.
    for entry in std::fs::read_dir(&root).expect("scenarios/ exists") {
        let path = entry.expect("a readable directory").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if path.extension().is_some_and(|e| e == "toml") && !SHIPPED.contains(&stem) {
            panic!("scenarios/{stem}.toml is not shipped: add it to SHIPPED in web/build.rs");
        }
    }
    let mut out = format!("pub const SHIPPED: [(&str, &str); {}] = [\n", SHIPPED.len());
    for name in SHIPPED {
        let path = root.join(format!("{name}.toml"));
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let scenario = Scenario::parse(&text, &format!("scenarios/{name}.toml"))
            .unwrap_or_else(|e| panic!("a shipped scenario is broken: {e}"));
        let json = serde_json::to_string(&scenario).expect("a scenario serializes");
        writeln!(out, "    ({name:?}, {json:?}),").expect("writing to a string");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("shipped.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
