//! Project commands. `cargo xtask serve` and `cargo xtask test` are the two commands of the
//! README: each installs what this machine lacks (skipping what is already there at the right
//! version) and then does its job.
//!
//! Depends on nothing but std so that it builds in seconds on a bare machine.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// trunk 0.22 needs a newer rustc than this machine kind ships; 0.21.14 builds on 1.95.
const TRUNK_VERSION: &str = "0.21.14";
const E2E_DIR: &str = "tests/e2e";
/// The release page is built with this pinned nightly, compiling the standard library with
/// the page (`-Zbuild-std`) so that a panic aborts at once instead of formatting a message:
/// 38.6 KiB gzipped less, a tenth of the page (BENCHMARKS.md, "Page size"). Only the
/// release page uses it; `trunk serve`, the tests and the CLI stay on stable. A panic in the
/// release page still stops it and still fails every e2e test (as a page error); its message
/// is in the debug build's console.
const PAGE_NIGHTLY: &str = "nightly-2026-05-20";
/// No lab's page (index.html, the Fluent runtime, a language's words and that lab's bundle,
/// gzipped) may grow past this (KiB): the 350 KiB budget plus what a second language costs
/// the Tasks page (BENCHMARKS.md, "Page size", sessions 23 and 24).
const PAGE_CEILING_KIB: &str = "372";
/// The same for the page a lesson link opens where the lab's own page has no room for lessons
/// (the Tasks lab's: 393.3 KiB in session 26; BENCHMARKS.md, "Page size").
const LESSONS_PAGE_CEILING_KIB: &str = "395";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "setup" => setup(),
        "serve" => setup().and_then(|()| serve(rest)),
        "test" => setup().and_then(|()| test()),
        "bench" => setup().and_then(|()| bench()),
        "bench-check" => bench_check(),
        // The static page in dist/, exactly as the tests measure and run it.
        "dist" => setup().and_then(|()| build_release()),
        _ => {
            eprintln!("usage: cargo xtask <setup | serve [trunk args] | test | bench | bench-check | dist>");
            return ExitCode::from(if command == "help" { 0 } else { 2 });
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the repo root")
        .to_path_buf()
}

/// PATH with the npm tools (wasm-opt from binaryen) and cargo's bin folder first.
fn tool_path() -> String {
    let mut parts = vec![root().join(E2E_DIR).join("node_modules/.bin").display().to_string()];
    if let Some(home) = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        parts.push(home.join("bin").display().to_string());
    }
    parts.push(env::var("PATH").unwrap_or_default());
    parts.join(":")
}

fn cmd(program: &str) -> Command {
    let mut command = Command::new(program);
    command.current_dir(root()).env("PATH", tool_path()).env("TRUNK_SKIP_VERSION_CHECK", "true");
    command
}

fn run(command: &mut Command) -> Result {
    let shown = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    eprintln!("xtask: $ {shown}");
    let status = command.status().map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// The first line a tool prints for `--version`, if it runs at all.
fn version_of(program: &str) -> Option<String> {
    let output = cmd(program).arg("--version").output().ok()?;
    output.status.success().then(|| {
        String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or("").trim().to_string()
    })
}

/// The exact wasm-bindgen version in Cargo.lock: wasm-bindgen-cli must match it.
fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn setup() -> Result {
    // The wasm target and the lint tools come with rustup.
    let targets = cmd("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed: {e}"))?;
    if !String::from_utf8_lossy(&targets.stdout)
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        run(cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    if version_of("rustfmt").is_none()
        || cmd("cargo").args(["clippy", "--version"]).output().map_or(true, |o| !o.status.success())
    {
        run(cmd("rustup").args(["component", "add", "rustfmt", "clippy"]))?;
    }

    if version_of("trunk").as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
        run(cmd("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))?;
    }
    let bindgen = locked_wasm_bindgen()?;
    if version_of("wasm-bindgen").as_deref() != Some(&format!("wasm-bindgen {bindgen}")) {
        // Not --locked: the CLI's own lockfile pins a crate version the registry no longer has.
        run(cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &bindgen, "--force"]))?;
    }

    if !Path::new("/usr/bin/chromium").exists() || !Path::new("/usr/bin/chromedriver").exists() {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    // The Chinese page's screenshots need a font with Chinese characters; without one
    // Chromium draws empty boxes.
    let chinese_fonts = cmd("fc-list").args([":lang=zh", "family"]).output();
    if chinese_fonts.map_or(true, |o| o.stdout.trim_ascii().is_empty()) {
        apt_install(&["fonts-wqy-microhei"])?;
    }

    let e2e = root().join(E2E_DIR);
    let installed = e2e.join("node_modules/.package-lock.json");
    let lock = e2e.join("package-lock.json");
    if !installed.exists() || modified(&lock) > modified(&installed) {
        run(cmd("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&e2e))?;
    }

    // Only `rust-src` is needed: the page's build compiles the standard library itself.
    let has_source = cmd("rustup")
        .args(["component", "list", "--installed", "--toolchain", PAGE_NIGHTLY])
        .output()
        .is_ok_and(|o| {
            o.status.success() && String::from_utf8_lossy(&o.stdout).contains("rust-src")
        });
    if !has_source {
        run(cmd("rustup").args([
            "toolchain",
            "install",
            PAGE_NIGHTLY,
            "--profile",
            "minimal",
            "--component",
            "rust-src",
        ]))?;
    }

    // trunk builds offline: everything must already be in cargo's cache, the standard
    // library's own dependencies included.
    run(cmd("cargo").args(["fetch", "--quiet"]))?;
    run(page_build_env(&mut cmd("cargo")).args([
        "fetch",
        "--quiet",
        "--target",
        "wasm32-unknown-unknown",
    ]))
}

/// The pinned nightly, and the standard library built with the page, panics aborting at once.
fn page_build_env(command: &mut Command) -> &mut Command {
    command
        .env("RUSTUP_TOOLCHAIN", PAGE_NIGHTLY)
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env("RUSTFLAGS", "-Zunstable-options -Cpanic=immediate-abort")
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn apt_install(packages: &[&str]) -> Result {
    let is_root = cmd("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let prefix: Vec<&str> = if is_root { vec![] } else { vec!["sudo"] };
    let apt = |args: &[&str]| {
        let mut all = prefix.clone();
        all.extend_from_slice(args);
        let mut command = cmd(all[0]);
        command.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut command)
    };
    apt(&["apt-get", "update", "-qq"])?;
    let mut install = vec!["apt-get", "install", "-y", "-qq"];
    install.extend_from_slice(packages);
    apt(&install)
}

fn serve(extra: &[String]) -> Result {
    run(cmd("trunk").arg("serve").args(extra))
}

fn test() -> Result {
    run(cmd("cargo").args(["fmt", "--all", "--check"]))?;
    import_circles()?;
    run(cmd("cargo").args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    run(cmd("cargo").args([
        "clippy",
        "-p",
        "clusterscope-web",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cmd("cargo").args([
        "test",
        "-p",
        "clusterscope-core",
        "-p",
        "clusterscope",
        "-p",
        "xtask",
    ]))?;
    // The page's parsers, its built-in scenarios and lessons, the Check panel's job and the
    // recorder's GIF film are plain Rust: tested natively.
    run(cmd("cargo").args([
        "test",
        "-p",
        "clusterscope-web",
        "--test",
        "link_props",
        "--test",
        "shipped",
        "--test",
        "check_job",
        "--test",
        "lessons",
        "--test",
        "gif_film",
        "--test",
        "l10n",
    ]))?;
    wasm_test(&["--lib", "--test", "app", "--test", "determinism"])?;
    build_release()?;
    run(cmd("node").arg(format!("{E2E_DIR}/size.mjs")).args([
        "--ceiling",
        PAGE_CEILING_KIB,
        "--lessons-ceiling",
        LESSONS_PAGE_CEILING_KIB,
    ]))?;
    run(cmd("node").args(["--test", "--test-concurrency=1"]).arg(format!("{E2E_DIR}/")))
}

/// No two modules may import each other, directly or round a circle (docs/architecture.md).
/// The checker is the team's shared tool, beside the repository; a clone without it says so.
fn import_circles() -> Result {
    let tool = root().join("../shared/tools/import-circles");
    if !tool.exists() {
        eprintln!("xtask: {} is not here; import circles not checked", tool.display());
        return Ok(());
    }
    run(cmd("python3").arg(&tool).args(["core/src", "web/src", "cli/src"]))
}

/// Runs web crate tests in headless Chromium through wasm-bindgen-test-runner.
fn wasm_test(args: &[&str]) -> Result {
    run(cmd("cargo")
        .args(["test", "-p", "clusterscope-web", "--target", "wasm32-unknown-unknown"])
        .args(args)
        .env("CHROMEDRIVER", "/usr/bin/chromedriver"))
}

fn build_release() -> Result {
    run(page_build_env(&mut cmd("trunk")).args([
        "build",
        "--release",
        "--cargo-profile",
        "wasm-release",
    ]))
}

/// The model checker next to stateright 0.31's own Basic Paxos example, on this machine:
/// states, unique states per second and peak memory (BENCHMARKS.md, "Model checking").
fn bench_check() -> Result {
    run(cmd("cargo").args(["build", "--release", "-p", "clusterscope"]))?;
    let ours = "target/release/clusterscope";
    let paxos = ["check", "--protocol", "paxos"];
    let full = ["--crashes", "0", "--max-depth", "100"];
    let full_dfs = [&full[..], &["--dfs"][..]].concat();
    // Depth-first search runs on one thread unless told otherwise; stateright's uses them all.
    let full_dfs_two = [&full_dfs[..], &["--threads", "2"][..]].concat();
    for extra in [&[][..], &["--dfs"][..], &full[..], &full_dfs[..], &full_dfs_two[..]] {
        run(cmd(ours).args(paxos).args(extra))?;
    }
    // The same default bounds on one thread, next to the page's worker (one thread too).
    for extra in [&["--threads", "1"][..], &["--dfs"][..]] {
        run(cmd(ours).args(paxos).args(extra))?;
    }
    if root().join("dist/index.html").exists() {
        run(cmd("node").arg(format!("{E2E_DIR}/checkbench.mjs")))?;
    } else {
        eprintln!(
            "no dist/: run `cargo xtask dist` first to measure the checker in the page's worker"
        );
    }
    // stateright's example, built from the crate cargo fetched (examples ship with it).
    let manifest = root().join("bench/stateright/Cargo.toml");
    let manifest = manifest.to_string_lossy();
    run(cmd("cargo").args(["fetch", "--manifest-path", &manifest]))?;
    let metadata = cmd("cargo")
        .args(["metadata", "--format-version", "1", "--manifest-path", &manifest])
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    let metadata = String::from_utf8_lossy(&metadata.stdout);
    let stateright = metadata
        .split("\"manifest_path\":\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|path| path.contains("stateright-0.31.0"))
        .ok_or("cargo metadata does not list stateright 0.31.0")?
        .to_string();
    let target = root().join("target/stateright");
    run(cmd("cargo")
        .args(["build", "--release", "--example", "paxos", "--manifest-path"])
        .args([stateright.as_str(), "--target-dir", &target.to_string_lossy()]))?;
    let example = target.join("release/examples/paxos");
    // Peak memory of a child, the same way for both tools: getrusage after it exits.
    let peak = "import resource, subprocess, sys; subprocess.run(sys.argv[1:]); \
                print('peak memory', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, 'MB')";
    for search in ["check-bfs", "check-dfs"] {
        for clients in ["2", "3"] {
            run(cmd("python3").args(["-c", peak]).arg(&example).args([search, clients]))?;
        }
    }
    Ok(())
}

fn bench() -> Result {
    run(cmd("cargo").args(["bench", "-p", "clusterscope-core", "--bench", "raft_throughput"]))?;
    run(cmd("cargo").args(["bench", "-p", "clusterscope-core", "--bench", "gossip_throughput"]))?;
    wasm_test(&["--release", "--test", "bench", "--", "--nocapture"])?;
    build_release()?;
    run(cmd("node").arg(format!("{E2E_DIR}/size.mjs")))?;
    run(cmd("node").arg(format!("{E2E_DIR}/coldstart.mjs")))?;
    run(cmd("node").arg(format!("{E2E_DIR}/embedcpu.mjs")))?;
    run(cmd("node").arg(format!("{E2E_DIR}/recordbench.mjs")))?;
    run(cmd("node").arg(format!("{E2E_DIR}/frames.mjs")))
}
