//! The web pages' shared craft: a template's fields filled in, its text made safe. The
//! participants' page (`audience::page`) and the take-home page
//! (`report::take_home`) fill their templates alike.

/// `template` with each `{{name}}` replaced by its text, made safe, and each
/// `{{{name}}}` by its markup as it is (markup the caller made, never a text from
/// outside).
pub fn fill(template: &str, texts: &[(&str, String)], markup: &[(&str, String)]) -> String {
    let mut page = template.to_owned();
    for (name, value) in markup {
        page = page.replace(&format!("{{{{{{{name}}}}}}}"), value);
    }
    for (name, value) in texts {
        page = page.replace(&format!("{{{{{name}}}}}"), &escape(value));
    }
    page
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
}
