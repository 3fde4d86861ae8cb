"""Mentions to coded actors: noun-phrase composition, people and in-document coreference.

A noun phrase is read as a whole: "Russia's UN ambassador" is Russia's (the first owner in
the phrase wins, the UN is where he serves), a government official (the role); "Syrian
President Bashar al-Assad" is SYR GOV; "Turkish and Iranian talks" names two actors. Role
words without an owner ("the rebels", "police") take the article's focus country, the country
the article is about. People introduced with a title or apposition are remembered by surname
for the rest of the article, and "he"/"she"/"it" refer back to the last person or state.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from polybius.actors.dictionaries import UserActor, UserAgent
from polybius.actors.knowledge import ActorKnowledge, Piece
from polybius.actors.schema import PersonEntry, sector_is
from polybius.geo import place_name
from polybius.lang import word_class
from polybius.nlp.entities import entities_in, entity_at
from polybius.records import Actor

# Dependents that belong to the noun phrase of their head (modifiers, names, appositions); the
# coder also uses it to skip them when it lists mentions (they are read with their head).
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "flat", "nn"})
# Common nouns read as they are met, for later pronouns: subjects, and what acts are done to.
_OBSERVED_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative"})
# "signed a deal in Havana": where something happened, not who did it.
_VENUE_PREPS = word_class("venue_prepositions")
_LOCATIVE = word_class("place_or_topic_prepositions")
# How far back (characters) a pronoun looks for its antecedent: about two paragraphs.
_PRONOUN_REACH = 800
_PERSON_PRONOUNS = word_class("person_pronouns")
_GROUP_PRONOUNS = word_class("group_pronouns")
_JOINT = word_class("joint_adverbs")
# Heads that count or group the actors named in their "of" phrase: "thousands of protesters".
_PARTITIVE = word_class("partitive_heads")
# Geographic features named after a country belong to no one: "the Sea of Japan", "Gulf of Aden".
_GEOGRAPHIC = word_class("geographic_feature_nouns")
# Prepositions that say whose a role is: "the president of France", "the government in Kinshasa".
_ROLE_OWNER_PREPS = word_class("role_owner_prepositions")
OF = frozenset({"of"})
#: Owner prepositions for targets of material events: the place attacked or aided is the target.
PLACE_OWNER_PREPS = word_class("place_owner_prepositions")


@dataclass(frozen=True)
class Mention:
    """An actor found at a place in the text (character offsets within the article)."""

    actor: Actor
    start: int
    end: int
    person: bool = False
    # Owned through a possessive pronoun ("its soldiers", "their envoy"): the owner is the actor
    # the pronoun refers to.
    possessive: bool = False


@dataclass
class ArticleActors:
    """Actor resolution for one article: knowledge, its focus country, and memory of people."""

    knowledge: ActorKnowledge
    date: str | None
    # Gazetteer: (place name, countries of the article) → ISO3 of the best match.
    place_country: Callable[[str, frozenset[str], bool], str | None] = lambda name, countries, regions: None
    focus_country: str | None = None
    _pieces: dict[int, tuple[int, int, Piece]] = field(default_factory=dict)  # token → its phrase
    # Surname / full name → (character position where introduced, actor), in text order.
    _people: dict[str, list[tuple[int, Actor]]] = field(default_factory=dict)
    # Actors in text order (character position, actor, is a person), for pronouns.
    _history: list[tuple[int, Actor, bool]] = field(default_factory=list)
    _recorded: set[tuple[int, Actor, bool]] = field(default_factory=set)  # the history's entries
    _countries: frozenset[str] = frozenset()
    # True only while ``read`` reads the article: then mentions and people are recorded.
    _recording: bool = False

    def read(self, paragraphs: Sequence[Span], sentences: Sequence[Span]) -> None:
        """Read an article once: its knowledge phrases, its focus country, then its sentences in
        order, so that people and the antecedents of pronouns are known. After this the reading
        never changes: resolving an event's arguments looks it up, in any order."""
        if not paragraphs:
            return
        doc = paragraphs[0].doc
        article = " ".join(p.text for p in paragraphs)
        starts = [p.start for p in paragraphs]
        found: list[list[tuple[int, int, Piece]]] = [[] for _ in paragraphs]
        for start, end, piece in self._article_pieces(doc, article):
            number = bisect_right(starts, start) - 1
            if number >= 0 and end <= paragraphs[number].end:  # not in a headline or dateline
                found[number].append((start, end, piece))
        for pieces in found:
            for start, end, piece in pieces:
                for i in range(start, end):
                    self._pieces[i] = (start, end, piece)
        # A capital's name is itself a place to resolve ("Tripoli"): its country is no evidence.
        self._countries = frozenset(p.country for _, _, p in self._pieces.values() if p.country and p.kind != "capital")
        self.focus_country = self._focus(paragraphs, found)
        self._recording = True
        for sentence in sentences:
            self._observe(sentence)
        self._recording = False

    def _article_pieces(self, doc: Doc, article: str) -> list[tuple[int, int, Piece]]:
        """Knowledge phrases of the article, read in the light of its coded text: a country
        name inside a person's name ("Michael Jordan") is no country, and ambiguous names
        ("Georgia") follow the article's cues."""
        pieces = []
        for start, end, piece in self.knowledge.pieces(doc):
            span = doc[start:end]
            if piece.kind == "country" and span.root.ent_type_ == "PERSON" and _in_longer_entity(span):
                continue
            decided = self.knowledge.disambiguate(piece, span.text, article)
            if decided is not None:
                pieces.append((start, end, decided))
        return pieces

    def _focus(self, paragraphs: Sequence[Span], found: list[list[tuple[int, int, Piece]]]) -> str | None:
        """The country the article is about: named as a place or topic ("the Syria conflict", "in
        Syria"), owning domestic actors ("Syrian rebels"), or where its towns are. A tie goes to
        the country named first."""
        topics: defaultdict[str, float] = defaultdict(float)  # weighted: a town may be a mere venue
        mentions: Counter[str] = Counter()
        first: dict[str, int] = {}
        countries = self.countries()
        for paragraph, pieces in zip(paragraphs, found, strict=True):
            doc = paragraph.doc
            roles = {i: p for s, e, p in pieces if p.kind == "role" for i in range(s, e)}
            for start, end, piece in pieces:
                token = doc[end - 1]
                if piece.country:
                    first.setdefault(piece.country, start)
                if piece.kind in ("country", "adjective") and _is_topic(token, roles.keys()):
                    topics[piece.country or ""] += 2 if _is_locative(token) else 1
                elif piece.kind == "adjective" and sector_is(_sector_of(roles.get(token.head.i)), "home_only"):
                    topics[piece.country or ""] += 1
            for piece in {p for _, _, p in pieces if p.country}:  # tie-breaker: any mention (a sum)
                mentions[piece.country or ""] += 1
            covered = {i for s, e, _ in pieces for i in range(s, e)}
            for start, name in _place_names(paragraph, covered):  # towns and regions (or only venues) named
                country = self.place_country(name, countries, True)
                if country:
                    topics[country] += 0.5
                    first.setdefault(country, start)
        ranked = sorted(set(topics) | set(mentions), key=lambda c: first.get(c, 0))
        return max(ranked, key=lambda c: (topics[c] + mentions[c] / 2, mentions[c])) if ranked else None

    def countries(self) -> frozenset[str]:
        """Every country the article mentions (context for place disambiguation)."""
        return self._countries

    def countries_in(self, span: Span) -> frozenset[str]:
        """The countries a stretch of the article names ("Lebanese troops" → LBN), capitals aside."""
        pieces = (self._pieces.get(t.i) for t in span)
        return frozenset(h[2].country for h in pieces if h and h[2].country and h[2].kind != "capital")

    def placed(self, mention: Mention, country: str) -> Mention:
        """An actor known only by a role that acts at home ("protesters", "police", "rebels") takes
        the country where its event happened ("protesters in Bissau" → GNB); one with a country or an
        organisation, or of a role that acts abroad too (aid agencies, media), keeps its own."""
        actor = mention.actor
        if actor.country is not None or actor.org is not None or actor.code != actor.sector:
            return mention
        if not sector_is(actor.sector, "home_only"):
            return mention
        code = Actor.make_code(country, actor.sector, None, None)
        return replace(mention, actor=replace(actor, country=country, code=code))

    def adjectives(self) -> list[tuple[int, int, str]]:
        """Every nationality adjective of the article ("Turkish troops"): first token, end token, country."""
        pieces = self._pieces.values()
        found = {(start, end, piece.country) for start, end, piece in pieces if piece.kind == "adjective"}
        return sorted((start, end, country) for start, end, country in found if country)

    def names_actor(self, span: Span) -> bool:
        """Does a stretch name an organisation, person or metonym ("Hamas", "the Kremlin")?"""
        pieces = (self._pieces.get(t.i) for t in span)
        return any(h and h[2].kind in ("org", "person", "metonym") for h in pieces)

    def resolve(
        self, token: Token, *, owner_preps: frozenset[str] = OF, regions: bool = False
    ) -> list[Mention]:
        """The actors a token names: itself with its conjuncts and "along with" partners.

        ``regions``: a region stands for its country too ("struck targets across the Gaza Strip"),
        as the target of force; otherwise only towns do ("the ceasefire in Karabakh" has none)."""
        heads = [token, *token.conjuncts] if token.dep_ != "conj" else [token]
        phrases = [c for c in token.children if c.dep_ == "prep"]
        if token.dep_ == "nsubj":
            # "Russia, along with Iran, is…": the parser often hangs the partner on the verb.
            verb = token.head
            phrases += [c for c in verb.children if c.dep_ == "prep" and token.i < c.i < verb.i]
        heads += [partner for phrase in phrases for partner in _joint_partners(phrase)]
        mentions: list[Mention] = []
        for head in heads:
            mentions += self.phrase(head, owner_preps=owner_preps, regions=regions)
        return mentions

    def phrase(
        self, head: Token, *, owner_preps: frozenset[str] = OF, regions: bool = False
    ) -> list[Mention]:
        """The actors of the noun phrase headed by ``head`` (several when owners are coordinated).

        ``owner_preps`` are the prepositions whose object may say whose the phrase is: "of" for
        "the president of France"; also "in" for the target of an attack ("its offensive in
        southern Lebanon" is against Lebanon); none for an event noun ("the backer of Assad",
        where the "of" phrase is the target).
        """
        if head.pos_ == "PRON" and head.lower_ not in _PARTITIVE:
            return self._pronoun(head)
        if head.lemma_.lower() in _PARTITIVE or head.pos_ == "NUM":
            counted = [
                g
                for p in head.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj"
            ]
            if counted:
                return self.phrase(counted[0], owner_preps=owner_preps, regions=regions)
        tokens = _np_tokens(head)
        pieces = self._phrase_pieces(tokens)
        owners = [(s, e, p) for s, e, p in pieces if p.owner]
        roles = [p for _, _, p in pieces if not p.owner]
        if not owners and _is_name(head) and (known := self._person(head)):
            return [self._mention(known, head, head, person=True)]
        if not owners and not owner_preps and roles and all(getattr(r.entry, "instrument", False) for r in roles):
            return []  # "a drone attack": the drone is the means, not who attacked
        follower = bool(roles) and all(getattr(r.entry, "follower", False) for r in roles)
        if not owners and follower and (backed := self._backers(head, tokens)):
            return backed
        if not owners and owner_preps and head.lemma_.lower() not in _GEOGRAPHIC:
            owners = self._of_owners(head, owner_preps)  # not "the Sea of Japan"
        if not owners:
            owners = self._possessive_pronoun_owner(head) if roles else self._known_possessor(head)
        if not owners and roles and (earlier := self._described(head, roles)):
            return [earlier]
        if not owners and not roles:
            return self._unknown_person(head, tokens) or (
                self._place_actor(head, owner_preps, regions) if owner_preps else []
            )
        if owners and all(p.kind == "capital" for _, _, p in owners) and _is_place_phrase(head):
            # "signed a deal in Havana": the capital is where, not the Cuban government.
            owners = [(s, e, Piece("place", p.name, country=p.country)) for s, e, p in owners]
        groups = _coordinated(owners) if owners else [[]]
        span_start = min(t.i for t in tokens)
        first, last = head.doc[span_start], head.doc[max(t.i for t in tokens)]
        return [
            self._mention(actor, first, last, person=actor_is_person)
            for group in groups
            for actor, actor_is_person in [self._compose(group, roles, head, tokens)]
            if actor is not None
        ]

    def _backers(self, head: Token, tokens: list[Token]) -> list[Mention]:
        """ "supporters of the former president", "loyalists of the ousted leader": the followers of a
        person or government are its country's civilians; those of a party or group are that group."""
        found: list[Mention] = []
        for backed in self._of_phrase_actors(head):
            actor = backed.actor
            if backed.person or sector_is(actor.sector, "leadership"):
                code = Actor.make_code(actor.country, "CVL", None, None)
                actor = replace(actor, code=code, sector="CVL", org=None, name=f"supporters of {actor.name}")
            first = head.doc[min(t.i for t in tokens)]
            found.append(self._mention(actor, first, head))
        return found

    def _of_phrase_actors(self, head: Token) -> list[Mention]:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return self.phrase(pobj)
        return []

    def _phrase_pieces(self, tokens: list[Token]) -> list[tuple[int, int, Piece]]:
        found: dict[tuple[int, int], Piece] = {}
        for token in tokens:
            hit = self._pieces.get(token.i)
            if hit:
                found[(hit[0], hit[1])] = hit[2]
        return [(s, e, p) for (s, e), p in sorted(found.items())]

    def _of_owners(self, head: Token, owner_preps: frozenset[str]) -> list[tuple[int, int, Piece]]:
        """Owners named in an "of" phrase: "the president of France", "leaders of Iran"; for role
        words also "in"/"from": "the government in Kinshasa", "diplomats from Peru"."""
        is_role = self._pieces.get(head.i, (0, 0, None))[2] is not None
        allowed = owner_preps | (_ROLE_OWNER_PREPS if is_role else frozenset())
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in allowed:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        # "the foreign ministers of Iran and Turkey": each conjunct is an owner.
                        names = [c for c in pobj.conjuncts if c.pos_ == "PROPN"]  # not "… and X's envoy"
                        tokens = [t for head in (pobj, *names) for t in _np_tokens(head)]
                        pieces = self._phrase_pieces(tokens)
                        owners = [x for x in pieces if x[2].owner]
                        if owners:
                            return owners
        return []

    def _before(self, here: int) -> Iterator[tuple[Actor, bool]]:
        """Actors mentioned before a position, nearest first, within a pronoun's reach."""
        # The reading holds the whole article: start from the last mention before ``here``.
        for position, actor, person in reversed(self._history[: bisect_left(self._history, here, key=_position)]):
            if here - position > _PRONOUN_REACH:
                return
            yield actor, person

    def _described(self, head: Token, roles: list[Piece]) -> Mention | None:
        """ "the envoy", "the group": a definite description of an actor named shortly before."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or head.tag_ == "NNS":
            return None
        words = {r.name for r in roles}
        here = head.idx
        for actor, person in self._before(here):
            named_role = any(w in actor.text.lower() for w in words) and actor.text.lower() != head.text.lower()
            if (person and named_role) or (not person and "group" in words and actor.org):
                return Mention(replace(actor, text=head.text), here, here + len(head.text), person)
        return None

    def _possessive_pronoun_owner(self, head: Token) -> list[tuple[int, int, Piece]]:
        """ "its soldiers", "their envoy": the owner is the state or group the pronoun refers to."""
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                for mention in self._pronoun(child):
                    return [(child.i, child.i + 1, self._owner_piece(mention.actor))]
        return []

    def _known_possessor(self, head: Token) -> list[tuple[int, int, Piece]]:
        """ "Nkurunziza's candidacy": a person introduced earlier owns what is theirs."""
        for child in head.children:
            if child.dep_ == "poss" and _is_name(child) and (known := self._person(child)):
                return [(child.i, child.i + 1, replace(self._owner_piece(known), sector=known.sector))]
        return []

    def _owner_piece(self, actor: Actor) -> Piece:
        """The owner a pronoun or a known name stands for, with what it is: its organisation's
        entry (an armed group keeps its sector) and, for an organised group, its sector."""
        prefix = self.knowledge.org_prefix(actor.org)
        entry = self.knowledge.organisations.get(actor.org or "")
        sector = actor.sector if _organised_group(actor.sector) else None
        return Piece("pronoun", actor.name, actor.country, sector, actor.org, prefix, entry=entry)

    def _compose(
        self, owners: list[tuple[int, int, Piece]], roles: list[Piece], head: Token, tokens: list[Token]
    ) -> tuple[Actor | None, bool]:
        """One actor from the owner pieces of a group and the phrase's role words."""
        owner = owners[0][2] if owners else None
        person = next((p for _, _, p in owners if p.kind == "person"), None)
        specific = [r for r in roles if not r.generic and r.sector] or [r for r in roles if r.sector]
        role = specific[0] if specific else None
        country = owner.country if owner else None
        org_piece = next((p for _, _, p in owners if p.org), None)
        if org_piece and country and org_piece.prefix in ("IGO", "NGO"):
            org_piece = None  # "Russia's UN ambassador" serves Russia: RUSGOV, not RUSGOVUNO
        org = org_piece.org if org_piece else None
        # An armed group keeps its own sector ("Islamic State fighters" stay INS, not REB); a party
        # in power takes the role ("the Baath regime" is GOV).
        armed = org_piece is not None and getattr(org_piece.entry, "kind", None) == "armed_group"
        # "The rebels said their commander…": an organised group's people are of the group, as in
        # "the rebels' commander"; a state's ("its soldiers") and a people's take their role.
        group = owner is not None and owner.kind == "pronoun" and owner.sector is not None
        sector = (org_piece.sector if armed and org_piece and org_piece.sector else None) or (
            owner.sector if group and owner else role.sector if role else (owner.sector if owner else None)
        )
        prefix = owner.prefix if owner else None
        name = owner.name if owner else (role.name if role else head.text)
        if owner is not None and isinstance(owner.entry, UserActor):
            return self._user_actor(owner.entry, role, head, tokens)
        if person is not None and isinstance(person.entry, PersonEntry):
            spell_country, spell_sector, spell_org = person_role(person.entry, self.date)
            country = country if owner is not person else spell_country
            sector = sector if role else spell_sector
            org = org or spell_org
            prefix = prefix if country else self.knowledge.org_prefix(spell_org)
            name = person.name
        elif owner is None and sector_is(sector, "domestic"):
            country = self.focus_country
        if country is None and org is None and sector is None:
            return None, False
        if org and country is None and prefix is None:
            prefix = "IGO"
        # Without a country the code is prefix + organisation (IGOUNO, IMGISIS); the sector
        # stays in its own field. An actor with a role only is coded by its sector.
        code_sector = sector if (country or not (org or prefix)) else None
        text = head.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1].text
        # A proper name with a role word is a person: "Kazakh diplomat Aliya Bekova", "the chief
        # negotiator, Tomas Verner"; the name as written is remembered for later mentions.
        owned = {i for s, e, _ in owners for i in range(s, e)}
        role_words = {r.name.lower() for r in roles}  # "the Nigerian Union": "Union" is the role, no name
        names = [
            t
            for t in tokens
            if _is_name(t)
            and (t.dep_ not in ("compound", "poss") or t.i == head.i)
            and t.i not in owned
            and t.lower_ not in role_words
            and t.lemma_.lower() not in role_words
        ]
        is_person = person is not None or (role is not None and bool(names))
        actor = Actor(
            text=text,
            name=name,
            code=Actor.make_code(country, code_sector, org, prefix),
            country=country,
            sector=sector,
            org=org,
        )
        if is_person:
            self._remember_person(actor, names, head.doc[min(t.i for t in tokens)].idx)
        return actor, is_person

    def _user_actor(
        self, entry: UserActor, role: Piece | None, head: Token, tokens: list[Token]
    ) -> tuple[Actor | None, bool]:
        """An actor from a user dictionary: its code on the article date, with the agent's code."""
        code = entry.code_on(date.fromisoformat(self.date) if self.date else None)
        if code is None:
            return None, False  # "[---]": the phrase is known not to be an actor
        agent = role.entry if role and isinstance(role.entry, UserAgent) else None
        sector = role.sector if role else None
        if sector:
            code = sector + code if agent and agent.position == "prefix" else code + sector
        country = code[:3] if code[:3] in self.knowledge.countries else None
        text = head.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1].text
        actor = Actor(text=text, name=" ".join(entry.phrases[0]).title(), code=code, country=country, sector=sector)
        return actor, False

    def _remember_person(self, actor: Actor, names: list[Token], position: int) -> None:
        """Remember a person by their surname, so that a later "Nebenzia" finds them."""
        if self._recording:
            for name in names:
                insort(self._people.setdefault(name.text, []), (position, actor), key=lambda p: p[0])

    def _person(self, name: Token) -> Actor | None:
        """The person last introduced under this name before it, if any."""
        here = name.idx
        earlier = [actor for position, actor in self._people.get(name.text, []) if position <= here]
        return earlier[-1] if earlier else None

    def _unknown_person(self, head: Token, tokens: list[Token]) -> list[Mention]:
        """A name not in our lists: known only if introduced earlier in the article."""
        if not _is_name(head):
            return []
        known = self._person(head)
        return [self._mention(known, head, head, person=True)] if known else []

    def place_mentions(self, token: Token) -> list[Mention]:
        """The country a place of force stands for: the place itself, or the town or region its
        "of"/"in" phrase names ("villages of North Kivu", "targets across the Gaza Strip")."""
        return self._place_actor(token, PLACE_OWNER_PREPS, regions=True)

    def _place_actor(self, head: Token, owner_preps: frozenset[str], regions: bool) -> list[Mention]:
        """A town as an actor stands for its country: "shelled the town of Izium" → UKR."""
        inside = [g for p in _preps(head, owner_preps) for g in p.children if g.dep_ == "pobj"]
        for token in [head, *inside]:
            # The small model often takes a town for a facility ("districts of Kharkiv").
            if token.ent_type_ in ("GPE", "LOC", "FAC") and token.pos_ == "PROPN":
                name = place_name(token) or token.text
                country = self.place_country(name, self.countries(), regions)
                if country:
                    # The mention covers the whole name as written ("Gaza Strip"), ending at the token.
                    # (The sentence's text, not the Doc's: Doc.text is rebuilt on every call.)
                    sentence = token.sent
                    written, base = sentence.text, sentence.start_char
                    end = token.idx + len(token.text)
                    start = end - len(name) if written[end - len(name) - base : end - base] == name else token.idx
                    text = written[start - base : end - base]
                    actor = Actor(text=text, name=name, code=country, country=country)
                    return [Mention(actor, start, end)]
        return []

    def _pronoun(self, token: Token) -> list[Mention]:
        """The last person ("he", "she") or state/group ("it", "its") named before the pronoun."""
        lower = token.lower_
        wants_person = lower in _PERSON_PRONOUNS
        if not wants_person and lower not in _GROUP_PRONOUNS:
            return []
        here = token.idx
        for actor, person in self._before(here):
            if person == wants_person and (person or actor.country or actor.org):
                return [Mention(replace(actor, text=token.text), here, here + len(token.text), person)]
        return []

    def _mention(self, actor: Actor, first: Token, last: Token, person: bool = False) -> Mention:
        """A mention as written here ("Nebenzia"), of an actor possibly introduced earlier."""
        actor = replace(actor, text=first.doc[first.i : last.i + 1].text)
        possessive = first.dep_ == "poss" and first.pos_ == "PRON"
        mention = Mention(actor, first.idx, last.idx + len(last.text), person, possessive)
        recorded = self._recording and first.pos_ != "PRON"
        if recorded and (mention.start, actor, person) not in self._recorded:
            self._recorded.add((mention.start, actor, person))
            insort(self._history, (mention.start, actor, person), key=_position)
        return mention

    def _observe(self, sentence: Span) -> None:
        """Read a sentence's noun phrases in order, so people and pronouns are known to later ones."""
        for token in sentence:
            # Names, and subjects that are common nouns ("Iraq's interim government announced that
            # it…"): what a later "it" or "he" may refer to.
            if token.dep_ not in NP_DEPS and (
                token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.dep_ in _OBSERVED_DEPS)
            ):
                self.phrase(token)
            elif token.dep_ == "poss" and token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
                self.phrase(token)  # "President Pierre Nkurunziza's candidacy"


def person_role(person: PersonEntry, on: str | None) -> tuple[str | None, str | None, str | None]:
    """(country, sector, org) of a person on a date: the role held then, else the nearest one.

    Before their first role a person is coded by country only; after their last, by country
    with the CAMEO sector ELI (former elites).
    """
    spells = sorted(person.roles, key=lambda r: r.start)
    if not spells:
        return None, None, None
    if on is None:
        current = spells[-1]
        return current.country, current.sector, current.org
    for spell in spells:
        if spell.start <= on and (spell.end is None or on <= spell.end):
            return spell.country, spell.sector, spell.org
    if on < spells[0].start:
        return spells[0].country, None, spells[0].org
    return spells[-1].country, "ELI" if spells[-1].country else None, spells[-1].org


def _joint_partners(prep: Token) -> list[Token]:
    """Who a joint phrase adds to an actor: "along with Iran", "alongside Germany", "together with
    Qatar" (the parser hangs "together" on the "with")."""
    def objects_of(token: Token) -> list[Token]:
        return [g for g in token.children if g.dep_ == "pobj"]

    if prep.lower_ in _JOINT:
        return objects_of(prep) + [g for w in prep.children if w.lower_ == "with" for g in objects_of(w)]
    if prep.lower_ == "with" and any(c.dep_ == "advmod" and c.lower_ in _JOINT for c in prep.children):
        return objects_of(prep)
    return []


def _organised_group(sector: str | None) -> bool:
    """A sector of groups whose people are of the group: neither the state nor a population."""
    return sector is not None and not sector_is(sector, "state") and not sector_is(sector, "population")


def _position(entry: tuple[int, Actor, bool]) -> int:
    return entry[0]


def _sector_of(piece: Piece | None) -> str | None:
    return piece.sector if piece else None


def _is_name(token: Token) -> bool:
    """A proper name, even where the small model tags it as a common noun ("Verner" as NOUN)."""
    return token.pos_ == "PROPN" or (token.ent_type_ == "PERSON" and token.is_title)


def _in_longer_entity(span: Span) -> bool:
    entity = entity_at(span[0])
    return entity is not None and entity.start <= span.start and span.end <= entity.end and len(entity) > len(span)


def _preps(token: Token, names: frozenset[str]) -> list[Token]:
    return [p for p in token.children if p.dep_ == "prep" and p.lower_ in names]


def _np_tokens(head: Token) -> list[Token]:
    """The head and its noun-phrase dependents (with coordinated modifiers: "Turkish and Iranian")."""
    tokens = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            inside = child.dep_ in NP_DEPS or (child.dep_ == "conj" and token.i != head.i)
            if inside and child not in tokens:
                tokens.append(child)
                stack.append(child)
    return tokens


def _coordinated(owners: list[tuple[int, int, Piece]]) -> list[list[tuple[int, int, Piece]]]:
    """Split owner pieces into one group per coordinated owner ("Turkish and Iranian" → two)."""
    countries = [o for o in owners if o[2].kind in ("country", "adjective", "capital", "demonym")]
    distinct = {o[2].country for o in countries}
    if len(distinct) > 1 and len(countries) == len(owners):
        return [[o] for o in countries]
    return [owners]


def _is_topic(token: Token, roles: Iterable[int]) -> bool:
    """Is a country mention about a place or topic ("the Syria conflict", "in Syria") rather than
    an acting state ("Syria said") or an owner of a role ("Syrian troops")?"""
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "agent"):
        return False
    if token.dep_ in ("compound", "poss", "amod"):
        return token.head.i not in roles
    if token.dep_ == "pobj" and any(token in _joint_partners(p) for p in (token.head, token.head.head)):
        return False  # "Russia, along with Iran, …": a partner that acts
    return token.dep_ == "pobj"


def _place_names(paragraph: Span, covered: set[int]) -> list[tuple[int, str]]:
    """Names of places in a paragraph, each once with its first token: GPE/LOC entities and
    proper nouns after "in", "near"…"""
    names = [(e.start, e.text) for e in entities_in(paragraph) if e.label_ in ("GPE", "LOC") and e.start not in covered]
    names += [(t.i, t.text) for t in paragraph if t.pos_ == "PROPN" and t.i not in covered and _is_locative(t)]
    first: dict[str, int] = {}
    for i, name in sorted(names):
        first.setdefault(name, i)
    return [(i, name) for name, i in first.items()]


def _is_place_phrase(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in _VENUE_PREPS


def _is_locative(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE
