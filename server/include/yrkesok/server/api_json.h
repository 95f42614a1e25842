// The JSON shapes of the public API, shared by the HTTP server and the CLI's --json output so
// that `yrkesok search --json` prints exactly what `GET /api/search` returns. The shapes are
// documented in searcher/openapi.json (served at GET /api/openapi.json); change both together.
//
// Objects are nlohmann::ordered_json so keys keep the documented order and facet counts keep
// the engine's order (by count). Pure functions, safe from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::api {

// {"tokens":[{"text","start","end","position","stopword","terms":[{"term","kind"}]}]}
nlohmann::json analysis_to_json(const std::vector<analyzers::Token>& tokens);

// {"query","total","page","per_page","took_ms","corrected_query":null|"…","suggestion":null|"…",
//  "hits":[{"id","title","score","snippet","sectors":[…],"education_levels":[…],"styrk08":[…]}],
//  "facets":{"sectors":{"value":count,…},"education_levels":{…}}}
nlohmann::ordered_json search_response_to_json(const search::SearchResponse& response);

// The compact JSON text of search_response_to_json(response), byte for byte, written straight
// from the response: the search route's answer, without building the JSON tree (a tenth of the
// server's time at one connection went into the tree and its destruction).
std::string search_response_text(const search::SearchResponse& response);

// {"sectors":{"value":count,…},"education_levels":{…}}: the "facets" member of a search
// response, and the body of GET /api/facets (counts over the whole index).
nlohmann::ordered_json facets_to_json(const search::SearchResponse& response);

// {"suggestions":[{"text","kind","id"?}]}; "id" only for title suggestions.
nlohmann::ordered_json suggestions_to_json(const std::vector<search::Suggestion>& suggestions);

// {"error":{"code":"…","message":"…"}}; `code` is a stable snake_case word for programs,
// `message` a sentence for people.
nlohmann::ordered_json error_to_json(const std::string& code, const std::string& message);

}  // namespace yrkesok::api
