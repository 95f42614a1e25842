#include "index_open.h"

#include "yrkesok/analyzer.h"
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
    auto version = opened.db.get_metadata(std::string(s::kMetaAnalyzerVersion));
    if (version != analyzers::kAnalyzerVersion) {
        throw IndexOpenError(index_dir + ": index built with analyzer version \"" + version +
                             "\", this searcher has version \"" +
                             std::string(analyzers::kAnalyzerVersion) +
                             "\"; rebuild the index with this version of yrkesok index");
    }
    return opened;
}

}  // namespace yrkesok::search
