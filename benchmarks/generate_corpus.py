#!/usr/bin/env python3
"""Synthetic occupation corpus for indexing benchmarks (Python 3 standard library only).

    generate_corpus.py --source corpus/occupations.jsonl --count N --seed S > out.jsonl

writes N records that pass `yrkesok validate --vocab corpus`. Each record is statistically like
the bundled corpus, not a copy of one:

- language: nb or nn, in the source's proportion (273:79 for the bundled corpus); the text of
  a record is drawn from the source records of the same language only.
- summary and body: words sampled by their unigram frequency in the source (per language), in
  sentences whose lengths (in words) are drawn from the source's sentence-length distribution,
  with commas at the source's rate; bodies have as many paragraphs as a random source body, and
  each paragraph as many sentences as a random source paragraph. Summaries are one or two
  sentences like the source's summaries.
- open vocabulary: a real corpus of a million descriptions keeps meeting words it has not seen
  (Norwegian makes new compounds freely), while unigram sampling alone would reuse the ~16,000
  distinct words of the source forever and keep the analyzer's word cache unrealistically warm.
  So a fraction of the words (--novel-rate, default 0.01) are new compounds of two source words
  ("lunge" + "operatør" -> "lungeoperatør").
- title: a real title with a numeric suffix ("Advokat 17") or a recombined compound (a source
  word as modifier + a real title: "Havnesykepleier").
- facets: styrk08, sectors and education_levels copied together from one source record, so
  codes and sectors stay consistent; updated: a date within the source's range.
- id: a unique slug (the title's slug plus the record number).

The output is deterministic for a given source, count and seed.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import itertools
import json
import random
import re
import sys
import unicodedata
from collections import Counter

WORD = re.compile(r"\w+(?:-\w+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MAX_SUMMARY_BYTES = 600
MAX_BODY_BYTES = 20000
MAX_TITLE_BYTES = 120
MAX_ID_BYTES = 64


def slugify(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text)).strip("-") or "yrke"


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if WORD.search(s)]


class Sampler:
    """Cumulative-weight sampling from a Counter."""

    def __init__(self, counts: Counter):
        self.items = list(counts.keys())
        self.cum = list(itertools.accumulate(counts.values()))

    def sample(self, rng: random.Random, k: int = 1) -> list:
        return rng.choices(self.items, cum_weights=self.cum, k=k)


class LanguageModel:
    """Word and shape statistics of the source records of one language."""

    def __init__(self, records: list[dict]):
        words = Counter()
        capitalised = Counter()  # how often a word form is capitalised mid-sentence
        self.sentence_lengths: list[int] = []
        self.summary_lengths: list[list[int]] = []  # words per sentence, per summary
        self.paragraph_counts: list[int] = []
        self.paragraph_sentences: list[int] = []
        commas = 0
        total = 0
        for r in records:
            s_lengths = []
            for s in sentences(r["summary"]):
                n = len(WORD.findall(s))
                s_lengths.append(n)
            self.summary_lengths.append(s_lengths)
            paragraphs = [p for p in r["body"].split("\n\n") if p.strip()]
            self.paragraph_counts.append(len(paragraphs))
            for p in paragraphs:
                ss = sentences(p)
                self.paragraph_sentences.append(len(ss))
                for s in ss:
                    self.sentence_lengths.append(len(WORD.findall(s)))
            for text in (r["summary"], r["body"]):
                for s in sentences(text):
                    tokens = WORD.findall(s)
                    commas += s.count(",")
                    total += len(tokens)
                    for i, t in enumerate(tokens):
                        if i > 0 and t[0].isupper():
                            capitalised[t] += 1
                        # Sentence-initial words are counted in lower case unless the form
                        # also appears capitalised inside sentences (a name).
                        if i == 0 and t[0].isupper() and t not in capitalised:
                            t = t[0].lower() + t[1:]
                        words[t] += 1
        self.words = Sampler(words)
        self.comma_rate = commas / max(total, 1)
        # Modifiers and heads for new compounds: plain lower-case words of some length.
        plain = [w for w in words if w.isalpha() and w.islower() and len(w) >= 4]
        self.compound_parts = plain or ["arbeid"]

    def novel_word(self, rng: random.Random) -> str:
        a = rng.choice(self.compound_parts)
        b = rng.choice(self.compound_parts)
        return a + b

    def sentence(self, rng: random.Random, length: int, novel_rate: float) -> str:
        length = max(length, 2)
        tokens = self.words.sample(rng, length)
        if novel_rate > 0:
            for i in range(length):
                if rng.random() < novel_rate:
                    tokens[i] = self.novel_word(rng)
        out = []
        for i, t in enumerate(tokens):
            if i == 0:
                t = t[0].upper() + t[1:]
            out.append(t)
            if 0 < i < length - 1 and rng.random() < self.comma_rate:
                out[-1] += ","
        return " ".join(out) + "."

    def summary(self, rng: random.Random, novel_rate: float) -> str:
        shape = rng.choice(self.summary_lengths) or [rng.choice(self.sentence_lengths)]
        text = ""
        for n in shape:
            s = self.sentence(rng, n, novel_rate)
            candidate = f"{text} {s}" if text else s
            if len(candidate.encode()) > MAX_SUMMARY_BYTES:
                break
            text = candidate
        if not text:
            text = self.sentence(rng, 8, 0)
        return text

    def body(self, rng: random.Random, novel_rate: float) -> str:
        paragraphs = []
        size = 0
        for _ in range(rng.choice(self.paragraph_counts)):
            n_sentences = max(1, rng.choice(self.paragraph_sentences))
            p = " ".join(
                self.sentence(rng, rng.choice(self.sentence_lengths), novel_rate)
                for _ in range(n_sentences))
            added = len(p.encode()) + (2 if paragraphs else 0)
            if size + added > MAX_BODY_BYTES:
                break
            paragraphs.append(p)
            size += added
        return "\n\n".join(paragraphs) or self.sentence(rng, 10, 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", required=True, help="the corpus to imitate (JSON Lines)")
    parser.add_argument("--count", type=int, required=True, help="records to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=1,
                        help="number of the first record (default 1); chunks written with "
                             "different seeds and disjoint numbers can be concatenated")
    parser.add_argument("--novel-rate", type=float, default=0.01,
                        help="fraction of words replaced by new compounds (default 0.01)")
    args = parser.parse_args()

    with open(args.source, encoding="utf-8") as f:
        source = [json.loads(line) for line in f if line.strip()]
    if not source:
        print(f"{args.source}: no records", file=sys.stderr)
        return 1
    rng = random.Random(args.seed)

    by_language = {lang: [r for r in source if r["language"] == lang] for lang in ("nb", "nn")}
    languages = [lang for lang in ("nb", "nn") if by_language[lang]]
    language_weights = [len(by_language[lang]) for lang in languages]
    models = {lang: LanguageModel(by_language[lang]) for lang in languages}
    titles = [r["title"] for r in source]
    dates = sorted(datetime.date.fromisoformat(r["updated"]) for r in source)
    first_day, span = dates[0], (dates[-1] - dates[0]).days

    out = sys.stdout
    for n in range(args.first, args.first + args.count):
        language = rng.choices(languages, weights=language_weights)[0]
        model = models[language]
        facets = rng.choice(source)
        base = rng.choice(titles)
        if rng.random() < 0.5:
            title = f"{base} {n}"
            slug_base = slugify(base)
        else:
            modifier = rng.choice(model.compound_parts)
            title = modifier.capitalize() + base[0].lower() + base[1:]
            slug_base = slugify(title)
        title = title.encode()[:MAX_TITLE_BYTES].decode(errors="ignore").strip()
        suffix = f"-{n}"
        slug = slug_base[: MAX_ID_BYTES - len(suffix)].strip("-")
        record = {
            "id": slug + suffix,
            "title": title,
            "styrk08": list(facets["styrk08"]),
            "sectors": list(facets["sectors"]),
            "education_levels": list(facets["education_levels"]),
            "summary": model.summary(rng, args.novel_rate),
            "body": model.body(rng, args.novel_rate),
            "language": language,
            "updated": (first_day + datetime.timedelta(days=rng.randint(0, span))).isoformat(),
        }
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
