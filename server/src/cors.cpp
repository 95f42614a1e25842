#include "cors.h"

#include <algorithm>

namespace yrkesok::http {

bool CorsPolicy::any() const {
    return std::find(origins_.begin(), origins_.end(), "*") != origins_.end();
}

bool CorsPolicy::allowed(const std::string& origin) const {
    return any() || std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

void CorsPolicy::allow(const httplib::Request& req, httplib::Response& res) const {
    if (any()) {
        res.set_header("Access-Control-Allow-Origin", "*");
        return;
    }
    res.set_header("Vary", "Origin");
    const std::string origin = req.get_header_value("Origin");
    if (!origin.empty() && allowed(origin)) {
        res.set_header("Access-Control-Allow-Origin", origin);
    }
}

void CorsPolicy::preflight(const httplib::Request& req, httplib::Response& res,
                           const std::string& methods) const {
    res.status = 204;
    allow(req, res);
    res.set_header("Access-Control-Allow-Methods", methods);
    res.set_header("Access-Control-Allow-Headers",
                   "Content-Type, Authorization, X-Meilisearch-Client");
    res.set_header("Access-Control-Max-Age", "86400");
    res.set_header("Allow", methods);
}

}  // namespace yrkesok::http
