"""A synthetic corpus of crime reports in English and Spanish, with the truth kept.

``generate_corpus(n, seed, lang_mix)`` composes police-style reports from sentence
templates (``data/templates.yml``) and small gazetteers (``data/world.yml``) over a fixed
world of criminal groups, factions, leaders, members, agencies and places. Every record
carries its truth in the evaluation format (entities with corpus-wide ``ref``, relations,
crimes, events with ``event_ref``, claims), so the same corpus serves speed benchmarks,
extraction scoring and resolution benchmarks. Some reports retell an earlier operation
(same ``event_ref``), and people are named by full name, surname or nickname in different
reports, as in real press coverage. Same seed, same corpus.

    python -m benchmarks.generate 500 --seed 7 --out corpus.jsonl [--gold-dir gold/]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
LANGS = ("en", "es")
DEFAULT_MIX: Mapping[str, float] = {"en": 0.5, "es": 0.5}
REPEAT_SHARE = 0.25  # share of reports that retell an operation already reported
FIRST_DAY = date(2022, 1, 1)
DAYS = 3 * 365

# Optional sentence kinds, in report order, with the chance each appears.
OPTIONAL = [
    ("leader", 0.75),
    ("leader_follow", 0.5),
    ("member", 0.55),
    ("member_follow", 0.3),
    ("seizure", 0.6),
    ("rescue", 0.3),
    ("crime", 0.8),
    ("claim", 0.35),
    ("background", 0.5),
    ("rival", 0.25),
    ("violent", 0.2),
    ("legal", 0.3),
    ("quote", 0.5),
]
PERSON_ROLES = {"leader": "criminal", "member": "criminal", "boss": "criminal", "official": "official"}
SLOT = re.compile(r"\{(\w+)\.(\w+)\}")


@cache
def _data(name: str) -> dict[str, Any]:
    with (DATA / name).open(encoding="utf-8") as fh:
        loaded: dict[str, Any] = yaml.safe_load(fh)
    return loaded


# -- the world -------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """One real-world entity of the synthetic world, with its names per language."""

    ref: str
    type: str
    subtype: str | None
    names: Mapping[str, str]  # language -> canonical name
    country: str | None = None
    acronym: str | None = None
    article: Mapping[str, str | None] = field(default_factory=dict)
    first: str = ""  # persons: given names, surnames and nickname
    surnames: tuple[str, str] = ("", "")
    nick: str = ""


@dataclass
class Faction:
    actor: Actor
    leader: Actor
    members: list[Actor]


@dataclass
class Group:
    actor: Actor
    boss: Actor
    base: Actor
    factions: list[Faction]


@dataclass
class World:
    groups: list[Group]
    agencies: dict[str, list[Actor]]  # country -> police agencies
    prosecutors: dict[str, Actor]
    officials: dict[str, list[Actor]]  # agency ref -> officials
    cities: dict[str, list[Actor]]
    countries: dict[str, Actor]
    prisons: dict[str, Actor]


def _slug(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


class _People:
    """Invents distinct people from the gazetteers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()
        self.nicks: dict[str, int] = {}

    def person(self, country: str | None) -> Actor:
        world = _data("world.yml")
        while True:
            first = self.rng.choice(world["first_names"])
            s1, s2 = self.rng.sample(world["surnames"], 2)
            full = f"{first} {s1} {s2}"
            if full not in self.taken:
                break
        self.taken.add(full)
        nick = self.rng.choice(world["nicknames"])
        return Actor(
            ref=f"person:{_slug(full)}",
            type="person",
            subtype=None,
            names={"en": full, "es": full},
            country=country,
            first=first,
            surnames=(s1, s2),
            nick=nick,
        )


def build_world(rng: random.Random, factions_per_group: int = 3, members_per_faction: int = 4) -> World:
    """The fixed cast: groups with factions, leaders and members; agencies; places."""
    data = _data("world.yml")
    people = _People(rng)
    countries: dict[str, Actor] = {}
    cities: dict[str, list[Actor]] = {}
    agencies: dict[str, list[Actor]] = {}
    prosecutors: dict[str, Actor] = {}
    officials: dict[str, list[Actor]] = {}
    prisons: dict[str, Actor] = {}
    for code, c in data["countries"].items():
        countries[code] = Actor(f"country:{code}", "location", "country", c["name"], code)
        cities[code] = [
            Actor(f"city:{_slug(n)}", "location", "city", {"en": n, "es": n}, code) for n in c["cities"]
        ]
        prison = c["prisons"][0]
        prisons[code] = Actor(f"prison:{prison['id']}", "location", "facility", prison, code)
        agencies[code] = []
        for a in c["agencies"]:
            actor = Actor(
                f"agency:{a['id']}",
                "organization",
                "agency",
                a,
                code,
                a.get("acronym"),
                a.get("article") or {},
            )
            if a["kind"] == "prosecutor":
                prosecutors[code] = actor
            else:
                agencies[code].append(actor)
            officials[actor.ref] = [people.person(None) for _ in range(2)]
    groups = []
    for g in data["groups"]:
        used_factions: set[str] = set()  # names repeat across groups, as real ones do
        code = g["country"]
        actor = Actor(
            f"group:{g['id']}", "organization", "criminal_group", {"en": g["name"], "es": g["name"]},
            code, g.get("acronym"), g.get("article") or {},
        )  # fmt: skip
        base = next((c for c in cities[code] if c.names["en"] == g["base"]), None)
        if base is None:
            base = Actor(
                f"city:{_slug(g['base'])}", "location", "city", {"en": g["base"], "es": g["base"]}, code
            )
            cities[code].append(base)
        factions = []
        for _ in range(factions_per_group):
            leader = people.person(None)
            names, article = _faction_name(rng, leader, used_factions)
            faction = Actor(
                f"faction:{g['id']}:{_slug(names['en'])}",
                "organization",
                "faction",
                names,
                None,
                None,
                article,
            )
            members = [people.person(None) for _ in range(members_per_faction)]
            factions.append(Faction(faction, leader, members))
        groups.append(Group(actor, people.person(None), base, factions))
    return World(groups, agencies, prosecutors, officials, cities, countries, prisons)


def _faction_name(
    rng: random.Random, leader: Actor, used: set[str]
) -> tuple[dict[str, str], dict[str, str | None]]:
    """A faction name not yet used in its group: a noun, or a pattern on the leader's surname."""
    data = _data("world.yml")
    names: dict[str, str]
    article: dict[str, str | None]
    for _ in range(20):
        if rng.random() < 0.4:
            noun = str(rng.choice(data["faction_nouns"]))
            names, article = {"en": noun, "es": noun}, {"en": None, "es": None}
        else:
            pattern = rng.choice(data["faction_patterns"])
            names = {lang: pattern[lang][0].format(surname=leader.surnames[0]) for lang in LANGS}
            article = {lang: pattern[lang][1] for lang in LANGS}
        if names["en"] not in used:
            used.add(names["en"])
            return names, article
    while True:
        s1, s2 = rng.sample(data["surnames"], 2)
        name = f"Los {s1} {s2}"
        if name not in used:
            used.add(name)
            return {lang: name for lang in LANGS}, {"en": None, "es": None}


# -- one real-world operation ------------------------------------------------


@dataclass
class Story:
    """The facts of one operation that one or more reports tell."""

    event_ref: str
    country: str
    group: Group
    faction: Faction
    rival: Group
    agency: Actor
    official: Actor
    city: Actor
    city2: Actor
    day: date
    violent_month: date
    arrested: int
    rescued: int
    killed: int
    members: int
    crime: str
    seized: list[str]
    member: Actor


def new_story(rng: random.Random, world: World, number: int) -> Story:
    group = rng.choice(world.groups)
    country = rng.choice([group.actor.country or "VE", *world.cities])
    city, city2 = rng.sample(world.cities[country], 2)
    agency = rng.choice(world.agencies[country])
    faction = rng.choice(group.factions)
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    seized_all = list(_data("world.yml")["seized"])
    return Story(
        event_ref=f"op-{number:06d}",
        country=country,
        group=group,
        faction=faction,
        rival=rng.choice([g for g in world.groups if g is not group]),
        agency=agency,
        official=rng.choice(world.officials[agency.ref]),
        city=city,
        city2=city2,
        day=day,
        violent_month=day - timedelta(days=rng.randrange(30, 120)),
        arrested=rng.choice([rng.randrange(2, 13), rng.randrange(13, 60)]),
        rescued=rng.randrange(2, 25),
        killed=rng.randrange(2, 9),
        members=rng.choice([500, 800, 1200, 2000, 2700, 3500, 5000]),
        crime=rng.choice(list(_data("world.yml")["crimes"])),
        seized=rng.sample(seized_all, rng.randrange(1, 4)),
        member=rng.choice(faction.members),
    )


# -- one report ----------------------------------------------------------------


@dataclass
class Record:
    """One synthetic report: its text and the truth it states (evaluation format)."""

    id: str
    lang: str
    published: str
    text: str
    truth: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """A gold document (``doc_id``, ``text``, truth) that is also an extract input (``id``)."""
        return {"id": self.id, "doc_id": self.id, "lang": self.lang, "published": self.published,
                "text": self.text, **self.truth}  # fmt: skip


class _Report:
    """Composes one report and records which entity every name in it belongs to."""

    def __init__(self, rng: random.Random, world: World, story: Story, lang: str, published: date) -> None:
        self.rng, self.world, self.story, self.lang, self.published = rng, world, story, lang, published
        self.entities: dict[str, dict[str, Any]] = {}  # ref -> gold entity
        self.roles_named: set[str] = set()
        self.relations: set[tuple[str, str, str]] = set()
        self.crimes: set[tuple[str, str]] = set()
        self.claims: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.operation: dict[str, Any] = {}
        self.operation_counts: dict[str, int] = {}

    def actor(self, role: str) -> Actor:
        s, w = self.story, self.world
        actors = {
            "agency": s.agency, "prosecutors": w.prosecutors[s.country], "group": s.group.actor,
            "faction": s.faction.actor, "rival": s.rival.actor, "leader": s.faction.leader,
            "member": s.member, "boss": s.group.boss, "official": s.official, "city": s.city,
            "city2": s.city2, "base": s.group.base, "country": w.countries[s.country],
            "prison": w.prisons[s.country],
        }  # fmt: skip
        return actors[role]

    def entity_id(self, role: str) -> str:
        return self._entity(self.actor(role), role)["id"]

    def _entity(self, actor: Actor, role: str) -> dict[str, Any]:
        ent = self.entities.get(actor.ref)
        if ent is None:
            ent = {"id": f"e{len(self.entities) + 1}", "ref": actor.ref, "type": actor.type,
                   "subtype": actor.subtype, "names": [], "aliases": [], "country": actor.country}  # fmt: skip
            if actor.type == "person":
                ent["role"] = PERSON_ROLES.get(role, "other")
            self.entities[actor.ref] = ent
        return ent

    def name(self, role: str, form: str) -> str:
        """Fill one slot and keep the name it uses as a name of its entity."""
        actor = self.actor(role)
        article, part = _split_form(form)
        ent = self._entity(actor, role)
        self.roles_named.add(role)
        names = self._names(actor, part)
        for n in names:
            if n not in ent["names"]:
                ent["names"].append(n)
        if part == "nick" or (part in ("acr", "name_acr") and actor.acronym):
            alias = actor.nick if part == "nick" else actor.acronym
            if alias not in ent["aliases"]:
                ent["aliases"].append(alias)
        text = names[0] if part != "name_acr" or len(names) == 1 else f"{names[0]} ({names[1]})"
        return self._with_article(actor, article, text)

    def _names(self, actor: Actor, part: str) -> list[str]:
        canonical = actor.names[self.lang]
        if actor.type == "person":
            s1, s2 = actor.surnames
            return [{"full": canonical, "short": f"{s1} {s2}", "surname": s1, "nick": actor.nick}[part]]
        if part == "acr" and actor.acronym:
            return [actor.acronym]
        if part == "name_acr" and actor.acronym:
            return [canonical, actor.acronym]
        return [canonical]

    def _with_article(self, actor: Actor, article: str, text: str) -> str:
        if not article:
            return text
        own = actor.article.get(self.lang)
        word = {
            "the": own or "", "el": own or "",
            "de": {"el": "del", "la": "de la"}.get(own or "", "de"),
            "a": {"el": "al", "la": "a la"}.get(own or "", "a"),
        }[article.lower()]  # fmt: skip
        phrase = f"{word} {text}" if word else text
        return phrase[0].upper() + phrase[1:] if article[0].isupper() else phrase

    # -- the slots that are not names -----------------------------------

    def number(self, what: str) -> str:
        value = getattr(self.story, what)
        self.operation_counts[what] = value
        words = _data("world.yml")["number_words"][self.lang]
        if value in words and self.rng.random() < 0.6:
            return str(words[value])
        digits = f"{value:,}"
        return digits if self.lang == "en" else digits.replace(",", ".")

    def date_text(self, form: str) -> str:
        months = _data("world.yml")["months"][self.lang]
        if form == "month":
            d = self.story.violent_month
            return (
                f"{months[d.month - 1]} {d.year}"
                if self.lang == "en"
                else f"{months[d.month - 1]} de {d.year}"
            )
        d = self.story.day
        month = months[d.month - 1]
        same_year = d.year == self.published.year
        if self.lang == "en":
            options = [f"on {d.day} {month} {d.year}", f"on {month} {d.day}, {d.year}"]
            if same_year:
                options.append(f"on {month} {d.day}")
        else:
            options = [f"el {d.day} de {month} de {d.year}"]
            if same_year:
                options.append(f"el pasado {d.day} de {month}")
        return self.rng.choice(options)

    def phrase(self, kind: str) -> str:
        data = _data("world.yml")
        if kind == "crime":
            return str(self.rng.choice(data["crimes"][self.story.crime][self.lang]))
        items = [self.rng.choice(data["seized"][c][self.lang]) for c in self.story.seized]
        self.operation["seized"] = list(self.story.seized)
        joiner = " and " if self.lang == "en" else " y "
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + joiner + items[-1]

    def fill(self, template: str) -> str:
        def slot(m: re.Match[str]) -> str:
            role, form = m.group(1), m.group(2)
            if role == "n":
                return self.number(form)
            if role == "date":
                return self.date_text(form)
            if role in ("crime", "seized"):
                return self.phrase(role)
            return self.name(role, form)

        text = SLOT.sub(slot, template)
        if self.lang == "es":
            text = re.sub(r"\b([Dd]e) el\b", r"\1l", re.sub(r"\b([Aa]) el\b", r"\1l", text))
        return text


_ARTICLE_FORMS = {"the", "The", "el", "El", "de", "a"}


def _split_form(form: str) -> tuple[str, str]:
    """``"The_name_acr"`` -> ("The", "name_acr"); ``"de"`` -> ("de", "name"); ``"full"`` -> ("", "full")."""
    head, _, rest = form.partition("_")
    if head in _ARTICLE_FORMS:
        return head, rest or "name"
    return "", form


def _sentence_kinds(rng: random.Random) -> list[str]:
    kinds = ["lead"] + [kind for kind, chance in OPTIONAL if rng.random() < chance]
    fillers = rng.randrange(2, 6)
    for _ in range(fillers):
        kinds.insert(rng.randrange(1, len(kinds) + 1), "filler")
    return kinds


def compose(
    rng: random.Random, world: World, story: Story, lang: str, doc_id: str, published: date
) -> Record:
    """One report of ``story`` in ``lang``, with its truth."""
    templates = _data("templates.yml")[lang]
    report = _Report(rng, world, story, lang, published)
    sentences: list[str] = []
    for kind in _sentence_kinds(rng):
        options = [t for t in templates[kind] if all(r in report.roles_named for r in t.get("requires", []))]
        if not options:
            continue
        tpl = rng.choice(options)
        if kind == "filler" and any(tpl["text"] in s for s in sentences):
            continue
        sentences.append(report.fill(tpl["text"]))
        _record_truth(report, tpl, kind)
    paragraphs = _paragraphs(rng, sentences)
    truth = _truth(report)
    return Record(doc_id, lang, published.isoformat(), "\n\n".join(paragraphs), truth)


def _record_truth(report: _Report, tpl: dict[str, Any], kind: str) -> None:
    for typ, subj, obj in tpl.get("relations", []):
        report.relations.add((typ, report.entity_id(subj), report.entity_id(obj)))
    for role, typ in tpl.get("crimes", []):
        report.crimes.add((report.entity_id(role), report.story.crime if typ == "$" else typ))
    if "claim" in tpl:
        location = report.entity_id("country") if tpl.get("claim_location") == "country" else None
        report.claims.append({"subject": report.entity_id("group"), "attribute": "member_count",
                              "value": report.story.members, "qualifier": tpl["claim"], "location": location})  # fmt: skip
    if kind == "lead":
        report.operation["targets"] = [report.entity_id(r) for r in tpl.get("targets", [])]
    if tpl.get("legal"):
        report.events.append(_event("legal_action", None, None, [], [report.entity_id(tpl["legal"])],
                                    agencies=[report.entity_id("prosecutors")]))  # fmt: skip
    if tpl.get("violent"):
        s = report.story
        month = f"{s.violent_month.year}-{s.violent_month.month:02d}"
        report.events.append(
            _event("violent_incident", month, report.entity_id("city2"), [], [], killed=s.killed)
        )


def _event(
    typ: str, day: str | None, location: str | None, seized: list[str], targets: list[str], **counts: Any
) -> dict[str, Any]:
    return {"type": typ, "date": day, "location": location, "agencies": counts.pop("agencies", []),
            "targets": targets, "arrested": counts.get("arrested"), "rescued": counts.get("rescued"),
            "killed": counts.get("killed"), "seized": seized}  # fmt: skip


def _truth(report: _Report) -> dict[str, Any]:
    s = report.story
    counts = report.operation_counts
    operation = _event(
        "operation", s.day.isoformat(), report.entity_id("city"), report.operation.get("seized", []),
        report.operation.get("targets", []), agencies=[report.entity_id("agency")], arrested=counts.get("arrested"),
        rescued=counts.get("rescued"),
    )  # fmt: skip
    operation["event_ref"] = s.event_ref
    events = [operation, *report.events]
    for i, ev in enumerate(events, 1):
        ev["id"] = f"v{i}"
    entities = [_canonical_first(e) for e in report.entities.values()]
    return {
        "entities": entities,
        "relations": [{"type": t, "subject": a, "object": b} for t, a, b in sorted(report.relations)],
        "crimes": [{"subject": a, "type": t} for a, t in sorted(report.crimes)],
        "events": events,
        "claims": report.claims,
    }


def _canonical_first(ent: dict[str, Any]) -> dict[str, Any]:
    """Names with the fullest form first (the longest that is not an alias)."""
    plain = [n for n in ent["names"] if n not in ent["aliases"]]
    if plain:
        first = max(plain, key=len)
        ent["names"] = [first, *(n for n in ent["names"] if n != first)]
    return ent


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    out, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if len(current) >= 2 and rng.random() < 0.45:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


# -- the corpus ------------------------------------------------------------


def generate_corpus(n: int, seed: int = 0, lang_mix: Mapping[str, float] = DEFAULT_MIX) -> Iterator[Record]:
    """``n`` reports, deterministic for a seed; ``lang_mix`` gives each language's share."""
    langs = [lang for lang in LANGS if lang_mix.get(lang, 0) > 0]
    if not langs:
        raise ValueError(f"lang_mix must give a positive share to one of {LANGS}")
    weights = [lang_mix[lang] for lang in langs]
    rng = random.Random(seed)
    world = build_world(rng, factions_per_group=max(3, min(300, n // 150)))
    stories: list[Story] = []
    for i in range(n):
        if stories and rng.random() < REPEAT_SHARE:
            story = rng.choice(stories[-200:])
        else:
            story = new_story(rng, world, len(stories) + 1)
            stories.append(story)
        lang = rng.choices(langs, weights)[0]
        published = story.day + timedelta(days=rng.randrange(0, 10))
        yield compose(rng, world, story, lang, f"syn-{i + 1:06d}", published)


def write_jsonl(records: Iterator[Record], path: Path) -> int:
    """Write records as JSON lines (usable by ``pista extract``); returns how many."""
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count


def write_gold(records: Iterator[Record], folder: Path) -> int:
    """Write records as one gold file each (usable by ``pista eval``); returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for record in records:
        (folder / f"{record.id}.json").write_text(json.dumps(record.to_dict(), ensure_ascii=False, indent=1))
        count += 1
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate a synthetic corpus of crime reports.")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--es", type=float, default=0.5, help="share of Spanish reports (0 to 1)")
    parser.add_argument("--out", type=Path, help="JSON-lines file")
    parser.add_argument("--gold-dir", type=Path, help="folder of gold files")
    args = parser.parse_args(argv)
    mix = {"en": 1 - args.es, "es": args.es}
    if args.out:
        print(write_jsonl(generate_corpus(args.n, args.seed, mix), args.out), "records ->", args.out)
    if args.gold_dir:
        print(write_gold(generate_corpus(args.n, args.seed, mix), args.gold_dir), "files ->", args.gold_dir)
    if not args.out and not args.gold_dir:
        for record in generate_corpus(args.n, args.seed, mix):
            print(json.dumps(record.to_dict(), ensure_ascii=False))


if __name__ == "__main__":
    main()
