"""User actor and agent dictionaries: the TABARI/PETRARCH text format and our own JSONL format.

The parser is chosen by file suffix: ``.jsonl`` is ours, anything else is TABARI/PETRARCH.

TABARI/PETRARCH actors (``PHRASE [CODE]``)
    * Words are joined by ``_`` or spaces: ``NEW_ZEALAND [NZE]``, ``CARAS GALADHON [ELF]``.
    * Lines starting with ``+`` add synonym phrases to the entry above them.
    * The codes may follow the phrase or stand on their own (usually indented) lines after the
      phrase and its synonyms. An entry may carry several codes, each optionally restricted in time:
      ``[CODE 770101-120812]`` (from–to, both days included), ``[CODE >770101]`` (from that day on),
      ``[CODE <120812]`` (strictly before that day, so ``[AAA <950101] [BBB >950101]`` gives BBB on
      1 January 1995). Dates are YYMMDD (00–29 → 20xx, else 19xx) or YYYYMMDD.
    * ``[---]`` means "not an actor": the entry is kept with code ``None`` so it blocks the phrase.
    * Codes are upper-cased (``[pse]`` → ``PSE``).
    * A phrase ending with ``_`` (``ARNOR_``) matches only the whole last word; otherwise the last
      word is a stem (``ARGENTIN`` matches Argentina and Argentine): ``UserActor.exact_end``.

TABARI/PETRARCH agents (``PHRASE {PLURALS} [~CODE]``)
    * ``[~CODE]`` appends the code after the actor's (``GOV`` → ``ARNGOV``); ``[CODE~]`` prepends it.
    * ``{PLURAL1 PLURAL2}`` lists the plurals (space-separated, words joined by ``_``); ``{}`` means
      there is no regular plural. Without braces the plural is made from the last word: ``+S``, or
      ``+ES`` after S/SH/CH/X, or ``Y`` → ``IES`` after a consonant (after a vowel just ``+S``).
    * ``!NAME! = A, B, C`` defines a macro; a phrase containing ``!NAME!`` stands for one phrase per
      alternative (``CONGRESS!PERSON!`` → CONGRESSMAN, CONGRESSMEN, …). The alternatives already
      spell out the plurals they want, so no regular plural is added to a phrase that uses a macro.
      Macros must be defined before they are used; they work in actor files too.

Both: ``#`` starts a comment running to the end of the line, ``<!-- … -->`` (or ``<! -- … -->``)
blocks are comments and may span lines, blank lines are ignored.

Our JSONL format: one JSON object per line (blank lines and lines starting with ``#`` ignored)::

    {"phrases": ["Freedonia", "Freedonian"], "code": "FRD"}
    {"phrases": ["Freedonia"], "code": "FRDOLD", "start": "1950-01-01", "end": "1999-12-31"}
    {"phrases": ["Rufus T. Firefly"], "code": null}
    {"phrases": ["border warden", "border wardens"], "agent": "BRD"}
    {"phrases": ["grand vizier"], "agent": "GOV", "position": "prefix"}

An object with ``"code"`` is an actor (``null`` blocks the phrases; optional ISO ``"start"`` and
``"end"`` dates, both included); one with ``"agent"`` is an agent, appended to the actor code
unless ``"position": "prefix"``. Phrases match whole words as written (no plurals are made: list
them), except that an actor phrase ending in ``*`` matches any word starting with its last word
(``"Freedon*"``). Entries for a given day are chosen by ``UserActor.code_on``.

Malformed input raises ``DictionaryError("path:line: reason")``.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from polybius.errors import PolybiusError

Position = Literal["suffix", "prefix"]


class DictionaryError(PolybiusError):
    """A user actor or agent dictionary could not be read; the message names file and line."""


@dataclass(frozen=True)
class CodeSpell:
    """A code and the days it applies to (``None`` bounds are open); code ``None`` blocks the phrase."""

    code: str | None
    start: date | None = None
    end: date | None = None

    @property
    def restricted(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class UserActor:
    """An actor entry: its phrases (tuples of lower-case words) and its codes over time."""

    phrases: tuple[tuple[str, ...], ...]
    exact_end: tuple[bool, ...]
    codes: tuple[CodeSpell, ...]

    def code_on(self, day: date | None) -> str | None:
        """The code valid on ``day``: the first date-restricted spell covering it, else the
        unrestricted spell, else ``None``. Without a day: the unrestricted spell, else the last one."""
        default = next((s for s in reversed(self.codes) if not s.restricted), None)
        if day is None:
            spell = default or (self.codes[-1] if self.codes else None)
            return spell.code if spell else None
        for spell in self.codes:
            if spell.restricted and spell.covers(day):
                return spell.code
        return default.code if default else None


@dataclass(frozen=True)
class UserAgent:
    """An agent entry: phrases (singular and plural forms) and the code added to the actor's code."""

    phrases: tuple[tuple[str, ...], ...]
    code: str
    position: Position


# --------------------------------------------------------------------------- public API


def read_actor_dictionary(path: str | Path) -> list[UserActor]:
    """The actors of a TABARI/PETRARCH file, or of our JSONL format when ``path`` ends in ``.jsonl``."""
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        return [_json_actor(obj, path, number) for number, obj in _json_lines(path)]
    return _tabari_actors(path)


def read_agent_dictionary(path: str | Path) -> list[UserAgent]:
    """The agents of a TABARI/PETRARCH file, or of our JSONL format when ``path`` ends in ``.jsonl``."""
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        return [_json_agent(obj, path, number) for number, obj in _json_lines(path)]
    return _tabari_agents(path)


_HYPHEN_SPLIT = re.compile(r"(?<=[^\W\d_])([-–—])(?=[^\W\d_])")


def spacy_pieces(word: str) -> list[str]:
    """The spaCy English tokens of one dictionary word: hyphens between letters are split off."""
    return [piece for piece in _HYPHEN_SPLIT.split(word) if piece]


def token_patterns(words: tuple[str, ...], exact_end: bool) -> list[dict]:
    """A spaCy ``Matcher`` pattern for a phrase: the last word is a prefix unless ``exact_end``."""
    pieces = [piece for word in words for piece in spacy_pieces(word)]
    pattern: list[dict] = [{"LOWER": piece} for piece in pieces]
    if pattern and not exact_end:
        pattern[-1] = {"LOWER": {"REGEX": "^" + re.escape(pieces[-1])}}
    return pattern


# --------------------------------------------------------------------------- shared helpers


def _fail(path: Path, number: int, reason: str) -> DictionaryError:
    return DictionaryError(f"{path}:{number}: {reason}")


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise _fail(path, line, f"not valid UTF-8 ({exc.reason})") from exc
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def _strip_comments(lines: list[str], path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text without comments) for every line; ``<!-- -->`` blocks may span lines."""
    in_block, block_line = False, 0
    for number, line in enumerate(lines, start=1):
        kept, rest = [], line
        while rest:
            if in_block:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                    continue
                in_block, rest = False, rest[end + 3 :]
                continue
            hash_at, block_at = rest.find("#"), rest.find("<!")
            if hash_at >= 0 and (block_at < 0 or hash_at < block_at):
                kept.append(rest[:hash_at])
                break
            if block_at >= 0:
                kept.append(rest[:block_at])
                in_block, block_line, rest = True, number, rest[block_at + 2 :]
                continue
            kept.append(rest)
            break
        yield number, "".join(kept)
    if in_block:
        raise _fail(path, block_line, "comment '<!--' is never closed with '-->'")


_MACRO_DEF = re.compile(r"^!(?P<name>[A-Za-z0-9_]+)!\s*=\s*(?P<alternatives>.*)$")
_MACRO_USE = re.compile(r"!([A-Za-z0-9_]+)!")


def _define_macro(text: str, macros: dict[str, list[str]], path: Path, number: int) -> None:
    found = _MACRO_DEF.match(text)
    if not found:
        raise _fail(path, number, f"bad macro definition {text!r} (expected '!NAME! = A, B, C')")
    alternatives = [a.strip() for a in found["alternatives"].split(",") if a.strip()]
    if not alternatives:
        raise _fail(path, number, f"macro !{found['name']}! has no alternatives")
    macros[found["name"].upper()] = alternatives


def _expand(text: str, macros: dict[str, list[str]], path: Path, number: int) -> list[str]:
    """Every spelling of ``text`` with its ``!NAME!`` macros replaced by their alternatives."""
    names = _MACRO_USE.findall(text)
    if not names:
        return [text]
    for name in names:
        if name.upper() not in macros:
            raise _fail(path, number, f"macro !{name}! is not defined")
    pieces = _MACRO_USE.split(text)  # literal, name, literal, name, ..., literal
    choices = [[piece] if i % 2 == 0 else macros[piece.upper()] for i, piece in enumerate(pieces)]
    return ["".join(combo) for combo in itertools.product(*choices)]


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in re.split(r"[_\s]+", text) if word)


def _phrase(text: str, path: Path, number: int) -> tuple[tuple[str, ...], bool]:
    text = text.strip()
    if any(ch in text for ch in "[]{}"):
        raise _fail(path, number, f"unexpected bracket in phrase {text!r}")
    words = _words(text)
    if not words:
        raise _fail(path, number, "empty phrase")
    return words, text.endswith("_")


# --------------------------------------------------------------------------- TABARI actors

_BRACKETS = re.compile(r"\s*\[([^\[\]]*)\]")
_DAY = r"\d{6}|\d{8}"
_SPELL = re.compile(
    rf"^(?P<code>---|[A-Za-z0-9+/]+)"
    rf"(?:\s*(?P<op>[<>])\s*(?P<day>{_DAY})|\s+(?P<start>{_DAY})\s*-\s*(?P<end>{_DAY}))?$"
)


def _day(text: str, path: Path, number: int) -> date:
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 29 else 1900 + year}{text[2:]}"
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as exc:
        raise _fail(path, number, f"bad date {text!r} ({exc})") from exc


def _spell(text: str, path: Path, number: int) -> CodeSpell:
    found = _SPELL.match(text.strip())
    if not found or found["code"].isdigit():
        raise _fail(
            path, number, f"bad code [{text}] (expected [CODE], [CODE >YYMMDD], [CODE <YYMMDD] or [CODE YYMMDD-YYMMDD])"
        )
    code = None if found["code"] == "---" else found["code"].upper()
    if found["op"] == ">":
        return CodeSpell(code, _day(found["day"], path, number), None)
    if found["op"] == "<":
        return CodeSpell(code, None, _day(found["day"], path, number) - timedelta(days=1))
    if found["start"]:
        start, end = _day(found["start"], path, number), _day(found["end"], path, number)
        if end < start:
            raise _fail(path, number, f"date range [{text}] ends before it starts")
        return CodeSpell(code, start, end)
    return CodeSpell(code)


def _split_codes(text: str, path: Path, number: int) -> tuple[str, list[str]]:
    """The text before the first ``[`` and the contents of the bracket groups after it."""
    head, bracket, tail = text.partition("[")
    if not bracket:
        if "]" in head:
            raise _fail(path, number, "']' without '['")
        return head, []
    groups, rest = [], bracket + tail
    while rest.strip():
        found = _BRACKETS.match(rest)
        if not found:
            if "[" in rest and "]" not in rest.split("[", 1)[1]:
                raise _fail(path, number, "missing ']'")
            raise _fail(path, number, f"unexpected text {rest.strip()!r} among the codes")
        groups.append(found[1])
        rest = rest[found.end() :]
    return head, groups


@dataclass
class _Entry:
    number: int
    phrases: list[tuple[tuple[str, ...], bool]]
    codes: list[CodeSpell]


def _finish(entry: _Entry | None, path: Path) -> UserActor | None:
    if entry is None:
        return None
    if not entry.codes:
        raise _fail(path, entry.number, "actor entry has no [CODE]")
    unique = list(dict.fromkeys(entry.phrases))
    return UserActor(
        phrases=tuple(words for words, _ in unique),
        exact_end=tuple(exact for _, exact in unique),
        codes=tuple(entry.codes),
    )


def _tabari_actors(path: Path) -> list[UserActor]:
    actors: list[UserActor] = []
    macros: dict[str, list[str]] = {}
    entry: _Entry | None = None
    for number, text in _strip_comments(_read_lines(path), path):
        stripped = text.strip()
        if not stripped:
            continue
        if stripped.startswith("!") and _MACRO_DEF.match(stripped):
            _define_macro(stripped, macros, path, number)
            continue
        head, groups = _split_codes(stripped, path, number)
        codes = [_spell(group, path, number) for group in groups]
        if stripped.startswith("+") or not head.strip():
            if entry is None:
                what = "synonym" if stripped.startswith("+") else "code"
                raise _fail(path, number, f"{what} line before any actor phrase")
            if stripped.startswith("+"):
                if codes:
                    raise _fail(path, number, "a '+' synonym line cannot carry a code")
                entry.phrases += [_phrase(p, path, number) for p in _expand(head[1:], macros, path, number)]
            entry.codes += codes
            continue
        if (actor := _finish(entry, path)) is not None:
            actors.append(actor)
        phrases = [_phrase(p, path, number) for p in _expand(head, macros, path, number)]
        entry = _Entry(number, phrases, codes)
    if (actor := _finish(entry, path)) is not None:
        actors.append(actor)
    return actors


# --------------------------------------------------------------------------- TABARI agents

_AGENT_LINE = re.compile(r"^(?P<phrase>[^\[\]{}]+?)\s*(?:\{(?P<plurals>[^{}\[\]]*)\})?\s*\[(?P<code>[^\[\]]*)\]$")
_AGENT_CODE = re.compile(r"^(?:~\s*(?P<suffix>[A-Za-z0-9]+)|(?P<prefix>[A-Za-z0-9]+)\s*~)$")


def regular_plural(words: tuple[str, ...]) -> tuple[str, ...]:
    """TABARI's regular plural of a phrase: the last word takes S, ES or IES."""
    last = words[-1]
    if re.search(r"(s|sh|ch|x)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return (*words[:-1], last)


def _agent_code(text: str, path: Path, number: int) -> tuple[str, Position]:
    found = _AGENT_CODE.match(text.strip())
    if not found:
        raise _fail(path, number, f"bad agent code [{text}] (expected [~CODE] or [CODE~])")
    if found["suffix"]:
        return found["suffix"].upper(), "suffix"
    return found["prefix"].upper(), "prefix"


def _agent(text: str, macros: dict[str, list[str]], path: Path, number: int) -> UserAgent:
    found = _AGENT_LINE.match(text)
    if not found:
        if "[" not in text:
            reason = "agent entry has no [~CODE]"
        elif text.count("[") != text.count("]"):
            reason = "missing ']'"
        elif text.count("{") != text.count("}"):
            reason = "missing '}'"
        else:
            reason = f"cannot read agent entry {text!r}"
        raise _fail(path, number, reason)
    code, position = _agent_code(found["code"], path, number)
    spellings = _expand(found["phrase"], macros, path, number)
    phrases = [_phrase(s, path, number)[0] for s in spellings]
    if found["plurals"] is not None:
        for item in found["plurals"].split():
            phrases += [_phrase(s, path, number)[0] for s in _expand(item, macros, path, number)]
    elif len(spellings) == 1:
        phrases.append(regular_plural(phrases[0]))
    return UserAgent(phrases=tuple(dict.fromkeys(phrases)), code=code, position=position)


def _tabari_agents(path: Path) -> list[UserAgent]:
    agents: list[UserAgent] = []
    macros: dict[str, list[str]] = {}
    for number, text in _strip_comments(_read_lines(path), path):
        stripped = text.strip()
        if not stripped:
            continue
        if stripped.startswith("!") and "=" in stripped:
            _define_macro(stripped, macros, path, number)
            continue
        agents.append(_agent(stripped, macros, path, number))
    return agents


# --------------------------------------------------------------------------- our JSONL format

_ACTOR_KEYS = {"phrases", "code", "start", "end"}
_AGENT_KEYS = {"phrases", "agent", "position"}


def _json_lines(path: Path) -> Iterator[tuple[int, dict]]:
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(path, number, f"malformed JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise _fail(path, number, "expected a JSON object")
        yield number, obj


def _json_phrases(obj: dict, path: Path, number: int) -> list[tuple[tuple[str, ...], bool]]:
    phrases = obj.get("phrases")
    if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) for p in phrases):
        raise _fail(path, number, "'phrases' must be a non-empty list of strings")
    result = []
    for text in phrases:
        stem = text.rstrip().endswith("*")
        words = _words(text.rstrip().removesuffix("*"))
        if not words:
            raise _fail(path, number, f"empty phrase {text!r}")
        result.append((words, not stem))
    return list(dict.fromkeys(result))


def _json_keys(obj: dict, allowed: set[str], path: Path, number: int) -> None:
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise _fail(path, number, f"unknown key(s) {', '.join(map(repr, unknown))}")


def _json_code(value: object, key: str, path: Path, number: int) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9]+", value):
        raise _fail(path, number, f"{key!r} must be a code of letters and digits, not {value!r}")
    return value.upper()


def _json_date(obj: dict, key: str, path: Path, number: int) -> date | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(path, number, f"{key!r} must be a YYYY-MM-DD date, not {value!r}")


def _json_actor(obj: dict, path: Path, number: int) -> UserActor:
    if "agent" in obj:
        raise _fail(path, number, "an agent entry ('agent') in an actor dictionary")
    _json_keys(obj, _ACTOR_KEYS, path, number)
    if "code" not in obj:
        raise _fail(path, number, "missing 'code' (use null to block the phrases)")
    phrases = _json_phrases(obj, path, number)
    code = None if obj["code"] is None else _json_code(obj["code"], "code", path, number)
    start, end = _json_date(obj, "start", path, number), _json_date(obj, "end", path, number)
    if start and end and end < start:
        raise _fail(path, number, "'end' is before 'start'")
    return UserActor(
        phrases=tuple(words for words, _ in phrases),
        exact_end=tuple(exact for _, exact in phrases),
        codes=(CodeSpell(code, start, end),),
    )


def _json_agent(obj: dict, path: Path, number: int) -> UserAgent:
    if "code" in obj:
        raise _fail(path, number, "an actor entry ('code') in an agent dictionary")
    _json_keys(obj, _AGENT_KEYS, path, number)
    if "agent" not in obj:
        raise _fail(path, number, "missing 'agent'")
    position = obj.get("position", "suffix")
    if position not in ("suffix", "prefix"):
        raise _fail(path, number, f"'position' must be 'suffix' or 'prefix', not {position!r}")
    phrases = _json_phrases(obj, path, number)
    if not all(exact for _, exact in phrases):
        raise _fail(path, number, "agent phrases cannot end in '*' (list the forms instead)")
    return UserAgent(
        phrases=tuple(words for words, _ in phrases),
        code=_json_code(obj["agent"], "agent", path, number),
        position=position,
    )
