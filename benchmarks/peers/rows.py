#!/usr/bin/env python3
"""Turns a corpus in our JSON Lines format into what the peers load.

  rows.py pg-csv CORPUS OUT.csv    CSV for postgres.sql (arrays as {"a","b"} literals)
  rows.py sqlite CORPUS OUT.db     a SQLite database with an FTS5 table (unicode61 tokenizer,
                                   remove_diacritics 0 so that æ, ø and å stay letters of their own)
"""
import csv
import json
import os
import sqlite3
import sys


def records(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def pg_array(values):
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
                          for v in values) + "}"


def pg_csv(corpus, out):
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        for r in records(corpus):
            w.writerow([r["id"], r["title"], r["summary"], r["body"], pg_array(r["sectors"]),
                        pg_array(r["education_levels"])])


def sqlite_db(corpus, out):
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE occupations (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL,
                                  sectors TEXT NOT NULL, education TEXT NOT NULL);
        CREATE VIRTUAL TABLE occupations_fts USING fts5(
            title, summary, body, tokenize = 'unicode61 remove_diacritics 0');
    """)
    with db:
        for n, r in enumerate(records(corpus), 1):
            db.execute("INSERT INTO occupations VALUES (?, ?, ?, ?)",
                       (n, r["id"], json.dumps(r["sectors"], ensure_ascii=False),
                        json.dumps(r["education_levels"], ensure_ascii=False)))
            db.execute("INSERT INTO occupations_fts (rowid, title, summary, body) "
                       "VALUES (?, ?, ?, ?)", (n, r["title"], r["summary"], r["body"]))
    db.execute("INSERT INTO occupations_fts (occupations_fts) VALUES ('optimize')")
    db.commit()
    db.close()


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("pg-csv", "sqlite"):
        sys.exit(__doc__)
    (pg_csv if sys.argv[1] == "pg-csv" else sqlite_db)(sys.argv[2], sys.argv[3])
