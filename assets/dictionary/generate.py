#!/usr/bin/env python3
"""Builds assets/actors.toml, the default actor dictionary of NewsLens.

States come from the world-countries package of the npm registry (version pinned in
WORLD_COUNTRIES; its data is under the Open Database License 1.0): common and official
names, other spellings in Latin script, demonyms (with plurals made here) and capitals.
Every UN member state, the two observer states and the partly recognised states the
package lists are taken; the day each entered the system of states comes from the
Correlates of War list (see leaders.py).

Leaders: the effective leader of every state since 1945 from Archigos 4.1 (leaders.py
says where from and how; archigos-names.tsv gives full names and press forms).

Hand-curated entries live beside this script and are merged in:
  usage.toml    [[usage]] rules (what the words of a mention do: a currency, a
                company's name, …), appended as they are;
  curated.toml  [[state]] additions and rules for a state of the package (display name,
                seats of power, variants, aliases to drop, ambiguity rules), and
                [[actor]] entries the package lacks (states of the past with their
                days, other entities, organisations, groups, places);
  people*.toml, ministers*.toml, heads*.toml
                people, with the offices they held as [[actor.offices]]
                (title, of = state id, from, to, alone = titles without the state),
                expanded here into role phrases ("Russian foreign minister",
                "Russia's foreign minister", "foreign minister of Russia");
                [[office]] and [[role]] tables with holder = an id or a person's
                name add an office to a person of another file (a leader of
                Archigos, for one).

An alias claimed by two actors on the same days is left to the one that claims it in a
curated file, or dropped from both (and reported) when neither does; people may share a
name (NewsLens tells them apart by the article's date), and a person's name yields to a
state's or an organisation's. Two holders of one office whose dates overlap by more than
the handover day stop the build.

Usage (Python 3.11 or later, no other packages; the word list of the Debian package
wamerican at /usr/share/dict/words):
    python3 assets/dictionary/generate.py        # fetches its sources (npm, GitHub)
    python3 assets/dictionary/generate.py --countries countries.json \
        --archigos arch_annual.txt --cow states2016.csv
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import leaders  # noqa: E402

WORLD_COUNTRIES = "world-countries@5.1.0"
HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "actors.toml"

# The package's codes that differ from the ids NewsLens uses.
ID_OF = {"UNK": "XKX"}
# Observer states of the UN General Assembly, and partly recognised states.
OBSERVERS = {"PSE", "VAT"}
PARTLY_RECOGNISED = {"UNK", "TWN", "ESH"}

CLASSES = ["names", "demonyms", "capitals", "variants"]
# When one alias text turns up in several classes of one actor, the first wins.
CLASS_PRIORITY = {c: i for i, c in enumerate(["names", "variants", "demonyms", "capitals"])}


def as_list(value) -> list:
    """A field that holds one string or a list of them, as a list."""
    return [value] if isinstance(value, str) else list(value or [])


def fail(message: str) -> None:
    print(f"generate.py: {message}", file=sys.stderr)
    sys.exit(1)


def fetch_countries() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", WORLD_COUNTRIES, "--silent", "--pack-destination", tmp],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        tarball = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(tarball) as tar:
            member = tar.extractfile("package/countries.json")
            if member is None:
                fail(f"{tarball.name} holds no package/countries.json")
            return json.load(member)


def latin(text: str) -> bool:
    """Written in Latin letters (accents allowed) and usual punctuation only."""
    for ch in text:
        if ch.isalpha():
            # Latin letters, but not the phonetic alphabet (IPA, U+0250–U+02AF).
            if "LATIN" not in unicodedata.name(ch, "") or 0x250 <= ord(ch) <= 0x2AF:
                return False
        elif ch not in " -'’.()":
            return False
    return True


def plural(demonym: str) -> str | None:
    """English plural of a demonym used as a noun, when it has one of its own."""
    if " " in demonym and not demonym.split()[-1][0].isupper():
        return None
    if re.search(r"(ese|sh|ch|ss|s|x|z|y|i-Kiribati)$", demonym) or demonym in {
        "Swiss",
        "Thai",
    }:
        return "Thais" if demonym == "Thai" else None
    return demonym + "s"


def fold(text: str) -> str:
    return text.replace("’", "'").casefold()


def alias_text(alias) -> str:
    return alias if isinstance(alias, str) else alias["text"]


class Actor:
    def __init__(self, entry: dict, origin: str):
        self.entry = dict(entry)
        self.origin = origin
        for cls in CLASSES:
            self.entry.setdefault(cls, [])
        # Aliases a curated file claims (they win a conflict).
        self.claimed: set[str] = set()

    @property
    def id(self) -> str:
        return self.entry["id"]

    def add(self, cls: str, alias, claimed: bool) -> None:
        text = alias_text(alias).strip()
        if not text:
            return
        existing = [a for a in self.entry[cls] if fold(alias_text(a)) == fold(text)]
        if existing:
            # A curated alias with rules replaces the package's plain one.
            if not isinstance(alias, str):
                self.entry[cls] = [
                    a for a in self.entry[cls] if fold(alias_text(a)) != fold(text)
                ] + [alias]
        else:
            self.entry[cls].append(alias)
        if claimed:
            self.claimed.add(fold(text))

    def drop(self, text: str) -> None:
        for cls in CLASSES:
            self.entry[cls] = [a for a in self.entry[cls] if fold(alias_text(a)) != fold(text)]

    def dedupe_classes(self) -> None:
        # Of two spellings that differ in case only, the one with fewer capitals is
        # kept: it matches the other too ("Opec" matches "OPEC", not the reverse).
        seen: dict[str, tuple[str, int]] = {}
        for cls in sorted(CLASSES, key=CLASS_PRIORITY.get):
            kept = []
            for a in self.entry[cls]:
                key = fold(alias_text(a))
                if key not in seen:
                    seen[key] = (cls, len(kept))
                    kept.append(a)
                    continue
                first_cls, at = seen[key]
                capitals = lambda x: sum(ch.isupper() for ch in alias_text(x))  # noqa: E731
                if first_cls == cls and isinstance(a, str) and isinstance(kept[at], str):
                    if capitals(a) < capitals(kept[at]):
                        kept[at] = a
            self.entry[cls] = kept

    def span(self, folded: str) -> tuple[dt.date | None, dt.date | None]:
        """The days the alias `folded` names the actor, when they are bounded: its own
        bounds within the days the actor existed, or the days of an actor of the past.
        A name of an actor of today is timeless (None, None), whenever it began."""
        start, end = self.entry.get("from"), self.entry.get("to")
        bounded = end is not None
        for cls in CLASSES:
            for a in self.entry[cls]:
                if isinstance(a, dict) and fold(a["text"]) == folded:
                    if a.get("from") and (start is None or a["from"] > start):
                        start, bounded = a["from"], True
                    if a.get("to") and (end is None or a["to"] < end):
                        end, bounded = a["to"], True
        return (start, end) if bounded else (None, None)

    def aliases(self) -> set[str]:
        return {fold(alias_text(a)) for cls in CLASSES for a in self.entry[cls]}


def state_from_package(c: dict) -> Actor:
    code = c["cca3"]
    common = c["name"]["common"]
    official = c["name"]["official"]
    names = [common]
    if official != common and latin(official):
        names.append(official)
    variants = []
    for spelling in c.get("altSpellings", []):
        if len(spelling) <= 2 or "," in spelling or not latin(spelling):
            continue
        if fold(spelling) in {fold(n) for n in names}:
            continue
        variants.append(spelling)
    demonyms = []
    eng = (c.get("demonyms") or {}).get("eng") or {}
    for form in (eng.get("m", ""), eng.get("f", "")):
        for part in re.split(r",\s*| or ", form):
            part = part.strip()
            if part and part not in demonyms:
                demonyms.append(part)
    adjectives = list(demonyms)
    for d in adjectives:
        p = plural(d)
        if p and p not in demonyms:
            demonyms.append(p)
    capitals = [cap for cap in c.get("capital", []) if latin(cap)]
    status = (
        "observer state of the UN"
        if code in OBSERVERS
        else "partly recognised state"
        if code in PARTLY_RECOGNISED
        else "UN member state"
    )
    actor = Actor(
        {
            "id": ID_OF.get(code, code),
            "name": common,
            "kind": "country",
            "names": names,
            "demonyms": demonyms,
            "capitals": capitals,
            "variants": variants,
        },
        f"{WORLD_COUNTRIES} ({status})",
    )
    actor.adjectives = adjectives
    return actor


def read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        fail(f"{path.name}: {e}")
    return {}


def office_phrases(state: Actor, titles: list[str]) -> list[str]:
    """Role phrases for an office of `state`: adjective + title, possessive, "of"."""
    entry = state.entry
    adjectives = list(getattr(state, "adjectives", [])) or [
        alias_text(d) for d in entry["demonyms"][:1]
    ]
    abbreviations = [
        alias_text(v)
        for v in entry["variants"]
        if re.fullmatch(r"(?:[A-Z]\.?){2,4}", alias_text(v))
    ]
    places = [entry["name"]] + [
        alias_text(n) for n in entry["names"] if " " not in alias_text(n)
    ]
    phrases: list[str] = []
    for title in titles:
        title = title.strip()
        for adjective in adjectives + abbreviations:
            phrases.append(f"{adjective} {title}")
        for place in dict.fromkeys(places):
            # "the United States", "the Netherlands", "the Czech Republic".
            the = re.match(r"(United |Czech |Dominican |Central African )", place) or re.search(
                r"(s|Republic|Islands|Emirates)$", place
            )
            if the:
                phrases.append(f"{title} of the {place}")
            else:
                phrases.append(f"{place}'s {title}")
                phrases.append(f"{title} of {place}")
    return list(dict.fromkeys(phrases))


def date_of(value, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        fail(f"{where}: {value!r} is not a date such as 2004-03-09")
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--countries", type=Path, help="countries.json of world-countries")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--people",
        default="people*.toml,ministers*.toml,heads*.toml",
        help="which people files to merge (patterns, comma-separated)",
    )
    parser.add_argument(
        "--archigos", type=Path, help="arch_annual.txt of Archigos 4.1 (else fetched)"
    )
    parser.add_argument(
        "--cow", type=Path, help="states2016.csv of the Correlates of War (else fetched)"
    )
    parser.add_argument(
        "--words",
        type=Path,
        default=Path("/usr/share/dict/words"),
        help="an English word list (Debian package wamerican): a leader's surname that "
        "is a common word counts only beside the full name",
    )
    args = parser.parse_args()
    if not args.words.exists():
        fail(f"{args.words} not found: install the word list (apt-get install wamerican)")
    common_words = {
        w.strip() for w in args.words.read_text(encoding="utf-8").splitlines() if w.islower()
    }
    archigos = (
        leaders.checked(args.archigos.read_bytes(), leaders.ARCHIGOS_SHA256, "arch_annual.txt")
        if args.archigos
        else leaders.fetch(leaders.ARCHIGOS_URL, leaders.ARCHIGOS_SHA256)
    )
    cow = (
        leaders.checked(args.cow.read_bytes(), leaders.COW_SHA256, "states2016.csv")
        if args.cow
        else leaders.fetch(leaders.COW_URL, leaders.COW_SHA256)
    )

    countries = (
        json.loads(args.countries.read_text(encoding="utf-8"))
        if args.countries
        else fetch_countries()
    )
    states: dict[str, Actor] = {}
    for c in sorted(countries, key=lambda c: c["name"]["common"]):
        if c.get("unMember") or c["cca3"] in OBSERVERS | PARTLY_RECOGNISED:
            state = state_from_package(c)
            states[state.id] = state

    for sid, day in leaders.entered(cow).items():
        if sid in states:
            states[sid].entry["from"] = day
    curated = read_toml(HERE / "curated.toml")
    people = [
        (p.name, read_toml(p))
        for pattern in args.people.split(",")
        for p in sorted(HERE.glob(pattern.strip()))
    ]

    for extra in curated.get("state", []):
        sid = extra.get("id")
        if sid not in states:
            fail(f"curated.toml: [[state]] id {sid!r} is not a state of {WORLD_COUNTRIES}")
        state = states[sid]
        for text in extra.get("drop", []):
            state.drop(text)
        if "name" in extra:
            state.entry["name"] = extra["name"]
        for cls in CLASSES:
            for alias in extra.get(cls, []):
                state.add(cls, alias, claimed=True)
        if "adjectives" in extra:
            state.adjectives = extra["adjectives"]
        if extra.get("exclude"):
            state.entry["exclude"] = extra["exclude"]
        if extra.get("case"):
            state.entry["case"] = extra["case"]

    others: list[Actor] = []
    for source, data in [("curated.toml", curated), *people]:
        for entry in data.get("actor", []):
            actor = Actor(entry, source)
            actor.claimed = actor.aliases()
            if "adjectives" in actor.entry:
                actor.adjectives = actor.entry.pop("adjectives")
            others.append(actor)
    # States of the past and other state-like entities hold offices too.
    office_states = dict(states)
    for actor in others:
        if actor.entry["kind"] == "country":
            office_states[actor.id] = actor
    generated = add_leaders(others, office_states, archigos, common_words)
    attach_offices(others, people)

    # Titles that name an office without its state ("treasury secretary") hold for
    # every holder of that office, whichever file gave them.
    alone_of: dict[tuple[str, str], list[str]] = {}
    for actor in others:
        for office in actor.entry.get("offices", []):
            alone = as_list(office.get("alone", []))
            titles = as_list(office.get("title"))
            for title in titles:
                known = alone_of.setdefault((office.get("of"), title.lower()), [])
                known.extend(a for a in alone if a not in known)
    for actor in others:
        for office in actor.entry.get("offices", []):
            titles = as_list(office.get("title"))
            alone = as_list(office.get("alone", []))
            for title in titles:
                alone += [a for a in alone_of.get((office.get("of"), title.lower()), []) if a not in alone]
            if alone:
                office["alone"] = alone

    # Offices into role phrases.
    holders: dict[tuple[str, str], list[tuple[dt.date | None, dt.date | None, str]]] = {}
    for actor in others:
        offices = actor.entry.pop("offices", [])
        roles = actor.entry.setdefault("roles", [])
        for office in offices:
            where = f"{actor.origin}, {actor.id}"
            of = office.get("of")
            if of not in office_states:
                fail(f"{where}: office of {of!r}, which is not a state id")
            titles = as_list(office.get("title"))
            if not titles:
                fail(f"{where}: an office without a title")
            start = date_of(office.get("from"), where)
            end = date_of(office.get("to"), where)
            if start and end and end < start:
                fail(f"{where}: office ends ({end}) before it starts ({start})")
            alone = as_list(office.get("alone", []))
            phrases = office_phrases(office_states[of], titles) + [a.strip() for a in alone]
            role = {"phrases": list(dict.fromkeys(phrases))}
            if office.get("generated"):
                role["_generated"] = True
            if start:
                role["from"] = start
            if end:
                role["to"] = end
            roles.append(role)
            for title in titles + alone:
                holders.setdefault((of, title.lower()), []).append((start, end, actor.id))
        if not roles:
            actor.entry.pop("roles")

    problems = []
    for (of, title), spans in sorted(holders.items()):
        spans.sort(key=lambda s: s[0] or dt.date.min)
        for (a_from, a_to, a), (b_from, b_to, b) in zip(spans, spans[1:]):
            if a == b:
                continue
            a_end = a_to or dt.date.max
            if b_from is None or b_from < a_end:
                problems.append(
                    f"{title} of {of}: {a} (to {a_to or 'now'}) and {b} (from {b_from}) overlap"
                )
    if problems:
        fail("offices overlap:\n  " + "\n  ".join(problems))
    drop_shadowed_phrases(others, generated)

    actors = list(states.values()) + others
    for actor in others:
        if actor.entry["kind"] == "person":
            press_forms(actor)
    for actor in actors:
        actor.dedupe_classes()
    # An alias claimed by several actors: the curated claim wins, else nobody has it.
    owners: dict[str, list[Actor]] = {}
    for actor in actors:
        for alias in actor.aliases():
            owners.setdefault(alias, []).append(actor)
    shared = 0
    for alias, claimants in sorted(owners.items()):
        if len(claimants) < 2:
            continue
        # People may share a name: NewsLens tells them apart by the article's date.
        if all(a.entry["kind"] == "person" for a in claimants):
            shared += 1
            continue
        # A name bounded in time ("Moscow" for the Soviet Union until 1991) shares
        # its words with the actor of the other dates: one timeless claim at most, and
        # the dated ones on days of their own.
        spans = [a.span(alias) for a in claimants]
        dated = [sp for sp in spans if sp != (None, None)]
        apart = all(
            (a[1] is not None and b[0] is not None and a[1] < b[0])
            or (b[1] is not None and a[0] is not None and b[1] < a[0])
            for i, a in enumerate(dated)
            for b in dated[i + 1 :]
        )
        if len(dated) >= len(claimants) - 1 and apart:
            continue
        # A person's surname yields to a state, a place or an organisation ("Colombo").
        others_than_people = [a for a in claimants if a.entry["kind"] != "person"]
        if others_than_people and len(others_than_people) < len(claimants):
            for actor in claimants:
                if actor.entry["kind"] == "person":
                    actor.drop(alias)
            claimants = others_than_people
            if len(claimants) < 2:
                continue
        keep = [a for a in claimants if alias in a.claimed]
        if len(keep) > 1:
            fail(
                f"{alias!r} is claimed by {', '.join(a.id for a in keep)} in the curated files"
            )
        for actor in claimants:
            if actor not in keep:
                actor.drop(alias)
        print(
            f"generate.py: {alias!r} is claimed by {', '.join(a.id for a in claimants)}: "
            + (f"kept for {keep[0].id}" if keep else "dropped from all"),
            file=sys.stderr,
        )

    print(f"generate.py: {shared} names shared by several people", file=sys.stderr)
    usage = (HERE / "usage.toml").read_text(encoding="utf-8")
    read_toml(HERE / "usage.toml")  # fails here, not in NewsLens, when it is not TOML
    args.out.write_text(render(states, others) + render_usage(usage), encoding="utf-8")
    kinds: dict[str, int] = {}
    for actor in actors:
        kinds[actor.entry["kind"]] = kinds.get(actor.entry["kind"], 0) + 1
    print(
        f"generate.py: wrote {args.out} with "
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
        file=sys.stderr,
    )


def add_leaders(
    others: list[Actor], office_states: dict[str, Actor], archigos: str, common_words: set[str]
) -> int:
    """Adds Archigos's effective leaders since 1945 (see leaders.py): an office "leader"
    (and the state's own title) for each spell, on the curated person of that name when
    there is one, else on a new person. A spell that overlaps a curated holder of the
    same office ends where the curated one starts. Returns the number of offices."""
    names = leaders.read_names(HERE / "archigos-names.tsv")
    people = {}
    for actor in others:
        if actor.entry["kind"] != "person":
            continue
        for cls in ("names", "variants"):
            for alias in actor.entry[cls]:
                people.setdefault(leaders.key(alias_text(alias)), actor)
    # Curated holders of each office: (state, title) -> [(from, to, id)].
    curated: dict[tuple[str, str], list] = {}
    for actor in others:
        for office in actor.entry.get("offices", []):
            titles = as_list(office.get("title"))
            for title in titles:
                curated.setdefault((office.get("of"), title.lower()), []).append(
                    (date_of(office.get("from"), actor.id), date_of(office.get("to"), actor.id), actor.id)
                )
    ids = {a.id for a in others}
    made: dict[tuple, Actor] = {}
    missing: list[str] = []
    count = 0
    last_end: dict[str, dt.date] = {}
    for spell in leaders.spells(archigos):
        state = spell["state"]
        if state not in office_states:
            continue
        curated_name = spell["leadid"] in names
        name, surname, also = names.get(spell["leadid"], ("", "", []))
        if not spell["uri"] and not name:
            missing.append(f"{spell['leader']} ({state} {spell['start']})")
        name = name or leaders.dbpedia_name(spell["uri"]) or spell["leader"]
        if not name or name.lower() in {"executive council", "military junta"}:
            continue
        person = (spell["leadid"], spell["ccode"])
        actor = made.get(person) or people.get(leaders.key(name))
        if actor is None:
            person_id = leaders.slug(name)
            if person_id in ids:
                person_id = f"{person_id}-{state.lower()}"
            # A curated line says which single word names the leader alone, if any.
            alone = surname if curated_name else leaders.surname_of(name, spell["leader"])
            aliases, variants = leaders.name_aliases(name, alone, common_words)
            aliases += [a for a in also if a not in aliases]
            actor = Actor(
                {"id": person_id, "name": name, "kind": "person", "names": aliases,
                 "variants": variants},
                "Archigos 4.1",
            )
            others.append(actor)
            ids.add(person_id)
            people[leaders.key(name)] = actor
        made[person] = actor
        start, end = spell["start"], spell["end"]
        # Archigos ends on 2015-12-31: a leader still in office then is known to hold
        # the office until that day, no later (later days come from the curated files).
        # A spell that starts before the previous one of the state ended.
        previous = last_end.get(state)
        if previous and start < previous:
            start = previous
        titles = ["leader"]
        since, own = leaders.TITLES.get(state, (None, []))
        if since and start >= since:
            titles += own
        for title in titles:
            for c_from, c_to, holder in curated.get((state, title.lower()), []):
                if holder == actor.id:
                    continue
                if (c_to is None or start < c_to) and (end is None or c_from is None or c_from < end):
                    if c_from is None or start >= c_from:
                        start = None
                        break
                    end = c_from
            if start is None:
                break
        if start is None:
            continue
        last_end[state] = end or dt.date.max
        office = {"title": titles, "of": state, "from": start, "generated": True}
        if end:
            office["to"] = end
        actor.entry.setdefault("offices", []).append(office)
        count += 1
    if missing:
        print(
            f"generate.py: {len(missing)} leaders without a full name: " + ", ".join(missing),
            file=sys.stderr,
        )
    return count


# Particles of Arabic and other names that the press writes in either case
# ("Jaber al-Ahmad al-Sabah", "Jaber Al-Ahmad Al-Sabah"): an alias with them in small
# letters matches both, as a small letter of an alias matches either case.
PARTICLES = re.compile(r"(?<=\s)(Al-|El-|Ul-|Bin |Ibn |Ould |Bint )")
ROMAN = re.compile(r"\s+(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")
MONARCHS = ("king", "queen", "emperor", "emir", "sultan", "shah", "grand duke")


def press_forms(actor: Actor) -> None:
    """A person's names as the press also writes them: particles in small letters, and
    a monarch's regnal name with the title and without the number ("King Juan Carlos"
    for Juan Carlos I)."""
    for cls in ("names", "variants"):
        actor.entry[cls] = [
            PARTICLES.sub(lambda m: m.group(1).lower(), a) if isinstance(a, str) else a
            for a in actor.entry[cls]
        ]
    phrases = " ".join(
        p.lower() for role in actor.entry.get("roles", []) for p in role["phrases"]
    )
    titles = [t for t in MONARCHS if re.search(rf"\b{t}\b", phrases)]
    name = actor.entry["name"]
    if titles and ROMAN.search(name):
        bare = ROMAN.sub("", name)
        for title in titles[:1]:
            actor.add("names", f"{title.title()} {bare}", claimed=False)


def attach_offices(others: list[Actor], people: list[tuple[str, dict]]) -> None:
    """Adds the [[office]] and [[role]] tables of the people files to the actor their
    `holder` names: an id, or a person's name (a leader from Archigos, for example)."""
    by_id = {a.id: a for a in others}
    by_name: dict[str, Actor] = {}
    for actor in others:
        if actor.entry["kind"] == "person":
            for cls in ("names", "variants"):
                for alias in actor.entry[cls]:
                    by_name.setdefault(leaders.key(alias_text(alias)), actor)
    for source, data in people:
        for table, field in (("office", "offices"), ("role", "roles")):
            for entry in data.get(table, []):
                named = entry.get("holder", "")
                holder = by_id.get(named) or by_name.get(leaders.key(named))
                if holder is None:
                    fail(f"{source}: [[{table}]] for {named!r}, who is not an actor")
                holder.entry.setdefault(field, []).append(
                    {k: v for k, v in entry.items() if k != "holder"}
                )


def drop_shadowed_phrases(others: list[Actor], generated: int) -> None:
    """Leaves out of the generated offices the titles another office holds at the same
    time: a curated one ("Russian leader"), or one of another state whose adjective is
    the same ("Congolese leader" of both Congos)."""
    spans: dict[str, list] = {}
    for actor in others:
        for role in actor.entry.get("roles", []):
            for phrase in role["phrases"]:
                spans.setdefault(fold(phrase), []).append(
                    (role.get("from") or dt.date.min, role.get("to") or dt.date.max, actor.id)
                )
    dropped = 0
    for actor in others:
        for role in actor.entry.get("roles", []):
            if not role.pop("_generated", False):
                continue
            start, end = role.get("from") or dt.date.min, role.get("to") or dt.date.max
            kept = []
            for phrase in role["phrases"]:
                clash = any(
                    holder != actor.id and a < end and start < b
                    for a, b, holder in spans.get(fold(phrase), [])
                )
                if clash:
                    dropped += 1
                else:
                    kept.append(phrase)
            role["phrases"] = kept
    print(
        f"generate.py: {generated} offices from Archigos; {dropped} of their titles "
        "left to curated holders",
        file=sys.stderr,
    )


def toml_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def toml_value(value) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return str(value)


FIELD_ORDER = ["id", "name", "kind", "from", "to", "successor", "case", *CLASSES, "exclude"]


def render_actor(actor: Actor) -> str:
    e = actor.entry
    lines = ["[[actor]]"]
    for key in FIELD_ORDER + [k for k in e if k not in FIELD_ORDER and k != "roles"]:
        if key in e and e[key] not in ([], None, ""):
            lines.append(f"{key} = {toml_value(e[key])}")
    for role in e.get("roles", []):
        lines.append("[[actor.roles]]")
        for key, value in role.items():
            lines.append(f"{key} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


HEADER = """\
# NewsLens default actor dictionary. GENERATED by assets/dictionary/generate.py from
# the world-countries package ({package}; data under the Open Database License 1.0)
# and the hand-curated assets/dictionary/curated.toml and people*.toml. Edit those and
# run the script again; do not edit this file by hand.
#
# One [[actor]] table per actor:
#   id        stable identifier (ISO 3166 alpha-3 for states, a slug otherwise)
#   name      display name
#   kind      country | person | organization | group | place
#   case      smart (default) | exact | any — how letter case is compared:
#             smart: every capital of the alias must be a capital in the text
#             ("US" never matches "us"; "Armenia" matches "ARMENIA")
#   names, demonyms, capitals, variants
#             aliases by class; each is a string or a table
#             {{ text = "…", case = "exact", context = […], unless = […] }}:
#             context: the alias counts only in an article that also has one of
#             these words; unless: it does not count in a sentence that has one
#   exclude   phrases inside which an alias is not a mention ("Rome Statute")
#   [[actor.roles]]
#             phrases = titles of an office, from/to = dates the actor held it;
#             a title mentions the holder on the article's date, and a title directly
#             followed by the holder's name is one mention of that person.
"""


def render(states: dict[str, Actor], others: list[Actor]) -> str:
    out = [HEADER.format(package=WORLD_COUNTRIES)]
    out.append("\n# ───────────────────────────── States ─────────────────────────────\n")
    for state in states.values():
        out.append(f"\n# {state.origin}\n")
        out.append(render_actor(state))
    section = None
    titles = {
        "country": "Other states and entities",
        "place": "Places and regions",
        "group": "Groups",
        "organization": "Organisations, alliances, courts",
        "person": "People",
    }
    for actor in others:
        kind = actor.entry["kind"]
        if titles.get(kind) != section:
            section = titles.get(kind)
            out.append(f"\n# ───────────── {section} ─────────────\n")
        out.append("\n" + render_actor(actor))
    return "".join(out)


def render_usage(usage: str) -> str:
    """The usage rules of usage.toml, without its header comment."""
    body = usage[usage.index("\n[[usage]]") + 1 :] if "\n[[usage]]" in usage else ""
    return (
        "\n# ───────────── Usages (from assets/dictionary/usage.toml) ─────────────\n"
        "# What the words of a mention do: see that file for the fields.\n\n" + body
    )


if __name__ == "__main__":
    main()
