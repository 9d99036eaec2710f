"""spaCy's attribute ruler, remembered: the same attributes, without matching every pattern on every token.

The small English model's attribute ruler (tag map, morphology rules, a few lemma exceptions)
matches its 179 patterns against every token of every article: a tenth of the pipeline's time. Its
patterns are one or two tokens long and read only a token's tag, lower-case form, dependency and
whether it is a space; a lower-case form matters only when a pattern names it. So what the
one-token patterns set on a token follows from those four attributes, of which a news corpus has a
few thousand combinations: this ruler keeps the verdict of each combination seen (found by the
ruler's own patterns on that token, the first time), matches the few two-token patterns on the
whole doc as the ruler does, and applies both in the ruler's order. The result is the ruler's,
token for token (``tests/test_nlp.py`` compares them); a model whose patterns read anything else,
or are longer, keeps its ruler's way (``RememberedAttributeRuler.remembering``).
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline.attributeruler import AttributeRuler, set_token_attrs
from spacy.tokens import Doc

_READ = {"TAG", "LOWER", "DEP", "IS_SPACE"}
_LONGEST = 2
# Neighbourhoods kept at most; past it the memory starts again (a few MB per 10,000).
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

    def forget(self) -> None:
        """Read the patterns again (after they were loaded or added) and drop what was remembered."""
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

    def _targets(self, matches, offset: int = 0) -> list[tuple[int, int]]:
        """(token, attribute set) of each match, the token the way the ruler picks it."""
        found = []
        for match_id, s, e in matches:
            attr_id = int(self.vocab.strings[match_id])
            index = self.indices[attr_id]
            found.append((offset + (s + index if index >= 0 else e + index), attr_id))
        return found

    def __call__(self, doc: Doc) -> Doc:
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
                matches = self.single(doc[i:i + 1], allow_missing=True, as_spans=False)
                verdict = self.verdicts[key] = tuple(attr_id for _, attr_id in self._targets(matches))
            chosen.append(list(verdict))
        for i, attr_id in self._targets(self.pairs(doc, allow_missing=True, as_spans=False)):
            chosen[i].append(attr_id)
        for i, attr_ids in enumerate(chosen):
            if attr_ids:
                token = doc[i]
                for attr_id in sorted(attr_ids):  # the ruler's order: later patterns win
                    set_token_attrs(token, self.attrs[attr_id])
        return doc


@Language.factory("frontwire_remembered_attribute_ruler")
def _make(nlp: Language, name: str) -> RememberedAttributeRuler:
    return RememberedAttributeRuler(nlp.vocab, name)


def remember_attribute_ruler(nlp: Language) -> None:
    """Swap the model's attribute ruler for the remembered one with the same patterns, in place,
    when its patterns allow it."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if type(ruler) is not AttributeRuler or _lower_forms(ruler.patterns) is None:
        return
    remembered = nlp.replace_pipe("attribute_ruler", "frontwire_remembered_attribute_ruler")
    remembered.from_bytes(ruler.to_bytes())
    remembered.forget()
