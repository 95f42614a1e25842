#include "index_open.h"

#include "yrkesok/analyzer.h"
#include "yrkesok/corpus.h"
#include "yrkesok/index_layout.h"
#include "yrkesok/index_schema.h"
#include "yrkesok/search_engine.h"

namespace yrkesok::search {

OpenedIndex open_current_generation(const std::string& index_dir) {
    namespace s = index::schema;
    index::IndexLayout layout(index_dir);
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
    namespace s = index::schema;
    const std::string hint =
        ": rebuild it with this version (yrkesok index --corpus FILE --index DIR)";
    const auto schema = db.get_metadata(std::string(s::kMetaSchemaVersion));
    if (schema != std::to_string(index::kSchemaVersion)) {
        throw IndexOpenError(where + ": index built with schema version \"" + schema +
                             "\", this build reads schema version \"" +
                             std::to_string(index::kSchemaVersion) + "\"" + hint);
    }
    const auto analyzer = db.get_metadata(std::string(s::kMetaAnalyzerVersion));
    if (analyzer != analyzers::kAnalyzerVersion) {
        throw IndexOpenError(where + ": index built with analyzer version \"" + analyzer +
                             "\", this build has analyzer version \"" +
                             std::string(analyzers::kAnalyzerVersion) + "\"" + hint);
    }
}

}  // namespace yrkesok::search
