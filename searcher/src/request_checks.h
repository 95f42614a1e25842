// What a search request may ask of an engine: the limits of EngineOptions, valid text, and what
// remote shards cannot answer. Checked before any work, so that a bad request costs nothing.
#pragma once

#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {

// Throws SearchError naming the parameter and its limit when `request` asks for more than
// `options` allow, or for facet distributions over remote shards.
void check_request(const SearchRequest& request, const EngineOptions& options, bool remote);

}  // namespace yrkesok::search
