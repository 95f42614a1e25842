// The official Meilisearch JavaScript client and instant-meilisearch's InstantSearch client
// against `yrkesok serve` on 127.0.0.1: the bundled corpus is indexed into a temporary
// directory, the server started on a free port (read from its start line), and stopped at the
// end by its process id.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch as MeiliSearch, MeilisearchApiError } from 'meilisearch';
import { instantMeiliSearch } from '@meilisearch/instant-meilisearch';

const binary = process.env.YRKESOK_BIN ?? 'build/bin/yrkesok';
const dir = mkdtempSync(join(tmpdir(), 'yrkesok-meili-client-'));
let server;
let host;

before(async () => {
  const built = spawnSync(binary, ['index', '--corpus', 'corpus/occupations.jsonl', '--index',
                                   join(dir, 'index')], { encoding: 'utf8' });
  assert.equal(built.status, 0, `yrkesok index failed: ${built.stderr}`);
  server = spawn(binary, ['serve', '--index', join(dir, 'index'), '--port', '0', '--threads', '8',
                          '--web', join(dir, 'no-web')], { stdio: ['ignore', 'pipe', 'inherit'] });
  host = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no start line: ${out}`)), 60000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+) /);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`yrkesok serve exited with ${code}: ${out}`)));
  });
});

after(() => {
  if (server && server.exitCode === null) process.kill(server.pid, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const index = () => new MeiliSearch({ host }).index('yrker');

async function native(query) {
  const response = await fetch(`${host}/api/search?${new URLSearchParams(query)}`);
  assert.equal(response.status, 200);
  return response.json();
}

test('hjerte lungemaskin finds Perfusjonist first, with a facet distribution', async () => {
  const result = await new MeiliSearch({ host: host }).index('yrker')
    .search('hjerte lungemaskin', { facets: ['sectors'] });
  assert.equal(result.hits[0].title, 'Perfusjonist');
  assert.equal(result.hits[0].id, 'perfusjonist');
  assert.ok(result.facetDistribution.sectors['Helse og sosial'] >= 1, JSON.stringify(result));
  assert.equal(result.query, 'hjerte lungemaskin');
  assert.equal(typeof result.processingTimeMs, 'number');
});

test('ranking equals the native /api/search', async () => {
  for (const q of ['sykepleier', 'hjerte lungemaskin', 'sjukepleiar', 'snekker', 'lærer']) {
    const meili = await index().search(q, { limit: 10, attributesToRetrieve: ['id'] });
    const ours = await native({ q, per_page: '10' });
    assert.deepEqual(meili.hits.map((h) => h.id), ours.hits.map((h) => h.id), q);
    assert.equal(meili.estimatedTotalHits, ours.total, q);
  }
});

test('searchGet sends the same search as a query string', async () => {
  const posted = await index().search('kokk', { limit: 5, facets: ['language'] });
  const got = await index().searchGet('kokk', { limit: 5, facets: ['language'] });
  assert.deepEqual(got.hits.map((h) => h.id), posted.hits.map((h) => h.id));
  assert.deepEqual(got.facetDistribution, posted.facetDistribution);
});

test('filters: string and array forms, quoted values with æøå, NOT and IN', async () => {
  const text = await index().search('', {
    filter: 'language = nb AND (sectors = "Kontor og økonomi" OR sectors = Håndverkere)',
    limit: 400, attributesToRetrieve: ['id', 'language', 'sectors'],
  });
  const array = await index().search('', {
    filter: ['language = nb', ['sectors = "Kontor og økonomi"', "sectors = 'Håndverkere'"]],
    limit: 400, attributesToRetrieve: ['id'],
  });
  assert.ok(text.hits.length > 0);
  assert.deepEqual(array.hits.map((h) => h.id), text.hits.map((h) => h.id));
  for (const hit of text.hits) {
    assert.equal(hit.language, 'nb');
    assert.ok(hit.sectors.includes('Kontor og økonomi') || hit.sectors.includes('Håndverkere'));
  }
  const notNb = await index().search('', { filter: 'NOT language = nb', limit: 0 });
  const nn = await index().search('', { filter: 'language IN [nn]', limit: 0 });
  assert.equal(notNb.estimatedTotalHits, nn.estimatedTotalHits);
  assert.ok(nn.estimatedTotalHits > 0);
});

test('facet counts are counted over the filtered result and match the native counts', async () => {
  const meili = await index().search('ingeniør', {
    filter: 'education_levels = Master', facets: ['sectors', 'education_levels'], limit: 0,
  });
  const ours = await native({ q: 'ingeniør', education: 'Master' });
  assert.equal(meili.estimatedTotalHits, ours.total);
  // Sectors: both counted under the education filter.
  assert.deepEqual(meili.facetDistribution.sectors, ours.facets.sectors);
  // Education under its own filter: only the values of the filtered hits.
  const unfiltered = await index().search('ingeniør', { facets: ['education_levels'], limit: 0 });
  assert.deepEqual(unfiltered.facetDistribution.education_levels, ours.facets.education_levels);
});

test('pagination: offset/limit and page/hitsPerPage walk the same hits', async () => {
  const all = await index().search('sykepleier', { limit: 9, attributesToRetrieve: ['id'] });
  const offset = await index().search('sykepleier', { offset: 3, limit: 3 });
  const page = await index().search('sykepleier', { page: 2, hitsPerPage: 3 });
  assert.deepEqual(offset.hits.map((h) => h.id), all.hits.slice(3, 6).map((h) => h.id));
  assert.deepEqual(page.hits.map((h) => h.id), all.hits.slice(3, 6).map((h) => h.id));
  assert.equal(offset.offset, 3);
  assert.equal(offset.limit, 3);
  assert.equal(page.page, 2);
  assert.equal(page.hitsPerPage, 3);
  assert.equal(page.totalPages, Math.ceil(page.totalHits / 3));
});

test('highlighting, cropping and match positions', async () => {
  const result = await index().search('lungemaskin', {
    attributesToHighlight: ['summary', 'body'], highlightPreTag: '<em>', highlightPostTag: '</em>',
    attributesToCrop: ['body'], cropLength: 12, cropMarker: '…', showMatchesPosition: true, limit: 1,
  });
  const hit = result.hits[0];
  assert.equal(hit.id, 'perfusjonist');
  const body = hit._formatted.body;
  assert.match(body, /<em>[^<]*lungemaskin[^<]*<\/em>/i, body);
  assert.ok(body.startsWith('…') || body.endsWith('…'), body);
  assert.ok(body.replace(/<\/?em>/g, '').split(/\s+/).length <= 14, body);
  // Positions are bytes of the UTF-8 text; the matched words include the query word itself.
  const words = hit._matchesPosition.body.map((match) => Buffer.from(hit.body, 'utf8')
    .subarray(match.start, match.start + match.length).toString('utf8'));
  assert.ok(words.some((word) => /lungemaskin/i.test(word)), words.join(', '));
  assert.ok(words.every((word) => word.length > 0 && !/\s/.test(word)), words.join(', '));
});

test('multi-search answers each query', async () => {
  const client = new MeiliSearch({ host });
  const { results } = await client.multiSearch({
    queries: [
      { indexUid: 'yrker', q: 'kokk', limit: 2 },
      { indexUid: 'yrker', q: 'tømrer', filter: [['language = nb', 'language = nn']] },
    ],
  });
  assert.equal(results.length, 2);
  assert.equal(results[0].indexUid, 'yrker');
  assert.equal(results[0].hits.length, 2);
  assert.ok(results[1].hits.length > 0);
});

test('index, version and health routes satisfy the client', async () => {
  const client = new MeiliSearch({ host });
  assert.equal(await client.isHealthy(), true);
  const info = await client.getIndex('yrker');
  assert.equal(info.uid, 'yrker');
  assert.equal(info.primaryKey, 'id');
  const { results } = await client.getIndexes();
  assert.deepEqual(results.map((i) => i.uid), ['yrker']);
  assert.ok((await client.getVersion()).pkgVersion);
});

test('mistakes throw MeilisearchApiError with our error code', async () => {
  await assert.rejects(index().search('kokk', { filter: 'sectors = Helse og sosial' }), (error) => {
    assert.ok(error instanceof MeilisearchApiError);
    assert.equal(error.cause.code, 'invalid_search_filter');
    assert.equal(error.response.status, 400);
    assert.match(error.message, /17:26/);
    return true;
  });
  await assert.rejects(index().search('kokk', { sort: ['title:asc'] }),
    (error) => error.cause.code === 'invalid_search_sort');
  await assert.rejects(new MeiliSearch({ host }).index('filmer').search('x'),
    (error) => error.cause.code === 'index_not_found' && error.response.status === 404);
  await assert.rejects(index().addDocuments([{ id: 'x', title: 'X' }]),
    (error) => error instanceof MeilisearchApiError && error.response.status === 405);
});

test('instant-meilisearch searchClient: disjunctive facets, highlighting and paging', async () => {
  const { searchClient } = instantMeiliSearch(host, '', { finitePagination: true });
  // What InstantSearch sends for a refined sector list: the hits query with the refinement,
  // and a facet query without it, so the other sectors keep their counts.
  const { results } = await searchClient.search([
    { indexName: 'yrker', params: { query: 'ingeniør', facets: ['sectors', 'education_levels'],
                                    facetFilters: [['sectors:IT']], hitsPerPage: 5, page: 0 } },
    { indexName: 'yrker', params: { query: 'ingeniør', facets: ['sectors'], hitsPerPage: 0,
                                    page: 0 } },
  ]);
  const ours = await native({ q: 'ingeniør', sector: 'IT', per_page: '5' });
  assert.deepEqual(results[0].hits.map((h) => h.id), ours.hits.map((h) => h.id));
  assert.equal(results[0].nbHits, ours.total);
  // Disjunctive sector counts, as the native API computes them.
  assert.deepEqual(results[1].facets.sectors, ours.facets.sectors);
  assert.deepEqual(results[0].facets.education_levels, ours.facets.education_levels);
  // InstantSearch asks to highlight every attribute with its own tags.
  const marked = results[0].hits.filter((h) => ['title', 'summary', 'body']
    .some((field) => h._highlightResult[field].value.includes('__ais-highlight__')));
  assert.ok(marked.length > 0, JSON.stringify(results[0].hits.map((h) => h._highlightResult.summary)));
  assert.equal(results[0].hits[0]._highlightResult.sectors[0].value, results[0].hits[0].sectors[0]);
  assert.equal(results[0].page, 0);
  assert.equal(results[0].nbPages, Math.ceil(ours.total / 5));

  const { results: [next] } = await searchClient.search([
    { indexName: 'yrker', params: { query: 'ingeniør', facetFilters: [['sectors:IT']], hitsPerPage: 5, page: 1 } },
  ]);
  const ours2 = await native({ q: 'ingeniør', sector: 'IT', per_page: '5', page: '2' });
  assert.deepEqual(next.hits.map((h) => h.id), ours2.hits.map((h) => h.id));
});
