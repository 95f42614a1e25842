// The JSON shapes of the public API, shared by the HTTP server and the CLI's --json output so
// that `yrkesok search --json` prints exactly what `GET /api/search` returns.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "yrkesok/analyzer.h"

namespace yrkesok::api {

// {"tokens":[{"text","start","end","position","stopword","terms":[{"term","kind"}]}]}
nlohmann::json analysis_to_json(const std::vector<analyzers::Token>& tokens);

}  // namespace yrkesok::api
