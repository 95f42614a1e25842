-- Built after the rows are loaded (benchmarks/peers/pg.sh).
CREATE INDEX occupations_doc ON occupations USING gin (doc);
VACUUM ANALYZE occupations;
