//! The page a participant takes home (`bolwerk page`): one self-contained HTML file
//! with the model's curve of the share of contacts with customers from 1 to 1,000,000
//! employees, a field and a slider that read it off for their own organisation, the
//! rule of thumb, the essay's plea and its credit, and a question to take along.
//!
//! The curve's points are computed here, by the model's exact expectation
//! ([`Measure::expected_at`]), and embedded as data: the page's script only reads off
//! between them (straight on log–log axes, where the curve nearly is), so it holds no
//! second copy of the model. The plot is drawn here too, as SVG, so the page shows the
//! curve and a table of it without its script. The page loads nothing and sends
//! nothing: its Content-Security-Policy allows no request at all.

use bolwerk_model::{Params, Shape};

use crate::i18n::{Arg, Lang, Msg, Texts, format_int, separators};
use crate::look::axes::{Unit, tick_label};
use crate::look::html::{fill, script_data};
use crate::sim::Measure;
use crate::sim::curve::percent;

const TEMPLATE: &str = include_str!("../../assets/take-home/page.html");

/// The fewest employees the curve shows.
pub const LEAST: f64 = 1.0;
/// The most employees the curve shows.
pub const MOST: f64 = 1_000_000.0;
/// Points embedded per factor of ten in the employees: enough that reading off
/// between them stays well within 0.1% of the model (a test holds this).
pub const POINTS_PER_DECADE: u32 = 20;
/// The sizes the table lists.
const TABLE: [f64; 7] = [
    10.0,
    100.0,
    1_000.0,
    5_000.0,
    10_000.0,
    100_000.0,
    1_000_000.0,
];

/// How the page reaches its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// One file that holds everything, to keep: its style and script inside it.
    File,
    /// Served by the audience's server during the session (at [`SERVED_AT`]), under
    /// its strict policy: the style and script are the server's own files ([`STYLE`]
    /// at [`STYLE_AT`], [`SCRIPT`] at [`SCRIPT_AT`]), and a link saves the page as one
    /// file (at [`SAVED_AT`], for `?lang=`).
    Served,
}

/// Where the audience's server serves the page (`?lang=`)…
pub const SERVED_AT: &str = "/take-home";
/// … its style…
pub const STYLE_AT: &str = "/take-home.css";
/// … its script…
pub const SCRIPT_AT: &str = "/take-home.js";
/// … and the page as one file to keep (`?lang=`).
pub const SAVED_AT: &str = "/take-home/save";

/// The file's Content-Security-Policy: its own inline style and script, and no request
/// of any kind.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; \
                       script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
/// The served page's: the server's own style and script, and nothing else.
pub const CSP_SERVED: &str = "default-src 'none'; style-src 'self'; script-src 'self'; \
                              base-uri 'none'; form-action 'none'";
/// The served page's style, at `/take-home.css`.
pub const STYLE: &str = concat!(
    include_str!("../../assets/web/colours.css"),
    include_str!("../../assets/take-home/page.css")
);
/// The served page's script, at `/take-home.js`.
pub const SCRIPT: &str = include_str!("../../assets/take-home/page.js");

/// The plot's frame in the SVG's own units: its size, and where the axes' box sits.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame {
    width: f64,
    height: f64,
    left: f64,
    top: f64,
    plot_width: f64,
    plot_height: f64,
    /// The top of the percent axis.
    ymax: f64,
}

impl Frame {
    fn x(&self, n: f64) -> f64 {
        self.left + (n / LEAST).log10() / (MOST / LEAST).log10() * self.plot_width
    }

    fn y(&self, pct: f64) -> f64 {
        self.top + self.plot_height * (1.0 - pct / self.ymax)
    }
}

/// The curve's points, `(employees, percent)`, from [`LEAST`] to [`MOST`], evenly
/// spaced on a log axis; or why there are none (the model's exact expectation is the
/// sphere's).
pub fn curve(params: &Params) -> Result<Vec<[f64; 2]>, String> {
    if params.shape != Shape::Sphere {
        return Err(format!(
            "the take-home page draws the sphere's curve, and these parameters make a {}",
            params.shape.name().to_lowercase()
        ));
    }
    let steps = (MOST / LEAST).log10().round() as u32 * POINTS_PER_DECADE;
    (0..=steps)
        .map(|k| {
            let n = LEAST * 10f64.powf(f64::from(k) / f64::from(POINTS_PER_DECADE));
            // The last point exactly at the end, not a rounding off it.
            let n = if k == steps { MOST } else { n };
            Measure::CustomerShare
                .expected_at(params, n)
                .map(|share| [n, percent(share)])
                .filter(|[_, pct]| pct.is_finite() && *pct > 0.0)
                .ok_or_else(|| format!("the model has no share of contacts at {n} employees"))
        })
        .collect()
}

/// The model's exact expectation of the share at `n` employees, in percent (the
/// sphere's; [`curve`] refuses other shapes first).
fn exact(params: &Params, n: f64) -> f64 {
    Measure::CustomerShare
        .expected_at(params, n)
        .map_or(f64::NAN, percent)
}

/// The share at `n` employees, in percent, read off `points` as the page's script
/// does: on the straight line between the two points around it, on log–log axes.
pub fn read_off(points: &[[f64; 2]], n: f64) -> f64 {
    let x = n.ln();
    let i = points
        .windows(2)
        .position(|w| x < w[1][0].ln())
        .unwrap_or(points.len() - 2);
    let ([n0, p0], [n1, p1]) = (points[i], points[i + 1]);
    let t = (x - n0.ln()) / (n1.ln() - n0.ln());
    (p0.ln() + t * (p1.ln() - p0.ln())).exp()
}

/// The page in `lang`, for a world with `params`, as `delivery` hands it over.
pub fn page(lang: Lang, params: &Params, delivery: Delivery) -> Result<String, String> {
    let points = curve(params)?;
    let texts = Texts::new(lang);
    let highest = points.iter().map(|p| p[1]).fold(0.0, f64::max);
    let frame = Frame {
        width: 400.0,
        height: 320.0,
        left: 62.0,
        top: 36.0,
        plot_width: 318.0,
        plot_height: 220.0,
        ymax: (highest / 10.0).ceil() * 10.0,
    };
    let (group, mark) = separators(lang);
    let range = [
        ("least", Arg::Int(LEAST as u64)),
        ("most", Arg::Int(MOST as u64)),
    ];
    let slot = |name: &str| Arg::Text(format!("{{{name}}}"));
    let readout = |n: Arg| texts.fmt(Msg::TakeHomeReadout, &[("n", n), ("share", slot("share"))]);
    let data = serde_json::json!({
        "points": points,
        "plot": {
            "left": frame.left,
            "top": frame.top,
            "width": frame.plot_width,
            "height": frame.plot_height,
            "ymax": frame.ymax,
        },
        "group": group.to_string(),
        "mark": mark.to_string(),
        // One employee takes the singular; a slot for the number picks the plural.
        "one": readout(Arg::Int(1)),
        "other": readout(slot("n")),
        "outOfRange": texts.fmt(Msg::TakeHomeOutOfRange, &range),
    });
    let rows = TABLE
        .iter()
        .map(|&n| {
            format!(
                "<tr><td>{}</td><td>{}%</td></tr>",
                format_int(lang, n as u64),
                texts.num(exact(params, n), 1)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = |name, msg| (name, texts.get(msg));
    let (csp, style, script, save) = match delivery {
        Delivery::File => (
            CSP,
            format!("<style>{STYLE}</style>"),
            format!("<script>{SCRIPT}</script>"),
            String::new(),
        ),
        Delivery::Served => (
            CSP_SERVED,
            format!("<link rel=\"stylesheet\" href=\"{STYLE_AT}\">"),
            format!("<script src=\"{SCRIPT_AT}\"></script>"),
            format!(
                "<p class=\"save\"><a href=\"{SAVED_AT}?lang={code}\" \
                 download=\"bolwerk-take-home-{code}.html\">{}</a></p>",
                crate::look::html::escape(&texts.get(Msg::TakeHomeSave)),
                code = lang.code(),
            ),
        ),
    };
    let fields = [
        ("lang", lang.code().to_owned()),
        ("csp", csp.to_owned()),
        text("title", Msg::TakeHomeTitle),
        text("heading", Msg::TakeHomeHeading),
        text("intro", Msg::TakeHomeIntro),
        text("plot_title", Msg::TakeHomePlotTitle),
        text("size_label", Msg::TakeHomeSizeLabel),
        ("size_hint", texts.fmt(Msg::TakeHomeSizeHint, &range)),
        text("caution", Msg::TakeHomeCaution),
        text("rule", Msg::TakeHomeRule),
        text("table_employees", Msg::TakeHomeTableEmployees),
        text("table_share", Msg::TakeHomeTableShare),
        text("plea_title", Msg::TakeHomePleaTitle),
        text("plea", Msg::TakeHomePlea),
        text("question_title", Msg::TakeHomeQuestionTitle),
        text("question", Msg::TakeHomeQuestion),
        text("credit", Msg::HandoutCredit),
        text("offline", Msg::TakeHomeOffline),
    ];
    let markup = [
        ("style", style),
        ("script", script),
        ("save", save),
        ("plot", svg(&frame, &points, lang, &texts)),
        ("rows", rows),
        ("data", script_data(&data.to_string())),
    ];
    Ok(fill(TEMPLATE, &fields, &markup))
}

/// The plot: the percent axis up the side, the employees along the bottom on a log
/// axis (a label at 1, 1,000 and 1,000,000, so that a phone's width holds them), the
/// curve, and the reader's point and guides, hidden until the script places them.
fn svg(frame: &Frame, points: &[[f64; 2]], lang: Lang, texts: &Texts) -> String {
    use std::fmt::Write as _;
    let f = frame;
    let (right, bottom) = (f.left + f.plot_width, f.top + f.plot_height);
    let mut s = format!(
        "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">",
        f.width,
        f.height,
        crate::look::html::escape(&texts.get(Msg::TakeHomePlotTitle))
    );
    let ystep = if f.ymax > 50.0 { 20.0 } else { 10.0 };
    let mut pct = 0.0;
    while pct <= f.ymax + 1e-9 {
        let y = f.y(pct);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{}\" y1=\"{y:.1}\" x2=\"{right}\" y2=\"{y:.1}\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            f.left,
            f.left - 6.0,
            y + 6.0,
            tick_label(lang, Unit::Percent, pct)
        );
        pct += ystep;
    }
    let decades = MOST.log10().round() as i32;
    for k in 0..=decades {
        let n = 10f64.powi(k);
        let x = f.x(n);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{bottom}\"/>",
            f.top
        );
        if k % 3 == 0 {
            let anchor = match k {
                0 => "start",
                k if k == decades => "end",
                _ => "middle",
            };
            let _ = write!(
                s,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
                bottom + 26.0,
                tick_label(lang, Unit::Employees, n)
            );
        }
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{bottom}\"/>\
         <line class=\"axis\" x1=\"{0}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\"/>\
         <text x=\"{2:.1}\" y=\"{3:.1}\" text-anchor=\"middle\">{4}</text>\
         <text x=\"0\" y=\"{5:.1}\" text-anchor=\"start\">{6}</text>",
        f.left,
        f.top,
        f.left + f.plot_width / 2.0,
        f.height - 6.0,
        crate::look::html::escape(&texts.get(Msg::TakeHomeAxisX)),
        f.top - 14.0,
        crate::look::html::escape(&texts.get(Msg::TakeHomeAxisY)),
    );
    let path: Vec<String> = points
        .iter()
        .map(|&[n, pct]| format!("{:.1},{:.1}", f.x(n), f.y(pct)))
        .collect();
    let _ = write!(
        s,
        "<polyline class=\"curve\" points=\"{}\"/>\
         <line id=\"guide-x\" class=\"guide\" visibility=\"hidden\"/>\
         <line id=\"guide-y\" class=\"guide\" visibility=\"hidden\"/>\
         <circle id=\"marker\" class=\"marker\" r=\"7\" visibility=\"hidden\"/></svg>",
        path.join(" ")
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading off between the embedded points stays within 0.1% of the model's exact
    /// expectation, at sizes the points do not hold, for several worlds.
    #[test]
    fn reading_off_between_the_points_keeps_to_the_model() {
        for (rho, rho_c, d) in [(1.0, 1.0, 1.0), (2.0, 0.5, 1.3), (0.7, 3.0, 0.8)] {
            let params = Params {
                rho,
                rho_c,
                d,
                ..Params::default()
            };
            let points = curve(&params).unwrap();
            assert_eq!(points.first().unwrap()[0], LEAST);
            assert_eq!(points.last().unwrap()[0], MOST);
            let mut worst: f64 = 0.0;
            for k in 0..6000 {
                // Between the points, never on one: an irrational step.
                let n = 10f64.powf(6.0 * (f64::from(k) + 0.5) / 6000.0 * 0.999_7);
                let read = read_off(&points, n);
                worst = worst.max((read / exact(&params, n) - 1.0).abs());
            }
            assert!(worst < 0.001, "ρ {rho}, ρc {rho_c}, d {d}: {worst}");
        }
    }

    #[test]
    fn the_page_is_whole_in_every_language_and_asks_for_nothing() {
        let params = Params::default();
        for &lang in Lang::all() {
            let page = page(lang, &params, Delivery::File).unwrap();
            assert!(!page.contains("{{"), "{lang:?}");
            assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())));
            for far in ["http://", "https://", " src=", "href=", "@import", "url("] {
                assert!(!page.contains(far), "{lang:?}: {far}");
            }
            assert!(page.contains(&crate::look::html::escape(CSP)));
            let texts = Texts::new(lang);
            assert!(page.contains(&crate::look::html::escape(&texts.get(Msg::TakeHomeCaution))));
        }
        let disc = Params {
            shape: Shape::default_disc(1.0),
            ..Params::default()
        };
        assert!(
            page(Lang::EN, &disc, Delivery::File)
                .unwrap_err()
                .contains("make a disc")
        );
        // Served, it takes its style and script from the server, and offers itself as
        // one file.
        let served = page(Lang::NL, &params, Delivery::Served).unwrap();
        assert!(!served.contains("<style>") && !served.contains("<script>"));
        assert!(served.contains("<script src=\"/take-home.js\"></script>"));
        assert!(served.contains("href=\"/take-home/save?lang=nl\""));
    }
}
