//! Sentences: byte ranges of the sentences of a text, split once and reused by
//! extraction, search, context and the index.

/// Abbreviations whose final period does not end a sentence.
const ABBREVIATIONS: [&str; 44] = [
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "prof", "jr", "sr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.u", "vs", "no", "inc", "co", "corp", "capt", "sgt", "maj", "adm", "amb",
    "approx", "est", "etc", "fig",
];

/// Byte ranges of the sentences of `text`: paragraphs split at `.`, `!`, `?` followed by
/// a space and a capital, digit or quote, except after abbreviations and initials.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for paragraph in text.split('\n') {
        let base = offset;
        offset += paragraph.len() + 1;
        let mut start = 0;
        let bytes = paragraph.as_bytes();
        let mut i = 0;
        // Terminators are ASCII or '…' (E2 80 A6); no other character holds their bytes.
        while i < bytes.len() {
            let length = match bytes[i] {
                b'.' | b'!' | b'?' => 1,
                0xE2 if bytes[i..].starts_with("…".as_bytes()) => 3,
                _ => {
                    i += 1;
                    continue;
                }
            };
            let at = i;
            i += length;
            // Skip closing quotes and brackets after the terminator; a space must follow.
            let mut space = None;
            for (k, ch) in paragraph[i..].char_indices() {
                match ch {
                    '"' | '\'' | '”' | '’' | ')' | ']' => {}
                    ' ' => {
                        space = Some(i + k);
                        break;
                    }
                    _ => break,
                }
            }
            let Some(end) = space else { continue };
            let next = paragraph[end..].chars().find(|ch| *ch != ' ');
            let starts_sentence = next.is_some_and(|n| {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '"' | '“' | '‘' | '\'' | '[' | '(')
            });
            if !starts_sentence || (bytes[at] == b'.' && is_abbreviation(&paragraph[..at])) {
                continue;
            }
            push_trimmed(&mut spans, paragraph, base, start, end);
            start = end;
        }
        push_trimmed(&mut spans, paragraph, base, start, paragraph.len());
    }
    spans
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '[' | '—'))
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

fn push_trimmed(
    spans: &mut Vec<(usize, usize)>,
    paragraph: &str,
    base: usize,
    start: usize,
    end: usize,
) {
    let piece = &paragraph[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() {
        return;
    }
    spans.push((base + start + lead, base + end - trail));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_ends_not_abbreviations() {
        let text = "Mr. Pashinyan met the U.S. Army in Feb. 11 talks. He left! “Yes,” she said.\n\nNew paragraph";
        let spans: Vec<&str> = sentence_spans(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            spans,
            vec![
                "Mr. Pashinyan met the U.S. Army in Feb. 11 talks.",
                "He left!",
                "“Yes,” she said.",
                "New paragraph"
            ]
        );
    }

    /// Sentence splitting as first written, one character at a time: the definition
    /// the byte scan must agree with.
    fn reference_spans(text: &str) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut offset = 0;
        for paragraph in text.split('\n') {
            let base = offset;
            offset += paragraph.len() + 1;
            let mut start = 0;
            let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
            for (k, &(i, c)) in chars.iter().enumerate() {
                if !matches!(c, '.' | '!' | '?' | '…') {
                    continue;
                }
                let mut j = k + 1;
                while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | ']')
                {
                    j += 1;
                }
                if j >= chars.len() || chars[j].1 != ' ' {
                    continue;
                }
                let next = chars[j + 1..]
                    .iter()
                    .find(|(_, ch)| *ch != ' ')
                    .map(|&(_, ch)| ch);
                let starts_sentence = next.is_some_and(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '“' | '‘' | '\'' | '[' | '(')
                });
                if !starts_sentence || (c == '.' && is_abbreviation(&paragraph[..i])) {
                    continue;
                }
                let end = chars[j].0;
                push_trimmed(&mut spans, paragraph, base, start, end);
                start = end;
            }
            push_trimmed(&mut spans, paragraph, base, start, paragraph.len());
        }
        spans
    }

    #[test]
    fn sentence_spans_agree_with_the_character_definition() {
        let mut texts: Vec<String> = super::super::SAMPLE_TEXTS
            .iter()
            .map(|t| (*t).to_owned())
            .collect();
        texts.extend(
            [
                "He left… Then she came. “Why?” he asked. (Yes.) [No.] Mr. Smith met Dr. Who. 3 Dec.",
                "End.\"  Next one!  ’Quoted’ ok? … … a. B.  ",
                "Ünïcödé. Ärger! Ōkubo? 東京. Россия. Армения! «Да.» Ok…Yes. x.\n\nNew. line.",
                "...",
                "",
                ". . A",
            ]
            .map(str::to_owned),
        );
        for text in &texts {
            assert_eq!(sentence_spans(text), reference_spans(text), "{text:?}");
            // Every cut that falls on a character boundary, too.
            for (cut, _) in text.char_indices().step_by(7) {
                let piece = &text[..cut];
                assert_eq!(sentence_spans(piece), reference_spans(piece), "{piece:?}");
            }
        }
    }
}
