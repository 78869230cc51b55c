//! The page bundle that carries the multipaxos lab (see `web/Cargo.toml`, `[features]`).

fn main() {
    clusterscope_web::start();
}
