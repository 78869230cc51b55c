//! The recorder's GIF film (`session/gif_film.rs`), decoded back with the `gif` crate: a
//! frame holds only what changed, still pictures add time and not frames, and the picture
//! the GIF ends on is the last one given.

#![cfg(not(target_arch = "wasm32"))]

use clusterscope_web::GifFilm;
use clusterscope_web::GIF_MAX_SIDE as MAX_SIDE;

const W: u16 = 8;
const H: u16 = 6;

/// A picture of one colour, with the pixels in `marked` another.
fn picture(marked: &[(usize, usize)]) -> Vec<u8> {
    let mut rgba = [20, 40, 60, 255].repeat(usize::from(W) * usize::from(H));
    for &(x, y) in marked {
        let at = (y * usize::from(W) + x) * 4;
        rgba[at..at + 4].copy_from_slice(&[230, 160, 0, 255]);
    }
    rgba
}

/// A frame's left, top, width, height and delay.
type Placed = (u16, u16, u16, u16, u16);

/// Each frame's place and delay, and the picture the GIF shows at its end.
fn decode(bytes: &[u8]) -> (Vec<Placed>, Vec<u8>) {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(bytes).expect("a GIF");
    let mut shown = vec![0; usize::from(W) * usize::from(H) * 4];
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().expect("a frame") {
        frames.push((frame.left, frame.top, frame.width, frame.height, frame.delay));
        for y in 0..usize::from(frame.height) {
            for x in 0..usize::from(frame.width) {
                let from = (y * usize::from(frame.width) + x) * 4;
                let to =
                    ((usize::from(frame.top) + y) * usize::from(W) + usize::from(frame.left) + x)
                        * 4;
                shown[to..to + 4].copy_from_slice(&frame.buffer[from..from + 4]);
            }
        }
    }
    (frames, shown)
}

#[test]
fn a_frame_holds_only_what_changed_and_a_still_picture_adds_time_not_frames() {
    let mut film = GifFilm::new(W, H).unwrap();
    film.add(&picture(&[]), 0).unwrap();
    film.add(&picture(&[]), 10).unwrap();
    let moved = picture(&[(2, 1), (4, 3)]);
    film.add(&moved, 10).unwrap();
    film.add(&moved, 10).unwrap();
    let bytes = film.finish(150).unwrap();
    assert!(bytes.starts_with(b"GIF89a"));
    let (frames, shown) = decode(&bytes);
    assert_eq!(frames, vec![(0, 0, W, H, 20), (2, 1, 3, 3, 160)]);
    assert_eq!(shown, moved);
}

#[test]
fn a_film_of_one_picture_is_that_picture_held() {
    let mut film = GifFilm::new(W, H).unwrap();
    let only = picture(&[(0, 0), (7, 5)]);
    film.add(&only, 0).unwrap();
    let (frames, shown) = decode(&film.finish(100).unwrap());
    assert_eq!(frames, vec![(0, 0, W, H, 100)]);
    assert_eq!(shown, only);
}

#[test]
fn bad_sizes_are_refused_with_the_sizes_named() {
    let error = GifFilm::new(0, 5).err().unwrap();
    assert!(error.contains("0 × 5"), "{error}");
    assert!(GifFilm::new(MAX_SIDE + 1, 5).is_err());
    let mut film = GifFilm::new(W, H).unwrap();
    let error = film.add(&[0; 12], 10).unwrap_err();
    assert!(error.contains("192 bytes") && error.contains("not 12"), "{error}");
}
