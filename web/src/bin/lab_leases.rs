//! The page bundle that carries the leases lab (see `web/Cargo.toml`, `[features]`).

fn main() {
    clusterscope_web::start();
}
