//! Running the real binary from the repository root, for the CLI's test files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ sits in the repo root")
        .to_path_buf()
}

pub fn clusterscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clusterscope"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("the clusterscope binary runs")
}
