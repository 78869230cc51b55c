//! Points on circles, for every view that places things round a ring.
//!
//! In the browser the sine and cosine are the page's own (`Math.sin`, `Math.cos`): Rust's
//! bring their range reduction, about 2 KiB gzipped, into every bundle. Natively (the
//! host-side tests) they are Rust's.

/// The point at distance `r` from `centre`, `angle` radians clockwise from the right
/// (screen y grows downwards).
pub fn on_circle(centre: (f64, f64), r: f64, angle: f64) -> (f64, f64) {
    (centre.0 + r * cos(angle), centre.1 + r * sin(angle))
}

#[cfg(target_arch = "wasm32")]
pub fn sin(x: f64) -> f64 {
    js_sys::Math::sin(x)
}

#[cfg(target_arch = "wasm32")]
fn cos(x: f64) -> f64 {
    js_sys::Math::cos(x)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn sin(x: f64) -> f64 {
    x.sin()
}

#[cfg(not(target_arch = "wasm32"))]
fn cos(x: f64) -> f64 {
    x.cos()
}
