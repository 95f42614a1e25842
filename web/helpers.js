// Yrkesøk search page, its small helpers: building elements, the <mark>-only snippet markup
// and calling the JSON API with errors told in Norwegian. Loaded before app.js, which takes
// them from window.YrkesokPage.
"use strict";

window.YrkesokPage = (() => {
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === false || value === null || value === undefined) continue;
      if (name === "className") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  // The API sends snippets as HTML-escaped text with <mark> around matches. Keep exactly that
  // (text and <mark>) and drop anything else, so a snippet can never inject markup.
  function snippetFragment(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const out = document.createDocumentFragment();
    const copy = (from, to) => {
      for (const node of from.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.append(node.textContent);
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.localName === "mark") {
            const mark = document.createElement("mark");
            copy(node, mark);
            to.append(mark);
          } else {
            copy(node, to);
          }
        }
      }
    };
    copy(template.content, out);
    return out;
  }

  class ApiError extends Error {}

  // The API's error codes, told in Norwegian.
  const ERROR_TEXTS = {
    query_too_long: "Søket er for langt. Prøv med færre ord.",
    invalid_query: "Søket kunne ikke tolkes. Prøv å skrive det på en annen måte.",
    unknown_facet_value: "Et av filtrene finnes ikke lenger. Fjern filtrene og prøv igjen.",
    not_found: "Fant ikke denne yrkesbeskrivelsen.",
    index_unavailable: "Søketjenesten er ikke tilgjengelig akkurat nå. Prøv igjen om litt.",
  };

  async function api(path, params, signal) {
    const query = params ? "?" + params.toString() : "";
    let response;
    try {
      response = await fetch(path + query, { signal, headers: { Accept: "application/json" } });
    } catch (error) {
      if (error.name === "AbortError") throw error;
      throw new ApiError("Fikk ikke kontakt med søketjenesten. Prøv igjen om litt.");
    }
    let body = null;
    try {
      body = await response.json();
    } catch (error) {
      if (error.name === "AbortError") throw error;
    }
    if (!response.ok || body === null) {
      const code = body && body.error && body.error.code;
      throw new ApiError(ERROR_TEXTS[code] || `Søket feilet (HTTP ${response.status}).`);
    }
    return body;
  }

  return { el, snippetFragment, ApiError, api };
})();
