//! A session's handout as PDF: A4 pages of pictures and text, set with the panel's
//! fonts (embedded, subset) by `krilla`. This module lays pages out; `bolwerk handout`
//! (`crate::commands::handout`) renders the pictures and says what goes on each page.
//!
//! Each page is a column: a small heading, a title, a picture, then blocks of text.
//! Lines wrap at word boundaries, measured with the shaper krilla sets them with. A
//! page whose text would run past its bottom is set again smaller, and failing that
//! its picture shrinks; a page that still overflows is refused, never cut off.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use super::fonts;
use crate::failure::Failure;
use crate::i18n::Lang;
use crate::look::palette::{PROJECTOR, srgb_bytes};

/// A4, in points.
const PAGE: (f32, f32) = (595.28, 841.89);
/// The margin on every side, in points.
const MARGIN: f32 = 52.0;
/// Room kept at the bottom for the footer.
const FOOTER: f32 = 28.0;

/// What a page too full for its text tries, in order: the type's scale and the
/// picture's share of the column's width.
const FITS: [(f32, f32); 8] = [
    (1.0, 1.0),
    (0.92, 1.0),
    (0.85, 1.0),
    (0.78, 1.0),
    (0.72, 1.0),
    (0.72, 0.85),
    (0.72, 0.7),
    (0.72, 0.55),
];

/// The colours: the projector theme's (`look::palette::PROJECTOR`), which print well.
fn ink() -> (u8, u8, u8) {
    bytes(PROJECTOR.text)
}
fn muted() -> (u8, u8, u8) {
    bytes(PROJECTOR.muted)
}
fn accent() -> (u8, u8, u8) {
    bytes(PROJECTOR.plot_measured)
}
fn bytes(c: bevy::prelude::Color) -> (u8, u8, u8) {
    let [r, g, b] = srgb_bytes(c);
    (r, g, b)
}
/// The rules around pictures and under headings: paper's own, lighter than any text.
const RULE: (u8, u8, u8) = (170, 170, 178);
/// The track a bar of answers runs in: the whole width, faintly.
const PAPER_TRACK: (u8, u8, u8) = (236, 236, 240);

/// One block of a page's column, after its picture.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of body text.
    Text(String),
    /// A paragraph of larger text (a question).
    Large(String),
    /// A small heading in the accent colour.
    Heading(String),
    /// Quieter, smaller text.
    Muted(String),
    /// Choices, each with a box to tick.
    Choices(Vec<String>),
    /// Ruled lines to write on.
    WritingLines(usize),
    /// A bar chart of answers, a bar per row under its label.
    Bars(Vec<Bar>),
}

/// One row of a chart of answers ([`Block::Bars`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar stands for (“B. 5% to 10%”).
    pub label: String,
    /// Its share of the chart's width, 0 to 1, drawn filled.
    pub share: f32,
    /// An earlier share (a first round), 0 to 1, drawn as an outline over it.
    pub before: Option<f32>,
    /// The numbers, after the bar (“15% → 0%”).
    pub value: String,
    /// In the accent colour, the others in grey: the model's answer.
    pub marked: bool,
}

/// A picture: a PNG file's bytes and its size in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The PNG file.
    pub png: Vec<u8>,
    /// Width and height in pixels (for the aspect ratio).
    pub size: (u32, u32),
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Above the title, small (“Part 3 of 11”).
    pub kicker: String,
    /// The page's title.
    pub title: String,
    /// Under the title, across the column.
    pub picture: Option<Picture>,
    /// Under the picture, in order.
    pub blocks: Vec<Block>,
}

/// A whole handout.
#[derive(Debug, Clone, PartialEq)]
pub struct Handout {
    /// The session's title: the document's title, and every page's footer.
    pub title: String,
    /// The language, for the document's metadata.
    pub lang: Lang,
    /// Every page's footer, after the title (the essay's credit, short).
    pub footer: String,
    /// The pages, in order.
    pub pages: Vec<Page>,
}

/// The text fonts: the panel's, and a fallback for what it lacks.
struct Faces {
    text: Font,
    fallback: Font,
    text_face: rustybuzz::Face<'static>,
    fallback_face: rustybuzz::Face<'static>,
}

impl Faces {
    fn new() -> Self {
        let font = |bytes: &'static [u8]| {
            Font::new(bytes.into(), 0).expect("egui's fonts are valid TrueType fonts")
        };
        let face = |bytes: &'static [u8]| {
            rustybuzz::Face::from_slice(bytes, 0).expect("egui's fonts are valid TrueType fonts")
        };
        Self {
            text: font(fonts::TEXT),
            fallback: font(fonts::FALLBACK),
            text_face: face(fonts::TEXT),
            fallback_face: face(fonts::FALLBACK),
        }
    }

    /// `text` cut into runs, each set in the first font that has all its characters.
    fn runs<'t>(&self, text: &'t str) -> Vec<(&'t str, bool)> {
        let mut runs: Vec<(&str, bool)> = Vec::new();
        let mut start = 0;
        let mut current = None;
        for (i, c) in text.char_indices() {
            let fallback = !c.is_whitespace() && self.text_face.glyph_index(c).is_none();
            match current {
                Some(f) if f != fallback => {
                    runs.push((&text[start..i], f));
                    start = i;
                    current = Some(fallback);
                }
                None => current = Some(fallback),
                _ => {}
            }
        }
        if let Some(f) = current {
            runs.push((&text[start..], f));
        }
        runs
    }

    /// The width of `text` at `size` points, as krilla sets it.
    fn width(&self, text: &str, size: f32) -> f32 {
        self.runs(text)
            .into_iter()
            .map(|(run, fallback)| {
                let face = if fallback {
                    &self.fallback_face
                } else {
                    &self.text_face
                };
                let mut buffer = rustybuzz::UnicodeBuffer::new();
                buffer.push_str(run);
                buffer.guess_segment_properties();
                let shaped = rustybuzz::shape(face, &[], buffer);
                let advance: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
                advance as f32 / face.units_per_em() as f32 * size
            })
            .sum()
    }

    /// `text` broken into lines no wider than `width` at `size`; a word longer than a
    /// line gets a line of its own.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&candidate, size) > width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Something to draw, placed.
enum Mark {
    Text {
        at: (f32, f32),
        text: String,
        size: f32,
        color: (u8, u8, u8),
    },
    Picture {
        at: (f32, f32),
        size: (f32, f32),
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        color: (u8, u8, u8),
        width: f32,
    },
    Box {
        at: (f32, f32),
        side: f32,
    },
    Rect {
        at: (f32, f32),
        size: (f32, f32),
        fill: Option<(u8, u8, u8)>,
        outline: Option<(u8, u8, u8)>,
    },
}

/// The share of the column's width a bar can take; its numbers follow it.
const BAR_TRACK: f32 = 0.62;

/// Type sizes, scaled as a whole when a page is too full.
#[derive(Clone, Copy)]
struct Sizes {
    kicker: f32,
    title: f32,
    body: f32,
    large: f32,
    heading: f32,
    muted: f32,
}

impl Sizes {
    fn scaled(k: f32) -> Self {
        Self {
            kicker: 10.0 * k,
            title: 22.0 * k,
            body: 12.0 * k,
            large: 15.0 * k,
            heading: 12.5 * k,
            muted: 10.0 * k,
        }
    }
}

/// Lays `page` out at type scale `k` with its picture `picture_share` of the column's
/// width; returns the marks and how far down the column went.
fn lay_out(faces: &Faces, page: &Page, k: f32, picture_share: f32) -> (Vec<Mark>, f32) {
    let sizes = Sizes::scaled(k);
    let width = PAGE.0 - 2.0 * MARGIN;
    let mut marks = Vec::new();
    let mut y = MARGIN;
    let text = |marks: &mut Vec<Mark>, y: &mut f32, s: &str, size, color, indent: f32| {
        for line in faces.wrap(s, size, width - indent) {
            *y += size * 1.3;
            marks.push(Mark::Text {
                at: (MARGIN + indent, *y - size * 0.3),
                text: line,
                size,
                color,
            });
        }
    };
    text(&mut marks, &mut y, &page.kicker, sizes.kicker, muted(), 0.0);
    y += 4.0 * k;
    text(&mut marks, &mut y, &page.title, sizes.title, ink(), 0.0);
    y += 10.0 * k;
    if let Some(picture) = &page.picture {
        let w = width * picture_share;
        let h = w * picture.size.1 as f32 / picture.size.0.max(1) as f32;
        marks.push(Mark::Picture {
            at: (MARGIN + (width - w) / 2.0, y),
            size: (w, h),
        });
        y += h + 12.0 * k;
    }
    for block in &page.blocks {
        match block {
            Block::Text(s) => text(&mut marks, &mut y, s, sizes.body, ink(), 0.0),
            Block::Large(s) => text(&mut marks, &mut y, s, sizes.large, ink(), 0.0),
            Block::Heading(s) => {
                y += 6.0 * k;
                text(&mut marks, &mut y, s, sizes.heading, accent(), 0.0);
            }
            Block::Muted(s) => text(&mut marks, &mut y, s, sizes.muted, muted(), 0.0),
            Block::Choices(choices) => {
                for choice in choices {
                    let side = sizes.large * 0.75;
                    marks.push(Mark::Box {
                        at: (MARGIN, y + sizes.large * 0.25),
                        side,
                    });
                    text(
                        &mut marks,
                        &mut y,
                        choice,
                        sizes.large,
                        ink(),
                        side + 10.0 * k,
                    );
                    y += 4.0 * k;
                }
            }
            Block::Bars(bars) => {
                let track = width * BAR_TRACK;
                let thick = sizes.body * 1.1;
                for bar in bars {
                    text(&mut marks, &mut y, &bar.label, sizes.body, ink(), 0.0);
                    y += 3.0 * k;
                    marks.push(Mark::Rect {
                        at: (MARGIN, y),
                        size: (track, thick),
                        fill: Some(PAPER_TRACK),
                        outline: None,
                    });
                    let color = if bar.marked { accent() } else { muted() };
                    if bar.share > 0.0 {
                        marks.push(Mark::Rect {
                            at: (MARGIN, y),
                            size: (track * bar.share.min(1.0), thick),
                            fill: Some(color),
                            outline: None,
                        });
                    }
                    if let Some(before) = bar.before.filter(|&b| b > 0.0) {
                        marks.push(Mark::Rect {
                            at: (MARGIN, y),
                            size: (track * before.min(1.0), thick),
                            fill: None,
                            outline: Some(ink()),
                        });
                    }
                    marks.push(Mark::Text {
                        at: (MARGIN + track + 10.0 * k, y + thick * 0.82),
                        text: bar.value.clone(),
                        size: sizes.body,
                        color: if bar.marked { accent() } else { ink() },
                    });
                    y += thick + 8.0 * k;
                }
            }
            Block::WritingLines(n) => {
                for _ in 0..*n {
                    y += 28.0 * k;
                    marks.push(Mark::Line {
                        from: (MARGIN, y),
                        to: (MARGIN + width, y),
                        color: RULE,
                        width: 0.6,
                    });
                }
            }
        }
        y += 7.0 * k;
    }
    (marks, y)
}

/// The handout as a PDF file's bytes. The same handout gives the same bytes.
pub fn pdf(handout: &Handout) -> Result<Vec<u8>, Failure> {
    let faces = Faces::new();
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(handout.title.clone())
            .language(handout.lang.code().to_string())
            .creator(format!("bolwerk {}", env!("CARGO_PKG_VERSION"))),
    );
    let bottom = PAGE.1 - MARGIN - FOOTER;
    let pages = handout.pages.len();
    for (number, page) in handout.pages.iter().enumerate() {
        // Smaller type, then a smaller picture, until the page holds everything.
        let marks = FITS
            .into_iter()
            .map(|(k, share)| lay_out(&faces, page, k, share))
            .find(|(_, end)| *end <= bottom)
            .map(|(marks, _)| marks)
            .ok_or_else(|| {
                Failure::Input(format!(
                    "the handout's page “{}” holds too much text for one A4 page, even in small type",
                    page.title
                ))
            })?;
        let settings = PageSettings::from_wh(PAGE.0, PAGE.1).expect("A4 is a valid size");
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        let picture = match &page.picture {
            Some(p) => Some(Image::from_png(p.png.clone().into(), true).map_err(|e| {
                Failure::Runtime(format!("cannot put a picture in the handout: {e}"))
            })?),
            None => None,
        };
        for mark in marks {
            draw(&mut surface, &faces, mark, picture.as_ref());
        }
        let footer_y = PAGE.1 - MARGIN + 6.0;
        let footer = format!("{} · {}", handout.title, handout.footer);
        let size = 8.0;
        for (i, line) in faces
            .wrap(&footer, size, PAGE.0 - 2.0 * MARGIN - 50.0)
            .into_iter()
            .take(2)
            .enumerate()
        {
            draw(
                &mut surface,
                &faces,
                Mark::Text {
                    at: (MARGIN, footer_y + i as f32 * size * 1.3),
                    text: line,
                    size,
                    color: muted(),
                },
                None,
            );
        }
        let folio = format!("{} / {pages}", number + 1);
        let folio_width = faces.width(&folio, size);
        draw(
            &mut surface,
            &faces,
            Mark::Text {
                at: (PAGE.0 - MARGIN - folio_width, footer_y),
                text: folio,
                size,
                color: muted(),
            },
            None,
        );
        surface.finish();
        pdf_page.finish();
    }
    document
        .finish()
        .map_err(|e| Failure::Runtime(format!("cannot write the handout: {e:?}")))
}

fn fill(color: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        ..Fill::default()
    }
}

fn stroke(color: (u8, u8, u8), width: f32) -> Stroke {
    Stroke {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        width,
        ..Stroke::default()
    }
}

fn draw(
    surface: &mut krilla::surface::Surface<'_>,
    faces: &Faces,
    mark: Mark,
    image: Option<&Image>,
) {
    match mark {
        Mark::Text {
            at,
            text,
            size,
            color,
        } => {
            surface.set_fill(Some(fill(color)));
            surface.set_stroke(None);
            let mut x = at.0;
            for (run, fallback) in faces.runs(&text) {
                let font = if fallback {
                    faces.fallback.clone()
                } else {
                    faces.text.clone()
                };
                surface.draw_text(
                    Point::from_xy(x, at.1),
                    font,
                    size,
                    run,
                    false,
                    TextDirection::LeftToRight,
                );
                x += faces.width(run, size);
            }
        }
        Mark::Picture { at, size } => {
            if let (Some(image), Some(wh)) = (image, Size::from_wh(size.0, size.1)) {
                surface.push_transform(&Transform::from_translate(at.0, at.1));
                surface.draw_image(image.clone(), wh);
                surface.pop();
                // A hairline frame, so a light picture does not melt into the paper.
                rectangle(surface, at, size, stroke(RULE, 0.5));
            }
        }
        Mark::Line {
            from,
            to,
            color,
            width,
        } => {
            let mut path = PathBuilder::new();
            path.move_to(from.0, from.1);
            path.line_to(to.0, to.1);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(color, width)));
                surface.draw_path(&path);
            }
        }
        Mark::Box { at, side } => rectangle(surface, at, (side, side), stroke(ink(), 0.8)),
        Mark::Rect {
            at,
            size,
            fill: inside,
            outline,
        } => {
            if let Some(path) = rectangle_path(at, size) {
                surface.set_fill(inside.map(fill));
                surface.set_stroke(outline.map(|c| stroke(c, 1.0)));
                surface.draw_path(&path);
            }
        }
    }
}

fn rectangle_path(at: (f32, f32), size: (f32, f32)) -> Option<krilla::geom::Path> {
    let mut path = PathBuilder::new();
    path.move_to(at.0, at.1);
    path.line_to(at.0 + size.0, at.1);
    path.line_to(at.0 + size.0, at.1 + size.1);
    path.line_to(at.0, at.1 + size.1);
    path.close();
    path.finish()
}

fn rectangle(
    surface: &mut krilla::surface::Surface<'_>,
    at: (f32, f32),
    size: (f32, f32),
    outline: Stroke,
) {
    if let Some(path) = rectangle_path(at, size) {
        surface.set_fill(None);
        surface.set_stroke(Some(outline));
        surface.draw_path(&path);
    }
}
