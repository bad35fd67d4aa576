//! Reading what can be read of a damaged table: the good records of a CSV or JSON Lines
//! file around the ones that cannot be parsed, and the complete lines of a compressed
//! file cut short.

use std::ops::Range;

/// The records of a text table that can be read, and the lines of those that cannot.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Salvage {
    /// Byte ranges of the records kept (the header first), each ending at its line end.
    pub kept: Vec<Range<usize>>,
    /// First line (from 1) of every record left out.
    pub bad_lines: Vec<usize>,
}

impl Salvage {
    /// The kept records as one table, each ending with a line end.
    pub fn join(&self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.kept.iter().map(|r| r.len() + 1).sum());
        for range in &self.kept {
            out.extend_from_slice(&bytes[range.clone()]);
            if !out.ends_with(b"\n") {
                out.push(b'\n');
            }
        }
        out
    }
}

/// How one record ended.
enum Record {
    /// A well-formed record of this many fields, ending at the byte after its line end.
    Fields(usize),
    /// A quote that is never closed, or text glued to a closing quote.
    Malformed,
}

/// Reads one CSV record starting at `start` (RFC 4180: fields may be quoted, a quote
/// inside a quoted field is doubled). Returns where the next record starts.
fn record(bytes: &[u8], start: usize, separator: u8) -> (usize, Record) {
    let n = bytes.len();
    let mut i = start;
    let mut fields = 1;
    loop {
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let Some(quote) = bytes[i..].iter().position(|&b| b == b'"') else {
                    return (n, Record::Malformed);
                };
                i += quote + 1;
                if bytes.get(i) == Some(&b'"') {
                    i += 1;
                } else {
                    break;
                }
            }
            match bytes.get(i) {
                None => return (n, Record::Fields(fields)),
                Some(&b) if b == separator => {
                    fields += 1;
                    i += 1;
                }
                Some(b'\n') => return (i + 1, Record::Fields(fields)),
                Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => {
                    return (i + 2, Record::Fields(fields));
                }
                Some(_) => return (i, Record::Malformed),
            }
        } else {
            let end = bytes[i..]
                .iter()
                .position(|&b| b == separator || b == b'\n')
                .map_or(n, |p| i + p);
            match bytes.get(end) {
                None => return (n, Record::Fields(fields)),
                Some(b'\n') => return (end + 1, Record::Fields(fields)),
                Some(_) => {
                    fields += 1;
                    i = end + 1;
                }
            }
        }
    }
}

/// The records of a CSV (or TSV) table. A record that cannot be parsed — a quote never
/// closed, text after a closing quote, more fields than the header — is left out, and
/// reading starts again on the line after its first line; until a record with exactly
/// the header's number of fields is found there, the lines are left out too (they are
/// the rest of the broken record). Returns `None` when the header itself is broken.
pub fn csv_records(bytes: &[u8], separator: u8) -> Option<Salvage> {
    let (header_end, header) = record(bytes, 0, separator);
    let Record::Fields(columns) = header else {
        return None;
    };
    let mut salvage = Salvage {
        kept: std::iter::once(0..header_end).collect(),
        bad_lines: Vec::new(),
    };
    let mut line = 1 + count_lines(&bytes[..header_end]);
    let mut start = header_end;
    // After a broken record: whether the lines read are still the rest of it.
    let mut resynchronising = false;
    while start < bytes.len() {
        let (end, found) = record(bytes, start, separator);
        let good = match found {
            Record::Fields(fields) if resynchronising => fields == columns,
            Record::Fields(fields) => fields <= columns,
            Record::Malformed => false,
        };
        if good {
            if !bytes[start..end].iter().all(u8::is_ascii_whitespace) {
                salvage.kept.push(start..end);
            }
            resynchronising = false;
            line += count_lines(&bytes[start..end]);
            start = end;
        } else {
            if !resynchronising {
                salvage.bad_lines.push(line);
            }
            resynchronising = true;
            let next = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| start + p + 1);
            line += 1;
            start = next;
        }
    }
    Some(salvage)
}

/// The lines of a JSON Lines table that hold a JSON object; blank lines are skipped.
pub fn json_lines(bytes: &[u8]) -> Salvage {
    let mut salvage = Salvage::default();
    let mut start = 0;
    for (number, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let range = start..start + line.len();
        start = range.end;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(line).is_ok() {
            salvage.kept.push(range);
        } else {
            salvage.bad_lines.push(number + 1);
        }
    }
    salvage
}

/// `bytes` up to its last line end: a file cut short ends in the middle of a record.
pub fn complete_lines(bytes: &mut Vec<u8>) {
    let end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    bytes.truncate(end);
}

/// "line 17", "lines 17, 503 and 880", "lines 3, 9, 12 and 40 more".
pub fn describe_lines(lines: &[usize]) -> String {
    const SHOWN: usize = 10;
    let shown: Vec<String> = lines.iter().take(SHOWN).map(usize::to_string).collect();
    match (lines.len(), shown.as_slice()) {
        (1, [one]) => format!("line {one}"),
        (n, _) if n > SHOWN => format!("lines {} and {} more", shown.join(", "), n - SHOWN),
        (_, [init @ .., last]) => format!("lines {} and {last}", init.join(", ")),
        _ => String::new(),
    }
}

fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(bytes: &[u8], salvage: &Salvage) -> String {
        String::from_utf8(salvage.join(bytes)).unwrap()
    }

    #[test]
    fn good_csv_is_kept_whole() {
        let csv = b"id,text\n1,\"a, \"\"quoted\"\"\nline\"\n2,plain\r\n3,\"x\"";
        let salvage = csv_records(csv, b',').unwrap();
        assert!(salvage.bad_lines.is_empty());
        assert_eq!(salvage.kept.len(), 4);
    }

    #[test]
    fn a_broken_quote_loses_its_row_only() {
        let csv = b"id,title,text\n1,a,one\n2,b,\"He said \"hi\" there\"\n3,c,three\n4,d,\"never closed\n5,e,five\n6,f,\"six\"\n";
        let salvage = csv_records(csv, b',').unwrap();
        assert_eq!(salvage.bad_lines, vec![3, 5]);
        assert_eq!(
            kept(csv, &salvage),
            "id,title,text\n1,a,one\n3,c,three\n5,e,five\n6,f,\"six\"\n"
        );
    }

    #[test]
    fn too_many_fields_is_a_bad_row_and_the_rest_of_a_broken_record_is_skipped() {
        let csv = b"id,text\n1,one\n2,two,extra\n3,three\n";
        let salvage = csv_records(csv, b',').unwrap();
        assert_eq!(salvage.bad_lines, vec![3]);
        // A quoted field broken in a multi-line text: its other lines are not rows.
        let csv = b"id,title,text\n1,a,\"first\nsecond\"x\nthird line\n2,b,\"ok\nstill ok\"\n";
        let salvage = csv_records(csv, b',').unwrap();
        assert_eq!(salvage.bad_lines, vec![2]);
        assert_eq!(kept(csv, &salvage), "id,title,text\n2,b,\"ok\nstill ok\"\n");
    }

    #[test]
    fn json_lines_keep_the_objects() {
        let jsonl = b"{\"text\":\"a\"}\n{\"text\": \"b\n\n[1,2]\n{\"text\":\"c\"}";
        let salvage = json_lines(jsonl);
        assert_eq!(salvage.bad_lines, vec![2, 4]);
        assert_eq!(
            kept(jsonl, &salvage),
            "{\"text\":\"a\"}\n{\"text\":\"c\"}\n"
        );
    }

    #[test]
    fn lines_are_described_briefly() {
        assert_eq!(describe_lines(&[7]), "line 7");
        assert_eq!(describe_lines(&[1, 2, 3]), "lines 1, 2 and 3");
        let many: Vec<usize> = (1..=13).collect();
        assert!(describe_lines(&many).ends_with("and 3 more"));
    }
}
