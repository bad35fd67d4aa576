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

/// The text of the page's paragraph elements (`p`, headings, list items, quotes).
fn paragraph_blocks(scope: ElementRef<'_>) -> Vec<String> {
    let Some(blocks) = selector("p, h2, h3, h4, li, blockquote") else {
        return Vec::new();
    };
    let mut paragraphs: Vec<String> = Vec::new();
    for el in scope.select(&blocks) {
        if skipped(&el) {
            continue;
        }
        // A list item that is only a link is another story's headline.
        if el.value().name() == "li" && link_only(&el) {
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
        push_paragraph(&mut paragraphs, &el.text().collect::<String>());
    }
    paragraphs
}

/// Whether all the text of `el` is inside links.
fn link_only(el: &ElementRef<'_>) -> bool {
    let all = clean(&el.text().collect::<String>());
    let linked: String = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|d| d.value().name() == "a")
        .map(|a| a.text().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    !all.is_empty() && clean(&linked) == all
}

/// Elements that start a new block of text.
const BLOCKS: [&str; 22] = [
    "div",
    "p",
    "section",
    "article",
    "main",
    "td",
    "th",
    "li",
    "dd",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figcaption",
    "tr",
    "ul",
    "ol",
];

/// Every run of text in `scope`, one paragraph per innermost block element that holds
/// it (for pages that set their text in `<div>`s rather than `<p>`s).
fn text_blocks(scope: ElementRef<'_>) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_block = None;
    for node in scope.descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let mut block = None;
        let mut hidden = false;
        for ancestor in node.ancestors().filter_map(ElementRef::wrap) {
            let name = ancestor.value().name();
            if SKIPPED.contains(&name) {
                hidden = true;
                break;
            }
            if block.is_none() && BLOCKS.contains(&name) {
                block = Some(ancestor.id());
            }
        }
        if hidden {
            continue;
        }
        if block != current_block {
            push_paragraph(&mut paragraphs, &current);
            current.clear();
            current_block = block;
        }
        current.push_str(text);
    }
    push_paragraph(&mut paragraphs, &current);
    paragraphs
}

/// Adds `text`, its spaces collapsed, as a paragraph unless it is empty or repeats
/// the last one.
fn push_paragraph(paragraphs: &mut Vec<String>, text: &str) {
    let text = clean(text);
    if !text.is_empty() && paragraphs.last() != Some(&text) {
        paragraphs.push(text);
    }
}

/// The site named at the end of a page title ("Talks resume - Atlantic Globe"), when
/// it is the outlet's name or, without one, reads as a site's name.
fn site_suffix(title: &str, outlet: Option<&str>) -> Option<String> {
    let (at, separator) = [" | ", " - ", " – ", " — ", " :: "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, *sep)))
        .max_by_key(|(at, _)| *at)?;
    let (head, site) = (title[..at].trim(), title[at + separator.len()..].trim());
    if head.split_whitespace().count() < 2 || site.is_empty() {
        return None;
    }
    let is_outlet = outlet.is_some_and(|o| o.eq_ignore_ascii_case(site));
    let site_like = site.split_whitespace().count() <= 3
        && site.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        && (separator == " | " || site.contains('.') || outlet.is_none());
    (is_outlet || (outlet.is_none() && site_like)).then(|| site.to_owned())
}

/// A page title without the site's name after it; the `<h1>` when the title is the
/// headline followed by more.
fn without_site(title: &str, outlet: Option<&str>, h1: Option<&str>) -> String {
    if let Some(h1) = h1
        && h1.split_whitespace().count() >= 2
        && title.len() > h1.len()
        && title.starts_with(h1)
    {
        return h1.to_owned();
    }
    match site_suffix(title, outlet) {
        Some(site) => title[..title.len() - site.len()]
            .trim_end()
            .trim_end_matches(['|', '-', '–', '—', ':'])
            .trim_end()
            .to_owned(),
        None => title.to_owned(),
    }
}

/// The author of the page's JSON-LD article: `author` as a name, an object with a name,
/// or a list of them.
fn json_ld_author(doc: &Html) -> Option<String> {
    let sel = selector("script[type=\"application/ld+json\"]")?;
    fn names(value: &serde_json::Value) -> Vec<String> {
        match value {
            serde_json::Value::String(s) => vec![clean(s)],
            serde_json::Value::Object(o) => o
                .get("name")
                .and_then(serde_json::Value::as_str)
                .map(clean)
                .into_iter()
                .collect(),
            serde_json::Value::Array(items) => items.iter().flat_map(names).collect(),
            _ => Vec::new(),
        }
    }
    fn find(value: &serde_json::Value) -> Option<String> {
        match value {
            serde_json::Value::Object(o) => {
                if let Some(author) = o.get("author") {
                    let found: Vec<String> = names(author)
                        .into_iter()
                        .filter(|n| !n.is_empty() && !n.starts_with("http"))
                        .collect();
                    if !found.is_empty() {
                        return Some(found.join(", "));
                    }
                }
                o.get("@graph").and_then(find)
            }
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    doc.select(&sel).find_map(|script| {
        let json: String = script.text().collect();
        serde_json::from_str::<serde_json::Value>(&json)
            .ok()
            .as_ref()
            .and_then(find)
    })
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
    let mut paragraphs = scope.map(paragraph_blocks).unwrap_or_default();
    // A page whose text is not in paragraph elements: every block of text instead.
    if let Some(scope) = scope {
        let words = |ps: &[String]| {
            ps.iter()
                .map(|p| p.split_whitespace().count())
                .sum::<usize>()
        };
        let blocks = text_blocks(scope);
        let (in_paragraphs, in_blocks) = (words(&paragraphs), words(&blocks));
        if in_paragraphs * 2 < in_blocks && (in_paragraphs < 30 || in_paragraphs * 5 < in_blocks) {
            paragraphs = blocks;
        }
    }
    // Menus ("News Sports Opinion") are not the article.
    paragraphs.retain(|p| !super::header::navigation_line(p));
    let outlet = outlet.or_else(|| title.as_deref().and_then(|t| site_suffix(t, None)));
    let title = title.map(|t| without_site(&t, outlet.as_deref(), first_text("h1").as_deref()));
    let mut author = author.or_else(|| json_ld_author(&doc));
    // A "By Jane Roe" line near the top is the byline, not body text.
    if let Some(i) = paragraphs
        .iter()
        .take(6)
        .position(|p| super::header::byline(p).is_some())
    {
        if author.is_none() {
            author = super::header::byline(&paragraphs[i]);
        }
        paragraphs.remove(i);
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

    #[test]
    fn text_in_divs_site_suffix_json_ld_author_and_bylines() {
        let page = parse_page(
            r#"<html><head><title>Talks resume in Geneva - Atlantic Globe</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebPage"},
              {"@type":"NewsArticle","author":[{"@type":"Person","name":"Jane Roe"},{"name":"John Doe"}]}]}
            </script></head><body>
            <div class="menu">News Sports Opinion Business</div>
            <div class="story"><div class="para">Negotiators from both sides met on Monday for the
            first time in a year, officials said.</div><div class="para"><span>The talks</span>
            will go on until Friday.</div></div></body></html>"#,
        );
        assert_eq!(page.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(page.outlet.as_deref(), Some("Atlantic Globe"));
        assert_eq!(page.author.as_deref(), Some("Jane Roe, John Doe"));
        assert_eq!(
            page.text,
            "Talks resume in Geneva\n\nNegotiators from both sides met on Monday for the first \
             time in a year, officials said.\n\nThe talks will go on until Friday."
        );
        let page = parse_page(
            r#"<title>Armenia skips summit | Example News</title>
            <meta property="og:site_name" content="Example News"><article><h1>Armenia skips summit</h1>
            <p>By John Smith</p><p>Armenia will not attend the summit, its foreign ministry said on Monday.</p></article>"#,
        );
        assert_eq!(page.title.as_deref(), Some("Armenia skips summit"));
        assert_eq!(page.author.as_deref(), Some("John Smith"));
        assert_eq!(
            page.text,
            "Armenia skips summit\n\nArmenia will not attend the summit, its foreign ministry said on Monday."
        );
        // A dash inside a headline is not a site's name.
        let page = parse_page(
            "<title>Russia, Ukraine trade blame - again - as talks stall in Istanbul</title><p>x</p>",
        );
        assert_eq!(
            page.title.as_deref(),
            Some("Russia, Ukraine trade blame - again - as talks stall in Istanbul")
        );
    }
}
