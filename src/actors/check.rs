//! Problems of a dictionary that loads but makes counts doubtful.

use std::collections::HashMap;

use super::{Actor, Dictionary, Role};

impl Dictionary {
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
}
