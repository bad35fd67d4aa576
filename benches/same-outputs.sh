#!/usr/bin/env bash
# Runs two builds of `newslens` on the same corpora and says whether every output is
# byte for byte the same: articles with their text, mentions, timelines of every period
# and metric (published and referenced time, with and without a search), events and the
# dictionary, as tables, CSV, JSON lines and Parquet.
#
#   benches/same-outputs.sh OLD_BINARY NEW_BINARY [CORPUS…]
#
# Without a corpus the sample corpus is used; add a generated one with
#   cargo bench --bench pipeline -- --generate /tmp/generated 2000
# Exit status 0 when everything is identical, 1 otherwise (the differing outputs are
# named).
set -uo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 OLD_BINARY NEW_BINARY [CORPUS…]" >&2
    exit 2
fi
old=$1
new=$2
shift 2
corpora=("$@")
[ ${#corpora[@]} -eq 0 ] && corpora=("")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One command per line; CORPUS stands for the corpus path (nothing for the sample).
commands=(
    "articles CORPUS --format csv"
    "articles CORPUS --with-text --format jsonl"
    "articles CORPUS"
    "mentions CORPUS --format csv"
    "mentions CORPUS --format json --actor RUS --actor ARM"
    "mentions CORPUS --kind person --search minister --format csv"
    "mentions CORPUS --keep-duplicates --format csv"
    "events CORPUS --format csv"
    "timeline CORPUS"
    "timeline CORPUS --time referenced --format csv"
    "timeline CORPUS --by week --search Russia --format csv"
    "timeline CORPUS --exclude-inferred --format csv"
    "actors --format csv"
    "actors"
)
for by in day week month quarter year; do
    for metric in mentions articles per-article per-1k-words share; do
        commands+=("timeline CORPUS --by $by --metric $metric --format csv")
    done
done
parquet=(
    "mentions CORPUS --out OUT.parquet"
    "articles CORPUS --with-text --out OUT.parquet"
    "timeline CORPUS --by month --out OUT.parquet"
)

differ=0
same=0
run() { # binary, output folder, index, command line
    local bin=$1 dir=$2 i=$3 line=$4
    # Both builds write the same path, so that messages naming it are the same too.
    mkdir -p "$work/out"
    # shellcheck disable=SC2086 # the command line is split into its words on purpose
    "$bin" ${line//OUT/$work/out/$i} >"$dir/$i.out" 2>"$dir/$i.err"
    echo $? >"$dir/$i.code"
    if [ -e "$work/out/$i.parquet" ]; then mv "$work/out/$i.parquet" "$dir/$i.parquet"; fi
}
for corpus in "${corpora[@]}"; do
    name=${corpus:-sample}
    for side in old new; do mkdir -p "$work/$side"; done
    i=0
    for line in "${commands[@]}" "${parquet[@]}"; do
        i=$((i + 1))
        line=${line//CORPUS/$corpus}
        run "$old" "$work/old" "$i" "$line"
        run "$new" "$work/new" "$i" "$line"
        for part in out err code parquet; do
            [ -e "$work/old/$i.$part" ] || [ -e "$work/new/$i.$part" ] || continue
            if cmp -s "$work/old/$i.$part" "$work/new/$i.$part"; then
                same=$((same + 1))
            else
                differ=$((differ + 1))
                echo "DIFFERENT ($part) on $name: newslens $line"
            fi
        done
    done
    rm -rf "$work/old" "$work/new"
done
echo "$same outputs identical, $differ different"
[ "$differ" -eq 0 ]
