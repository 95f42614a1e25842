#include "yrkesok/api_json.h"

namespace yrkesok::api {

nlohmann::json analysis_to_json(const std::vector<analyzers::Token>& tokens) {
    auto list = nlohmann::json::array();
    for (const auto& token : tokens) {
        auto terms = nlohmann::json::array();
        for (const auto& term : token.terms) {
            terms.push_back({{"term", term.text}, {"kind", analyzers::to_string(term.kind)}});
        }
        list.push_back({{"text", token.text},
                        {"start", token.start},
                        {"end", token.end},
                        {"position", token.position},
                        {"stopword", token.stopword},
                        {"terms", std::move(terms)}});
    }
    return {{"tokens", std::move(list)}};
}

}  // namespace yrkesok::api
