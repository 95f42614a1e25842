// The native routes, in one table: the server registers their handlers and answers 405 on
// other methods by it, and the metrics and the CORS policy know an API path by it.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace yrkesok::http {

struct NativeRoute {
    std::string_view label;    // the metrics label, also the path of a route without parameters
    std::string_view pattern;  // the path pattern (cpp-httplib's regex syntax)
    std::string_view prefix;   // for a route with a parameter: the path before it; else empty
};

inline constexpr std::array<NativeRoute, 8> kNativeRoutes = {{
    {"/api/search", "/api/search", ""},
    {"/api/suggest", "/api/suggest", ""},
    {"/api/facets", "/api/facets", ""},
    {"/api/analyze", "/api/analyze", ""},
    {"/api/occupations/{id}", R"(/api/occupations/([^/]+))", "/api/occupations/"},
    {"/api/openapi.json", "/api/openapi.json", ""},
    {"/health", "/health", ""},
    {"/metrics", "/metrics", ""},
}};

// The pattern of the route labelled `label` (a label of the table: checked while compiling).
consteval std::string_view pattern_of(std::string_view label) {
    for (const auto& route : kNativeRoutes) {
        if (route.label == label) return route.pattern;
    }
    throw "no native route has this label";
}

// The label of a native route's path; "other" for another path under /api/, "static" for the
// rest (the web page's files), "other" for a request refused before its path was read.
std::string native_route_label(const std::string& path);

}  // namespace yrkesok::http
