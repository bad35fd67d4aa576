//! Usages: what the words of a mention do in their sentence. The dictionary's usage
//! rules are tried in order on every mention; the first that holds gives its usage
//! (else the words mean the actor), and mentions of usages not counted are dropped.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::actors::{AliasClass, Dictionary, Usage};
use crate::text::fold;

use super::matcher::{Found, word_boundaries};

/// Phrases found by one word of the text next to an alias: the first word after it
/// (or the last word before it), lowercased, up to its first character that is not a
/// letter or digit.
#[derive(Clone, Debug, Default)]
struct Phrases {
    by_word: HashMap<String, Vec<String>>,
    /// Phrases glued to the alias ("-based", "'s") or with a `*`: tried every time.
    others: Vec<String>,
}

impl Phrases {
    fn new(phrases: &[String], after: bool) -> Self {
        let mut out = Self::default();
        for phrase in phrases {
            let word = if after {
                phrase.split(' ').next()
            } else {
                phrase.split(' ').next_back()
            }
            .unwrap_or("");
            match key(word, after) {
                Some(k) if !phrase.split(' ').any(|w| w == "*") => {
                    out.by_word
                        .entry(fold(&k))
                        .or_default()
                        .push(phrase.clone());
                }
                _ => out.others.push(phrase.clone()),
            }
        }
        out
    }

    /// The phrases that may stand next to the word whose folded key is `key` (and the
    /// glued ones).
    fn next_to(&self, key: Option<&str>) -> impl Iterator<Item = &String> {
        key.and_then(|k| self.by_word.get(k))
            .into_iter()
            .flatten()
            .chain(&self.others)
    }
}

/// The lookup key of a word: its letters and digits up to the first other character
/// (from its start after an alias, from its end before one); `None` when it does not
/// start (end) with one.
fn key(word: &str, after: bool) -> Option<String> {
    let k: String = if after {
        word.chars().take_while(|c| c.is_alphanumeric()).collect()
    } else {
        let mut k: Vec<char> = word
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        k.reverse();
        k.into_iter().collect()
    };
    (!k.is_empty()).then_some(k)
}

/// A usage rule ready for matching.
#[derive(Clone, Debug)]
struct Rule {
    usage: Usage,
    classes: Vec<AliasClass>,
    before: Phrases,
    after: Phrases,
    between: usize,
    /// The sentence words, folded, as one automaton.
    sentence: Option<AhoCorasick>,
    not_after: Vec<String>,
    not_before: Vec<String>,
}

/// The usage rules of a dictionary, by actor.
#[derive(Clone, Debug, Default)]
pub(super) struct Usages {
    rules: Vec<Rule>,
    /// Per actor of the dictionary: the rules that can apply to it, in order.
    per_actor: Vec<Vec<u32>>,
    /// Usages counted besides the actor's own.
    counted: Vec<Usage>,
    /// How many words after an alias the rules may read.
    words_after: usize,
    /// Every rule's keys of words before and after an alias.
    before_keys: HashSet<String>,
    after_keys: HashSet<String>,
}

impl Usages {
    pub(super) fn new(dictionary: &Dictionary) -> Self {
        let rules: Vec<Rule> = dictionary
            .usage_rules()
            .iter()
            .map(|r| Rule {
                usage: r.usage,
                classes: r.classes.clone(),
                before: Phrases::new(&r.before, false),
                after: Phrases::new(&r.after, true),
                between: r.between,
                sentence: (!r.sentence.is_empty())
                    .then(|| {
                        AhoCorasick::builder()
                            .kind(Some(AhoCorasickKind::DFA))
                            .build(r.sentence.iter().map(|w| fold(w)))
                            .ok()
                    })
                    .flatten(),
                not_after: r.not_after.clone(),
                not_before: r.not_before.clone(),
            })
            .collect();
        let per_actor = dictionary
            .actors()
            .iter()
            .map(|actor| {
                dictionary
                    .usage_rules()
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| {
                        (r.kinds.is_empty() || r.kinds.contains(&actor.kind))
                            && (r.actors.is_empty() || r.actors.contains(&actor.id))
                    })
                    .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
                    .collect()
            })
            .collect();
        Self {
            words_after: rules.iter().map(|r| r.between + 1).max().unwrap_or(1),
            before_keys: rules
                .iter()
                .flat_map(|r| r.before.by_word.keys().cloned())
                .collect(),
            after_keys: rules
                .iter()
                .flat_map(|r| r.after.by_word.keys().cloned())
                .collect(),
            rules,
            per_actor,
            counted: Usage::SWITCHABLE
                .into_iter()
                .filter(|u| dictionary.counts(*u))
                .collect(),
        }
    }

    /// Gives every mention in `found` (sorted by start) its usage, and drops those whose
    /// usage does not count. `sentences` are the byte spans of the text's sentences.
    pub(super) fn apply(
        &self,
        text: &str,
        folded: &str,
        sentences: &[(usize, usize)],
        found: &mut Vec<Found>,
    ) {
        if self.rules.is_empty() {
            found.retain(|f| f.usage == Usage::Actor || self.counted.contains(&f.usage));
            return;
        }
        // Whether a sentence holds a rule's sentence words: (rule, sentence start).
        let mut answers: HashMap<(u32, usize), bool> = HashMap::new();
        for f in found.iter_mut() {
            // Roles, and names the date already gave a usage ("historical").
            if f.class == AliasClass::Role || f.usage != Usage::Actor {
                continue;
            }
            let Some(rules) = self.per_actor.get(f.actor as usize) else {
                continue;
            };
            if rules.is_empty() {
                continue;
            }
            let sentence = sentences
                .get(
                    sentences
                        .partition_point(|&(s, _)| s <= f.start)
                        .saturating_sub(1),
                )
                .copied()
                .filter(|&(s, e)| s <= f.start && f.start < e)
                .unwrap_or((0, text.len()));
            let mut near = Near::new(text, folded, f.start, f.end, self.words_after);
            // Words next to no rule's phrase are not looked up again rule by rule.
            near.before = near.before.filter(|k| self.before_keys.contains(*k));
            for key in &mut near.after[..near.after_len] {
                *key = key.filter(|k| self.after_keys.contains(*k));
            }
            f.usage = rules
                .iter()
                .filter_map(|&i| Some((i, self.rules.get(i as usize)?)))
                .find(|(i, r)| {
                    let mut in_sentence = |automaton: &AhoCorasick| {
                        *answers
                            .entry((*i, sentence.0))
                            .or_insert_with(|| sentence_has(text, folded, sentence, automaton))
                    };
                    (r.classes.is_empty() || r.classes.contains(&f.class))
                        && r.holds(text, (f.start, f.end), &near, &mut in_sentence)
                })
                .map_or(Usage::Actor, |(_, r)| r.usage);
        }
        // A list carries its first item's usage: "in London, Paris and Rome".
        for i in 1..found.len() {
            let (before, rest) = found.split_at_mut(i);
            let (previous, current) = (&before[i - 1], &mut rest[0]);
            if matches!(
                previous.usage,
                Usage::Actor | Usage::Historical | Usage::Ambiguous
            ) || current.usage != Usage::Actor
                || previous.class != current.class
                || current.class == AliasClass::Role
            {
                continue;
            }
            let gap = text.get(previous.end..current.start).unwrap_or("");
            let closes = |gap: &str| matches!(gap, " and " | ", and " | " or " | ", or ");
            let after = &text[current.end..];
            let continues =
                after.starts_with(", ") || after.starts_with(" and ") || after.starts_with(" or ");
            // Items between that are not mentions ("Paris, Bonn and Tokyo"): names of
            // one to three capitalised words, each followed by a separator.
            let through_names = gap.starts_with(", ") && {
                let inner = gap.trim_start_matches(", ");
                (inner.ends_with(" and ") || inner.ends_with(" or ") || continues)
                    && inner.split(", ").all(|item| {
                        let item = item
                            .strip_suffix(" and ")
                            .or_else(|| item.strip_suffix(" or "))
                            .unwrap_or(item);
                        let words: Vec<&str> = item.split(' ').filter(|w| !w.is_empty()).collect();
                        (1..=3).contains(&words.len())
                            && words.iter().all(|w| w.starts_with(char::is_uppercase))
                    })
            };
            let listed = closes(gap) || (gap == ", " && continues) || through_names;
            if listed {
                current.usage = previous.usage;
            }
        }
        found.retain(|f| f.usage == Usage::Actor || self.counted.contains(&f.usage));
    }
}

/// The words next to one mention, read once for every rule: the folded key of the
/// word before it, and of the words after it.
struct Near<'t> {
    before: Option<&'t str>,
    /// Whether a word is glued to the alias ("-based", "'s").
    glued: bool,
    /// Keys of the words after the alias (after the glued one), as many as the rules
    /// may skip: the first `after_len`.
    after: [Option<&'t str>; MAX_WORDS_AFTER],
    after_len: usize,
}

/// The most words after an alias a rule may read (`between` + 1).
const MAX_WORDS_AFTER: usize = 6;

impl<'t> Near<'t> {
    fn new(text: &str, folded: &'t str, start: usize, end: usize, words: usize) -> Self {
        let key_at = |from: usize, to: usize| (from < to).then(|| folded.get(from..to)).flatten();
        // The letters and digits that end the word before the alias.
        let head = text[..start].trim_end_matches(char::is_whitespace);
        let stop = head.len();
        let from = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map_or(stop, |(i, _)| i);
        let before = if head.len() < start {
            key_at(from, stop)
        } else {
            None
        };
        let rest = &text[end..];
        let glued = !rest.is_empty() && !rest.starts_with(char::is_whitespace);
        let mut after = [None; MAX_WORDS_AFTER];
        let mut after_len = 0;
        let mut at = end;
        if glued {
            at += rest.find(char::is_whitespace).unwrap_or(rest.len());
        }
        for _ in 0..words.min(MAX_WORDS_AFTER) {
            let gap = text[at..].len() - text[at..].trim_start().len();
            let from = at + gap;
            let word = &text[from..];
            let len = word
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(word.len(), |(i, _)| i);
            if gap == 0 || word.is_empty() {
                break;
            }
            after[after_len] = key_at(from, from + len);
            after_len += 1;
            at = from + word.find(char::is_whitespace).unwrap_or(word.len());
        }
        Self {
            before,
            glued,
            after,
            after_len,
        }
    }
}

impl Rule {
    /// Whether the rule holds for the alias at `start..end` in the sentence `sentence`,
    /// with the words `near` it; `in_sentence` answers (and keeps) whether the sentence
    /// holds one of the rule's sentence words.
    fn holds(
        &self,
        text: &str,
        (start, end): (usize, usize),
        near: &Near<'_>,
        in_sentence: &mut dyn FnMut(&AhoCorasick) -> bool,
    ) -> bool {
        // The stopping phrases are read only when the rule would hold.
        let stopped = || {
            self.not_after.iter().any(|p| followed_by(text, end, p, 0))
                || self.not_before.iter().any(|p| preceded_by(text, start, p))
        };
        let before = self
            .before
            .next_to(near.before)
            .any(|p| preceded_by(text, start, p));
        // A word glued to the alias ("-based") is read by the glued phrases only.
        let after = if near.glued {
            self.after
                .others
                .iter()
                .any(|p| followed_by(text, end, p, self.between))
        } else {
            near.after[..near.after_len]
                .iter()
                .take(self.between + 1)
                .any(|key| {
                    self.after
                        .next_to(*key)
                        .any(|p| followed_by(text, end, p, self.between))
                })
        };
        (before || after || self.sentence.as_ref().is_some_and(in_sentence)) && !stopped()
    }
}

/// Whether the sentence `(from, to)` holds a word of `automaton` as a whole word.
fn sentence_has(
    text: &str,
    folded: &str,
    (from, to): (usize, usize),
    automaton: &AhoCorasick,
) -> bool {
    let Some(range) = folded.get(from..to) else {
        return false;
    };
    automaton
        .find_overlapping_iter(range)
        .any(|m| word_boundaries(text, from + m.start(), from + m.end()))
}

/// Whether `phrase` stands directly after `text[..end]` (after a space, unless it
/// starts with a hyphen), possibly after up to `between` capitalised words.
fn followed_by(text: &str, end: usize, phrase: &str, between: usize) -> bool {
    let mut at = end;
    for skipped in 0..=between {
        let rest = &text[at..];
        let glued = !phrase.starts_with(char::is_alphanumeric);
        let after_space = rest.trim_start_matches([' ', '\n']);
        if !glued && after_space.len() == rest.len() {
            return false;
        }
        let candidate = if glued { rest } else { after_space };
        if let Some(len) = starts_with_phrase(candidate, phrase) {
            let next = candidate[len..].chars().next();
            if !next.is_some_and(char::is_alphanumeric) {
                return true;
            }
        }
        if skipped == between || glued {
            return false;
        }
        // Skip one capitalised word ("Canadian Imperial Bank").
        if !after_space.starts_with(char::is_uppercase) {
            return false;
        }
        let word = after_space
            .find(|c: char| c.is_whitespace())
            .unwrap_or(after_space.len());
        at = text.len() - after_space.len() + word;
    }
    false
}

/// Whether `phrase` stands directly before `text[start..]` (before a space, unless it
/// ends with a hyphen). A `*` in the phrase stands for one to four capitalised words
/// ("from * to": "from New York to").
fn preceded_by(text: &str, start: usize, phrase: &str) -> bool {
    if phrase.split(' ').any(|w| w == "*") {
        return preceded_by_words(&text[..start], phrase);
    }
    let head = &text[..start];
    let glued = !phrase.ends_with(char::is_alphanumeric);
    let before_space = head.trim_end_matches([' ', '\n']);
    if !glued && before_space.len() == head.len() {
        return false;
    }
    let candidate = if glued { head } else { before_space };
    let n = phrase.chars().count();
    let Some((from, _)) = candidate.char_indices().rev().nth(n.saturating_sub(1)) else {
        return false;
    };
    if starts_with_phrase(&candidate[from..], phrase) != Some(candidate.len() - from) {
        return false;
    }
    !candidate[..from]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// [`preceded_by`] for a phrase with `*`, word by word.
fn preceded_by_words(head: &str, phrase: &str) -> bool {
    if !head.ends_with(char::is_whitespace) {
        return false;
    }
    let words: Vec<&str> = head.split_whitespace().rev().take(12).collect();
    let pattern: Vec<&str> = phrase.split(' ').rev().collect();
    fn matches(words: &[&str], pattern: &[&str]) -> bool {
        let Some((&first, rest)) = pattern.split_first() else {
            return true;
        };
        if first == "*" {
            return (1..=4.min(words.len())).any(|n| {
                words[..n].iter().all(|w| w.starts_with(char::is_uppercase))
                    && matches(&words[n..], rest)
            });
        }
        words.first().is_some_and(|w| {
            starts_with_phrase(w, first) == Some(w.len()) && matches(&words[1..], rest)
        })
    }
    matches(&words, &pattern)
}

/// The length in bytes of the start of `text` that reads as `phrase`: a capital of the
/// phrase must be a capital in the text, other letters match in either case, and a
/// space matches any one space or line end.
fn starts_with_phrase(text: &str, phrase: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for p in phrase.chars() {
        let (_, t) = chars.next()?;
        let same = if p == ' ' {
            t.is_whitespace()
        } else if p.is_uppercase() {
            t == p
        } else {
            t == p || t.to_lowercase().eq(p.to_lowercase())
        };
        if !same {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_around_an_alias() {
        let text = "the Canadian Imperial Bank of Commerce and a London-based fund";
        let canadian = (4, 12);
        assert!(followed_by(text, canadian.1, "Bank", 1));
        assert!(!followed_by(text, canadian.1, "Bank", 0));
        assert!(!followed_by(text, canadian.1, "bank of commerce", 0));
        let london = text.find("London").unwrap();
        assert!(followed_by(text, london + 6, "-based", 0));
        let text = "received in London on Friday; Bank of Japan; the bank of Japan";
        let at = text.find("London").unwrap();
        assert!(preceded_by(text, at, "in"));
        assert!(!preceded_by(text, at, "received"));
        let japan = text.find("Japan").unwrap();
        assert!(preceded_by(text, japan, "Bank of"));
        let second = text.rfind("Japan").unwrap();
        assert!(!preceded_by(text, second, "Bank of"));
        assert!(preceded_by(text, second, "bank of"));
        // Whole words only.
        assert!(!preceded_by("within London", 7, "in"));
        assert!(!followed_by("Swiss francophone", 5, "franc", 0));
        // A route: "from New York to Copenhagen".
        let text = "flights from New York to Copenhagen; a letter to Moscow";
        assert!(preceded_by(
            text,
            text.find("Copenhagen").unwrap(),
            "from * to"
        ));
        assert!(!preceded_by(
            text,
            text.find("Moscow").unwrap(),
            "from * to"
        ));
    }
}
