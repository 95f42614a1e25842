// The --index DIR option shared by the commands that read an index, and its default.
#pragma once

#include <string>

#include "args.h"

namespace yrkesok::cli {

// "--index DIR": the index directory, default $YRKESOK_INDEX, else var/index (where
// scripts/serve builds the bundled corpus).
OptionSpec index_option_spec();

// The chosen index directory; throws std::runtime_error with a hint when it does not exist.
std::string index_dir(const ParsedArgs& args);

}  // namespace yrkesok::cli
