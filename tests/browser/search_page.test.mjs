// Drives the search page (web/) in headless Chromium against a real `yrkesok serve` on
// 127.0.0.1 with an index of the bundled corpus: instant results, facet filters with
// disjunctive counts, keyboard suggestions, "Mente du", the empty state, the occupation dialog,
// and the search kept in the URL across reloads and the back button. Expected values come
// from the same server's JSON API, so the page is checked against the engine, not against
// numbers written here.
//
// Run: node --test tests/browser/search_page.test.mjs (from the source root; CTest does this).
// YRKESOK_BIN names the yrkesok binary (default build/bin/yrkesok). A screenshot is left in
// tests/artifacts/.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const binary = process.env.YRKESOK_BIN || path.join(root, "build", "bin", "yrkesok");
const artifacts = path.join(root, "tests", "artifacts");
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
// Upper bounds for things that should take a fraction of this; they catch a hang, they do
// not measure speed.
const START_TIMEOUT_MS = 60_000;
const WAIT_MS = 30_000;

let chromium;
let scratch;
let server;
let context;
let page;
let base;
const pageErrors = [];
const foreignRequests = [];

// ---- the server ------------------------------------------------------------------------------

function stopServerNow() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
}
process.on("exit", stopServerNow);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    stopServerNow();
    process.exit(1);
  });
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, "exit");
  server.kill("SIGTERM");
  const timer = setTimeout(stopServerNow, 10_000);
  await exited;
  clearTimeout(timer);
}

async function startServer(index) {
  server = spawn(
    binary,
    ["serve", "--index", index, "--host", "127.0.0.1", "--port", "0", "--threads", "16",
      "--web", path.join(root, "web")],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`yrkesok serve did not start:\n${output}`)), START_TIMEOUT_MS);
    const look = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout.setEncoding("utf8").on("data", look);
    server.stderr.setEncoding("utf8").on("data", look);
    server.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`yrkesok serve exited (${code ?? signal}):\n${output}`));
    });
  });
  // Ready means /health answers.
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not yet accepting
    }
    if (Date.now() > deadline) throw new Error(`${url}/health never answered`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return url;
}

async function api(route, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of [].concat(value)) query.append(name, item);
  }
  const response = await fetch(`${base}${route}?${query}`);
  assert.equal(response.status, 200, `GET ${route}?${query} answered ${response.status}`);
  return response.json();
}

// ---- the page --------------------------------------------------------------------------------

const input = () => page.getByRole("combobox", { name: "Søk etter yrke" });

// The page has shown the results of `q` (as typed; corrected or not) and is not busy.
async function waitForResults(q, extra = {}) {
  await page.waitForFunction(
    ({ q, sector, education, pageNumber }) => {
      const params = new URLSearchParams(location.search);
      const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
      return (
        (params.get("q") || "") === q &&
        same(params.getAll("sector"), sector) &&
        same(params.getAll("education"), education) &&
        Number(params.get("page") || "1") === pageNumber &&
        document.getElementById("main").getAttribute("aria-busy") === "false" &&
        document.getElementById("status").dataset.query === q &&
        document.getElementById("status").dataset.page === String(pageNumber)
      );
    },
    { q, sector: extra.sector || [], education: extra.education || [], pageNumber: extra.page || 1 },
    { timeout: WAIT_MS },
  );
}

async function shown() {
  return page.evaluate(() => {
    const counts = (id) =>
      Object.fromEntries(
        [...document.querySelectorAll(`#${id} .facet-item`)].map((li) => [
          li.dataset.value,
          Number(li.querySelector(".facet-count").dataset.count),
        ]),
      );
    const checked = (id) =>
      [...document.querySelectorAll(`#${id} input:checked`)].map((box) => box.value);
    return {
      url: location.pathname + location.search,
      q: document.getElementById("q").value,
      total: Number(document.getElementById("status").dataset.total),
      status: document.getElementById("status").textContent,
      ids: [...document.querySelectorAll("#hits .hit")].map((li) => li.dataset.id),
      titles: [...document.querySelectorAll("#hits .hit-title")].map((b) => b.textContent),
      sectorsOfHits: [...document.querySelectorAll("#hits .hit")].map((li) =>
        [...li.querySelectorAll(".badge-sector")].map((b) => b.textContent)),
      sectors: counts("facet-sector"),
      education: counts("facet-education"),
      checkedSectors: checked("facet-sector"),
      checkedEducation: checked("facet-education"),
      currentPage: document.querySelector("#pagination [aria-current=page]")?.textContent ?? null,
    };
  });
}

// Every facet value the API counts is shown with that count; the rest are shown as 0.
function assertCountsMatch(shownCounts, apiCounts, what) {
  for (const [value, count] of Object.entries(apiCounts)) {
    assert.equal(shownCounts[value], count, `${what} "${value}"`);
  }
  for (const [value, count] of Object.entries(shownCounts)) {
    if (!(value in apiCounts)) assert.equal(count, 0, `${what} "${value}" is not in the API's counts`);
  }
}

async function typeQuery(text) {
  await input().click();
  await input().fill("");
  await input().pressSequentially(text, { delay: 15 });
}

async function firstWithResponse(candidates, predicate) {
  for (const q of candidates) {
    const body = await api("/api/search", { q });
    if (predicate(body)) return { q, body };
  }
  return null;
}

// ---- set-up and tear-down --------------------------------------------------------------------

before(async () => {
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    throw new Error("playwright-core is missing: run `npm ci` in the source root");
  }
  assert.ok(existsSync(binary), `${binary} is not built`);
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is not installed (scripts/install-deps)`);
  scratch = mkdtempSync(path.join(tmpdir(), "yrkesok-web-"));
  const index = path.join(scratch, "index");
  const built = spawnSync(
    binary, ["index", "--corpus", path.join(root, "corpus", "occupations.jsonl"), "--index", index],
    { cwd: root, encoding: "utf8" },
  );
  assert.equal(built.status, 0, `yrkesok index failed:\n${built.stdout}\n${built.stderr}`);
  base = await startServer(index);

  context = await chromium.launchPersistentContext(path.join(scratch, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: "nb-NO",
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(WAIT_MS);
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  page.on("console", (message) => {
    // A refused API request is logged by Chromium as a failed resource; the tests that
    // provoke one check the page's message, and static files are checked below.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      pageErrors.push(message.text());
    }
  });
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && !url.pathname.startsWith("/api/")) {
      pageErrors.push(`${response.status()} for ${url.pathname}`);
    }
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${base}/`) && !url.startsWith("data:")) foreignRequests.push(url);
  });
});

after(async () => {
  try {
    if (context) await context.close();
  } finally {
    await stopServer();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
});

// ---- the tests -------------------------------------------------------------------------------

describe("search page", () => {
  it("shows Perfusjonist first while typing hjerte lungemaskin, with highlighted snippets and the API's counts", async () => {
    await page.goto(`${base}/`);
    await waitForResults("");
    const q = "hjerte lungemaskin";
    await typeQuery(q);
    await waitForResults(q);
    const expected = await api("/api/search", { q });
    const now = await shown();
    assert.equal(now.titles[0], "Perfusjonist");
    assert.deepEqual(now.ids, expected.hits.map((hit) => hit.id));
    assert.equal(now.total, expected.total);
    assert.match(now.status, /treff for «hjerte lungemaskin»/);
    assertCountsMatch(now.sectors, expected.facets.sectors, "sector count");
    assertCountsMatch(now.education, expected.facets.education_levels, "education count");
    assert.ok(await page.locator("#hits .hit").first().locator(".snippet mark").count() > 0,
      "the first snippet highlights the matches");
    assert.ok(await page.locator("#hits .hit").first().locator(".badge").count() > 0,
      "the first hit has facet badges");
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, "search_page.png"), fullPage: true });
  });

  it("filters by a sector, keeps the other sectors' counts, and restores it all on reload and back", async () => {
    await page.goto(`${base}/`);
    await waitForResults("");
    const q = "hjerte lungemaskin";
    await typeQuery(q);
    await waitForResults(q);
    const before = await shown();
    const unfiltered = await api("/api/search", { q });

    // The largest sector that does not hold every hit: ticking it must change the list.
    const [sector] = Object.entries(unfiltered.facets.sectors)
      .filter(([, count]) => count > 0 && count < unfiltered.total)
      .sort((a, b) => b[1] - a[1])[0];
    const box = page.locator(`#facet-sector .facet-item[data-value="${sector}"] input`);
    await box.focus();
    await page.keyboard.press("Space");
    await waitForResults(q, { sector: [sector] });

    const filtered = await api("/api/search", { q, sector });
    const ticked = await shown();
    assert.deepEqual(ticked.checkedSectors, [sector]);
    assert.equal(ticked.total, filtered.total);
    assert.ok(ticked.total < before.total, "the hit list narrows");
    assert.notDeepEqual(ticked.ids, before.ids);
    for (const sectors of ticked.sectorsOfHits) assert.ok(sectors.includes(sector));
    // Disjunctive: the sector counts are those of the query without the sector filter, so the
    // other sectors stay visible with their counts; education counts follow the filter.
    assert.deepEqual(ticked.sectors, before.sectors);
    assert.ok(Object.entries(ticked.sectors).filter(([v, c]) => v !== sector && c > 0).length > 0,
      "other sectors still have counts");
    assertCountsMatch(ticked.education, filtered.facets.education_levels, "education count");
    assert.notDeepEqual(ticked.education, before.education);
    assert.equal(await page.evaluate(() => document.activeElement.value), sector,
      "focus stays on the ticked checkbox");

    // The next page, if the filtered result has one.
    let pageNumber = 1;
    if (filtered.total > filtered.per_page) {
      await page.getByRole("link", { name: "Neste side" }).click();
      pageNumber = 2;
      await waitForResults(q, { sector: [sector], page: 2 });
      const second = await api("/api/search", { q, sector, page: 2 });
      assert.deepEqual((await shown()).ids, second.hits.map((hit) => hit.id));
      assert.equal((await shown()).currentPage, "2");
    }

    // Reload with the URL: the same state.
    const beforeReload = await shown();
    await page.reload();
    await waitForResults(q, { sector: [sector], page: pageNumber });
    assert.deepEqual(await shown(), beforeReload);

    // Back walks through the steps: (page 2 →) page 1 with the filter → no filter.
    if (pageNumber === 2) {
      await page.evaluate(() => history.back());
      await waitForResults(q, { sector: [sector] });
      assert.deepEqual((await shown()).ids, ticked.ids);
    }
    await page.evaluate(() => history.back());
    await waitForResults(q);
    const back = await shown();
    assert.equal(back.q, q);
    assert.deepEqual(back.checkedSectors, []);
    assert.deepEqual(back.ids, before.ids);
    assert.deepEqual(back.sectors, before.sectors);
    assert.deepEqual(back.education, before.education);
  });

  it("offers suggestions that the keyboard can choose, and Escape closes them", async () => {
    await page.goto(`${base}/`);
    await waitForResults("");
    const typed = "perf";
    const expected = (await api("/api/suggest", { q: typed, limit: 8 })).suggestions;
    assert.ok(expected.length > 0, `the index suggests something for "${typed}"`);
    await typeQuery(typed);
    const listbox = page.getByRole("listbox", { name: "Forslag" });
    await listbox.waitFor({ state: "visible" });
    await page.waitForFunction(
      (texts) => JSON.stringify([...document.querySelectorAll("#suggestions [role=option]")]
        .map((o) => o.textContent.replace(/yrke$/, ""))) === JSON.stringify(texts),
      expected.map((s) => s.text),
    );
    assert.equal(await input().getAttribute("aria-expanded"), "true");

    // Choose the first occupation title among the suggestions (or the first suggestion).
    const target = Math.max(0, expected.findIndex((s) => s.kind === "title"));
    for (let i = 0; i <= target; i++) await page.keyboard.press("ArrowDown");
    const option = page.getByRole("option").nth(target);
    assert.equal(await option.getAttribute("aria-selected"), "true");
    assert.equal(await input().getAttribute("aria-activedescendant"), await option.getAttribute("id"));
    await page.keyboard.press("Enter");

    const chosen = expected[target].text;
    await waitForResults(chosen);
    assert.equal(await input().inputValue(), chosen);
    assert.equal(await listbox.isVisible(), false);
    assert.equal(await input().getAttribute("aria-expanded"), "false");
    const results = await api("/api/search", { q: chosen });
    assert.deepEqual((await shown()).ids, results.hits.map((hit) => hit.id));
    if (expected[target].kind === "title") assert.equal((await shown()).titles[0], chosen);

    // Escape closes the list and keeps the text; ArrowDown opens it again.
    await typeQuery("syke");
    await listbox.waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
    await listbox.waitFor({ state: "hidden" });
    assert.equal(await input().inputValue(), "syke");
    await waitForResults("syke"); // closing the list does not stop the search
    await page.keyboard.press("ArrowDown");
    await listbox.waitFor({ state: "visible" });
    assert.equal(await page.getByRole("option").first().getAttribute("aria-selected"), "true");
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, "search_page_suggestions.png") });
    await page.keyboard.press("Escape");
    await listbox.waitFor({ state: "hidden" });
  });

  it("follows a 'Mente du' link and says when the hits are for a corrected query", async () => {
    // Misspellings next to a correct word: few hits, so the engine offers a suggestion.
    const suggested = await firstWithResponse(
      ["perfusjonist lungemaskn", "urmaker reparasjn", "perfusjonist operasjn", "perfusjonist blodd"],
      (body) => body.suggestion !== null && body.corrected_query === null,
    );
    assert.ok(suggested, "one of the misspelt queries gets a suggestion from the engine");
    await page.goto(`${base}/?${new URLSearchParams({ q: suggested.q })}`);
    await waitForResults(suggested.q);
    const notice = page.locator("#notice");
    assert.match(await notice.textContent(), /^Mente du .+\?$/);
    const link = notice.getByRole("link", { name: suggested.body.suggestion });
    await link.click();
    const q = suggested.body.suggestion;
    await waitForResults(q);
    assert.equal(await input().inputValue(), q);
    const results = await api("/api/search", { q });
    const now = await shown();
    assert.equal(now.total, results.total);
    assert.deepEqual(now.ids, results.hits.map((hit) => hit.id));

    // A query without hits is answered for its correction, and the page says so.
    const corrected = await firstWithResponse(
      ["snekkker", "sykepleir", "elektrker", "advokatt"],
      (body) => body.corrected_query !== null,
    );
    assert.ok(corrected, "one of the misspelt queries is corrected by the engine");
    await page.goto(`${base}/?${new URLSearchParams({ q: corrected.q })}`);
    await waitForResults(corrected.q);
    assert.match(await notice.textContent(),
      new RegExp(`Viser treff for ${corrected.body.corrected_query}`));
    assert.deepEqual((await shown()).ids, corrected.body.hits.map((hit) => hit.id));
    assert.match((await shown()).status, new RegExp(`«${corrected.body.corrected_query}»`));
  });

  it("never corrects the word being typed while an indexed word begins with it", async () => {
    await page.goto(`${base}/`);
    await waitForResults("");
    await input().click();
    await input().fill("");
    const notice = page.locator("#notice");
    let typed = "";
    for (const letter of "hjerte perfusj") {
      await input().press(letter === " " ? "Space" : letter);
      typed += letter;
      if (letter === " ") continue; // the same query as before, nothing new to show
      await waitForResults(typed);
      assert.equal(await input().inputValue(), typed, "the box keeps what was typed");
      const text = (await notice.isVisible()) ? await notice.textContent() : "";
      assert.doesNotMatch(text, /Viser treff for|Mente du/, `"${typed}" got a correction: ${text}`);
      const answer = await api("/api/search", { q: typed });
      assert.equal(answer.corrected_query, null, `"${typed}"`);
      assert.deepEqual((await shown()).ids, answer.hits.map((hit) => hit.id));
    }
    assert.equal((await shown()).titles[0], "Perfusjonist");
  });

  it("lets a page on another origin call the API (CORS, with a preflight)", async () => {
    // A second origin: the same host on another port, serving one page that calls the API.
    const other = createServer((request, response) => {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end("<!doctype html><title>Annen side</title><p>Annen side</p>");
    });
    other.listen(0, "127.0.0.1");
    await once(other, "listening");
    const origin = `http://127.0.0.1:${other.address().port}`;
    const foreign = await context.newPage();
    try {
      await foreign.goto(`${origin}/`);
      const result = await foreign.evaluate(async (api) => {
        const simple = await fetch(`${api}/api/search?q=lege`);
        // A JSON POST with a client header is preflighted by the browser (OPTIONS first).
        const preflighted = await fetch(`${api}/indexes/yrker/search`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Meilisearch-Client": "cors-test" },
          body: JSON.stringify({ q: "lege", limit: 3 }),
        });
        return {
          simple: simple.status,
          total: (await simple.json()).total,
          preflighted: preflighted.status,
          hits: (await preflighted.json()).hits.length,
        };
      }, base);
      assert.equal(result.simple, 200);
      assert.ok(result.total > 0);
      assert.equal(result.preflighted, 200);
      assert.ok(result.hits > 0);
      const preflight = await fetch(`${base}/api/search`, {
        method: "OPTIONS",
        headers: { Origin: origin, "Access-Control-Request-Method": "GET" },
      });
      assert.equal(preflight.status, 204);
      assert.match(preflight.headers.get("access-control-allow-methods"), /GET/);
    } finally {
      await foreign.close();
      other.close();
    }
  });

  it("shows an empty state when nothing matches", async () => {
    const none = await firstWithResponse(
      ["xqzvwk", "qqxjzv", "zzxqqw"],
      (body) => body.total === 0 && !body.corrected_query,
    );
    assert.ok(none, "one of the nonsense queries has no hits");
    await page.goto(`${base}/`);
    await waitForResults("");
    await typeQuery(none.q);
    await waitForResults(none.q);
    const empty = page.locator("#empty");
    assert.equal(await empty.isVisible(), true);
    assert.match(await empty.textContent(), /Ingen yrker passer søket/);
    assert.equal(await page.locator("#hits .hit").count(), 0);
    assert.equal(await page.locator("#pagination").isVisible(), false);
    assert.match((await shown()).status, /^0 treff/);
  });

  it("drops filter values the index does not know and explains a refused query in Norwegian", async () => {
    const q = "kokk";
    await page.goto(`${base}/?${new URLSearchParams({ q, sector: "Ingen slik sektor" })}`);
    await waitForResults(q); // the URL is rewritten without the unknown value
    const expected = await api("/api/search", { q });
    assert.deepEqual((await shown()).ids, expected.hits.map((hit) => hit.id));
    assert.match(await page.locator("#notice").textContent(),
      /Filteret «Ingen slik sektor» finnes ikke og er fjernet\./, "the visitor is told");

    const long = "lang ".repeat(200).trim(); // past the API's 512-byte limit on q
    const refused = await fetch(`${base}/api/search?${new URLSearchParams({ q: long })}`);
    assert.equal(refused.status, 400);
    await page.goto(`${base}/?${new URLSearchParams({ q: long })}`);
    await waitForResults(long);
    assert.match((await shown()).status, /Søket er for langt/);
    assert.equal(await page.locator("#hits .hit").count(), 0);
  });

  it("opens an occupation in a dialog and returns focus when it closes", async () => {
    const q = "hjerte lungemaskin";
    await page.goto(`${base}/?${new URLSearchParams({ q })}`);
    await waitForResults(q);
    const first = page.locator("#hits .hit-title").first();
    const id = await first.getAttribute("data-id");
    const record = await api(`/api/occupations/${encodeURIComponent(id)}`);
    await first.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: record.title });
    await dialog.waitFor({ state: "visible" });
    await page.locator("#detail .detail-summary").waitFor();
    assert.equal(await page.locator("#detail .detail-summary").textContent(), record.summary);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.id), id);
  });

  it("loaded nothing from another host, every file it asked for, and raised no script errors", () => {
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(pageErrors, []);
  });
});
