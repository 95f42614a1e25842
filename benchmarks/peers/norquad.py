#!/usr/bin/env python3
"""NorQuAD (CC0; ../shared/data/norquad/, read at run time, never copied into the repository)
as a retrieval task: every distinct passage becomes a record in our corpus format, every
question a judged query whose one relevant answer is its own passage.

  norquad.py DATA_DIR OUT_DIR    writes OUT_DIR/corpus.jsonl and OUT_DIR/queries.tsv

A passage's first line (the article's headline) is the title, its next sentence the summary
and the rest the body; the facets are the same neutral values for every record (they only
need to validate). Question ids are NorQuAD's own.
"""
import hashlib
import json
import os
import re
import sys

SETS = ["test_dataset_flattened.json", "validation_dataset_flattened.json"]


def cut(text, limit):
    """At most `limit` UTF-8 bytes, cut at a space."""
    if len(text.encode("utf-8")) <= limit:
        return text
    out = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    return out.rsplit(" ", 1)[0]


def record(pid, context):
    lines = [l.strip() for l in context.strip().split("\n") if l.strip()]
    title = cut(lines[0], 120)
    rest = " ".join(lines[1:]) if len(lines) > 1 else lines[0]
    m = re.match(r"(.+?[.!?])\s+(.*)", rest, re.S)
    summary, body = (m.group(1), m.group(2)) if m else (rest, rest)
    if len(summary.encode("utf-8")) > 600:
        body = summary + " " + body
        summary = cut(summary, 600)
    return {"id": pid, "title": title, "styrk08": [], "sectors": ["Kultur og kreative yrker"],
            "education_levels": ["Ingen formelle krav"], "summary": summary,
            "body": body or summary, "language": "nb", "updated": "2026-11-25"}


def main():
    data_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    passages = {}  # context -> passage id
    queries = []
    for name in SETS:
        with open(os.path.join(data_dir, name), encoding="utf-8") as f:
            data = json.load(f)
        for article in data["data"]:
            for paragraph in article["paragraphs"]:
                context = paragraph["context"]
                key = hashlib.sha1(context.strip().encode("utf-8")).hexdigest()
                pid = passages.setdefault(key, (f"p-{len(passages) + 1:04d}", context))[0]
                for qa in paragraph["qas"]:
                    question = " ".join(qa["question"].split())
                    if question:
                        queries.append((f"q-{qa['id']}", question, pid))
    with open(os.path.join(out_dir, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for pid, context in passages.values():
            f.write(json.dumps(record(pid, context), ensure_ascii=False) + "\n")
    with open(os.path.join(out_dir, "queries.tsv"), "w", encoding="utf-8") as f:
        f.write("# NorQuAD questions; the relevant passage is the question's own.\n")
        seen = set()
        for qid, question, pid in queries:
            if qid in seen:
                continue
            seen.add(qid)
            f.write(f"{qid}\tnorquad\t{question}\t\t{pid}:3\n")
    print(json.dumps({"passages": len(passages), "questions": len(seen)}))


if __name__ == "__main__":
    main()
