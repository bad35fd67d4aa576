//! The dictionary file: reading TOML with every problem named by file, line and
//! field, and writing a dictionary back.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

use super::*;

impl Dictionary {
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
        let mut usages = Vec::new();
        for (first_line, chunk) in actor_chunks(text) {
            match toml::from_str::<DictionaryFile>(chunk) {
                Ok(file) => {
                    entries.extend(file.actor.into_iter().map(|e| (first_line + 1, e)));
                    removed.extend(file.removed.into_iter().map(ActorId));
                    for rule in file.usage {
                        match rule.into_rule() {
                            Ok(rule) => usages.push(rule),
                            Err(problem) => problems.push(format!(
                                "{origin} line {}: [[usage]]: {problem}",
                                first_line + 1
                            )),
                        }
                    }
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
        (
            Self {
                actors,
                removed,
                usages,
                counted: Vec::new(),
            },
            problems,
        )
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
        for rule in &self.usages {
            out.push_str(&format!(
                "\n[[usage]]\nuse = {}\n",
                quote(rule.usage.as_str())
            ));
            if !rule.about.is_empty() {
                out.push_str(&format!("about = {}\n", quote(&rule.about)));
            }
            let lists = [
                (
                    "kinds",
                    rule.kinds.iter().map(|k| k.as_str().to_owned()).collect(),
                ),
                (
                    "classes",
                    rule.classes.iter().map(|c| c.as_str().to_owned()).collect(),
                ),
                ("actors", rule.actors.iter().map(|a| a.0.clone()).collect()),
                ("before", rule.before.clone()),
                ("after", rule.after.clone()),
                ("sentence", rule.sentence.clone()),
                ("not_after", rule.not_after.clone()),
                ("not_before", rule.not_before.clone()),
            ];
            for (key, values) in lists {
                let values: Vec<String> = values;
                if !values.is_empty() {
                    out.push_str(&format!(
                        "{key} = {}\n",
                        list(values.iter().map(|v| quote(v)).collect())
                    ));
                }
            }
            if rule.between > 0 {
                out.push_str(&format!("between = {}\n", rule.between));
            }
        }
        for actor in &self.actors {
            out.push_str(&format!(
                "\n[[actor]]\nid = {}\nname = {}\nkind = {}\n",
                quote(&actor.id.0),
                quote(&actor.name),
                quote(actor.kind.as_str())
            ));
            if let Some(from) = actor.from {
                out.push_str(&format!("from = {from}\n"));
            }
            if let Some(to) = actor.to {
                out.push_str(&format!("to = {to}\n"));
            }
            if let Some(successor) = &actor.successor {
                out.push_str(&format!("successor = {}\n", quote(&successor.0)));
            }
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
                        if a.case == CaseRule::Smart && !a.has_rules() && !a.is_dated() {
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
                        for (key, date) in [("from", a.from), ("to", a.to)] {
                            if let Some(date) = date {
                                parts.push(format!("{key} = {date}"));
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

/// The text of the file cut before each `[[actor]]` and `[[usage]]` header, with the index of the
/// line each part starts on. The part before the first header is included (it may hold
/// misplaced keys).
fn actor_chunks(text: &str) -> Vec<(usize, &str)> {
    let mut starts = vec![(0usize, 0usize)];
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let header = line.trim_start();
        if (header.starts_with("[[actor]]") || header.starts_with("[[usage]]")) && i > 0 {
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
    #[serde(default)]
    usage: Vec<UsageEntry>,
}

/// Words as written, trimmed, without empty ones.
fn trimmed_words(words: Vec<String>) -> Vec<String> {
    words
        .into_iter()
        .map(|w| w.trim().to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A `[[usage]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UsageEntry {
    #[serde(rename = "use")]
    usage: Usage,
    #[serde(default)]
    about: String,
    #[serde(default)]
    kinds: Vec<ActorKind>,
    #[serde(default)]
    classes: Vec<String>,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    between: usize,
    #[serde(default)]
    sentence: Vec<String>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
}

impl UsageEntry {
    fn into_rule(self) -> Result<UsageRule, String> {
        if self.usage == Usage::Actor {
            return Err("use = \"actor\" needs no rule: every other mention is the actor's".into());
        }
        let classes = self
            .classes
            .iter()
            .map(|c| {
                AliasClass::parse(c).ok_or_else(|| {
                    format!("\"{c}\" is not an alias class (name, demonym, capital, variant, role)")
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let clean = trimmed_words;
        let (before, after, sentence) =
            (clean(self.before), clean(self.after), clean(self.sentence));
        if before.is_empty() && after.is_empty() && sentence.is_empty() {
            return Err(format!(
                "a rule for use = \"{}\" needs words in before, after or sentence",
                self.usage.as_str()
            ));
        }
        Ok(UsageRule {
            usage: self.usage,
            about: self.about.trim().to_owned(),
            kinds: self.kinds,
            classes,
            actors: self.actors.into_iter().map(ActorId).collect(),
            before,
            after,
            between: self.between,
            sentence,
            not_after: clean(self.not_after),
            not_before: clean(self.not_before),
        })
    }
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
    #[serde(default, deserialize_with = "date_value")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "date_value")]
    to: Option<NaiveDate>,
    #[serde(default)]
    successor: Option<String>,
}

/// An alias as written: `"Georgia"` or `{ text = "Georgia", case = "exact",
/// context = [...], unless = [...], from = 1991-12-26, to = … }`.
struct AliasEntry {
    text: String,
    case: Option<CaseRule>,
    context: Vec<String>,
    unless: Vec<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
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
                    from: None,
                    to: None,
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
            if !matches!(
                key.as_str(),
                "text" | "case" | "context" | "unless" | "from" | "to"
            ) {
                return Err(D::Error::custom(format!(
                    "unknown key \"{key}\" in an alias (expected text, case, context, unless, from, to)"
                )));
            }
        }
        let date = |key: &str| -> Result<Option<NaiveDate>, D::Error> {
            match table.get(key) {
                None => Ok(None),
                Some(v) => date_value(v.clone()).map_err(|e| {
                    D::Error::custom(format!("\"{key}\" of an alias: {}", e.message()))
                }),
            }
        };
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
        let (from, to) = (date("from")?, date("to")?);
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            return Err(D::Error::custom(format!(
                "alias \"{text}\" ends ({to}) before it starts ({from})"
            )));
        }
        Ok(Self {
            text,
            case,
            context: words("context")?,
            unless: words("unless")?,
            from,
            to,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    #[serde(default)]
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
                let clean = trimmed_words;
                aliases.push(Alias {
                    text: entry.text.trim().to_owned(),
                    class,
                    case: entry.case.unwrap_or(default_case),
                    context: clean(entry.context),
                    unless: clean(entry.unless),
                    from: entry.from,
                    to: entry.to,
                });
            }
        }
        let mut roles = Vec::new();
        for role in self.roles {
            // An office without titles still tells when the actor held it (which of two
            // people sharing a name is meant on a date).
            if role.phrases.iter().any(|p| p.trim().is_empty()) {
                return Err(format!(
                    "field \"roles.phrases\" of actor \"{}\" holds an empty title",
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
        if let (Some(from), Some(to)) = (self.from, self.to)
            && to < from
        {
            return Err(format!(
                "actor \"{}\" ends ({to}) before it starts ({from})",
                self.id
            ));
        }
        Ok(Actor {
            id: ActorId(self.id.trim().to_owned()),
            name: self.name.trim().to_owned(),
            kind: self.kind,
            aliases,
            roles,
            exclude: self.exclude,
            from: self.from,
            to: self.to,
            successor: self
                .successor
                .map(|s| ActorId(s.trim().to_owned()))
                .filter(|s| !s.0.is_empty()),
            line: 0,
            origin: "".into(),
        })
    }
}
