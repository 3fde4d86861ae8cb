"""User actor and agent dictionaries: TABARI/PETRARCH text files and our JSONL format."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.matcher import Matcher

from polybius.actors.dictionaries import (
    CodeSpell,
    DictionaryError,
    UserActor,
    UserAgent,
    read_actor_dictionary,
    read_agent_dictionary,
    regular_plural,
    token_patterns,
)
from polybius.errors import PolybiusError

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "petrarch"


def write(tmp_path: Path, text: str, name: str = "actors.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def actors(tmp_path: Path, text: str, name: str = "actors.txt") -> list[UserActor]:
    return read_actor_dictionary(write(tmp_path, text, name))


def agents(tmp_path: Path, text: str, name: str = "agents.txt") -> list[UserAgent]:
    return read_agent_dictionary(write(tmp_path, text, name))


def by_first_phrase(entries: list) -> dict:
    return {" ".join(entry.phrases[0]): entry for entry in entries}


# --------------------------------------------------------------------------- TABARI actors


def test_simple_entries_words_and_synonyms(tmp_path: Path) -> None:
    found = actors(
        tmp_path,
        "FREEDONIA [FRD]\n"
        "+FREEDONIAN\n"
        "+RUFUS_T._FIREFLY  # the president\n"
        "+FREEDONIAN PARLIAMENT\n"
        "NEW_SYLVANIA  [NSY]\n"
        "GRAND DUCHY OF_MARSOVIA [MRS]\n"
        "AL-ZORBA_BRIGADE [ZRB]\n",
    )
    assert [a.phrases for a in found] == [
        (("freedonia",), ("freedonian",), ("rufus", "t.", "firefly"), ("freedonian", "parliament")),
        (("new", "sylvania"),),
        (("grand", "duchy", "of", "marsovia"),),
        (("al-zorba", "brigade"),),
    ]
    assert found[0].codes == (CodeSpell("FRD", None, None),)
    assert found[0].code_on(None) == "FRD"
    assert found[0].code_on(date(1933, 11, 17)) == "FRD"


def test_comments_hash_and_blocks(tmp_path: Path) -> None:
    found = actors(
        tmp_path,
        "<!-- FICTIONAL ACTORS -->\n"
        "<!--\n"
        "# a block spanning lines\n"
        "SHOULD_NOT_APPEAR [XXX]\n"
        "-->\n"
        "# SYLVANIA_OLD [SYO]\n"
        "\n"
        "SYLVANIA [SYL] # ambassador Trentino's country\n"
        "+SYLVANIAN #another comment\n"
        "<! -- sloppy opening -->\n"
        "MARSOVIA <!-- inline --> [MRS]\n",
    )
    assert by_first_phrase(found).keys() == {"sylvania", "marsovia"}
    assert by_first_phrase(found)["sylvania"].phrases == (("sylvania",), ("sylvanian",))


def test_unclosed_comment_block_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "FREEDONIA [FRD]\n<!-- never closed\nSYLVANIA [SYL]\n")
    with pytest.raises(DictionaryError, match=rf"{re.escape(str(path))}:2: .*never closed"):
        read_actor_dictionary(path)


def test_codes_on_following_lines(tmp_path: Path) -> None:
    found = actors(
        tmp_path,
        "MARSOVIA_INTERNATIONAL_\n+MARSINT\n\t[IGOMRS]  # code after the synonyms\nTRENTINO\n\t[SYLGOV]\n",
    )
    assert [(a.phrases, a.code_on(None)) for a in found] == [
        ((("marsovia", "international"), ("marsint",)), "IGOMRS"),
        ((("trentino",),), "SYLGOV"),
    ]


def test_date_restrictions_all_forms(tmp_path: Path) -> None:
    found = by_first_phrase(
        actors(
            tmp_path,
            "FIREFLY [FRDGOV 330101-351231]\n"
            "TRENTINO [SYLGOV >330601]\n"
            "MRS_TEASDALE [FRDELI <340101]\n"
            "ZEPPO [FRDMIL 19450101 - 20291231]\n",
        )
    )
    assert found["firefly"].codes == (CodeSpell("FRDGOV", date(1933, 1, 1), date(1935, 12, 31)),)
    assert found["trentino"].codes == (CodeSpell("SYLGOV", date(1933, 6, 1), None),)
    # "<" is strictly before the day.
    assert found["mrs teasdale"].codes == (CodeSpell("FRDELI", None, date(1933, 12, 31)),)
    assert found["zeppo"].codes == (CodeSpell("FRDMIL", date(1945, 1, 1), date(2029, 12, 31)),)

    assert found["firefly"].code_on(date(1934, 5, 1)) == "FRDGOV"
    assert found["firefly"].code_on(date(1933, 1, 1)) == "FRDGOV"
    assert found["firefly"].code_on(date(1935, 12, 31)) == "FRDGOV"
    assert found["firefly"].code_on(date(1936, 1, 1)) is None
    assert found["trentino"].code_on(date(1933, 5, 31)) is None
    assert found["trentino"].code_on(date(1933, 6, 1)) == "SYLGOV"
    assert found["mrs teasdale"].code_on(date(1933, 12, 31)) == "FRDELI"
    assert found["mrs teasdale"].code_on(date(1934, 1, 1)) is None


def test_two_digit_years_pivot_at_2030(tmp_path: Path) -> None:
    late, early = actors(tmp_path, "FREEDONIA [FRD >291231]\nSYLVANIA [SYL >300101]\n")
    assert late.codes[0].start == date(2029, 12, 31)
    assert early.codes[0].start == date(1930, 1, 1)


def test_several_codes_over_time(tmp_path: Path) -> None:
    (entry,) = actors(
        tmp_path,
        "FREEDONIA [FRDOLD <330101] [FRD >330101]\n",
    )
    assert entry.code_on(date(1932, 12, 31)) == "FRDOLD"
    assert entry.code_on(date(1933, 1, 1)) == "FRD"
    assert entry.code_on(None) == "FRD"  # no unrestricted spell: the last one


def test_restricted_spells_before_the_default(tmp_path: Path) -> None:
    (entry,) = actors(
        tmp_path,
        "RUFUS_FIREFLY [FRD]  # default\n"
        "\t[FRDCIV <330101]\n"
        "\t[FRDREB 330301-330310]  # listed first, so it wins over the next\n"
        "\t[FRDGOV 330101-351231]\n",
    )
    assert entry.code_on(None) == "FRD"
    assert entry.code_on(date(1930, 1, 1)) == "FRDCIV"
    assert entry.code_on(date(1933, 3, 5)) == "FRDREB"
    assert entry.code_on(date(1934, 1, 1)) == "FRDGOV"
    assert entry.code_on(date(1950, 1, 1)) == "FRD"


def test_not_an_actor_blocks_the_phrase(tmp_path: Path) -> None:
    found = by_first_phrase(
        actors(
            tmp_path,
            "FREEDONIA_FREEDOM_FRIES [---]\nDUKE OF SYLVANIA\n\t[--- <330101]\n\t[SYLELI]\n",
        )
    )
    blocker = found["freedonia freedom fries"]
    assert blocker.codes == (CodeSpell(None, None, None),)
    assert blocker.code_on(None) is None
    assert found["duke of sylvania"].code_on(date(1932, 6, 1)) is None
    assert found["duke of sylvania"].code_on(date(1933, 6, 1)) == "SYLELI"


def test_lower_case_codes_are_upper_cased(tmp_path: Path) -> None:
    (entry,) = actors(tmp_path, "SYLVANIAN [syl]\n")
    assert entry.code_on(None) == "SYL"


def test_exact_end_versus_stem(tmp_path: Path) -> None:
    found = actors(tmp_path, "FREEDON [FRD]\n+FREEDONIA_\nSYLVANIA_ [SYL]\n+SYLVAN\n")
    assert [a.exact_end for a in found] == [(False, True), (True, False)]


# --------------------------------------------------------------------------- TABARI agents


def test_agents_plurals_and_positions(tmp_path: Path) -> None:
    found = by_first_phrase(
        agents(
            tmp_path,
            "BORDER_WARDEN [~BRD]   # regular plural\n"
            "GRAND_VIZIER {GRAND_VIZIERS VIZIERS_GRAND} [~GOV]\n"
            "MINISTRY OF PEACE [~GOV]\n"
            "DUCAL_PRESS [~MED]\n"
            "SECRET_POLICE {} [ ~COP]\n"
            "DUKE_GOOSE {DUKE_GEESE} [~ELI]\n"
            "FREEDOM_BRANCH [~OPP]\n"
            "TAX_BOX [~BUS]\n"
            "RELIEF_SOCIETY  [  NGO~]  # prefix\n"
            "ENVOY  [~gov]\n",
        )
    )
    assert found["border warden"] == UserAgent(
        phrases=(("border", "warden"), ("border", "wardens")), code="BRD", position="suffix"
    )
    assert found["grand vizier"].phrases == (("grand", "vizier"), ("grand", "viziers"), ("viziers", "grand"))
    assert found["ministry of peace"].phrases[1] == ("ministry", "of", "peaces")  # TABARI: the last word
    assert found["ducal press"].phrases[1] == ("ducal", "presses")
    assert found["secret police"].phrases == (("secret", "police"),)
    assert found["secret police"].code == "COP"
    assert found["duke goose"].phrases == (("duke", "goose"), ("duke", "geese"))
    assert found["freedom branch"].phrases[1] == ("freedom", "branches")
    assert found["tax box"].phrases[1] == ("tax", "boxes")
    assert found["relief society"] == UserAgent(
        phrases=(("relief", "society"), ("relief", "societies")), code="NGO", position="prefix"
    )
    assert found["envoy"].phrases[1] == ("envoys",)
    assert found["envoy"].code == "GOV"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("warden",), ("wardens",)),
        (("duchy",), ("duchies",)),
        (("envoy",), ("envoys",)),
        (("congress",), ("congresses",)),
        (("marsh",), ("marshes",)),
        (("church",), ("churches",)),
        (("tax",), ("taxes",)),
    ],
)
def test_regular_plural(words: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert regular_plural(words) == expected


def test_agent_macros(tmp_path: Path) -> None:
    found = agents(
        tmp_path,
        "!GUARD! = MAN, MEN, WOMAN, WOMEN\n"
        "!OFFICE! = MINISTER, MINISTERS\n"
        "BORDER!GUARD! [~BRD]\n"
        "!OFFICE!_OF_DUCKS {} [~GOV]\n"
        "!OFFICE!_OF_!GUARD! [~GOV]\n",
    )
    assert found[0].phrases == (("borderman",), ("bordermen",), ("borderwoman",), ("borderwomen",))
    assert found[1].phrases == (("minister", "of", "ducks"), ("ministers", "of", "ducks"))
    assert len(found[2].phrases) == 8
    assert ("ministers", "of", "women") in found[2].phrases


def test_undefined_macro_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "!GUARD! = MAN, MEN\nBORDER!GARD! [~BRD]\n", "agents.txt")
    with pytest.raises(DictionaryError, match=rf"{re.escape(str(path))}:2: macro !GARD! is not defined"):
        read_agent_dictionary(path)


# --------------------------------------------------------------------------- our JSONL format


def test_jsonl_actors(tmp_path: Path) -> None:
    found = actors(
        tmp_path,
        '{"phrases": ["Freedonia", "Freedonian"], "code": "FRD"}\n'
        "\n"
        "# a comment line\n"
        '{"phrases": ["Sylvan*"], "code": "syl", "start": "1933-01-01", "end": "1933-12-31"}\n'
        '{"phrases": ["Freedonia Freedom Fries"], "code": null}\n',
        "actors.jsonl",
    )
    assert found[0] == UserActor(
        phrases=(("freedonia",), ("freedonian",)), exact_end=(True, True), codes=(CodeSpell("FRD", None, None),)
    )
    assert found[1].exact_end == (False,)
    assert found[1].phrases == (("sylvan",),)
    assert found[1].codes == (CodeSpell("SYL", date(1933, 1, 1), date(1933, 12, 31)),)
    assert found[1].code_on(date(1934, 1, 1)) is None
    assert found[2].code_on(None) is None


def test_jsonl_agents(tmp_path: Path) -> None:
    found = agents(
        tmp_path,
        '{"phrases": ["border warden", "border wardens"], "agent": "BRD"}\n'
        '{"phrases": ["relief society"], "agent": "ngo", "position": "prefix"}\n',
        "agents.jsonl",
    )
    assert found == [
        UserAgent(phrases=(("border", "warden"), ("border", "wardens")), code="BRD", position="suffix"),
        UserAgent(phrases=(("relief", "society"),), code="NGO", position="prefix"),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"phrases": ["Freedonia"], "code": "FRD"', "malformed JSON"),
        ('["Freedonia"]', "expected a JSON object"),
        ('{"phrases": [], "code": "FRD"}', "non-empty list"),
        ('{"phrases": ["Freedonia"]}', "missing 'code'"),
        ('{"phrases": ["Freedonia"], "code": "FRD", "country": "FRD"}', "unknown key"),
        ('{"phrases": ["Freedonia"], "code": "FRD", "start": "1933-13-01"}', "'start' must be a YYYY-MM-DD"),
        ('{"phrases": ["Freedonia"], "code": "FR D"}', "'code' must be a code"),
        ('{"phrases": ["Freedonia"], "agent": "GOV"}', "agent entry"),
    ],
)
def test_jsonl_actor_errors(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path, '{"phrases": ["Sylvania"], "code": "SYL"}\n' + line + "\n", "actors.jsonl")
    with pytest.raises(DictionaryError, match=rf"{re.escape(str(path))}:2: .*{reason}"):
        read_actor_dictionary(path)


def test_jsonl_agent_errors(tmp_path: Path) -> None:
    path = write(tmp_path, '{"phrases": ["vizier"], "agent": "GOV", "position": "middle"}\n', "agents.jsonl")
    with pytest.raises(DictionaryError, match=rf"{re.escape(str(path))}:1: 'position'"):
        read_agent_dictionary(path)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("FREEDONIA [FRD]\nSYLVANIA [SYL\n", 2, "missing ']'"),
        ("FREEDONIA [FRD]\nSYLVANIA SYL]\n", 2, "']' without '\\['"),
        ("FREEDONIA [FRD]\nSYLVANIA [SYL] MARSOVIA\n", 2, "unexpected text"),
        ("FREEDONIA [FRD 331301-341231]\n", 1, "bad date"),
        ("FREEDONIA [FRD 341231-330101]\n", 1, "ends before it starts"),
        ("FREEDONIA [FRD331231-341231]\n", 1, "bad code"),
        ("FREEDONIA [331231-341231]\n", 1, "bad code"),
        ("FREEDONIA [FRD =331231]\n", 1, "bad code"),
        ("FREEDONIA [FRD]\n\nSYLVANIA\nMARSOVIA [MRS]\n", 3, "no \\[CODE\\]"),
        ("FREEDONIA\n", 1, "no \\[CODE\\]"),
        ("+FREEDONIAN\nFREEDONIA [FRD]\n", 1, "synonym line before any actor"),
        ("\t[FRD]\nFREEDONIA [FRD]\n", 1, "code line before any actor"),
        ("FREEDONIA [FRD]\n+FREEDONIAN [FRD]\n", 2, "cannot carry a code"),
        ("FREEDONIA [FRD]\n[]\n", 2, "bad code"),
    ],
)
def test_actor_errors_name_file_and_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DictionaryError, match=rf"{re.escape(str(path))}:{line}: .*{reason}") as raised:
        read_actor_dictionary(path)
    assert isinstance(raised.value, PolybiusError)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("VIZIER [~GOV]\nWARDEN [~BRD\n", 2, "missing ']'"),
        ("WARDEN\n", 1, "no \\[~CODE\\]"),
        ("WARDEN [BRD]\n", 1, "bad agent code"),
        ("WARDEN {WARDENS [~BRD]\n", 1, "missing '}'"),
        ("!GUARD! = \n", 1, "no alternatives"),
    ],
)
def test_agent_errors_name_file_and_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = write(tmp_path, text, "agents.txt")
    with pytest.raises(DictionaryError, match=rf"{re.escape(str(path))}:{line}: .*{reason}"):
        read_agent_dictionary(path)


def test_missing_file_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read"):
        read_actor_dictionary(tmp_path / "nowhere.txt")


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_bytes(b"FREEDONIA [FRD]\nSYLVANIA\xff [SYL]\n")
    with pytest.raises(DictionaryError, match=rf"{re.escape(str(path))}:2: not valid UTF-8"):
        read_actor_dictionary(path)


# --------------------------------------------------------------------------- spaCy patterns


@pytest.fixture(scope="module")
def blank_nlp():
    return spacy.blank("en")


def matches(nlp, words: tuple[str, ...], exact_end: bool, text: str) -> list[str]:
    matcher = Matcher(nlp.vocab)
    matcher.add("PHRASE", [token_patterns(words, exact_end)])
    doc = nlp(text)
    return [doc[start:end].text for _, start, end in matcher(doc)]


def test_token_patterns_shape() -> None:
    assert token_patterns(("freedonia",), True) == [{"LOWER": "freedonia"}]
    assert token_patterns(("new", "sylvan"), False) == [{"LOWER": "new"}, {"LOWER": {"REGEX": "^sylvan"}}]
    assert token_patterns(("al-zorba", "brigade"), True) == [
        {"LOWER": "al"},
        {"LOWER": "-"},
        {"LOWER": "zorba"},
        {"LOWER": "brigade"},
    ]
    assert token_patterns(("al-zorba",), False)[-1] == {"LOWER": {"REGEX": "^zorba"}}
    assert token_patterns(("g-7",), True) == [{"LOWER": "g-7"}]  # spaCy keeps "G-7" whole
    assert token_patterns(("r.t.",), False) == [{"LOWER": {"REGEX": r"^r\.t\."}}]


def test_stem_matches_longer_words(blank_nlp) -> None:
    text = "Freedonian troops entered Sylvania. FREEDONIA protested."
    assert matches(blank_nlp, ("freedon",), False, text) == ["Freedonian", "FREEDONIA"]
    assert matches(blank_nlp, ("freedonia",), True, text) == ["FREEDONIA"]
    assert matches(blank_nlp, ("sylvania",), True, text) == ["Sylvania"]
    assert matches(blank_nlp, ("sylvan",), True, text) == []


def test_hyphenated_and_multiword_patterns(blank_nlp) -> None:
    text = "Al-Zorba Brigades fighters crossed into New Sylvania; al-Zorba denied it."
    assert matches(blank_nlp, ("al-zorba", "brigade"), False, text) == ["Al-Zorba Brigades"]
    assert matches(blank_nlp, ("al-zorba", "brigade"), True, text) == []
    assert matches(blank_nlp, ("al-zorba",), True, text) == ["Al-Zorba", "al-Zorba"]
    assert matches(blank_nlp, ("new", "sylvan"), False, text) == ["New Sylvania"]


def test_dictionary_entries_drive_the_matcher(tmp_path: Path, blank_nlp) -> None:
    found = actors(tmp_path, "FREEDON [FRD]\n+RUFUS_T._FIREFLY_\nSYLVANIA_ [SYL]\n")
    matcher = Matcher(blank_nlp.vocab)
    for index, actor in enumerate(found):
        patterns = [token_patterns(words, exact) for words, exact in zip(actor.phrases, actor.exact_end, strict=True)]
        matcher.add(str(index), patterns)
    doc = blank_nlp("Rufus T. Firefly sent Freedonian troops into Sylvania and Sylvanians fled.")
    coded = [(doc[s:e].text, found[int(blank_nlp.vocab.strings[m])].code_on(None)) for m, s, e in matcher(doc)]
    assert coded == [("Rufus T. Firefly", "FRD"), ("Freedonian", "FRD"), ("Sylvania", "SYL")]


# --------------------------------------------------------------------------- the real reference files


def test_reference_petrarch_dictionaries_parse() -> None:
    actors_file = REFERENCE / "PETR.Validate.actors.txt"
    agents_file = REFERENCE / "PETR.Validate.agents.txt"
    if not (actors_file.is_file() and agents_file.is_file()):
        pytest.skip(f"PETRARCH reference dictionaries not found in {REFERENCE}")
    found_actors = read_actor_dictionary(actors_file)
    found_agents = read_agent_dictionary(agents_file)
    assert len(found_actors) > 100
    assert len(found_agents) > 40
    assert all(actor.phrases and actor.codes for actor in found_actors)
    assert all(agent.phrases and agent.code for agent in found_agents)
