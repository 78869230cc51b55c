//! Playback by animation frames: the browser calls back once per displayed frame, so the
//! picture moves as smoothly as the display allows and no work is done for frames that are
//! never shown (a timer, by contrast, fires on its own beat and makes frames miss vsync).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A gap longer than this (a hidden tab, a breakpoint) counts as this long, so playback
/// resumes where it was instead of leaping ahead.
const LONGEST_FRAME_MS: f64 = 100.0;

/// Calls `on_frame` with the wall-clock milliseconds since the previous frame, once per
/// animation frame, until dropped.
pub struct FrameLoop {
    state: Rc<RefCell<LoopState>>,
}

#[derive(Default)]
struct LoopState {
    pending: Option<i32>,
    previous: Option<f64>,
    callback: Option<Closure<dyn FnMut(f64)>>,
}

impl FrameLoop {
    pub fn start(mut on_frame: impl FnMut(f64) + 'static) -> Self {
        let state = Rc::new(RefCell::new(LoopState::default()));
        let weak: Weak<RefCell<LoopState>> = Rc::downgrade(&state);
        let callback = Closure::<dyn FnMut(f64)>::new(move |now: f64| {
            let Some(state) = weak.upgrade() else { return };
            let elapsed = {
                let mut state = state.borrow_mut();
                state.pending = None;
                let elapsed = state.previous.map_or(0.0, |before| now - before);
                state.previous = Some(now);
                elapsed.clamp(0.0, LONGEST_FRAME_MS)
            };
            on_frame(elapsed);
            request_next(&state);
        });
        state.borrow_mut().callback = Some(callback);
        request_next(&state);
        FrameLoop { state }
    }
}

fn request_next(state: &RefCell<LoopState>) {
    let mut state = state.borrow_mut();
    let Some(window) = web_sys::window() else { return };
    if let Some(callback) = &state.callback {
        state.pending = window.request_animation_frame(callback.as_ref().unchecked_ref()).ok();
    }
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        let mut state = self.state.borrow_mut();
        if let (Some(id), Some(window)) = (state.pending.take(), web_sys::window()) {
            let _ = window.cancel_animation_frame(id);
        }
        // wasm-bindgen defers freeing a closure that is running, so dropping the loop from
        // inside its own frame is safe.
        state.callback = None;
    }
}
