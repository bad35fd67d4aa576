//! Duplicate articles: the same text (after normalising case, spacing and punctuation),
//! or nearly the same — a wire story printed by several outlets with their own
//! boilerplate — found with MinHash signatures of word shingles and locality-sensitive
//! hashing, then confirmed by the estimated Jaccard similarity.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Words per shingle.
const SHINGLE: usize = 5;
/// MinHash values per article: `BANDS` bands of `ROWS` values.
const BANDS: usize = 16;
const ROWS: usize = 4;
const HASHES: usize = BANDS * ROWS;
/// Buckets holding more articles than this are compared only along a chain (each with
/// the next), so that a passage common to thousands of articles cannot make the work
/// quadratic.
const BUCKET_LIMIT: usize = 64;

/// The default similarity above which two articles are one story.
pub const DEFAULT_THRESHOLD: f64 = 0.7;

fn stable_hash(value: impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A fast, fixed 64-bit mix (splitmix64's finaliser).
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the words of a text, lowercased, without punctuation: no allocation per
/// word (FNV-1a over the lowercased characters).
fn word_hashes(text: &str) -> Vec<u64> {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    // Per ASCII byte: its lowercase when it is a letter or digit, else 0 (a break);
    // 0x80 and above: a character to decode.
    const LOWER: [u8; 128] = {
        let mut table = [0u8; 128];
        let mut i = 0;
        while i < 128 {
            let b = i as u8;
            if b.is_ascii_alphanumeric() {
                table[i] = b.to_ascii_lowercase();
            }
            i += 1;
        }
        table
    };
    let mut hashes = Vec::with_capacity(text.len() / 6);
    let mut h: u64 = OFFSET;
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            let lower = LOWER[b as usize];
            if lower != 0 {
                h = (h ^ u64::from(lower)).wrapping_mul(PRIME);
                in_word = true;
            } else if in_word {
                hashes.push(h);
                h = OFFSET;
                in_word = false;
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in lower.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(PRIME);
                }
            }
            in_word = true;
        } else if in_word {
            hashes.push(h);
            h = OFFSET;
            in_word = false;
        }
    }
    if in_word {
        hashes.push(h);
    }
    hashes
}

struct Sketch {
    exact: u64,
    minhash: Option<[u64; HASHES]>,
}

/// The exact-text hash and a MinHash signature by one-permutation hashing: each
/// shingle's hash falls in one of `HASHES` bins by its top bits and only the bin's
/// minimum is kept (one hash per shingle, not one per signature value); empty bins
/// borrow the next filled bin's value, as densified one-permutation hashing does.
fn sketch(text: &str) -> Sketch {
    let words = word_hashes(text);
    let exact = words
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |acc, w| mix(acc ^ w));
    if words.len() < SHINGLE * 4 {
        // Too short to tell a near copy from a shared sentence: exact copies only.
        return Sketch {
            exact,
            minhash: None,
        };
    }
    let mut bins = [u64::MAX; HASHES];
    for shingle in words.windows(SHINGLE) {
        let h = mix(shingle
            .iter()
            .fold(0x2545_f491_4f6c_dd1d_u64, |acc, w| mix(acc ^ w)));
        let bin = (h >> 58) as usize % HASHES;
        let value = h & ((1 << 58) - 1);
        if value < bins[bin] {
            bins[bin] = value;
        }
    }
    // Densify: an empty bin takes the next filled one's value, marked by the distance.
    let mut filled = bins;
    for i in 0..HASHES {
        if bins[i] != u64::MAX {
            continue;
        }
        if let Some(step) = (1..HASHES).find(|s| bins[(i + s) % HASHES] != u64::MAX) {
            filled[i] = mix(bins[(i + step) % HASHES] ^ (step as u64));
        }
    }
    Sketch {
        exact,
        minhash: Some(filled),
    }
}

fn similarity(a: &[u64; HASHES], b: &[u64; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// For each text, the index of the text it duplicates (`None` for originals). Of a
/// group of copies the original is the one `earlier` puts first.
pub fn find(
    texts: &[&str],
    threshold: f64,
    earlier: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    let sketches: Vec<Sketch> = {
        use rayon::prelude::*;
        texts.par_iter().map(|t| sketch(t)).collect()
    };
    let n = texts.len();
    // Union–find over articles that are copies of each other.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let join = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    let mut exact: HashMap<u64, usize> = HashMap::new();
    for (i, s) in sketches.iter().enumerate() {
        if let Some(&first) = exact.get(&s.exact) {
            join(&mut parent, first, i);
        } else {
            exact.insert(s.exact, i);
        }
    }
    for band in 0..BANDS {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, s) in sketches.iter().enumerate() {
            if let Some(m) = &s.minhash {
                let key = stable_hash(&m[band * ROWS..(band + 1) * ROWS]);
                buckets.entry(key).or_default().push(i);
            }
        }
        for members in buckets.values().filter(|m| m.len() > 1) {
            let similar = |a: usize, b: usize| match (&sketches[a].minhash, &sketches[b].minhash) {
                (Some(x), Some(y)) => similarity(x, y) >= threshold,
                _ => false,
            };
            if members.len() > BUCKET_LIMIT {
                for pair in members.windows(2) {
                    if similar(pair[0], pair[1]) {
                        join(&mut parent, pair[0], pair[1]);
                    }
                }
                continue;
            }
            for (k, &a) in members.iter().enumerate() {
                for &b in &members[k + 1..] {
                    if root(&mut parent, a) != root(&mut parent, b) && similar(a, b) {
                        join(&mut parent, a, b);
                    }
                }
            }
        }
    }
    // The original of each group: the member `earlier` puts first.
    let mut original: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        let entry = original.entry(r).or_insert(i);
        if earlier(i, *entry) {
            *entry = i;
        }
    }
    (0..n)
        .map(|i| {
            let o = original[&root(&mut parent, i)];
            (o != i).then_some(o)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Armenia will not attend the summit of the Collective Security Treaty \
        Organization in Minsk, its foreign ministry said on Thursday, deepening a rift with \
        Russia that has grown since Azerbaijan retook Nagorno-Karabakh. Prime Minister Nikol \
        Pashinyan has said the alliance failed to protect Armenia, and officials in Yerevan \
        have frozen their participation in its exercises and meetings for the past year.";

    #[test]
    fn copies_with_other_boilerplate_are_one_story() {
        let a = format!("By Staff\nSubscribe to our newsletter\n{STORY}\nShare this article");
        let b = format!("{STORY}\n\nRead more: Azerbaijan, Armenia sign border deal\n© Outlet B");
        let c = format!("WIRE — {}", STORY.to_uppercase());
        let other = "Ukraine and Poland agreed on grain transit after weeks of talks in Warsaw \
            and Kyiv, officials said, ending a dispute that had angered farmers on both sides \
            of the border and strained relations between the two neighbours for months.";
        let texts = [a.as_str(), b.as_str(), other, c.as_str()];
        let found = find(&texts, DEFAULT_THRESHOLD, |x, y| x < y);
        assert_eq!(found, [None, Some(0), None, Some(0)]);
        // The earliest copy is the original, wherever it is in the list.
        let found = find(&texts, DEFAULT_THRESHOLD, |x, y| {
            (x == 3) || (y != 3 && x < y)
        });
        assert_eq!(found, [Some(3), Some(3), None, None]);
    }

    /// Word hashes as first written, a character at a time.
    fn reference_hashes(text: &str) -> Vec<u64> {
        let mut hashes = Vec::new();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut in_word = false;
        for c in text.chars() {
            if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for &b in lower.encode_utf8(&mut buf).as_bytes() {
                        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                    }
                }
                in_word = true;
            } else if in_word {
                hashes.push(h);
                h = 0xcbf2_9ce4_8422_2325;
                in_word = false;
            }
        }
        if in_word {
            hashes.push(h);
        }
        hashes
    }

    #[test]
    fn word_hashes_agree_with_the_character_definition() {
        let odd = "ÀRMENIA’s İstanbul ΣΟΦΊΑ Straße 東京 x\u{a0}y — 12,5 «да» ǅ ﬁne";
        for text in crate::corpus::SAMPLE_FILES
            .iter()
            .map(|(_, t)| *t)
            .chain([odd, STORY, ""])
        {
            assert_eq!(word_hashes(text), reference_hashes(text), "{text:?}");
        }
    }

    #[test]
    fn short_texts_fold_only_when_equal() {
        let found = find(
            &["Armenia spoke.", "armenia   spoke!", "Armenia left."],
            0.7,
            |a, b| a < b,
        );
        assert_eq!(found, [None, Some(0), None]);
    }
}
