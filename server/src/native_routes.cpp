#include "native_routes.h"

namespace yrkesok::http {

std::string native_route_label(const std::string& path) {
    for (const auto& route : kNativeRoutes) {
        if (route.prefix.empty() ? path == route.label : path.starts_with(route.prefix)) {
            return std::string(route.label);
        }
    }
    if (path.starts_with("/api/")) return "other";
    if (path.empty()) return "other";  // a request rejected before its path was parsed
    return "static";
}

}  // namespace yrkesok::http
