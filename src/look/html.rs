//! The web pages' shared craft: a template's fields filled in, its text made safe. The
//! participants' page (`audience::page`) and the take-home page
//! (`report::take_home`) fill their templates alike.

/// `template` with each `{{name}}` replaced by its text, made safe, and each
/// `{{{name}}}` by its markup as it is (markup the caller made, never a text from
/// outside), in one pass: what is filled in is never read for fields itself. A field
/// the template names but the caller does not give stays as it is.
pub fn fill(template: &str, texts: &[(&str, String)], markup: &[(&str, String)]) -> String {
    let mut page = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        page.push_str(&rest[..at]);
        let after = &rest[at..];
        let (raw, open, close) = if after.starts_with("{{{") {
            (true, "{{{", "}}}")
        } else {
            (false, "{{", "}}")
        };
        let field = after[open.len()..]
            .find(close)
            .map(|end| &after[open.len()..open.len() + end])
            .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        let value = field.and_then(|name| {
            let given = if raw { markup } else { texts };
            given.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
        });
        match (field, value) {
            (Some(name), Some(value)) => {
                page.push_str(&if raw { value.clone() } else { escape(value) });
                rest = &after[open.len() + name.len() + close.len()..];
            }
            _ => {
                page.push_str(open);
                rest = &after[open.len()..];
            }
        }
    }
    page.push_str(rest);
    page
}

/// The colours of bolwerk's own pages, light and dark: a page's style sheet comes
/// after them and names them (`var(--text)`).
pub const COLOURS: &str = include_str!("../../assets/web/colours.css");

/// JSON made safe inside a `<script>` element: no `<` is left to close it early or to
/// open a comment (`<!--`) that would swallow the rest of the page; JSON reads
/// `\u003c` as `<` again.
pub fn script_data(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// `text` made safe inside HTML text and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The colours a `:root { … }` block sets: `--name: #rrggbb`.
    fn colours(block: &str) -> Vec<(String, [f64; 3])> {
        block
            .split(';')
            .filter_map(|decl| {
                let (name, value) = decl.split_once(':')?;
                let hex = value.trim().strip_prefix('#')?;
                assert_eq!(hex.len(), 6, "{name}: write #rrggbb");
                let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
                Some((name.trim().to_owned(), [channel(0), channel(2), channel(4)]))
            })
            .collect()
    }

    /// WCAG's contrast ratio of two sRGB colours.
    fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
        let lum = |c: [f64; 3]| {
            let f = |v: f64| {
                let v = v / 255.0;
                if v <= 0.039_28 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2])
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// Every text colour of the pages reads at 4.5:1 or more on the page and on a
    /// card, in the light theme and the dark one (WCAG 2.2, SC 1.4.3).
    #[test]
    fn the_text_colours_read_on_their_backgrounds() {
        let root = |from: usize| {
            let block = &COLOURS[from..];
            let open = block.find(":root {").unwrap() + ":root {".len();
            colours(&block[open..open + block[open..].find('}').unwrap()])
        };
        let light = root(0);
        let dark = root(COLOURS.find("prefers-color-scheme: dark").unwrap());
        for theme in [light, dark] {
            let get = |name: &str| theme.iter().find(|(n, _)| n == name).unwrap().1;
            for text in ["--text", "--muted", "--accent", "--right", "--wrong"] {
                for ground in ["--bg", "--card"] {
                    let ratio = contrast(get(text), get(ground));
                    assert!(ratio >= 4.5, "{text} on {ground}: {ratio:.2}");
                }
            }
        }
    }

    #[test]
    fn text_is_escaped_and_markup_is_not() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
        let page = fill(
            "<p title=\"{{t}}\">{{t}}</p>{{{m}}}",
            &[("t", "<b>".to_owned())],
            &[("m", "<svg></svg>".to_owned())],
        );
        assert_eq!(page, "<p title=\"&lt;b&gt;\">&lt;b&gt;</p><svg></svg>");
    }

    /// What is filled in is not read again: a text or markup that holds a field's
    /// name stays as it is; a field nobody gives, and braces that are no field, too.
    #[test]
    fn it_fills_in_one_pass() {
        let page = fill(
            "{{a}} {{{m}}} {{missing}} {x} {{not a field}} {{",
            &[("a", "{{m}}".to_owned())],
            &[("m", "{{a}}".to_owned())],
        );
        assert_eq!(page, "{{m}} {{a}} {{missing}} {x} {{not a field}} {{");
    }
}
