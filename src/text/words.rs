//! Words: case folding that keeps byte offsets, and word counts.

/// Lowercases character by character, keeping each character's UTF-8 length, so that
/// byte offsets in the folded text are byte offsets in the original.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        // A run of ASCII is copied and lowercased in place.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        if let Some(run) = out.get_mut(from..) {
            run.make_ascii_lowercase();
        }
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// Words: whitespace-separated tokens holding at least one letter or digit.
pub fn word_count(text: &str) -> u32 {
    // One pass over the bytes, ASCII classified by table; only other characters are
    // decoded.
    const SPACE: u8 = 1;
    const WORD: u8 = 2;
    const WIDE: u8 = 3;
    const CLASS: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut i = 0;
        while i < 256 {
            let b = i as u8;
            table[i] = if b >= 0x80 {
                WIDE
            } else if matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
                SPACE
            } else if b.is_ascii_alphanumeric() {
                WORD
            } else {
                0
            };
            i += 1;
        }
        table
    };
    let bytes = text.as_bytes();
    let (mut n, mut counted, mut i) = (0usize, false, 0);
    while let Some(&b) = bytes.get(i) {
        let mut class = CLASS[b as usize];
        i += 1;
        if class == WIDE {
            let c = text[i - 1..].chars().next().unwrap_or(' ');
            i += c.len_utf8() - 1;
            class = if c.is_whitespace() {
                SPACE
            } else if c.is_alphanumeric() {
                WORD
            } else {
                0
            };
        }
        if class == SPACE {
            counted = false;
        } else if class == WORD && !counted {
            n += 1;
            counted = true;
        }
    }
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_byte_offsets() {
        let text = "ÉLYSÉE İstanbul ẞ Straße";
        assert_eq!(fold(text).len(), text.len());
    }

    #[test]
    fn word_count_agrees_with_splitting_on_whitespace() {
        let reference = |text: &str| {
            text.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count() as u32
        };
        let odd = "a\u{a0}b\u{2003}c — d – 12 ,, x\u{b}y\u{85}z Ünï 東京 «да» \t\r\n end";
        for text in super::super::SAMPLE_TEXTS
            .iter()
            .copied()
            .chain([odd, "", " ", "—"])
        {
            assert_eq!(word_count(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn word_counts() {
        assert_eq!(word_count("Armenia’s  move — a shift, 2023."), 5);
    }
}
