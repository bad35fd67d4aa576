//! Extraction: finding every mention of every actor in the articles of a corpus,
//! with each article's sentences, a batch of articles at a time on every core.

mod matcher;
mod rematch;
mod skip;
mod usage;

pub use matcher::{BuildError, Found, Matcher};
pub use rematch::changed_phrases;

use rayon::prelude::*;

use crate::actors::{AliasClass, Usage};
use crate::corpus::{ArticleId, Corpus};

/// Index of an actor in the dictionary the matcher was built from.
pub type ActorIndex = u32;

/// One mention of an actor in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The article.
    pub article: ArticleId,
    /// The actor, as an index into the dictionary's actors.
    pub actor: ActorIndex,
    /// Which kind of alias matched.
    pub alias_class: AliasClass,
    /// What the words do in their sentence.
    pub usage: Usage,
    /// First character (Unicode scalar value) of the match in the article text.
    pub start: u32,
    /// One past the last character of the match.
    pub end: u32,
    /// Byte range of the match in the article text.
    pub byte_range: (u32, u32),
    /// Sentence number within the article, from 0.
    pub sentence_index: u32,
}

/// Mentions of a corpus as columns, in article and text order, with every article's
/// sentence spans (split once during extraction, used again for search and context).
#[derive(Debug, Default)]
pub struct Extraction {
    /// Per mention: the article's row.
    pub article: Vec<u32>,
    /// Per mention: the actor's position in the dictionary.
    pub actor: Vec<u32>,
    /// Per mention: which kind of alias matched.
    pub class: Vec<AliasClass>,
    /// Per mention: what the words do in their sentence.
    pub usage: Vec<Usage>,
    /// Per mention: first and one-past-last character.
    pub chars: Vec<(u32, u32)>,
    /// Per mention: byte range in the text.
    pub bytes: Vec<(u32, u32)>,
    /// Per mention: sentence within the article.
    pub sentence: Vec<u32>,
    /// Per article: byte spans of its sentences.
    pub sentences: Vec<Vec<(u32, u32)>>,
}

impl Extraction {
    /// Mentions found.
    pub fn len(&self) -> usize {
        self.article.len()
    }

    /// Whether no mention was found.
    pub fn is_empty(&self) -> bool {
        self.article.is_empty()
    }

    pub(crate) fn push(&mut self, mentions: Vec<Mention>, sentences: Vec<(u32, u32)>) {
        for m in mentions {
            self.article.push(m.article.0);
            self.actor.push(m.actor);
            self.class.push(m.alias_class);
            self.usage.push(m.usage);
            self.chars.push((m.start, m.end));
            self.bytes.push(m.byte_range);
            self.sentence.push(m.sentence_index);
        }
        self.sentences.push(sentences);
    }
}

/// Articles searched together, on every core, between progress reports.
const EXTRACT_BATCH: usize = 1024;

/// Extracts mentions from every article of a corpus.
pub fn extract_all(corpus: &Corpus, matcher: &Matcher) -> Extraction {
    extract_until(corpus, matcher, &mut |_| true).unwrap_or_default()
}

/// Extracts mentions a batch of articles at a time on every core, calling `go_on` with
/// the number of articles done before each batch; `None` when it returns false.
pub fn extract_until(
    corpus: &Corpus,
    matcher: &Matcher,
    go_on: &mut dyn FnMut(usize) -> bool,
) -> Option<Extraction> {
    let mut out = Extraction {
        sentences: Vec::with_capacity(corpus.articles.len()),
        ..Extraction::default()
    };
    for (number, batch) in corpus.articles.chunks(EXTRACT_BATCH).enumerate() {
        if !go_on(number * EXTRACT_BATCH) {
            return None;
        }
        let found: Vec<_> = batch
            .par_iter()
            .map(|article| matcher.mentions_and_sentences(article))
            .collect();
        for (mentions, sentences) in found {
            out.push(mentions, sentences);
        }
    }
    Some(out)
}
