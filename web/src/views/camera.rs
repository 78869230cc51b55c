//! The cluster picture as the page draws it, made into a file or a film: the SVG export
//! (the page's styles put inside the picture), and the camera and video recorder behind
//! a recording (`app/recording.rs`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::browser;
use super::cluster_view::PICTURE_SIZE;

/// The recorded height of a cluster picture, in pixels (a cluster picture is square; a lab
/// with two clusters records them side by side). Big enough for a slide, small enough that
/// the GIF encoder keeps up.
pub const FILM_SIDE: u32 = 480;

/// The pictures found as one SVG: one as it is; several (a lab's clusters, each a square of
/// the cluster view's size) side by side.
pub fn one_picture(mut pictures: Vec<String>) -> Option<String> {
    let size = PICTURE_SIZE;
    match pictures.len() {
        0 | 1 => pictures.pop(),
        n => {
            let row: String = pictures
                .iter()
                .enumerate()
                .map(|(i, svg)| {
                    let placed = format!(
                        "<svg x=\"{}\" width=\"{size}\" height=\"{size}\" ",
                        i as f64 * size
                    );
                    svg.replacen("<svg ", &placed, 1)
                })
                .collect();
            let width = n as f64 * size;
            Some(format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {size}\">{row}</svg>"
            ))
        }
    }
}

/// An SVG element's markup made to stand alone: `styles` (the page's) inside it, and
/// `attributes` added to its root element.
pub fn standalone_svg(markup: &str, styles: &str, attributes: &str) -> String {
    let Some(open_end) = markup.find('>') else { return markup.to_string() };
    let (open, rest) = markup.split_at(open_end);
    // The page's markup is HTML; a picture file is XML, which has no `&nbsp;`.
    let rest = rest[1..].replace("&nbsp;", "&#160;");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{open}{attributes}>\
         <style><![CDATA[{styles}]]></style>{rest}\n"
    )
}

/// Draws the page's cluster picture, as it stands, onto a canvas of its own: the frames of a
/// recording. An SVG picture (up to `SVG_UP_TO` servers) is drawn from its markup with the
/// page's styles and theme; a painted one is copied.
pub struct Camera {
    canvas: web_sys::HtmlCanvasElement,
    context: web_sys::CanvasRenderingContext2d,
    /// The page's styles, read once: they do not change while recording.
    styles: String,
    /// Added to the picture's root: its size and the page's theme as it shows now.
    attributes: String,
    background: String,
}

impl Camera {
    /// A camera for the cluster picture now on the page.
    pub fn aim() -> Result<Camera, String> {
        let document =
            web_sys::window().and_then(|w| w.document()).ok_or("the page has no document")?;
        let pictures = document.query_selector_all("svg.cluster, canvas.cluster").ok();
        let count = pictures.map_or(0, |p| p.length());
        if count == 0 {
            return Err("there is no cluster picture on the page to record".into());
        }
        let (width, height) = (FILM_SIDE * count, FILM_SIDE);
        let canvas: web_sys::HtmlCanvasElement = document
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into().ok())
            .ok_or("this browser cannot make a canvas")?;
        canvas.set_width(width);
        canvas.set_height(height);
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
            .ok_or("this browser cannot draw on a canvas")?;
        let root = document.document_element().ok_or("the page has no root element")?;
        let background = web_sys::window()
            .and_then(|w| w.get_computed_style(&root).ok().flatten())
            .and_then(|style| style.get_property_value("background-color").ok())
            .unwrap_or_else(|| "white".into());
        let camera = Camera {
            canvas,
            context,
            styles: browser::page_styles(),
            attributes: format!(
                " width=\"{width}\" height=\"{height}\" data-theme=\"{}\"",
                browser::shown_theme()
            ),
            background,
        };
        // The video starts before the first picture is drawn: not on a transparent (black)
        // frame.
        camera.clear(f64::from(width), f64::from(height));
        Ok(camera)
    }

    pub fn canvas(&self) -> &web_sys::HtmlCanvasElement {
        &self.canvas
    }

    pub fn size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    /// Draws the picture the page shows now; ready when the returned future is.
    pub async fn shoot(&self) -> Result<(), String> {
        let (width, height) = (f64::from(self.canvas.width()), f64::from(self.canvas.height()));
        let document =
            web_sys::window().and_then(|w| w.document()).ok_or("the page has no document")?;
        let painted = document.query_selector("canvas.cluster").ok().flatten();
        if let Some(painted) = painted.and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        {
            self.clear(width, height);
            return self
                .context
                .draw_image_with_html_canvas_element_and_dw_and_dh(
                    &painted, 0.0, 0.0, width, height,
                )
                .map_err(|_| "the cluster canvas could not be copied".into());
        }
        let markup = one_picture(browser::outer_html_all("svg.cluster"))
            .ok_or("the cluster picture has gone from the page")?;
        let svg = standalone_svg(&markup, &self.styles, &self.attributes);
        let image = web_sys::HtmlImageElement::new().map_err(|_| "no image element")?;
        let address =
            format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(&svg));
        image.set_src(&address);
        JsFuture::from(image.decode())
            .await
            .map_err(|_| "the cluster picture could not be drawn")?;
        self.clear(width, height);
        self.context
            .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width, height)
            .map_err(|_| "the cluster picture could not be drawn".into())
    }

    /// The pixels drawn last (RGBA), as the browser holds them: handed on, not copied into
    /// the page's memory.
    pub fn pixels(&self) -> Option<js_sys::Uint8ClampedArray> {
        let (width, height) = (f64::from(self.canvas.width()), f64::from(self.canvas.height()));
        let image = self.context.get_image_data(0.0, 0.0, width, height).ok()?;
        js_sys::Reflect::get(&image, &JsValue::from_str("data")).ok()?.dyn_into().ok()
    }

    fn clear(&self, width: f64, height: f64) {
        self.context.set_fill_style_str(&self.background);
        self.context.fill_rect(0.0, 0.0, width, height);
    }
}

/// A WebM video of a canvas, made by the browser (MediaRecorder) as the canvas changes.
pub struct VideoRecorder {
    recorder: web_sys::MediaRecorder,
    chunks: Rc<RefCell<Vec<web_sys::Blob>>>,
    _on_data: Closure<dyn FnMut(web_sys::BlobEvent)>,
}

pub const WEBM: &str = "video/webm";

impl VideoRecorder {
    pub fn start(canvas: &web_sys::HtmlCanvasElement) -> Result<VideoRecorder, String> {
        if !web_sys::MediaRecorder::is_type_supported(WEBM) {
            return Err("this browser cannot record WebM video".into());
        }
        let stream = canvas.capture_stream().map_err(|_| "the canvas cannot be filmed")?;
        let options = web_sys::MediaRecorderOptions::new();
        options.set_mime_type(WEBM);
        let recorder = web_sys::MediaRecorder::new_with_media_stream_and_media_recorder_options(
            &stream, &options,
        )
        .map_err(|_| "this browser cannot record video")?;
        let chunks = Rc::new(RefCell::new(Vec::new()));
        let on_data = {
            let chunks = chunks.clone();
            Closure::<dyn FnMut(web_sys::BlobEvent)>::new(move |event: web_sys::BlobEvent| {
                chunks.borrow_mut().extend(event.data());
            })
        };
        recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
        recorder.start().map_err(|_| "the video recorder would not start")?;
        Ok(VideoRecorder { recorder, chunks, _on_data: on_data })
    }

    /// Ends the video; the file once the browser has written it.
    pub async fn finish(self) -> Result<web_sys::Blob, String> {
        let recorder = self.recorder.clone();
        let stopped = js_sys::Promise::new(&mut |resolve, _| {
            recorder.set_onstop(Some(&resolve));
        });
        self.recorder.stop().map_err(|_| "the video recorder would not stop")?;
        JsFuture::from(stopped).await.map_err(|_| "the video recorder failed")?;
        self.recorder.set_onstop(None);
        let parts: js_sys::Array = self.chunks.borrow().iter().collect();
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(WEBM);
        web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options)
            .map_err(|_| "the video could not be put together".into())
    }
}
