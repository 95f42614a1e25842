#!/usr/bin/env python3
"""Converts the real utdanning.no occupation descriptions into a corpus in our record schema.

    benchmarks/real_corpus.py OUTPUT.jsonl [--source FILE]

Reads ../shared/data/utdanning-nlod/yrker.jsonl (beside the repository; --source names another
copy) at run time and writes OUTPUT (e.g. var/real/occupations.jsonl; var/ is not tracked).
The texts are utdanning.no's, under NLOD 2.0: they are read from ../shared, never copied into
the repository. Each source record is {"id", "title", "text"} with paragraphs split by "\\n".

What each field becomes (corpus/README.md has the schema):
  id, title       as in the source (already slugs; checked here)
  summary         the opening sentence of the first paragraph (an opening line broken
                  mid-sentence in the source is joined to the next), and the second one too when
                  both fit in the schema's 600 bytes; an opening sentence longer than that is
                  cut at a word boundary and ends with "…"
  body            everything after the summary, paragraphs separated by a blank line; the
                  publisher's closing licence line (the same in every text) is left out, the
                  credit is in benchmarks/relevance/README.md
  language        "nn" when the text has more nynorsk-only than bokmål-only function words
                  (see MARKERS below), else "nb"
  education_levels  the levels of corpus/education_levels.tsv whose words the text uses
                  (EDUCATION_FACTS below), in that file's order; empty when it names none
  sectors, styrk08  empty: the source has neither, and we do not guess them
  updated         2018-01-01: the snapshot is from 2018 and carries no dates
Exit status: 0 written, 1 the source is missing or malformed, 2 usage error.
"""

import argparse
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = os.path.join(os.path.dirname(ROOT), "shared", "data", "utdanning-nlod",
                              "yrker.jsonl")
EDUCATION_LEVELS_TSV = os.path.join(ROOT, "corpus", "education_levels.tsv")

# Limits of indexer/include/yrkesok/indexer/corpus.h (CorpusLimits).
MAX_ID_BYTES = 64
MAX_TITLE_BYTES = 120
MAX_SUMMARY_BYTES = 600
MAX_BODY_BYTES = 20000
SNAPSHOT_DATE = "2018-01-01"

# Function words that exist in only one of the two written standards. A text is nynorsk when
# the nynorsk column occurs more often than the bokmål one; the words are frequent enough that
# every 400-word description holds dozens of them.
MARKERS = {
    "nb": {"ikke", "jeg", "en", "et", "de", "fra", "hva", "hvordan", "hvem", "hvor", "bare",
           "mye", "noen", "noe", "hos", "være", "vært", "selv", "derfor", "sammen", "hele",
           "hver", "hvert", "flere", "mens", "også"},
    "nn": {"ikkje", "eg", "ein", "eit", "dei", "frå", "kva", "korleis", "kven", "kvar",
           "berre", "mykje", "nokon", "nokre", "noko", "hjå", "vere", "vore", "sjølv", "difor",
           "saman", "heile", "kvart", "fleire", "medan", "òg"},
}

# Words that state an education level, mapped to the labels of corpus/education_levels.tsv.
# Matched case-insensitively at the start of a word, so inflections and compounds that begin
# with them count ("fagbrevet", "masterstudium", "fagskoleutdanning"). A profession programme
# (medicine, psychology, …) is a master-level degree in Norway; a "fagarbeider" is by
# definition someone with a trade certificate, so "utdanning til fagarbeider" states one. "Videregående skole" is given
# only when the text names upper-secondary school and no trade certificate (a trade
# certificate is how that school ends for the trades).
EDUCATION_FACTS = [
    ("Ingen formelle krav", r"ingen (?:spesielle |formelle |formell )?(?:utdannings|opptaks)?krav"
                            r"|ingen formell utdanning|ingen krav til (?:formell )?utdanning"),
    ("Fagbrev", r"fagbrev|svennebrev|sveinebrev|kompetansebevis"
                r"|utdanning(?:en)? til fagarbeider"),
    ("Fagskole", r"fagskule|fagskole"),
    ("Bachelor", r"bachelor"),
    ("Master", r"master(?!class)|profesjonsstudi"),
    ("Doktorgrad", r"doktorgrad|ph\.?\s?d\b"),
]
UPPER_SECONDARY = r"videregående (?:skole|opplæring)|vidaregåande (?:skule|opplæring)"

LICENCE_LINE = re.compile(r"^Yrkesbeskrivelsen er basert på åpne data fra utdanning\.no")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A sentence ends at . ! or ? followed by space and a capital letter (abbreviations such as
# "f.eks." and "bl.a." are followed by lower case, so they do not end one).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"])")
WORD = re.compile(r"[a-zæøåòéèüö]+")


def fail(message):
    print("real_corpus.py: " + message, file=sys.stderr)
    sys.exit(1)


def byte_length(text):
    return len(text.encode("utf-8"))


def education_labels():
    labels = []
    with open(EDUCATION_LEVELS_TSV, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            labels.append(line.split("\t")[0])
    return labels


def detect_language(text):
    words = WORD.findall(text.lower())
    nb = sum(1 for w in words if w in MARKERS["nb"])
    nn = sum(1 for w in words if w in MARKERS["nn"])
    return "nn" if nn > nb else "nb"


def education_levels(text, known_labels):
    lowered = text.lower()
    found = []
    for label, pattern in EDUCATION_FACTS:
        if re.search(r"(?<![a-zæøå])(?:" + pattern + ")", lowered):
            found.append(label)
    if "Fagbrev" not in found and re.search(UPPER_SECONDARY, lowered):
        found.append("Videregående skole")
    for label in found:
        if label not in known_labels:
            fail(f"{EDUCATION_LEVELS_TSV}: no education level \"{label}\"")
    return [label for label in known_labels if label in found]


def cut_at_word(text, max_bytes):
    """The longest prefix of `text` ending at a word boundary that, with "…", fits."""
    budget = max_bytes - byte_length("…")
    cut = text.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def split_summary(paragraphs):
    """(summary, body paragraphs): the opening sentence(s) and the rest of the text."""
    sentences = SENTENCE_END.split(paragraphs[0])
    summary = sentences[0]
    rest = sentences[1:]
    if byte_length(summary) > MAX_SUMMARY_BYTES:
        # The whole sentence stays in the body, so no word of it is lost to search.
        return cut_at_word(summary, MAX_SUMMARY_BYTES), paragraphs
    if rest and byte_length(summary + " " + rest[0]) <= MAX_SUMMARY_BYTES:
        summary += " " + rest[0]
        rest = rest[1:]
    body = ([" ".join(rest)] if rest else []) + paragraphs[1:]
    return summary, body


def convert(source_record, where, known_labels):
    for field in ("id", "title", "text"):
        if not isinstance(source_record.get(field), str) or not source_record[field].strip():
            fail(f"{where}: {field}: missing or empty")
    record_id = source_record["id"]
    if not SLUG.fullmatch(record_id) or byte_length(record_id) > MAX_ID_BYTES:
        fail(f"{where}: id: \"{record_id}\" is not a slug of at most {MAX_ID_BYTES} bytes")
    title = source_record["title"].strip()
    if byte_length(title) > MAX_TITLE_BYTES:
        fail(f"{where}: title: longer than {MAX_TITLE_BYTES} bytes")
    paragraphs = [p.strip() for p in source_record["text"].split("\n")]
    paragraphs = [p for p in paragraphs if p and not LICENCE_LINE.match(p)]
    if len(paragraphs) < 2:
        fail(f"{where}: text: fewer than two paragraphs, no body left after the summary")
    # The source sometimes breaks the opening sentence over two lines ("Med" / "master i …"):
    # an opening line without closing punctuation followed by one in lower case is one line.
    while (len(paragraphs) > 2 and not re.search(r"[.!?:]$", paragraphs[0])
           and paragraphs[1][:1].islower()):
        paragraphs[0:2] = [paragraphs[0] + " " + paragraphs[1]]
    summary, body_paragraphs = split_summary(paragraphs)
    body = "\n\n".join(body_paragraphs)
    if byte_length(body) > MAX_BODY_BYTES:
        fail(f"{where}: text: body longer than {MAX_BODY_BYTES} bytes")
    text = "\n".join(paragraphs)
    return {
        "id": record_id,
        "title": title,
        "styrk08": [],
        "sectors": [],
        "education_levels": education_levels(text, known_labels),
        "summary": summary,
        "body": body,
        "language": detect_language(text),
        "updated": SNAPSHOT_DATE,
    }


def main():
    parser = argparse.ArgumentParser(
        description="Convert ../shared/data/utdanning-nlod/yrker.jsonl to our corpus schema.")
    parser.add_argument("output", help="the corpus to write, e.g. var/real/occupations.jsonl")
    parser.add_argument("--source", default=DEFAULT_SOURCE,
                        help="the source JSON Lines (default: %(default)s)")
    args = parser.parse_args()
    if not os.path.isfile(args.source):
        fail(f"{args.source}: missing. The real descriptions are read from "
             "../shared/data/utdanning-nlod (beside the repository); give another copy with "
             "--source FILE")
    output = os.path.abspath(args.output)
    tracked_dirs = [os.path.join(ROOT, d) for d in ("corpus", "tests", "benchmarks", "docs")]
    if any(output.startswith(d + os.sep) for d in tracked_dirs):
        fail(f"{args.output}: inside the repository's tracked files; the texts must not be "
             "copied into the repository (write under var/ or /tmp)")
    known_labels = education_labels()
    records = []
    with open(args.source, encoding="utf-8") as f:
        for line_number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                source_record = json.loads(line)
            except json.JSONDecodeError as e:
                fail(f"{args.source}:{line_number}: invalid JSON: {e}")
            records.append(convert(source_record, f"{args.source}:{line_number}",
                                   known_labels))
    if not records:
        fail(f"{args.source}: no records")
    os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    nynorsk = sum(1 for r in records if r["language"] == "nn")
    no_level = sum(1 for r in records if not r["education_levels"])
    print(f"{args.output}: {len(records)} records ({len(records) - nynorsk} bokmål, {nynorsk} "
          f"nynorsk), {no_level} without an education level stated in the text")


if __name__ == "__main__":
    main()
