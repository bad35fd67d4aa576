//! Bytes to text: UTF-8, UTF-16 with a byte order mark, Windows-1252.

/// Why bytes are not text an article can be read from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Nothing but white space.
    #[error("the file is empty")]
    Empty,
    /// NUL bytes near the start.
    #[error("looks like a binary file (it contains NUL bytes), not text")]
    Binary,
    /// Neither UTF-8 nor text in Windows-1252.
    #[error(
        "is neither UTF-8 nor readable as Windows-1252 text (invalid byte at offset {offset}); is it a binary file?"
    )]
    NotText {
        /// The first byte that is not UTF-8.
        offset: usize,
    },
    /// A UTF-16 surrogate without its pair.
    #[error("is not valid UTF-16 text (a broken character at offset {offset})")]
    BrokenUtf16 {
        /// Byte offset of the broken unit, counting the byte order mark.
        offset: usize,
    },
    /// An odd number of bytes after a UTF-16 byte order mark.
    #[error("is not valid UTF-16 text (it ends in the middle of a character)")]
    TruncatedUtf16,
}

/// Decodes article bytes: UTF-8 with or without a byte order mark, UTF-16 (little or
/// big endian) with one, and Windows-1252 when the bytes are not valid UTF-8 — then
/// with a note saying so. Line ends become `\n` (CRLF and lone CR too). Empty and
/// binary content is refused with a reason.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), DecodeError> {
    let (text, note) = if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        (utf16(rest, u16::from_le_bytes)?, None)
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        (utf16(rest, u16::from_be_bytes)?, None)
    } else {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        if bytes.iter().take(8192).any(|&b| b == 0) {
            return Err(DecodeError::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), None),
            Err(e) => {
                let text = windows_1252(bytes);
                if looks_binary(&text) {
                    return Err(DecodeError::NotText {
                        offset: e.valid_up_to(),
                    });
                }
                let note = format!(
                    "read as Windows-1252: it is not valid UTF-8 (first invalid byte at offset {}); check accented letters",
                    e.valid_up_to()
                );
                (text, Some(note))
            }
        }
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok((text, note))
}

/// UTF-16 code units to text; a lone surrogate is refused with its offset.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(DecodeError::BrokenUtf16 { offset: 2 + 2 * i });
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(DecodeError::TruncatedUtf16);
    }
    Ok(text)
}

/// Windows-1252 (a superset of Latin-1 in 0xA0–0xFF) to text.
fn windows_1252(bytes: &[u8]) -> String {
    // 0x80–0x9F; the five bytes Windows-1252 leaves undefined keep their C1 code point.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Whether decoded text is mostly control characters: a binary file read as text.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(8192).collect();
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    control * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_are_explained() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"\xef\xbb\xbf \n").unwrap_err(), DecodeError::Empty);
        assert!(
            decode(b"\x00\x01\x02abc")
                .unwrap_err()
                .to_string()
                .contains("binary")
        );
        let binary: Vec<u8> = (0u8..=255)
            .cycle()
            .skip(1)
            .take(4000)
            .filter(|b| *b != 0)
            .collect();
        assert!(decode(&binary).unwrap_err().to_string().contains("binary"));
        assert!(
            decode(b"\xff\xfeA\x00\x00\xd8")
                .unwrap_err()
                .to_string()
                .contains("UTF-16")
        );
    }

    #[test]
    fn encodings_and_line_ends() {
        let plain = |bytes: &[u8]| decode(bytes).unwrap();
        assert_eq!(plain(b"\xef\xbb\xbfhello"), ("hello".to_owned(), None));
        // UTF-16 with byte order marks.
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Ереван, Türkiye".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(plain(&le).0, "Ереван, Türkiye");
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("Ереван".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(plain(&be).0, "Ереван");
        // Windows-1252, with a note.
        let (text, note) = plain(b"Caf\xe9 \x93quoted\x94 \x80 5");
        assert_eq!(text, "Café “quoted” € 5");
        assert!(note.unwrap().contains("Windows-1252"));
        // CRLF and CR.
        assert_eq!(plain(b"a\r\nb\rc\n").0, "a\nb\nc\n");
    }
}
