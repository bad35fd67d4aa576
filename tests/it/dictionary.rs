//! The default dictionary on words that are also ordinary words or names: a table of
//! sentences with the actors it must find in each (and must not find).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use newslens::actors::Dictionary;
use newslens::extract::Matcher;

#[test]
fn ambiguous_words_follow_the_dictionary_rules() {
    let table = include_str!("../data/ambiguity.tsv");
    let dictionary = Dictionary::builtin().expect("the built-in dictionary loads");
    let matcher = Matcher::new(&dictionary).expect("the dictionary compiles");
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut negatives = 0;
    for line in table.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let [date, expected, text] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("a row of three tab-separated columns: {line:?}");
        };
        let date = (date != "-").then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap());
        let expected: BTreeSet<&str> = expected.split(',').filter(|e| *e != "-").collect();
        if expected.is_empty() {
            negatives += 1;
        }
        let found: BTreeSet<String> = matcher
            .find(text, date)
            .into_iter()
            .map(|f| dictionary.actors()[f.actor as usize].id.0.clone())
            .collect();
        let found: BTreeSet<&str> = found.iter().map(String::as_str).collect();
        if found != expected {
            failures.push(format!(
                "{text}\n    expected {expected:?}, found {found:?}"
            ));
        }
        cases += 1;
    }
    assert!(cases >= 60, "{cases} sentences");
    assert!(
        negatives >= 15,
        "{negatives} sentences where nothing may match"
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} sentences differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
