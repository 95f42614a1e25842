// The product's own tables, compiled in from corpus/ at build time (builtin_data.cpp.in), so a
// corpus file anywhere can be validated and indexed without copies of them beside it.
#pragma once

#include <string_view>

namespace yrkesok::index::builtin {

std::string_view sectors_txt();           // corpus/sectors.txt
std::string_view education_levels_tsv();  // corpus/education_levels.tsv
std::string_view synonyms_tsv();          // corpus/synonyms.tsv

}  // namespace yrkesok::index::builtin
