//! Names as they were on the article's date: a table of dated sentences with what the
//! built-in dictionary must find in each (tests/data/dated.tsv), every usage counted so
//! that "historical" and "ambiguous" names show.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use newslens::actors::{Dictionary, Usage};
use newslens::extract::Matcher;

#[test]
fn names_resolve_to_the_actor_of_the_articles_date() {
    let table = include_str!("../data/dated.tsv");
    let dictionary = Dictionary::builtin()
        .expect("the built-in dictionary loads")
        .counting(&Usage::SWITCHABLE);
    let matcher = Matcher::new(&dictionary).expect("the dictionary compiles");
    let mut failures = Vec::new();
    let (mut cases, mut early, mut late) = (0, 0, 0);
    for line in table.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let [date, expected, text] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("a row of three tab-separated columns: {line:?}");
        };
        let date = (date != "-").then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap());
        match date.map(|d| d.format("%Y").to_string()) {
            Some(year) if ("1985".."1991").contains(&year.as_str()) => early += 1,
            Some(year) if ("2015".."2025").contains(&year.as_str()) => late += 1,
            _ => {}
        }
        let expected: BTreeSet<&str> = expected.split(',').filter(|e| *e != "-").collect();
        let found: BTreeSet<String> = matcher
            .find(text, date)
            .into_iter()
            .map(|f| {
                let id = &dictionary.actors()[f.actor as usize].id.0;
                match f.usage {
                    Usage::Actor => id.clone(),
                    other => format!("{id}:{}", other.as_str()),
                }
            })
            .collect();
        let found: BTreeSet<&str> = found.iter().map(String::as_str).collect();
        if found != expected {
            failures.push(format!(
                "{} {text}\n    expected {expected:?}, found {found:?}",
                date.map_or("undated".to_owned(), |d| d.to_string())
            ));
        }
        cases += 1;
    }
    assert!(
        early >= 40 && late >= 30,
        "{early} sentences of 1985–1990, {late} of 2015–2024"
    );
    assert!(cases >= 80, "{cases} sentences");
    assert!(
        failures.is_empty(),
        "{} of {cases} sentences differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
