"""CoNLL-2003 reading shared by the training recipe: any column layout, IOB1 or IOB2 tags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
TAGS = ("O",) + tuple(f"{p}-{t}" for t in ENTITY_TYPES for p in ("B", "I"))


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]
    document: int = 0


@dataclass
class Corpus:
    sentences: list[Sentence] = field(default_factory=list)
    documents: int = 0


def to_iob2(tags: list[str]) -> list[str]:
    """IOB1 starts an entity with I- unless it follows one of the same type; IOB2 always uses B-."""
    out: list[str] = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and (previous == "O" or previous[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        previous = tag
    return out


def read_conll(path: str) -> Corpus:
    corpus = Corpus()
    words: list[str] = []
    tags: list[str] = []
    document = 0

    def close() -> None:
        nonlocal words, tags
        if words:
            corpus.sentences.append(Sentence(words, to_iob2(tags), document))
        words, tags = [], []

    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if line.startswith("-DOCSTART-"):
                close()
                document += 1
                continue
            if not line:
                close()
                continue
            columns = line.split()
            words.append(columns[0])
            tag = columns[-1]
            tags.append(tag if tag in TAGS or tag.startswith(("B-", "I-")) else "O")
    close()
    corpus.documents = max(document, 1)
    return corpus


def find_split(folder: str, names: tuple[str, ...]) -> str:
    for name in names:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    raise SystemExit(f"none of {', '.join(names)} in {folder}")


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans of an IOB2 sequence after BIO repair (a stray I- opens an entity)."""
    found: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for index, tag in enumerate(list(tags) + ["O"]):
        begins = tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != kind)
        if start >= 0 and (tag == "O" or begins):
            found.add((start, index, kind))
            start, kind = -1, ""
        if begins:
            start, kind = index, tag[2:]
    return found
