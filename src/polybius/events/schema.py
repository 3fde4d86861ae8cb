"""Schema of the event lexicon files in ``events/lexicon/*.yaml``.

A pattern names a trigger (a verb or an eventive noun, by lemma) and the syntactic context that
makes it one CAMEO event rather than another: a particle ("call off"), an object noun ("lay
blame"), a preposition introducing the target ("appeal to"), or a complement verb ("agree to
withdraw"). Every pattern carries an example sentence and the event expected from it; the test
suite codes every example, so the lexicon cannot drift from what the coder does.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

_CAMEO = re.compile(r"^\d{3,4}$")


class Expectation(BaseModel):
    """What coding ``example`` must give: CAMEO code and actor codes (prefix match)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cameo: str | None = None  # defaults to the pattern's code
    source: str | None = None  # e.g. "RUS" or "RUSGOV"; null = no source expected
    target: str | None = None


class Pattern(BaseModel):
    """One lexicon entry; see the module docstring."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    cameo: str
    lemma: str  # trigger lemma, lower case; for nouns the head noun ("strike")
    pos: Literal["verb", "noun"] = "verb"
    particle: str | None = None  # verb particle: "off", "up", "down"
    # A modifier lemma that must be present: for nouns a compound or adjective ("*air* strike"), for
    # verbs an adverb ("*sexually* abused", "*fatally* shot").
    modifier: list[str] = []
    object: list[str] = []  # lemmas of the direct object, one of which must be present
    prep: list[str] = []  # prepositions whose object is the target ("with", "to", "on")
    complement: list[str] = []  # lemma of an xcomp/complement verb ("withdraw" in "agree to withdraw")
    # Object lemmas of that complement verb: "threatened to halt *mediation*", "refused to meet *demands*".
    complement_object: list[str] = []
    # The trigger reports a finite clause: "protested *that* X is failing…" is a criticism, not a march.
    clause: bool = False
    # Lemmas one of which the subject phrase must hold (its head or a modifier): "*peacekeepers*
    # arrived in Mali" is a deployment (074), not a visit.
    subject: list[str] = []
    # A third party's act (mediation): every party after "between" is a target, none a source.
    between_targets: bool = False
    # A relation noun ("backer", "ally") is an event only when said of an actor: "Russia is the
    # key backer of Assad", "Iran, a backer of Assad"; "200 supporters of X blocked roads" is not.
    predicated: bool = False
    # A reported clause with one of these modals: "said Libya must hand over…" is a demand whose
    # target is the clause's subject.
    complement_aux: list[str] = []
    target: Literal["object", "prep", "none", "object_or_prep"] = "object_or_prep"
    place_object: bool = False  # the object is the place of the event ("retook Raqqa from IS")
    symmetric: bool = False  # "X and Y met" codes X→Y and Y→X
    generic: bool = False  # fallback pattern: lower confidence, used only when nothing else fits
    example: str
    expect: Expectation = Expectation()

    @field_validator("cameo")
    @classmethod
    def _cameo_shape(cls, value: str) -> str:
        if not _CAMEO.match(value):
            raise ValueError(f"CAMEO code must be 3 or 4 digits: {value!r}")
        return value

    @model_validator(mode="after")
    def _field_combinations(self) -> Pattern:
        if self.complement_object and not self.complement:
            raise ValueError(f"{self.id}: 'complement_object' needs 'complement'")
        return self

    @property
    def specificity(self) -> int:
        """How many context conditions the pattern sets; the most specific match wins."""
        conditions = (
            self.particle,
            self.modifier,
            self.object,
            self.complement,
            self.complement_object,
            self.complement_aux,
            self.clause,
            self.subject,
        )
        return sum(bool(x) for x in conditions) + (1 if self.prep and self.target == "prep" else 0)
