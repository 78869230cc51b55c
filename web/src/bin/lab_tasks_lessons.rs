//! The Tasks lab with its lessons: the bundle the page loads for a link to one of them (see
//! `web/Cargo.toml`, the `lessons` feature). The Tasks page itself has none.

fn main() {
    clusterscope_web::start();
}
