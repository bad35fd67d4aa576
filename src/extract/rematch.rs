//! Re-matching after a dictionary edit: which phrases can find other mentions, so
//! only the articles holding one of them are searched again.

use std::collections::HashMap;

use crate::actors::{Dictionary, Usage};
use crate::text::fold;

use super::matcher::apostrophe_variants;

/// The folded phrases whose matches may differ between two dictionaries: every alias,
/// role title, excluded phrase and context word of each actor that was added, removed,
/// or changed in what matching reads (a new display name alone changes nothing).
/// `None` when the actors the two share are not in the same order: which actor wins an
/// alias they share may then change anywhere.
pub fn changed_phrases(old: &Dictionary, new: &Dictionary) -> Option<Vec<String>> {
    let by_id = |d: &'_ Dictionary| -> HashMap<String, usize> {
        d.actors()
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.0.clone(), i))
            .collect()
    };
    let (old_ids, new_ids) = (by_id(old), by_id(new));
    // The ids of `d` that `other` has too, in `d`'s order.
    let shared = |d: &'_ Dictionary, other: &HashMap<String, usize>| -> Vec<String> {
        d.actors()
            .iter()
            .filter(|a| other.contains_key(&a.id.0))
            .map(|a| a.id.0.clone())
            .collect()
    };
    if shared(old, &new_ids) != shared(new, &old_ids) {
        return None;
    }
    // Other usage rules, or other usages counted, may change any mention.
    if old.usage_rules() != new.usage_rules()
        || Usage::SWITCHABLE
            .iter()
            .any(|u| old.counts(*u) != new.counts(*u))
    {
        return None;
    }
    let same = |a: &crate::actors::Actor, b: &crate::actors::Actor| {
        a.kind == b.kind && a.aliases == b.aliases && a.roles == b.roles && a.exclude == b.exclude
    };
    let mut phrases = Vec::new();
    let mut add = |actor: &crate::actors::Actor| {
        for alias in &actor.aliases {
            phrases.push(fold(&alias.text));
            phrases.extend(alias.context.iter().chain(&alias.unless).map(|w| fold(w)));
        }
        phrases.extend(actor.exclude.iter().map(|p| fold(p)));
        for role in &actor.roles {
            phrases.extend(role.phrases.iter().map(|p| fold(p)));
        }
    };
    for actor in old.actors() {
        match new_ids.get(&actor.id.0).map(|&i| &new.actors()[i]) {
            Some(other) if same(actor, other) => {}
            Some(other) => {
                add(actor);
                add(other);
            }
            None => add(actor),
        }
    }
    for actor in new.actors() {
        if !old_ids.contains_key(&actor.id.0) {
            add(actor);
        }
    }
    // Either apostrophe matches an alias.
    let variants: Vec<String> = phrases
        .iter()
        .flat_map(|p| apostrophe_variants(p))
        .collect();
    let mut phrases = variants;
    phrases.retain(|p| !p.is_empty());
    phrases.sort();
    phrases.dedup();
    Some(phrases)
}
