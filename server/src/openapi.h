// The OpenAPI 3 description of the HTTP API, served at GET /api/openapi.json. Written by hand
// next to the routes (http_server.cpp) and the shapes (api_json.h); a test checks that real
// responses carry every field it lists as required.
#pragma once

#include <string_view>

namespace yrkesok::http {

std::string_view openapi_json();

}  // namespace yrkesok::http
