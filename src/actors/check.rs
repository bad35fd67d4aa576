//! Problems of a dictionary that loads but makes counts doubtful.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Actor, ActorKind, Dictionary, Role};

/// First and last day, each open when `None`.
type Span = (Option<NaiveDate>, Option<NaiveDate>);

/// The days the words `folded` name `actor`, when they are bounded: the alias's own
/// bounds within the days the actor existed, or the days of an actor of the past. The
/// name of an actor of today is timeless, whenever the actor began.
fn name_span(actor: &Actor, folded: &str) -> Span {
    let alias = actor
        .aliases
        .iter()
        .find(|a| crate::text::fold(&a.text.replace('’', "'")) == *folded);
    let (from, to) = alias.map_or((None, None), |a| (a.from, a.to));
    if from.is_none() && to.is_none() && actor.to.is_none() {
        return (None, None);
    }
    let later = |a: Option<NaiveDate>, b: Option<NaiveDate>| a.max(b);
    let earlier = |a: Option<NaiveDate>, b: Option<NaiveDate>| match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    (later(from, actor.from), earlier(to, actor.to))
}

fn overlap(a: Span, b: Span) -> bool {
    let starts_before_end = |s: Option<NaiveDate>, e: Option<NaiveDate>| match (s, e) {
        (Some(s), Some(e)) => s <= e,
        _ => true,
    };
    starts_before_end(a.0, b.1) && starts_before_end(b.0, a.1)
}

fn show(span: Span) -> String {
    format!(
        "{} – {}",
        span.0.map_or("?".to_owned(), |d| d.to_string()),
        span.1.map_or("now".to_owned(), |d| d.to_string())
    )
}

impl Dictionary {
    /// Problems that do not stop the dictionary from loading but make its counts
    /// doubtful: an alias claimed by two actors on the same days (the later in the file
    /// wins), and two holders of one role whose dates overlap by more than the handover
    /// day. Names people share, and names bounded in time, are not problems.
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
                .map(|a| crate::text::fold(&a.text.replace('’', "'")))
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
            // People may share a name: the article's date tells them apart.
            if owners
                .iter()
                .all(|&i| self.actors[i].kind == ActorKind::Person)
            {
                continue;
            }
            let spans: Vec<Span> = owners
                .iter()
                .map(|&i| name_span(&self.actors[i], alias))
                .collect();
            let timeless: Vec<usize> = (0..owners.len())
                .filter(|&k| spans[k] == (None, None))
                .collect();
            if timeless.len() > 1 {
                let names: Vec<String> = timeless
                    .iter()
                    .map(|&k| describe(&self.actors[owners[k]]))
                    .collect();
                problems.push(format!(
                    "alias \"{alias}\" is claimed by {}; {} wins (it comes later)",
                    names.join(" and "),
                    names[names.len() - 1]
                ));
            }
            for a in 0..owners.len() {
                for b in a + 1..owners.len() {
                    if spans[a] == (None, None) || spans[b] == (None, None) {
                        continue;
                    }
                    if overlap(spans[a], spans[b]) {
                        problems.push(format!(
                            "alias \"{alias}\" names {} ({}) and {} ({}) on the same days",
                            describe(&self.actors[owners[a]]),
                            show(spans[a]),
                            describe(&self.actors[owners[b]]),
                            show(spans[b])
                        ));
                    }
                }
            }
        }
        let mut holders: HashMap<String, Vec<(usize, &Role)>> = HashMap::new();
        for (i, actor) in self.actors.iter().enumerate() {
            for role in &actor.roles {
                for phrase in &role.phrases {
                    holders
                        .entry(crate::text::fold(&phrase.replace('’', "'")))
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
                        let span = |r: &Role| show((r.from, r.to));
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

    /// What the dictionary holds through time, a line each: states by period (with the
    /// states of the past), and the dated offices.
    pub fn census(&self) -> Vec<String> {
        let states: Vec<&Actor> = self
            .actors
            .iter()
            .filter(|a| a.kind == ActorKind::Country)
            .collect();
        let on = |year: i32| {
            let day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
            states
                .iter()
                .filter(|a| super::within(day, a.from, a.to))
                .count()
        };
        let periods: Vec<String> = [1950, 1970, 1990, 2010]
            .iter()
            .map(|&y| format!("{} on {y}-01-01", on(y)))
            .chain(std::iter::once(format!(
                "{} today",
                states.iter().filter(|a| a.to.is_none()).count()
            )))
            .collect();
        let past: Vec<String> = states
            .iter()
            .filter(|a| a.to.is_some())
            .map(|a| format!("{} ({})", a.name, show((a.from, a.to))))
            .collect();
        let mut lines = vec![format!("states existing: {}", periods.join(", "))];
        if !past.is_empty() {
            lines.push(format!("states of the past: {}", past.join("; ")));
        }
        let people: Vec<&Actor> = self
            .actors
            .iter()
            .filter(|a| a.kind == ActorKind::Person && !a.roles.is_empty())
            .collect();
        let terms: usize = people.iter().map(|a| a.roles.len()).sum();
        let since_1945 = people
            .iter()
            .flat_map(|a| &a.roles)
            .filter(|r| {
                r.to.is_none_or(|to| to >= NaiveDate::from_ymd_opt(1945, 1, 1).unwrap_or_default())
            })
            .count();
        let mut names: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, actor) in self.actors.iter().enumerate() {
            if actor.kind == ActorKind::Person {
                for alias in &actor.aliases {
                    let key = crate::text::fold(&alias.text);
                    let owners = names.entry(key).or_default();
                    if !owners.contains(&i) {
                        owners.push(i);
                    }
                }
            }
        }
        let shared = names.values().filter(|v| v.len() > 1).count();
        lines.push(format!(
            "dated offices: {terms} terms held by {} people ({since_1945} since 1945); \
             {shared} names shared by several people, told apart by the article's date",
            people.len()
        ));
        lines
    }
}
