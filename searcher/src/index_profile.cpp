// What the searcher takes from an index's ranking profile (format/profile.h): the field weights
// and the analyzer its queries need.
#include "yrkesok/format/layout.h"
#include "yrkesok/format/open.h"
#include "yrkesok/format/profile.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {

RankingOptions ranking_for_index(RankingOptions asked, const format::Profile& profile) {
    if (!asked.field_weights_from_index) return asked;
    asked.title_weight = profile.title_weight;
    asked.text_weight = profile.text_weight;
    asked.bm25_k1 = profile.bm25_k1;
    return asked;
}

std::shared_ptr<const analyzers::Analyzer> analyzer_for_index(const std::string& index_dir) {
    const format::Profile* profile = &format::kOccupationsProfile;
    try {
        const format::OpenedIndex opened = format::open_current_generation(index_dir);
        profile = &format::profile_of(opened.db, index_dir);
    } catch (const IndexOpenError&) {
        // A generation this build cannot read (another schema or analyzer version, a damaged
        // database): said now, before the dictionaries load for a second or more only for the
        // engine to refuse the index with the same message.
        if (format::IndexLayout(index_dir).current_generation()) throw;
        // No index to read yet, or shard locations: the engine opened on it says what is wrong.
    }
    return std::make_shared<const analyzers::Analyzer>(analyzers::analyzer_options_for(*profile));
}

}  // namespace yrkesok::search
