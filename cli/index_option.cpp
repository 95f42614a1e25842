#include "index_option.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace yrkesok::cli {

OptionSpec index_option_spec() {
    return {"index", "DIR", "the index directory (default $YRKESOK_INDEX, else var/index)"};
}

std::string index_dir(const ParsedArgs& args) {
    std::string dir;
    if (auto given = args.value("index")) {
        dir = *given;
    } else if (const char* env = std::getenv("YRKESOK_INDEX"); env && *env) {
        dir = env;
    } else {
        dir = "var/index";
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        throw std::runtime_error(dir +
                                 ": no index directory here; build one with `yrkesok index "
                                 "--corpus FILE --index " +
                                 dir + "` or name another with --index DIR");
    }
    return dir;
}

}  // namespace yrkesok::cli
