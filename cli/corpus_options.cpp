#include "corpus_options.h"

#include <cstdlib>
#include <stdexcept>

namespace yrkesok::cli {

std::vector<OptionSpec> corpus_option_specs() {
    return {{"vocab", "DIR",
             "directory with sectors.txt and education_levels.tsv (default: the corpus "
             "file's directory when it holds both, else the product's own, built in)"},
            {"styrk", "FILE",
             "NAV's STYRK-08 mapping CSV: check that codes exist and agree "
             "with the sectors (default: $YRKESOK_STYRK_MAPPING if set)"},
            {"strict", "",
             "a record with no sectors or education levels is an error (default: a warning; "
             "the record is searchable and matches no filter on that facet)"}};
}

index::CorpusLimits corpus_limits_from_options(const ParsedArgs& args) {
    index::CorpusLimits limits;
    limits.facets_required = args.flag("strict");
    return limits;
}

index::Vocabularies vocabularies_from_options(const std::filesystem::path& corpus,
                                              const ParsedArgs& args) {
    std::filesystem::path dir = corpus.parent_path();
    if (dir.empty()) dir = ".";
    index::Vocabularies vocabularies;
    if (const auto vocab = args.value("vocab")) {
        if (!index::Vocabularies::present_in(*vocab)) {
            throw std::runtime_error("--vocab " + *vocab +
                                     ": the folder must hold sectors.txt and "
                                     "education_levels.tsv (leave --vocab out to use the "
                                     "product's own)");
        }
        vocabularies = index::Vocabularies::load(*vocab);
    } else if (index::Vocabularies::present_in(dir)) {
        vocabularies = index::Vocabularies::load(dir);
    } else {
        vocabularies = index::Vocabularies::builtin();
    }
    std::string styrk = args.value_or("styrk", "");
    if (styrk.empty()) {
        if (const char* env = std::getenv("YRKESOK_STYRK_MAPPING")) styrk = env;
    }
    if (!styrk.empty()) vocabularies.load_styrk_mapping(styrk);
    return vocabularies;
}

void synonyms_from_options(const std::filesystem::path& corpus, const ParsedArgs& args,
                           index::IndexBuildOptions& options) {
    if (const auto file = args.value("synonyms")) {
        if (!std::filesystem::is_regular_file(*file)) {
            throw std::runtime_error("--synonyms " + *file +
                                     ": cannot open (leave --synonyms out to use "
                                     "synonyms.tsv beside the corpus or the product's own)");
        }
        options.synonyms_file = *file;
        return;
    }
    const auto beside = corpus.parent_path() / "synonyms.tsv";
    if (std::filesystem::is_regular_file(beside)) {
        options.synonyms_file = beside;
    } else {
        options.builtin_synonyms = true;
    }
}

index::CorpusReadResult read_corpus_with_options(const std::filesystem::path& corpus,
                                                 const ParsedArgs& args) {
    return index::read_corpus(corpus, vocabularies_from_options(corpus, args),
                              corpus_limits_from_options(args));
}

const format::Profile& profile_option(std::string_view name) {
    try {
        return format::profile_named(name);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--profile: ") + e.what());
    }
}

}  // namespace yrkesok::cli
