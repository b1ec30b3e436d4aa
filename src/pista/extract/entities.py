"""Entities: people (with aliases), organizations and places named in a parsed document.

Capitalized word runs are cut into candidate names (titles split off, lists split apart),
classified by lexicons, the gazetteer, cue words around them and spaCy's NER label, then
merged within the document: surnames and aliases join their person, acronyms their
organization, variant spellings one cluster.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pista.documents import Entity, Mention
from pista.extract.domain import Domain, KnownOrg, domain
from pista.extract.gazetteer import MIN_POPULATION, Gazetteer, Place, gazetteer
from pista.extract.normalize import norm, strip_accents

_PERSON_LABELS = {"PERSON", "PER"}
_ORG_LABELS = {"ORG"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_QUOTES = "\"'“”‘’«»"
_STRIP_QUOTES = str.maketrans(dict.fromkeys(_QUOTES, " "))
_INITIAL = re.compile(r"[A-ZÁÉÍÓÚÑ]\.")
#: Facility nouns that may stand right before a facility's own name, without "de".
_DIRECT_FACILITY = {"penal", "cárcel", "prison", "prisión", "aeropuerto", "penitenciaría", "penitenciario"}
_CENTER_WORDS = {"centro", "center", "centre", "complejo", "complex"}
#: Plural nouns for criminal groups that may head a list of their names.
_GROUP_PLURALS = {
    "gangs",
    "cartels",
    "pandillas",
    "bandas",
    "carteles",
    "cárteles",
    "maras",
    "mafias",
    "clans",
    "groups",
    "grupos",
}
#: Words that may stand in a list of names after the noun that heads it.
_LIST_WORDS = {
    "los",
    "las",
    "el",
    "la",
    "the",
    "y",
    "and",
    "e",
    "or",
    "o",
    "u",
    "de",
    "del",
    "of",
    "such",
    "as",
    "like",
    "como",
    "including",
    "incluidos",
    "incluidas",
    "incluyendo",
    "entre",
    "ellas",
    "ellos",
    "them",
    "among",
    "namely",
    "dos",
    "tres",
    "two",
    "three",
    "both",
    "ambas",
    "ambos",
    "rival",
    "rivales",
}
#: Small words that join a body's name only ("para" in "Comisión para la Verdad").
_BODY_CONNECTORS = {"para", "sobre", "against", "contra"}
_LOCATIVE = {"in", "en", "at", "near", "from", "desde", "hacia", "toward", "towards", "inside", "dentro"}
_RELATIVES = {"which", "that", "who", "whom", "whose", "que", "quien", "quienes", "cuyo", "cuya"}
_POLICE_WORDS = {"police", "policia"}
#: Saints' titles that open place names ("San Juan de ...", "São Paulo"), never a person's name.
_SAINT_WORDS = {"San", "Santa", "Santo", "São", "Sao", "St.", "Saint"}
#: Words that join a title to the field of its post ("Secretary of State", "Under Secretary for X").
_POST_LINKS = {"of", "de", "del", "for", "para"}
_EVENT_WORDS = {"operation", "operación", "operativo", "plan", "op."}
_WEAK_CONNECTORS = {",", "and", "y", "e", "against", "contra", "for", "en", "on", "&"}


@dataclass
class Candidate:
    """One name in the text and what is known of it."""

    start: int  # token index
    end: int  # token index, exclusive
    type: str | None = None
    subtype: str | None = None
    country: str | None = None
    role: str | None = None
    key: str | None = None
    alias: bool = False
    names: list[str] = field(default_factory=list)  # extra names (a facility's bare name)
    strength: float = 0.5
    canonical: str | None = None
    international: bool = False  # a body of no one country (Interpol)
    local: bool = False  # a place within the story's country when no gazetteer says
    owner: Candidate | None = None  # the surname a quoted nickname sits before ('Ana "La Flaca" Ruiz')
    designation: bool = False  # the name of a designation, law, programme or operation


@dataclass
class _Cluster:
    key: str
    type: str
    subtype: str | None = None
    country: str | None = None
    names: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    context_countries: Counter[str] = field(default_factory=Counter)
    strength: float = 0.0
    canonical: str | None = None
    first: int = 0
    international: bool = False


def find_entities(doc: Doc, lang: str) -> list[Entity]:
    """Every entity the text names, with its mentions, merged within the document."""
    if not len(doc):
        return []
    return _Finder(doc, lang, domain(), gazetteer()).run()


class _Finder:
    def __init__(self, doc: Doc, lang: str, dom: Domain, gaz: Gazetteer) -> None:
        self.doc = doc
        self.lang = lang
        self.dom = dom
        self.gaz = gaz
        self.doc_countries: Counter[str] = Counter()
        self.owner_country: dict[int, str] = {}
        self.paren_tokens = {
            doc[i].text for i in range(1, len(doc) - 1) if doc[i - 1].text == "(" and doc[i + 1].text == ")"
        }
        self.home: str | None = None
        self.text = doc.text
        #: words the text also writes in lower case: common words, not names, when capitalized
        self.lower_words = {t.text for t in doc if t.text[:1].islower() and t.is_alpha and len(t.text) > 2}
        self.sents = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for k, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self.surname_cache: dict[int, list[str]] = {}
        #: qualifiers an organization's core name leaves out (demonyms, "faction", "of")
        self.core_drop = {
            strip_accents(w) for w in (*dom.demonyms, *dom.faction_cues, "of", "de", "del", "the")
        }
        self.core_cache: dict[str, str] = {}
        self.head_forms = {strip_accents(h) for h in dom.agency_heads}
        #: words of the well-known criminal groups the text names ("comando", "cartel")
        self.group_words: set[str] = set()

    def _clause_start(self, i: int) -> bool:
        """Token ``i`` opens a sentence, a heading or a clause after a dash or colon."""
        doc = self.doc
        return doc[i].is_sent_start or i == 0 or doc[i - 1].is_punct or "\n" in doc[i - 1].whitespace_

    def _sent(self, i: int) -> Span:
        """The sentence holding token ``i`` (precomputed: ``Token.sent`` scans the document)."""
        return self.sents[self.sent_of[i]]

    # ----------------------------------------------------------------- pipeline
    def run(self) -> list[Entity]:
        spans = self._chunks()
        spans = [piece for s, e in spans for piece in self._split(s, e)]
        cands = [c for s, e in spans for c in self._split_titles(s, e)]
        self._collect_doc_countries(cands)
        for cand in cands:
            self._classify(cand)
            self._apply_owner_country(cand)
        self._inner_nicknames(cands)
        self.home = self._home_country(cands)
        self._countries_from_neighbours(cands)
        for cand in cands:
            if (
                cand.type == "location"
                and cand.country is None
                and (cand.subtype in ("facility", "city", "region") or cand.local)
            ):
                cand.country = self.home
        self._acronyms(cands)
        self._resolve_weak(cands)
        for cand in cands:
            if cand.designation or self.doc[cand.start : cand.end].text in self.designations:
                cand.type, cand.strength, cand.designation = None, 0.0, True
        return self._build(cands)

    # ----------------------------------------------------------------- chunking
    def _is_name(self, tok: Token) -> bool:
        text = tok.text
        if not text[:1].isupper() or tok.is_punct or tok.is_space:
            return False
        return any(ch.isalpha() for ch in text)

    def _chunks(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalized words with the small words that may join them."""
        doc, _dom = self.doc, self.dom
        out: list[tuple[int, int]] = []
        for sent in self.sents:
            i = sent.start
            while i < sent.end:
                if not self._is_name(doc[i]):
                    i += 1
                    continue
                j = i + 1
                while j < sent.end:
                    tok = doc[j]
                    if self._is_name(tok) and "\n" not in doc[j - 1].whitespace_ + tok.text:
                        j += 1
                        continue
                    if tok.like_num and len(tok.text) <= 4 and tok.text[:1] not in "0" and j - i <= 2:  # noqa: SIM102
                        if doc[j - 1].whitespace_ == " " and self._is_name(doc[j - 1]):  # noqa: SIM102
                            if j + 1 >= sent.end or not self._is_name(doc[j + 1]):
                                j += 1
                                continue
                    k = j
                    while k < sent.end and k - j < 2 and self._joins(doc[k], doc[k - 1], i):
                        k += 1
                    if (
                        k > j
                        and k < sent.end
                        and self._is_name(doc[k])
                        and "\n" not in doc[k - 1].whitespace_
                    ):
                        j = k + 1
                        continue
                    break
                out.append((i, j))
                i = j
        return out

    def _joins(self, tok: Token, prev: Token, run_start: int) -> bool:
        low = tok.text.lower()
        if low in self.dom.connectors or low in {"'s", "’s", ","}:
            return "\n" not in prev.whitespace_
        if low in _BODY_CONNECTORS and "\n" not in prev.whitespace_:
            # "Comisión Nacional para la Memoria", "Ministerio del Poder Popular para ...": only
            # inside the name of a body
            words = {t.text.lower() for t in self.doc[run_start : tok.i]}
            return bool(words & (self.dom.agency_heads | self.dom.other_heads))
        if low == "-":
            return not prev.whitespace_ and not tok.whitespace_
        return False

    def _has_head(self, start: int, end: int) -> bool:
        dom = self.dom
        words = [t.text.lower() for t in self.doc[start:end]]
        if any(w in dom.agency_heads or w in dom.other_heads for w in words):
            return True
        text = " ".join(words)
        if any(h in text for h in dom.agency_head_phrases):
            return True
        span_text = self.doc[start:end].text
        return self._known(span_text) is not None or (
            span_text in self.gaz and norm(span_text) not in dom.junk
        )

    def _split(self, start: int, end: int) -> list[tuple[int, int]]:
        """Cut a run at "," / "and" / "y" unless it is one agency's name ("Ministry of X, Y and Z")."""
        doc = self.doc
        whole = doc[start:end].text
        if self._known(whole) or whole in self.gaz:
            return [(start, end)]
        post = self._post_at(start, end)
        if post is not None:
            return post
        words = [t.text.lower() for t in doc[start:end]]
        if (words[-1] in self.dom.not_entity_last or words[0] in self.dom.not_entity_first) and not (
            {",", "and", "y", "e", "&"} & set(words)
        ):
            return [(start, end)]  # "Rewards for Justice Program": one programme's name
        for i in range(start + 1, end - 1):
            if doc[i].text in {"'s", "’s"}:
                owner = doc[start:i].text
                place = self.gaz.resolve(owner, ()) if owner in self.gaz else None
                known = self._known(owner)
                if place or known or owner in self.paren_tokens:
                    country = (place.country if place else None) or (known.country if known else None)
                    if country:
                        self.owner_country[i + 1] = country
                    return [(start, i), *self._split(i + 1, end)]
        for i in range(start + 1, end - 1):
            if doc[i].text.lower() in {"of", "de", "del"}:
                rest_start = i + 1
                if doc[rest_start].text.lower() in {"la", "el", "the"} and rest_start + 1 < end:
                    rest_start += 1
                left = start + 1 if (doc[start].text.lower(),) in self.dom.titles else start
                rest_words = {t.text.lower() for t in doc[rest_start:end]}
                headed_rest = bool(rest_words & (self.dom.agency_heads | self.dom.other_heads)) or bool(
                    self._known(doc[rest_start:end].text)
                )
                lone = doc[left]
                if (
                    i - left == 1
                    and lone.pos_ in {"NOUN", "PROPN"}
                    and self._clause_start(left)
                    and headed_rest
                    and lone.text not in self.gaz
                    and not self._known(lone.text)
                ):
                    return self._split(rest_start, end)
                if doc[left].text.lower() in self.dom.articles:
                    continue
                if (
                    i - left in (2, 3)
                    and headed_rest
                    and not self._has_head(start, i)
                    and (
                        all(t.is_title and t.is_alpha for t in doc[left:i])
                        and doc[left:i].text not in self.gaz
                    )
                ):
                    return [(start, i), *self._split(rest_start, end)]
        for i in range(end - 2, start + 1, -1):
            if doc[i].text.lower() in {"de", "del", "of"}:
                rest_start = i + 1
                if doc[rest_start].text.lower() in {"la", "el", "the"} and rest_start + 1 < end:
                    rest_start += 1
                rest = doc[rest_start:end]
                if doc[i - 1].text.lower() in self.dom.agency_heads and (
                    len(rest) == 1 or rest[0].text.lower() not in self.dom.agency_heads
                ):
                    continue  # "Department of the Treasury": the head's own complement, not a second body
                if (
                    (rest[0].text.lower() in self.dom.agency_heads and len(rest) > 1)
                    or ((k := self._known(rest.text)) is not None and k.subtype == "agency")
                ) and (
                    i - start >= 2 and self._has_head(start, i) and not self._known(doc[start:i].text + " x")
                ):
                    return [*self._split(start, i), *self._split(rest_start, end)]
        cuts = [i for i in range(start, end) if doc[i].text.lower() in _WEAK_CONNECTORS]
        if not cuts:
            return self._split_nested_group(start, end)
        segments: list[tuple[int, int]] = []
        prev = start
        for cut in cuts:
            segments.append((prev, cut))
            prev = cut + 1
        segments.append((prev, end))
        segments = [self._trim(s, e) for s, e in segments]
        segments = [(s, e) for s, e in segments if e > s]
        headed = [seg for seg in segments if self._has_head(*seg)]
        words_at_cuts = [doc[c].text.lower() for c in cuts]
        comma_ok = "," not in words_at_cuts or words_at_cuts[-1] in {"and", "y", "e"}
        comma_ok = comma_ok and not any(norm(doc[a:b].text) in self.dom.junk for a, b in segments)
        # an acronym among the parts names a body of its own ("la PNB y la Guardia Costera")
        comma_ok = comma_ok and not any(
            b - a == 1 and doc[a].is_upper and len(doc[a]) > 1 for a, b in segments
        )
        if len(headed) == 1 and len(segments) > 1 and comma_ok:
            first, last = segments[0], segments[-1]
            head_words = {t.text.lower() for t in doc[headed[0][0] : headed[0][1]]}
            known_parts = [seg for seg in segments if self._known(doc[seg[0] : seg[1]].text)]
            place_parts = [seg for seg in segments if doc[seg[0] : seg[1]].text in self.gaz]
            if headed[0] in (first, last) and not known_parts and len(place_parts) < len(segments) - 1:  # noqa: SIM102
                if head_words & (self.dom.agency_heads | self.dom.other_heads) or self._has_head(*first):
                    return [(start, end)]
        return [
            piece
            for seg in segments
            for piece in (self._split(*seg) if seg != (start, end) else self._split_nested_group(*seg))
        ]

    def _post_at(self, start: int, end: int) -> list[tuple[int, int]] | None:
        """A post's name inside a run is one piece up to the next comma or title: "X, the Under
        Secretary for Arms Control and International Security" -> X | the post."""
        doc = self.doc
        for p in range(start, end - 2):
            if not doc[p].is_title or doc[p].text.lower() in self.dom.articles:
                continue
            if p > start and self._is_name(doc[p - 1]) and doc[p - 1].text.lower() not in self.dom.articles:
                continue  # "Fiscalía General de la Nación": a word inside a body's name
            body = self._post_body(p, end)
            if body is None and self._post_name(doc[p:end]) is None:
                continue
            q = p + 1
            while (
                q < end
                and doc[q].text != ","
                and not (
                    doc[q].text.lower() in {"and", "y"}
                    and q + 1 < end
                    and (doc[q + 1].text.lower(),) in self.dom.titles
                )
            ):
                q += 1
            before = self._split(start, p) if p > start else []
            after = self._split(q, end) if q < end else []
            if body is not None:
                return [*before, (body, q), *after]  # "Director of the FBI" -> the FBI
            for k in range(q - 2, p + 1, -1):
                # "Ministro del Interior de Ecuador": the country the post serves is a place
                if doc[k].text.lower() in {"of", "de", "del"} and doc[k + 1 : q].text in self.gaz:
                    return [*before, (p, k), (k + 1, q), *after]
            if p == start and q == end:
                return [(start, end)]
            return [*before, (p, q), *after]
        return None

    def _post_body(self, p: int, end: int) -> int | None:
        """Where the well-known body a post names begins: "Director of the FBI" -> FBI."""
        doc, dom = self.doc, self.dom
        for n in (3, 2, 1):
            if p + n + 1 >= end or tuple(t.text.lower() for t in doc[p : p + n]) not in dom.titles:
                continue
            if doc[p + n].text.lower() not in _POST_LINKS:
                continue
            b = p + n + 1
            if doc[b].text.lower() in dom.articles and b + 1 < end:
                b += 1
            q = b
            while q < end and doc[q].text != ",":
                q += 1
            field = doc[b:q]
            if self._known(field.text) is not None or (
                len(field) == 1 and field[0].is_upper and len(field[0]) > 1
            ):
                return b
            return None
        return None

    def _split_nested_group(self, start: int, end: int) -> list[tuple[int, int]]:
        """ "Los Halcones del Cartel del Sur" -> the faction and the group."""
        doc = self.doc
        for i in range(start + 1, end - 1):
            low = doc[i].text.lower()
            if low in {"del", "de", "of"}:
                rest_start = i + 1
                if rest_start < end and doc[rest_start].text.lower() == "the":
                    rest_start += 1
                rest = doc[rest_start:end].text
                known = self._known(rest)
                if (known and known.subtype == "criminal_group") or self._group_prefix(  # noqa: SIM102
                    rest
                ) == "criminal_group":
                    if doc[start].text.lower() in {"los", "las"} or self._group_prefix(doc[start:i].text):
                        return [(start, i), (rest_start, end)]
        return [(start, end)]

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        doc, dom = self.doc, self.dom
        while start < end and (doc[start].text.lower() in dom.connectors or doc[start].is_punct):
            if doc[start].text.lower() in {"los", "las", "el", "la"} and start + 1 < end:  # noqa: SIM102
                if self._is_name(doc[start + 1]) and doc[start].text[:1].isupper():
                    break
            start += 1
        while end > start and (doc[end - 1].text.lower() in dom.connectors or doc[end - 1].is_punct):
            end -= 1
        while end > start and doc[end - 1].text in {"'s", "’s"}:
            end -= 1
        return start, end

    def _skip_date(self, start: int, end: int) -> int:
        """Past a date that opens a run: "Friday", "July 2024 the Treasury" -> "the Treasury"."""
        doc, dom = self.doc, self.dom
        i = start
        while end - i > 1:
            low = doc[i].text.lower()
            if low in dom.weekday_words or (low in dom.month_words and doc[i + 1].like_num):
                i += 1
            elif (i > start and doc[i].text == ",") or (doc[i].like_num and doc[i].is_digit):
                i += 1  # "2024 la Fiscalía", "Tuesday, ..."
            else:
                break
        if i > start and end - i > 1 and doc[i].text in {"the", "el", "la", "los", "las"}:
            i += 1  # "In 2024 the Treasury", "En 2024 la Fiscalía": a lower-case article
        return i

    def _city_of_country(self, span: Span) -> Place | None:
        """ "Santiago de Chile", "Guatemala City": a city the gazetteer knows, written with its
        country or as a name of several words; it wins over the parser's reading as a person."""
        if len(span) < 2 or not span[0].is_title:
            return None
        for k in range(1, len(span) - 1):
            if span[k].text.lower() not in {"de", "of", "del"}:
                continue
            country = self.gaz.resolve(span[k + 1 :].text)
            if country is None or country.subtype != "country":
                continue
            for place in self.gaz.candidates(span[:k].text):
                if place.subtype == "city" and place.country == country.country:
                    return place
        for place in self.gaz.candidates(span.text):
            if place.subtype == "city" and place.source == "lexicon" and " " in span.text:
                return place
        return None

    def _skip_demonym(self, start: int, end: int) -> int:
        """ "Venezuelan Tren de Aragua", "Ecuadorian Los Lobos": a nationality before a group's own
        name is no part of it (the group's country, though)."""
        doc, dom = self.doc, self.dom
        code = dom.demonyms.get(doc[start].text.lower())
        if code is None or end - start < 2:
            return start
        rest = doc[start + 1 : end].text
        known = self._known(rest)
        if (known is not None and known.subtype == "criminal_group") or (
            known is None
            and (self._group_prefix(rest) or doc[start + 1].text in {"Los", "Las"})
            and not self._has_head(start + 1, end)
        ):
            self.owner_country[start + 1] = code
            return start + 1
        return start

    def _post_name(self, span: Span) -> str | None:
        """ "Secretary of State", "Fiscal General de la Nación": the name of a post, not of a body
        (the role its title gives, or None)."""
        dom = self.dom
        words = [t.text.lower() for t in span]
        if words and words[0] in dom.articles:
            words = words[1:]
        for n in (3, 2, 1):
            if len(words) > n + 1 and tuple(words[:n]) in dom.titles and words[n] in _POST_LINKS:
                if strip_accents(words[0]) in self.head_forms or self._known(span.text) is not None:
                    return None  # "Secretaria de Seguridad": the body, written without its accent
                field_words = [w for w in span[len(span) - len(words) + n + 1 :]]
                if field_words and field_words[0].text.lower() in dom.articles:
                    field_words = field_words[1:]
                if field_words and (
                    self._known(" ".join(t.text for t in field_words)) is not None
                    or (len(field_words) == 1 and field_words[0].is_upper and len(field_words[0]) > 1)
                ):
                    return None  # "Director of the FBI": the post names a body of its own
                return dom.titles[tuple(words[:n])]
        return None

    def _designation(self, span: Span) -> bool:
        """The name of a designation, law, programme or operation: never an entity."""
        dom = self.dom
        words = [t.text.lower() for t in span if t.is_alpha]
        if not words or self._known(span.text) is not None:
            return False
        if words[0] in dom.articles and len(words) > 1:
            words = words[1:]
        if words[0] in dom.not_entity_first or words[0] in _EVENT_WORDS:
            return True
        if len(words) > 1 and words[-1] in dom.not_entity_last and words[0] not in dom.agency_heads:
            return True  # "Ministry of Public Order" stays a body: its head word comes first
        return any(w in dom.not_entity_any for w in words)

    def _split_titles(self, start: int, end: int) -> list[Candidate]:
        """Take titles out of a run: "PNB General Rosa Díaz" -> PNB, and Rosa Díaz (official)."""
        doc, dom = self.doc, self.dom
        start, end = self._trim(start, end)
        if end <= start:
            return []
        start = self._skip_date(start, end)
        # a leading article that is not part of a name ("The Chilean Police")
        if doc[start].text.lower() in {"the"} and end - start > 1:
            start += 1
        start = self._skip_demonym(start, end)
        # a sentence-initial ordinary word ("According", "Among", "Según")
        while end - start > 1 and doc[start].is_sent_start and doc[start].text.lower() in dom.junk:
            if doc[start].text.lower() in {"el", "la", "los", "las"} or self._known(doc[start:end].text):
                break
            if (
                doc[start].text.lower() in dom.agency_heads
                and doc[start + 1].text.lower() not in dom.connectors
            ):
                break
            start += 1
        first_low = doc[start].text.lower()
        if (
            end - start > 1
            and doc[start].is_sent_start
            and first_low not in dom.demonyms
            and first_low not in dom.agency_heads
            and (first_low,) not in dom.facility_heads
            and not self._known(doc[start:end].text)
        ):
            nxt = doc[start + 1].text
            if doc[start].pos_ in {"VERB", "ADV", "AUX", "ADP", "SCONJ", "CCONJ", "PRON", "DET"} or (  # noqa: SIM102
                doc[start].pos_ == "ADJ" and nxt in {"Los", "Las", "El", "La"}
            ):
                if doc[start].text not in {"El", "La", "Los", "Las"}:
                    start += 1
        start = self._skip_date(start, end)
        start, end = self._trim(start, end)
        if end <= start:
            return []
        if self._known(doc[start:end].text) or self._designation(doc[start:end]):
            return [Candidate(start, end)]
        post = self._post_name(doc[start:end])
        if post is not None:
            # "Secretary of State Marco Rubio": the post's holder, named after it
            k = next((i for i in range(start + 2, end) if doc[i].ent_type_ in _PERSON_LABELS), end)
            if 2 <= end - k <= 4 and all(t.is_title for t in doc[k:end]):
                return [Candidate(k, end, type="person", role=post, strength=0.8)]
        first_text = doc[start].text
        acronym_first = first_text in self.paren_tokens or first_text in dom.known_acronyms
        if end - start >= 3 and acronym_first and not self._has_head(start + 1, end):
            return [Candidate(start, start + 1), *self._split_titles(start + 1, end)]
        if end - start <= 2 and doc[end - 1].like_num and doc[start:end].text not in self.gaz:
            return []
        for i in range(end - 2, start - 1, -1):
            for n in (3, 2, 1):
                if i - n + 1 < start:
                    continue
                words = tuple(t.text.lower() for t in doc[i - n + 1 : i + 1])
                role = dom.titles.get(words)
                if role is None:
                    continue
                after = doc[i + 1 : end]
                if after[0].text.lower() in dom.connectors or after[0].text in {"'s", "’s"}:
                    continue
                if self._has_head(i + 1, end) or any(t.text.lower() in dom.connectors for t in after[:1]):
                    continue
                if all(t.is_upper for t in after) or after.text.lower() in dom.junk:
                    continue
                person = Candidate(i + 1, end, type="person", role=role, strength=0.8)
                left_end = i - n + 1
                while left_end > start and (doc[left_end - 1].text.lower(),) in dom.titles:
                    left_end -= 1
                left = self._trim(start, left_end)
                out = [Candidate(*left)] if left[1] > left[0] else []
                return [*out, person]
        return [Candidate(start, end)]

    # ----------------------------------------------------------------- lookups
    def _known(self, text: str) -> KnownOrg | None:
        text = text.strip()
        key = norm(text)
        whole = self.dom.known.get(key) if key else None
        if whole is not None:
            if key in self.dom.article_names and text.split()[0].lower() not in self.dom.articles:
                return None  # "la República" the state, not the newspaper "La República"
            return whole
        first, _, rest = text.partition(" ")
        if rest and first.lower() in self.dom.articles:
            text = rest
        known = self.dom.known_acronyms.get(text)
        if known is not None:
            return known
        key = norm(text)
        return self.dom.known.get(key) if key else None

    def _group_prefix(self, text: str) -> str | None:
        low = text.lower()
        for prefix, subtype in self.dom.group_prefixes.items():
            if low.startswith(prefix + " ") or low == prefix:
                return subtype
        return None

    def _collect_doc_countries(self, cands: list[Candidate]) -> None:
        for cand in cands:
            text = self.doc[cand.start : cand.end].text
            for place in self.gaz.candidates(text):
                if place.subtype == "country" and place.country:
                    self.doc_countries[place.country] += 1
            known = self._known(text)
            if known and known.country:
                self.doc_countries[known.country] += 1
            if known and known.subtype == "criminal_group":
                self.group_words.update(t.text.lower() for t in self.doc[cand.start : cand.end])
        self.demonym_counts: Counter[str] = Counter()
        self.demonym_at: list[tuple[int, str]] = []
        for tok in self.doc:
            code = self.dom.demonyms.get(tok.text.lower())
            if code:
                self.doc_countries[code] += 1
                self.demonym_counts[code] += 1
                self.demonym_at.append((tok.i, code))

    def _before(self, cand: Candidate, n: int = 4) -> list[str]:
        sent = self._sent(cand.start)
        lo = max(sent.start, cand.start - n)
        return [t.text.lower() for t in self.doc[lo : cand.start]]

    def _after(self, cand: Candidate, n: int = 3) -> list[str]:
        sent = self._sent(cand.start)
        hi = min(sent.end, cand.end + n)
        return [t.text.lower() for t in self.doc[cand.end : hi]]

    def _label(self, cand: Candidate) -> str:
        labels = Counter(t.ent_type_ for t in self.doc[cand.start : cand.end] if t.ent_type_)
        return labels.most_common(1)[0][0] if labels else ""

    def _alias_cue_before(self, cand: Candidate) -> bool:
        """Whether an alias cue ("alias", "known as", "(a)", "apodado") comes right before."""
        idx = self.doc[cand.start].idx
        begin = max(self.text.rfind("\n", 0, idx) + 1, idx - 60)
        before = self.text[begin:idx]
        before = " ".join(before.translate(_STRIP_QUOTES).lower().split())
        before = re.sub(r"\s(el|la)$", "", before)
        if _ends_with_cue(before, self.dom.alias_cues):
            return True
        # 'apodaban "El Gato" y "El Zorro"': a second nickname in a list after the cue
        raw = self.text[begin : self.doc[cand.start].idx]
        match = re.search(r"[\"“”'‘’»]\s*(?:,|y|and|o|or)\s*[\"“‘'«]\s*$", raw)
        if match:
            head = " ".join(raw[: match.start()].translate(_STRIP_QUOTES).lower().split())
            head = re.sub(r"\s*\S+$", "", head)  # the previous nickname
            while head and not _ends_with_cue(head, self.dom.alias_cues):
                trimmed = re.sub(r"\s*\S+$", "", head)
                if trimmed == head or len(head) - len(trimmed) > 30:
                    break
                head = trimmed
                if head.endswith((" y", " and", ",")):
                    continue
            return bool(head) and _ends_with_cue(head, self.dom.alias_cues)
        return False

    def _group_noun_before_cue(self, cand: Candidate) -> str | None:
        """ "the faction known as Los X", "una banda conocida como Los X": a group's name, not a nickname."""
        sent = self._sent(cand.start)
        words = [t.text.lower() for t in self.doc[max(sent.start, cand.start - 6) : cand.start]]
        words = [w for w in words if w not in _QUOTES and w not in {"el", "la"}]
        for cue in sorted(self.dom.alias_cues, key=len, reverse=True):
            if len(words) > len(cue) and tuple(words[-len(cue) :]) == cue:
                noun = words[-len(cue) - 1]
                if noun in self.dom.faction_cues:
                    return "faction"
                if noun in self.dom.group_cues and noun not in {
                    "organization",
                    "organización",
                    "group",
                    "network",
                }:
                    return "criminal_group"
                return self._faction_earlier(cand.start - len(cue))
        return None

    def _group_name_before_cue(self, cand: Candidate) -> str | None:
        """The key of a criminal group named right before the alias cue ("X, known as Y")."""
        doc = self.doc
        sent = self._sent(cand.start)
        words = [t.text.lower() for t in doc[max(sent.start, cand.start - 6) : cand.start]]
        for cue in sorted(self.dom.alias_cues, key=len, reverse=True):
            if len(words) > len(cue) and tuple(w for w in words[-len(cue) :]) == cue:
                end = cand.start - len(cue)
                break
        else:
            return None
        if end <= sent.start or doc[end - 1].text not in {",", "("}:
            return None  # "the leader of the gang X known as Y": Y may be the leader's
        end -= 1
        start = end
        while start > sent.start and (
            self._is_name(doc[start - 1]) or doc[start - 1].text.lower() in {"de", "del"}
        ):
            start -= 1
        while start < end and not self._is_name(doc[start]):
            start += 1
        if end - start < 1:
            return None
        name = doc[start:end].text
        known = self._known(name)
        if known is not None:
            return "k:" + norm(known.name) if known.subtype == "criminal_group" else None
        if self._group_prefix(name) == "criminal_group":
            return "o:" + self._org_key(name)
        words = [t.text.lower() for t in doc[start:end]]
        lead = words[1] if words[0] in self.dom.articles and len(words) > 2 else words[0]
        if (lead,) in self.dom.facility_heads or (
            lead in _CENTER_WORDS and any(w in self.dom.detention_words for w in words[1:])
        ):
            return "facility"  # "Centro Penitenciario X, conocido como Y": the prison's other name
        return None

    def _faction_earlier(self, end: int) -> str | None:
        """ "the faction led by X's sons, known as Y": a faction noun earlier in the clause, with
        no word for a person between it and the alias cue, makes Y a faction's name."""
        sent = self._sent(end)
        for tok in reversed(self.doc[max(sent.start, end - 12) : end]):
            low = tok.text.lower()
            if low in self.dom.faction_cues:
                return "faction"
            if tok.text in {".", ";", ":"} or low in self.dom.nationality_nouns or (low,) in self.dom.titles:
                return None
            if "Fin" in tok.morph.get("VerbForm", []) or low in _RELATIVES:
                return None  # "the faction, which takes orders from alias X": X is its boss
            if tok.is_alpha and self._is_role_word(low) and low not in self.dom.group_cues:
                return None
        return None

    def _listed_after_group_noun(self, cand: Candidate) -> str | None:
        """ "two factions, the X and the Y", "gangs such as X or Y", "las facciones del Z, los X y
        los Y": names listed right after a plural group noun are groups of that kind."""
        doc = self.doc
        sent = self._sent(cand.start)
        if cand.start > sent.start and doc[cand.start - 1].text.lower() in {"de", "del", "of"}:
            return None
        for tok in reversed(doc[max(sent.start, cand.start - 40) : cand.start]):
            low = tok.text.lower()
            if low in self.dom.faction_cues and low.endswith("s"):
                return "faction"
            if low in _GROUP_PLURALS:
                return "criminal_group"
            if tok.is_punct and tok.text not in {",", ":", "(", ")"} and tok.text not in _QUOTES:
                return None
            if tok.text[:1].isupper() or tok.like_num or tok.is_punct or low in _LIST_WORDS:
                continue
            return None
        return None

    def _facility_head_after(self, cand: Candidate) -> int:
        """Tokens of a facility noun right after the name ("X prison", "X supermax prison")."""
        after = self._after(cand, 4)
        toks = self.doc[cand.end : cand.end + len(after)]
        for skip in (0, 1):
            if skip and not (len(toks) and toks[0].is_lower and toks[0].pos_ in {"ADJ", "NOUN"}):
                break
            for n in (3, 2, 1):
                if len(after) >= skip + n and tuple(after[skip : skip + n]) in self.dom.facility_heads:
                    return skip + n
        return 0

    def _facility_head_before(self, cand: Candidate) -> int:
        """Tokens of a facility noun before the name: "penal de X", "la cárcel La Y"."""
        before = self._before(cand, 4)
        if not before:
            return 0
        if before[-1] not in {"de", "del", "of"}:
            # no "de": the noun stands right before a name of its own ("cárcel La Esperanza")
            for n in (2, 1):
                words = tuple(before[-n:])
                if len(words) == n and words in self.dom.facility_heads and words[-1] in _DIRECT_FACILITY:
                    return n
            return 0
        for n in (3, 2, 1):
            words = tuple(before[-1 - n : -1])
            if len(words) == n and words in self.dom.facility_heads:
                return n + 1
        return 0

    def _subtype_cue(self, cand: Candidate) -> str | None:
        before = [w for w in self._before(cand, 3) if w not in {"of", "de", "del", "the", "el", "la"}]
        after = self._after(cand, 1)
        words = set(before[-1:]) | set(after[:1])
        if words & self.dom.region_cues:
            return "region"
        if words & self.dom.city_cues:
            return "city"
        # "in the regions of Piura, Tumbes, and Ica": a cue earlier in the list
        sent = self._sent(cand.start)
        lo = max(sent.start, cand.start - 12)
        window = [t.text.lower() for t in self.doc[lo : cand.start]]
        for k in range(len(window) - 1, -1, -1):
            w = window[k]
            if w in self.dom.region_cues and w.endswith("s"):
                rest = window[k + 1 :]
                if all(
                    x in {",", "and", "y", "of", "de", "the", "la", "el"} or x[:1].isalpha() for x in rest
                ) and not any(x in {".", ";", ":"} for x in rest):
                    return "region"
        return None

    # ----------------------------------------------------------------- classification
    def _classify(self, cand: Candidate) -> None:
        doc, dom = self.doc, self.dom
        span = doc[cand.start : cand.end]
        text = span.text
        low = norm(text)
        rest = {t.text.lower() for t in span[1:]}
        named = (  # "El Abril" is a nickname, not a month; "El Gobierno" stays a common noun
            len(span) > 1
            and span[0].text in {"El", "La", "Los", "Las"}
            and not rest & (dom.agency_heads | dom.other_heads)
            and not any((w,) in dom.titles for w in rest)
        )
        if not low or (low in dom.junk and cand.type is None and not named) or text.lower() in dom.demonyms:
            cand.type = None
            cand.strength = 0.0
            return
        if self._designation(span):
            cand.type, cand.strength, cand.designation = None, 0.0, True
            return
        if self._post_name(span) is not None:
            cand.type, cand.strength = None, 0.0
            return
        city = self._city_of_country(span)
        if city is not None:
            cand.type, cand.subtype, cand.country, cand.strength = (
                "location",
                city.subtype,
                city.country,
                0.85,
            )
            cand.key = "l:" + norm(city.name)
            cand.canonical = city.name
            return
        if cand.type == "person":
            return
        if self._heading_word(cand) or self._caps_heading(cand):
            cand.type, cand.strength = None, 0.0
            return
        if span[0].text.lower() in _EVENT_WORDS:
            cand.type, cand.strength = None, 0.0
            return
        if self._alias_cue_before(cand):
            named_group = self._group_name_before_cue(cand)
            if named_group == "facility":
                cand.type, cand.subtype, cand.strength = "location", "facility", 0.8
                cand.key = "l:" + low
                place = self.gaz.resolve(text, self.doc_countries)
                cand.country = place.country if place else None
                return
            if named_group is not None:
                # "Mara Salvatrucha, known as MS-13": the group's other name
                cand.type, cand.subtype, cand.alias, cand.strength = (
                    "organization",
                    "criminal_group",
                    True,
                    0.85,
                )
                cand.key = named_group
                return
            group = self._group_noun_before_cue(cand)
            if group:
                cand.type, cand.subtype, cand.alias, cand.strength = "organization", group, False, 0.8
                cand.key = "o:" + self._org_key(text)
                return
            cand.type, cand.alias, cand.strength = "person", True, 0.9
            return
        before2 = self._before(cand, 3)
        for n in (3, 2, 1):
            role = dom.titles.get(tuple(before2[-n:])) if len(before2) >= n else None
            if role and self._person_shape(cand) and not self._has_head(cand.start, cand.end):  # noqa: SIM102
                if self._known(text) is None and text not in self.gaz:
                    cand.type, cand.role, cand.strength = "person", role, 0.8
                    return
        known = self._known(text)
        after1 = self._after(cand, 1)
        if known is not None:
            cand.type = "organization"
            cand.subtype, cand.country = known.subtype, known.country
            cand.international = known.international
            cand.key = "k:" + norm(known.name)
            cand.strength = 0.95
            return
        listed = self._listed_after_group_noun(cand)
        parsed_person = len(span) > 1 and self._label(cand) in _PERSON_LABELS and self._person_shape(cand)
        if listed and not parsed_person and not self._has_head(cand.start, cand.end) and text not in self.gaz:
            cand.type, cand.subtype, cand.strength = "organization", listed, 0.75
            cand.key = "o:" + self._org_key(text)
            return
        head_after = self._facility_head_after(cand)
        head_before = self._facility_head_before(cand)
        place_cands = self.gaz.candidates(text)
        if head_after or head_before:
            if head_after:
                full = doc[cand.start : cand.end + head_after].text
                cand.end += head_after
            else:
                full = doc[cand.start - head_before : cand.end].text
                cand.start -= head_before
            cand.type, cand.subtype, cand.strength = "location", "facility", 0.85
            cand.names = [text]
            cand.canonical = full
            cand.key = "l:" + norm(text)
            place = self.gaz.resolve(text, self.doc_countries)
            cand.country = place.country if place else None
            return
        if after1 and after1[0] in {"gang", "cartel", "mafia"} and place_cands:
            cand.end += 1
            cand.type, cand.subtype, cand.strength = "organization", "criminal_group", 0.85
            cand.key = "o:" + norm(doc[cand.start : cand.end].text)
            return
        if after1 and after1[0] in {"border", "frontera"}:
            parts = [p for p in text.replace("–", "-").split("-") if p.strip()]
            if parts and all(p.strip() in self.gaz for p in parts):
                cand.end += 1
                cand.type, cand.subtype, cand.strength = "location", "area", 0.85
                cand.key = "l:" + norm(doc[cand.start : cand.end].text)
                return
        words = [t.text.lower() for t in span]
        first, last = words[0], words[-1]
        lead = words[1] if first in dom.articles and len(words) > 2 else first
        detention = lead in _CENTER_WORDS and any(w in dom.detention_words for w in words[1:])
        if (first,) in dom.facility_heads or (last,) in dom.facility_heads or detention:  # noqa: SIM102
            if span[0].text[:1].isupper() and (
                first in {"hospital", "aeropuerto", "puente", "penal", "cárcel"}
                or (last,) in dom.facility_heads
                or detention
            ):
                cand.type, cand.subtype, cand.strength = "location", "facility", 0.8
                cand.key = "l:" + low
                place = self.gaz.resolve(text, self.doc_countries)
                cand.country = place.country if place else self._country_in(cand)
                return
        if (
            len(words) >= 2
            and first in dom.feature_heads
            and span[0].is_title
            and not self._org_context(cand)
        ):
            # "Sierra de los Cuchumatanes", "Ilha Grande": a mountain range, an island
            regions = [p for p in place_cands if p.subtype in ("country", "region")]
            if not regions:
                place = self.gaz.resolve(text, self.doc_countries)
                cand.type, cand.subtype, cand.strength = "location", "area", 0.75
                cand.country = place.country if place else None
                cand.local = True
                cand.key = "l:" + low
                return
        if place_cands and not self._org_context(cand):
            cue = self._subtype_cue(cand)
            place = self.gaz.resolve(text, self.doc_countries, cue=cue)
            if (
                place is not None
                and place.source == "geonames"
                and (
                    place.population < MIN_POPULATION
                    or (place.country not in self.doc_countries and place.population < 10 * MIN_POPULATION)
                )
                and len(words) == 1
                and not (cue or self._place_preposition(cand) or self._locative(cand))
            ):
                place = None  # a small or far town's name used as a word ("the Pacific ports")
            if place is not None:
                cand.type, cand.subtype, cand.country = "location", place.subtype, place.country
                cand.key = "l:" + low
                cand.canonical = text if text.isupper() is False else place.name
                cand.strength = 0.9 if place.source != "geonames" or len(words) > 1 else 0.75
                if cue and cue == place.subtype:
                    cand.strength = 0.93
                if place.subtype == "country" and cand.key == "l:" + norm(text):
                    cand.key = "l:" + norm(place.name)
                if text.isupper() and len(text) > 3:
                    cand.canonical = place.name
                if self._foreign_reading(place):
                    # a modest town or province of a country the text never names: more likely a
                    # place of the story's own country with the same name ("La Vega", "El Paraíso")
                    cand.country = None
                    cand.subtype = self._place_cue(cand, self._label(cand)) or cue or "city"
                return
        prefix = self._group_prefix(text)
        if not prefix and len(words) >= 2 and words[-1] in self.dom.faction_cues:
            prefix = "faction"
        if prefix:
            cand.type, cand.subtype, cand.strength = "organization", prefix, 0.85
            before = [w for w in self._before(cand, 3) if w not in _QUOTES and w not in dom.articles]
            if prefix == "criminal_group" and before[-1:] and before[-1] in dom.faction_cues:
                cand.subtype = "faction"
            cand.key = "o:" + self._org_key(text)
            return
        lead_word = 1 if words[0] in dom.articles and len(words) > 2 else 0
        if len(words) >= 2 and words[lead_word] in dom.armed_words and span[lead_word].is_title:
            cand.type, cand.subtype, cand.strength = "organization", "criminal_group", 0.8
            cand.key = "o:" + self._org_key(text)
            cand.country = self._country_in(cand)
            return
        if (
            any(w in dom.agency_heads for w in words)
            or any(h in " ".join(words) for h in dom.agency_head_phrases)
        ) and not (span[0].text.lower() in {"los", "las"} and self._group_context(cand)):
            cand.type, cand.subtype, cand.strength = "organization", "agency", 0.8
            cand.key = "o:" + self._org_key(text)
            cand.country = self._country_in(cand)
            if self._armed_group(words):
                cand.subtype = "criminal_group"
            return
        if any(w in dom.other_heads for w in words):
            cand.type, cand.subtype, cand.strength = "organization", "other", 0.7
            cand.key = "o:" + self._org_key(text)
            cand.country = self._country_in(cand)
            return
        group = self._group_context(cand)
        if group:
            cand.type, cand.subtype, cand.strength = "organization", group, 0.75
            cand.key = "o:" + self._org_key(text)
            return
        if self._media_context(cand):
            cand.type, cand.subtype, cand.strength = "organization", "media", 0.7
            cand.key = "o:" + self._org_key(text)
            for word in reversed(self._before(cand, 4)):
                if word in dom.demonyms:
                    cand.country = dom.demonyms[word]
                    break
            return
        label = self._label(cand)
        person_shape = self._person_shape(cand)
        place_cue = self._place_cue(cand, label)
        if place_cue:
            cand.type, cand.subtype, cand.strength = "location", place_cue, 0.6
            cand.key = "l:" + low
            return
        if label in _PERSON_LABELS and person_shape and (len(words) > 1 or not span[0].is_sent_start):
            if len(words) > 1 and all(w in self.lower_words for w in words if w not in dom.connectors):
                cand.type, cand.strength = None, 0.0
                return
            cand.type, cand.strength = "person", 0.7 if len(words) > 1 else 0.45
            return
        common = sum(w in self.lower_words for w in words if w not in dom.connectors)
        if label in _PERSON_LABELS and person_shape and len(words) > 1 and common == len(words):
            person_shape = False
        if person_shape and common:
            person_shape = label in _PERSON_LABELS and common < len(words) / 2
        if person_shape and len(words) >= 2 and label not in _ORG_LABELS | _PLACE_LABELS:
            cand.type, cand.strength = "person", 0.55
            return
        if (
            label in _PLACE_LABELS
            and self._locative(cand)
            and not any(w in self.lower_words for w in words if w not in dom.connectors)
        ):
            # "capturado en Villanueva", "a raid in Las Palmas": a name the parser reads as a place,
            # after a locative preposition
            cand.type, cand.subtype, cand.strength = "location", self._subtype_cue(cand) or "city", 0.5
            cand.key = "l:" + low
            return
        if person_shape and len(words) >= 2 and self._role_cue(cand):
            cand.type, cand.strength = "person", 0.6
            return
        if span[0].text.lower() in {"los", "las"} and len(words) >= 2 and label != "PERSON":
            cand.type, cand.subtype, cand.strength = "organization", "criminal_group", 0.5
            cand.key = "o:" + self._org_key(text)
            return
        mostly_common = common >= len(words) / 2
        if label in _ORG_LABELS and len(words) >= 2 and not mostly_common:
            cand.type, cand.subtype, cand.strength = "organization", "other", 0.45
            cand.key = "o:" + self._org_key(text)
            return
        if label in _PLACE_LABELS and len(words) >= 2 and self._place_preposition(cand) and not mostly_common:
            cand.type, cand.subtype, cand.strength = "location", self._subtype_cue(cand) or "city", 0.45
            cand.key = "l:" + low
            return
        cand.type = None  # decided later (surname, alias, acronym) or dropped
        cand.strength = 0.3 if person_shape else 0.0

    def _line(self, i: int) -> Span:
        """The tokens of the text line holding token ``i``."""
        doc = self.doc
        idx = doc[i].idx
        lo = self.text.rfind("\n", 0, idx) + 1
        hi = self.text.find("\n", idx)
        span = doc.char_span(lo, len(self.text) if hi < 0 else hi, alignment_mode="expand")
        return span if span is not None else doc[i : i + 1]

    def _heading_word(self, cand: Candidate) -> bool:
        """A lone capitalized word opening a short verbless line ("Background", "Antecedentes"):
        a section heading, not a name, unless the lexicons know it."""
        if cand.end - cand.start != 1:
            return False
        doc = self.doc
        tok = doc[cand.start]
        if tok.is_upper or tok.text in self.paren_tokens or self._known(tok.text) or tok.text in self.gaz:
            return False
        if cand.start and "\n" not in doc[cand.start - 1].text + doc[cand.start - 1].whitespace_:
            return False
        line = self._line(cand.start)
        if len(line) > 6:
            return False
        return not any(t.pos_ in {"VERB", "AUX"} for t in line)

    def _caps_heading(self, cand: Candidate) -> bool:
        """An all-capitals run of several words ("ANALYSIS REPORT") that no lexicon or head word
        makes a name: a heading."""
        span = self.doc[cand.start : cand.end]
        if len(span) < 2 or not all(t.is_upper or not t.is_alpha for t in span):
            return False
        if not sum(t.is_alpha and len(t) > 3 for t in span):
            return False
        text = span.text
        return not (self._known(text) or text in self.gaz or self._has_head(cand.start, cand.end))

    def _armed_group(self, words: list[str]) -> bool:
        """An "Army"/"Command" name that is an armed group's: a guerrilla or paramilitary word
        ("Ejército Revolucionario del Pueblo"), or the head word of a well-known criminal group the
        text names ("Comando" beside "Primeiro Comando da Capital"), and no word of the state's."""
        dom = self.dom
        if any(w in dom.state_words for w in words):
            return False
        if any(w in dom.armed_words for w in words):
            return True
        heads = {w for w in words if w in dom.agency_heads}
        return bool(heads) and heads <= self.group_words

    def _apply_owner_country(self, cand: Candidate) -> None:
        code = self.owner_country.get(cand.start)
        if code and cand.type == "organization" and not cand.country:
            cand.country = code

    def _person_shape(self, cand: Candidate) -> bool:
        toks = self.doc[cand.start : cand.end]
        if len(toks) > 6:
            return False
        parsed_person = len(toks) > 1 and self._label(cand) in _PERSON_LABELS
        for t in toks:
            low = t.text.lower()
            if low in {"de", "del", "la", "los", "las", "da", "dos", "y", "van", "von"}:
                continue
            if _INITIAL.fullmatch(t.text) and t.i > toks.start and t.i < toks.end - 1:
                continue
            if not t.is_alpha and not ("-" in t.text or "'" in t.text):
                return False
            if low in self.dom.junk and not (parsed_person and len(low) > 3 and t.is_title):
                return False  # "Julio", "Fuentes" in a name the parser reads as a person's
            if low in self.dom.demonyms or low in self.dom.not_person_words:
                return False
            if t.is_upper and len(t.text) > 1 and len(toks) > 1:
                return False
        if toks[0].text in {"El", "La", "The"} and len(toks) >= 3:
            return False  # "La Nueva Familia X": a nickname has one or two words after its article
        if toks[0].text in _SAINT_WORDS and len(toks) >= 2:
            return False  # "San Juan de X", "Santa Rosa": a place named after a saint
        if any(ch.isdigit() for ch in toks.text):
            return False  # "MS-13", "An-32B": codes and models, not people
        return toks[0].text.lower() not in {"de", "del", "los", "las"}

    def _faction_context(self, cand: Candidate) -> bool:
        before = [w for w in self._before(cand, 3) if w not in _QUOTES]
        after = self._after(cand, 2)
        if before and before[-1] in self.dom.articles:
            before = before[:-1]
        return bool(set(before[-1:]) & self.dom.faction_cues) or bool(set(after[:1]) & self.dom.faction_cues)

    def _group_context(self, cand: Candidate) -> str | None:
        before = [w for w in self._before(cand, 5) if w not in _QUOTES]
        after = self._after(cand, 2)
        if self._faction_context(cand):
            return "faction"
        if after[:1] and after[0] in {"del", "of"}:
            rest = self.doc[cand.end + 1 : cand.end + 6].text
            if self._group_prefix(rest.replace("the ", "")) or (
                (k := self._known(" ".join(rest.split()[:3]))) and k.subtype == "criminal_group"
            ):
                return "faction"
        for cue in self.dom.group_cue_phrases:
            if len(cue) == 1 and cue[0] in {"organization", "organización", "group", "network", "band"}:
                if before[-1:] == list(cue):
                    first = self.doc[cand.start].text
                    return "criminal_group" if first in {"Los", "Las"} else None
                continue
            if tuple(before[-len(cue) :]) == cue:
                return "criminal_group"
        if after[:1] and after[0] in {"gang", "cartel", "clan", "banda", "mafia"}:
            return "criminal_group"
        return None

    def _org_context(self, cand: Candidate) -> bool:
        return bool(self._group_context(cand))

    def _media_context(self, cand: Candidate) -> bool:
        last = self.doc[cand.end - 1].text.lower()
        media_head = last in self.dom.media_heads and last != "nacional"
        if cand.end - cand.start >= 2 and media_head and not self._has_head(cand.start, cand.end):
            return True
        before = [w for w in self._before(cand, 5) if w not in self.dom.articles and w not in _QUOTES]
        after = self._after(cand, 1)
        for cue in self.dom.media_before:
            if tuple(before[-len(cue) :]) == cue:
                return True
        return bool(after[:1]) and after[0] in self.dom.media_after

    def _foreign_reading(self, place: Place) -> bool:
        """A gazetteer reading from a country the text never names, not famous enough to be
        named alone (a province, a town of under 300,000)."""
        if (
            place.subtype not in ("city", "region")
            or not self.doc_countries
            or place.country in self.doc_countries
        ):
            return False
        return place.source == "region" or (place.source == "geonames" and place.population < 300_000)

    def _place_cue(self, cand: Candidate, label: str) -> str | None:
        """A place noun naming the kind of place an unknown name is: before it ("barrio X",
        "la comuna fronteriza de X", "the district of X"), right after it ("the X
        neighbourhood"), or in an apposition ("X, a hillside settlement", "X, un penal de
        máxima seguridad"). Returns the subtype (city, region, facility)."""
        dom, doc = self.dom, self.doc
        cues = dom.city_cues | dom.region_cues
        sent = self._sent(cand.start)
        before = doc[max(sent.start, cand.start - 4) : cand.start]
        words = [t.text.lower() for t in before if t.text.lower() not in {"the", "el", "la", "los", "las"}]
        cue_of = bool(words) and words[-1] in {"de", "del", "of"}
        if cue_of:
            words = words[:-1]
        if words and not cue_of and label in _PERSON_LABELS:
            words = []  # "barrio" right before a parsed person's name: not a cue without "de"
        if words and words[-1] in cues:
            return self._subtype_cue(cand) or ("region" if words[-1] in dom.region_cues else "city")
        if cue_of and len(words) >= 2 and words[-2] in cues and before[-2].pos_ == "ADJ":
            return "region" if words[-2] in dom.region_cues else "city"
        after = doc[cand.end : min(sent.end, cand.end + 6)]
        if len(after) and after[0].is_lower and after[0].text in cues and label not in _PERSON_LABELS:
            return "region" if after[0].text in dom.region_cues else "city"
        if len(after) >= 3 and after[0].text == "," and after[1].lower_ in {"a", "an", "un", "una"}:
            for tok in after[2:]:
                low = tok.text.lower()
                if low in cues:
                    return "region" if low in dom.region_cues else "city"
                if (low,) in dom.facility_heads:
                    return "facility"
                if not ((tok.is_lower and tok.pos_ in {"ADJ", "NOUN", "ADV"}) or "-" in tok.text):
                    break
        return None

    def _locative(self, cand: Candidate) -> bool:
        """A locative preposition right before the name, an article allowed between."""
        before = self._before(cand, 2)
        if before and before[-1] in {"el", "la", "the", "los", "las"}:
            before = before[:-1]
        return bool(before) and before[-1] in _LOCATIVE

    def _place_preposition(self, cand: Candidate) -> bool:
        before = self._before(cand, 1)
        return bool(before) and before[-1] in {"in", "en", "at", "from", "de", "to", "a", "near", "cerca"}

    def _role_cue(self, cand: Candidate) -> str | None:
        return self._role_near(cand.start, cand.end)

    def _role_near(self, start: int, end: int) -> str | None:
        """The role that words around a person mention suggest (titles before, apposition after)."""
        doc, dom = self.doc, self.dom
        sent = self._sent(start)
        before = [t.text.lower() for t in doc[max(sent.start, start - 4) : start]]
        if self._victim_of(start):
            return "victim"
        for n in (3, 2, 1):
            role = dom.titles.get(tuple(before[-n:])) if len(before) >= n else None
            if role:
                return role
        if before and before[-1] == ",":
            wide = [t.text.lower() for t in doc[max(sent.start, start - 7) : start - 1]]
            for k in range(len(wide) - 1, -1, -1):
                for n in (2, 1):
                    role = dom.titles.get(tuple(wide[k : k + n])) if k + n <= len(wide) else None
                    if role and wide[k] not in {",", "."}:
                        return role
        after_toks = doc[end : min(sent.end, end + 9)]
        after: list[str] = []
        if len(after_toks) and after_toks[0].text in {",", "(", "—", "–"}:
            for t in after_toks[1:]:
                if t.text in {",", ")", ".", ";", "—", "–"}:
                    break
                after.append(t.text.lower())
        window = " ".join([*before[-3:], "|", *after])
        best: tuple[int, str] | None = None
        for role in ("official", "expert", "criminal", "victim"):
            for cue in dom.role_cues.get(role, []):
                pos = window.find(cue)
                if pos >= 0 and (pos == 0 or not window[pos - 1].isalpha()):
                    dist = abs(pos - window.index("|"))
                    if best is None or dist < best[0]:
                        best = (dist, role)
        return best[1] if best else None

    def _victim_of(self, start: int) -> bool:
        """The name governed by a crime noun: "the murder of X", "el secuestro de X", "extorsión a X"."""
        doc = self.doc
        i = start - 1
        skipped = 0
        while (
            i >= 1 and skipped < 2 and doc[i].is_lower and doc[i].is_alpha and doc[i].pos_ in {"NOUN", "ADJ"}
        ):
            i -= 1  # "the murder of businessman X", "el secuestro del empresario X"
            skipped += 1
        if i >= 1 and doc[i].text.lower() in self.dom.articles:
            i -= 1  # "el asesinato de la empresaria X"
        if i < 1 or doc[i].text.lower() not in {"of", "de", "del", "a", "al"}:
            return False
        noun = doc[i - 1]
        return noun.lemma_.lower() in self.dom.victim_nouns or noun.text.lower() in self.dom.victim_nouns

    def _country_in(self, cand: Candidate) -> str | None:
        """A country named inside an organization's name (demonym, country, place)."""
        toks = self.doc[cand.start : cand.end]
        for t in toks:
            code = self.dom.demonyms.get(t.text.lower())
            if code:
                return code
        for n in (2, 1):
            if len(toks) > n:
                place = self.gaz.resolve(toks[:n].text, ())
                if place is not None and place.subtype == "country":
                    return place.country
        for i in range(len(toks)):
            if toks[i].text.lower() in {"de", "del", "of"}:
                rest = toks[i + 1 :].text
                rest = rest[4:] if rest.lower().startswith("the ") else rest
                place = self.gaz.resolve(rest, self.doc_countries)
                if (
                    place
                    and place.country
                    and (place.subtype in ("country", "region") or self._top_country(place.country))
                ):
                    return place.country
        return None

    def _top_country(self, code: str) -> bool:
        """Whether ``code`` is the country the document names most (a town's name in a body's
        name is read as that country's town only: "Oficina del Pueblo" is no foreign town's)."""
        top = self.doc_countries.most_common(1)
        return bool(top) and top[0][0] == code

    def _dominant(self) -> str | None:
        if self.home:
            return self.home
        return self.doc_countries.most_common(1)[0][0] if self.doc_countries else None

    def _home_country(self, cands: list[Candidate]) -> str | None:
        """Where the story happens: the first place named (dateline, headline), its towns,
        regions and facilities, every mention of a country, its agencies' own countries."""
        votes: dict[str, float] = {}
        first = True
        for cand in cands:
            if not cand.country or cand.strength < 0.4:
                continue
            weight = 0.0
            if cand.type == "location":
                weight = 1.5 if cand.subtype in ("country", "area") else 2.0
                if first:
                    weight += 3.0
                    first = False
            elif cand.type == "organization" and cand.subtype == "agency":
                weight = 1.0
            votes[cand.country] = votes.get(cand.country, 0.0) + weight
        for code, count in self.demonym_counts.items():
            votes[code] = votes.get(code, 0.0) + 0.5 * count
        return max(votes, key=lambda code: votes[code]) if votes else None

    def _inner_nicknames(self, cands: list[Candidate]) -> None:
        """'Mario "El Gordo" Salas': a quoted nickname between a given name and a surname
        belongs to the person the surname names; the given name alone is dropped."""
        doc = self.doc
        for a, b, c in zip(cands, cands[1:], cands[2:], strict=False):
            if not (a.end + 1 == b.start and b.end + 1 == c.start):
                continue
            if doc[a.end].text not in _QUOTES or doc[b.end].text not in _QUOTES:
                continue
            if a.type not in (None, "person") or c.type not in (None, "person") or b.type == "organization":
                continue
            if not (self._person_shape(a) and self._person_shape(c)):
                continue
            b.type, b.subtype, b.alias, b.strength, b.owner = "person", None, True, 0.9, c
            a.type, a.strength = None, 0.0
            if c.type is None or c.strength < 0.6:
                c.type, c.strength = "person", 0.6

    def _countries_from_neighbours(self, cands: list[Candidate]) -> None:
        """A town or facility no gazetteer knows takes the country of the nearest place with one
        in its sentence ("Itauguá, Paraguay", "a prison in Encarnación")."""
        by_sent: dict[int, list[tuple[int, str]]] = {}
        for cand in cands:
            if cand.type == "location" and cand.country:
                by_sent.setdefault(self.sent_of[cand.start], []).append((cand.start, cand.country))
        for i, code in self.demonym_at:
            by_sent.setdefault(self.sent_of[i], []).append((i, code))  # "next to the Paraguayan capital"
        for cand in cands:
            if cand.type != "location" or cand.country or cand.subtype not in ("facility", "city", "region"):
                continue
            near = by_sent.get(self.sent_of[cand.start], [])
            if near:
                cand.country = min(near, key=lambda n: abs(n[0] - cand.start))[1]

    def _org_key(self, text: str) -> str:
        words = norm(text).split()
        while words and words[0] in {"los", "las", "the", "el", "la"} and len(words) > 1:
            if words[0] in {"los", "las"}:
                break
            words = words[1:]
        return " ".join(words)

    # ----------------------------------------------------------------- acronyms and weak names
    def _acronyms(self, cands: list[Candidate]) -> None:
        """ "Bolivian National Police (PNB)": the acronym in parentheses names the same body."""
        doc = self.doc
        by_start = {c.start: c for c in cands}
        self.acronyms: dict[str, Candidate] = {}
        self.designations: set[str] = set()
        for cand in cands:
            if cand.designation:
                # "Foreign Terrorist Organizations (FTO)": the acronym names the designation too
                j = cand.end
                if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" and j + 1 in by_start:
                    by_start[j + 1].designation = True
                    self.designations.add(doc[j + 1].text)
                continue
            facility = cand.type == "location" and cand.subtype == "facility"
            if (
                cand.type != "organization"
                and not facility
                and not (cand.type is None and cand.end - cand.start >= 2)
            ):
                continue
            j = cand.end
            if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
                inner = by_start.get(j + 1)
                acr = doc[j + 1].text
                if inner is None or not acr[:1].isupper() or acr.isdigit() or len(acr) > 12:
                    continue
                if inner.type == "location" or (inner.type == "person" and inner.alias):
                    continue
                if cand.type is None:
                    cand.type, cand.subtype, cand.strength = "organization", "other", 0.6
                    cand.key = "o:" + self._org_key(doc[cand.start : cand.end].text)
                # the acronym the text defines wins over a lexicon's reading of it
                inner.type, inner.subtype, inner.alias = cand.type, cand.subtype, True
                inner.country = cand.country or inner.country
                inner.international = cand.international
                inner.strength = max(inner.strength, 0.85)
                inner.key = cand.key
                self.acronyms[acr] = cand

    def _resolve_weak(self, cands: list[Candidate]) -> None:
        """Single names: surnames and aliases of people already named, known acronyms."""
        doc = self.doc
        persons = [c for c in cands if c.type == "person" and not c.alias and c.end - c.start >= 2]
        sense: dict[str, Candidate] = {}
        for c in cands:
            if c.type in ("organization", "location") and c.strength >= 0.7 and not c.alias:
                sense.setdefault(norm(doc[c.start : c.end].text), c)
                if c.type == "organization" and c.subtype in ("faction", "criminal_group"):
                    core = self._core(doc[c.start : c.end].text)
                    if core:
                        sense.setdefault(core, c)
        for c in cands:
            if c.strength < 0.7 and c.type in (None, "person", "organization") and not c.alias:
                src = sense.get(norm(doc[c.start : c.end].text))
                if (
                    src is not None
                    and src.key
                    and src.key.startswith("k:")
                    and not self._known(doc[c.start : c.end].text)
                ):
                    src = None  # "la República" beside the newspaper "La República"
                if (src is not None and src is not c and src.type != c.type) or (
                    src is not None and c.type == "organization" and c.key != src.key
                ):
                    assert src is not None
                    c.type, c.subtype, c.country, c.key = src.type, src.subtype, src.country, src.key
                    c.strength = 0.7
        aliases: dict[str, Candidate] = {}
        for c in cands:
            if c.type == "person" and c.alias:
                aliases[self._alias_key(doc[c.start : c.end].text)] = c
        for cand in cands:
            text = doc[cand.start : cand.end].text
            if cand.type == "organization" and text in self.acronyms and cand.key is None:
                cand.key = self.acronyms[text].key
            if (
                self._alias_key(text) in aliases
                and not cand.alias
                and cand.strength < 0.6
                and not self._group_context(cand)
            ):
                cand.type, cand.subtype, cand.key, cand.alias, cand.strength = "person", None, None, True, 0.8
                continue
            if cand.type not in (None, "person") or cand.alias:
                if cand.type == "location" and cand.end - cand.start == 1:  # noqa: SIM102
                    # a surname that is also a place ("Guerrero")
                    if self._surname_of(cand, persons) is not None and cand.strength < 0.95:
                        cand.type, cand.subtype, cand.country, cand.key = "person", None, None, None
                continue
            if text in self.acronyms:
                src = self.acronyms[text]
                cand.type, cand.subtype, cand.key, cand.alias = src.type, src.subtype, src.key, True
                cand.strength = 0.8
                continue
            key = self._alias_key(text)
            if key in aliases and cand.type is None:
                cand.type, cand.alias, cand.strength = "person", True, 0.8
                continue
            if cand.type is None or (cand.type == "person" and cand.end - cand.start <= 2):  # noqa: SIM102
                if self._surname_of(cand, persons) is not None:
                    cand.type, cand.strength = "person", 0.8
                    continue
            if cand.type is None and cand.strength > 0:
                label = self._label(cand)
                single = cand.end - cand.start == 1
                if label in _PERSON_LABELS and not (single and doc[cand.start].is_sent_start):
                    cand.type, cand.strength = "person", 0.4
                elif single and doc[cand.start].is_upper and len(text) >= 2 and self._known(text) is None:  # noqa: SIM102
                    if label in _ORG_LABELS:
                        cand.type, cand.subtype, cand.strength = "organization", "agency", 0.4
                        cand.key = "o:" + norm(text)
        self.persons = persons
        self._short_place_names(cands)

    def _short_place_names(self, cands: list[Candidate]) -> None:
        """ "Santa" after "Santa Marta": a one-word place that opens a longer place's name in
        the same text is that place, unless a lexicon knows it for itself."""
        doc = self.doc
        longer: dict[str, Candidate] = {}
        for c in cands:
            if c.type == "location" and c.end - c.start >= 2 and c.subtype != "facility":
                longer.setdefault(norm(doc[c.start].text), c)
        for c in cands:
            if c.type not in ("location", None) or c.end - c.start != 1 or c.strength >= 0.9:
                continue
            full = longer.get(norm(doc[c.start].text))
            if full is None or full is c:
                continue
            c.type, c.subtype, c.country = "location", full.subtype, full.country
            c.key = full.key or "l:" + norm(doc[full.start : full.end].text)
            c.strength = max(c.strength, 0.7)

    def _core(self, text: str) -> str:
        """An organization's name without qualifiers: demonyms, "of Chile", "faction", "Dynasty"."""
        cached = self.core_cache.get(text)
        if cached is not None:
            return cached
        words = [w for w in norm(text).split() if w not in self.core_drop]
        while words and self.gaz.resolve(words[-1], ()) is not None and len(words) > 1:
            place = self.gaz.resolve(words[-1], ())
            if place is None or place.subtype != "country":
                break
            words = words[:-1]
        core = self.core_cache[text] = " ".join(words)
        return core

    def _alias_key(self, text: str) -> str:
        words = norm(text).split()
        if len(words) > 1 and words[0] in {"el", "la"}:
            words = words[1:]
        return " ".join(words)

    def _surname_of(self, cand: Candidate, persons: list[Candidate]) -> Candidate | None:
        words = norm(self.doc[cand.start : cand.end].text).split()
        best = None
        for p in persons:
            if p is cand:
                continue
            full = self.surname_cache.get(p.start)
            if full is None:
                full = self.surname_cache[p.start] = norm(self.doc[p.start : p.end].text).split()
            if len(full) <= len(words):
                continue
            n = len(words)
            for i in range(1, len(full) - n + 1):
                if full[i : i + n] == words:  # noqa: SIM102
                    if best is None or abs(p.start - cand.start) < abs(best.start - cand.start):
                        best = p
        return best

    # ----------------------------------------------------------------- merging
    def _build(self, cands: list[Candidate]) -> list[Entity]:
        doc = self.doc
        cands = [c for c in cands if c.type is not None and c.strength >= 0.4 and c.end > c.start]
        clusters: dict[str, _Cluster] = {}
        order: list[str] = []
        alias_owner: dict[str, str] = {}
        name_owner: dict[str, str] = {}

        def cluster_for(key: str, typ: str, first: int) -> _Cluster:
            if key not in clusters:
                clusters[key] = _Cluster(key=key, type=typ, first=first)
                order.append(key)
            return clusters[key]

        # people first: full names, then their aliases, then surnames and bare aliases
        full_persons = [c for c in cands if c.type == "person" and not c.alias and c.end - c.start >= 2]
        for cand in full_persons:
            words = norm(doc[cand.start : cand.end].text).split()
            key = None
            for other_key, cl in clusters.items():
                if cl.type != "person" or _given_name_conflict(words, cl.names):
                    continue
                for name in cl.names:
                    ow = norm(name).split()
                    if ow == words or (
                        len(ow) >= 2 and len(words) >= 2 and ow[0] == words[0] and ow[-1] == words[-1]
                    ):
                        key = other_key
                        break
                    if len(words) < len(ow) and _sub(words, ow) and words[0] != ow[0]:
                        key = other_key
                        break
                    if len(words) > len(ow) and _sub(ow, words) and words[0] != ow[0]:
                        key = other_key
                        break
                if key:
                    break
            key = key or "p:" + " ".join(words)
            cand.key = key
            cluster_for(key, "person", cand.start)
            clusters[key].names.append(doc[cand.start : cand.end].text)
        # aliases introduced right after a full name ("X, alias Y") belong to it
        alias_cands = [c for c in cands if c.type == "person" and c.alias]
        anchored = [c for c in alias_cands if self._alias_anchor(c, full_persons) is not None]
        for cand in anchored + [c for c in alias_cands if c not in anchored]:
            akey = self._alias_key(doc[cand.start : cand.end].text)
            owner = alias_owner.get(akey)
            if owner is None and cand.owner is not None:
                holder = cand.owner if cand.owner.key else self._surname_of(cand.owner, full_persons)
                if holder is not None and holder.key:
                    owner = alias_owner[akey] = holder.key
            if owner is None:
                keyed = [
                    c
                    for c in alias_cands
                    if c.key and c is not cand and not self._alias_word_between(c.end, cand.start)
                ]
                if self._counted_list_before(cand):
                    keyed = []
                anchor = self._alias_anchor(cand, full_persons + keyed)
                if anchor is not None and anchor.key:
                    owner = anchor.key
                else:
                    owner = name_owner.get(akey) or "p:alias:" + akey
                alias_owner[akey] = owner
            cand.key = owner
        for cand in full_persons:
            akey = self._alias_key(doc[cand.start : cand.end].text)
            if akey in alias_owner and alias_owner[akey] != cand.key:
                old = cand.key
                cand.key, cand.alias = alias_owner[akey], True
                if old in clusters and old != cand.key and not any(c.key == old for c in full_persons):
                    del clusters[old]
                    order.remove(old)
        for cand in cands:
            if cand.type == "person" and cand.key is None:
                akey = self._alias_key(doc[cand.start : cand.end].text)
                if akey in alias_owner:
                    cand.key, cand.alias = alias_owner[akey], True
                    continue
                holder = self._surname_of(cand, full_persons)
                if holder is not None and holder.key:
                    cand.key = holder.key
                else:
                    cand.key = "p:" + " ".join(norm(doc[cand.start : cand.end].text).split())
        # organizations and places: one cluster per key; a bare known name joins its known body
        listed_with: dict[int, tuple[str | None, str | None]] = {}
        by_sent: dict[int, list[Candidate]] = {}
        groups: dict[int, list[Candidate]] = {}
        for c in cands:
            if c.type == "organization" and c.subtype == "criminal_group" and c.country:
                groups.setdefault(self.sent_of[c.start], []).append(c)
        for c in cands:
            if c.country and (
                (c.type == "location" and c.subtype == "country")
                or (c.type == "organization" and c.subtype == "agency")
            ):
                by_sent.setdefault(self.sent_of[c.start], []).append(c)
        for cand in sorted(cands, key=lambda c: c.start):
            typ = cand.type or "organization"
            key = cand.key or ("o:" if typ == "organization" else "l:") + norm(
                doc[cand.start : cand.end].text
            )
            if typ == "person":
                key = cand.key or key
            elif typ == "organization" and key not in clusters:
                key = self._org_alias_key(key, cand, clusters)
            cl = cluster_for(key, typ, cand.start)
            if cl.type != typ:
                key = key + ":" + typ
                cl = cluster_for(key, typ, cand.start)
            surface = doc[cand.start : cand.end]
            text = surface.text
            if typ == "organization" and len(surface) > 1:
                first_word = surface[0].text.lower()
                # a capitalized "La" inside a sentence belongs to the name ("La Mayiza", "La Línea")
                own_article = (
                    surface[0].is_title
                    and not self._clause_start(surface.start)
                    and not self._known(surface[1:].text)
                    and not self._has_head(surface.start + 1, surface.end)
                )
                if first_word == "the" or (
                    first_word in {"el", "la"} and cand.subtype != "media" and not own_article
                ):
                    text = surface[1:].text
            cl.mentions.append(
                Mention(
                    text=surface.text,
                    start=surface.start_char,
                    end=surface.end_char,
                    sentence=self._sent(surface.start).text.strip(),
                )
            )
            for name in [text, *cand.names]:
                if name not in cl.names:
                    cl.names.append(name)
            if cand.alias and text not in cl.aliases:
                cl.aliases.append(text)
            cl.international = cl.international or cand.international
            if cand.canonical and cl.canonical is None:
                cl.canonical = cand.canonical
            if cand.subtype and (cl.subtype is None or cand.strength > cl.strength):
                cl.subtype = cand.subtype
            if cand.country and (cl.country is None or cand.strength > cl.strength):
                cl.country = cand.country
            if typ == "organization" and cand.subtype == "faction":
                parent = self._parent_country(cand, groups)
                if parent:
                    cl.context_countries[parent] += 1
            if typ == "person":
                role = cand.role or self._role_near(cand.start, cand.end)
                code = self._demonym_near(cand)
                listed = listed_with.get(cand.start)
                if listed is not None and not cand.alias:
                    # "two officials, A and B": B shares what the words before A say
                    role, code = (cand.role or listed[0] or role), code or listed[1]
                if role:
                    cl.roles[role] += 3 if cand.role else 1
                if cand.alias:
                    cl.roles["criminal"] += 1
                if code:
                    cl.countries[code] += 1
                near = self._country_nearby(cand, by_sent)
                if near:
                    cl.context_countries[near] += 1
                nxt = cand.end + 1
                if nxt < len(doc) and doc[cand.end].text.lower() in {",", "and", "y", "e"}:
                    listed_with[nxt] = (role, code)
            cl.strength = max(cl.strength, cand.strength)
        return self._entities([clusters[k] for k in order if clusters[k].mentions])

    def _org_alias_key(self, key: str, cand: Candidate, clusters: dict[str, _Cluster]) -> str:
        """An earlier organization this one is a variant of ("Attorney General's Office" after
        "Chilean Attorney General's Office"; "Ramos Dynasty" after "Dinastía Ramos")."""
        core = self._core(self.doc[cand.start : cand.end].text)
        if not core:
            return key
        if core in _POLICE_WORDS and cand.country:
            # "the Chilean police" after "Chilean National Police": the country's police force
            for other_key, cl in clusters.items():
                same = cl.type == "organization" and cl.subtype == "agency" and cl.country == cand.country
                if same and any(set(norm(n).split()) & _POLICE_WORDS for n in cl.names):
                    return other_key
        for other_key, cl in clusters.items():
            if cl.type != "organization" or (cand.subtype and cl.subtype and cand.subtype != cl.subtype):
                continue
            if cand.country and cl.country and cand.country != cl.country:
                continue
            if any(self._core(name) == core for name in cl.names):
                return other_key
        return key

    def _alias_anchor(self, cand: Candidate, persons: list[Candidate]) -> Candidate | None:
        """The full name an alias is attached to: "Name, alias X" / "Name (a) X" / "Name, known as X"."""
        sent = self._sent(cand.start)
        best = None
        for p in persons:
            close = 0 <= cand.start - p.end <= 4
            if p.end <= cand.start and (p.start >= sent.start or close) and cand.start - p.end <= 12:
                between = self.doc[p.end : cand.start]
                if not close and any(t.text in {".", ";"} for t in between):
                    continue
                if best is None or p.end > best.end:
                    best = p
        return best

    def _counted_list_before(self, cand: Candidate) -> bool:
        """ "three bosses known as "A", "B" and "C"": a counted list names several people."""
        sent = self._sent(cand.start)
        toks = self.doc[max(sent.start, cand.start - 14) : cand.start]
        return any(
            (t.like_num and not t.text[:1].isupper()) or t.text in {"Two", "Three", "Dos", "Tres"}
            for t in toks
        )

    def _alias_word_between(self, start: int, end: int) -> bool:
        words = {t.text.lower() for t in self.doc[start:end]}
        return bool(words & {"alias", "aka", "a.k.a.", "(a)"})

    def _is_role_word(self, word: str) -> bool:
        if (word,) in self.dom.titles or word in self.dom.nationality_nouns:
            return True
        return any(
            word.startswith(cue) for cues in self.dom.role_cues.values() for cue in cues if " " not in cue
        )

    def _country_nearby(self, cand: Candidate, by_sent: dict[int, list[Candidate]]) -> str | None:
        """The country an official serves when the apposition names it: "X, the Interior
        Ministry's spokesman", "X (Ministry of ...)" (a body or country at most six words after the comma)."""
        doc = self.doc
        if cand.end >= len(doc) or doc[cand.end].text not in {",", "("}:
            return None
        for c in by_sent.get(self.sent_of[cand.start], []):
            between = doc[cand.end + 1 : c.start]
            if cand.end < c.start <= cand.end + 6 and not any(t.text in {",", ";", ")"} for t in between):
                return c.country
        return None

    def _parent_country(self, cand: Candidate, groups: dict[int, list[Candidate]]) -> str | None:
        """A faction's country: that of the nearest criminal group named in its sentence or the
        sentence before ("the two factions of the Cartel del Sur")."""
        k = self.sent_of[cand.start]
        near = [c for j in range(k, k - 4, -1) for c in groups.get(j, []) if c is not cand]
        if not near:
            # else the group the text names most
            counts = Counter(c.country for found in groups.values() for c in found if c.country)
            return counts.most_common(1)[0][0] if counts else None
        return min(near, key=lambda c: abs(c.start - cand.start)).country

    def _demonym_near(self, cand: Candidate) -> str | None:
        sent = self._sent(cand.start)
        before = self.doc[max(sent.start, cand.start - 2) : cand.start]
        after = self.doc[cand.end : min(sent.end, cand.end + 6)]
        words = [t.text.lower() for t in before]
        if words:
            code = self.dom.demonyms.get(words[-1])
            if code:
                return code
        if len(words) == 2 and self._is_role_word(words[1]):
            code = self.dom.demonyms.get(words[0])
            if code:
                return code
        if len(after) and after[0].text in {",", "("}:
            for t in after[1:]:
                if t.text in {",", ")", "."}:
                    break
                code = self.dom.demonyms.get(t.text.lower())
                if code:
                    return code
        return None

    def _entities(self, clusters: list[_Cluster]) -> list[Entity]:
        clusters.sort(key=lambda c: min(m.start for m in c.mentions))
        out: list[Entity] = []
        dominant = self._dominant()
        for cl in clusters:
            cl.mentions.sort(key=lambda m: m.start)
            names = self._order_names(cl)
            if not names:
                continue
            role = None
            country = cl.country
            subtype = cl.subtype
            if cl.type == "person":
                subtype = None
                role = cl.roles.most_common(1)[0][0] if cl.roles else "criminal"
                if role == "official" and cl.aliases:
                    role = "criminal"  # "his former boss, X, nicknamed Y": an underworld title
                country = cl.countries.most_common(1)[0][0] if cl.countries else None
                if country is None and role == "official":
                    near = cl.context_countries.most_common(1)
                    country = near[0][0] if near else dominant
            elif cl.type == "organization":
                subtype = subtype or "other"
                if country is None and subtype in ("agency", "criminal_group") and not cl.international:
                    country = dominant
                elif country is None and subtype == "faction" and cl.context_countries:
                    country = cl.context_countries.most_common(1)[0][0]
                elif country is None and subtype == "media" and not cl.key.startswith("k:"):
                    country = dominant  # an outlet the lexicons do not know: the story's own
            else:
                subtype = subtype or "city"
            aliases = [a for a in cl.aliases if a in names]
            conf = min(0.99, cl.strength + 0.05 * (len(cl.mentions) - 1))
            out.append(
                Entity(
                    id=f"e{len(out) + 1}",
                    type=cl.type,  # type: ignore[arg-type]
                    names=names,
                    subtype=subtype,
                    aliases=aliases,
                    country=country,
                    role=role,
                    mentions=cl.mentions,
                    confidence=round(conf, 3),
                )
            )
        return out

    def _order_names(self, cl: _Cluster) -> list[str]:
        seen: dict[str, str] = {}
        for name in ([cl.canonical] if cl.canonical else []) + cl.names:
            clean = _clean_name(name)
            key = norm(clean)
            if key and key not in seen:
                seen[key] = clean
        names = list(seen.values())
        if cl.type == "person":
            full = [n for n in names if n not in cl.aliases]
            full.sort(key=lambda n: -len(n.split()))
            rest = [n for n in names if n in cl.aliases]
            names = full + rest if full else rest
        elif cl.canonical is None:
            names.sort(key=lambda n: (-(n.isupper() is False), -len(n)))
        return names


def _ends_with_cue(text: str, cues: set[tuple[str, ...]]) -> bool:
    text = text.rstrip(" ,:")
    for cue in cues:
        phrase = " ".join(cue)
        if text.endswith(phrase) and (len(text) == len(phrase) or not text[-len(phrase) - 1].isalnum()):
            return True
    return False


def _given_name_conflict(words: list[str], names: list[str]) -> bool:
    """Two full names that share surnames but not given names are different people
    (brothers "Juan Pérez Gómez" and "Luis Pérez Gómez")."""
    for name in names:
        other = norm(name).split()
        if len(other) < 3 and len(words) < 3:
            continue
        if other[0] != words[0] and not _sub(other, words) and not _sub(words, other):
            return True
    return False


def _sub(short: list[str], long: list[str]) -> bool:
    """``short``'s words appear in ``long`` in order."""
    it = iter(long)
    return all(w in it for w in short)


def _clean_name(name: str) -> str:
    text = name.strip().strip(_QUOTES).strip()
    if re.search(r"\s[IVX]+\.$", text):
        text = text[:-1]
    if text.lower().startswith("the "):
        text = text[4:]
    if text.isupper() and len(text) > 4 and " " not in text:
        text = text.title() if strip_accents(text).isalpha() else text
    return " ".join(text.split())


__all__ = ["Candidate", "Span", "find_entities"]
