// Counts the values of a multi-valued facet slot (values joined by the schema's separator)
// over every document a match examines.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

#include "yrkesok/format/schema.h"

namespace yrkesok::search {

class MultiValueCountSpy : public Xapian::MatchSpy {
  public:
    explicit MultiValueCountSpy(Xapian::valueno slot) : slot_(slot) {}

    void operator()(const Xapian::Document& doc, double) override {
        const std::string value = doc.get_value(slot_);
        std::size_t start = 0;
        while (start < value.size()) {
            auto end = value.find(format::kValueSeparator, start);
            if (end == std::string::npos) end = value.size();
            ++counts_[value.substr(start, end - start)];
            start = end + 1;
        }
    }

    const std::map<std::string, std::size_t>& counts() const { return counts_; }

  private:
    Xapian::valueno slot_;
    std::map<std::string, std::size_t> counts_;
};

}  // namespace yrkesok::search
