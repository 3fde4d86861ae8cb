"""The coder on hand-written sentences: syntax, actors, modality (our own examples)."""

from __future__ import annotations

import pytest

from polybius.coder import code_text

# (text, publication date, expected events as (source prefix, root or code, target prefix))
CASES = [
    ("Turkish troops shelled Kurdish positions near Afrin.", [("TURMIL", "19", None)]),
    ("Rebels were attacked by Syrian government forces in Idlib.", [("SYRMIL", "19", "SYRREB")]),
    ("Three journalists were arrested by Iraqi police in Basra.", [("IRQCOP", "173", "IRQMED")]),
    ("Russia and Iran condemned the Israeli air strike.", [("RUS", "11", None), ("IRN", "11", None)]),
    (
        "Kenya accused Somalia and Ethiopia of violating the border.",
        [("KEN", "112", "SOM"), ("KEN", "112", "ETH")],
    ),
    ("The French president met Chinese President Xi Jinping in Beijing.", [("FRAGOV", "04", "CHNGOV")]),
    ("Egypt urged Israel to release the prisoners.", [("EGY", "0253", "ISR")]),
    ("Uganda expelled two Congolese diplomats on Friday.", [("UGA", "16", "COD")]),
    # The reporting "said" is no event of its own; "its" has no antecedent yet, so the troops are bare MIL.
    ("Its troops shelled the town, the army said.", [("MIL", "19", None)]),
    ("Thousands of Kenyan protesters marched in Nairobi.", [("KENCVL", "14", None)]),
    ("The government in Kinshasa accused Rwanda of backing the rebels.", [("CODGOV", "112", "RWA")]),
    ("Russian warplanes bombed the town of Izium.", [("RUSMIL", "195", "UKR")]),
    ("Mexico vowed to cooperate with the United States.", [("MEX", "03", "USA")]),
    ("France threatened to impose sanctions on Iran.", [("FRA", "1312", "IRN")]),
    ("Moscow imposed sanctions on Ukraine.", [("RUSGOV", "16", "UKR")]),
    # An announced refusal of a cooperative act is a rejection (12x), shown by default.
    ("Jordan said it would not accept more refugees from Syria.", [("JOR", "12", None)]),
    # An act announced under "unless" is an ultimatum; a conditional modal act a threat.
    ("Kenya will withdraw its troops from Somalia unless the African Union pays them.", [("KEN", "139", "SOM")]),
    ("The European Union may suspend trade talks with Turkey if the crackdown continues.", [("IGOEU", "13", "TUR")]),
    # A purpose clause passes its subject down; a control infinitive carries the intent.
    ("The UN sent a team to Mali to investigate the killings.", [("IGOUNO", "09", None)]),
    ("The Taliban have sworn to fight until foreign troops leave.", [("AFGINSTALIBAN", "138", None)]),
    # The accused of "accused X of arming" is the arming's subject; a by-agent's phrase can hold the target.
    ("Kenya accused Uganda of arming the rebels.", [("KEN", "112", "UGA")]),
    ("A visit by the Indian prime minister to Nepal began on Monday.", [("INDGOV", "042", "NPL")]),
    # Followers of a person or government are its country's civilians; of a group, the group.
    ("Supporters of the former Kenyan president blocked roads in Nairobi.", [("KENCVL", "144", None)]),
    ("Supporters of Hamas marched through Gaza City.", [("PSEINSHAMAS", "141", None)]),
    ("Algerian fundamentalists began a hunger strike.", [("DZARAD", "142", None)]),
    # Readying force is a show of force now (150), not a verbal threat.
    ("The Serbian army prepared to resume shelling the town.", [("SRBMIL", "150", None)]),
    ("Israeli troops are preparing for a ground assault on Gaza.", [("ISRMIL", "150", "PSE")]),
    ("Iran held naval exercises in the Gulf.", [("IRN", "150", None)]),
    # What a quantity measures and what a vehicle carries are the objects; the destination the target.
    ("Belgium suspended part of its election aid to Burundi on Monday.", [("BEL", "162", "BDI")]),
    ("India sent three navy ships carrying food and medicine to Yangon.", [("IND", "073", "MMR")]),
    ("The United States banned imports of Russian oil and gas.", [("USA", "163", "RUS")]),
    # Joint acts of a coordinated subject go both ways; force on a country's places targets it.
    ("Indonesia and Australia launched joint patrols.", [("IDN", "062", "AUS"), ("AUS", "062", "IDN")]),
    ("Israeli warplanes struck targets in southern Lebanon.", [("ISRMIL", "195", "LBN")]),
    ("Myanmar's army committed mass killings of Rohingya.", [("MMRMIL", "202", None)]),
    # A purpose clause after the agreed object is no complement; a blocked text says nothing.
    ("Israel and Hamas agreed to a truce to allow the release of hostages.", [("ISR", "0356", "PSE")]),
    ("The EU issued a statement criticising China.", [("IGOEU", "111", "CHN")]),
    ("The EU condemned the execution of four protesters by Iran.", [("IGOEU", "111", None)]),
    ("Ukraine insisted that Russia withdraw its troops.", [("UKR", "1056", "RUS")]),
    # The partner hung on "by telephone"; the author of a judged act is the target.
    ("The Saudi crown prince spoke by telephone with the Iranian president.", [("SAUGOV", "041", "IRNGOV")]),
    ("Mali rejected a proposal by ECOWAS for a transition.", [("MLI", "12", "IGOECOWAS")]),
    ("China condemned a visit to Taiwan by American lawmakers.", [("CHN", "111", "USA")]),
    # A passive's by-agent hung on the phrase before it.
    ("Russia was hit with sanctions by the United States.", [("USA", "163", "RUS")]),
    # Coordinated owners in an "of" phrase are two actors; one body meeting alone is no consultation.
    (
        "The foreign ministers of Iran and Turkey met in Ankara.",
        [("IRNGOV", "040", "TURGOV"), ("TURGOV", "040", "IRNGOV")],
    ),
    ("Israel's cabinet met on Sunday.", []),
    # The conjunct of a passive verb acts through the passive's subject.
    (
        "Montenegro's prime minister has been indicted by a UN court and will resign.",
        [("IGOUNO", "115", "MNEGOV"), ("MNEGOV", "0341", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence(coder, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    records = coder.code_document(_document(text))
    got = [(r.source.code if r.source else None, r.cameo, r.target.code if r.target else None) for r in records]
    if not expected:
        assert got == [], f"expected no event, got {got}"
    assert len(got) <= max(len(expected), 1) * 2, f"too many events: {got}"
    for source, code, target in expected:
        assert any(
            (s or "").startswith(source) and c.startswith(code) and (target is None or (t or "").startswith(target))
            for s, c, t in got
        ), f"expected {source} {code} {target} in {got}"


def _document(text: str):
    from polybius.documents.article import read_article

    return read_article(text, default_date="2020-06-10")


def test_future_retreat_is_an_intent_in_cameo_and_a_retreat_in_plover(coder) -> None:
    (event,) = coder.code_document(_document("Kenya will withdraw its troops from Somalia."))
    assert (event.cameo, event.plover, event.modality) == ("0356", "RETREAT", "future")
    (promise,) = coder.code_document(_document("Kenya said it will withdraw its troops from Somalia."))
    assert (promise.cameo, promise.plover) == ("0356", "AGREE")
    (agreed,) = coder.code_document(_document("Kenya agreed to a ceasefire with the Shabaab."))
    assert (agreed.cameo, agreed.plover) == ("0356", "AGREE")


def test_background_mentions_are_shown_only_with_all_modalities(coder, coder_all) -> None:
    text = "Hundreds of Kosovars demonstrated on Tuesday in Pristina, where 24 people were killed in riots last March."
    shown = coder.code_document(_document(text))
    assert [r.root for r in shown] == ["14"] and shown[0].id.endswith("-0")
    everything = coder_all.code_document(_document(text))
    assert {r.root for r in everything} >= {"14", "19"}
    assert min(r.confidence for r in everything) < 0.4


def test_a_person_named_in_a_possessive_is_remembered(coder) -> None:
    text = (
        "Protests in Burundi against President Pierre Nkurunziza's candidacy entered a second week. "
        "The US secretary of state criticised Nkurunziza's candidacy on Monday."
    )
    records = coder.code_document(_document(text))
    coded = [(r.source and r.source.code, r.cameo, r.target and r.target.code) for r in records]
    assert ("USAGOV", "111", "BDIGOV") in coded


def test_a_blocked_text_and_a_purpose_protest_are_not_asserted(coder) -> None:
    vetoed = coder.code_document(_document("Hungary vetoed an EU statement criticising China."))
    assert [r.root for r in vetoed] == ["12"]
    strike = coder.code_document(_document("Korean doctors went on strike to protest the reform."))
    assert {r.root for r in strike} == {"14"} and all(r.modality == "asserted" for r in strike)


def test_the_main_verb_outranks_a_detail_participle(coder) -> None:
    records = coder.code_document(_document("Opposition supporters rioted in Dakar, setting fire to police stations."))
    main = max(records, key=lambda r: r.confidence)
    assert main.cameo == "145" and main.trigger.text == "rioted"


def test_a_weapon_in_an_event_noun_is_no_actor(coder_all) -> None:
    text = "Iran denied any involvement in the drone attack on the Saudi oil facility."
    records = coder_all.code_document(_document(text))
    (attack,) = [r for r in records if r.root == "19"]
    assert attack.source is None and attack.target.code.startswith("SAU")


def test_a_possible_event_named_as_a_subject_is_not_asserted(coder, coder_all) -> None:
    text = "Officials said a summit between Japan and South Korea could take place next month."
    assert coder.code_document(_document(text)) == []
    assert {r.modality for r in coder_all.code_document(_document(text))} == {"hypothetical"}


def test_a_measured_event_is_dated_by_its_measure(coder) -> None:
    text = "The last round of fighting between Israel and Islamic Jihad, in August 2019, lasted three days."
    records = coder.code_document(_document(text))
    assert records and {(r.date, r.date_precision) for r in records} == {("2019-08", "month")}


def test_passive_without_agent_keeps_the_target(coder) -> None:
    records = coder.code_document(_document("Two Afghan reporters were detained in Kabul on Monday."))
    (event,) = records
    assert event.source is None and event.target.code.startswith("AFGMED")
    assert event.date == "2020-06-08" and event.location.name == "Kabul"


def test_negated_events_are_hidden_unless_asked(coder, coder_all) -> None:
    text = "Iran did not attack the tanker."
    assert coder.code_document(_document(text)) == []
    (event,) = coder_all.code_document(_document(text))
    assert event.negated is True


def test_future_events_are_marked(coder) -> None:
    (event,) = coder.code_document(_document("The Turkish foreign minister will visit Tehran next week."))
    # CAMEO codes an announced visit as an intent to meet (036), not as the visit itself (042).
    assert event.modality == "future" and event.cameo == "036"
    # A calendar week is not a day: "next week" is dated at month precision.
    assert event.target.code == "IRNGOV" and (event.date, event.date_precision) == ("2020-06", "month")


def test_people_introduced_by_title_are_remembered() -> None:
    text = (
        "Headline about the envoy\n\nMarta Kovac, the UN envoy to Libya, met rebel commanders on Monday.\n\n"
        "Kovac later accused the Libyan government of blocking aid convoys."
    )
    records = code_text(text, date="2021-03-03")
    accusers = [r.source for r in records if r.root == "11"]
    assert accusers and accusers[0].org == "UNO" and accusers[0].name != "Kovac"


def test_alleged_acts_are_not_asserted(coder, coder_all) -> None:
    text = "Kenya accused Uganda of arming the rebels."
    assert [r.cameo for r in coder.code_document(_document(text))] == ["112"]
    armed = [r for r in coder_all.code_document(_document(text)) if r.root == "07"]
    assert armed and armed[0].source.code == "UGA" and armed[0].modality == "hypothetical"


def test_a_prepositional_target_that_is_no_actor_falls_back(coder) -> None:
    # "between the trio" names no actor: the hosting (043) of the talks' parties is the reading.
    text = "The Kazakh president hosted Russian and Turkish talks in May - the first such summit between the three."
    got = {(r.cameo, r.target.code if r.target else None) for r in coder.code_document(_document(text))}
    assert ("043", "RUS") in got and ("043", "TUR") in got


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Lebanon rejected a UN request to deploy its army along the border.", "15"),  # asked for
        ("Ghana called for sanctions against Mali.", "16"),  # asked for
        ("Britain mobilised reservists for a possible war against Iraq.", "19"),  # not real
        ("Russia warned the United States against sending missiles to Ukraine.", "07"),  # deterred
        ("Somali elders demanded an AU force to protect them from the militants.", "07"),  # asked for
        ("The ILO repeated its demand that Qatar ease restrictions on migrant workers.", "08"),  # asked for
    ],
)
def test_requested_and_unreal_acts_are_not_asserted(coder_all, text: str, root: str) -> None:
    records = coder_all.code_document(_document(text))
    embedded = [r for r in records if r.root == root]
    assert embedded and all(r.modality != "asserted" for r in embedded)


def test_relation_nouns_need_predication(coder) -> None:
    said = coder.code_document(_document("Iran remains a key backer of Assad."))
    assert any(r.cameo == "051" and r.source.code == "IRN" for r in said)
    described = coder.code_document(_document("Iran, a key backer of Assad, sent more troops."))
    assert not any(r.root == "05" for r in described)  # an apposition describes, as background
    crowd = coder.code_document(_document("Hundreds of supporters of the Kenyan president marched in Nairobi."))
    assert not any(r.root == "05" for r in crowd)


def test_violence_named_by_an_adjective_and_its_victims(coder) -> None:
    records = coder.code_document(_document("Twelve Afghan soldiers were killed in a Pakistani air strike."))
    assert any(r.cameo == "195" and r.source.code == "PAK" and r.target.code.startswith("AFGMIL") for r in records)


def test_plural_pronouns_refer_to_groups(coder) -> None:
    records = coder.code_document(_document("The Houthis said they would halt attacks on shipping."))
    assert any(r.source and r.source.code.startswith("YEMREBHOUTHI") for r in records)


def test_a_demand_voiced_by_protesting_is_the_protest(coder) -> None:
    text = "Kenyan protesters marched in Nairobi demanding the president's resignation."
    marched = coder.code_document(_document(text))
    assert [r.root for r in marched] == ["14"]
    said = coder.code_document(_document("The Kenyan opposition demanded the president's resignation."))
    assert [(r.cameo, r.target.code) for r in said] == [("1041", "KENGOV")]


def test_planned_and_agreed_acts_are_intents(coder) -> None:
    planned = coder.code_document(_document("Russia is planning a major offensive against Ukraine."))
    assert [(r.source.code, r.cameo, r.modality) for r in planned] == [("RUS", "1384", "intent")]
    # Preparing it is already a show of force (CAMEO 150), not only an intention.
    readied = coder.code_document(_document("Russia is preparing a major offensive against Ukraine."))
    assert [(r.source.code, r.cameo, r.modality) for r in readied] == [("RUS", "150", "asserted")]
    deal = coder.code_document(_document("Ghana signed an accord with Togo to increase trade."))
    assert {r.modality for r in deal if r.root != "05"} == {"intent"}


def test_code_text_is_the_library_entry_point() -> None:
    records = code_text("Saudi Arabia hosted Yemeni delegations in Riyadh in March.", date="2021-05-01")
    assert records and records[0].cameo == "043" and records[0].date == "2021-03"
