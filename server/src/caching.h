// HTTP caching and compression for the read-only API routes.
//
// Caching: an answer of GET /api/search, /api/suggest, /api/facets or /api/occupations/{id}
// depends only on the request target and the index content, so its entity tag is a hash of
// the two. A browser or CDN revalidates with If-None-Match and gets 304 with no body and no
// search; a new generation changes every tag. Tags are weak (W/"…"): the same answer may
// differ in its encoding and in `took_ms`, never in content.
//
// Compression: the HTTP library compresses any compressible body the client accepts, with
// brotli at its slowest quality when offered (about 20 ms for a 5 KB search answer, which
// every browser asks for) and with gzip even for a body of a few bytes. The request's
// Accept-Encoding is narrowed to gzip before routing, and dropped for small answers.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace yrkesok::http {

// Answers smaller than this go out uncompressed: gzip would save a few bytes for its header.
inline constexpr std::size_t kMinCompressedBytes = 1024;

// W/"<16 hex digits>" for an index content tag (SearchEngine::content_tag) and a request
// target (path and query string as sent).
std::string entity_tag(std::string_view content_tag, std::string_view target);

// True when an If-None-Match value ("*" or a comma-separated list of tags) names `tag`,
// compared weakly (W/ ignored on both sides), as RFC 9110 asks for If-None-Match.
bool none_match(std::string_view if_none_match, std::string_view tag);

// Leaves gzip as the only encoding the library may use for this request (or none when the
// client does not take gzip). Call before routing.
void offer_gzip_only(const httplib::Request& req);

// Makes the library send this answer uncompressed when it is smaller than
// kMinCompressedBytes. Call once the body is set.
void skip_compression_if_small(const httplib::Request& req, const httplib::Response& res);

}  // namespace yrkesok::http
