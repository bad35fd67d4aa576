//! Tests of the matcher on the built-in dictionary and on small ones.

use super::*;
use crate::actors::Dictionary;

fn matches(text: &str, date: Option<NaiveDate>) -> Vec<(String, String, &'static str)> {
    let dict = Dictionary::builtin().unwrap();
    let matcher = Matcher::new(&dict).unwrap();
    matcher
        .find(text, date)
        .into_iter()
        .map(|f| {
            (
                text[f.start..f.end].to_owned(),
                dict.actors()[f.actor as usize].id.0.clone(),
                f.class.as_str(),
            )
        })
        .collect()
}

fn found(text: &str) -> Vec<(String, String)> {
    matches(text, NaiveDate::from_ymd_opt(2023, 12, 1))
        .into_iter()
        .map(|(m, id, _)| (m, id))
        .collect()
}

fn pair(m: &str, id: &str) -> (String, String) {
    (m.to_owned(), id.to_owned())
}

#[test]
fn possessives_and_hyphens() {
    assert_eq!(
        found("Armenia’s and Russia's ties; the Moscow-Led bloc."),
        vec![
            pair("Armenia", "ARM"),
            pair("Russia", "RUS"),
            pair("Moscow", "RUS")
        ]
    );
    let classes = matches("the Moscow-Led bloc", None);
    assert_eq!(classes[0].2, "capital");
}

#[test]
fn case_rules() {
    assert_eq!(
        found("Tell us about the US and U.S. policy"),
        vec![pair("US", "USA"), pair("U.S.", "USA")]
    );
    assert_eq!(found("ARMENIA and armenia"), vec![pair("ARMENIA", "ARM")]);
}

#[test]
fn whole_words_only() {
    assert_eq!(
        found("Armenians in Armenian towns"),
        vec![pair("Armenians", "ARM"), pair("Armenian", "ARM")]
    );
    assert!(found("Ukrainianism and Parisian").is_empty());
}

#[test]
fn longest_match_wins() {
    let in_1987 = matches(
        "the Soviet Union fell",
        NaiveDate::from_ymd_opt(1987, 2, 26),
    );
    assert_eq!(
        in_1987,
        vec![("Soviet Union".to_owned(), "SUN".to_owned(), "name")]
    );
    assert_eq!(
        found("Nagorno-Karabakh"),
        vec![pair("Nagorno-Karabakh", "nagorno-karabakh")]
    );
}

#[test]
fn role_followed_by_name_is_one_mention_of_the_person_and_one_of_the_state() {
    assert_eq!(
        found("Russian Foreign Minister Sergei Lavrov said"),
        vec![
            pair("Russian", "RUS"),
            pair("Sergei Lavrov", "sergey-lavrov")
        ]
    );
    // Undated: the title introduces the name all the same.
    let undated = matches("Russian Foreign Minister Sergei Lavrov said", None);
    assert_eq!(undated.len(), 2);
    // The state after the title: "foreign minister of Russia".
    assert_eq!(
        found("the foreign minister of Russia, Sergei Lavrov, said"),
        vec![
            pair("Russia", "RUS"),
            pair("Sergei Lavrov", "sergey-lavrov")
        ]
    );
}

#[test]
fn role_before_another_persons_name_still_names_the_holder() {
    assert_eq!(
        found("the wife of Armenian Prime Minister Anna Hakobyan"),
        vec![
            pair("Armenian", "ARM"),
            pair("Prime Minister", "nikol-pashinyan"),
            pair("Anna Hakobyan", "anna-hakobyan")
        ]
    );
}

#[test]
fn role_alone_resolves_by_date() {
    let text = "spouses of the British Prime Minister";
    let in_2023 = matches(text, NaiveDate::from_ymd_opt(2023, 9, 7));
    assert_eq!(
        in_2023,
        vec![
            ("British".to_owned(), "GBR".to_owned(), "demonym"),
            (
                "Prime Minister".to_owned(),
                "rishi-sunak".to_owned(),
                "role"
            )
        ]
    );
    let in_2025 = matches(text, NaiveDate::from_ymd_opt(2025, 1, 1));
    assert_eq!(in_2025[1].1, "keir-starmer");
    // "Russia's foreign minister": the office starts after the possessive.
    let possessive = matches(
        "Russia's foreign minister said",
        NaiveDate::from_ymd_opt(2023, 9, 7),
    );
    assert_eq!(
        possessive,
        vec![
            ("Russia".to_owned(), "RUS".to_owned(), "name"),
            (
                "foreign minister".to_owned(),
                "sergey-lavrov".to_owned(),
                "role"
            )
        ]
    );
    // Without a date the holder is unknown; the demonym still counts.
    let undated = matches(text, None);
    assert_eq!(
        undated,
        vec![("British".to_owned(), "GBR".to_owned(), "demonym")]
    );
}

#[test]
fn ticker_markup_is_not_a_mention() {
    assert_eq!(
        found("<Nippon Life Insurance Co> and <JAPAN.T> said Japan would buy."),
        vec![pair("Japan", "JPN")]
    );
    assert_eq!(
        found("Japan < China > India"),
        vec![pair("Japan", "JPN"), pair("India", "IND")]
    );
}

#[test]
fn exclusions_and_unicode_spaces() {
    assert_eq!(found("the Rome Statute"), Vec::<(String, String)>::new());
    assert_eq!(found("a post-Soviet bloc"), Vec::<(String, String)>::new());
    assert_eq!(
        found("Nagorno Karabakh"),
        vec![pair("Nagorno Karabakh", "nagorno-karabakh")]
    );
}

mod rule_tests {
    use super::*;
    use crate::actors::Dictionary;

    fn ids(dict: &str, text: &str, date: Option<NaiveDate>) -> Vec<String> {
        let dict = Dictionary::parse(dict, "t.toml").unwrap();
        let matcher = Matcher::new(&dict).unwrap();
        matcher
            .find(text, date)
            .into_iter()
            .map(|f| dict.actors()[f.actor as usize].id.0.clone())
            .collect()
    }

    const GEORGIA: &str = "[[actor]]\nid = \"GEO\"\nname = \"Georgia\"\nkind = \"country\"\n\
        names = [{ text = \"Georgia\", context = [\"Tbilisi\", \"Caucasus\"], unless = [\"Atlanta\"] }]\n";

    #[test]
    fn context_words_are_needed_somewhere_in_the_article() {
        assert_eq!(
            ids(GEORGIA, "Georgia voted on Tuesday.", None),
            Vec::<String>::new()
        );
        assert_eq!(
            ids(
                GEORGIA,
                "Georgia voted on Tuesday. Crowds filled Tbilisi.",
                None
            ),
            ["GEO"]
        );
        // Whole words only: "Caucasusian" is not "Caucasus".
        assert_eq!(
            ids(GEORGIA, "Georgia and the Caucasusian.", None),
            Vec::<String>::new()
        );
    }

    #[test]
    fn unless_words_rule_out_their_sentence_only() {
        let text = "Georgia's governor spoke in Atlanta. Tbilisi said Georgia would join.";
        assert_eq!(ids(GEORGIA, text, None), ["GEO"]);
    }

    #[test]
    fn the_incoming_holder_is_meant_on_a_handover_day() {
        let dict = "[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\n\
            [[actor.roles]]\nphrases = [\"Chief\"]\nfrom = 2000-01-01\nto = 2010-05-01\n\
            [[actor]]\nid = \"b\"\nname = \"B\"\nkind = \"person\"\n\
            [[actor.roles]]\nphrases = [\"Chief\"]\nfrom = 2010-05-01\n";
        let day = |d: u32| NaiveDate::from_ymd_opt(2010, 5, d);
        assert_eq!(ids(dict, "The Chief spoke.", day(1)), ["b"]);
        assert_eq!(
            ids(
                dict,
                "The Chief spoke.",
                NaiveDate::from_ymd_opt(2010, 4, 30)
            ),
            ["a"]
        );
    }
}
