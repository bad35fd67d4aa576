//! Spans of a text whose words are never mentions: the place of a wire dateline
//! ("YEREVAN, Dec 28 (Reuters) -" says where a story was filed) and ticker or company
//! markup of wire copy ("<SNE.T>").

/// Byte ranges of the places of wire datelines that open a paragraph.
pub(super) fn dateline_places(text: &str) -> Vec<(usize, usize)> {
    let mut places = Vec::new();
    let mut offset = 0;
    for paragraph in text.split('\n') {
        let start = offset;
        offset += paragraph.len() + 1;
        // A quick look before parsing: a dateline opens with a word in capitals.
        let first_word = paragraph
            .split(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("");
        if first_word.chars().count() < 2
            || !first_word.chars().any(char::is_alphabetic)
            || first_word.chars().any(char::is_lowercase)
        {
            continue;
        }
        if let Some(dateline) = crate::dates::parse_dateline(paragraph) {
            places.push((start, start + dateline.place.len()));
        }
    }
    places
}

/// Byte ranges of `<…>` markup on one line (at most 80 bytes, nothing nested).
pub(super) fn markup_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(open) = bytes[at..].iter().position(|&b| b == b'<').map(|p| at + p) {
        let inner = &bytes[open + 1..(open + 81).min(bytes.len())];
        match inner.iter().position(|&b| matches!(b, b'>' | b'<' | b'\n')) {
            Some(p) if inner[p] == b'>' => {
                spans.push((open, open + 1 + p));
                at = open + 2 + p;
            }
            _ => at = open + 1,
        }
    }
    spans
}
