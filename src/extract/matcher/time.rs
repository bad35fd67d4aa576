//! Names in time: which actor a name stands for on the article's date, which of the
//! people sharing a name is meant, and a surname that belongs to someone else.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike as _, NaiveDate};

use crate::actors::{ActorKind, Dictionary, Usage, within};
use crate::text::fold;

use super::{ActorIndex, AliasTarget, Candidate, CandidateKind, Matcher};

/// Capitalised words that stand before a surname without being a given name: forms of
/// address, ranks, and words that begin a sentence. The words of the dictionary's
/// office titles are added to them ("Chancellor Kohl", "Treasury Secretary Baker").
#[rustfmt::skip]
const NOT_GIVEN_NAMES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "herr", "frau",
    "monsieur", "madame", "mme", "senor", "senora", "signor", "comrade", "king", "queen",
    "prince", "princess", "emperor", "empress", "sultan", "emir", "sheikh", "shah",
    "ayatollah", "imam", "pope", "cardinal", "archbishop", "bishop", "rev", "reverend",
    "father", "general", "gen", "marshal", "field", "colonel", "col", "lieutenant", "lt",
    "major", "maj", "captain", "capt", "admiral", "adm", "commander", "sergeant", "sgt",
    "president", "premier", "chancellor", "minister", "secretary", "senator", "sen",
    "representative", "rep", "congressman", "congresswoman", "governor", "gov", "mayor",
    "judge", "justice", "ambassador", "envoy", "commissioner", "chairman", "chairwoman",
    "chair", "chief", "leader", "dictator", "strongman", "director", "speaker", "deputy",
    "vice", "acting", "former", "ex", "late", "then", "new", "outgoing", "incoming",
    "candidate", "nominee", "challenger", "rival", "incumbent", "veteran", "hardliner",
    "party", "communist", "socialist", "labour", "labor", "conservative", "tory",
    "democrat", "democratic", "republican", "liberal", "green", "opposition", "rebel",
    "army", "military", "junta", "government", "cabinet", "foreign", "finance", "defence",
    "defense", "treasury", "interior", "economy", "trade", "prime", "state", "federal",
    "central", "bank", "fed", "reserve", "exchequer", "supreme", "national", "royal", "a",
    "an", "the", "and", "but", "or", "nor", "so", "yet", "if", "when", "while", "as",
    "after", "before", "since", "until", "although", "though", "because", "then", "now",
    "today", "yesterday", "tomorrow", "meanwhile", "however", "also", "still", "thus",
    "earlier", "later", "last", "next", "on", "in", "at", "for", "with", "without",
    "under", "over", "of", "to", "from", "by", "about", "against", "between", "why", "how",
    "what", "where", "who", "whom", "whose", "which", "this", "that", "these", "those",
    "both", "neither", "either", "only", "even", "unlike", "like", "asked", "said", "says",
    "told", "added", "according", "did", "does", "do", "has", "have", "had", "is", "was",
    "were", "will", "would", "could", "should", "may", "might", "must", "can", "not", "no",
    "yes", "here", "there", "it", "he", "she", "we", "they", "i", "you", "his", "her",
    "their", "our", "its", "my", "your", "all", "some", "many", "most", "more", "other",
    "another", "each", "every", "any", "one", "two", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The words that may stand before a surname: [`NOT_GIVEN_NAMES`] and every word of the
/// dictionary's office titles that is not itself a name ("Kenya"), folded.
pub(super) fn title_words(dictionary: &Dictionary) -> HashSet<String> {
    // A title names its state ("Kenya's leader"); the state's name is no title word.
    let names: HashSet<String> = dictionary
        .actors()
        .iter()
        .flat_map(|a| &a.aliases)
        .map(|a| fold(&a.text))
        .collect();
    let mut words: HashSet<String> = NOT_GIVEN_NAMES.iter().map(|w| (*w).to_owned()).collect();
    for actor in dictionary.actors() {
        for role in &actor.roles {
            for phrase in &role.phrases {
                for word in phrase.split(|c: char| !c.is_alphanumeric()) {
                    let word = fold(word);
                    if !word.is_empty() && !names.contains(&word) {
                        words.insert(word);
                    }
                }
            }
        }
    }
    words
}

/// Per actor, the folded words of a person's names (empty for others): a given name of
/// the person's own may stand before their surname.
pub(super) fn own_words(dictionary: &Dictionary) -> Vec<HashSet<String>> {
    dictionary
        .actors()
        .iter()
        .map(|actor| {
            if actor.kind != ActorKind::Person {
                return HashSet::new();
            }
            std::iter::once(actor.name.as_str())
                .chain(actor.aliases.iter().map(|a| a.text.as_str()))
                .flat_map(|name| name.split(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .map(fold)
                .collect()
        })
        .collect()
}

/// The capitalised word directly before `start` (one space or line break between), if
/// it looks like a given name: a capital then small letters, no full stop after it.
fn given_name_before(text: &str, start: usize) -> Option<&str> {
    let before = &text[..start];
    let trimmed = before
        .strip_suffix(' ')
        .or_else(|| before.strip_suffix('\n'))?;
    let word_start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}'))
        .last()
        .map(|(i, _)| i)?;
    let word = &trimmed[word_start..];
    // A possessive is no given name: "Labor's Gillard", "Britain's Thatcher".
    if word.ends_with("'s") || word.ends_with("\u{2019}s") {
        return None;
    }
    let mut chars = word.chars();
    let looks_like_a_name = chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_some_and(char::is_lowercase);
    looks_like_a_name.then_some(word)
}

/// Whether the line around `at` is written in title case (a headline: "Japan Urges
/// Reagan To Act"), where a capital says nothing of a given name.
fn in_title_case_line(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let (mut words, mut capitalised) = (0, 0);
    for word in text[start..end].split_whitespace() {
        let Some(first) = word.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        words += 1;
        if first.is_uppercase() {
            capitalised += 1;
        }
    }
    words >= 3 && capitalised * 10 >= words * 6
}

impl Matcher {
    /// Drops a person's surname that follows another given name: "Jason Gillard" is not
    /// Julia Gillard, "Nancy Reagan" not Ronald Reagan. Titles, forms of address and the
    /// words that begin a sentence are not given names ("President Reagan", "But Reagan
    /// said"), nor is a word that is itself part of a mention ("Soviet Gorbachev").
    pub(super) fn drop_other_peoples_surnames(
        &self,
        text: &str,
        candidates: &mut Vec<Candidate<'_>>,
    ) {
        if !candidates.iter().any(|c| {
            matches!(
                c.kind,
                CandidateKind::Alias(AliasTarget { surname: true, .. })
            )
        }) {
            return;
        }
        // Where a demonym or a title ends ("Soviet Gorbachev", "Premier Zhao").
        let ends: HashSet<usize> = candidates
            .iter()
            .filter(|c| match c.kind {
                CandidateKind::Alias(AliasTarget { class, .. }) => {
                    class == crate::actors::AliasClass::Demonym
                }
                _ => true,
            })
            .map(|c| c.end)
            .collect();
        candidates.retain(|c| {
            let CandidateKind::Alias(AliasTarget {
                surname: true,
                actor,
                ..
            }) = c.kind
            else {
                return true;
            };
            let Some(word) = given_name_before(text, c.start) else {
                return true;
            };
            if self
                .own_words
                .get(actor as usize)
                .is_some_and(|own| own.contains(&fold(word)))
            {
                return true;
            }
            if in_title_case_line(text, c.start) {
                return true;
            }
            let word_end = text[..c.start].trim_end().len();
            self.titles.contains(&fold(word)) || ends.contains(&word_end)
        });
    }

    /// Holds names to the article's date. Words bounded in time name their actor only
    /// between their dates; an actor's words after it ceased to exist are a reference to
    /// the past ([`Usage::Historical`]). When one span is claimed by several actors, the
    /// claim of the date wins: a name bounded to the date over a timeless one, an actor
    /// of the day over one not yet founded, and either over a past one. People sharing a name are told apart by the article (the one
    /// it names in full), then by the offices they held on the date; failing both, the
    /// name is [`Usage::Ambiguous`]. An undated article keeps every name, and a name
    /// shared across time goes to the actor of today.
    pub(super) fn resolve_time(
        &self,
        date: Option<NaiveDate>,
        candidates: &mut Vec<Candidate<'_>>,
    ) {
        let existed = |actor: ActorIndex| {
            self.existed
                .get(actor as usize)
                .copied()
                .unwrap_or_default()
        };
        if let Some(date) = date {
            candidates.retain_mut(|c| {
                let CandidateKind::Alias(AliasTarget { actor, when, .. }) = c.kind else {
                    return true;
                };
                if when.is_some_and(|(from, to)| !within(date, from, to)) {
                    return false;
                }
                if existed(actor).1.is_some_and(|to| to < date) {
                    c.usage = Usage::Historical;
                }
                true
            });
        }
        // Spans claimed by more than one actor.
        let mut claims: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (i, c) in candidates.iter().enumerate() {
            if matches!(c.kind, CandidateKind::Alias(AliasTarget { .. })) {
                claims.entry((c.start, c.end)).or_default().push(i);
            }
        }
        let actor_of = |c: &Candidate| match c.kind {
            CandidateKind::Alias(AliasTarget { actor, .. }) => actor,
            _ => ActorIndex::MAX,
        };
        // Actors the article names by words no other actor claims.
        let named_alone: HashSet<ActorIndex> = claims
            .values()
            .filter(|ids| {
                let first = actor_of(&candidates[ids[0]]);
                ids.iter().all(|&i| actor_of(&candidates[i]) == first)
            })
            .map(|ids| actor_of(&candidates[ids[0]]))
            .collect();
        let rank = |c: &Candidate| {
            let CandidateKind::Alias(AliasTarget { actor, when, .. }) = c.kind else {
                return 4;
            };
            match date {
                Some(_) if c.usage == Usage::Historical => 3,
                Some(date) if existed(actor).0.is_some_and(|from| date < from) => 2,
                Some(_) if when.is_some() => 0,
                Some(_) => 1,
                None => {
                    let past =
                        when.is_some_and(|(_, to)| to.is_some()) || existed(actor).1.is_some();
                    u8::from(past)
                }
            }
        };
        let mut drop = vec![false; candidates.len()];
        let mut ambiguous = Vec::new();
        for ids in claims.values() {
            let mut actors: Vec<ActorIndex> =
                ids.iter().map(|&i| actor_of(&candidates[i])).collect();
            actors.sort_unstable();
            actors.dedup();
            if actors.len() < 2 {
                continue;
            }
            let best = ids.iter().map(|&i| rank(&candidates[i])).min().unwrap_or(0);
            for &i in ids {
                if rank(&candidates[i]) > best {
                    drop[i] = true;
                }
            }
            let left: Vec<usize> = ids.iter().copied().filter(|&i| !drop[i]).collect();
            let mut people: Vec<ActorIndex> =
                left.iter().map(|&i| actor_of(&candidates[i])).collect();
            people.sort_unstable();
            people.dedup();
            if people.len() < 2
                || !people
                    .iter()
                    .all(|&a| self.kinds.get(a as usize) == Some(&ActorKind::Person))
            {
                continue;
            }
            let (meant, usage) = self.which_person(&people, &named_alone, date);
            for &i in &left {
                if actor_of(&candidates[i]) != meant {
                    drop[i] = true;
                } else if usage == Usage::Ambiguous {
                    ambiguous.push(i);
                }
            }
        }
        for i in ambiguous {
            candidates[i].usage = Usage::Ambiguous;
        }
        let mut i = 0;
        candidates.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }

    /// Which of several people sharing a name is meant: the only one the article names
    /// in full, else the only one in office on the date; else the one whose offices lie
    /// nearest the date (or the latest, undated), marked ambiguous.
    fn which_person(
        &self,
        people: &[ActorIndex],
        named_alone: &HashSet<ActorIndex>,
        date: Option<NaiveDate>,
    ) -> (ActorIndex, Usage) {
        let named: Vec<ActorIndex> = people
            .iter()
            .copied()
            .filter(|a| named_alone.contains(a))
            .collect();
        if let [one] = named[..] {
            return (one, Usage::Actor);
        }
        let offices = |a: ActorIndex| self.offices.get(a as usize).map_or(&[][..], Vec::as_slice);
        if let Some(date) = date {
            let in_office: Vec<ActorIndex> = people
                .iter()
                .copied()
                .filter(|&a| offices(a).iter().any(|&(from, to)| within(date, from, to)))
                .collect();
            if let [one] = in_office[..] {
                return (one, Usage::Actor);
            }
        }
        // Days between `date` and an office (0 inside it); undated, the latest office.
        let distance = |a: ActorIndex| -> i64 {
            offices(a)
                .iter()
                .map(|&(from, to)| match date {
                    Some(date) => {
                        let before = from.map_or(0, |f| (f - date).num_days().max(0));
                        let after = to.map_or(0, |t| (date - t).num_days().max(0));
                        before.max(after)
                    }
                    None => to.map_or(i64::MIN, |t| -i64::from(t.num_days_from_ce())),
                })
                .min()
                .unwrap_or(i64::MAX)
        };
        let likeliest = people
            .iter()
            .copied()
            .min_by_key(|&a| (distance(a), std::cmp::Reverse(a)))
            .unwrap_or(people[0]);
        (likeliest, Usage::Ambiguous)
    }

    /// A title keeps the words of its state or organisation as their own mention:
    /// "British Prime Minister Margaret Thatcher" names Britain and Thatcher, "foreign
    /// minister of Russia" Russia and its minister. The title's span shrinks to the
    /// words of the office ("Prime Minister").
    pub(super) fn leave_states_to_titles(&self, text: &str, candidates: &mut [Candidate<'_>]) {
        let titles: Vec<usize> = candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.kind, CandidateKind::Held(_) | CandidateKind::Title))
            .map(|(i, _)| i)
            .collect();
        if titles.is_empty() {
            return;
        }
        let not_person = |c: &Candidate| match c.kind {
            CandidateKind::Alias(AliasTarget { actor, .. }) => {
                self.kinds.get(actor as usize) != Some(&ActorKind::Person)
            }
            _ => false,
        };
        for i in titles {
            let (start, end) = (candidates[i].start, candidates[i].end);
            let leading = candidates
                .iter()
                .filter(|c| not_person(c) && c.start == start && c.end < end)
                .map(|c| c.end)
                .max();
            let trailing = candidates
                .iter()
                .filter(|c| not_person(c) && c.end == end && c.start > start)
                .map(|c| c.start)
                .min();
            let mut from = start;
            if let Some(state_end) = leading {
                // "Russia's foreign minister": the office starts after "'s ".
                let rest = &text[state_end..end];
                let after_possessive = rest
                    .strip_prefix("'s")
                    .or_else(|| rest.strip_prefix("\u{2019}s"))
                    .unwrap_or(rest);
                from = end - after_possessive.trim_start().len();
            }
            let mut to = end;
            if let Some(state_start) = trailing.filter(|&s| s > from) {
                // "foreign minister of (the) Russia": the office ends before " of".
                let head = text[from..state_start].trim_end();
                let head = head.strip_suffix(" the").unwrap_or(head);
                let head = head.strip_suffix(" of").unwrap_or(head).trim_end();
                to = from + head.len();
            }
            if from < to && (from, to) != (start, end) {
                candidates[i].start = from;
                candidates[i].end = to;
            }
        }
    }
}
