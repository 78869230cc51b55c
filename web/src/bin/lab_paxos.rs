//! The page bundle that carries the paxos lab (see `web/Cargo.toml`, `[features]`).

fn main() {
    clusterscope_web::start();
}
