//! The actor dictionary: who can be mentioned, and by which words.
//!
//! A dictionary is a TOML file of `[[actor]]` tables (see `assets/actors.toml`). The
//! default one is embedded in the binary; a user file is laid on top of it, its entries
//! replacing default entries with the same `id`.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

/// The dictionary shipped with NewsLens.
pub const DEFAULT_DICTIONARY: &str = include_str!("../assets/actors.toml");

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
        }
    }

    /// Whether the alias depends on the words around it.
    pub fn has_rules(&self) -> bool {
        !self.context.is_empty() || !self.unless.is_empty()
    }
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
        self.from.is_none_or(|from| from <= date) && self.to.is_none_or(|to| date <= to)
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

    /// Parses dictionary text; `origin` names the file in error messages. Every problem
    /// of every entry is reported, not only the first.
    pub fn parse(text: &str, origin: &str) -> Result<Self, DictionaryError> {
        let (dictionary, problems) = Self::parse_lenient(text, origin);
        if problems.is_empty() {
            Ok(dictionary)
        } else {
            Err(DictionaryError::Invalid { problems })
        }
    }

    /// Parses dictionary text, keeping every valid entry: the dictionary of those, and
    /// one sentence per problem (each naming the file and line).
    pub fn parse_lenient(text: &str, origin: &str) -> (Self, Vec<String>) {
        let shared_origin: std::sync::Arc<str> = origin.into();
        // The whole file first, for syntax errors (after which nothing can be read).
        if let Err(e) = toml::from_str::<toml::Table>(text) {
            return (
                Self::default(),
                vec![describe_toml_error(&e, text, origin, 0)],
            );
        }
        // Then each [[actor]] table on its own, so one bad entry does not hide the next.
        let mut problems = Vec::new();
        let mut entries = Vec::new();
        let mut removed = Vec::new();
        for (first_line, chunk) in actor_chunks(text) {
            match toml::from_str::<DictionaryFile>(chunk) {
                Ok(file) => {
                    entries.extend(file.actor.into_iter().map(|e| (first_line + 1, e)));
                    removed.extend(file.removed.into_iter().map(ActorId));
                }
                Err(e) => problems.push(describe_toml_error(&e, chunk, origin, first_line)),
            }
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut actors = Vec::with_capacity(entries.len());
        for (line, entry) in entries {
            let at = format!("{origin} line {line}");
            if entry.id.trim().is_empty() {
                problems.push(format!("{at}: field \"id\" must not be empty"));
            }
            if entry.name.trim().is_empty() {
                problems.push(format!(
                    "{at}: field \"name\" of actor \"{}\" must not be empty",
                    entry.id
                ));
            }
            if let Some(first) = seen.insert(entry.id.clone(), line) {
                problems.push(format!(
                    "{at}: actor id \"{}\" is already used at line {first}",
                    entry.id
                ));
            }
            match entry.into_actor() {
                Ok(mut actor) => {
                    actor.line = line;
                    actor.origin = shared_origin.clone();
                    actors.push(actor);
                }
                Err(problem) => problems.push(format!("{at}: {problem}")),
            }
        }
        (Self { actors, removed }, problems)
    }

    /// Lays `other` on top of `self`: its actors replace those with the same id.
    pub fn merged_with(mut self, other: Self) -> Self {
        self.actors.retain(|a| !other.removed.contains(&a.id));
        for actor in other.actors {
            match self.actors.iter_mut().find(|a| a.id == actor.id) {
                Some(existing) => *existing = actor,
                None => self.actors.push(actor),
            }
        }
        self
    }

    /// The built-in dictionary with an optional user file on top.
    pub fn load(user_file: Option<&Path>) -> Result<Self, DictionaryError> {
        DictionarySource {
            file: user_file.map(Path::to_path_buf),
            ..DictionarySource::default()
        }
        .load()
    }

    /// The same dictionary without the aliases of `classes`.
    pub fn without_classes(mut self, classes: &[AliasClass]) -> Self {
        for actor in &mut self.actors {
            actor.aliases.retain(|a| !classes.contains(&a.class));
        }
        self
    }

    /// Problems that do not stop the dictionary from loading but make its counts
    /// doubtful: an alias claimed by two actors (the first in the file wins), and two
    /// holders of one role whose dates overlap by more than the handover day.
    pub fn conflicts(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let describe = |a: &Actor| match (a.line, a.origin.is_empty()) {
            (0, _) => format!("\"{}\"", a.id),
            (line, true) => format!("\"{}\" (line {line})", a.id),
            (line, false) => format!("\"{}\" ({} line {line})", a.id, a.origin),
        };
        let mut owners: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, actor) in self.actors.iter().enumerate() {
            let mut own: Vec<String> = actor
                .aliases
                .iter()
                .map(|a| crate::extract::fold(&a.text.replace('’', "'")))
                .collect();
            own.sort();
            own.dedup();
            for alias in own {
                owners.entry(alias).or_default().push(i);
            }
        }
        let mut shared: Vec<(&String, &Vec<usize>)> =
            owners.iter().filter(|(_, v)| v.len() > 1).collect();
        shared.sort_by_key(|(alias, owners)| (owners[0], (*alias).clone()));
        for (alias, owners) in shared {
            let names: Vec<String> = owners.iter().map(|&i| describe(&self.actors[i])).collect();
            problems.push(format!(
                "alias \"{alias}\" is claimed by {}; {} wins (it comes later)",
                names.join(" and "),
                names[names.len() - 1]
            ));
        }
        let mut holders: HashMap<String, Vec<(usize, &Role)>> = HashMap::new();
        for (i, actor) in self.actors.iter().enumerate() {
            for role in &actor.roles {
                for phrase in &role.phrases {
                    holders
                        .entry(crate::extract::fold(&phrase.replace('’', "'")))
                        .or_default()
                        .push((i, role));
                }
            }
        }
        let mut overlaps = Vec::new();
        for (phrase, mut list) in holders {
            list.sort_by_key(|(_, r)| r.from);
            for (k, (a, ra)) in list.iter().enumerate() {
                for (b, rb) in &list[k + 1..] {
                    if a == b {
                        continue;
                    }
                    // rb starts no earlier than ra; they overlap when rb starts before ra
                    // ends (sharing the handover day is allowed).
                    let overlap = match (ra.to, rb.from) {
                        (None, _) => true,
                        (Some(_), None) => true,
                        (Some(end), Some(start)) => start < end,
                    };
                    if overlap {
                        let span = |r: &Role| {
                            format!(
                                "{} – {}",
                                r.from.map_or("?".to_owned(), |d| d.to_string()),
                                r.to.map_or("now".to_owned(), |d| d.to_string())
                            )
                        };
                        overlaps.push((
                            (*a).min(*b),
                            format!(
                                "role \"{phrase}\": {} ({}) and {} ({}) overlap",
                                describe(&self.actors[*a]),
                                span(ra),
                                describe(&self.actors[*b]),
                                span(rb)
                            ),
                        ));
                    }
                }
            }
        }
        overlaps.sort();
        overlaps.dedup();
        problems.extend(overlaps.into_iter().map(|(_, p)| p));
        problems
    }

    /// All actors, in dictionary order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// A dictionary of these actors.
    pub fn from_actors(actors: Vec<Actor>) -> Self {
        Self {
            actors,
            removed: Vec::new(),
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
        }
    }

    /// The dictionary as a file `parse` reads back.
    pub fn to_toml(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let list = |items: Vec<String>| format!("[{}]", items.join(", "));
        let mut out =
            String::from("# NewsLens actor dictionary (see assets/actors.toml for the fields).\n");
        if !self.removed.is_empty() {
            out.push_str(&format!(
                "removed = {}\n",
                list(self.removed.iter().map(|id| quote(&id.0)).collect())
            ));
        }
        for actor in &self.actors {
            out.push_str(&format!(
                "\n[[actor]]\nid = {}\nname = {}\nkind = {}\n",
                quote(&actor.id.0),
                quote(&actor.name),
                quote(actor.kind.as_str())
            ));
            for (class, field) in [
                (AliasClass::Name, "names"),
                (AliasClass::Demonym, "demonyms"),
                (AliasClass::Capital, "capitals"),
                (AliasClass::Variant, "variants"),
            ] {
                let aliases: Vec<String> = actor
                    .aliases
                    .iter()
                    .filter(|a| a.class == class)
                    .map(|a| {
                        if a.case == CaseRule::Smart && !a.has_rules() {
                            return quote(&a.text);
                        }
                        let mut parts = vec![format!("text = {}", quote(&a.text))];
                        let case = match a.case {
                            CaseRule::Smart => "smart",
                            CaseRule::Exact => "exact",
                            CaseRule::Any => "any",
                        };
                        parts.push(format!("case = {}", quote(case)));
                        for (key, words) in [("context", &a.context), ("unless", &a.unless)] {
                            if !words.is_empty() {
                                parts.push(format!(
                                    "{key} = {}",
                                    list(words.iter().map(|w| quote(w)).collect())
                                ));
                            }
                        }
                        format!("{{ {} }}", parts.join(", "))
                    })
                    .collect();
                if !aliases.is_empty() {
                    out.push_str(&format!("{field} = {}\n", list(aliases)));
                }
            }
            if !actor.exclude.is_empty() {
                out.push_str(&format!(
                    "exclude = {}\n",
                    list(actor.exclude.iter().map(|e| quote(e)).collect())
                ));
            }
            for role in &actor.roles {
                out.push_str(&format!(
                    "[[actor.roles]]\nphrases = {}\n",
                    list(role.phrases.iter().map(|p| quote(p)).collect())
                ));
                if let Some(from) = role.from {
                    out.push_str(&format!("from = {from}\n"));
                }
                if let Some(to) = role.to {
                    out.push_str(&format!("to = {to}\n"));
                }
                if role.case != CaseRule::Smart {
                    let case = if role.case == CaseRule::Exact {
                        "exact"
                    } else {
                        "any"
                    };
                    out.push_str(&format!("case = {}\n", quote(case)));
                }
            }
        }
        out
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
        Ok(dictionary.without_classes(&left_out))
    }
}

/// Turns a TOML error in `text` (which starts at line `offset` + 1 of the file) into
/// `FILE line N: field "F" …: cause`.
fn describe_toml_error(error: &toml::de::Error, text: &str, origin: &str, offset: usize) -> String {
    let message = error.message().trim().replace('\n', "; ");
    let Some(span) = error.span() else {
        return format!("{origin}: {message}");
    };
    let start = span.start.min(text.len());
    let line_no = offset + text[..start].matches('\n').count() + 1;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_text = text[line_start..].lines().next().unwrap_or("");
    let field = line_text
        .split_once('=')
        .map(|(key, _)| key.trim().trim_matches('"'))
        .filter(|key| !key.is_empty() && !key.starts_with('['));
    match field {
        Some(field) => format!("{origin} line {line_no}: field \"{field}\": {message}"),
        None => format!("{origin} line {line_no}: {message}"),
    }
}

/// The text of the file cut before each `[[actor]]` header, with the index of the
/// line each part starts on. The part before the first header is included (it may hold
/// misplaced keys).
fn actor_chunks(text: &str) -> Vec<(usize, &str)> {
    let mut starts = vec![(0usize, 0usize)];
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with("[[actor]]") && i > 0 {
            starts.push((i, offset));
        }
        offset += line.len();
    }
    let mut chunks = Vec::with_capacity(starts.len());
    for (k, &(line, at)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |&(_, e)| e);
        chunks.push((line, &text[at..end]));
    }
    chunks
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DictionaryFile {
    /// Ids of built-in actors the file removes.
    #[serde(default)]
    removed: Vec<String>,
    #[serde(default)]
    actor: Vec<ActorEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorEntry {
    id: String,
    name: String,
    kind: ActorKind,
    #[serde(default)]
    case: CaseRule,
    #[serde(default)]
    names: Vec<AliasEntry>,
    #[serde(default)]
    demonyms: Vec<AliasEntry>,
    #[serde(default)]
    capitals: Vec<AliasEntry>,
    #[serde(default)]
    variants: Vec<AliasEntry>,
    #[serde(default)]
    roles: Vec<RoleEntry>,
    #[serde(default)]
    exclude: Vec<String>,
}

/// An alias as written: `"Georgia"` or `{ text = "Georgia", case = "exact",
/// context = [...], unless = [...] }`.
struct AliasEntry {
    text: String,
    case: Option<CaseRule>,
    context: Vec<String>,
    unless: Vec<String>,
}

impl<'de> Deserialize<'de> for AliasEntry {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = toml::Value::deserialize(de)?;
        let table = match value {
            toml::Value::String(text) => {
                return Ok(Self {
                    text,
                    case: None,
                    context: Vec::new(),
                    unless: Vec::new(),
                });
            }
            toml::Value::Table(table) => table,
            other => {
                return Err(D::Error::custom(format!(
                    "an alias is a string or a table {{ text = \"…\" }}, found {}",
                    other.type_str()
                )));
            }
        };
        let words = |key: &str| -> Result<Vec<String>, D::Error> {
            match table.get(key) {
                None => Ok(Vec::new()),
                Some(toml::Value::Array(items)) => items
                    .iter()
                    .map(|v| {
                        v.as_str().map(str::to_owned).ok_or_else(|| {
                            D::Error::custom(format!("\"{key}\" of an alias holds only strings"))
                        })
                    })
                    .collect(),
                Some(_) => Err(D::Error::custom(format!(
                    "\"{key}\" of an alias is a list of words"
                ))),
            }
        };
        for key in table.keys() {
            if !matches!(key.as_str(), "text" | "case" | "context" | "unless") {
                return Err(D::Error::custom(format!(
                    "unknown key \"{key}\" in an alias (expected text, case, context, unless)"
                )));
            }
        }
        let text = table
            .get("text")
            .and_then(toml::Value::as_str)
            .ok_or_else(|| D::Error::custom("an alias table needs text = \"…\""))?
            .to_owned();
        let case = match table.get("case") {
            None => None,
            Some(v) => Some(
                CaseRule::deserialize(v.clone())
                    .map_err(|_| D::Error::custom("case is \"smart\", \"exact\" or \"any\""))?,
            ),
        };
        Ok(Self {
            text,
            case,
            context: words("context")?,
            unless: words("unless")?,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    phrases: Vec<String>,
    #[serde(default, deserialize_with = "date_value")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "date_value")]
    to: Option<NaiveDate>,
    #[serde(default)]
    case: Option<CaseRule>,
}

/// Accepts a TOML date (`2004-03-09`) or a string holding one.
fn date_value<'de, D: Deserializer<'de>>(de: D) -> Result<Option<NaiveDate>, D::Error> {
    let value = toml::Value::deserialize(de)?;
    let text = match &value {
        toml::Value::Datetime(dt) => dt.to_string(),
        toml::Value::String(s) => s.clone(),
        other => {
            return Err(serde::de::Error::custom(format!(
                "expected a date such as 2004-03-09, found {}",
                other.type_str()
            )));
        }
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            serde::de::Error::custom(format!("\"{text}\" is not a date such as 2004-03-09"))
        })
}

impl ActorEntry {
    fn into_actor(self) -> Result<Actor, String> {
        let default_case = self.case;
        let mut aliases = Vec::new();
        let classes = [
            (self.names, AliasClass::Name, "names"),
            (self.demonyms, AliasClass::Demonym, "demonyms"),
            (self.capitals, AliasClass::Capital, "capitals"),
            (self.variants, AliasClass::Variant, "variants"),
        ];
        for (entries, class, field) in classes {
            for entry in entries {
                if entry.text.trim().is_empty() {
                    return Err(format!(
                        "field \"{field}\" of actor \"{}\" holds an empty alias",
                        self.id
                    ));
                }
                let clean = |words: Vec<String>| -> Vec<String> {
                    words
                        .into_iter()
                        .map(|w| w.trim().to_owned())
                        .filter(|w| !w.is_empty())
                        .collect()
                };
                aliases.push(Alias {
                    text: entry.text.trim().to_owned(),
                    class,
                    case: entry.case.unwrap_or(default_case),
                    context: clean(entry.context),
                    unless: clean(entry.unless),
                });
            }
        }
        let mut roles = Vec::new();
        for role in self.roles {
            if role.phrases.iter().any(|p| p.trim().is_empty()) || role.phrases.is_empty() {
                return Err(format!(
                    "field \"roles.phrases\" of actor \"{}\" must hold at least one non-empty title",
                    self.id
                ));
            }
            if let (Some(from), Some(to)) = (role.from, role.to)
                && to < from
            {
                return Err(format!(
                    "a role of actor \"{}\" ends ({to}) before it starts ({from})",
                    self.id
                ));
            }
            roles.push(Role {
                phrases: role.phrases.iter().map(|p| p.trim().to_owned()).collect(),
                from: role.from,
                to: role.to,
                case: role.case.unwrap_or(default_case),
            });
        }
        Ok(Actor {
            id: ActorId(self.id.trim().to_owned()),
            name: self.name.trim().to_owned(),
            kind: self.kind,
            aliases,
            roles,
            exclude: self.exclude,
            line: 0,
            origin: "".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_dictionary_loads() {
        let dict = Dictionary::builtin().unwrap();
        assert!(dict.actors().len() > 20);
        assert_eq!(dict.find("Kremlin").unwrap().id.0, "RUS");
        assert_eq!(dict.find("russia").unwrap().id.0, "RUS");
    }

    #[test]
    fn malformed_file_names_line_and_field() {
        let text = "[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"country\"\nnames = 3\n";
        let err = Dictionary::parse(text, "my.toml").unwrap_err().to_string();
        assert!(err.contains("my.toml line 5"), "{err}");
        assert!(err.contains("field \"names\""), "{err}");
    }

    #[test]
    fn unknown_kind_is_refused() {
        let text = "[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"planet\"\n";
        let err = Dictionary::parse(text, "k.toml").unwrap_err().to_string();
        assert!(err.contains("k.toml line 4"), "{err}");
        assert!(err.contains("planet"), "{err}");
    }

    #[test]
    fn duplicate_ids_and_empty_aliases_are_all_reported() {
        let text = "[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"group\"\nnames = [\"\"]\n\
                    [[actor]]\nid = \"a\"\nname = \"B\"\nkind = \"group\"\n";
        let err = Dictionary::parse(text, "d.toml").unwrap_err().to_string();
        assert!(err.contains("d.toml line 1: field \"names\""), "{err}");
        assert!(
            err.contains("d.toml line 6: actor id \"a\" is already used at line 1"),
            "{err}"
        );
    }

    #[test]
    fn roles_take_native_and_string_dates() {
        let text = "[[actor]]\nid = \"p\"\nname = \"P\"\nkind = \"person\"\n\
                    [[actor.roles]]\nphrases = [\"Chief\"]\nfrom = 2004-03-09\nto = \"2010-01-01\"\n";
        let dict = Dictionary::parse(text, "r.toml").unwrap();
        let role = &dict.actors()[0].roles[0];
        assert!(role.held_on(NaiveDate::from_ymd_opt(2005, 1, 1).unwrap()));
        assert!(!role.held_on(NaiveDate::from_ymd_opt(2011, 1, 1).unwrap()));
    }

    #[test]
    fn every_bad_entry_is_reported_with_its_line() {
        let text = "[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"planet\"\n\
                    [[actor]]\nid = \"b\"\nname = \"B\"\nkind = \"group\"\nnames = [{ txt = \"B\" }]\n\
                    [[actor]]\nid = \"c\"\nname = \"\"\nkind = \"group\"\n";
        let err = Dictionary::parse(text, "e.toml").unwrap_err().to_string();
        assert!(err.contains("e.toml line 4"), "{err}");
        assert!(err.contains("planet"), "{err}");
        assert!(err.contains("e.toml line 9: field \"names\""), "{err}");
        assert!(err.contains("unknown key \"txt\""), "{err}");
        assert!(
            err.contains("e.toml line 10: field \"name\" of actor \"c\""),
            "{err}"
        );
    }

    #[test]
    fn shared_aliases_and_overlapping_roles_are_conflicts() {
        let text = "[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\nnames = [\"Smith\"]\n\
                    [[actor.roles]]\nphrases = [\"Chief\"]\nfrom = 2000-01-01\nto = 2010-01-01\n\
                    [[actor]]\nid = \"b\"\nname = \"B\"\nkind = \"person\"\nnames = [\"smith\"]\n\
                    [[actor.roles]]\nphrases = [\"chief\"]\nfrom = 2009-06-01\n\
                    [[actor]]\nid = \"c\"\nname = \"C\"\nkind = \"person\"\n\
                    [[actor.roles]]\nphrases = [\"Deputy\"]\nfrom = 2000-01-01\nto = 2010-01-01\n\
                    [[actor]]\nid = \"d\"\nname = \"D\"\nkind = \"person\"\n\
                    [[actor.roles]]\nphrases = [\"Deputy\"]\nfrom = 2010-01-01\n";
        let conflicts = Dictionary::parse(text, "c.toml").unwrap().conflicts();
        assert_eq!(conflicts.len(), 2, "{conflicts:?}");
        assert!(
            conflicts[0].contains(
                "\"smith\" is claimed by \"a\" (c.toml line 1) and \"b\" (c.toml line 10); \"b\" (c.toml line 10) wins"
            ),
            "{conflicts:?}"
        );
        assert!(conflicts[1].contains("role \"chief\""), "{conflicts:?}");
        // A shared handover day is not an overlap.
        assert!(
            !conflicts.iter().any(|c| c.contains("deputy")),
            "{conflicts:?}"
        );
    }

    #[test]
    fn rules_and_removals_survive_a_round_trip() {
        let text = "removed = [\"RUS\"]\n[[actor]]\nid = \"GEO\"\nname = \"Georgia\"\nkind = \"country\"\n\
                    names = [{ text = \"Georgia\", case = \"exact\", context = [\"Tbilisi\"], unless = [\"Atlanta\"] }]\n\
                    demonyms = [\"Georgian\"]\n[[actor.roles]]\nphrases = [\"Georgian leader\"]\nfrom = 2012-10-25\n";
        let dict = Dictionary::parse(text, "g.toml").unwrap();
        let alias = &dict.actors()[0].aliases[0];
        assert_eq!(alias.case, CaseRule::Exact);
        assert_eq!(alias.context, ["Tbilisi"]);
        assert_eq!(alias.unless, ["Atlanta"]);
        let again = Dictionary::parse(&dict.to_toml(), "again.toml").unwrap();
        let strip = |d: &Dictionary| -> Vec<Actor> {
            d.actors()
                .iter()
                .map(|a| Actor {
                    line: 0,
                    origin: "".into(),
                    ..a.clone()
                })
                .collect()
        };
        assert_eq!(strip(&again), strip(&dict));
        let merged = Dictionary::builtin().unwrap().merged_with(again);
        assert!(merged.find("RUS").is_none(), "removed");
        assert_eq!(merged.find("GEO").unwrap().aliases.len(), 2);
    }

    #[test]
    fn a_difference_lays_back_onto_its_base() {
        let base = Dictionary::builtin().unwrap();
        let mut actors = base.actors().to_vec();
        actors.retain(|a| a.id.0 != "ARM");
        let russia = actors.iter_mut().find(|a| a.id.0 == "RUS").unwrap();
        russia.aliases.push(Alias::plain(
            "Kremlin-backed",
            AliasClass::Variant,
            CaseRule::Smart,
        ));
        let edited = Dictionary::from_actors(actors);
        let file = edited.difference_from(&base);
        assert_eq!(file.actors().len(), 1);
        let reread = Dictionary::parse(&file.to_toml(), "user.toml").unwrap();
        let rebuilt = base.merged_with(reread);
        assert!(rebuilt.find("ARM").is_none());
        assert!(rebuilt.find("Kremlin-backed").is_some());
        assert_eq!(rebuilt.actors().len(), edited.actors().len());
    }

    #[test]
    fn user_entries_replace_defaults_with_the_same_id() {
        let base = Dictionary::builtin().unwrap();
        let user = Dictionary::parse(
            "[[actor]]\nid = \"RUS\"\nname = \"Russian Federation\"\nkind = \"country\"\nnames = [\"Russia\"]\n",
            "u.toml",
        )
        .unwrap();
        let merged = base.clone().merged_with(user);
        assert_eq!(merged.actors().len(), base.actors().len());
        assert_eq!(merged.find("RUS").unwrap().name, "Russian Federation");
    }
}
