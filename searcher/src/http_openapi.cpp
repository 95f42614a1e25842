#include "http_openapi.h"

namespace yrkesok::http {

std::string_view openapi_json() {
    static constexpr std::string_view kDocument = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "Yrkesøk API",
    "version": "1",
    "description": "Full-text search over Norwegian occupation descriptions (bokmål and nynorsk). Every error is a JSON body {\"error\":{\"code\",\"message\"}} with a 4xx status; a 500 is a bug."
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
          {"name": "per_page", "in": "query", "description": "Hits a page.", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}}
        ],
        "responses": {
          "200": {"description": "Hits and facet counts.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
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
    }
  },
  "components": {
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
        "required": ["id", "title", "score", "snippet", "sectors", "education_levels", "styrk08"],
        "properties": {
          "id": {"type": "string"},
          "title": {"type": "string"},
          "score": {"type": "number"},
          "snippet": {"type": "string", "description": "HTML-escaped text with matches in <mark>…</mark>."},
          "sectors": {"type": "array", "items": {"type": "string"}},
          "education_levels": {"type": "array", "items": {"type": "string"}},
          "styrk08": {"type": "array", "items": {"type": "string"}}
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
          "status": {"type": "string", "enum": ["ok"]},
          "generation": {"type": "string"},
          "documents": {"type": "integer"}
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
      "BadRequest": {"description": "A parameter is unknown, repeated, malformed, out of range, too long or not UTF-8.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "No such route or occupation.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "MethodNotAllowed": {"description": "Only GET and HEAD are served.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "UriTooLong": {"description": "The request target is too long.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unavailable": {"description": "The index cannot be opened.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    }
  }
})json";
    return kDocument;
}

}  // namespace yrkesok::http
