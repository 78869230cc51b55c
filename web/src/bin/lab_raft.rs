//! The page bundle that carries the raft lab (see `web/Cargo.toml`, `[features]`).

fn main() {
    clusterscope_web::start();
}
