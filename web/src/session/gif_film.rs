//! An animated GIF built picture by picture, as the page's recorder shoots them (the
//! measurement worker runs it, so the page does not stall while it encodes).
//!
//! A recording of a cluster changes little from one picture to the next: a message dot
//! moves, a server changes colour. So each GIF frame holds only the rectangle that changed
//! since the picture before it, drawn over what is already shown, and a picture that changes
//! nothing makes the previous frame stay up longer instead of adding one. A paused stretch
//! costs no bytes, and a frame's palette is spent on the part that moved.

use gif::{DisposalMethod, Encoder, Frame, Repeat};

/// The largest picture side a film takes: far above the recorder's, far below memory trouble.
pub const MAX_SIDE: u16 = 2048;
/// The colour quantizer's speed (1 = best, 30 = fastest); 10 is the `gif` crate's default
/// and keeps up with ten pictures a second in the worker.
const QUANTIZER_SPEED: i32 = 10;

pub struct GifFilm {
    width: u16,
    height: u16,
    encoder: Encoder<Vec<u8>>,
    /// The whole picture as the GIF shows it so far (RGBA), to find what the next one changes.
    shown: Vec<u8>,
    /// The latest change, written once its display time is known (when the next change
    /// comes, or at the end).
    pending: Option<Change>,
    frames: usize,
}

/// The rectangle of a picture that differs from the one before, and how long it stays up.
struct Change {
    left: u16,
    top: u16,
    width: u16,
    height: u16,
    rgba: Vec<u8>,
    centiseconds: u32,
}

impl GifFilm {
    /// A film of `width` × `height` pictures that loops forever, as slides want.
    pub fn new(width: u16, height: u16) -> Result<GifFilm, String> {
        if !(1..=MAX_SIDE).contains(&width) || !(1..=MAX_SIDE).contains(&height) {
            return Err(format!(
                "a GIF's sides are 1 to {MAX_SIDE} pixels, not {width} × {height}"
            ));
        }
        let mut encoder =
            Encoder::new(Vec::new(), width, height, &[]).map_err(|e| e.to_string())?;
        encoder.set_repeat(Repeat::Infinite).map_err(|e| e.to_string())?;
        Ok(GifFilm { width, height, encoder, shown: Vec::new(), pending: None, frames: 0 })
    }

    /// Adds a picture (RGBA, row by row) shown `after` centiseconds after the previous one.
    pub fn add(&mut self, rgba: &[u8], after: u32) -> Result<(), String> {
        let expected = usize::from(self.width) * usize::from(self.height) * 4;
        if rgba.len() != expected {
            return Err(format!(
                "a {} × {} picture has {expected} bytes of RGBA, not {}",
                self.width,
                self.height,
                rgba.len()
            ));
        }
        if let Some(pending) = &mut self.pending {
            pending.centiseconds += after;
        }
        let Some((left, top, width, height)) = self.changed(rgba) else { return Ok(()) };
        self.write_pending()?;
        let row = usize::from(self.width) * 4;
        let mut cropped = Vec::with_capacity(usize::from(width) * usize::from(height) * 4);
        for y in top..top + height {
            let start = usize::from(y) * row + usize::from(left) * 4;
            cropped.extend_from_slice(&rgba[start..start + usize::from(width) * 4]);
        }
        self.pending = Some(Change { left, top, width, height, rgba: cropped, centiseconds: 0 });
        self.shown.clear();
        self.shown.extend_from_slice(rgba);
        Ok(())
    }

    /// GIF frames written so far (the latest change is written when the next one comes).
    pub fn frames(&self) -> usize {
        self.frames
    }

    /// The GIF file, its last picture held for `hold` centiseconds before it loops.
    pub fn finish(mut self, hold: u32) -> Result<Vec<u8>, String> {
        if let Some(pending) = &mut self.pending {
            pending.centiseconds += hold;
        }
        self.write_pending()?;
        self.encoder.into_inner().map_err(|e| e.to_string())
    }

    /// The smallest rectangle holding every pixel of `rgba` that differs from the picture
    /// shown (all of it for the first), or `None` if nothing does.
    fn changed(&self, rgba: &[u8]) -> Option<(u16, u16, u16, u16)> {
        if self.shown.is_empty() {
            return Some((0, 0, self.width, self.height));
        }
        let row = usize::from(self.width) * 4;
        let rows = || self.shown.chunks_exact(row).zip(rgba.chunks_exact(row)).enumerate();
        let top = rows().find(|(_, (a, b))| a != b)?.0;
        let bottom = rows().rev().find(|(_, (a, b))| a != b)?.0;
        let (mut left, mut right) = (usize::from(self.width), 0);
        for (_, (a, b)) in rows().skip(top).take(bottom - top + 1) {
            let differs = |x: &usize| a[x * 4..x * 4 + 4] != b[x * 4..x * 4 + 4];
            if let Some(x) = (0..left).find(differs) {
                left = x;
            }
            if let Some(x) = (right..usize::from(self.width)).rev().find(differs) {
                right = x;
            }
        }
        // Rows that differ have a differing pixel, so left <= right; the sides fit in u16.
        let side = |n: usize| n as u16;
        Some((side(left), side(top), side(right - left + 1), side(bottom - top + 1)))
    }

    fn write_pending(&mut self) -> Result<(), String> {
        let Some(mut change) = self.pending.take() else { return Ok(()) };
        let mut frame =
            Frame::from_rgba_speed(change.width, change.height, &mut change.rgba, QUANTIZER_SPEED);
        frame.left = change.left;
        frame.top = change.top;
        frame.dispose = DisposalMethod::Keep;
        // A GIF delay is 16 bits of centiseconds (11 minutes); a longer pause is cut short.
        frame.delay = change.centiseconds.min(u32::from(u16::MAX)) as u16;
        self.encoder.write_frame(&frame).map_err(|e| e.to_string())?;
        self.frames += 1;
        Ok(())
    }
}
