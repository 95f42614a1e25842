#include "yrkesok/format/open.h"

#include "yrkesok/format/layout.h"
#include "yrkesok/format/schema.h"

namespace yrkesok::format {

OpenedIndex open_current_generation(const std::string& index_dir) {
    IndexLayout layout(index_dir);
    auto current = layout.current_generation();
    if (!current) throw IndexOpenError(index_dir + ": no index here (no current generation)");
    OpenedIndex opened;
    opened.generation = *current;
    opened.path = layout.generation_path(*current).string();
    try {
        opened.db = Xapian::Database(opened.path);
    } catch (const Xapian::Error& e) {
        throw IndexOpenError(index_dir + ": cannot open " + *current + ": " + e.get_description());
    }
    check_index_versions(opened.db, index_dir);
    return opened;
}

void check_index_versions(const Xapian::Database& db, const std::string& where) {
    const std::string hint =
        ": rebuild it with this version (yrkesok index --corpus FILE --index DIR)";
    const auto schema = db.get_metadata(std::string(kMetaSchemaVersion));
    if (schema != std::to_string(kSchemaVersion)) {
        throw IndexOpenError(where + ": index built with schema version \"" + schema +
                             "\", this build reads schema version \"" +
                             std::to_string(kSchemaVersion) + "\"" + hint);
    }
    const auto analyzer = db.get_metadata(std::string(kMetaAnalyzerVersion));
    if (analyzer != kAnalyzerVersion) {
        throw IndexOpenError(where + ": index built with analyzer version \"" + analyzer +
                             "\", this build has analyzer version \"" +
                             std::string(kAnalyzerVersion) + "\"" + hint);
    }
}

}  // namespace yrkesok::format
