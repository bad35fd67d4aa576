//! Tests of the frames: edits equal to full rebuilds, index filters equal
//! to Polars filters.

use chrono::NaiveDate;

use super::index::Index;
use super::*;
use crate::actors::{ActorId, ActorKind};
use crate::corpus::ArticleId;
use crate::query::{Granularity, Metric, Query, TimeAxis};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn sample() -> (Frames, Dictionary) {
    let dictionary = Dictionary::builtin().unwrap();
    let matcher = Matcher::new(&dictionary).unwrap();
    let frames = Frames::from_corpus(Corpus::sample(), &dictionary, &matcher).unwrap();
    (frames, dictionary)
}

#[test]
fn redating_one_article_equals_reading_the_corpus_with_that_date() {
    let dictionary = Dictionary::builtin().unwrap();
    let matcher = Matcher::new(&dictionary).unwrap();
    let frames = Frames::from_corpus(Corpus::sample(), &dictionary, &matcher).unwrap();
    // 004 has no date; 003's "British Prime Minister" is Theresa May in 2019.
    for (row, date) in [(4, d(2023, 12, 28)), (3, d(2019, 3, 1)), (0, d(2024, 7, 5))] {
        let redated = frames
            .redated(row, &Dating::analyst(date), &matcher)
            .unwrap();
        let mut corpus = Corpus::sample();
        let path = corpus.articles[row].source_path.clone();
        corpus.apply_overrides(
            &[crate::corpus::overrides::DateOverride {
                source_path: path,
                published: date,
            }],
            "test",
        );
        let reread = Frames::from_corpus(corpus, &dictionary, &matcher).unwrap();
        assert!(redated.articles.equals_missing(&reread.articles), "{row}");
        let all = Query::default();
        assert!(
            all.mentions(&redated)
                .unwrap()
                .equals_missing(&all.mentions(&reread).unwrap()),
            "{row}"
        );
        for query in [
            all.clone(),
            Query {
                search: Some("minister".into()),
                granularity: Granularity::Week,
                ..Query::default()
            },
            Query {
                time: TimeAxis::Referenced,
                ..Query::default()
            },
        ] {
            assert!(
                query
                    .timeline(&redated, &dictionary)
                    .unwrap()
                    .equals_missing(&query.timeline(&reread, &dictionary).unwrap()),
                "{row} {query:?}"
            );
        }
    }
    // Taking a date back gives the article its page's date again.
    let original = Dating::of(&Corpus::sample().articles[3]);
    let back = frames
        .redated(3, &Dating::analyst(d(2019, 3, 1)), &matcher)
        .unwrap()
        .redated(3, &original, &matcher)
        .unwrap();
    assert!(back.articles.equals_missing(&frames.articles));
    assert_eq!(back.mention_count(), frames.mention_count());
}

#[test]
fn rematching_after_a_dictionary_edit_equals_searching_everything_again() {
    use crate::actors::{Alias, AliasClass, CaseRule};
    let builtin = Dictionary::builtin().unwrap();
    let corpus = || {
        let mut c = Corpus::sample();
        c.articles
            .extend(Corpus::sample().articles.into_iter().map(|mut a| {
                a.text = a.text.replace("Armenia", "Armenia's neighbour Georgia");
                a
            }));
        for (i, a) in c.articles.iter_mut().enumerate() {
            a.id = ArticleId(i as u32);
        }
        c
    };
    let old_matcher = Matcher::new(&builtin).unwrap();
    let frames = Frames::from_corpus(corpus(), &builtin, &old_matcher).unwrap();
    let actors = builtin.actors().to_vec();
    let russia = actors.iter().position(|a| a.id.0 == "RUS").unwrap();
    let mut added_alias = actors.clone();
    added_alias[russia]
        .aliases
        .push(Alias::plain("Soviet", AliasClass::Variant, CaseRule::Smart));
    let mut renamed = actors.clone();
    renamed[russia].name = "Russian Federation".into();
    let mut removed = actors.clone();
    removed.retain(|a| a.id.0 != "ARM");
    let mut new_actor = actors.clone();
    let mut erevan = actors[russia].clone();
    erevan.id = crate::actors::ActorId("erevan".into());
    erevan.name = "Erevan".into();
    erevan.aliases = vec![Alias::plain("Yerevan", AliasClass::Name, CaseRule::Smart)];
    erevan.roles.clear();
    erevan.exclude.clear();
    new_actor.push(erevan);
    let mut reordered = actors.clone();
    reordered.swap(0, russia);
    let edits = [
        Dictionary::from_actors(added_alias),
        Dictionary::from_actors(renamed),
        Dictionary::from_actors(removed),
        Dictionary::from_actors(new_actor),
        Dictionary::from_actors(reordered),
        builtin.clone().without_classes(&[AliasClass::Demonym]),
        Dictionary::from_actors(actors),
    ];
    for (i, new) in edits.into_iter().enumerate() {
        let matcher = Matcher::new(&new).unwrap();
        let rematched = frames.rematched(&builtin, &new, &matcher).unwrap();
        if i == 0 {
            // "Soviet" is in the sample: the new alias is found.
            assert!(rematched.mention_count() > frames.mention_count());
        }
        let searched = Frames::from_corpus(corpus(), &new, &matcher).unwrap();
        let all = Query::default();
        assert!(
            all.mentions(&rematched)
                .unwrap()
                .equals_missing(&all.mentions(&searched).unwrap())
        );
        assert!(rematched.articles.equals_missing(&searched.articles));
        assert!(
            all.timeline(&rematched, &new)
                .unwrap()
                .equals_missing(&all.timeline(&searched, &new).unwrap())
        );
    }
}

/// The filters written as plain Polars expressions, to check the integer index.
fn reference_mentions(query: &Query, frames: &Frames) -> DataFrame {
    let all: Vec<IdxSize> = (0..frames.mention_count() as IdxSize).collect();
    let mut frame = frames.mentions_frame(&all).unwrap().lazy();
    let list = |values: Vec<String>| lit(Series::new("v".into(), values)).implode(true);
    if !query.outlets.is_empty() {
        frame = frame.filter(col("outlet").is_in(list(query.outlets.clone()), false));
    }
    if let Some(from) = query.from {
        frame = frame.filter(col("published").gt_eq(lit(to_epoch_days(from)).cast(DataType::Date)));
    }
    if let Some(to) = query.to {
        frame = frame.filter(col("published").lt_eq(lit(to_epoch_days(to)).cast(DataType::Date)));
    }
    if !query.kinds.is_empty() {
        let kinds = query.kinds.iter().map(|k| k.as_str().to_owned()).collect();
        frame = frame.filter(col("actor_kind").is_in(list(kinds), false));
    }
    if let Some(search) = &query.search {
        frame = frame.filter(
            col("sentence")
                .str()
                .to_lowercase()
                .str()
                .contains_literal(lit(search.to_lowercase())),
        );
    }
    if query.in_title {
        frame = frame.filter(col("in_title"));
    }
    if !query.actors.is_empty() {
        let ids = query.actors.iter().map(|a| a.0.clone()).collect();
        frame = frame.filter(col("actor_id").is_in(list(ids), false));
    }
    frame.collect().unwrap()
}

#[test]
fn index_filters_equal_polars_filters() {
    let (frames, dictionary) = sample();
    let queries = [
        Query::default(),
        Query {
            actors: vec![ActorId("RUS".into()), ActorId("nikol-pashinyan".into())],
            ..Query::default()
        },
        Query {
            outlets: vec!["JAMnews".into(), "Azatutyun".into()],
            ..Query::default()
        },
        Query {
            from: Some(d(2023, 10, 1)),
            to: Some(d(2024, 1, 31)),
            kinds: vec![ActorKind::Person],
            ..Query::default()
        },
        Query {
            search: Some("Kremlin".into()),
            actors: vec![ActorId("RUS".into())],
            ..Query::default()
        },
        Query {
            from: Some(d(2023, 11, 1)),
            ..Query::default()
        },
        Query {
            search: Some("PRIME minister".into()),
            kinds: vec![ActorKind::Country],
            ..Query::default()
        },
        Query {
            in_title: true,
            ..Query::default()
        },
        Query {
            in_title: true,
            search: Some("armenia".into()),
            actors: vec![ActorId("ARM".into())],
            ..Query::default()
        },
    ];
    for query in queries {
        let expected = reference_mentions(&query, &frames);
        let got = query.mentions(&frames).unwrap();
        assert!(got.equals_missing(&expected), "{query:?}");

        // Articles: those passing the article filters that hold a matching mention.
        let articles = query.articles(&frames, false).unwrap();
        let ids: Vec<u32> = articles
            .column("article_id")
            .unwrap()
            .u32()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        let mut from_mentions: Vec<u32> = expected
            .column("article_id")
            .unwrap()
            .u32()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        from_mentions.dedup();
        if Index::mention_filtered(&query) {
            assert_eq!(ids, from_mentions, "{query:?}");
        } else {
            assert!(from_mentions.iter().all(|a| ids.contains(a)), "{query:?}");
        }

        // Timeline: every dated mention lands in one period, and article counts
        // are distinct articles.
        for metric in [Metric::Mentions, Metric::Articles] {
            let timeline = Query {
                metric,
                ..query.clone()
            }
            .timeline(&frames, &dictionary)
            .unwrap();
            let total: f64 = timeline
                .column("value")
                .unwrap()
                .f64()
                .unwrap()
                .iter()
                .flatten()
                .sum();
            let dated = expected.column("published").unwrap().is_not_null();
            let dated = expected.filter(&dated).unwrap();
            let want = match metric {
                Metric::Mentions => dated.height(),
                _ => dated
                    .select(["actor_id", "article_id"])
                    .unwrap()
                    .unique_stable(None, UniqueKeepStrategy::Any, None)
                    .unwrap()
                    .height(),
            };
            assert_eq!(total, want as f64, "{metric:?} {query:?}");
        }
    }
}
