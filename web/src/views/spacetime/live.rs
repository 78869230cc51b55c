//! The space-time arrows while playing, on two canvases instead of SVG paths (repainting
//! hundreds of vector arrows every frame was the page's largest cost; see BENCHMARKS.md).
//!
//! Landed arrows never change, so each is painted once, when it lands, onto a strip three
//! windows wide that the compositor slides along under a clip: no frame repaints them. The
//! strip is repainted whole only when the window reaches its end (once per window of
//! virtual time), after a jump backwards, or when the heartbeat filter changes. Arrows still
//! in flight grow every frame and are painted afresh on a second canvas.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::snapshot::{strip_x, Arrow, SpaceTimeSnapshot, Style, LEFT, SCALE, WIDTH, WINDOW};
use clusterscope_core::sim::Time;

/// Canvas pixels per diagram unit (times the device pixel ratio): the figure is usually a
/// little wider on screen than the diagram's units.
const CANVAS_SCALE: f64 = 1.25;
/// The live area starts just left of the window's start, as the SVG's clip does.
const MARGIN: f64 = 2.0;
const CLIP_LEFT: f64 = LEFT - MARGIN;
const VIEW_UNITS: f64 = WIDTH - CLIP_LEFT;
/// The landed strip covers one window before the visible one (arrows sent then can land
/// inside it), the visible one, and two more to slide into: it is repainted whole once per
/// three windows of virtual time (every 1.8 s at 1×).
const STRIP_UNITS: f64 = 4.0 * WINDOW as f64 * SCALE + MARGIN;
/// In-flight arrows show this far past the playhead, as in the SVG.
const PAST_PLAYHEAD: f64 = 8.0;

/// What the landed strip holds.
#[derive(Default)]
pub(super) struct Strip {
    /// The virtual time at the strip's left edge (plus the margin); `None` when it holds
    /// nothing valid.
    base: Option<Time>,
    /// Arrows that ended up to this time are painted.
    drawn_until: Time,
    heartbeats: bool,
    size: (u32, u32),
}

#[derive(Properties, PartialEq)]
pub(super) struct LiveArrowsProps {
    pub snapshot: SpaceTimeSnapshot,
    pub live: bool,
    pub height: f64,
}

#[function_component]
pub(super) fn LiveArrows(props: &LiveArrowsProps) -> Html {
    let landed = use_node_ref();
    let in_flight = use_node_ref();
    let strip = use_mut_ref(Strip::default);
    {
        let (landed, in_flight, strip) = (landed.clone(), in_flight.clone(), strip.clone());
        use_effect_with(
            (props.snapshot.clone(), props.live, props.height),
            move |(snapshot, live, height)| {
                let mut strip = strip.borrow_mut();
                if !*live {
                    // The next time playback starts, the strip is painted afresh.
                    strip.base = None;
                    return;
                }
                let ratio =
                    web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()) * CANVAS_SCALE;
                if let Some(canvas) = landed.cast::<web_sys::HtmlCanvasElement>() {
                    paint_landed(&canvas, &mut strip, snapshot, ratio, *height);
                }
                if let Some(canvas) = in_flight.cast::<web_sys::HtmlCanvasElement>() {
                    paint_in_flight(&canvas, snapshot, ratio, *height);
                }
            },
        );
    }
    let area = format!(
        "left: {:.3}%; width: {:.3}%; aspect-ratio: {VIEW_UNITS} / {}",
        CLIP_LEFT / WIDTH * 100.0,
        VIEW_UNITS / WIDTH * 100.0,
        props.height
    );
    html! {
        <div class="live-arrows" style={area} hidden={!props.live} aria-hidden="true">
            <canvas ref={landed} class="landed" />
            <canvas ref={in_flight} class="in-flight" />
        </div>
    }
}

fn context_of(canvas: &web_sys::HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Gives the canvas this bitmap size (which clears it) unless it has it already. The size is
/// computed, never read from the page: reading the canvas's size on screen forced a layout
/// on every frame.
fn resize(canvas: &web_sys::HtmlCanvasElement, width: f64, height: f64) -> (u32, u32) {
    let size = (width.round() as u32, height.round() as u32);
    if (canvas.width(), canvas.height()) != size {
        canvas.set_width(size.0);
        canvas.set_height(size.1);
    }
    size
}

fn paint_landed(
    canvas: &web_sys::HtmlCanvasElement,
    strip: &mut Strip,
    s: &SpaceTimeSnapshot,
    ratio: f64,
    height: f64,
) {
    let Some(context) = context_of(canvas) else { return };
    let size = resize(canvas, STRIP_UNITS * ratio, height * ratio);
    let fits = strip.base.is_some_and(|base| {
        base <= s.start && s.start <= base + 3 * WINDOW && s.now >= strip.drawn_until
    });
    if !fits || strip.size != size || strip.heartbeats != s.heartbeats {
        let _ = context.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        context.clear_rect(0.0, 0.0, f64::from(size.0), f64::from(size.1));
        *strip = Strip {
            base: Some(s.start.saturating_sub(WINDOW)),
            drawn_until: 0,
            heartbeats: s.heartbeats,
            size,
        };
    }
    let Some(base) = strip.base else { return };
    let origin = strip_x(base) - MARGIN;
    let _ = context.set_transform(ratio, 0.0, 0.0, ratio, -origin * ratio, 0.0);
    let newly_landed = |a: &&Arrow| a.ended.is_some_and(|t| t > strip.drawn_until);
    stroke_arrows(&context, s.arrows.iter().filter(newly_landed), ratio);
    strip.drawn_until = s.now;
    // Slide the strip so that the window's start sits at the live area's left margin.
    let offset = strip_x(s.start) - MARGIN - origin;
    let _ = canvas.set_attribute(
        "style",
        &format!(
            "width: {:.3}%; transform: translateX({:.4}%)",
            STRIP_UNITS / VIEW_UNITS * 100.0,
            -offset / STRIP_UNITS * 100.0
        ),
    );
}

fn paint_in_flight(
    canvas: &web_sys::HtmlCanvasElement,
    s: &SpaceTimeSnapshot,
    ratio: f64,
    height: f64,
) {
    let Some(context) = context_of(canvas) else { return };
    let (width, height) = resize(canvas, VIEW_UNITS * ratio, height * ratio);
    let _ = context.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    context.clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
    // The clip's edge is a whole device pixel: an edge between pixels makes Skia mask every
    // stroke through a coverage bitmap, which cost more than the strokes (19 → 7 ms a frame).
    let origin = strip_x(s.start) - MARGIN;
    let right = ((strip_x(s.now) + PAST_PLAYHEAD - origin) * ratio).ceil();
    context.save();
    context.begin_path();
    context.rect(0.0, 0.0, right.max(0.0), f64::from(height));
    context.clip();
    let _ = context.set_transform(ratio, 0.0, 0.0, ratio, -origin * ratio, 0.0);
    stroke_arrows(&context, s.arrows.iter().filter(|a| a.ended.is_none()), ratio);
    context.restore();
}

/// Strokes arrows one style at a time, with the colours of the stylesheet's `.arrow`
/// classes, each one device pixel wide: Skia draws that as a hairline, several times faster
/// than a wider antialiased stroke (21 → 3 ms for 600 arrows, measured in software).
fn stroke_arrows<'a>(
    context: &web_sys::CanvasRenderingContext2d,
    arrows: impl Iterator<Item = &'a Arrow> + Clone,
    ratio: f64,
) {
    context.set_line_width(1.0 / ratio);
    for style in Style::ALL {
        let mut any = false;
        context.begin_path();
        for arrow in arrows.clone().filter(|a| Style::of(a) == style) {
            any = true;
            for line in arrow.polylines() {
                for (i, (x, y)) in line.into_iter().enumerate() {
                    if i == 0 {
                        context.move_to(x, y);
                    } else {
                        context.line_to(x, y);
                    }
                }
            }
        }
        if !any {
            continue;
        }
        let (colour, alpha, dashed) = style.stroke();
        context.set_stroke_style_str(colour);
        context.set_global_alpha(alpha);
        let dash = js_sys::Array::new();
        if dashed {
            dash.push(&4.0.into());
            dash.push(&3.0.into());
        }
        let _ = context.set_line_dash(&dash);
        context.stroke();
    }
    context.set_global_alpha(1.0);
}
