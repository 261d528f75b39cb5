"""Input features of the tagger. The plugin computes the same in TypeScript
(server/src/core/tagging/entities/ner-features.ts): keep the two in step."""

from __future__ import annotations

import re

MAX_WORD_LENGTH = 20
PAD, UNKNOWN = 0, 1
CASINGS = ("pad", "numeric", "mainly-numeric", "lower", "upper", "initial-upper", "has-digit", "other")
_DIGIT = re.compile(r"[0-9]")


def casing(word: str) -> int:
    digits = len(_DIGIT.findall(word))
    cased = word.lower() != word.upper()
    if digits == len(word):
        return 1
    if digits / len(word) > 0.5:
        return 2
    if cased and word == word.lower():
        return 3
    if cased and word == word.upper():
        return 4
    if word[0].upper() == word[0] and word[0].lower() != word[0]:
        return 5
    if digits > 0:
        return 6
    return 7


def word_key(word: str) -> str:
    return word.lower()


def char_ids(word: str, chars: dict[str, int]) -> list[int]:
    ids = [chars.get(ch, UNKNOWN) for ch in list(word)[:MAX_WORD_LENGTH]]
    return ids + [PAD] * (MAX_WORD_LENGTH - len(ids))
