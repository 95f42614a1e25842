#include "suggester.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <unordered_map>

#include "yrkesok/format/schema.h"

namespace yrkesok::search {
namespace {

constexpr std::size_t kMaxTerms = 20000;

// The words as the texts write them, with how often they occur: the spelling table the indexer
// fills with each token's surface form. The field terms also hold lemmas and bokmål/nynorsk
// variants that no text writes (regnskapsfyre of regnskapsfører, busse of buss), which are fine
// to match but wrong to offer as completions.
std::unordered_map<std::string, Xapian::doccount> written_words(const Xapian::Database& lexicon) {
    std::unordered_map<std::string, Xapian::doccount> words;
    for (auto w = lexicon.spellings_begin(); w != lexicon.spellings_end(); ++w) {
        words[*w] += w.get_termfreq();
    }
    return words;
}

// Without a spelling table: each whole word of the index with how often a document field holds
// it, the sum of its title and text (summary and body) term frequencies.
std::unordered_map<std::string, Xapian::doccount> indexed_words(const Xapian::Database& db) {
    std::unordered_map<std::string, Xapian::doccount> words;
    for (const std::string_view field : format::kTextFields) {
        const std::string prefix(field);
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            const std::string term = *t;
            const std::string_view word = format::whole_word_of(term);
            if (!word.empty()) words[std::string(word)] += t.get_termfreq();
        }
    }
    return words;
}

template <typename Entries>
auto prefix_range(const Entries& entries, const std::string& prefix) {
    auto begin = std::lower_bound(entries.begin(), entries.end(), prefix,
                                  [](const auto& e, const std::string& p) { return e.key < p; });
    auto end = begin;
    while (end != entries.end() && end->key.compare(0, prefix.size(), prefix) == 0) ++end;
    return std::make_pair(begin, end);
}

}  // namespace

std::string fold_words(const std::string& text, const analyzers::Analyzer& analyzer) {
    std::string folded;
    for (const auto& token : analyzer.analyze(text, analyzers::Language::nb)) {
        if (token.terms.empty()) continue;
        if (!folded.empty()) folded += ' ';
        folded += token.terms.front().text;
    }
    return folded;
}

Suggester::Suggester(const Xapian::Database& db, const Xapian::Database& lexicon,
                     const analyzers::Analyzer& analyzer) {
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        auto data = nlohmann::json::parse(db.get_document(*it).get_data(), nullptr, false);
        if (!data.is_object()) continue;
        std::string title = data.value("title", "");
        std::string id = data.value("id", "");
        std::string folded = fold_words(title, analyzer);
        // Index the title under every word start, so "lungemaskin" is not needed to find
        // "Hjerte- og lungemaskin…" and "ingeniør" finds "Bioingeniør" only by its own start.
        for (std::size_t pos = 0; pos < folded.size();) {
            titles_.push_back({folded.substr(pos), title, id, pos});
            auto space = folded.find(' ', pos);
            if (space == std::string::npos) break;
            pos = space + 1;
        }
    }
    // Ties by id: the order of documents in the index (one database or shards) must not show.
    std::sort(titles_.begin(), titles_.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.key, a.id, a.frequency) < std::tie(b.key, b.id, b.frequency);
    });

    auto words = written_words(lexicon);
    if (words.empty()) words = indexed_words(db);
    std::vector<Entry> terms;
    for (auto& [word, frequency] : words) {
        if (word.size() < 3 || frequency < 2) continue;
        terms.push_back({word, word, "", frequency});
    }
    // Ties by word, so which words make the cut does not depend on the map's order.
    std::sort(terms.begin(), terms.end(), [](const Entry& a, const Entry& b) {
        return a.frequency != b.frequency ? a.frequency > b.frequency : a.key < b.key;
    });
    if (terms.size() > kMaxTerms) terms.resize(kMaxTerms);
    std::sort(terms.begin(), terms.end(),
              [](const Entry& a, const Entry& b) { return a.key < b.key; });
    terms_ = std::move(terms);
}

std::vector<Suggestion> Suggester::suggest(const std::string& prefix, std::size_t limit,
                                           const analyzers::Analyzer& analyzer) const {
    std::vector<Suggestion> out;
    std::string folded = fold_words(prefix, analyzer);
    if (folded.empty() || limit == 0) return out;

    // Titles: those whose first word matches rank before those matching by a later word.
    auto [tb, te] = prefix_range(titles_, folded);
    std::vector<const Entry*> titles;
    for (auto it = tb; it != te; ++it) titles.push_back(&*it);
    std::stable_sort(titles.begin(), titles.end(), [](const Entry* a, const Entry* b) {
        return std::make_pair(a->frequency != 0, a->text.size()) <
               std::make_pair(b->frequency != 0, b->text.size());
    });
    std::set<std::string> seen;
    for (const Entry* e : titles) {
        if (out.size() >= limit) break;
        if (!seen.insert(e->id).second) continue;
        out.push_back({e->text, "title", e->id});
    }

    // Words: complete the last word of the prefix, most frequent first.
    auto space = folded.rfind(' ');
    std::string head = space == std::string::npos ? "" : folded.substr(0, space + 1);
    std::string last = space == std::string::npos ? folded : folded.substr(space + 1);
    auto [wb, we] = prefix_range(terms_, last);
    std::vector<const Entry*> words;
    for (auto it = wb; it != we; ++it) words.push_back(&*it);
    std::sort(words.begin(), words.end(),
              [](const Entry* a, const Entry* b) { return a->frequency > b->frequency; });
    std::set<std::string> titles_lower;
    for (const auto& s : out) titles_lower.insert(fold_words(s.text, analyzer));
    for (const Entry* e : words) {
        if (out.size() >= limit) break;
        std::string text = head + e->text;
        if (titles_lower.contains(text)) continue;
        out.push_back({text, "term", ""});
    }
    return out;
}

}  // namespace yrkesok::search
