//! Empty: this crate only names stateright so cargo fetches it (see Cargo.toml).
