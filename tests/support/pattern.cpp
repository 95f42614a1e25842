#include "support/pattern.h"

#include <regex>

namespace yrkesok::testing {

struct Pattern::Impl {
    std::regex regex;
};

Pattern::Pattern(const std::string& ecmascript)
    : impl_(std::make_unique<Impl>(Impl{std::regex(ecmascript)})) {}

Pattern::~Pattern() = default;

bool Pattern::found_in(const std::string& text) const {
    return std::regex_search(text, impl_->regex);
}

bool Pattern::matches_all(const std::string& text) const {
    return std::regex_match(text, impl_->regex);
}

std::optional<std::vector<std::string>> Pattern::first_match(const std::string& text) const {
    std::smatch match;
    if (!std::regex_search(text, match, impl_->regex)) return std::nullopt;
    std::vector<std::string> groups;
    for (const auto& group : match) groups.push_back(group.str());
    return groups;
}

std::string Pattern::replace(const std::string& text, const std::string& replacement,
                             bool first_only) const {
    return std::regex_replace(text, impl_->regex, replacement,
                              first_only ? std::regex_constants::format_first_only
                                         : std::regex_constants::format_default);
}

}  // namespace yrkesok::testing
