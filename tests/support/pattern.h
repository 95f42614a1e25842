// Regular expressions for checking command output and logs. The one place the tests
// instantiate <regex> (support/pattern.cpp, built once into yrkesok_test_support): in each test
// file that used it directly it cost tens of seconds of build time under the sanitizers.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace yrkesok::testing {

// An ECMAScript regular expression, compiled once.
class Pattern {
  public:
    explicit Pattern(const std::string& ecmascript);
    ~Pattern();
    Pattern(const Pattern&) = delete;
    Pattern& operator=(const Pattern&) = delete;

    // Whether it matches somewhere in `text`.
    bool found_in(const std::string& text) const;
    // Whether it matches the whole of `text`.
    bool matches_all(const std::string& text) const;
    // The first match in `text` and its groups (index 0 the whole match), or nullopt.
    std::optional<std::vector<std::string>> first_match(const std::string& text) const;
    // `text` with its matches replaced by `replacement` ($1… name groups); only the first
    // with `first_only`.
    std::string replace(const std::string& text, const std::string& replacement,
                        bool first_only = false) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yrkesok::testing
