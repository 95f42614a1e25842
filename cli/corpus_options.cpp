#include "corpus_options.h"

#include <cstdlib>

namespace yrkesok::cli {

std::vector<OptionSpec> corpus_option_specs() {
    return {{"vocab", "DIR",
             "directory with sectors.txt and education_levels.tsv "
             "(default: the corpus file's directory)"},
            {"styrk", "FILE",
             "NAV's STYRK-08 mapping CSV: check that codes exist and agree "
             "with the sectors (default: $YRKESOK_STYRK_MAPPING if set)"}};
}

index::Vocabularies vocabularies_from_options(const std::filesystem::path& corpus,
                                              const ParsedArgs& args) {
    std::filesystem::path dir = corpus.parent_path();
    if (dir.empty()) dir = ".";
    auto vocabularies = index::Vocabularies::load(args.value_or("vocab", dir.string()));
    std::string styrk = args.value_or("styrk", "");
    if (styrk.empty()) {
        if (const char* env = std::getenv("YRKESOK_STYRK_MAPPING")) styrk = env;
    }
    if (!styrk.empty()) vocabularies.load_styrk_mapping(styrk);
    return vocabularies;
}

index::CorpusReadResult read_corpus_with_options(const std::filesystem::path& corpus,
                                                 const ParsedArgs& args) {
    return index::read_corpus(corpus, vocabularies_from_options(corpus, args));
}

}  // namespace yrkesok::cli
