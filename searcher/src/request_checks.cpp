#include "request_checks.h"

#include <string>

#include "yrkesok/analyzers/utf8.h"

namespace yrkesok::search {

void check_request(const SearchRequest& request, const EngineOptions& options, bool remote) {
    if (request.query.size() > options.max_query_bytes) {
        throw SearchError("query is " + std::to_string(request.query.size()) + " bytes; at most " +
                          std::to_string(options.max_query_bytes));
    }
    if (utf8::find_invalid(request.query)) throw SearchError("query is not valid UTF-8");
    if (request.page < 1) throw SearchError("page must be at least 1");
    if (!request.offset && (request.per_page < 1 || request.per_page > options.max_per_page)) {
        throw SearchError("per_page must be from 1 to " + std::to_string(options.max_per_page));
    }
    if (request.offset && (*request.offset > options.max_offset_window ||
                           request.limit > options.max_offset_window - *request.offset)) {
        throw SearchError("offset + limit must be at most " +
                          std::to_string(options.max_offset_window));
    }
    if (remote && !request.distribution.empty()) {
        throw SearchError("facet distributions are not available over remote shards");
    }
}

}  // namespace yrkesok::search
