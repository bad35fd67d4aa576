//! Saved web pages (`.html`, `.htm`): the headline, date, outlet and author from the
//! page's metadata, and the article's paragraphs without navigation, scripts and styles.

use scraper::{ElementRef, Html, Selector};

use crate::dates::{parse_date_line, parse_user_date};

/// What a page says about its article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// og:title, else `<title>`, else the first `<h1>`.
    pub title: Option<String>,
    /// article:published_time, else `<time datetime>`, else JSON-LD datePublished.
    pub published: Option<chrono::NaiveDate>,
    /// The metadata value the date was read from.
    pub date_text: Option<String>,
    /// og:site_name.
    pub outlet: Option<String>,
    /// `<meta name="author">`.
    pub author: Option<String>,
    /// The headline and the body paragraphs, one per line pair.
    pub text: String,
}

/// Whether `path` names a web page.
pub fn is_html(path: &std::path::Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| e == "html" || e == "htm")
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `content` of the first `<meta>` matching `css`.
fn meta(doc: &Html, css: &str) -> Option<String> {
    let sel = selector(css)?;
    doc.select(&sel)
        .filter_map(|el| el.value().attr("content"))
        .map(clean)
        .find(|v| !v.is_empty())
}

/// Elements whose text is not the article's.
const SKIPPED: [&str; 12] = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
    "template", "svg", "iframe",
];

fn skipped(el: &ElementRef<'_>) -> bool {
    std::iter::once(el.value().name())
        .chain(
            el.ancestors()
                .filter_map(ElementRef::wrap)
                .map(|a| a.value().name()),
        )
        .any(|name| SKIPPED.contains(&name))
}

/// The JSON-LD `datePublished` of a page, found as text (no JSON parser needed for one
/// string field).
fn json_ld_date(doc: &Html) -> Option<String> {
    let sel = selector("script[type=\"application/ld+json\"]")?;
    for script in doc.select(&sel) {
        let json: String = script.text().collect();
        if let Some(at) = json.find("\"datePublished\"") {
            let rest = &json[at + "\"datePublished\"".len()..];
            let rest = rest.trim_start().strip_prefix(':')?.trim_start();
            let value = rest.strip_prefix('"')?;
            let end = value.find('"')?;
            return Some(value[..end].to_owned());
        }
    }
    None
}

/// Reads a page.
pub fn parse_page(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let first_text = |css: &str| -> Option<String> {
        let sel = selector(css)?;
        doc.select(&sel)
            .map(|el| clean(&el.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    let title = meta(&doc, "meta[property=\"og:title\"]")
        .or_else(|| meta(&doc, "meta[name=\"twitter:title\"]"))
        .or_else(|| first_text("title"))
        .or_else(|| first_text("h1"));
    let date_text = meta(&doc, "meta[property=\"article:published_time\"]")
        .or_else(|| meta(&doc, "meta[name=\"pubdate\"]"))
        .or_else(|| {
            let sel = selector("time[datetime]")?;
            doc.select(&sel)
                .filter_map(|el| el.value().attr("datetime"))
                .map(clean)
                .find(|v| !v.is_empty())
        })
        .or_else(|| json_ld_date(&doc));
    let published = date_text
        .as_deref()
        .and_then(|d| parse_user_date(d).or_else(|| parse_date_line(d)));
    let outlet = meta(&doc, "meta[property=\"og:site_name\"]");
    let author = meta(&doc, "meta[name=\"author\"]")
        .or_else(|| meta(&doc, "meta[property=\"article:author\"]"))
        .filter(|a| !a.starts_with("http"));

    // The article element if the page has one, else the whole body.
    let scope = selector("article")
        .and_then(|sel| doc.select(&sel).next())
        .or_else(|| selector("body").and_then(|sel| doc.select(&sel).next()));
    let blocks = selector("p, h2, h3, h4, li, blockquote");
    let mut paragraphs: Vec<String> = Vec::new();
    if let (Some(scope), Some(blocks)) = (scope, blocks) {
        for el in scope.select(&blocks) {
            if skipped(&el) {
                continue;
            }
            // A list item or quote whose paragraphs are read on their own is not read twice.
            if matches!(el.value().name(), "li" | "blockquote")
                && el
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .any(|d| d.value().name() == "p")
            {
                continue;
            }
            let text = clean(&el.text().collect::<String>());
            if !text.is_empty() && paragraphs.last() != Some(&text) {
                paragraphs.push(text);
            }
        }
    }
    let mut text = String::new();
    if let Some(title) = &title {
        text.push_str(title);
    }
    for paragraph in paragraphs {
        if paragraph == title.as_deref().unwrap_or("") {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&paragraph);
    }
    Page {
        title,
        published,
        date_text,
        outlet,
        author,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
        <title>Armenia skips summit | Outlet</title>
        <meta property="og:title" content="Armenia skips CSTO summit">
        <meta property="og:site_name" content="Example News">
        <meta name="author" content="Jane Roe">
        <meta property="article:published_time" content="2023-11-23T10:15:00+04:00">
        <script type="application/ld+json">{"datePublished": "2020-01-01"}</script>
        <style>p { color: red }</style></head>
        <body><nav><ul><li>Home</li><li>World</li></ul></nav>
        <header><p>Subscribe to Russia Today's newsletter</p></header>
        <article><h1>Armenia skips CSTO summit</h1>
        <p>YEREVAN — Armenia will not attend the summit in <b>Minsk</b>.</p>
        <script>var russia = 1;</script>
        <p>The Kremlin   said it regretted the decision.</p>
        <ul><li>Azerbaijan closed the road.</li></ul></article>
        <footer><p>© Example News, Moscow</p></footer></body></html>"#;

    #[test]
    fn metadata_and_body_without_navigation_or_scripts() {
        let page = parse_page(PAGE);
        assert_eq!(page.title.as_deref(), Some("Armenia skips CSTO summit"));
        assert_eq!(page.outlet.as_deref(), Some("Example News"));
        assert_eq!(page.author.as_deref(), Some("Jane Roe"));
        assert_eq!(
            page.published,
            chrono::NaiveDate::from_ymd_opt(2023, 11, 23)
        );
        assert_eq!(
            page.text,
            "Armenia skips CSTO summit\n\nYEREVAN — Armenia will not attend the summit in Minsk.\n\n\
             The Kremlin said it regretted the decision.\n\nAzerbaijan closed the road."
        );
    }

    #[test]
    fn dates_from_time_elements_and_json_ld() {
        let page = parse_page(r#"<p>x</p><time datetime="2024-02-12">Feb 12</time>"#);
        assert_eq!(page.published, chrono::NaiveDate::from_ymd_opt(2024, 2, 12));
        let page = parse_page(
            r#"<script type="application/ld+json">{"@type":"NewsArticle", "datePublished" : "2022-11-23T08:00:00Z"}</script><h1>T</h1><p>Body</p>"#,
        );
        assert_eq!(
            page.published,
            chrono::NaiveDate::from_ymd_opt(2022, 11, 23)
        );
        assert_eq!(page.title.as_deref(), Some("T"));
        // Not HTML at all, or broken: no panic, whatever text there is.
        let page = parse_page("<<<>>> <p>unclosed <b>bold");
        assert!(page.text.contains("unclosed bold"));
    }
}
