"""Effective national leaders since 1945 from Archigos 4.1, for generate.py.

Archigos (Goemans, Gleditsch and Chiozza: "Introducing Archigos: A Dataset of Political
Leaders", Journal of Peace Research 46(2), 2009; version 4.1, 2016) lists, for every
independent state of the Gleditsch–Ward list, the person who effectively ruled it, with
the first and last day. It is read here as redistributed in the globalgov/manystates
repository (CC BY 4.0), file data-raw/leaders/archigos/arch_annual.txt at a pinned
commit (ARCHIGOS_URL, checked against ARCHIGOS_SHA256). Archigos ends on 2015-12-31.

Each leader becomes a person with an office "leader" of the state they ruled (and the
state's own title where one office has ruled it throughout, e.g. the US president), so
that "the Soviet leader" on a date names the holder then and two people sharing a name
are told apart by the offices they held. Spells of a state that changed are split at
the change (the Soviet Union until 1991-12-25, Russia after; West Germany until
1990-10-02, Germany after).

Names: Archigos gives a full name only for about 40% of leaders (through a DBpedia
address); archigos-names.tsv beside this script gives the full name and the surname the
press uses alone for the others, curated by hand from public records.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
import urllib.parse
import urllib.request
from pathlib import Path

MANYSTATES_COMMIT = "23d119a10b997c2d5ddbd6a665dc816146c20db7"
ARCHIGOS_URL = (
    "https://raw.githubusercontent.com/globalgov/manystates/"
    f"{MANYSTATES_COMMIT}/data-raw/leaders/archigos/arch_annual.txt"
)
ARCHIGOS_SHA256 = "efb7ef65a9ea1300b1eeb7e3741f2a715a50a70e032b12ed294cf3b6838d7540"
# The Correlates of War list of state system members (v2016), same repository: the day
# a state of today entered the system of states (its independence, for most).
COW_URL = (
    "https://raw.githubusercontent.com/globalgov/manystates/"
    f"{MANYSTATES_COMMIT}/data-raw/states/COW/states2016.csv"
)
COW_SHA256 = "21822fe1ef67aedf2e64ebe9746e2b875c6175c8ce599750bc0e77e4ce393167"
SINCE = dt.date(1945, 1, 1)

# Correlates of War / Gleditsch–Ward state numbers to the ids of NewsLens.
COW_TO_ID = {
    2: "USA", 20: "CAN", 31: "BHS", 40: "CUB", 41: "HTI", 42: "DOM", 51: "JAM", 52: "TTO",
    53: "BRB", 54: "DMA", 55: "GRD", 56: "LCA", 57: "VCT", 58: "ATG", 60: "KNA", 70: "MEX",
    80: "BLZ", 90: "GTM", 91: "HND", 92: "SLV", 93: "NIC", 94: "CRI", 95: "PAN",
    100: "COL", 101: "VEN", 110: "GUY", 115: "SUR", 130: "ECU", 135: "PER", 140: "BRA",
    145: "BOL", 150: "PRY", 155: "CHL", 160: "ARG", 165: "URY", 200: "GBR", 205: "IRL",
    210: "NLD", 211: "BEL", 212: "LUX", 220: "FRA", 221: "MCO", 223: "LIE", 225: "CHE",
    230: "ESP", 232: "AND", 235: "PRT", 255: "DEU", 290: "POL", 305: "AUT", 310: "HUN",
    316: "CZE", 317: "SVK", 325: "ITA", 331: "SMR", 338: "MLT", 339: "ALB", 340: "SRB",
    341: "MNE", 343: "MKD", 344: "HRV", 346: "BIH", 347: "UNK", 349: "SVN", 350: "GRC",
    352: "CYP", 355: "BGR", 359: "MDA", 360: "ROU", 365: "RUS", 366: "EST", 367: "LVA",
    368: "LTU", 369: "UKR", 370: "BLR", 371: "ARM", 372: "GEO", 373: "AZE", 375: "FIN",
    380: "SWE", 385: "NOR", 390: "DNK", 395: "ISL", 402: "CPV", 403: "STP", 404: "GNB",
    411: "GNQ", 420: "GMB", 432: "MLI", 433: "SEN", 434: "BEN", 435: "MRT", 436: "NER",
    437: "CIV", 438: "GIN", 439: "BFA", 450: "LBR", 451: "SLE", 452: "GHA", 461: "TGO",
    471: "CMR", 475: "NGA", 481: "GAB", 482: "CAF", 483: "TCD", 484: "COG", 490: "COD",
    500: "UGA", 501: "KEN", 510: "TZA", 516: "BDI", 517: "RWA", 520: "SOM", 522: "DJI",
    530: "ETH", 531: "ERI", 540: "AGO", 541: "MOZ", 551: "ZMB", 552: "ZWE", 553: "MWI",
    560: "ZAF", 565: "NAM", 570: "LSO", 571: "BWA", 572: "SWZ", 580: "MDG", 581: "COM",
    590: "MUS", 591: "SYC", 600: "MAR", 615: "DZA", 616: "TUN", 620: "LBY", 625: "SDN",
    626: "SSD", 630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY", 652: "SYR", 660: "LBN",
    663: "JOR", 666: "ISR", 670: "SAU", 679: "YEM", 690: "KWT", 692: "BHR", 694: "QAT",
    696: "ARE", 698: "OMN", 700: "AFG", 701: "TKM", 702: "TJK", 703: "KGZ", 704: "UZB",
    705: "KAZ", 710: "CHN", 712: "MNG", 713: "TWN", 731: "PRK", 732: "KOR", 740: "JPN",
    750: "IND", 760: "BTN", 770: "PAK", 771: "BGD", 775: "MMR", 780: "LKA", 781: "MDV",
    790: "NPL", 800: "THA", 811: "KHM", 812: "LAO", 816: "VNM", 820: "MYS", 830: "SGP",
    835: "BRN", 840: "PHL", 850: "IDN", 860: "TLS", 900: "AUS", 910: "PNG", 920: "NZL",
    935: "VUT", 940: "SLB", 946: "KIR", 947: "TUV", 950: "FJI", 955: "TON", 970: "NRU",
    983: "MHL", 986: "PLW", 987: "FSM", 990: "WSM",
}
# States whose number covers several states of NewsLens: (last day, id), in order; the
# last entry has no end.
SPLIT = {
    260: [(dt.date(1990, 10, 2), "FRG"), (None, "DEU")],
    265: [(None, "DDR")],
    315: [(dt.date(1992, 12, 31), "CSK"), (None, "CZE")],
    345: [(dt.date(1992, 4, 27), "YUG"), (dt.date(2006, 6, 4), "SCG"), (None, "SRB")],
    365: [(dt.date(1991, 12, 25), "SUN"), (None, "RUS")],
    552: [(dt.date(1980, 4, 17), "RHO"), (None, "ZWE")],
    678: [(dt.date(1990, 5, 21), "YAR"), (None, "YEM")],
    680: [(None, "YMD")],
    817: [(None, "RVN")],
}
# A state's own title for its effective leader, from a date, where one office has
# ruled it since then.
TITLES = {
    "USA": (dt.date(1945, 1, 1), ["president"]),
    "FRA": (dt.date(1959, 1, 8), ["president"]),
    "GBR": (dt.date(1945, 1, 1), ["prime minister", "PM"]),
    "CAN": (dt.date(1945, 1, 1), ["prime minister", "PM"]),
    "AUS": (dt.date(1945, 1, 1), ["prime minister", "PM"]),
    "NZL": (dt.date(1945, 1, 1), ["prime minister", "PM"]),
    "JPN": (dt.date(1947, 5, 3), ["prime minister", "premier"]),
    "ITA": (dt.date(1946, 7, 13), ["prime minister", "premier"]),
    "IND": (dt.date(1947, 8, 15), ["prime minister"]),
    "ISR": (dt.date(1948, 5, 14), ["prime minister"]),
    "FRG": (dt.date(1949, 9, 15), ["chancellor"]),
    "DEU": (dt.date(1990, 10, 3), ["chancellor"]),
}
# Surnames too common to stand alone for one leader.
COMMON_NAMES = {
    "ali", "khan", "kim", "lee", "li", "park", "singh", "shah", "ahmed", "ahmad",
    "hassan", "hasan", "mohammed", "muhammad", "mohamed", "said", "saleh", "ben",
    "abdullah", "rahman", "islam", "abdul", "ibrahim", "ismail", "omar", "umar",
    "nguyen", "tran", "wang", "zhang", "chen", "liu", "yang", "sharif", "hussain",
    "jones", "smith", "johnson", "williams", "brown", "taylor", "davies", "evans",
    "thomas", "martin", "garcia", "rodriguez", "gonzalez", "lopez", "perez",
    "sanchez", "fernandez", "diaz", "gomez", "silva", "santos", "pereira",
}


def fetch(url: str, sha256: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()
    return checked(data, sha256, url.rsplit("/", 1)[-1])


def checked(data: bytes, sha256: str, name: str) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise SystemExit(f"leaders.py: {name} has sha256 {digest}, expected {sha256}")
    return data.decode("latin-1")


def entered(cow: str) -> dict[str, dt.date]:
    """The day each state of today last entered the system of states, when after 1816
    (states split by SPLIT are dated in curated.toml)."""
    days: dict[str, dt.date] = {}
    for row in csv.DictReader(io.StringIO(cow)):
        code = int(row["ccode"])
        state = COW_TO_ID.get(code)
        if state is None or code in SPLIT:
            continue
        day = dt.date(int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
        if day > dt.date(1816, 1, 1) and (state not in days or day > days[state]):
            days[state] = day
    # Germany, the Czech Republic and Yemen as they are today.
    days.update(
        {"DEU": dt.date(1990, 10, 3), "CZE": dt.date(1993, 1, 1), "YEM": dt.date(1990, 5, 22)}
    )
    return days


def ascii_fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def key(text: str) -> str:
    """A name compared without case, accents, dots or spaces."""
    return "".join(c for c in ascii_fold(text).casefold() if c.isalnum())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def dbpedia_name(uri: str) -> str | None:
    if not uri.startswith("http"):
        return None
    name = urllib.parse.unquote(uri.rsplit("/", 1)[-1]).replace("_", " ")
    name = re.sub(r"\s*\([^)]*\)$", "", name).strip()
    return name or None


def spells(text: str) -> list[dict]:
    """Archigos spells ending on or after 1945-01-01, merged from its yearly rows and
    split where a state number covers several states."""
    merged: dict[str, dict] = {}
    uris: dict[tuple[str, str], str] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        start, end = date(row["startdate"]), date(row["enddate"])
        if not start or not end:
            continue
        spell = merged.setdefault(
            row["obsid"],
            {
                "leadid": row["leadid"],
                "ccode": int(row["ccode"]),
                "leader": row["leader"].strip(),
                "start": start,
                "end": end,
                "uri": "",
            },
        )
        spell["start"] = min(spell["start"], start)
        spell["end"] = max(spell["end"], end)
        # A leader id is not always one person: Archigos gives a few ids to leaders of
        # two states, so names are looked up by id and state.
        if row["dbpedia.uri"].startswith("http"):
            uris[(row["leadid"], row["ccode"])] = row["dbpedia.uri"]
    out = []
    for spell in merged.values():
        spell["uri"] = uris.get((spell["leadid"], str(spell["ccode"])), "")
    for spell in merged.values():
        if spell["end"] < SINCE:
            continue
        parts = SPLIT.get(spell["ccode"])
        if parts is None:
            state = COW_TO_ID.get(spell["ccode"])
            if state:
                out.append({**spell, "state": state})
            continue
        first = dt.date.min
        for last, state in parts:
            start = max(spell["start"], first)
            end = min(spell["end"], last or dt.date.max)
            if start <= end:
                out.append({**spell, "state": state, "start": start, "end": end})
            if last:
                first = last + dt.timedelta(days=1)
    out.sort(key=lambda s: (s["state"], s["start"]))
    return out


def read_names(path: Path) -> dict[str, tuple[str, str, list[str]]]:
    """leadid -> (name, surname, other forms the press uses) from archigos-names.tsv."""
    names = {}
    if not path.exists():
        return names
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            also = [a.strip() for a in (row.get("also") or "").split(";") if a.strip()]
            names[row["leadid"]] = (row["name"].strip(), (row.get("surname") or "").strip(), also)
    return names


def surname_of(name: str, leader: str) -> str:
    """The one word the press uses alone for a leader archigos-names.tsv does not list:
    the last word of the full name when Archigos's own short name ends with it."""
    words = name.split()
    short = leader.split()
    # "Reagan" for Ronald Reagan; "A. Papandreou" for Andreas Papandreou.
    if len(words) > 1 and short and key(words[-1]) == key(short[-1]):
        return words[-1]
    return ""


def name_aliases(name: str, surname: str, common_words: set[str]) -> tuple[list, list]:
    """(names, variants) of a leader: the full name, without accents, and the surname
    alone when it says who is meant (a common word counts only beside the full name)."""
    names: list = [name]
    variants: list = []
    if ascii_fold(name) != name:
        variants.append(ascii_fold(name))
    bare = surname.strip()
    if " " in bare:
        # A short form of more than one word ("Mackenzie King") is a name of its own.
        names.append(bare)
    elif (
        bare
        and len(bare) >= 3
        and bare[0].isupper()
        and key(bare) not in COMMON_NAMES
        and key(bare) != key(name)
    ):
        forms = list(dict.fromkeys([bare, ascii_fold(bare), umlauts(bare)]))
        for form in forms:
            # A short everyday word ("Major", "Brown", "Heath") names the leader only
            # beside the full name; a long one ("Thatcher") is rare enough as a word.
            if form.lower() in common_words and len(form) <= 6:
                names.append({"text": form, "context": [n for n in [name, ascii_fold(name)]]})
            else:
                names.append(form)
    return names, list(dict.fromkeys(v for v in variants if v != name))


def umlauts(text: str) -> str:
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(a, b)
    return text
