//! The page bundle that carries the gossip lab (see `web/Cargo.toml`, `[features]`).

fn main() {
    clusterscope_web::start();
}
