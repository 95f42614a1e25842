// Yrkesøk search page: instant search with suggestions, disjunctive facet filters, pagination
// and the search kept in the URL. Plain JavaScript over the JSON API (GET /api/search,
// /api/suggest, /api/facets, /api/occupations/{id}); no framework, no build step.
"use strict";

(() => {
  const PER_PAGE = 10;
  const SEARCH_DELAY_MS = 150;
  const SUGGEST_DELAY_MS = 60;
  const SUGGEST_LIMIT = 8;

  // Education levels in the order of the education system; values not listed follow by name.
  const EDUCATION_ORDER = [
    "Ingen formelle krav",
    "Videregående skole",
    "Fagbrev",
    "Fagskole",
    "Bachelor",
    "Master",
    "Doktorgrad",
  ];
  const FACETS = [
    { param: "sector", key: "sectors", element: "facet-sector" },
    { param: "education", key: "education_levels", element: "facet-education" },
  ];

  const $ = (id) => document.getElementById(id);
  const collator = new Intl.Collator("nb");
  const numberFormat = new Intl.NumberFormat("nb-NO");
  const msFormat = new Intl.NumberFormat("nb-NO", { maximumFractionDigits: 1 });
  const dateFormat = new Intl.DateTimeFormat("nb-NO", { dateStyle: "long" });

  const input = $("q");
  const form = $("search-form");
  const listbox = $("suggestions");
  const main = $("main");

  const { el, snippetFragment, ApiError, api } = window.YrkesokPage;

  // ---- state and URL -------------------------------------------------------------------------

  // A search: { q, sector: [], education: [], page }. The URL carries the same parameters as
  // GET /api/search, so a shared link reproduces the search.
  let current = { q: "", sector: [], education: [], page: 1 };
  const vocabulary = { sector: [], education: [] };
  let vocabularyLoaded = false;

  function stateFromUrl() {
    const params = new URLSearchParams(location.search);
    const page = Number.parseInt(params.get("page") || "1", 10);
    return {
      q: params.get("q") || "",
      sector: params.getAll("sector"),
      education: params.getAll("education"),
      page: Number.isFinite(page) && page >= 1 && page <= 10000 ? page : 1,
    };
  }

  function searchParams(state, extra = {}) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const value of state.sector) params.append("sector", value);
    for (const value of state.education) params.append("education", value);
    if (state.page > 1) params.set("page", String(state.page));
    for (const [name, value] of Object.entries(extra)) params.set(name, value);
    return params;
  }

  function urlFor(state) {
    const query = searchParams(state).toString();
    return location.pathname + (query ? "?" + query : "");
  }

  // Values the index does not know (an old link, a hand-edited URL) are dropped rather than
  // sent to the API, which would refuse them; the next notice says which were dropped.
  let droppedFilters = [];
  function known(state) {
    if (!vocabularyLoaded) return state;
    droppedFilters = [
      ...state.sector.filter((v) => !vocabulary.sector.includes(v)),
      ...state.education.filter((v) => !vocabulary.education.includes(v)),
    ];
    return {
      ...state,
      sector: state.sector.filter((v) => vocabulary.sector.includes(v)),
      education: state.education.filter((v) => vocabulary.education.includes(v)),
    };
  }

  // History: every deliberate step (a filter, a page, a suggestion, Enter) is its own entry, so
  // the back button walks through them; while typing, one entry is updated in place.
  function record(state, mode) {
    if (mode === "none") return;
    const url = urlFor(state);
    const typing = mode === "typing";
    const here = location.pathname + location.search;
    const entry = { typing };
    if (mode === "replace" || url === here || (typing && history.state && history.state.typing)) {
      history.replaceState(entry, "", url);
    } else {
      history.pushState(entry, "", url);
    }
  }

  // ---- search --------------------------------------------------------------------------------

  let searchTimer = 0;
  let searchController = null;
  let searchSequence = 0;

  function cancelScheduledSearch() {
    clearTimeout(searchTimer);
    searchTimer = 0;
  }

  function scheduleSearch() {
    cancelScheduledSearch();
    searchTimer = setTimeout(() => {
      searchTimer = 0;
      const q = input.value.trim();
      if (q === current.q) return;
      runSearch({ ...current, q, page: 1 }, "typing");
    }, SEARCH_DELAY_MS);
  }

  async function runSearch(requested, mode, options = {}) {
    const state = known(requested);
    current = state;
    record(state, mode);
    syncFacetInputs(state);

    if (searchController) searchController.abort();
    const controller = new AbortController();
    searchController = controller;
    const sequence = ++searchSequence;
    main.setAttribute("aria-busy", "true");
    try {
      const body = await api(
        "/api/search",
        searchParams(state, { per_page: String(PER_PAGE) }),
        controller.signal,
      );
      if (sequence !== searchSequence) return; // a newer search has started
      // A page past the end (an old link, a shrunken result): show the last page instead.
      if (body.hits.length === 0 && body.total > 0 && state.page > 1) {
        const last = Math.max(1, Math.ceil(body.total / PER_PAGE));
        runSearch({ ...state, page: last }, "replace", options);
        return;
      }
      render(body, state);
      if (options.focusResults) focusResults();
    } catch (error) {
      if (error.name === "AbortError" || sequence !== searchSequence) return;
      renderError(error, state);
    } finally {
      if (sequence === searchSequence) main.setAttribute("aria-busy", "false");
    }
  }

  function focusResults() {
    const heading = $("results-heading");
    heading.focus({ preventScroll: true });
    const top = main.getBoundingClientRect().top + window.scrollY - 16;
    if (window.scrollY > top) window.scrollTo({ top });
  }

  // ---- rendering -----------------------------------------------------------------------------

  function quoted(text) {
    return `«${text}»`;
  }

  function renderStatus(body, state) {
    const status = $("status");
    const filtered = state.sector.length + state.education.length > 0;
    const shown = body.corrected_query || body.query;
    let text;
    if (!state.q) {
      const noun = body.total === 1 ? "yrke" : "yrker";
      text = `${numberFormat.format(body.total)} ${noun}${filtered ? " i utvalget" : ""}`;
    } else {
      text = `${numberFormat.format(body.total)} treff for ${quoted(shown)}`;
    }
    status.textContent = text;

    const meta = el("span", { className: "status-meta" });
    if (body.total > 0) {
      const first = (body.page - 1) * body.per_page + 1;
      const last = first + body.hits.length - 1;
      const range =
        body.total > body.hits.length
          ? `Viser ${numberFormat.format(first)}–${numberFormat.format(last)}`
          : "";
      const order = state.q ? "" : "alfabetisk";
      meta.textContent = [range, order, `${msFormat.format(body.took_ms)} ms`]
        .filter(Boolean)
        .join(" · ");
    }
    // The timing is not worth announcing: keep it outside the live region's text.
    $("status-meta")?.remove();
    meta.id = "status-meta";
    meta.setAttribute("aria-hidden", "true");
    status.after(meta);
  }

  // "Mente du …?" for a suggestion; "Viser treff for …" when the hits are for a correction.
  function renderNotice(body, state) {
    const notice = $("notice");
    notice.replaceChildren();
    const link = (text) => {
      const a = el("a", {
        href: urlFor({ ...state, q: text, page: 1 }),
        className: "did-you-mean",
        "data-query": text,
        text,
      });
      return a;
    };
    if (body.corrected_query) {
      notice.append(
        `Ingen treff for ${quoted(body.query)}. Viser treff for `,
        link(body.corrected_query),
        " i stedet.",
      );
    } else if (body.suggestion) {
      notice.append("Mente du ", link(body.suggestion), "?");
    }
    if (droppedFilters.length > 0) {
      const names = droppedFilters.map(quoted).join(", ");
      const line = droppedFilters.length === 1
        ? `Filteret ${names} finnes ikke og er fjernet.`
        : `Filtrene ${names} finnes ikke og er fjernet.`;
      if (notice.childNodes.length > 0) notice.append(" ");
      notice.append(el("span", { className: "dropped-filters", text: line }));
      droppedFilters = [];
    }
    notice.hidden = notice.childNodes.length === 0;
  }

  function badges(hit) {
    const list = el("ul", { className: "badges", "aria-label": "Sektor og utdanning" });
    for (const value of hit.sectors) list.append(el("li", { className: "badge badge-sector", text: value }));
    for (const value of hit.education_levels) {
      list.append(el("li", { className: "badge badge-education", text: value }));
    }
    return list;
  }

  function renderHits(body) {
    const hits = $("hits");
    const items = body.hits.map((hit) => {
      const titleId = `hit-${hit.id}`;
      const title = el("button", {
        type: "button",
        className: "hit-title",
        "data-id": hit.id,
        "aria-haspopup": "dialog",
        text: hit.title,
      });
      const snippet = el("p", { className: "snippet" });
      snippet.append(snippetFragment(hit.snippet));
      const codes = hit.styrk08.length
        ? el("p", { className: "hit-code", text: `STYRK-08 ${hit.styrk08.join(", ")}` })
        : null;
      return el(
        "li",
        { className: "hit", "data-id": hit.id },
        // Nynorsk texts say so, for screen readers' pronunciation and for hyphenation.
        el("article", { "aria-labelledby": titleId, lang: hit.language === "nn" ? "nn" : false },
          el("h3", { id: titleId }, title),
          snippet,
          el("div", { className: "hit-foot" }, badges(hit), codes)),
      );
    });
    hits.start = (body.page - 1) * body.per_page + 1;
    hits.replaceChildren(...items);
    $("empty").hidden = body.total > 0;
  }

  function pageLink(state, page, label, options = {}) {
    if (options.disabled) {
      return el("span", { className: `page page-${options.kind || "number"}`, "aria-disabled": "true", text: label });
    }
    return el("a", {
      className: `page page-${options.kind || "number"}`,
      href: urlFor({ ...state, page }),
      "data-page": String(page),
      "aria-current": options.current ? "page" : false,
      "aria-label": options.label || `Side ${page}`,
      text: label,
    });
  }

  function renderPagination(body, state) {
    const nav = $("pagination");
    const pages = Math.ceil(body.total / body.per_page);
    if (pages <= 1) {
      nav.hidden = true;
      nav.replaceChildren();
      return;
    }
    const page = body.page;
    const numbers = new Set([1, pages, page - 1, page, page + 1]);
    if (page <= 3) [2, 3, 4].forEach((n) => numbers.add(n));
    if (page >= pages - 2) [pages - 1, pages - 2, pages - 3].forEach((n) => numbers.add(n));
    const sorted = [...numbers].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);

    const list = el("ul");
    list.append(el("li", {}, pageLink(state, page - 1, "‹ Forrige", {
      kind: "prev", disabled: page === 1, label: "Forrige side",
    })));
    let previous = 0;
    for (const n of sorted) {
      if (n - previous > 1) list.append(el("li", { className: "gap", "aria-hidden": "true", text: "…" }));
      list.append(el("li", {}, pageLink(state, n, String(n), { current: n === page })));
      previous = n;
    }
    list.append(el("li", {}, pageLink(state, page + 1, "Neste ›", {
      kind: "next", disabled: page === pages, label: "Neste side",
    })));
    nav.replaceChildren(list);
    nav.hidden = false;
  }

  function render(body, state) {
    renderStatus(body, state);
    // What is shown, for scripts and tests that need to know when a search has landed.
    Object.assign($("status").dataset, {
      query: state.q,
      page: String(state.page),
      total: String(body.total),
    });
    renderNotice(body, state);
    renderHits(body);
    renderPagination(body, state);
    renderFacets(body.facets, state);
    $("clear-filters").hidden = state.sector.length + state.education.length === 0;
  }

  function renderError(error, state) {
    Object.assign($("status").dataset, { query: state.q, page: String(state.page), total: "" });
    $("status").textContent = error instanceof ApiError ? error.message : "Noe gikk galt.";
    $("status-meta")?.remove();
    $("notice").hidden = true;
    $("hits").replaceChildren();
    $("empty").hidden = true;
    $("pagination").hidden = true;
  }

  // ---- facets --------------------------------------------------------------------------------

  function facetOrder(param) {
    if (param === "education") {
      return (a, b) => {
        const ia = EDUCATION_ORDER.indexOf(a);
        const ib = EDUCATION_ORDER.indexOf(b);
        if (ia >= 0 && ib >= 0) return ia - ib;
        if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
        return collator.compare(a, b);
      };
    }
    return collator.compare;
  }

  // Checkboxes are built once per value and then only updated, so focus and the checked state
  // a keyboard user is working with survive every search.
  let facetItems = 0;

  function facetItem(param, value) {
    const id = `facet-${param}-${++facetItems}`;
    const box = el("input", { type: "checkbox", id, name: param, value });
    const label = el("label", { for: id },
      el("span", { className: "facet-name", text: value }),
      el("span", { className: "facet-count", "data-count": "" }));
    return el("li", { className: "facet-item", "data-value": value }, box, label);
  }

  function ensureFacetValues(param, values) {
    const fresh = values.filter((v) => !vocabulary[param].includes(v));
    if (fresh.length === 0) return;
    vocabulary[param] = [...vocabulary[param], ...fresh].sort(facetOrder(param));
    const facet = FACETS.find((f) => f.param === param);
    const list = $(facet.element).querySelector(".facet-list");
    const existing = new Map([...list.children].map((li) => [li.dataset.value, li]));
    for (const value of vocabulary[param]) {
      list.append(existing.get(value) || facetItem(param, value));
    }
  }

  function renderFacets(facets, state) {
    for (const { param, key, element } of FACETS) {
      const counts = facets[key] || {};
      ensureFacetValues(param, Object.keys(counts));
      for (const li of $(element).querySelectorAll(".facet-item")) {
        const value = li.dataset.value;
        const count = counts[value] || 0;
        const checked = state[param].includes(value);
        li.querySelector("input").checked = checked;
        const countElement = li.querySelector(".facet-count");
        countElement.textContent = numberFormat.format(count);
        countElement.dataset.count = String(count);
        li.classList.toggle("is-empty", count === 0 && !checked);
      }
    }
  }

  function syncFacetInputs(state) {
    for (const { param, element } of FACETS) {
      for (const box of $(element).querySelectorAll("input[type=checkbox]")) {
        box.checked = state[param].includes(box.value);
      }
    }
  }

  async function loadVocabulary() {
    try {
      const body = await api("/api/facets");
      for (const { param, key } of FACETS) ensureFacetValues(param, Object.keys(body.facets[key]));
      vocabularyLoaded = true;
      $("lede").textContent =
        `Søk i ${numberFormat.format(body.documents)} yrkesbeskrivelser på bokmål og nynorsk.`;
    } catch {
      // The facet lists fill in from the first search instead.
    }
  }

  document.querySelector(".filters").addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
    const param = box.name;
    const selected = new Set(current[param]);
    if (box.checked) selected.add(box.value);
    else selected.delete(box.value);
    const values = vocabulary[param].filter((v) => selected.has(v));
    cancelScheduledSearch();
    runSearch({ ...current, q: input.value.trim(), [param]: values, page: 1 }, "push");
  });

  $("toggle-filters").addEventListener("click", (event) => {
    const open = document.querySelector(".filters").classList.toggle("is-open");
    event.currentTarget.setAttribute("aria-expanded", String(open));
    event.currentTarget.textContent = open ? "Skjul filtre" : "Vis filtre";
  });

  $("clear-filters").addEventListener("click", () => {
    cancelScheduledSearch();
    runSearch({ ...current, q: input.value.trim(), sector: [], education: [], page: 1 }, "push");
    input.focus();
  });

  // ---- links inside the results (pagination, "Mente du", examples) ---------------------------

  function followLink(event, handler) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    handler();
  }

  $("pagination").addEventListener("click", (event) => {
    const link = event.target.closest("a[data-page]");
    if (!link) return;
    followLink(event, () => {
      runSearch({ ...current, page: Number(link.dataset.page) }, "push", { focusResults: true });
    });
  });

  function searchFor(q) {
    cancelScheduledSearch();
    closeSuggestions();
    input.value = q;
    runSearch({ ...current, q, page: 1 }, "push");
  }

  $("notice").addEventListener("click", (event) => {
    const link = event.target.closest("a.did-you-mean");
    if (!link) return;
    followLink(event, () => {
      searchFor(link.dataset.query);
      input.focus();
    });
  });

  $("empty").addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='?']");
    if (!link) return;
    followLink(event, () => {
      const q = new URLSearchParams(link.getAttribute("href").slice(1)).get("q") || "";
      current = { ...current, sector: [], education: [] };
      searchFor(q);
      input.focus();
    });
  });

  // ---- suggestions: an ARIA combobox with a listbox popup ------------------------------------

  let suggestions = [];
  let suggestionsFor = null; // the text the suggestions were fetched for
  let activeIndex = -1;
  let suggestTimer = 0;
  let suggestController = null;
  let suggestSequence = 0;

  function isOpen() {
    return !listbox.hidden;
  }

  function closeSuggestions() {
    clearTimeout(suggestTimer);
    if (suggestController) suggestController.abort();
    suggestSequence++;
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    activeIndex = -1;
  }

  function optionContent(item, typed) {
    const text = item.text;
    const fragment = document.createDocumentFragment();
    const folded = typed.toLocaleLowerCase("nb");
    if (typed && text.toLocaleLowerCase("nb").startsWith(folded)) {
      fragment.append(el("span", { className: "typed", text: text.slice(0, typed.length) }),
        el("strong", { text: text.slice(typed.length) }));
    } else {
      fragment.append(el("span", { text }));
    }
    return fragment;
  }

  const ICON_SEARCH = ["M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z", "M15.5 15.5L20 20"];
  const ICON_OCCUPATION = ["M4 8.5h16v10.5H4z", "M9 8.5V6a1.5 1.5 0 0 1 1.5-1.5h3A1.5 1.5 0 0 1 15 6v2.5",
    "M4 13h16"];

  function svgIcon(paths) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", "suggestion-icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    for (const d of paths) {
      const path = document.createElementNS(ns, "path");
      path.setAttribute("d", d);
      svg.append(path);
    }
    return svg;
  }

  function renderSuggestions(typed) {
    const options = suggestions.map((item, index) => {
      const option = el("li", {
        id: `suggestion-${index}`,
        role: "option",
        className: `suggestion suggestion-${item.kind === "title" ? "title" : "term"}`,
        "aria-selected": "false",
        "data-index": String(index),
      });
      const icon = svgIcon(item.kind === "title" ? ICON_OCCUPATION : ICON_SEARCH);
      option.append(icon, el("span", { className: "suggestion-text" }, optionContent(item, typed)));
      if (item.kind === "title") option.append(el("span", { className: "suggestion-kind", text: "yrke" }));
      return option;
    });
    listbox.replaceChildren(...options);
    activeIndex = -1;
    input.removeAttribute("aria-activedescendant");
    const open = options.length > 0;
    listbox.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
  }

  function setActive(index) {
    const options = listbox.querySelectorAll("[role=option]");
    activeIndex = index;
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function scheduleSuggestions() {
    clearTimeout(suggestTimer);
    const typed = input.value;
    if (!typed.trim()) {
      closeSuggestions();
      return;
    }
    suggestTimer = setTimeout(() => fetchSuggestions(typed), SUGGEST_DELAY_MS);
  }

  async function fetchSuggestions(typed) {
    if (suggestController) suggestController.abort();
    const controller = new AbortController();
    suggestController = controller;
    const sequence = ++suggestSequence;
    try {
      const params = new URLSearchParams({ q: typed, limit: String(SUGGEST_LIMIT) });
      const body = await api("/api/suggest", params, controller.signal);
      // Stale: a newer request, another text in the box, or the box no longer in use.
      if (sequence !== suggestSequence || input.value !== typed || document.activeElement !== input) return;
      const same = typed.trim().toLocaleLowerCase("nb");
      suggestions = body.suggestions.filter((s) => s.text.toLocaleLowerCase("nb") !== same);
      suggestionsFor = typed;
      renderSuggestions(typed.trimStart());
    } catch {
      // Suggestions are a convenience; the search itself reports errors.
    }
  }

  function acceptSuggestion(index) {
    const item = suggestions[index];
    if (!item) return;
    searchFor(item.text);
  }

  input.addEventListener("input", () => {
    scheduleSuggestions();
    scheduleSearch();
  });

  input.addEventListener("keydown", (event) => {
    const count = suggestions.length;
    switch (event.key) {
      case "ArrowDown":
        if (isOpen()) {
          event.preventDefault();
          setActive(activeIndex + 1 >= count ? 0 : activeIndex + 1);
        } else if (count > 0 && suggestionsFor === input.value) {
          event.preventDefault();
          renderSuggestions(input.value.trimStart());
          setActive(0);
        } else if (input.value.trim()) {
          event.preventDefault();
          fetchSuggestions(input.value);
        }
        break;
      case "ArrowUp":
        if (!isOpen() || count === 0) return;
        event.preventDefault();
        setActive(activeIndex <= 0 ? count - 1 : activeIndex - 1);
        break;
      case "Enter":
        if (isOpen() && activeIndex >= 0) {
          event.preventDefault();
          acceptSuggestion(activeIndex);
        }
        break;
      case "Escape":
        if (isOpen()) {
          event.preventDefault(); // keep the text; a second Escape clears the box
          closeSuggestions();
        }
        break;
      case "Tab":
        closeSuggestions();
        break;
      default:
        break;
    }
  });

  input.addEventListener("blur", () => closeSuggestions());
  input.addEventListener("search", () => {
    // Chromium's clear button and Escape empty the box without an input event in some versions.
    if (input.value === "" && current.q !== "") {
      closeSuggestions();
      scheduleSearch();
    }
  });

  // Clicking an option must not blur the box first.
  listbox.addEventListener("mousedown", (event) => event.preventDefault());
  listbox.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) acceptSuggestion(Number(option.dataset.index));
  });
  listbox.addEventListener("mousemove", (event) => {
    const option = event.target.closest("[role=option]");
    if (option && Number(option.dataset.index) !== activeIndex) setActive(Number(option.dataset.index));
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    cancelScheduledSearch();
    closeSuggestions();
    runSearch({ ...current, q: input.value.trim(), page: 1 }, "push");
  });

  // ---- occupation details --------------------------------------------------------------------

  const dialog = $("detail");
  let detailOpener = null;
  let detailController = null;

  function detailContent(record) {
    const body = $("detail-body");
    const language = record.language === "nn" ? "nn" : "nb";
    body.lang = language;
    $("detail-title").lang = language;
    $("detail-title").textContent = record.title;
    const paragraphs = String(record.body || "")
      .split(/\n\s*\n/)
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => el("p", { text }));
    const facts = el("dl", { className: "facts", lang: "nb" });
    const fact = (term, value) => {
      if (value) facts.append(el("div", {}, el("dt", { text: term }), el("dd", { text: value })));
    };
    fact("Sektor", record.sectors.join(", "));
    fact("Utdanning", record.education_levels.join(", "));
    fact("STYRK-08", record.styrk08.join(", "));
    fact("Målform", language === "nn" ? "Nynorsk" : "Bokmål");
    if (record.updated) {
      const date = new Date(`${record.updated}T12:00:00Z`);
      fact("Oppdatert", Number.isNaN(date.getTime()) ? record.updated : dateFormat.format(date));
    }
    body.replaceChildren(
      el("p", { className: "detail-summary", text: record.summary }),
      facts,
      ...paragraphs,
    );
  }

  async function openDetail(id, opener) {
    detailOpener = opener;
    if (detailController) detailController.abort();
    const controller = new AbortController();
    detailController = controller;
    $("detail-title").textContent = opener.textContent;
    $("detail-body").replaceChildren(el("p", { className: "detail-loading", text: "Henter beskrivelsen …" }));
    if (!dialog.open) dialog.showModal();
    try {
      const record = await api(`/api/occupations/${encodeURIComponent(id)}`, null, controller.signal);
      if (controller === detailController) detailContent(record);
    } catch (error) {
      if (error.name === "AbortError") return;
      $("detail-body").replaceChildren(el("p", { text: error.message }));
    }
  }

  $("hits").addEventListener("click", (event) => {
    const button = event.target.closest("button.hit-title");
    if (button) openDetail(button.dataset.id, button);
  });
  $("detail-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  dialog.addEventListener("close", () => {
    if (detailController) detailController.abort();
    if (detailOpener && detailOpener.isConnected) detailOpener.focus();
    detailOpener = null;
  });

  // ---- start ---------------------------------------------------------------------------------

  window.addEventListener("popstate", () => {
    cancelScheduledSearch();
    closeSuggestions();
    if (dialog.open) dialog.close();
    const state = stateFromUrl();
    input.value = state.q;
    runSearch(state, "none");
  });

  async function start() {
    const state = stateFromUrl();
    input.value = state.q;
    await loadVocabulary();
    // A tidy URL for this entry (unknown values dropped), without adding a history entry.
    runSearch(state, "replace");
  }

  start();
})();
