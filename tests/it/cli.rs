//! The `newslens` binary run on the sample corpus and on corpora written to temp dirs,
//! checking what a user would check by hand.

use std::path::{Path, PathBuf};
use std::process::Command;

use polars::prelude::*;

use crate::common::{copy_seeds, csv, newslens, newslens_with_data, ok, seeds};

fn strings(df: &DataFrame, column: &str) -> Vec<Option<String>> {
    let col = df.column(column).unwrap().cast(&DataType::String).unwrap();
    col.str()
        .unwrap()
        .iter()
        .map(|s| s.map(str::to_owned))
        .collect()
}

fn ints(df: &DataFrame, column: &str) -> Vec<i64> {
    let col = df.column(column).unwrap().cast(&DataType::Int64).unwrap();
    col.i64().unwrap().iter().map(|v| v.unwrap()).collect()
}

fn seeds_arg() -> String {
    seeds().display().to_string()
}

#[test]
fn articles_of_the_sample_corpus() {
    let df = csv(ok(&["articles", &seeds_arg(), "--format", "csv"]));
    assert_eq!(df.height(), 5);
    let published = strings(&df, "published");
    let source = strings(&df, "date_source");
    assert_eq!(published[0].as_deref(), Some("2024-02-12"));
    assert_eq!(published[1].as_deref(), Some("2023-11-27"));
    assert_eq!(published[3].as_deref(), Some("2023-09-07"));
    for i in [0, 1, 3] {
        assert_eq!(source[i].as_deref(), Some("explicit"));
    }
    for i in [2, 4] {
        assert_ne!(
            source[i].as_deref(),
            Some("explicit"),
            "article {i} prints no date"
        );
    }
    let titles = strings(&df, "title");
    assert_eq!(
        titles[0].as_deref(),
        Some("Armenia ‘Not Russia’s Ally’ in Ukraine but Has No Plans to Join NATO, Leader Says")
    );
    assert_eq!(
        titles[1].as_deref(),
        Some("Armenia Remains ‘Ally,’ Head of Moscow-Led Military Alliance Asserts")
    );
    assert!(titles[3].as_deref().unwrap().starts_with("7 facts"));
    assert_eq!(
        titles[4].as_deref(),
        Some("Armenia Turning Away From Russia, Says Lavrov")
    );
    let authors = strings(&df, "author");
    assert_eq!(authors[0].as_deref(), Some("Adam Morrow"));
    assert_eq!(authors[1].as_deref(), Some("Adam Morrow"));
}

#[test]
fn the_embedded_sample_matches_the_seeds_folder() {
    let embedded = ok(&["articles", "--format", "csv"]);
    let folder = ok(&["articles", &seeds_arg(), "--format", "csv"]);
    assert_eq!(embedded, folder);
}

#[test]
fn aliases_resolve_to_one_actor() {
    // Every use of a name counted ("in Kyiv" is a place unless locations count).
    let df = csv(ok(&[
        "mentions",
        &seeds_arg(),
        "--count-usage",
        "all",
        "--format",
        "csv",
    ]));
    let matched = strings(&df, "matched");
    let ids = strings(&df, "actor_id");
    let classes = strings(&df, "alias_class");
    let articles = ints(&df, "article_id");
    let id_of = |surface: &str, article: Option<i64>| -> Vec<String> {
        let mut found: Vec<String> = (0..df.height())
            .filter(|&i| matched[i].as_deref() == Some(surface))
            .filter(|&i| article.is_none_or(|a| articles[i] == a))
            .map(|i| ids[i].clone().unwrap())
            .collect();
        found.dedup();
        assert!(!found.is_empty(), "no mention of {surface:?}");
        found
    };
    assert_eq!(id_of("Panshinyan", Some(0)), id_of("Pashinyan", Some(0)));
    assert_eq!(
        id_of("Sergey Lavrov", Some(0)),
        id_of("Sergei Lavrov", Some(4))
    );
    assert_eq!(id_of("Kiev", None), id_of("Kyiv", None));
    assert_eq!(id_of("U.S.", None), id_of("United States", None));
    assert_eq!(id_of("Moscow", None), vec!["RUS".to_owned()]);

    // "Moscow-Led" in the headline of 001 is a capital mention of Russia.
    let starts = ints(&df, "start");
    let moscow_led = (0..df.height())
        .find(|&i| articles[i] == 1 && matched[i].as_deref() == Some("Moscow") && starts[i] < 60)
        .expect("Moscow in 001's headline");
    assert_eq!(ids[moscow_led].as_deref(), Some("RUS"));
    assert_eq!(classes[moscow_led].as_deref(), Some("capital"));

    // Names are capitalised; an office title may not be ("the Russian leader" names
    // Russia and, as "leader", the holder).
    for (m, class) in matched.iter().zip(&classes) {
        if let (Some(m), Some(class)) = (m, class)
            && class != "role"
        {
            assert!(
                m.chars().any(char::is_uppercase),
                "a lowercase word was matched: {m:?}"
            );
        }
    }

    // The twice-printed ICJ caption in 000 yields one Netherlands mention.
    let netherlands = (0..df.height())
        .filter(|&i| articles[i] == 0 && ids[i].as_deref() == Some("NLD"))
        .count();
    assert_eq!(netherlands, 1);

    // "Russian Foreign Minister Sergei Lavrov" is one Lavrov mention and one of Russia:
    // the title before the name is neither.
    let in_004: Vec<(&str, &str)> = (0..df.height())
        .filter(|&i| articles[i] == 4)
        .map(|i| (matched[i].as_deref().unwrap(), ids[i].as_deref().unwrap()))
        .take(3)
        .collect();
    assert_eq!(in_004[0], ("Russian", "RUS"));
    assert_eq!(in_004[1], ("Sergei Lavrov", "sergey-lavrov"));
}

#[test]
fn offsets_point_into_the_article_text() {
    let articles = csv(ok(&[
        "articles",
        &seeds_arg(),
        "--with-text",
        "--format",
        "csv",
    ]));
    let texts = strings(&articles, "text");
    let mentions = csv(ok(&["mentions", &seeds_arg(), "--format", "csv"]));
    let matched = strings(&mentions, "matched");
    let article_ids = ints(&mentions, "article_id");
    let starts = ints(&mentions, "start");
    let ends = ints(&mentions, "end");
    assert!(mentions.height() > 300);
    for i in 0..mentions.height() {
        let text: Vec<char> = texts[article_ids[i] as usize]
            .as_deref()
            .unwrap()
            .chars()
            .collect();
        let slice: String = text[starts[i] as usize..ends[i] as usize].iter().collect();
        assert_eq!(Some(slice), matched[i], "row {i}");
    }
}

#[test]
fn monthly_timeline_is_zero_filled() {
    let df = csv(ok(&[
        "timeline",
        &seeds_arg(),
        "--by",
        "month",
        "--actor",
        "Russia",
        "--format",
        "csv",
    ]));
    let periods: Vec<String> = strings(&df, "period_start").into_iter().flatten().collect();
    assert_eq!(
        periods,
        [
            "2023-09-01",
            "2023-10-01",
            "2023-11-01",
            "2023-12-01",
            "2024-01-01",
            "2024-02-01"
        ]
    );
    let mentions = ints(&df, "mentions");
    assert_eq!(mentions[4], 0, "2024-01 has no mention");
    assert!(mentions[0] > 0 && mentions[2] > 0 && mentions[5] > 0);
    assert!(
        strings(&df, "actor_id")
            .iter()
            .all(|id| id.as_deref() == Some("RUS"))
    );
}

#[test]
fn parquet_and_csv_exports_hold_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["mentions", "timeline", "articles"] {
        let pq = dir.path().join(format!("{command}.parquet"));
        let cs = dir.path().join(format!("{command}.csv"));
        ok(&[command, &seeds_arg(), "--out", pq.to_str().unwrap()]);
        ok(&[command, &seeds_arg(), "--out", cs.to_str().unwrap()]);
        let from_parquet = ParquetReader::new(std::fs::File::open(&pq).unwrap())
            .finish()
            .unwrap();
        let from_csv = csv(std::fs::read(&cs).unwrap());
        assert_eq!(from_parquet.height(), from_csv.height(), "{command}");
        assert_eq!(
            from_parquet.get_column_names(),
            from_csv.get_column_names(),
            "{command}"
        );
        for name in from_parquet.get_column_names() {
            let a = from_parquet
                .column(name)
                .unwrap()
                .cast(&DataType::String)
                .unwrap();
            let b = from_csv
                .column(name)
                .unwrap()
                .cast(&DataType::String)
                .unwrap();
            if a.dtype() == &DataType::String && name != "value" {
                assert!(a.equals_missing(&b), "{command}.{name} differs");
            }
        }
        let date_col = if command == "timeline" {
            "period_start"
        } else {
            "published"
        };
        assert_eq!(
            from_parquet.column(date_col).unwrap().dtype(),
            &DataType::Date
        );
    }
    let mentions =
        ParquetReader::new(std::fs::File::open(dir.path().join("mentions.parquet")).unwrap())
            .finish()
            .unwrap();
    let expected = [
        "article_id",
        "published",
        "outlet",
        "title",
        "actor_id",
        "actor",
        "actor_kind",
        "matched",
        "alias_class",
        "usage",
        "in_title",
        "start",
        "end",
        "sentence_index",
        "sentence",
    ];
    assert_eq!(
        mentions
            .get_column_names()
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>(),
        expected
    );
    assert_eq!(
        mentions.column("in_title").unwrap().dtype(),
        &DataType::Boolean
    );
    assert!(mentions.column("start").unwrap().dtype().is_integer());
    assert!(mentions.column("end").unwrap().dtype().is_integer());
}

#[test]
fn bad_files_are_named_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    copy_seeds(dir.path());
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 in Yerevan\n").unwrap();
    let out = newslens(&["articles", dir.path().to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("empty.txt: skipped: the file is empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("binary.txt: skipped: looks like a binary file"),
        "{stderr}"
    );
    // Not UTF-8: read as Windows-1252, and said so.
    assert!(
        stderr.contains("latin1.txt: read as Windows-1252"),
        "{stderr}"
    );
    let df = csv(out.stdout);
    assert_eq!(df.height(), 6);
    let with_text = csv(ok(&[
        "articles",
        dir.path().to_str().unwrap(),
        "--with-text",
        "--format",
        "csv",
    ]));
    let texts = strings(&with_text, "text");
    assert!(
        texts
            .iter()
            .flatten()
            .any(|t| t.contains("Café in Yerevan"))
    );
}

#[test]
fn a_malformed_dictionary_names_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("mine.toml");
    std::fs::write(
        &dict,
        "[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"country\"\nnames = \"Xland\"\n",
    )
    .unwrap();
    let out = newslens(&[
        "mentions",
        &seeds_arg(),
        "--dictionary",
        dict.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("mine.toml line 5: field \"names\""),
        "{stderr}"
    );
}

#[test]
fn a_user_dictionary_adds_actors() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("mine.toml");
    std::fs::write(
        &dict,
        "[[actor]]\nid = \"tass\"\nname = \"TASS\"\nkind = \"organization\"\nvariants = [\"TASS\"]\n",
    )
    .unwrap();
    let df = csv(ok(&[
        "mentions",
        &seeds_arg(),
        "--dictionary",
        dict.to_str().unwrap(),
        "--actor",
        "tass",
        "--format",
        "csv",
    ]));
    assert_eq!(df.height(), 3, "TASS is named three times in the seeds");
}

#[test]
fn usage_errors_exit_2_and_explain() {
    let out = newslens(&["timeline", &seeds_arg(), "--by", "fortnight"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for value in ["day", "week", "month", "quarter", "year"] {
        assert!(stderr.contains(value), "{stderr}");
    }
    let out = newslens(&["mentions", &seeds_arg(), "--actor", "Atlantis"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown actor \"Atlantis\""));
}

#[test]
fn an_existing_file_is_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("x.csv");
    std::fs::write(&target, b"precious analyst notes\n").unwrap();
    let out = newslens(&["mentions", &seeds_arg(), "--out", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&target).unwrap(), b"precious analyst notes\n");

    ok(&[
        "mentions",
        &seeds_arg(),
        "--out",
        target.to_str().unwrap(),
        "--force",
    ]);
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("article_id,")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file is left: {leftovers:?}"
    );
}

#[test]
fn filters_narrow_the_rows() {
    let all = csv(ok(&["mentions", &seeds_arg(), "--format", "csv"]));
    let russia = csv(ok(&[
        "mentions",
        &seeds_arg(),
        "--actor",
        "RUS",
        "--format",
        "csv",
    ]));
    let in_2023 = csv(ok(&[
        "mentions",
        &seeds_arg(),
        "--actor",
        "Kremlin",
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
        "--format",
        "csv",
    ]));
    let searched = csv(ok(&[
        "mentions",
        &seeds_arg(),
        "--search",
        "rome statute",
        "--format",
        "csv",
    ]));
    let people = csv(ok(&[
        "mentions",
        &seeds_arg(),
        "--kind",
        "person",
        "--format",
        "csv",
    ]));
    let jamnews = csv(ok(&[
        "articles",
        &seeds_arg(),
        "--outlet",
        "JAMnews",
        "--format",
        "csv",
    ]));
    assert!(russia.height() < all.height());
    assert!(in_2023.height() < russia.height());
    assert!(
        strings(&in_2023, "published")
            .iter()
            .all(|d| d.as_deref().unwrap().starts_with("2023"))
    );
    assert!(strings(&searched, "sentence").iter().all(|s| {
        s.as_deref()
            .unwrap()
            .to_lowercase()
            .contains("rome statute")
    }));
    assert!(searched.height() > 0);
    assert!(
        strings(&people, "actor_kind")
            .iter()
            .all(|k| k.as_deref() == Some("person"))
    );
    assert_eq!(
        strings(&jamnews, "source_path"),
        [Some("003_03e5b107d287c939.txt".to_owned())]
    );
}

#[test]
fn actors_lists_the_dictionary() {
    let df = csv(ok(&["actors", "--format", "csv"]));
    let ids = strings(&df, "actor_id");
    assert!(ids.contains(&Some("RUS".to_owned())));
    assert!(ids.contains(&Some("nagorno-karabakh".to_owned())));
}

#[test]
fn link_loops_and_overlapping_inputs_read_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("inner");
    std::fs::create_dir(&inner).unwrap();
    std::fs::copy(
        seeds().join("000_46a2f5bfce0b5f13.txt"),
        inner.join("a.txt"),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), inner.join("loop")).unwrap();
    let root = dir.path().to_str().unwrap();
    let out = newslens(&["articles", root, inner.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success());
    assert_eq!(csv(out.stdout).height(), 1, "one file, read once");
    #[cfg(unix)]
    assert!(String::from_utf8_lossy(&out.stderr).contains("link loop"));
}

#[test]
fn same_file_names_in_two_folders_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["x1", "x2"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::copy(
            seeds().join("001_39a5884de23c68e5.txt"),
            dir.path().join(sub).join("a.txt"),
        )
        .unwrap();
    }
    let x1 = dir.path().join("x1");
    let x2 = dir.path().join("x2");
    let df = csv(ok(&[
        "articles",
        x1.to_str().unwrap(),
        x2.to_str().unwrap(),
        "--keep-duplicates",
        "--format",
        "csv",
    ]));
    let paths: Vec<String> = strings(&df, "source_path").into_iter().flatten().collect();
    assert_eq!(paths, ["x1/a.txt", "x2/a.txt"]);
    // The same text twice is one story by default.
    let df = csv(ok(&[
        "articles",
        x1.to_str().unwrap(),
        x2.to_str().unwrap(),
        "--format",
        "csv",
    ]));
    assert_eq!(df.height(), 1);
}

#[test]
fn exports_are_readable_by_others_and_formats_must_agree() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("m.csv");
    ok(&["mentions", &seeds_arg(), "--out", target.to_str().unwrap()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }
    let out = newslens(&[
        "mentions",
        &seeds_arg(),
        "--out",
        target.to_str().unwrap(),
        "--format",
        "json",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not match the extension"));
    let missing = dir.path().join("no/such/folder/m.csv");
    let out = newslens(&["mentions", &seeds_arg(), "--out", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("does not exist") && !stderr.contains(".newslens-export"),
        "{stderr}"
    );
}

#[test]
fn outlets_match_without_case_and_unknown_ones_are_refused() {
    let df = csv(ok(&[
        "articles",
        &seeds_arg(),
        "--outlet",
        "jamnews",
        "--format",
        "csv",
    ]));
    assert_eq!(df.height(), 1);
    let out = newslens(&["articles", &seeds_arg(), "--outlet", "Pravda"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("known outlets: Azatutyun, JAMnews"));
}

#[test]
fn numeric_dates_follow_the_corpus_or_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Talks in Yerevan\n\n27/11/2023\n\nArmenia and Russia met.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "More talks\n\n02/03/2024\n\nArmenia and Russia met again.\n",
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let published = |order: &str| {
        let df = csv(ok(&[
            "articles",
            folder,
            "--numeric-dates",
            order,
            "--format",
            "csv",
        ]));
        strings(&df, "published")
    };
    let day = |s: &str| Some(s.to_owned());
    // 27/11/2023 can only be day first, so the corpus is read day first.
    assert_eq!(published("auto"), [day("2023-11-27"), day("2024-03-02")]);
    assert_eq!(
        published("month-first"),
        [day("2023-11-27"), day("2024-02-03")]
    );
    assert_eq!(
        published("day-first"),
        [day("2023-11-27"), day("2024-03-02")]
    );
    let out = newslens(&["articles", folder, "--numeric-dates", "sideways"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn undated_articles_are_inferred_from_evidence_or_stay_missing() {
    let df = csv(ok(&["articles", &seeds_arg(), "--format", "csv"]));
    let source = strings(&df, "date_source");
    let evidence = strings(&df, "date_evidence");
    let earliest = strings(&df, "published_earliest");
    let published = strings(&df, "published");
    // 002 prints no date; the latest day it gives with a year is September 5, 2023.
    assert_eq!(source[2].as_deref(), Some("inferred"));
    assert_eq!(earliest[2].as_deref(), Some("2023-09-05"));
    assert_eq!(published[2].as_deref(), Some("2023-09-05"));
    assert!(
        evidence[2]
            .as_deref()
            .unwrap()
            .contains("September 5, 2023")
    );
    // 004 says it was "published on December 28" and prints no year anywhere.
    assert_eq!(source[4].as_deref(), Some("missing"));
    assert_eq!(published[4], None);
    assert!(evidence[4].as_deref().unwrap().contains("December 28"));
    assert!(evidence[4].as_deref().unwrap().contains("no year"));
    // Printed dates are their own bounds.
    assert_eq!(earliest[0].as_deref(), Some("2024-02-12"));
    assert_eq!(
        strings(&df, "published_latest")[0].as_deref(),
        Some("2024-02-12")
    );
}

#[test]
fn events_resolve_dates_written_in_the_text() {
    let df = csv(ok(&["events", &seeds_arg(), "--format", "csv"]));
    let ids = ints(&df, "article_id");
    let expressions = strings(&df, "expression");
    let dates = strings(&df, "date");
    let precision = strings(&df, "precision");
    let find = |article: i64, expression: &str| {
        (0..df.height())
            .find(|&i| ids[i] == article && expressions[i].as_deref() == Some(expression))
            .map(|i| (dates[i].clone(), precision[i].clone()))
    };
    let day = |d: &str| Some((Some(d.to_owned()), Some("day".to_owned())));
    assert_eq!(find(0, "April 20, 2022"), day("2022-04-20"));
    assert_eq!(find(1, "Nov. 23, 2022"), day("2022-11-23"));
    // "On September 6" in an article published 2023-09-07.
    assert_eq!(find(3, "September 6"), day("2023-09-06"));
    // A day without a year in an article without a printed date stays unresolved.
    assert_eq!(find(4, "December 28"), Some((None, Some("day".to_owned()))));
    let sentences = strings(&df, "sentence");
    let row = (0..df.height())
        .find(|&i| expressions[i].as_deref() == Some("April 20, 2022"))
        .unwrap();
    assert!(
        sentences[row]
            .as_deref()
            .unwrap()
            .contains("April 20, 2022")
    );
}

#[test]
fn analyst_dates_override_from_a_file_or_the_corpus_folder() {
    let dir = tempfile::tempdir().unwrap();
    let dates = dir.path().join("dates.csv");
    std::fs::write(
        &dates,
        "source_path,published\n004_fecaf6ebe520c3b4.txt,2023-12-28\n",
    )
    .unwrap();
    let december = |args: &[&str]| {
        let df = csv(ok(args));
        let periods = strings(&df, "period_start");
        let i = periods
            .iter()
            .position(|p| p.as_deref() == Some("2023-12-01"))
            .unwrap();
        ints(&df, "mentions")[i]
    };
    let base = ["timeline", "--actor", "Russia", "--format", "csv"];
    let sample = seeds_arg();
    let without = december(&[&base[..], &[sample.as_str()]].concat());
    let dates_arg = dates.to_str().unwrap();
    let with = december(&[&base[..], &[sample.as_str(), "--dates", dates_arg]].concat());
    assert_eq!(without, 0);
    assert!(with > 0, "004's mentions move into 2023-12");

    // The same file beside a copy of the corpus applies by itself and is not an article.
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    copy_seeds(&corpus);
    std::fs::copy(&dates, corpus.join("newslens-dates.csv")).unwrap();
    let out = newslens(&["articles", corpus.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let df = csv(out.stdout);
    assert_eq!(strings(&df, "date_source")[4].as_deref(), Some("override"));
    assert_eq!(strings(&df, "published")[4].as_deref(), Some("2023-12-28"));

    // A bad line is refused with the file and line.
    std::fs::write(&dates, "source_path,published\n004.txt,28/12/2023\n").unwrap();
    let out = newslens(&["articles", &sample, "--dates", dates_arg]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2") && stderr.contains("28/12/2023"),
        "{stderr}"
    );
}

#[test]
fn referenced_time_places_mentions_at_the_dates_their_sentences_give() {
    let rows = csv(ok(&[
        "mentions",
        &seeds_arg(),
        "--time",
        "referenced",
        "--from",
        "2022-04-20",
        "--to",
        "2022-04-20",
        "--format",
        "csv",
    ]));
    assert!(rows.height() >= 3, "{rows}");
    for sentence in strings(&rows, "sentence") {
        assert!(sentence.unwrap().contains("April 20, 2022"));
    }
    let timeline = csv(ok(&[
        "timeline",
        &seeds_arg(),
        "--time",
        "referenced",
        "--actor",
        "Russia",
        "--by",
        "year",
        "--format",
        "csv",
    ]));
    let periods = strings(&timeline, "period_start");
    let mentions = ints(&timeline, "mentions");
    let in_2022 = periods
        .iter()
        .position(|p| p.as_deref() == Some("2022-01-01"))
        .map(|i| mentions[i]);
    assert!(in_2022 > Some(0), "{timeline}");
}

#[test]
fn timelines_mark_and_can_leave_out_inferred_dates() {
    let seeds = seeds_arg();
    let base = [
        "timeline",
        seeds.as_str(),
        "--actor",
        "RUS",
        "--format",
        "csv",
    ];
    let cell = |df: &DataFrame, column: &str, period: &str| {
        let periods = strings(df, "period_start");
        let i = periods
            .iter()
            .position(|p| p.as_deref() == Some(period))
            .unwrap();
        ints(df, column)[i]
    };
    let with = csv(ok(&base));
    let without = csv(ok(&[&base[..], &["--exclude-inferred"]].concat()));
    // 002 (inferred 2023-09-05) and 003 (printed 2023-09-07) both fall in 2023-09.
    let inferred = cell(&with, "inferred_mentions", "2023-09-01");
    let articles = csv(ok(&[
        "mentions",
        seeds.as_str(),
        "--actor",
        "RUS",
        "--format",
        "csv",
    ]));
    let from_002 = ints(&articles, "article_id")
        .iter()
        .filter(|&&a| a == 2)
        .count() as i64;
    assert!(from_002 > 0);
    assert_eq!(
        inferred, from_002,
        "inferred_mentions counts 002's mentions"
    );
    assert_eq!(
        cell(&without, "mentions", "2023-09-01"),
        cell(&with, "mentions", "2023-09-01") - from_002,
        "--exclude-inferred leaves 002 out"
    );
    assert_eq!(cell(&without, "inferred_mentions", "2023-09-01"), 0);
    // Printed dates are never inferred.
    assert_eq!(cell(&with, "inferred_mentions", "2023-11-01"), 0);
    // Left out of date ranges too, as an undated article is.
    let september = |extra: &[&str]| {
        let args = [
            &[
                "articles",
                seeds.as_str(),
                "--from",
                "2023-09-01",
                "--to",
                "2023-09-30",
                "--format",
                "csv",
            ][..],
            extra,
        ]
        .concat();
        ints(&csv(ok(&args)), "article_id")
    };
    assert_eq!(september(&[]), vec![2, 3]);
    assert_eq!(september(&["--exclude-inferred"]), vec![3]);
}

#[test]
fn datelines_and_relative_words_date_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "a.txt",
        "Armenia skips CSTO talks\n\nYEREVAN, Dec 28 (Reuters) - Armenia will not attend, \
         its foreign ministry said. It has frozen its role since the summit of \
         November 23, 2022.\n",
    );
    write(
        "b.txt",
        "White House on Armenia\n\nWASHINGTON, Feb. 12, 2024 (AP) — The United States \
         welcomed the talks.\n",
    );
    write(
        "c.txt",
        "Moscow replies\n\nMOSCOW, Dec 28 (TASS) - Russia regrets the decision.\n",
    );
    write(
        "d.txt",
        "Baku talks end\n\nThursday, December 28\n\nYesterday, on December 27, 2023, the \
         ministers of Armenia and Azerbaijan met in Baku.\n",
    );
    let folder = dir.path().to_str().unwrap();
    let df = csv(ok(&["articles", folder, "--format", "csv"]));
    let column = |name: &str| strings(&df, name);
    let (paths, outlets, published, sources, evidence, latest) = (
        column("source_path"),
        column("outlet"),
        column("published"),
        column("date_source"),
        column("date_evidence"),
        column("published_latest"),
    );
    let row = |name: &str| {
        paths
            .iter()
            .position(|p| p.as_deref() == Some(name))
            .unwrap()
    };
    // A dateline with a year is a printed date.
    let b = row("b.txt");
    assert_eq!(published[b].as_deref(), Some("2024-02-12"));
    assert_eq!(sources[b].as_deref(), Some("explicit"));
    assert_eq!(outlets[b].as_deref(), Some("AP"));
    // Without a year, the text's own dates give it: the first December 28 after
    // November 23, 2022.
    let a = row("a.txt");
    assert_eq!(published[a].as_deref(), Some("2022-12-28"));
    assert_eq!(sources[a].as_deref(), Some("inferred"));
    assert_eq!(outlets[a].as_deref(), Some("Reuters"));
    let a_evidence = evidence[a].as_deref().unwrap();
    assert!(a_evidence.contains("Dec 28") && a_evidence.contains("November 23, 2022"));
    // No year anywhere: missing, and the printed day is shown.
    let c = row("c.txt");
    assert_eq!(sources[c].as_deref(), Some("missing"));
    assert_eq!(published[c], None);
    assert!(evidence[c].as_deref().unwrap().contains("Dec 28"));
    // "Yesterday" beside a dated reference pins the day.
    let d = row("d.txt");
    assert_eq!(published[d].as_deref(), Some("2023-12-28"));
    assert_eq!(latest[d].as_deref(), Some("2023-12-28"));
    assert!(evidence[d].as_deref().unwrap().contains("yesterday"));
}

#[test]
fn the_default_dictionary_checks_clean_and_covers_the_world() {
    let out = newslens(&["actors", "--check"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    let count = |label: &str| -> usize {
        let at = report.find(&format!(" {label}")).expect(label);
        let digits: String = report[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.chars().rev().collect::<String>().parse().unwrap()
    };
    assert!(count("states") >= 195, "{report}");
    assert!(count("organizations") >= 30, "{report}");
    assert!(report.contains("no problems"), "{report}");
    // Every UN member the analyst may meet, by name, demonym and capital.
    for (word, id) in [
        ("Sudanese", "SDN"),
        ("Taipei", "TWN"),
        ("Burkinabe", "BFA"),
        ("Kiribati", "KIR"),
        ("Kosovar", "XKX"),
        ("Ouagadougou", "BFA"),
        ("Zelenskyy", "volodymyr-zelensky"),
        ("CSTO", "csto"),
        ("ASEAN", "asean"),
    ] {
        let df = csv(ok(&["actors", "--format", "csv"]));
        let ids = strings(&df, "actor_id");
        let row = ids.iter().position(|i| i.as_deref() == Some(id)).expect(id);
        let all: String = ["names", "demonyms", "capitals", "variants"]
            .iter()
            .map(|c| strings(&df, c)[row].clone().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("; ");
        // Case aside: "Asean" is kept over "ASEAN", as it matches both.
        assert!(
            all.to_lowercase().contains(&word.to_lowercase()),
            "{id}: {all}"
        );
    }
}

#[test]
fn a_bad_dictionary_reports_every_problem_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(
        &file,
        "[[actor]]\nid = \"sahel-juntas\"\nname = \"Sahel juntas\"\nkind = \"group\"\nnames = [\"\"]\n\
         [[actor]]\nid = \"sahel-juntas\"\nname = \"Again\"\nkind = \"group\"\n\
         [[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"country\"\nnames = 3\n\
         [[actor]]\nid = \"moscow-city\"\nname = \"Moscow (city)\"\nkind = \"place\"\nnames = [\"Moscow\"]\n",
    )
    .unwrap();
    let out = newslens(&["actors", "--check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    // The broken entries and the conflict of a valid one, all in one report.
    assert!(
        report.contains("alias \"moscow\" is claimed by"),
        "{report}"
    );
    assert!(report.contains("line 1: field \"names\""), "{report}");
    assert!(
        report.contains("line 6: actor id \"sahel-juntas\" is already used at line 1"),
        "{report}"
    );
    assert!(report.contains("line 14: field \"names\""), "{report}");
    // A valid file whose alias another actor already has: reported, and who wins.
    std::fs::write(
        &file,
        "[[actor]]\nid = \"moscow-city\"\nname = \"Moscow (city)\"\nkind = \"place\"\nnames = [\"Moscow\"]\n",
    )
    .unwrap();
    let out = newslens(&["actors", "--check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("alias \"moscow\" is claimed by \"RUS\"")
            && report.contains("\"RUS\"")
            && report.contains("wins"),
        "{report}"
    );
    // The same file used on its own has no one to clash with.
    let out = newslens(&[
        "actors",
        "--check",
        file.to_str().unwrap(),
        "--only-dictionary",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn demonyms_and_metonyms_can_be_left_out() {
    let seeds = seeds_arg();
    let classes = |extra: &[&str]| {
        let args = [&["mentions", seeds.as_str(), "--format", "csv"][..], extra].concat();
        strings(&csv(ok(&args)), "alias_class")
    };
    let all = classes(&[]);
    let count = |v: &[Option<String>], class: &str| {
        v.iter().filter(|c| c.as_deref() == Some(class)).count()
    };
    assert!(count(&all, "demonym") > 0 && count(&all, "capital") > 0);
    let no_demonyms = classes(&["--no-demonyms"]);
    assert_eq!(count(&no_demonyms, "demonym"), 0);
    assert_eq!(count(&no_demonyms, "capital"), count(&all, "capital"));
    let no_metonyms = classes(&["--no-metonyms"]);
    assert_eq!(count(&no_metonyms, "capital"), 0);
    assert_eq!(no_metonyms.len(), all.len() - count(&all, "capital"));
    // --only-dictionary: the file's actors and no others.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("only.toml");
    std::fs::write(
        &file,
        "[[actor]]\nid = \"csto\"\nname = \"CSTO\"\nkind = \"organization\"\nnames = [\"CSTO\"]\n",
    )
    .unwrap();
    let df = csv(ok(&[
        "mentions",
        seeds.as_str(),
        "--only-dictionary",
        file.to_str().unwrap(),
        "--format",
        "csv",
    ]));
    let ids = strings(&df, "actor_id");
    assert!(!ids.is_empty() && ids.iter().all(|i| i.as_deref() == Some("csto")));
}

/// A Media Cloud style export: id, publish_date, title, url, media_name, text.
fn media_cloud_csv(dir: &Path) -> PathBuf {
    let path = dir.join("mediacloud.csv");
    let rows = [
        (
            "9001",
            "2023-09-07 10:15:00",
            "Armenia and Russia",
            "https://example.org/a",
            "azatutyun.am",
            "Armenia said Russia failed it. The Kremlin denied it.",
        ),
        (
            "9002",
            "2024-02-12",
            "NATO and Yerevan",
            "https://example.org/b",
            "jamnews.net",
            "Yerevan spoke to NATO, \"again\", on Monday.\nA second paragraph about Azerbaijan.",
        ),
        (
            "9003",
            "",
            "Undated",
            "https://example.org/c",
            "example.org",
            "On September 5, 2023, Armenia recalled its envoy to the CSTO.",
        ),
        (
            "9004",
            "2024-01-01",
            "No text",
            "https://example.org/d",
            "x.org",
            "",
        ),
    ];
    let mut text = String::from("id,publish_date,title,url,media_name,text\n");
    for (id, date, title, url, media, body) in rows {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        text.push_str(&format!(
            "{id},{date},{},{url},{media},{}\n",
            quote(title),
            quote(body)
        ));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn tables_of_articles_load_with_no_options_and_agree_across_formats() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = media_cloud_csv(dir.path());
    let out = newslens(&["articles", csv_path.to_str().unwrap(), "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 row(s) without text left out"),
        "{stderr}"
    );
    let articles = csv(out.stdout);
    assert_eq!(articles.height(), 3);
    assert_eq!(
        strings(&articles, "published"),
        [
            Some("2023-09-07".into()),
            Some("2024-02-12".into()),
            Some("2023-09-05".into())
        ]
    );
    assert_eq!(
        strings(&articles, "date_source"),
        [
            Some("explicit".into()),
            Some("explicit".into()),
            Some("inferred".into())
        ]
    );
    assert_eq!(
        strings(&articles, "outlet"),
        [
            Some("azatutyun.am".into()),
            Some("jamnews.net".into()),
            Some("example.org".into())
        ]
    );
    assert_eq!(
        strings(&articles, "source_path")[0].as_deref(),
        Some("mediacloud.csv#9001")
    );

    // The same rows as JSON Lines, Parquet and gzip-compressed CSV give the same mentions.
    let mut frame = CsvReadOptions::default()
        .with_infer_schema_length(Some(0))
        .try_into_reader_with_file_path(Some(csv_path.clone()))
        .unwrap()
        .finish()
        .unwrap();
    let jsonl = dir.path().join("copy.jsonl");
    JsonWriter::new(std::fs::File::create(&jsonl).unwrap())
        .with_json_format(JsonFormat::JsonLines)
        .finish(&mut frame)
        .unwrap();
    let parquet = dir.path().join("copy.parquet");
    ParquetWriter::new(std::fs::File::create(&parquet).unwrap())
        .finish(&mut frame)
        .unwrap();
    let gz = dir.path().join("copy.csv.gz");
    {
        use std::io::Write as _;
        let mut encoder = flate2::write::GzEncoder::new(
            std::fs::File::create(&gz).unwrap(),
            flate2::Compression::default(),
        );
        encoder
            .write_all(&std::fs::read(&csv_path).unwrap())
            .unwrap();
        encoder.finish().unwrap();
    }
    let mentions = |path: &Path| ok(&["mentions", path.to_str().unwrap(), "--format", "csv"]);
    let expected = mentions(&csv_path);
    assert!(csv(expected.clone()).height() >= 8);
    for copy in [&jsonl, &parquet, &gz] {
        assert_eq!(mentions(copy), expected, "{}", copy.display());
    }

    // Other column names: say which is which.
    let renamed = dir.path().join("renamed.tsv");
    std::fs::write(
        &renamed,
        "headline\tstory\twhen\nTalks\tArmenia and Azerbaijan met.\t03/04/2024\n",
    )
    .unwrap();
    let out = newslens(&["articles", renamed.to_str().unwrap(), "--format", "csv"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no text column"));
    let df = csv(ok(&[
        "articles",
        renamed.to_str().unwrap(),
        "--columns",
        "text=story,published=when",
        "--format",
        "csv",
    ]));
    assert_eq!(strings(&df, "title")[0].as_deref(), Some("Talks"));
    assert_eq!(strings(&df, "published")[0].as_deref(), Some("2024-03-04"));
    let out = newslens(&[
        "articles",
        renamed.to_str().unwrap(),
        "--columns",
        "txt=story",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"txt\" is not a field"));
}

#[test]
fn one_wire_story_from_three_outlets_counts_once_unless_kept() {
    let dir = tempfile::tempdir().unwrap();
    let story = "YEREVAN, Dec 28 (Reuters) - Armenia will not attend the summit of the \
        Collective Security Treaty Organization in Minsk, its foreign ministry said on \
        Thursday, deepening a rift with Russia that has grown since Azerbaijan retook \
        Nagorno-Karabakh. Prime Minister Nikol Pashinyan has said the alliance failed to \
        protect Armenia, and officials in Yerevan have frozen their participation in its \
        exercises and meetings for the past year, November 23, 2022.";
    let pages = [
        (
            "a.txt",
            format!(
                "Armenia skips summit\n\nDec 29, 2023\n\nSource: Outlet A\n\n{story}\n\nSubscribe to our newsletter\n"
            ),
        ),
        (
            "b.txt",
            format!(
                "Armenia to skip CSTO summit\n\nDecember 28, 2023\n\nSource: Outlet B\n\n{story}\n\nRead more: Azerbaijan and Armenia sign a border deal\n© Outlet B 2023\n"
            ),
        ),
        (
            "c.txt",
            format!(
                "Armenia snubs Minsk\n\n28/12/2023\n\nSource: Outlet C\n\nAdvertisement\n\n{story}\n\nShare this article\n"
            ),
        ),
    ];
    for (name, text) in &pages {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let folder = dir.path().to_str().unwrap();
    let out = newslens(&["articles", folder, "--format", "csv"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 duplicate article(s) counted once"),
        "{stderr}"
    );
    let once = csv(out.stdout);
    assert_eq!(once.height(), 1);
    // The earliest published copy is the one kept.
    assert_eq!(strings(&once, "source_path")[0].as_deref(), Some("b.txt"));
    let all = csv(ok(&[
        "articles",
        folder,
        "--keep-duplicates",
        "--format",
        "csv",
    ]));
    assert_eq!(all.height(), 3);
    assert_eq!(
        strings(&all, "duplicate_of"),
        [Some("1".to_owned()), None, Some("1".to_owned())]
    );
    let count = |path: &str, args: &[&str]| {
        let df = csv(ok(&[
            &["timeline", path, "--actor", "ARM", "--format", "csv"][..],
            args,
        ]
        .concat()));
        ints(&df, "mentions").iter().sum::<i64>()
    };
    let alone = |name: &str| count(dir.path().join(name).to_str().unwrap(), &[]);
    // Folded, the story counts as the kept copy does; kept, as all three copies do.
    assert_eq!(count(folder, &[]), alone("b.txt"));
    assert_eq!(
        count(folder, &["--keep-duplicates"]),
        alone("a.txt") + alone("b.txt") + alone("c.txt")
    );
    assert!(count(folder, &["--keep-duplicates"]) > 2 * count(folder, &[]));
}

#[test]
fn a_corpus_of_bad_inputs_gives_one_named_warning_each_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir(&root).unwrap();
    copy_seeds(&root);
    let put = |name: &str, bytes: &[u8]| std::fs::write(root.join(name), bytes).unwrap();
    put("empty.txt", b"");
    put(
        "binary.txt",
        &[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0xff, 0],
    );
    put(
        "latin1.txt",
        b"Caf\xe9 talks\n\nArmenia and Azerbaijan met in Caf\xe9 Yerevan.\n",
    );
    put("empty.csv", b"");
    put(
        "ragged.csv",
        b"id,title,text\n1,A,Armenia spoke\n2,B,Russia spoke,extra,fields\n",
    );
    // A single line over the size limit.
    std::fs::write(root.join("huge.txt"), vec![b'a'; 50_000_001]).unwrap();
    // A Parquet file whose text column holds lists of numbers.
    let mut wrong = df!("id" => [1i64, 2], "title" => ["a", "b"]).unwrap();
    let lists = Series::new(
        "text".into(),
        [
            Series::new("".into(), [1i64, 2]),
            Series::new("".into(), [3i64]),
        ],
    );
    wrong.with_column(lists.into_column()).unwrap();
    ParquetWriter::new(std::fs::File::create(root.join("wrong-types.parquet")).unwrap())
        .finish(&mut wrong)
        .unwrap();
    // A file that cannot be read (when not running as root) and a folder linked into
    // itself.
    put("locked.txt", b"Locked\n\nArmenia.\n");
    let locked = root.join("locked.txt");
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let root_can_read = std::fs::read(&locked).is_ok();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("sub").join("loop")).unwrap();

    let out = newslens(&["articles", root.to_str().unwrap(), "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let once = |name: &str, cause: &str| {
        let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(lines.len(), 1, "one warning for {name}:\n{stderr}");
        assert!(lines[0].contains(cause), "{name}: {}", lines[0]);
    };
    once("empty.txt", "the file is empty");
    once("binary.txt", "binary");
    once("latin1.txt", "read as Windows-1252");
    once("empty.csv", "the file is empty");
    once(
        "ragged.csv",
        "1 row(s) that cannot be parsed left out (line 3); 1 row(s) read",
    );
    once("huge.txt", "over the limit of 50.0 MB");
    once(
        "wrong-types.parquet",
        "column \"text\" cannot be read as text",
    );
    once("loop", "link loop");
    if !root_can_read {
        once("locked.txt", "permission denied");
    }
    let articles = csv(out.stdout);
    let paths = strings(&articles, "source_path");
    // The seeds, the Windows-1252 file, the good row of the ragged table, and the
    // locked one if it could be read.
    let expected = 7 + usize::from(root_can_read);
    assert_eq!(articles.height(), expected, "{paths:?}");
    assert!(paths.iter().flatten().any(|p| p == "latin1.txt"));

    // A dictionary full of errors: every one named, and nothing is counted with it.
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[actor]]\nid = \"\"\nname = \"\"\nkind = \"planet\"\n[[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"group\"\nnames = [\"\", 3]\n",
    )
    .unwrap();
    let out = newslens(&[
        "mentions",
        root.to_str().unwrap(),
        "--dictionary",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.toml line 4") && stderr.contains("bad.toml line 9"),
        "{stderr}"
    );
}

/// Killing the program in the middle of an export leaves the old file or the complete
/// new one, never a part.
#[test]
fn an_export_killed_midway_leaves_the_old_file_or_the_whole_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for copy in 0..60 {
        for entry in std::fs::read_dir(seeds()).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("{copy:03}_{}", path.file_name().unwrap().to_string_lossy());
            std::fs::copy(&path, corpus.join(name)).unwrap();
        }
    }
    let target = dir.path().join("mentions.csv");
    let old = b"old,file\n1,2\n".to_vec();
    let args = |out: &Path| {
        vec![
            "mentions".to_owned(),
            corpus.display().to_string(),
            "--keep-duplicates".to_owned(),
            "--out".to_owned(),
            out.display().to_string(),
            "--force".to_owned(),
        ]
    };
    // The complete export, for comparison, and how long it takes.
    let complete = dir.path().join("complete.csv");
    let start = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_newslens"))
        .args(args(&complete))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full = start.elapsed();
    let complete = std::fs::read(&complete).unwrap();
    assert!(complete.len() > 1_000_000);
    let mut saw_old = false;
    let mut saw_new = false;
    // Kills at a fifth, a half, … of the export's time, the last well after its end.
    for step in [2u32, 5, 8, 10, 12, 20] {
        std::fs::write(&target, &old).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_newslens"))
            .args(args(&target))
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full * step / 10);
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(&target).unwrap();
        assert!(
            now == old || now == complete,
            "after {step}/10 of the export's time the file is neither the old one nor the whole new one ({} bytes)",
            now.len()
        );
        saw_old |= now == old;
        saw_new |= now == complete;
    }
    // Both outcomes happened: the kills did land before and after the replacement.
    assert!(
        saw_old && saw_new,
        "old seen: {saw_old}, new seen: {saw_new}"
    );
}

#[test]
fn saved_web_pages_give_their_metadata_and_article_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("page.html"),
        r#"<html><head><title>Ignored | Site</title>
        <meta property="og:title" content="Armenia skips the CSTO summit">
        <meta property="og:site_name" content="Example News">
        <meta property="article:published_time" content="2023-11-23T10:15:00Z">
        <script>var menu = "Russia Russia Russia";</script></head>
        <body><nav><a>Russia</a> <a>Ukraine</a></nav>
        <article><h1>Armenia skips the CSTO summit</h1><p>Yerevan said the Kremlin failed it.</p></article>
        <footer>© Example News</footer></body></html>"#,
    )
    .unwrap();
    let articles = csv(ok(&[
        "articles",
        dir.path().to_str().unwrap(),
        "--with-text",
        "--format",
        "csv",
    ]));
    assert_eq!(
        strings(&articles, "title")[0].as_deref(),
        Some("Armenia skips the CSTO summit")
    );
    assert_eq!(
        strings(&articles, "outlet")[0].as_deref(),
        Some("Example News")
    );
    assert_eq!(
        strings(&articles, "published")[0].as_deref(),
        Some("2023-11-23")
    );
    assert_eq!(
        strings(&articles, "date_source")[0].as_deref(),
        Some("explicit")
    );
    let text = strings(&articles, "text")[0].clone().unwrap();
    assert!(
        !text.contains("menu") && !text.contains("Ukraine"),
        "{text}"
    );
    let mentions = csv(ok(&[
        "mentions",
        dir.path().to_str().unwrap(),
        "--format",
        "csv",
    ]));
    let matched: Vec<String> = strings(&mentions, "matched")
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(matched, ["Armenia", "CSTO", "Yerevan", "Kremlin"]);
}

#[test]
fn dates_the_workbench_kept_for_the_sample_corpus_apply_on_the_command_line() {
    // The workbench keeps dates it cannot write beside a corpus in the data folder.
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir(data.path().join("dates")).unwrap();
    std::fs::write(
        data.path().join("dates/sample.csv"),
        "source_path,published\n004_fecaf6ebe520c3b4.txt,2023-12-28\n",
    )
    .unwrap();
    let out = newslens_with_data(&["articles", "--format", "csv"], data.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let df = csv(out.stdout);
    let row = strings(&df, "source_path")
        .iter()
        .position(|p| p.as_deref() == Some("004_fecaf6ebe520c3b4.txt"))
        .unwrap();
    assert_eq!(
        strings(&df, "published")[row].as_deref(),
        Some("2023-12-28")
    );
    assert_eq!(
        strings(&df, "date_source")[row].as_deref(),
        Some("override")
    );
    // Without it, 004 prints no date of its own.
    let df = csv(ok(&["articles", "--format", "csv"]));
    assert_eq!(strings(&df, "date_source")[row].as_deref(), Some("missing"));
    // A kept file that cannot be read is named, and the rest goes on.
    std::fs::write(data.path().join("dates/sample.csv"), "path,date\n").unwrap();
    let out = newslens_with_data(&["articles", "--format", "csv"], data.path());
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sample.csv") && stderr.contains("not applied"),
        "{stderr}"
    );
}
