//! Text search over the sentences of mentions, ignoring case: each sentence is
//! lowercased once, ASCII needles are found without lowercasing at all.

use std::sync::Arc;

use super::Index;
use crate::frames::FrameError;

impl Index {
    /// Per mention row: whether its sentence contains `search`, ignoring case. Each
    /// sentence of an article with mentions is lowercased once, on every core; the
    /// answer for the last search is kept, since the timeline and the tables ask in turn.
    pub(super) fn search(&self, search: &str) -> Result<Arc<Vec<bool>>, FrameError> {
        if let Ok(cache) = self.search_cache.lock()
            && let Some((cached, found)) = cache.as_ref()
            && cached == search
        {
            return Ok(found.clone());
        }
        let needle = search.to_lowercase();
        let fast = ascii_searcher(&needle);
        let texts: Vec<Option<&str>> = self.texts.iter().map(|t| Some(t.as_str())).collect();
        let mentioned = self.articles_mentioned();
        // One core is left to the window, which keeps drawing while this runs.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .saturating_sub(1)
            .max(1);
        let chunk = texts.len().div_ceil(threads).max(1);
        let hits: Vec<Vec<bool>> = std::thread::scope(|scope| {
            let workers: Vec<_> = texts
                .chunks(chunk)
                .zip(mentioned.chunks(chunk))
                .zip(self.sentence_spans.chunks(chunk))
                .map(|((texts, mentioned), spans)| {
                    let (needle, fast) = (needle.as_str(), fast.as_ref());
                    let size = texts.len();
                    let worker = scope.spawn(move || {
                        texts
                            .iter()
                            .zip(mentioned)
                            .zip(spans)
                            .map(|((text, mentioned), spans)| match text {
                                Some(text) if *mentioned => {
                                    sentence_hits(text, spans, needle, fast)
                                }
                                _ => Vec::new(),
                            })
                            .collect::<Vec<_>>()
                    });
                    (worker, size)
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|(worker, size)| worker.join().unwrap_or_else(|_| vec![Vec::new(); size]))
                .collect()
        });
        let found: Arc<Vec<bool>> = Arc::new(
            self.mention_article
                .iter()
                .zip(&self.mention_sentence)
                .map(|(&a, &s)| {
                    hits.get(a as usize)
                        .and_then(|h| h.get(s as usize))
                        .copied()
                        .unwrap_or(false)
                })
                .collect(),
        );
        if let Ok(mut cache) = self.search_cache.lock() {
            *cache = Some((search.to_owned(), found.clone()));
        }
        Ok(found)
    }
}

/// For a needle of ASCII characters only: an automaton that finds it in original text
/// ignoring ASCII case (pattern 0), and finds the two characters whose lowercase holds
/// ASCII letters (pattern 1 'İ', pattern 2 'K' Kelvin), where that shortcut would differ
/// from lowercasing.
fn ascii_searcher(needle: &str) -> Option<aho_corasick::AhoCorasick> {
    if !needle.is_ascii() || needle.is_empty() {
        return None;
    }
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([needle, "\u{130}", "\u{212A}"])
        .ok()
}

/// Per sentence (`spans` of `text`): whether it contains `needle` (already lowercase),
/// ignoring case as lowercasing the sentence would. Empty when no sentence does.
fn sentence_hits(
    text: &str,
    spans: &[(u32, u32)],
    needle: &str,
    fast: Option<&aho_corasick::AhoCorasick>,
) -> Vec<bool> {
    let span = |&(start, end): &(u32, u32)| (start as usize, end as usize);
    if let Some(automaton) = fast {
        let mut hits = Vec::new();
        for found in automaton.find_overlapping_iter(text) {
            if found.pattern().as_usize() != 0 {
                return lowercase_hits(text, spans, needle);
            }
            let i = spans.partition_point(|s| span(s).0 <= found.start());
            if let Some(i) = i.checked_sub(1)
                && span(&spans[i]).1 >= found.end()
            {
                hits.resize(spans.len(), false);
                hits[i] = true;
            }
        }
        return hits;
    }
    lowercase_hits(text, spans, needle)
}

/// [`sentence_hits`] by lowercasing: the article once, and each sentence on its own
/// only when lowercasing changed the length of some character.
fn lowercase_hits(text: &str, spans: &[(u32, u32)], needle: &str) -> Vec<bool> {
    let lower = text.to_lowercase();
    if !lower.contains(needle) {
        return Vec::new();
    }
    let same_offsets = lower.len() == text.len()
        && lower
            .char_indices()
            .map(|(i, _)| i)
            .eq(text.char_indices().map(|(i, _)| i));
    spans
        .iter()
        .map(|&(start, end)| {
            let range = start as usize..end as usize;
            if same_offsets {
                lower.get(range).is_some_and(|s| s.contains(needle))
            } else {
                text.get(range)
                    .is_some_and(|s| s.to_lowercase().contains(needle))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lowercasing each sentence, the definition the fast paths must agree with.
    fn reference(text: &str, needle: &str) -> Vec<bool> {
        crate::text::sentence_spans(text)
            .into_iter()
            .map(|(s, e)| text[s..e].to_lowercase().contains(needle))
            .collect()
    }

    #[test]
    fn sentence_search_agrees_with_lowercasing_each_sentence() {
        let texts = [
            "The KREMLIN said “no”. Moscow’s Kremlin spokesman agreed.\nNothing here.",
            "İstanbul talks. The Kremlin met in İzmir.",
            "A 5 \u{212A} rise. Kelvin. The kremlin again",
            "Россия и Армения. РОССИЯ снова.",
            "Ends with kreml. In the next sentence.",
        ];
        for text in texts {
            let spans: Vec<(u32, u32)> = crate::text::sentence_spans(text)
                .into_iter()
                .map(|(s, e)| (s as u32, e as u32))
                .collect();
            for needle in ["kremlin", "k", "i̇zmir", "россия", "kreml. in", "zzz"] {
                let fast = ascii_searcher(needle);
                let mut got = sentence_hits(text, &spans, needle, fast.as_ref());
                let want = reference(text, needle);
                if got.is_empty() {
                    got = vec![false; want.len()];
                }
                assert_eq!(got, want, "{needle:?} in {text:?}");
            }
        }
    }
}
