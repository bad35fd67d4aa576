//! The matcher: finding mentions of actors in one article's text.
//!
//! The dictionary is compiled once into an Aho-Corasick automaton over case-folded
//! aliases. Every candidate is checked for whole-word boundaries and the alias's case
//! rule against the original text; overlaps resolve longest first; a role title directly
//! followed by a person's name is folded into that person's mention.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;

use crate::actors::{ActorKind, AliasClass, CaseRule, Dictionary, Usage, within};
use crate::corpus::{Article, ArticleId};

use super::{ActorIndex, Mention};
use crate::text::{fold, sentence_spans};

mod time;

use time::title_words;

/// What a pattern in the automaton stands for.
#[derive(Clone, Debug)]
enum Target {
    Alias(AliasTarget),
    Role { holders: Vec<Holder> },
    Exclude { actor: ActorIndex },
}

/// An alias of an actor, as the automaton finds it and as a candidate mention.
#[derive(Clone, Copy, Debug)]
struct AliasTarget {
    actor: ActorIndex,
    class: AliasClass,
    /// Index into [`Matcher::rules`] when the alias depends on its context.
    rules: Option<u32>,
    /// The days the words name the actor, when they are bounded.
    when: Option<Span>,
    /// A single word naming a person (a surname).
    surname: bool,
}

/// The words an alias needs in its article, or must not have in its sentence, folded.
#[derive(Clone, Debug)]
struct Rules {
    context: Vec<String>,
    unless: Vec<String>,
}

/// First and last day, each open when `None`.
type Span = (Option<NaiveDate>, Option<NaiveDate>);

#[derive(Clone, Copy, Debug)]
struct Holder {
    actor: ActorIndex,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

#[derive(Clone, Debug)]
struct PatternTarget {
    target: Target,
    /// The alias as written in the dictionary, for the case check.
    written: String,
    case: CaseRule,
}

/// A dictionary compiled for matching.
#[derive(Clone, Debug)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// Per automaton pattern, what it stands for.
    targets: Vec<Vec<PatternTarget>>,
    kinds: Vec<ActorKind>,
    /// Per actor, the days it existed.
    existed: Vec<Span>,
    /// Per actor, the days of its offices.
    offices: Vec<Vec<Span>>,
    /// Folded words that may stand before a surname without being a given name
    /// ("President Reagan", "Mr Baker"): honorifics and the words of office titles.
    titles: std::collections::HashSet<String>,
    /// Per person, the folded words of their own names: "Pieter Botha" is P. W. Botha
    /// though only "Botha" is his alias.
    own_words: Vec<std::collections::HashSet<String>>,
    /// Context rules of the aliases that have them.
    rules: Vec<Rules>,
    /// What the words of a mention do, and which uses count.
    usages: super::usage::Usages,
}

/// A failure to build the automaton (only possible for absurdly large dictionaries).
#[derive(Debug, thiserror::Error)]
#[error("the actor dictionary is too large to compile: {0}")]
pub struct BuildError(#[from] aho_corasick::BuildError);

impl Matcher {
    /// Compiles a dictionary.
    pub fn new(dictionary: &Dictionary) -> Result<Self, BuildError> {
        let mut by_folded: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<PatternTarget>> = Vec::new();
        let mut add = |written: &str, target: Target, case: CaseRule| {
            for variant in apostrophe_variants(written) {
                let folded = fold(&variant);
                let slot = *by_folded.entry(folded.clone()).or_insert_with(|| {
                    patterns.push(folded);
                    targets.push(Vec::new());
                    targets.len() - 1
                });
                targets[slot].push(PatternTarget {
                    target: target.clone(),
                    written: variant,
                    case,
                });
            }
        };
        let mut roles: BTreeMap<(String, u8), Vec<Holder>> = BTreeMap::new();
        let mut rules = Vec::new();
        for (i, actor) in dictionary.actors().iter().enumerate() {
            let actor_index = ActorIndex::try_from(i).unwrap_or(ActorIndex::MAX);
            for alias in &actor.aliases {
                let rule = alias.has_rules().then(|| {
                    let folded = |words: &[String]| words.iter().map(|w| fold(w)).collect();
                    rules.push(Rules {
                        context: folded(&alias.context),
                        unless: folded(&alias.unless),
                    });
                    to_u32(rules.len() - 1)
                });
                add(
                    &alias.text,
                    Target::Alias(AliasTarget {
                        actor: actor_index,
                        class: alias.class,
                        rules: rule,
                        when: alias.is_dated().then_some((alias.from, alias.to)),
                        surname: actor.kind == ActorKind::Person
                            && !alias.text.trim().contains(char::is_whitespace),
                    }),
                    alias.case,
                );
            }
            for phrase in &actor.exclude {
                add(
                    phrase,
                    Target::Exclude { actor: actor_index },
                    CaseRule::Smart,
                );
            }
            for role in &actor.roles {
                for phrase in &role.phrases {
                    roles
                        .entry((phrase.clone(), case_key(role.case)))
                        .or_default()
                        .push(Holder {
                            actor: actor_index,
                            from: role.from,
                            to: role.to,
                        });
                }
            }
        }
        for ((phrase, case), holders) in roles {
            add(&phrase, Target::Role { holders }, case_from_key(case));
        }
        // A full DFA: a few megabytes for the world dictionary, and the fastest scan.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)?;
        Ok(Self {
            automaton,
            targets,
            kinds: dictionary.actors().iter().map(|a| a.kind).collect(),
            existed: dictionary.actors().iter().map(|a| (a.from, a.to)).collect(),
            offices: dictionary
                .actors()
                .iter()
                .map(|a| a.roles.iter().map(|r| (r.from, r.to)).collect())
                .collect(),
            titles: title_words(dictionary),
            own_words: time::own_words(dictionary),
            rules,
            usages: super::usage::Usages::new(dictionary),
        })
    }

    /// The matcher of `dictionary`, compiled once: the last one compiled is kept and
    /// given again for as long as the dictionary is the same.
    pub fn cached(dictionary: &Dictionary) -> Result<Arc<Self>, BuildError> {
        static LAST: Mutex<Option<(Dictionary, Arc<Matcher>)>> = Mutex::new(None);
        if let Ok(last) = LAST.lock()
            && let Some((compiled_from, matcher)) = last.as_ref()
            && compiled_from == dictionary
        {
            return Ok(matcher.clone());
        }
        let matcher = Arc::new(Self::new(dictionary)?);
        if let Ok(mut last) = LAST.lock() {
            *last = Some((dictionary.clone(), matcher.clone()));
        }
        Ok(matcher)
    }

    /// Finds every mention in one article.
    pub fn mentions(&self, article: &Article) -> Vec<Mention> {
        self.mentions_and_sentences(article).0
    }

    /// Finds every mention in one article, and returns them with the byte spans of the
    /// article's sentences (split once, for both).
    pub fn mentions_and_sentences(&self, article: &Article) -> (Vec<Mention>, Vec<(u32, u32)>) {
        self.mentions_of(article.id, &article.text, article.published)
    }

    /// [`Matcher::mentions_and_sentences`] of the article `id` with `text`, published
    /// on `published`.
    pub fn mentions_of(
        &self,
        id: ArticleId,
        text: &str,
        published: Option<NaiveDate>,
    ) -> (Vec<Mention>, Vec<(u32, u32)>) {
        let sentences = sentence_spans(text);
        let found = self.find_in(text, published, &sentences);
        let spans = sentences
            .iter()
            .map(|&(s, e)| (to_u32(s), to_u32(e)))
            .collect();
        if found.is_empty() {
            return (Vec::new(), spans);
        }
        let mut mentions = Vec::with_capacity(found.len());
        let mut chars_before = 0u32;
        let mut scanned = 0usize;
        let mut sentence = 0usize;
        // In ASCII text characters are bytes.
        let ascii = text.is_ascii();
        for m in found {
            let len = if ascii {
                chars_before = to_u32(m.start);
                to_u32(m.end - m.start)
            } else {
                chars_before += char_count(&text[scanned..m.start]);
                char_count(&text[m.start..m.end])
            };
            scanned = m.start;
            while sentence + 1 < sentences.len() && sentences[sentence + 1].0 <= m.start {
                sentence += 1;
            }
            mentions.push(Mention {
                article: id,
                actor: m.actor,
                alias_class: m.class,
                usage: m.usage,
                start: chars_before,
                end: chars_before + len,
                byte_range: (to_u32(m.start), to_u32(m.end)),
                sentence_index: to_u32(sentence),
            });
        }
        (mentions, spans)
    }

    /// Mentions in `text` as byte ranges, sorted by start. `date` resolves role titles.
    pub fn find(&self, text: &str, date: Option<NaiveDate>) -> Vec<Found> {
        self.find_in(text, date, &sentence_spans(text))
    }

    /// [`Matcher::find`] with the text's sentence spans already known.
    fn find_in(
        &self,
        text: &str,
        date: Option<NaiveDate>,
        sentences: &[(usize, usize)],
    ) -> Vec<Found> {
        let folded = fold(text);
        let mut candidates: Vec<Candidate<'_>> = Vec::new();
        let mut exclusions: Vec<(usize, usize, ActorIndex)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(&folded) {
            let (start, end) = (m.start(), m.end());
            let Some(original) = text.get(start..end) else {
                continue;
            };
            if !word_boundaries(text, start, end) {
                continue;
            }
            for pt in &self.targets[m.pattern().as_usize()] {
                if !case_matches(&pt.written, original, pt.case) {
                    continue;
                }
                match &pt.target {
                    Target::Exclude { actor } => exclusions.push((start, end, *actor)),
                    Target::Alias(alias) => candidates.push(Candidate {
                        start,
                        end,
                        usage: Usage::Actor,
                        kind: CandidateKind::Alias(*alias),
                    }),
                    Target::Role { holders } => candidates.push(Candidate {
                        start,
                        end,
                        usage: Usage::Actor,
                        kind: CandidateKind::Role(holders),
                    }),
                }
            }
        }
        candidates.retain(|c| match c.kind {
            CandidateKind::Alias(AliasTarget { actor, .. }) => !exclusions
                .iter()
                .any(|&(s, e, a)| a == actor && s <= c.start && c.end <= e),
            _ => true,
        });
        self.apply_rules(text, &folded, sentences, &mut candidates);
        // The place of a wire dateline ("YEREVAN, Dec 28 (Reuters) -") says where the
        // story was filed, not who it is about.
        let datelines = super::skip::dateline_places(text);
        if !datelines.is_empty() {
            candidates.retain(|c| {
                !matches!(c.kind, CandidateKind::Alias(AliasTarget { .. }))
                    || !datelines.iter().any(|&(s, e)| s <= c.start && c.end <= e)
            });
        }
        // Ticker and company markup of wire copy ("<SNE.T>", "<Nippon Life Insurance
        // Co>") names a security, not an actor.
        let markup = super::skip::markup_spans(text);
        if !markup.is_empty() {
            candidates.retain(|c| !markup.iter().any(|&(s, e)| s < c.start && c.end < e));
        }
        self.drop_other_peoples_surnames(text, &mut candidates);
        self.resolve_time(date, &mut candidates);
        self.resolve_roles(text, date, &mut candidates);
        self.leave_states_to_titles(text, &mut candidates);

        // Longest first; for one span claimed by two actors, the later in the
        // dictionary (a user's file is laid after the built-in entries).
        let actor_of = |c: &Candidate| match c.kind {
            CandidateKind::Alias(AliasTarget { actor, .. }) => Some(actor),
            _ => None,
        };
        candidates.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
                .then(actor_of(b).cmp(&actor_of(a)))
        });
        // Which bytes a kept candidate already covers.
        let mut taken = vec![false; text.len()];
        let mut found = Vec::new();
        for c in candidates {
            let Some(span) = taken.get_mut(c.start..c.end) else {
                continue;
            };
            if span.iter().any(|t| *t) {
                continue;
            }
            span.fill(true);
            match c.kind {
                CandidateKind::Alias(AliasTarget { actor, class, .. }) => found.push(Found {
                    start: c.start,
                    end: c.end,
                    actor,
                    class,
                    usage: c.usage,
                }),
                CandidateKind::Held(actor) => found.push(Found {
                    start: c.start,
                    end: c.end,
                    actor,
                    class: AliasClass::Role,
                    usage: Usage::Actor,
                }),
                CandidateKind::Role(_) | CandidateKind::Title => {}
            }
        }
        found.sort_by_key(|f| f.start);
        self.usages.apply(text, &folded, sentences, &mut found);
        found
    }

    /// Drops the candidates whose alias needs a context word the article lacks, or
    /// whose sentence holds a word that rules it out.
    fn apply_rules(
        &self,
        text: &str,
        folded: &str,
        sentences: &[(usize, usize)],
        candidates: &mut Vec<Candidate<'_>>,
    ) {
        let ruled = |c: &Candidate| match c.kind {
            CandidateKind::Alias(AliasTarget { rules, .. }) => rules,
            _ => None,
        };
        if !candidates.iter().any(|c| ruled(c).is_some()) {
            return;
        }
        let has_word = |word: &str, from: usize, to: usize| {
            folded[from..to].match_indices(word).any(|(i, _)| {
                let start = from + i;
                word_boundaries(text, start, start + word.len())
            })
        };
        let mut context_found: HashMap<u32, bool> = HashMap::new();
        candidates.retain(|c| {
            let Some(index) = ruled(c) else { return true };
            let Some(rules) = self.rules.get(index as usize) else {
                return true;
            };
            if !rules.context.is_empty() {
                let found = *context_found.entry(index).or_insert_with(|| {
                    rules
                        .context
                        .iter()
                        .any(|word| has_word(word, 0, folded.len()))
                });
                if !found {
                    return false;
                }
            }
            if !rules.unless.is_empty() {
                let (from, to) = sentences
                    .iter()
                    .copied()
                    .find(|&(s, e)| s <= c.start && c.start < e)
                    .unwrap_or((0, folded.len()));
                if rules.unless.iter().any(|word| has_word(word, from, to)) {
                    return false;
                }
            }
            true
        });
    }

    /// Role titles become either a mention of the holder on `date`, a title that only
    /// introduces the name after it, or nothing when the holder cannot be known.
    fn resolve_roles(
        &self,
        text: &str,
        date: Option<NaiveDate>,
        candidates: &mut Vec<Candidate<'_>>,
    ) {
        // Where each person's name starts, to recognise "Title Name".
        let names: Vec<(usize, ActorIndex)> = candidates
            .iter()
            .filter_map(|c| match c.kind {
                CandidateKind::Alias(AliasTarget { actor, .. })
                    if self.kinds.get(actor as usize) == Some(&ActorKind::Person) =>
                {
                    Some((c.start, actor))
                }
                _ => None,
            })
            .collect();
        candidates.retain_mut(|c| {
            let CandidateKind::Role(holders) = &c.kind else {
                return true;
            };
            let gap = text[c.end..]
                .char_indices()
                .find(|(_, ch)| !(ch.is_whitespace() || *ch == ','))
                .map_or(0, |(i, _)| i);
            let introduces_holder = gap > 0
                && names.iter().any(|&(start, actor)| {
                    start == c.end + gap && holders.iter().any(|h| h.actor == actor)
                });
            if introduces_holder {
                c.kind = CandidateKind::Title;
                return true;
            }
            let Some(date) = date else {
                return false;
            };
            let mut on_date: Vec<Holder> = holders
                .iter()
                .copied()
                .filter(|h| within(date, h.from, h.to))
                .collect();
            on_date.sort_by_key(|h| h.actor);
            on_date.dedup_by_key(|h| h.actor);
            // On a handover day both holders are in office: the incoming one is meant.
            if let [a, b] = on_date[..] {
                if a.to == Some(date) && b.from == Some(date) {
                    on_date = vec![b];
                } else if b.to == Some(date) && a.from == Some(date) {
                    on_date = vec![a];
                }
            }
            if on_date.len() == 1 {
                c.kind = CandidateKind::Held(on_date[0].actor);
                true
            } else {
                false
            }
        });
    }
}

/// A mention found in a text, as a byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The actor.
    pub actor: ActorIndex,
    /// Which kind of alias matched.
    pub class: AliasClass,
    /// What the words do in their sentence.
    pub usage: Usage,
}

#[derive(Clone, Debug)]
struct Candidate<'a> {
    start: usize,
    end: usize,
    /// What the words do, when the date or the article already tells.
    usage: Usage,
    kind: CandidateKind<'a>,
}

#[derive(Clone, Debug)]
enum CandidateKind<'a> {
    Alias(AliasTarget),
    /// A role title, with everyone who held the office.
    Role(&'a [Holder]),
    /// A role title whose holder on the article's date is known.
    Held(ActorIndex),
    /// A title directly before its holder's name: takes its span, mentions no one.
    Title,
}

fn case_key(rule: CaseRule) -> u8 {
    match rule {
        CaseRule::Smart => 0,
        CaseRule::Exact => 1,
        CaseRule::Any => 2,
    }
}

fn case_from_key(key: u8) -> CaseRule {
    match key {
        1 => CaseRule::Exact,
        2 => CaseRule::Any,
        _ => CaseRule::Smart,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn char_count(s: &str) -> u32 {
    to_u32(s.chars().count())
}

/// An alias with straight and curly apostrophes, so either spelling matches.
pub(super) fn apostrophe_variants(alias: &str) -> Vec<String> {
    let mut variants = vec![alias.to_owned()];
    if alias.contains('\'') {
        variants.push(alias.replace('\'', "’"));
    }
    if alias.contains('’') {
        variants.push(alias.replace('’', "'"));
    }
    variants
}

/// Whether `text[start..end]` stands as whole words: no letter or digit glued to either
/// side. Possessives (`Armenia’s`) and hyphenated compounds (`Moscow-led`) qualify.
pub(super) fn word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let glued = |outside: Option<char>, edge: Option<char>| matches!((outside, edge), (Some(o), Some(e)) if o.is_alphanumeric() && e.is_alphanumeric());
    !glued(before, first) && !glued(after, last)
}

/// Whether `found` (same letters as `written`, up to case) satisfies the case rule.
fn case_matches(written: &str, found: &str, rule: CaseRule) -> bool {
    match rule {
        CaseRule::Any => true,
        CaseRule::Exact => written == found,
        CaseRule::Smart => written
            .chars()
            .zip(found.chars())
            .all(|(w, f)| !w.is_uppercase() || f.is_uppercase()),
    }
}

#[cfg(test)]
mod tests;
