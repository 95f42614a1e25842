-- PostgreSQL peer: Norwegian full-text search with weights A/B/C for title/summary/body and a
-- GIN index (postgres_index.sql, after the load). Loaded by pg.sh; queried by peer_bench.cpp.
CREATE TABLE occupations (
    id text PRIMARY KEY,
    title text NOT NULL,
    summary text NOT NULL,
    body text NOT NULL,
    sectors text[] NOT NULL,
    education text[] NOT NULL,
    doc tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('norwegian', title), 'A') ||
        setweight(to_tsvector('norwegian', summary), 'B') ||
        setweight(to_tsvector('norwegian', body), 'C')) STORED
);
