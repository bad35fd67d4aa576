//! Tests of the dictionary: the built-in file, parsing, checks and editing.

use super::*;

/// The actors of `d` without the file and line they were read from.
fn without_origins(d: &Dictionary) -> Vec<Actor> {
    d.actors()
        .iter()
        .map(|a| Actor {
            line: 0,
            origin: "".into(),
            ..a.clone()
        })
        .collect()
}

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
    let text = "[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"group\"\nnames = [\"Smith\"]\n\
                [[actor.roles]]\nphrases = [\"Chief\"]\nfrom = 2000-01-01\nto = 2010-01-01\n\
                [[actor]]\nid = \"b\"\nname = \"B\"\nkind = \"group\"\nnames = [\"smith\"]\n\
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
fn names_in_time_and_shared_by_people_are_not_conflicts_unless_their_days_overlap() {
    let state = |id: &str, bounds: &str, capital: &str| {
        format!(
            "[[actor]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"country\"\n{bounds}capitals = [{capital}]\n"
        )
    };
    let person = |id: &str| {
        format!(
            "[[actor]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"person\"\nnames = [\"Bush\"]\n"
        )
    };
    let apart = [
        state(
            "SUN",
            "to = 1991-12-25\n",
            "{ text = \"Moscow\", to = 1991-12-25 }",
        ),
        state("RUS", "", "\"Moscow\""),
        state("FRG", "to = 1990-10-02\n", "\"Bonn\""),
        state(
            "DEU",
            "from = 1990-10-03\n",
            "{ text = \"Bonn\", to = 1999-08-31 }",
        ),
        person("george-h-w-bush"),
        person("george-w-bush"),
    ]
    .concat();
    let dictionary = Dictionary::parse(&apart, "t.toml").unwrap();
    assert_eq!(dictionary.conflicts(), Vec::<String>::new());
    let census = dictionary.census().join("\n");
    assert!(
        census.contains("states of the past: SUN (? – 1991-12-25); FRG (? – 1990-10-02)"),
        "{census}"
    );
    assert!(
        census.contains("1 names shared by several people"),
        "{census}"
    );
    let overlapping = [
        state("YUG", "to = 1992-04-27\n", "\"Belgrade\""),
        state(
            "SCG",
            "from = 1992-04-01\n",
            "{ text = \"Belgrade\", to = 2006-06-04 }",
        ),
    ]
    .concat();
    let conflicts = Dictionary::parse(&overlapping, "o.toml")
        .unwrap()
        .conflicts();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(
        conflicts[0].contains("alias \"belgrade\" names \"YUG\" (o.toml line 1) (? – 1992-04-27) and \"SCG\" (o.toml line 7) (1992-04-01 – 2006-06-04) on the same days"),
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
    assert_eq!(without_origins(&again), without_origins(&dict));
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

#[test]
fn days_of_actors_aliases_and_offices_survive_a_round_trip() {
    let text = "[[actor]]\nid = \"SUN\"\nname = \"Soviet Union\"\nkind = \"country\"\n\
                from = 1922-12-30\nto = 1991-12-25\nsuccessor = \"RUS\"\n\
                names = [\"Soviet Union\"]\n\
                capitals = [{ text = \"Moscow\", to = 1991-12-25 }]\n\
                [[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"person\"\n\
                [[actor.roles]]\nphrases = []\nfrom = 1980-01-01\nto = 1985-01-01\n";
    let dict = Dictionary::parse(text, "d.toml").unwrap();
    let sun = &dict.actors()[0];
    assert_eq!(sun.to, NaiveDate::from_ymd_opt(1991, 12, 25));
    assert_eq!(sun.successor.as_ref().map(|s| s.0.as_str()), Some("RUS"));
    assert_eq!(sun.aliases[1].to, NaiveDate::from_ymd_opt(1991, 12, 25));
    assert!(dict.actors()[1].roles[0].phrases.is_empty());
    let again = Dictionary::parse(&dict.to_toml(), "again.toml").unwrap();
    assert_eq!(without_origins(&again), without_origins(&dict));
    // An alias that ends before it starts is a problem of its line.
    let bad = "[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"country\"\n\
               names = [{ text = \"A\", from = 2000-01-01, to = 1990-01-01 }]\n";
    let err = Dictionary::parse(bad, "b.toml").unwrap_err().to_string();
    assert!(
        err.contains("b.toml line") && err.contains("ends (1990-01-01) before it starts"),
        "{err}"
    );
}
