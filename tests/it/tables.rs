//! Damaged tables of articles: every good row is read, and the warning names the rows
//! that are not.

use std::io::Write;

use crate::common::{csv, newslens, text_column};

/// `articles` on `path`: the rows read, and what was said on stderr.
fn articles(path: &std::path::Path) -> (polars::prelude::DataFrame, String) {
    let out = newslens(&["articles", path.to_str().unwrap(), "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        csv(out.stdout),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn story(i: usize) -> String {
    format!(
        "{{\"id\": {i}, \"title\": \"Story {i}\", \"publish_date\": \"1987-03-{:02}\", \"text\": \"Japan and France held talks number {i} on trade.\"}}\n",
        i % 28 + 1
    )
}

#[test]
fn a_json_lines_file_with_malformed_lines_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stories.jsonl");
    let mut lines: Vec<String> = (1..=1000).map(story).collect();
    // Three lines broken as exports break them: cut short, a stray brace, not JSON.
    lines[99] = "{\"id\": 100, \"title\": \"Cut\", \"text\": \"Japan\n".to_owned();
    lines[499] = "{\"id\": 500, \"title\": \"Stray\"}}\n".to_owned();
    lines[899] = "<html>not json</html>\n".to_owned();
    std::fs::write(&path, lines.concat()).unwrap();
    let (df, stderr) = articles(&path);
    assert_eq!(df.height(), 997, "{stderr}");
    assert!(
        stderr.contains("3 line(s) that are not a JSON object left out (lines 100, 500 and 900); 997 row(s) read"),
        "{stderr}"
    );
}

#[test]
fn a_truncated_gzip_table_gives_the_rows_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let mut table = String::from("id,title,publish_date,text\n");
    for i in 1..=2000 {
        table.push_str(&format!(
            "{i},Story {i},1987-03-01,\"Japan and France held talks number {i}, a long way from {}.\"\n",
            i * 7919 % 10007
        ));
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(table.as_bytes()).unwrap();
    let whole = encoder.finish().unwrap();
    let path = dir.path().join("stories.csv.gz");
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let (df, stderr) = articles(&path);
    let read = df.height();
    assert!((500..2000).contains(&read), "{read} rows: {stderr}");
    assert!(
        stderr.contains("the compressed file is cut short")
            && stderr.contains(&format!("the {read} row(s) before the cut were read")),
        "{stderr}"
    );
    // The rows read are the first ones, whole.
    let ids = df.column("source_path").unwrap().str().unwrap().clone();
    assert_eq!(ids.get(0), Some("stories.csv.gz#1"));
    assert_eq!(
        ids.get(read - 1).map(str::to_owned),
        Some(format!("stories.csv.gz#{read}"))
    );
}

#[test]
fn a_csv_with_a_broken_row_keeps_the_rows_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stories.csv");
    std::fs::write(
        &path,
        "id,title,text\n\
         1,One,\"Japan held talks.\nA second line.\"\n\
         2,Two,\"He said \"no\" to France.\"\n\
         3,Three,Germany waited.\n\
         4,Four,\"Italy never closed the quote.\n\
         5,Five,Spain agreed.\n\
         6,Six,\"Portugal, too.\"\n",
    )
    .unwrap();
    let (df, stderr) = articles(&path);
    let ids: Vec<String> = df
        .column("source_path")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|s| s.unwrap().to_owned())
        .collect();
    assert_eq!(
        ids,
        [
            "stories.csv#1",
            "stories.csv#3",
            "stories.csv#5",
            "stories.csv#6"
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("2 row(s) that cannot be parsed left out (lines 4 and 6); 4 row(s) read"),
        "{stderr}"
    );
}

#[test]
fn a_table_rows_headline_is_searched_like_a_files_first_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stories.csv");
    std::fs::write(
        &path,
        "id,title,publish_date,text\n\
         1,JAPAN CABINET APPROVES BILL ON GOLD COIN ISSUES,1987-03-03,\"The cabinet approved a bill\n\
         today to issue gold coins to mark the 60th year of the\n\
         Emperor's reign, officials said.\"\n",
    )
    .unwrap();
    let out = newslens(&["mentions", path.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success());
    let df = csv(out.stdout);
    let column = |name: &str| text_column(&df, name);
    assert_eq!(column("actor_id"), ["JPN"]);
    assert_eq!(column("matched"), ["JAPAN"]);
    assert_eq!(column("in_title"), ["true"]);
    assert_eq!(column("start"), ["0"]);
    // The text's wrapped lines are one sentence.
    let out = newslens(&[
        "articles",
        path.to_str().unwrap(),
        "--with-text",
        "--format",
        "csv",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(
        "JAPAN CABINET APPROVES BILL ON GOLD COIN ISSUES\n\nThe cabinet approved a bill today to issue gold coins \
         to mark the 60th year of the Emperor's reign, officials said."
    ));
    // Headlines only.
    let out = newslens(&[
        "mentions",
        path.to_str().unwrap(),
        "--in-title",
        "--format",
        "csv",
    ]);
    assert_eq!(csv(out.stdout).height(), 1);
}
