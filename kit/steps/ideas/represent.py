"""What a note is about, as weighted tokens: the ideas step's text representation.

Workshop notes are a handful of words, often compounds ("sprogcafé", "lektiehjælp"),
misspelt or in spoken Danish, so a note's own words rarely meet another note's. Each note
is therefore described by tokens of four kinds, each with its own weight:

- ``w:`` the stems of its words, without stop words and the prompts' filler ("mangler",
  "behov", "svært": they answer the question, not what the note is about);
- ``p:`` the parts of its compound words, split against the words the room itself used and the
  vocabulary ("fællesspisning" → "fælles" + "spisning", so it meets "spisning om fredagen");
- ``c:`` the concepts of the area vocabulary it mentions (`vocabulary.txt`: "tolk",
  "tolkning" and "interpreter" are one concept), which join synonyms and inflections;
- ``a:`` the areas of those concepts (housing, language, …): a weaker pull.

The vocabulary is data (`vocabulary.txt`, documented there), so a municipality can add its
own words without touching code. Pure Python: no numpy, no SQL, no widgets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kit.core.text import normalise, stem, words

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.txt")

FILLER = "-"
"""The vocabulary's section of filler words, left out of every note."""

WEIGHTS = {"w": 1.0, "p": 0.6, "c": 1.0, "a": 3.0}
"""How much each kind of token counts, relative to a note's own word stems."""

_HEAD_LINK = ("", "s", "e")  # Danish compounds join their parts directly, or with -s- / -e-.
_MIN_PART = 3


@dataclass
class Vocabulary:
    """The areas' concepts, read from a vocabulary file (`parse_vocabulary`)."""

    terms: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Single-word term → (area, concept)."""
    phrases: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Several-word term → (area, concept), found in the note's text as it is."""
    areas: dict[str, list[str]] = field(default_factory=dict)
    """Area → its terms, in file order (filler excluded)."""

    def match(self, word: str) -> tuple[str, str, str] | None:
        """The (area, concept, term) of the longest term that fits `word`, if any.

        Terms of three letters or fewer must be the whole word; four letters, its start;
        five or more, its start or any place inside it (a compound's later part)."""
        return _match(self, word)


def parse_vocabulary(text: str) -> Vocabulary:
    """Read the vocabulary format described at the top of `vocabulary.txt`."""
    vocab = Vocabulary()
    area = ""
    pending = ""
    lines = text.splitlines() + [""]
    entries: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if raw[:1] in (" ", "\t") and line.strip() and pending:
            pending += " " + line.strip()  # a concept continued on an indented line
            continue
        if pending:
            entries.append((area, pending))
            pending = ""
        line = line.strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            area = line[1:-1].strip().lower()
            continue
        pending = line
    for area, entry in entries:
        concept, _, rest = entry.partition(":")
        concept = normalise(concept.strip())
        for term in (_plain(t) for t in (rest or concept).split(",")):
            if not term:
                continue
            # "e-boks", "borger.dk", "egen læge": words as a note's text splits them
            target = vocab.phrases if " " in term else vocab.terms
            target.setdefault(term, (area, concept))
            if area != FILLER:
                vocab.areas.setdefault(area, []).append(term)
    return vocab


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The kit's vocabulary (`vocabulary.txt`), read once."""
    return parse_vocabulary(VOCABULARY_FILE.read_text(encoding="utf-8"))


_match_cache: dict[tuple[int, str], tuple[str, str, str] | None] = {}


def _match(vocab: Vocabulary, word: str) -> tuple[str, str, str] | None:
    key = (id(vocab), word)
    if key in _match_cache:
        return _match_cache[key]
    best: tuple[str, str, str] | None = None
    best_len = 0
    for i in range(len(word)):
        # Only the starts of the word and of its later parts can begin a term.
        for j in range(len(word), i + 1, -1):
            piece = word[i:j]
            if len(piece) <= best_len:
                break
            hit = vocab.terms.get(piece)
            if hit is None:
                continue
            n = len(piece)
            whole = i == 0 and j == len(word)
            if (n <= 3 and not whole) or (n == 4 and i > 0):
                continue
            best, best_len = (*hit, piece), n
            break
    if len(_match_cache) > 200_000:
        _match_cache.clear()
    _match_cache[key] = best
    return best


def split_compound(word: str, known: frozenset[str] | set[str]) -> list[str]:
    """The parts of a compound word, when both its head and its tail are known words
    (`known`: the room's words and the vocabulary); otherwise []. The longest known tail
    wins; the head may end in a linking -s- or -e-. Splits the tail again if it can."""
    if len(word) < 2 * _MIN_PART:
        return []
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if tail not in known:
            continue
        for link in _HEAD_LINK:
            if link and not head.endswith(link):
                continue
            base = head[:len(head) - len(link)] if link else head
            if len(base) >= _MIN_PART and base in known:
                return [base, *(split_compound(tail, known) or [tail])]
    return []


_PUNCT = re.compile(r"[\W_]+")


def _plain(text: str) -> str:
    """Lower case, every run of non-letters one space: how phrases are compared."""
    return _PUNCT.sub(" ", normalise(text)).strip()


def known_words(texts: Iterable[str], vocab: Vocabulary | None = None) -> set[str]:
    """The words a compound may be split into: the room's words and the vocabulary's terms."""
    vocab = vocab or vocabulary()
    known = {w for text in texts for w in words(text) if len(w) >= _MIN_PART}
    known.update(t for t in vocab.terms if len(t) >= _MIN_PART)
    return known


def idea_tokens(text: str, known: frozenset[str] | set[str],
                vocab: Vocabulary | None = None) -> list[tuple[str, str]]:
    """The note's tokens (kind:value) with the surface word each came from, for explaining."""
    vocab = vocab or vocabulary()
    out: list[tuple[str, str]] = []
    plain = f" {_plain(text)} "
    for phrase, (area, concept) in vocab.phrases.items():
        if f" {phrase} " in plain and area != FILLER:
            out += [(f"c:{concept}", phrase), (f"a:{area}", phrase)]
    for word in words(text):
        hit = vocab.match(word)
        if hit is not None and hit[0] == FILLER:
            continue
        out.append((f"w:{stem(word)}", word))
        parts = split_compound(word, known)
        for part in parts:
            out.append((f"p:{stem(part)}", word))
        found = {hit} if hit else set()
        if hit is None or len(hit[2]) < 5:
            # A long term already says what the compound is ("sprogskole" is language),
            # so its parts ("skole": school) would only mislead.
            for part in parts:
                sub = vocab.match(part)
                if sub is not None and sub[0] != FILLER:
                    found.add(sub)
        found = {(a, c, "") for a, c, _ in found}
        for area, concept, _ in sorted(found):
            out += [(f"c:{concept}", word), (f"a:{area}", word)]
    return out


def corpus_tokens(texts: Sequence[str],
                  vocab: Vocabulary | None = None) -> list[list[tuple[str, str]]]:
    """`idea_tokens` for every note, compounds split against the words of all of them."""
    vocab = vocab or vocabulary()
    known = frozenset(known_words(texts, vocab))
    return [idea_tokens(t, known, vocab) for t in texts]
