//! The actor dictionary: who can be mentioned, and by which words.
//!
//! A dictionary is a TOML file of `[[actor]]` tables (see `assets/actors.toml`). The
//! default one is embedded in the binary; a user file is laid on top of it, its entries
//! replacing default entries with the same `id`.

mod check;
mod file;

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The dictionary shipped with NewsLens.
pub const DEFAULT_DICTIONARY: &str = include_str!("../../assets/actors.toml");

/// The name under which errors in the embedded dictionary are reported.
pub const DEFAULT_DICTIONARY_NAME: &str = "assets/actors.toml";

/// A stable actor identifier such as `RUS` or `sergey-lavrov`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActorId(pub String);

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What sort of actor an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state, including partly recognised and historical ones.
    Country,
    /// A named person.
    Person,
    /// An intergovernmental organisation, alliance, court or agency.
    Organization,
    /// A loose group of states or people ("the West").
    Group,
    /// A region or territory that is not a state.
    Place,
}

impl ActorKind {
    /// Every kind, in display order.
    pub const ALL: [Self; 5] = [
        Self::Country,
        Self::Person,
        Self::Organization,
        Self::Group,
        Self::Place,
    ];

    /// The name used in frames, exports and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Group => "group",
            Self::Place => "place",
        }
    }

    /// Parses a kind name as [`Self::as_str`] writes it.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// Which kind of word a mention was found by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AliasClass {
    /// The actor's name or official name.
    Name,
    /// A demonym or adjective ("Armenian").
    Demonym,
    /// A capital or seat of power used as a metonym ("Kremlin").
    Capital,
    /// A misspelling, abbreviation or transliteration.
    Variant,
    /// A title that designates the holder of an office at a date.
    Role,
}

impl AliasClass {
    /// Every class, in the order of their codes ([`AliasClass::code`]).
    pub const ALL: [Self; 5] = [
        Self::Name,
        Self::Demonym,
        Self::Capital,
        Self::Variant,
        Self::Role,
    ];

    /// A small number standing for the class in integer columns.
    pub fn code(self) -> u32 {
        match self {
            Self::Name => 0,
            Self::Demonym => 1,
            Self::Capital => 2,
            Self::Variant => 3,
            Self::Role => 4,
        }
    }

    /// The class a [`AliasClass::code`] stands for.
    pub fn from_code(code: u32) -> Self {
        Self::ALL.get(code as usize).copied().unwrap_or(Self::Name)
    }

    /// The name used in frames and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Demonym => "demonym",
            Self::Capital => "capital",
            Self::Variant => "variant",
            Self::Role => "role",
        }
    }
}

impl AliasClass {
    /// Parses a class name as [`AliasClass::as_str`] writes it.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// What the words of a mention do in their sentence. Only [`Usage::Actor`] counts by
/// default: the others are uses of an actor's name that are not attention to the
/// actor, each counted when the analyst switches it on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Usage {
    /// The words mean the actor ("Japan said", "the Japanese government").
    Actor,
    /// Part of the name of a company, bank, agency, association or outlet ("American
    /// Express", "Bank of Japan").
    Organization,
    /// A currency ("Swiss franc", "Canadian dlrs").
    Currency,
    /// A named agreement, club, round, rate, event or document ("Paris Club", "Uruguay
    /// round", "London Interbank Offered Rate").
    Named,
    /// A national sports team ("India beat Australia by five wickets").
    Sports,
    /// A capital named only as the place where something happened ("talks in Geneva").
    Location,
    /// A state or organisation named after it ceased to exist ("the Soviet Union" in
    /// 2023): a reference to the past, not attention to an actor of the day.
    Historical,
    /// A name several people share ("Bush", "Stoltenberg") that neither the article's
    /// date nor the rest of the article tells apart; given to the likeliest of them.
    Ambiguous,
}

impl Usage {
    /// Every usage, in the order of their codes.
    pub const ALL: [Self; 8] = [
        Self::Actor,
        Self::Organization,
        Self::Currency,
        Self::Named,
        Self::Sports,
        Self::Location,
        Self::Historical,
        Self::Ambiguous,
    ];

    /// The usages that do not count unless switched on.
    pub const SWITCHABLE: [Self; 7] = [
        Self::Organization,
        Self::Currency,
        Self::Named,
        Self::Sports,
        Self::Location,
        Self::Historical,
        Self::Ambiguous,
    ];

    /// The name used in frames, dictionaries and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Actor => "actor",
            Self::Organization => "organization",
            Self::Currency => "currency",
            Self::Named => "named",
            Self::Sports => "sports",
            Self::Location => "location",
            Self::Historical => "historical",
            Self::Ambiguous => "ambiguous",
        }
    }

    /// Parses a usage name as [`Usage::as_str`] writes it.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|u| u.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// What the usage is, for the analyst.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Actor => "the actor itself",
            Self::Organization => "in the name of a company, bank, agency or outlet",
            Self::Currency => "a currency",
            Self::Named => "a named agreement, club, round, rate or event",
            Self::Sports => "a national sports team",
            Self::Location => "a capital named only as a place",
            Self::Historical => "a state or organisation named after it ceased to exist",
            Self::Ambiguous => "a name several people share that the date does not resolve",
        }
    }
}

/// A rule of the dictionary that gives a usage to an alias by the words around it.
/// The rule holds for a mention when any of its `before`, `after` or `sentence`
/// conditions holds, unless one of its `not_after` phrases follows the alias or one of
/// its `not_before` phrases precedes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageRule {
    /// The usage it gives.
    pub usage: Usage,
    /// One line for the analyst.
    pub about: String,
    /// Kinds of actor it applies to (all when empty).
    pub kinds: Vec<ActorKind>,
    /// Alias classes it applies to (all when empty).
    pub classes: Vec<AliasClass>,
    /// Only these actors (all when empty).
    pub actors: Vec<ActorId>,
    /// Phrases directly before the alias ("Bank of").
    pub before: Vec<String>,
    /// Phrases directly after the alias ("franc"); one starting with a hyphen is glued
    /// to it ("-based").
    pub after: Vec<String>,
    /// Capitalised words that may stand between the alias and an `after` phrase.
    pub between: usize,
    /// Words anywhere in the alias's sentence ("wickets").
    pub sentence: Vec<String>,
    /// Phrases directly after the alias that stop the rule ("'s": "in Moscow's view"
    /// is the state's view, not a place).
    pub not_after: Vec<String>,
    /// Phrases directly before the alias that stop the rule ("officials in": "officials
    /// in Moscow said" is the state).
    pub not_before: Vec<String>,
}

impl UsageRule {
    /// Whether the rule is about aliases of `actor` of `class`.
    pub fn applies_to(&self, actor: &Actor, class: AliasClass) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&actor.kind))
            && (self.classes.is_empty() || self.classes.contains(&class))
            && (self.actors.is_empty() || self.actors.contains(&actor.id))
    }
}

/// How letter case is compared between an alias and the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseRule {
    /// Every capital letter of the alias must be a capital in the text; other letters
    /// match in either case. "US" never matches "us"; "Armenia" matches "ARMENIA".
    #[default]
    Smart,
    /// The text must be written exactly as the alias.
    Exact,
    /// Case is ignored.
    Any,
}

/// One surface form of an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The words as they appear in text.
    pub text: String,
    /// Which kind of word this is.
    pub class: AliasClass,
    /// How case is compared.
    pub case: CaseRule,
    /// When not empty, the alias counts only in an article that also holds one of
    /// these words ("Georgia" with "Tbilisi"): its context.
    pub context: Vec<String>,
    /// The alias does not count in a sentence that holds one of these words.
    pub unless: Vec<String>,
    /// First day the words name the actor ("Moscow" names Russia from 1991-12-26).
    pub from: Option<NaiveDate>,
    /// Last day the words name the actor ("Bonn" names West Germany until 1990-10-02).
    pub to: Option<NaiveDate>,
}

impl Alias {
    /// An alias without context rules.
    pub fn plain(text: &str, class: AliasClass, case: CaseRule) -> Self {
        Self {
            text: text.to_owned(),
            class,
            case,
            context: Vec::new(),
            unless: Vec::new(),
            from: None,
            to: None,
        }
    }

    /// Whether the alias depends on the words around it.
    pub fn has_rules(&self) -> bool {
        !self.context.is_empty() || !self.unless.is_empty()
    }

    /// Whether the alias names its actor only between dates.
    pub fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
}

/// Whether `date` lies between `from` and `to` (both included; an open bound holds
/// every date on its side).
pub fn within(date: NaiveDate, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    from.is_none_or(|from| from <= date) && to.is_none_or(|to| date <= to)
}

/// An office whose title designates the actor between two dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// Titles that name the office ("Russian Foreign Minister").
    pub phrases: Vec<String>,
    /// First day in office, if known.
    pub from: Option<NaiveDate>,
    /// Last day in office; open when the actor still holds it.
    pub to: Option<NaiveDate>,
    /// How case is compared.
    pub case: CaseRule,
}

impl Role {
    /// Whether the office was held on `date`.
    pub fn held_on(&self, date: NaiveDate) -> bool {
        within(date, self.from, self.to)
    }
}

/// A geopolitical actor and the words that mention it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Stable identifier.
    pub id: ActorId,
    /// Display name.
    pub name: String,
    /// What sort of actor this is.
    pub kind: ActorKind,
    /// Every alias of every class.
    pub aliases: Vec<Alias>,
    /// Offices held, with date bounds.
    pub roles: Vec<Role>,
    /// Phrases inside which an alias of this actor is not a mention ("Rome Statute").
    pub exclude: Vec<String>,
    /// First day the actor existed (a state's independence, an organisation's founding):
    /// before it, words it shares with an actor of the day are that actor's.
    pub from: Option<NaiveDate>,
    /// Last day the actor existed (the Soviet Union until 1991-12-26): after it, its
    /// words are a reference to the past ([`Usage::Historical`]).
    pub to: Option<NaiveDate>,
    /// The actor that took its place, if any ("eu" for the European Community).
    pub successor: Option<ActorId>,
    /// The line of its file the entry starts on (0 when made in the app).
    pub line: usize,
    /// The file the entry comes from (empty when made in the app).
    pub origin: std::sync::Arc<str>,
}

/// A set of actors, ready to be compiled into a matcher.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dictionary {
    actors: Vec<Actor>,
    /// Ids of actors of the dictionary below that this one removes when laid on it.
    removed: Vec<ActorId>,
    /// Rules that give mentions a usage, in order (the first that holds wins).
    usages: Vec<UsageRule>,
    /// Usages counted besides [`Usage::Actor`].
    counted: Vec<Usage>,
}

/// A dictionary that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// The file could not be opened or read.
    #[error("cannot read dictionary {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a valid dictionary.
    #[error("{}", problems.join("\n"))]
    Invalid {
        /// One sentence per problem, each naming the file and line.
        problems: Vec<String>,
    },
}

impl Dictionary {
    /// The embedded default dictionary.
    pub fn builtin() -> Result<Self, DictionaryError> {
        Self::parse(DEFAULT_DICTIONARY, DEFAULT_DICTIONARY_NAME)
    }

    /// Reads a dictionary file.
    pub fn from_file(path: &Path) -> Result<Self, DictionaryError> {
        let text = std::fs::read_to_string(path).map_err(|source| DictionaryError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Lays `other` on top of `self`: its actors replace those with the same id, and
    /// its usage rules are read before `self`'s.
    pub fn merged_with(mut self, other: Self) -> Self {
        let own: Vec<UsageRule> = std::mem::take(&mut self.usages)
            .into_iter()
            .filter(|r| !other.usages.contains(r))
            .collect();
        self.usages = other.usages;
        self.usages.extend(own);
        self.actors.retain(|a| !other.removed.contains(&a.id));
        for actor in other.actors {
            match self.actors.iter_mut().find(|a| a.id == actor.id) {
                Some(existing) => *existing = actor,
                None => self.actors.push(actor),
            }
        }
        self
    }

    /// The same dictionary without the aliases of `classes`.
    pub fn without_classes(mut self, classes: &[AliasClass]) -> Self {
        for actor in &mut self.actors {
            actor.aliases.retain(|a| !classes.contains(&a.class));
        }
        self
    }

    /// The same dictionary counting the mentions of `usages` too.
    pub fn counting(mut self, usages: &[Usage]) -> Self {
        self.counted = usages
            .iter()
            .copied()
            .filter(|u| *u != Usage::Actor)
            .collect();
        self.counted.sort();
        self.counted.dedup();
        self
    }

    /// Whether mentions of `usage` count.
    pub fn counts(&self, usage: Usage) -> bool {
        usage == Usage::Actor || self.counted.contains(&usage)
    }

    /// The usage rules, in the order they are tried.
    pub fn usage_rules(&self) -> &[UsageRule] {
        &self.usages
    }

    /// All actors, in dictionary order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// A dictionary of these actors, with this one's usage rules and counted usages.
    pub fn with_actors(&self, actors: Vec<Actor>) -> Self {
        Self {
            actors,
            removed: Vec::new(),
            usages: self.usages.clone(),
            counted: self.counted.clone(),
        }
    }

    /// A dictionary of these actors.
    pub fn from_actors(actors: Vec<Actor>) -> Self {
        Self {
            actors,
            ..Self::default()
        }
    }

    /// What a user file must hold to turn `base` into `self` when laid on it: the
    /// actors that are new or changed, and the ids of those that are gone.
    pub fn difference_from(&self, base: &Self) -> Self {
        let plain = |a: &Actor| Actor {
            line: 0,
            origin: "".into(),
            ..a.clone()
        };
        let same = |a: &Actor, b: &Actor| plain(a) == plain(b);
        Self {
            actors: self
                .actors
                .iter()
                .filter(|a| !base.actors.iter().any(|b| same(a, b)))
                .cloned()
                .collect(),
            removed: base
                .actors
                .iter()
                .filter(|b| !self.actors.iter().any(|a| a.id == b.id))
                .map(|b| b.id.clone())
                .collect(),
            usages: self
                .usages
                .iter()
                .filter(|r| !base.usages.contains(r))
                .cloned()
                .collect(),
            counted: Vec::new(),
        }
    }

    /// Finds an actor by id, display name or any alias, ignoring case.
    pub fn find(&self, key: &str) -> Option<&Actor> {
        let key = key.trim();
        self.actors
            .iter()
            .find(|a| a.id.0.eq_ignore_ascii_case(key))
            .or_else(|| {
                self.actors
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(key))
            })
            .or_else(|| {
                self.actors
                    .iter()
                    .find(|a| a.aliases.iter().any(|al| al.text.eq_ignore_ascii_case(key)))
            })
    }
}

/// Which dictionary to use and which aliases count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct DictionarySource {
    /// A user dictionary.
    pub file: Option<std::path::PathBuf>,
    /// Whether the user dictionary replaces the built-in one instead of extending it.
    pub replace_default: bool,
    /// Leave out demonyms ("Armenian").
    pub no_demonyms: bool,
    /// Leave out capitals and seats of power used as metonyms ("Kremlin").
    pub no_metonyms: bool,
    /// Count these uses of actors' names too (currencies, company names, …).
    pub count_usages: Vec<Usage>,
}

impl DictionarySource {
    /// Reads the dictionary this source names.
    pub fn load(&self) -> Result<Dictionary, DictionaryError> {
        let dictionary = match (&self.file, self.replace_default) {
            (Some(file), true) => Dictionary::from_file(file)?,
            (Some(file), false) => Dictionary::builtin()?.merged_with(Dictionary::from_file(file)?),
            (None, _) => Dictionary::builtin()?,
        };
        let mut left_out = Vec::new();
        if self.no_demonyms {
            left_out.push(AliasClass::Demonym);
        }
        if self.no_metonyms {
            left_out.push(AliasClass::Capital);
        }
        Ok(dictionary
            .without_classes(&left_out)
            .counting(&self.count_usages))
    }
}

#[cfg(test)]
mod tests;
