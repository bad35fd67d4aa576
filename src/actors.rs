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
}

/// A set of actors, ready to be compiled into a matcher.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dictionary {
    actors: Vec<Actor>,
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

    /// Parses dictionary text; `origin` names the file in error messages.
    pub fn parse(text: &str, origin: &str) -> Result<Self, DictionaryError> {
        let file: DictionaryFile = toml::from_str(text).map_err(|e| DictionaryError::Invalid {
            problems: vec![describe_toml_error(&e, text, origin)],
        })?;
        let mut problems = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut actors = Vec::with_capacity(file.actor.len());
        for (index, entry) in file.actor.into_iter().enumerate() {
            let line = actor_line(text, index);
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
                Ok(actor) => actors.push(actor),
                Err(problem) => problems.push(format!("{at}: {problem}")),
            }
        }
        if problems.is_empty() {
            Ok(Self { actors })
        } else {
            Err(DictionaryError::Invalid { problems })
        }
    }

    /// Lays `other` on top of `self`: its actors replace those with the same id.
    pub fn merged_with(mut self, other: Self) -> Self {
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
        let base = Self::builtin()?;
        match user_file {
            Some(path) => Ok(base.merged_with(Self::from_file(path)?)),
            None => Ok(base),
        }
    }

    /// All actors, in dictionary order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
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

/// Turns a TOML error into `FILE line N: field "F" …: cause`.
fn describe_toml_error(error: &toml::de::Error, text: &str, origin: &str) -> String {
    let message = error.message().trim().replace('\n', "; ");
    let Some(span) = error.span() else {
        return format!("{origin}: {message}");
    };
    let start = span.start.min(text.len());
    let line_no = text[..start].matches('\n').count() + 1;
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

/// The line on which the `index`-th `[[actor]]` table starts.
fn actor_line(text: &str, index: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[actor]]"))
        .nth(index)
        .map_or(0, |(i, _)| i + 1)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DictionaryFile {
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

#[derive(Deserialize)]
#[serde(untagged)]
enum AliasEntry {
    Plain(String),
    Detailed { text: String, case: CaseRule },
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
                let (text, case) = match entry {
                    AliasEntry::Plain(text) => (text, default_case),
                    AliasEntry::Detailed { text, case } => (text, case),
                };
                if text.trim().is_empty() {
                    return Err(format!(
                        "field \"{field}\" of actor \"{}\" holds an empty alias",
                        self.id
                    ));
                }
                aliases.push(Alias {
                    text: text.trim().to_owned(),
                    class,
                    case,
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
