"""Peer baseline for the pipeline benchmark: the NewsLens job as a Polars notebook.

Reads a folder of generated articles, finds every alias of the actor dictionary
with Polars' Aho-Corasick `str.extract_many`, counts mentions per actor per
month with `group_by_dynamic` and writes the timeline to Parquet. It is meant
to be what a competent analyst would write in a notebook, not a re-implementation
of NewsLens: plain case-insensitive substring matching, no word boundaries, no
`case`, `context`, `unless` or `exclude` rules, and each role phrase credited to
one actor regardless of the article's date.

Run (benches/pipeline.rs does this in a venv made with `python3 -m venv` and
`pip install polars`):

    python benches/peer.py CORPUS_DIR DICTIONARY_TOML OUT_PARQUET

Prints `key=value` lines (times in seconds): read, parse, extract, mentions,
aggregate, export, total, rows, bytes, peak_kb.
"""

import resource
import sys
import time
import tomllib
from pathlib import Path

import polars as pl


def alias_table(dictionary: Path) -> pl.DataFrame:
    """One row per lowercased alias: `pattern` -> `actor_id`."""
    actors = tomllib.loads(dictionary.read_text(encoding="utf-8"))["actor"]
    rows = []
    for actor in actors:
        for field in ("names", "demonyms", "capitals", "variants"):
            for alias in actor.get(field, []):
                text = alias["text"] if isinstance(alias, dict) else alias
                rows.append((text.lower(), actor["id"], None))
        for role in actor.get("roles", []):
            for phrase in role["phrases"]:
                rows.append((phrase.lower(), actor["id"], role.get("from")))
    # Simplification: a role phrase ("Chinese president") means whoever held the
    # office on the article's date, and several actors list the same phrase.
    # Here each phrase goes to one actor, the one whose role started last.
    return (
        pl.DataFrame(
            rows,
            schema={"pattern": pl.String, "actor_id": pl.String, "from": pl.Date},
            orient="row",
        )
        .sort("from", descending=True, nulls_last=True)
        .unique("pattern", keep="first")
        .select("pattern", "actor_id")
    )


def main(corpus: Path, dictionary: Path, out: Path) -> None:
    times = {}
    start = t = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal t
        now = time.perf_counter()
        times[step] = now - t
        t = now

    paths = sorted(corpus.rglob("*.txt"))
    articles = pl.DataFrame(
        {"path": [str(p) for p in paths], "text": [p.read_text(encoding="utf-8") for p in paths]}
    )
    lap("read")

    articles = articles.with_row_index("article_id").with_columns(
        title=pl.col("text").str.extract(r"^([^\n]*)"),
        published=pl.col("text")
        .str.extract(r"(?m)^(\d{1,2}/\d{1,2}/\d{4})$")
        .str.to_date("%m/%d/%Y"),
        outlet=pl.col("text").str.extract(r"(?m)^Source: (.+)$"),
    )
    lap("parse")

    aliases = alias_table(dictionary)
    # Longest first: with leftmost=True the first listed pattern wins among
    # matches starting at the same place, which makes it leftmost-longest.
    patterns = aliases.sort(pl.col("pattern").str.len_chars(), descending=True)["pattern"].to_list()
    mentions = (
        articles.select(
            "article_id",
            "published",
            match=pl.col("text").str.extract_many(
                patterns, ascii_case_insensitive=True, leftmost=True
            ),
        )
        .explode("match")
        .drop_nulls("match")
        .with_columns(pl.col("match").str.to_lowercase())
        .join(aliases, left_on="match", right_on="pattern")
    )
    lap("extract")

    timeline = (
        mentions.sort("published")
        .group_by_dynamic("published", every="1mo", group_by="actor_id")
        .agg(mentions=pl.len(), articles=pl.col("article_id").n_unique())
    )
    lap("aggregate")

    timeline.write_parquet(out)
    lap("export")

    times["total"] = time.perf_counter() - start
    for step in ("read", "parse", "extract", "aggregate", "export", "total"):
        print(f"{step}={times[step]:.6f}")
    print(f"mentions={mentions.height}")
    print(f"rows={timeline.height}")
    print(f"bytes={articles['text'].str.len_bytes().sum()}")
    print(f"peak_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: python benches/peer.py CORPUS_DIR DICTIONARY_TOML OUT_PARQUET")
    main(*(Path(a) for a in sys.argv[1:]))
