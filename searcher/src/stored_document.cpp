#include "stored_document.h"

#include <nlohmann/json.hpp>

namespace yrkesok::search {
namespace {

std::vector<std::string> string_list(const nlohmann::json& data, const char* key) {
    std::vector<std::string> out;
    if (auto it = data.find(key); it != data.end() && it->is_array()) {
        for (const auto& v : *it) {
            if (v.is_string()) out.push_back(v.get<std::string>());
        }
    }
    return out;
}

}  // namespace

std::shared_ptr<const StoredDocument> StoredDocument::load(const Xapian::Document& document) {
    auto stored = std::make_shared<StoredDocument>();
    auto data = nlohmann::json::parse(document.get_data(), nullptr, false);
    if (data.is_object()) {
        Hit& hit = stored->hit_;
        hit.id = data.value("id", "");
        hit.title = data.value("title", "");
        hit.summary = data.value("summary", "");
        hit.language = data.value("language", "");
        hit.sectors = string_list(data, "sectors");
        hit.education_levels = string_list(data, "education_levels");
        hit.styrk08 = string_list(data, "styrk08");
        stored->body_ = data.value("body", "");
        hit.updated = data.value("updated", "");
    }
    return stored;
}

std::shared_ptr<const DocumentAnalysis> StoredDocument::analysis(
    const analyzers::Analyzer& analyzer) const {
    std::lock_guard lock(analysing_);
    if (analysis_) return analysis_;
    using analyzers::Language;
    const Language language = hit_.language == "nn" ? Language::nn : Language::nb;
    auto made = std::make_shared<DocumentAnalysis>();
    made->title_tokens = analyzer.analyze(hit_.title, language);
    made->summary_tokens = analyzer.analyze(hit_.summary, language);
    made->body_tokens = analyzer.analyze(body_, language);
    made->summary_hashes = TermHashes::of(made->summary_tokens);
    made->body_hashes = TermHashes::of(made->body_tokens);
    analysis_ = std::move(made);
    return analysis_;
}

std::shared_ptr<const StoredDocument> DocumentCache::find(Xapian::docid id) const {
    std::lock_guard lock(mutex_);
    auto it = documents_.find(id);
    return it == documents_.end() ? nullptr : it->second;
}

void DocumentCache::insert(Xapian::docid id, std::shared_ptr<const StoredDocument> document) const {
    std::lock_guard lock(mutex_);
    // Full: one record makes room (whichever the table holds first), not the whole cache, which
    // every engine shares and the warm-up filled.
    if (documents_.size() >= capacity_ && !documents_.contains(id) && !documents_.empty()) {
        documents_.erase(documents_.begin());
    }
    documents_[id] = std::move(document);
}

}  // namespace yrkesok::search
