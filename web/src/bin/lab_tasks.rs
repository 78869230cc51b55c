//! The page bundle that carries the Tasks lab, both task clusters on Raft and gossip (see
//! `web/Cargo.toml`, `[features]`).

fn main() {
    clusterscope_web::start();
}
