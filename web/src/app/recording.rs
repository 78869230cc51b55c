//! Recording for slides: a range of steps played at the page's speed and filmed as the page
//! draws the cluster, frame by frame, into a WebM video (the browser's MediaRecorder) and an
//! animated GIF (encoded in the measurement worker as the pictures arrive,
//! `session/gif_film.rs`).
//!
//! The film is shot after each render, from the picture on the page (`views/camera.rs`), so
//! what it shows is what the page drew. A picture still being drawn when the next render
//! comes makes that render skip its shot rather than queue one.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::session::Session;
use crate::tr;
use crate::views::browser::{self, Measurement};
use crate::views::camera::{Camera, VideoRecorder};
use crate::views::l10n::{text, text_with};

/// The GIF takes a picture this often (ten a second): smooth enough for an election, small
/// enough for a slide.
const GIF_EVERY_MS: f64 = 100.0;
/// A recording stops after this long, however far it got: the GIF's pictures add up.
const LONGEST_MS: f64 = 60_000.0;
/// The GIF holds its last picture this long (centiseconds) before it loops.
const HOLD_CS: u32 = 150;
/// The most steps one recording may span.
const MOST_STEPS: u64 = 100_000;

/// What the recording needs of the page.
pub struct Parts {
    pub session: Rc<RefCell<Session>>,
    pub redraw: UseForceUpdateHandle,
    pub playing: UseStateHandle<bool>,
    pub seek_to: Callback<u64>,
}

#[derive(Default)]
struct Film {
    stage: Stage,
    /// The range asked for; `None` is the default (from the start to here).
    from: Option<u64>,
    to: Option<u64>,
    job: Option<Job>,
    webm: Option<Result<Made, String>>,
    gif: Option<Result<Made, String>>,
    /// Pictures the GIF encoder has taken in.
    encoded: usize,
}

#[derive(Default, PartialEq)]
enum Stage {
    #[default]
    Idle,
    Filming,
    Encoding,
    Done,
    Failed(String),
}

/// A file made, in the browser's memory until the page lets go of it.
#[derive(Clone)]
struct Made {
    url: gloo_file::ObjectUrl,
    bytes: f64,
}

struct Job {
    camera: Rc<Camera>,
    video: Option<VideoRecorder>,
    worker: Measurement,
    from: u64,
    to: u64,
    started_ms: f64,
    last_gif_ms: Option<f64>,
    /// Pictures handed to the GIF encoder.
    pictures: usize,
    /// A picture is being drawn.
    busy: bool,
    /// The range is played; the last picture is to be taken and the files made.
    ending: bool,
    last_taken: bool,
}

type Shared = Rc<RefCell<Film>>;

/// Keeps the recording going across renders; the Share tab's part of it.
#[hook]
pub fn use_recording(parts: Parts) -> Html {
    let film = use_mut_ref(Film::default);
    let (step, horizon) = {
        let session = parts.session.borrow();
        (session.run.step(), session.run.horizon())
    };
    {
        let (film, redraw, playing) = (film.clone(), parts.redraw.clone(), parts.playing.clone());
        use_effect(move || after_render(&film, &redraw, &playing, step));
    }
    view(&film, &parts, step, horizon)
}

/// After each render while filming: ends the film once the range is played (or the person
/// paused), else shoots the picture just drawn.
fn after_render(
    film: &Shared,
    redraw: &UseForceUpdateHandle,
    playing: &UseStateHandle<bool>,
    step: u64,
) {
    let mut guard = film.borrow_mut();
    let Film { stage: Stage::Filming, job: Some(job), .. } = &mut *guard else { return };
    let too_long = browser::now_ms() - job.started_ms > LONGEST_MS;
    if step >= job.to || !**playing || too_long {
        job.ending = true;
        guard.stage = Stage::Encoding;
        playing.set(false);
    }
    let Some(job) = guard.job.as_mut() else { return };
    if job.busy || (job.ending && job.last_taken) {
        return;
    }
    job.busy = true;
    job.last_taken = job.ending;
    let camera = job.camera.clone();
    wasm_bindgen_futures::spawn_local(shoot(film.clone(), camera, redraw.clone()));
}

/// What comes after a picture is taken.
enum Next {
    Nothing,
    /// The picture just taken may be older than the range's last: one more.
    Again,
    /// The last picture is in: the video is to be finished (the GIF was told).
    Finish(Option<VideoRecorder>),
}

/// Draws the page's picture and hands it to the GIF when one is due; at the end, takes the
/// last picture and makes the files.
async fn shoot(film: Shared, camera: Rc<Camera>, redraw: UseForceUpdateHandle) {
    let shot = camera.shoot().await;
    // Bound first: a borrow in the match itself would last through the await below.
    let next = after_shot(&mut film.borrow_mut(), shot, &redraw);
    match next {
        Next::Nothing => {}
        Next::Again => {
            wasm_bindgen_futures::spawn_local(Box::pin(shoot(film.clone(), camera, redraw)))
        }
        Next::Finish(video) => {
            let webm = match video {
                Some(video) => video.finish().await.map(made),
                None => Err("no video was recorded".into()),
            };
            let mut film = film.borrow_mut();
            if film.job.is_some() {
                film.webm = Some(webm);
                settle(&mut film, &redraw);
            }
        }
    }
}

fn after_shot(film: &mut Film, shot: Result<(), String>, redraw: &UseForceUpdateHandle) -> Next {
    let Some(job) = film.job.as_mut() else { return Next::Nothing };
    job.busy = false;
    if let Err(e) = shot.and_then(|()| job.post_picture(job.ending)) {
        fail(film, e, redraw);
        return Next::Nothing;
    }
    if !job.ending {
        return Next::Nothing;
    }
    if !job.last_taken {
        job.last_taken = true;
        job.busy = true;
        return Next::Again;
    }
    let ended = format!("{{\"gif_end\":{{\"hold\":{HOLD_CS}}}}}");
    if let Err(e) = job.worker.post(&JsValue::from_str(&ended), None) {
        fail(film, e, redraw);
        return Next::Nothing;
    }
    let video = job.video.take();
    redraw.force_update();
    Next::Finish(video)
}

impl Job {
    /// Hands the picture on the camera to the GIF if one is due (or `now`).
    fn post_picture(&mut self, now: bool) -> Result<(), String> {
        let at = browser::now_ms();
        let after_ms = self.last_gif_ms.map_or(0.0, |last| at - last);
        if !now && self.last_gif_ms.is_some() && after_ms < GIF_EVERY_MS {
            return Ok(());
        }
        let rgba = self.camera.pixels().ok_or("the picture could not be read back")?;
        let picture = js_sys::Object::new();
        let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&picture, &key.into(), value);
        set("after", &JsValue::from_f64((after_ms / 10.0).round()))
            .and_then(|_| set("rgba", &rgba))
            .map_err(|_| "the picture could not be handed on")?;
        let transfer = js_sys::Array::of1(&rgba.buffer());
        self.worker.post(&picture, Some(&transfer))?;
        self.last_gif_ms = Some(at);
        self.pictures += 1;
        Ok(())
    }
}

fn made(blob: web_sys::Blob) -> Made {
    Made { bytes: blob.size(), url: gloo_file::ObjectUrl::from(blob) }
}

/// Once both files are made (or failed), the film is done.
fn settle(film: &mut Film, redraw: &UseForceUpdateHandle) {
    if film.webm.is_some() && film.gif.is_some() {
        film.job = None;
        film.stage = Stage::Done;
    }
    redraw.force_update();
}

fn fail(film: &mut Film, error: String, redraw: &UseForceUpdateHandle) {
    film.job = None;
    film.stage = Stage::Failed(error);
    redraw.force_update();
}

/// The worker's answers: each picture encoded, then the GIF file.
fn on_worker(film: &Shared, redraw: &UseForceUpdateHandle, data: JsValue) {
    let mut guard = film.borrow_mut();
    if guard.job.is_none() {
        return;
    }
    if let Some(bytes) = data.dyn_ref::<js_sys::Uint8Array>() {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("image/gif");
        let gif = web_sys::Blob::new_with_u8_array_sequence_and_options(
            &js_sys::Array::of1(bytes),
            &options,
        )
        .map(made)
        .map_err(|_| "the GIF could not be put together".to_string());
        guard.gif = Some(gif);
        return settle(&mut guard, redraw);
    }
    let line = data.as_string().unwrap_or_default();
    let Ok(answer) = serde_json::from_str::<serde_json::Value>(&line) else { return };
    if let Some(error) = answer.get("error").and_then(|e| e.as_str()) {
        return fail(&mut guard, format!("the GIF encoder stopped: {error}"), redraw);
    }
    if let Some(encoded) = answer.get("encoded").and_then(|e| e.as_u64()) {
        guard.encoded = encoded as usize;
        if guard.stage == Stage::Encoding {
            redraw.force_update();
        }
    }
}

/// Starts filming `from..=to`: back to `from`, then playing.
fn start(film: &Shared, parts: &Parts, from: u64, to: u64) -> Result<(), String> {
    if to <= from {
        return Err(tr!("the range ends (step {to}) before it starts (step {from})", to, from));
    }
    if to - from > MOST_STEPS {
        return Err(tr!("a recording spans at most {most} steps", most = MOST_STEPS));
    }
    let camera = Rc::new(Camera::aim()?);
    let on_message = {
        let (film, redraw) = (film.clone(), parts.redraw.clone());
        Callback::from(move |data: JsValue| on_worker(&film, &redraw, data))
    };
    let on_error = {
        let (film, redraw) = (film.clone(), parts.redraw.clone());
        Callback::from(move |e: String| fail(&mut film.borrow_mut(), e, &redraw))
    };
    let worker = Measurement::open(on_message, on_error)?;
    let (width, height) = camera.size();
    let begun = format!("{{\"gif\":{{\"width\":{width},\"height\":{height}}}}}");
    worker.post(&JsValue::from_str(&begun), None)?;
    parts.seek_to.emit(from);
    // A browser that cannot record video still gets its GIF.
    let (video, webm) = match VideoRecorder::start(camera.canvas()) {
        Ok(video) => (Some(video), None),
        Err(e) => (None, Some(Err(e))),
    };
    let mut film = film.borrow_mut();
    *film = Film {
        stage: Stage::Filming,
        from: film.from,
        to: film.to,
        webm,
        job: Some(Job {
            camera,
            video,
            worker,
            from,
            to,
            started_ms: browser::now_ms(),
            last_gif_ms: None,
            pictures: 0,
            busy: false,
            ending: false,
            last_taken: false,
        }),
        ..Film::default()
    };
    parts.playing.set(true);
    Ok(())
}

fn size_text(bytes: f64) -> String {
    if bytes >= 1e6 {
        format!("{:.1} MB", bytes / 1e6)
    } else {
        format!("{:.0} KB", (bytes / 1e3).ceil())
    }
}

fn view(film: &Shared, parts: &Parts, step: u64, horizon: u64) -> Html {
    let shown = film.borrow();
    let from = shown.from.unwrap_or(0);
    let to = shown.to.unwrap_or(if step > from { step } else { horizon.max(from + 1) });
    let busy = matches!(shown.stage, Stage::Filming | Stage::Encoding);
    let field = |which: fn(&mut Film) -> &mut Option<u64>| {
        let (film, redraw) = (film.clone(), parts.redraw.clone());
        Callback::from(move |event: Event| {
            let value = browser::field_value(&event).and_then(|v| v.parse().ok());
            *which(&mut film.borrow_mut()) = value;
            redraw.force_update();
        })
    };
    let on_start = {
        let (film, redraw) = (film.clone(), parts.redraw.clone());
        let parts = Parts {
            session: parts.session.clone(),
            redraw: parts.redraw.clone(),
            playing: parts.playing.clone(),
            seek_to: parts.seek_to.clone(),
        };
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = start(&film, &parts, from, to) {
                fail(&mut film.borrow_mut(), e, &redraw);
            }
        })
    };
    let on_stop = {
        let playing = parts.playing.clone();
        Callback::from(move |_: MouseEvent| playing.set(false))
    };
    let on_cancel = {
        let (film, redraw) = (film.clone(), parts.redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let mut film = film.borrow_mut();
            film.job = None;
            film.stage = Stage::Idle;
            redraw.force_update();
        })
    };
    let progress = match &shown.stage {
        Stage::Idle => Html::default(),
        Stage::Filming => {
            let (start, end) = shown.job.as_ref().map_or((from, to), |j| (j.from, j.to));
            html! {
                <p class="film-progress" role="status">
                    <progress max={(end - start).to_string()} value={step.saturating_sub(start).to_string()}
                        aria-label={text("record-filming.aria-label")} />
                    { " " }{ text_with("record-filming", &[("step", &step.to_string()), ("from", &start.to_string()), ("to", &end.to_string())]) }{ " " }
                    <button onclick={on_stop}>{ text("record-stop") }</button>
                </p>
            }
        }
        Stage::Encoding => {
            let pictures = shown.job.as_ref().map_or(0, |j| j.pictures);
            html! {
                <p class="film-progress" role="status">
                    <progress max={pictures.max(1).to_string()} value={shown.encoded.to_string()}
                        aria-label={text("record-encoding.aria-label")} />
                    { " " }{ text_with("record-encoding", &[("done", &shown.encoded.to_string()), ("pictures", &pictures.to_string())]) }{ " " }
                    <button onclick={on_cancel}>{ text("record-cancel") }</button>
                </p>
            }
        }
        Stage::Done => {
            // `what` names two messages: `{what}-download` and `{what}-none`.
            let link = |made: &Option<Result<Made, String>>, name: &str, what: (&str, &str)| {
                match made {
                    Some(Ok(made)) => html! {
                        <a href={made.url.to_string()} download={name.to_string()}>
                            { text_with(what.0, &[("file", name), ("size", &size_text(made.bytes))]) }</a>
                    },
                    Some(Err(e)) => html! { <span>{ text_with(what.1, &[("error", e)]) }</span> },
                    None => Html::default(),
                }
            };
            let preview = match &shown.gif {
                Some(Ok(gif)) => html! {
                    <img class="film-preview" src={gif.url.to_string()} alt={text("record-preview.alt")} />
                },
                _ => Html::default(),
            };
            html! {
                <div class="film-made" role="status">
                    { link(&shown.webm, "cluster.webm", ("record-video-download", "record-video-none")) }
                    { link(&shown.gif, "cluster.gif", ("record-gif-download", "record-gif-none")) }
                    { preview }
                </div>
            }
        }
        Stage::Failed(e) => html! {
            <p class="status" role="status">{ text_with("record-failed", &[("error", e)]) }</p>
        },
    };
    html! {
        <fieldset class="record">
            <legend>{ text("record") }</legend>
            <p class="note">{ text("record-note") }</p>
            <label>{ text("record-from") }{ " " }
                <input type="number" min="0" max={horizon.to_string()} value={from.to_string()}
                    onchange={field(|f| &mut f.from)} disabled={busy} /></label>
            <label>{ " " }{ text("record-to") }{ " " }
                <input type="number" min="1" value={to.to_string()}
                    onchange={field(|f| &mut f.to)} disabled={busy} /></label>
            <button onclick={on_start} disabled={busy}>{ text("record-start") }</button>
            { progress }
        </fieldset>
    }
}
