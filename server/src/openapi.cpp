#include "openapi.h"

namespace yrkesok::http {

std::string_view openapi_json() {
    static constexpr std::string_view kDocument = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "Yrkesøk API",
    "version": "1",
    "description": "Full-text search over Norwegian occupation descriptions (bokmål and nynorsk). Every error is a JSON body {\"error\":{\"code\",\"message\"}} with a 4xx status (431 for more than 100 header lines or 16 KiB of headers); a 500 is a bug. Answers of 1 KiB or more are gzip-compressed for clients that accept gzip."
  },
  "paths": {
    "/api/search": {
      "get": {
        "summary": "Ranked search with facet filters",
        "description": "Filters are OR within a facet and AND between facets. Facet counts are disjunctive: each facet is counted without its own filter. When the query has few hits and a spelling correction has more, the results are for `corrected_query`; `suggestion` is a 'did you mean' for the client to offer.",
        "parameters": [
          {"name": "q", "in": "query", "description": "The query, at most 512 bytes of UTF-8.", "schema": {"type": "string", "maxLength": 512}},
          {"name": "sector", "in": "query", "description": "Sector filter; repeatable. Must be a value from GET /api/facets.", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
          {"name": "education", "in": "query", "description": "Education level filter; repeatable. Must be a value from GET /api/facets.", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
          {"name": "page", "in": "query", "description": "1-based page number.", "schema": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1}},
          {"name": "per_page", "in": "query", "description": "Hits a page.", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}},
          {"name": "prefix", "in": "query", "description": "Search as you type: when nothing follows the last word (no space or punctuation), it also matches the words that begin with it, ranked below the word itself, and is not corrected while some indexed word begins with it. false searches whole words only.", "schema": {"type": "boolean", "default": true}}
        ],
        "responses": {
          "200": {"description": "Hits and facet counts.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "405": {"$ref": "#/components/responses/MethodNotAllowed"},
          "414": {"$ref": "#/components/responses/UriTooLong"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/suggest": {
      "get": {
        "summary": "Prefix suggestions for a search box",
        "parameters": [
          {"name": "q", "in": "query", "description": "The text typed so far, at most 512 bytes.", "schema": {"type": "string", "maxLength": 512}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 20, "default": 8}}
        ],
        "responses": {
          "200": {"description": "Titles first, then terms.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SuggestResponse"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "405": {"$ref": "#/components/responses/MethodNotAllowed"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/occupations/{id}": {
      "get": {
        "summary": "One occupation record as stored in the index",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "The record.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Occupation"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "405": {"$ref": "#/components/responses/MethodNotAllowed"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/facets": {
      "get": {
        "summary": "Every facet value with its number of documents in the whole index",
        "responses": {
          "200": {"description": "Facet counts, most frequent first.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FacetsResponse"}}}},
          "304": {"$ref": "#/components/responses/NotModified"},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "405": {"$ref": "#/components/responses/MethodNotAllowed"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/api/analyze": {
      "get": {
        "summary": "The tokens and terms the analysis chain makes of a text",
        "parameters": [
          {"name": "text", "in": "query", "required": true, "description": "At most 4096 bytes of UTF-8.", "schema": {"type": "string", "maxLength": 4096}},
          {"name": "lang", "in": "query", "description": "nb, nn, or auto (both, as a query is analysed).", "schema": {"type": "string", "enum": ["nb", "nn", "auto"], "default": "auto"}}
        ],
        "responses": {
          "200": {"description": "Tokens with byte offsets and derived terms.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AnalyzeResponse"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "405": {"$ref": "#/components/responses/MethodNotAllowed"},
          "414": {"$ref": "#/components/responses/UriTooLong"}
        }
      }
    },
    "/api/openapi.json": {
      "get": {
        "summary": "This document",
        "responses": {
          "200": {"description": "OpenAPI 3 document.", "content": {"application/json": {"schema": {"type": "object"}}}}
        }
      }
    },
    "/health": {
      "get": {
        "summary": "Liveness and the index in service",
        "responses": {
          "200": {"description": "Serving.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics",
        "description": "yrkesok_http_requests_total{route,status} (counter), yrkesok_http_request_duration_seconds{route} (histogram), yrkesok_index_info{generation} (gauge, always 1), yrkesok_index_documents (gauge).",
        "responses": {
          "200": {"description": "Prometheus text format 0.0.4.", "content": {"text/plain": {"schema": {"type": "string"}}}}
        }
      }
    },
    "/indexes/{uid}/search": {
      "post": {
        "summary": "Meilisearch-compatible search (the one index uid is `yrker`)",
        "description": "The request and response shapes of Meilisearch's search route, for Meilisearch's JavaScript client and instant-meilisearch. Same ranking, filters and highlighting terms as /api/search. facetDistribution counts the values over every hit of the filtered result (Meilisearch's semantics); InstantSearch gets disjunctive counts by sending a second query without the facet's own filter, as it does with Meilisearch. Unknown or unsupported parameters are refused, never ignored. Errors have Meilisearch's shape {message, code, type, link}.",
        "parameters": [{"$ref": "#/components/parameters/IndexUid"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MeiliSearchRequest"}}}},
        "responses": {
          "200": {"description": "Hits, totals and facet counts.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MeiliSearchResponse"}}}},
          "400": {"$ref": "#/components/responses/MeiliBadRequest"},
          "404": {"$ref": "#/components/responses/MeiliNotFound"},
          "415": {"$ref": "#/components/responses/MeiliBadRequest"}
        }
      },
      "get": {
        "summary": "Meilisearch-compatible search with the parameters in the query string",
        "description": "The parameters of the POST form; lists (facets, attributesToRetrieve, attributesToHighlight, attributesToCrop, sort) are comma-separated and filter is the string form.",
        "parameters": [{"$ref": "#/components/parameters/IndexUid"}],
        "responses": {
          "200": {"description": "As for POST.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MeiliSearchResponse"}}}},
          "400": {"$ref": "#/components/responses/MeiliBadRequest"},
          "404": {"$ref": "#/components/responses/MeiliNotFound"}
        }
      }
    },
    "/multi-search": {
      "post": {
        "summary": "Several Meilisearch-compatible searches in one request (what instant-meilisearch sends)",
        "description": "Body {\"queries\": [search request + indexUid, …]}; answer {\"results\": [search response + indexUid, …]}. A mistake in one query fails the request, its message starting with Inside `.queries[N]`:. Federated search is not supported.",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["queries"], "properties": {"queries": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/MeiliSearchRequest"}, {"type": "object", "required": ["indexUid"], "properties": {"indexUid": {"type": "string", "enum": ["yrker"]}}}]}}}}}}},
        "responses": {
          "200": {"description": "One result per query, in order.", "content": {"application/json": {"schema": {"type": "object", "required": ["results"], "properties": {"results": {"type": "array", "items": {"$ref": "#/components/schemas/MeiliSearchResponse"}}}}}}},
          "400": {"$ref": "#/components/responses/MeiliBadRequest"},
          "404": {"$ref": "#/components/responses/MeiliNotFound"}
        }
      }
    },
    "/indexes": {
      "get": {
        "summary": "The indexes (one: `yrker`), Meilisearch's shape",
        "parameters": [
          {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 20}}
        ],
        "responses": {
          "200": {"description": "{results, offset, limit, total}.", "content": {"application/json": {"schema": {"type": "object", "required": ["results", "offset", "limit", "total"], "properties": {"results": {"type": "array", "items": {"$ref": "#/components/schemas/MeiliIndex"}}, "offset": {"type": "integer"}, "limit": {"type": "integer"}, "total": {"type": "integer"}}}}}},
          "400": {"$ref": "#/components/responses/MeiliBadRequest"}
        }
      }
    },
    "/indexes/{uid}": {
      "get": {
        "summary": "One index, Meilisearch's shape",
        "parameters": [{"$ref": "#/components/parameters/IndexUid"}],
        "responses": {
          "200": {"description": "The index.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MeiliIndex"}}}},
          "404": {"$ref": "#/components/responses/MeiliNotFound"}
        }
      }
    },
    "/version": {
      "get": {
        "summary": "The Meilisearch API version this subset follows",
        "responses": {
          "200": {"description": "{pkgVersion, commitSha, commitDate}.", "content": {"application/json": {"schema": {"type": "object", "required": ["pkgVersion"], "properties": {"pkgVersion": {"type": "string"}, "commitSha": {"type": "string"}, "commitDate": {"type": "string"}}}}}}
        }
      }
    }
  },
  "components": {
    "parameters": {
      "IndexUid": {"name": "uid", "in": "path", "required": true, "description": "The index uid: `yrker`. Another well-formed uid is 404 index_not_found, a malformed one 400 invalid_index_uid.", "schema": {"type": "string"}}
    },
    "schemas": {
      "SearchResponse": {
        "type": "object",
        "required": ["query", "total", "page", "per_page", "took_ms", "corrected_query", "suggestion", "hits", "facets"],
        "properties": {
          "query": {"type": "string", "description": "The query as received."},
          "total": {"type": "integer", "description": "Exact number of matching documents."},
          "page": {"type": "integer"},
          "per_page": {"type": "integer"},
          "took_ms": {"type": "number"},
          "corrected_query": {"type": "string", "nullable": true, "description": "Set when the hits are for this spelling correction instead of the query."},
          "suggestion": {"type": "string", "nullable": true, "description": "A 'did you mean' query to offer."},
          "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
          "facets": {"$ref": "#/components/schemas/Facets"}
        }
      },
      "Hit": {
        "type": "object",
        "required": ["id", "title", "score", "snippet", "sectors", "education_levels", "styrk08", "language"],
        "properties": {
          "id": {"type": "string"},
          "title": {"type": "string"},
          "score": {"type": "number"},
          "snippet": {"type": "string", "description": "HTML-escaped text with matches in <mark>…</mark>."},
          "sectors": {"type": "array", "items": {"type": "string"}},
          "education_levels": {"type": "array", "items": {"type": "string"}},
          "styrk08": {"type": "array", "items": {"type": "string"}},
          "language": {"type": "string", "enum": ["nb", "nn"], "description": "the text's written standard: bokmål or nynorsk"}
        }
      },
      "Facets": {
        "type": "object",
        "required": ["sectors", "education_levels"],
        "properties": {
          "sectors": {"$ref": "#/components/schemas/FacetCounts"},
          "education_levels": {"$ref": "#/components/schemas/FacetCounts"}
        }
      },
      "FacetCounts": {
        "type": "object",
        "description": "Facet value -> number of documents, most frequent first.",
        "additionalProperties": {"type": "integer"}
      },
      "FacetsResponse": {
        "type": "object",
        "required": ["documents", "facets"],
        "properties": {
          "documents": {"type": "integer"},
          "facets": {"$ref": "#/components/schemas/Facets"}
        }
      },
      "SuggestResponse": {
        "type": "object",
        "required": ["suggestions"],
        "properties": {
          "suggestions": {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}}
        }
      },
      "Suggestion": {
        "type": "object",
        "required": ["text", "kind"],
        "properties": {
          "text": {"type": "string"},
          "kind": {"type": "string", "enum": ["title", "term"]},
          "id": {"type": "string", "description": "The occupation, for title suggestions."}
        }
      },
      "Occupation": {
        "type": "object",
        "required": ["id", "title"],
        "additionalProperties": true,
        "properties": {
          "id": {"type": "string"},
          "title": {"type": "string"},
          "styrk08": {"type": "array", "items": {"type": "string"}},
          "sectors": {"type": "array", "items": {"type": "string"}},
          "education_levels": {"type": "array", "items": {"type": "string"}},
          "summary": {"type": "string"},
          "body": {"type": "string"},
          "language": {"type": "string", "enum": ["nb", "nn"]},
          "updated": {"type": "string", "format": "date"}
        }
      },
      "AnalyzeResponse": {
        "type": "object",
        "required": ["tokens"],
        "properties": {
          "tokens": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}}
        }
      },
      "Token": {
        "type": "object",
        "required": ["text", "start", "end", "position", "stopword", "terms"],
        "properties": {
          "text": {"type": "string"},
          "start": {"type": "integer", "description": "Byte offset in the text."},
          "end": {"type": "integer", "description": "Byte offset one past the token."},
          "position": {"type": "integer"},
          "stopword": {"type": "boolean"},
          "terms": {
            "type": "array",
            "items": {
              "type": "object",
              "required": ["term", "kind"],
              "properties": {
                "term": {"type": "string"},
                "kind": {"type": "string", "enum": ["surface", "lemma", "stem", "part", "expansion", "variant"]}
              }
            }
          }
        }
      },
      "Health": {
        "type": "object",
        "required": ["status", "generation", "documents"],
        "properties": {
          "status": {"type": "string", "enum": ["ok"], "description": "A request with the X-Meilisearch-Client header (sent by Meilisearch's client libraries) gets Meilisearch's {\"status\":\"available\"} instead."},
          "generation": {"type": "string"},
          "documents": {"type": "integer"}
        }
      },
      "MeiliSearchRequest": {
        "type": "object",
        "description": "Every member is optional. Other members (matchingStrategy, distinct, hybrid, vector, showRankingScore, attributesToSearchOn, …) are refused with bad_request.",
        "properties": {
          "q": {"type": "string", "nullable": true, "description": "The query, in /api/search's syntax; at most 512 bytes (invalid_search_q)."},
          "offset": {"type": "integer", "minimum": 0, "default": 0},
          "limit": {"type": "integer", "minimum": 0, "default": 20, "description": "Hits past offset+limit = 1000 are not returned (Meilisearch's maxTotalHits); the totals stay exact."},
          "page": {"type": "integer", "minimum": 1, "description": "With page or hitsPerPage the response has page/hitsPerPage/totalPages/totalHits instead of offset/limit/estimatedTotalHits."},
          "hitsPerPage": {"type": "integer", "minimum": 0, "default": 20},
          "filter": {"description": "Meilisearch filter syntax over sectors, education_levels, language and styrk08: =, !=, IN [..], NOT IN [..], AND, OR, NOT, parentheses, quoted values. Or an array: strings AND-ed, inner arrays of strings OR-ed. Values match case-insensitively; a 4-digit styrk08 code also matches the 7-digit codes of its group. Other operators are refused (invalid_search_filter, with the character columns of the mistake).", "oneOf": [{"type": "string"}, {"type": "array", "items": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}}]},
          "facets": {"type": "array", "items": {"type": "string", "enum": ["sectors", "education_levels", "language", "styrk08", "*"]}},
          "attributesToRetrieve": {"type": "array", "items": {"type": "string"}, "default": ["*"]},
          "attributesToHighlight": {"type": "array", "items": {"type": "string"}},
          "highlightPreTag": {"type": "string", "default": "<em>"},
          "highlightPostTag": {"type": "string", "default": "</em>"},
          "attributesToCrop": {"type": "array", "items": {"type": "string"}, "description": "`attribute` or `attribute:words`."},
          "cropLength": {"type": "integer", "minimum": 0, "default": 10},
          "cropMarker": {"type": "string", "default": "…"},
          "showMatchesPosition": {"type": "boolean", "default": false},
          "sort": {"type": "array", "items": {"type": "string"}, "maxItems": 0, "description": "No attribute is sortable: a non-empty sort is invalid_search_sort."}
        }
      },
      "MeiliSearchResponse": {
        "type": "object",
        "required": ["hits", "query", "processingTimeMs"],
        "properties": {
          "indexUid": {"type": "string", "description": "In /multi-search results."},
          "hits": {"type": "array", "items": {"type": "object", "description": "The record's fields (id, title, styrk08, sectors, education_levels, summary, body, language, updated) as retrieved; _formatted (highlighted and cropped texts, not HTML-escaped) when attributesToHighlight or attributesToCrop is given; _matchesPosition {field: [{start, length}]} in bytes when showMatchesPosition is true."}},
          "query": {"type": "string"},
          "processingTimeMs": {"type": "integer"},
          "limit": {"type": "integer"},
          "offset": {"type": "integer"},
          "estimatedTotalHits": {"type": "integer", "description": "Exact."},
          "page": {"type": "integer"},
          "hitsPerPage": {"type": "integer"},
          "totalPages": {"type": "integer"},
          "totalHits": {"type": "integer"},
          "facetDistribution": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}}, "description": "Per requested facet, value -> hits among all hits of the filtered result."},
          "facetStats": {"type": "object", "description": "Always empty: no facet is numeric."}
        }
      },
      "MeiliIndex": {
        "type": "object",
        "required": ["uid", "primaryKey", "createdAt", "updatedAt"],
        "properties": {"uid": {"type": "string"}, "primaryKey": {"type": "string"}, "createdAt": {"type": "string"}, "updatedAt": {"type": "string"}}
      },
      "MeiliError": {
        "type": "object",
        "required": ["message", "code", "type", "link"],
        "properties": {
          "message": {"type": "string"},
          "code": {"type": "string", "description": "400: bad_request, invalid_search_q, invalid_search_offset, invalid_search_limit, invalid_search_page, invalid_search_hits_per_page, invalid_search_filter, invalid_search_facets, invalid_search_sort, invalid_search_attributes_to_retrieve, invalid_search_attributes_to_highlight, invalid_search_attributes_to_crop, invalid_search_crop_length, invalid_search_crop_marker, invalid_search_highlight_pre_tag, invalid_search_highlight_post_tag, invalid_search_show_matches_position, invalid_index_uid, missing_index_uid, invalid_index_offset, invalid_index_limit, missing_payload, malformed_payload; 404: index_not_found, bad_request (a Meilisearch route not served); 405: bad_request (write routes); 415: missing_content_type, invalid_content_type; 503: index_not_accessible"},
          "type": {"type": "string", "enum": ["invalid_request", "internal"]},
          "link": {"type": "string"}
        }
      },
      "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
          "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
              "code": {"type": "string", "description": "400: bad_request, invalid_parameter, unknown_parameter, repeated_parameter, missing_parameter, query_too_long, text_too_long, invalid_utf8, unknown_facet_value, invalid_query; 404: not_found; 405: method_not_allowed; 413: payload_too_large; 414: uri_too_long; 503: index_unavailable; 500: internal_error (a bug)"},
              "message": {"type": "string"}
            }
          }
        }
      }
    },
    "responses": {
      "NotModified": {"description": "The If-None-Match header names the current ETag: the answer has not changed, no body. Answers carry a weak ETag (the index generation and the request target) and Cache-Control: public, max-age."},
      "BadRequest": {"description": "A parameter is unknown, repeated, malformed, out of range, too long or not UTF-8.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "No such route or occupation.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "MethodNotAllowed": {"description": "Only GET and HEAD are served.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "UriTooLong": {"description": "The request target is too long.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unavailable": {"description": "The index cannot be opened.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "MeiliBadRequest": {"description": "A Meilisearch parameter is malformed, unknown or unsupported.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MeiliError"}}}},
      "MeiliNotFound": {"description": "No index with that uid.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MeiliError"}}}}
    }
  }
})json";
    return kDocument;
}

}  // namespace yrkesok::http
