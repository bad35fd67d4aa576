//! Wire copy: hand-written stories in `tests/data/wire` and generated ones, read as
//! text files and as a table — titles, dates, every body sentence, whole sentences.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{csv, ok, text_column as column};
use crate::generator::wire_stories;

/// `articles --with-text` of `path`, by file name: (title, published, text).
fn articles(path: &Path) -> BTreeMap<String, (String, String, String)> {
    let df = csv(ok(&[
        "articles",
        path.to_str().unwrap(),
        "--with-text",
        "--keep-duplicates",
        "--format",
        "csv",
    ]));
    let files = column(&df, "source_path");
    let (titles, dates, texts) = (
        column(&df, "title"),
        column(&df, "published"),
        column(&df, "text"),
    );
    files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let name = f.rsplit(['/', '#']).next().unwrap().to_owned();
            (
                name,
                (titles[i].clone(), dates[i].clone(), texts[i].clone()),
            )
        })
        .collect()
}

#[test]
fn hand_written_wire_stories_keep_title_date_and_every_sentence() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wire");
    let got = articles(&folder.join("stories"));
    let truth = std::fs::read_to_string(folder.join("truth.tsv")).unwrap();
    let mut checked = 0;
    for line in truth.lines().skip(1) {
        let [file, title, date, first, last] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("bad truth line {line}");
        };
        let (got_title, got_date, text) = &got[file];
        assert_eq!(got_title, title, "{file}");
        assert_eq!(got_date, date, "{file}");
        assert!(text.contains(first), "{file}: first sentence lost:\n{text}");
        assert!(text.contains(last), "{file}: last sentence lost:\n{text}");
        checked += 1;
    }
    assert_eq!(checked, 48);
}

#[test]
fn generated_wire_stories_read_the_same_as_files_and_as_a_table() {
    let stories = wire_stories(240, 0x3121);
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("stories");
    std::fs::create_dir(&files).unwrap();
    let mut table = String::from("id,title,date,text\n");
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for story in &stories {
        std::fs::write(files.join(&story.file), &story.raw).unwrap();
        // The table holds what follows the date line as its text.
        let body = story.raw.splitn(3, "\n\n").nth(2).unwrap();
        table.push_str(&format!(
            "{},{},{},{}\n",
            story.file,
            quote(&story.title),
            story.date,
            quote(body)
        ));
    }
    let table_path = dir.path().join("stories.csv");
    std::fs::write(&table_path, table).unwrap();

    // Titles (at least 99% exact: all of them here), dates, every body sentence.
    let got = articles(&files);
    let mut wrong_titles = Vec::new();
    for story in &stories {
        let (title, date, text) = &got[&story.file];
        if *title != story.title {
            wrong_titles.push(format!("{}: {title:?} for {:?}", story.file, story.title));
        }
        assert_eq!(*date, story.date.to_string(), "{}", story.file);
        for paragraph in &story.paragraphs {
            assert!(
                text.contains(paragraph.as_str()),
                "{}: lost {paragraph:?}\nread:\n{text}\nwritten:\n{}",
                story.file,
                story.raw
            );
        }
    }
    assert!(wrong_titles.is_empty(), "{wrong_titles:#?}");

    // The same stories as a table give the same mentions, in the same sentences.
    let mentions = |path: &Path| {
        let df = csv(ok(&[
            "mentions",
            path.to_str().unwrap(),
            "--keep-duplicates",
            "--format",
            "csv",
        ]));
        let columns: Vec<Vec<String>> = ["title", "actor_id", "matched", "in_title", "sentence"]
            .iter()
            .map(|c| column(&df, c))
            .collect();
        let mut rows: Vec<String> = (0..df.height())
            .map(|i| {
                columns
                    .iter()
                    .map(|c| c[i].as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        rows.sort();
        rows
    };
    let from_files = mentions(&files);
    assert!(from_files.len() > 1000);
    assert!(from_files.iter().any(|m| m.contains("|true|")));
    assert_eq!(from_files, mentions(&table_path));
}

#[test]
fn a_sentence_wrapped_over_three_lines_comes_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("story.txt"),
        "BONN TALKS END\n\nFeb 26 1987\n\n    BONN, Feb 26 - Finance ministers of Japan and West\n\
         Germany ended two days of talks on currency stability\n\
         today without agreeing on a joint statement, officials\n\
         said.\n    The talks will resume in Paris next month, a\n\
         spokesman for the Finance Ministry said today.\n",
    )
    .unwrap();
    let df = csv(ok(&[
        "mentions",
        dir.path().to_str().unwrap(),
        "--format",
        "csv",
    ]));
    let sentences = column(&df, "sentence");
    let matched = column(&df, "matched");
    let japan = matched.iter().position(|m| m == "Japan").unwrap();
    assert_eq!(
        sentences[japan],
        "BONN, Feb 26 - Finance ministers of Japan and West Germany ended two days of talks \
         on currency stability today without agreeing on a joint statement, officials said."
    );
    // "West" at the end of one line and "Germany" at the start of the next are one name.
    let dictionary = dir.path().join("west.toml");
    std::fs::write(
        &dictionary,
        "[[actor]]\nid = \"west-germany\"\nname = \"West Germany\"\nkind = \"country\"\nnames = [\"West Germany\"]\n",
    )
    .unwrap();
    let df = csv(ok(&[
        "mentions",
        dir.path().join("story.txt").to_str().unwrap(),
        "--dictionary",
        dictionary.to_str().unwrap(),
        "--format",
        "csv",
    ]));
    let matched = column(&df, "matched");
    assert!(matched.iter().any(|m| m == "West Germany"), "{matched:?}");
    assert!(!matched.iter().any(|m| m == "Germany"), "{matched:?}");
}
