"""spaCy's rule components, remembered: the same attributes, a fraction of the time.

Two of the small English model's components compute, token after token, what depends on a handful
of the token's attributes only; a news corpus repeats those few combinations all day. Each
replacement keeps the verdict of every combination seen, found the first time by the component's
own code, and sets on every token what the component would have set (``tests/test_nlp.py``
compares them token for token). ``remember`` swaps them into a loaded model, in place, where the
model's components are of the kind described; otherwise the model keeps its own.

The attribute ruler (tag map, morphology rules, a few lemma exceptions) matches its 179 patterns
against every token: a tenth of the pipeline's time. Its patterns are one or two tokens long and
read only a token's tag, lower-case form, dependency and whether it is a space; a lower-case form
matters only when a pattern names it. So what the one-token patterns set follows from those four
attributes; the few two-token patterns are matched on the whole doc as the ruler does, and both are
applied in the ruler's order.

The rule lemmatizer's lemma is a function of the token's form, part of speech and morphology (its
own cache is keyed on them), but it caches only the words it changes: every singular noun and base
verb goes through its base-form test again, reading the morphology as a dict.
"""

from __future__ import annotations

import re
from typing import Optional

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline.attributeruler import AttributeRuler, set_token_attrs
from spacy.tokens import Doc

_READ = {"TAG", "LOWER", "DEP", "IS_SPACE"}
_LONGEST = 2
# Combinations kept at most by each; past it the memory starts again (a few MB per 10,000).
MAX_REMEMBERED = 200_000


def _lower_forms(patterns) -> Optional[tuple[frozenset[str], tuple[re.Pattern, ...]]]:
    """The lower-case forms and regular expressions the patterns name; None when a pattern reads
    anything this component does not key on."""
    forms: set[str] = set()
    expressions: list[re.Pattern] = []
    for group in patterns:
        for pattern in group["patterns"]:
            if not isinstance(pattern, list) or len(pattern) > _LONGEST:
                return None
            for token in pattern:
                if set(token) - _READ or token.get("OP"):
                    return None
                lower = token.get("LOWER")
                if lower is None:
                    continue
                if isinstance(lower, str):
                    forms.add(lower)
                elif set(lower) == {"IN"}:
                    forms.update(lower["IN"])
                elif set(lower) == {"REGEX"}:
                    expressions.append(re.compile(lower["REGEX"]))
                else:
                    return None
    return frozenset(forms), tuple(expressions)


class RememberedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` that remembers its single-token verdicts (see the module)."""

    def __init__(self, vocab, name: str = "attribute_ruler", **kwargs):
        super().__init__(vocab, name, **kwargs)
        self.forget()

    def add(self, *args, **kwargs) -> None:
        super().add(*args, **kwargs)
        self._stale = True  # what was remembered may no longer hold

    def clear(self) -> None:
        super().clear()
        self._stale = True

    def forget(self) -> None:
        """Read the patterns again (after they were loaded or added) and drop what was remembered."""
        self._stale = False
        found = _lower_forms(self.patterns)
        self.remembering = found is not None
        self.forms, self.expressions = found or (frozenset(), ())
        # The ruler's own patterns in two matchers, under the ruler's keys: one token, two tokens.
        self.single, self.pairs = Matcher(self.vocab), Matcher(self.vocab)
        for attr_id, group in enumerate(self.patterns if self.remembering else ()):
            for length, matcher in ((1, self.single), (2, self.pairs)):
                chosen = [p for p in group["patterns"] if len(p) == length]
                if chosen:
                    matcher.add(str(attr_id), chosen)
        self.verdicts: dict[tuple, tuple[int, ...]] = {}
        self.lower_class: dict[int, int] = {}

    def _class_of(self, lower: int) -> int:
        """The lower-case form itself when a pattern may name it, else 0 (any other word)."""
        found = self.lower_class.get(lower)
        if found is None:
            text = self.vocab.strings[lower]
            named = text in self.forms or any(e.search(text) for e in self.expressions)
            found = self.lower_class[lower] = lower if named else 0
        return found

    def _targets(self, matches) -> list[tuple[int, int]]:
        """(token, attribute set) of each match, the token the way the ruler picks it."""
        found = []
        for match_id, s, e in matches:
            attr_id = int(self.vocab.strings[match_id])
            index = self.indices[attr_id]
            found.append((s + index if index >= 0 else e + index, attr_id))
        return found

    def __call__(self, doc: Doc) -> Doc:
        if self._stale:
            self.forget()
        if not self.remembering or not len(doc):
            return super().__call__(doc)
        if len(self.verdicts) > MAX_REMEMBERED:
            self.verdicts.clear()
        # Every verdict before any attribute is set: the ruler matches the doc as the tagger left it.
        chosen: list[list[int]] = []
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        for i, (tag, lower, dep, space) in enumerate(rows):
            key = (tag, self._class_of(lower), dep, space)
            verdict = self.verdicts.get(key)
            if verdict is None:
                matches = self.single(doc[i:i + 1], allow_missing=True, as_spans=False) if len(self.single) else []
                verdict = self.verdicts[key] = tuple(attr_id for _, attr_id in self._targets(matches))
            chosen.append(list(verdict))
        pairs = self.pairs(doc, allow_missing=True, as_spans=False) if len(self.pairs) else []
        for i, attr_id in self._targets(pairs):
            chosen[i].append(attr_id)
        for i, attr_ids in enumerate(chosen):
            if attr_ids:
                token = doc[i]
                for attr_id in sorted(attr_ids):  # the ruler's order: later patterns win
                    set_token_attrs(token, self.attrs[attr_id])
        return doc


@Language.factory("frontwire_remembered_attribute_ruler")
def _make_attribute_ruler(nlp: Language, name: str) -> RememberedAttributeRuler:
    return RememberedAttributeRuler(nlp.vocab, name)


class RememberedLemmatizer(EnglishLemmatizer):
    """English's rule lemmatizer, remembering every lemma by (form, part of speech, morphology)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        if len(self.lemmas) > MAX_REMEMBERED:
            self.lemmas.clear()
        strings = self.vocab.strings
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not self.overwrite:  # set by the attribute ruler
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = self.lemmas.get(key)
            if found is None:
                found = self.lemmas[key] = strings.add(self.rule_lemmatize(doc[i])[0])
            lemmas.append(found)
        doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64).reshape(-1, 1))
        return doc


@Language.factory("frontwire_remembered_lemmatizer", default_config={"mode": "rule", "overwrite": False})
def _make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> RememberedLemmatizer:
    return RememberedLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


def remember(nlp: Language) -> None:
    """Swap the model's attribute ruler and rule lemmatizer for the remembered ones, in place."""
    _remember_attribute_ruler(nlp)
    _remember_lemmatizer(nlp)


def _remember_lemmatizer(nlp: Language) -> None:
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if type(lemmatizer) is not EnglishLemmatizer or lemmatizer.mode != "rule":
        return
    remembered = nlp.replace_pipe("lemmatizer", "frontwire_remembered_lemmatizer",
                                  config={"mode": "rule", "overwrite": lemmatizer.overwrite})
    remembered.lookups = lemmatizer.lookups


def _remember_attribute_ruler(nlp: Language) -> None:
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if type(ruler) is not AttributeRuler or _lower_forms(ruler.patterns) is None:
        return
    # Loading the patterns marks what it remembers stale: it reads them before its first doc.
    nlp.replace_pipe("attribute_ruler", "frontwire_remembered_attribute_ruler").from_bytes(ruler.to_bytes())
