#include "memory_copy.h"

namespace yrkesok::search {

namespace {

void stop_if_asked(const std::atomic<bool>* stop) {
    if (stop && stop->load(std::memory_order_relaxed)) throw CopyStopped();
}

}  // namespace

std::shared_ptr<const GenerationCopy> GenerationCopy::read(const Xapian::Database& db,
                                                           const std::atomic<bool>* stop) {
    // Read term by term, from the posting lists: a generation need not keep each document's
    // term list (indexer's term_lists), and each document's terms then come out sorted,
    // as a term list gives them.
    auto copy = std::make_shared<GenerationCopy>();
    copy->documents_.reserve(db.get_doccount());
    auto postings = std::make_shared<Postings>();
    std::vector<std::size_t> place(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
    for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
        stop_if_asked(stop);
        place[*id] = copy->documents_.size();
        Document& document = copy->documents_.emplace_back();
        document.docid = *id;
        document.data = db.get_document(*id).get_data();
    }
    for (Xapian::valueno slot = 0; slot < kValueSlotsCopied; ++slot) {
        if (db.get_value_freq(slot) == 0) continue;
        for (auto value = db.valuestream_begin(slot); value != db.valuestream_end(slot); ++value) {
            copy->documents_[place[value.get_docid()]].values.emplace_back(slot, *value);
        }
    }
    for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) {
        stop_if_asked(stop);
        const std::string name = *term;
        auto& term_postings = (*postings)[name];
        term_postings.reserve(term.get_termfreq());
        for (auto posting = db.postlist_begin(name); posting != db.postlist_end(name); ++posting) {
            term_postings.emplace_back(*posting, posting.get_wdf());
            Term& copied = copy->documents_[place[*posting]].terms.emplace_back();
            copied.name = name;
            copied.wdf = posting.get_wdf();
            for (auto pos = posting.positionlist_begin(); pos != posting.positionlist_end();
                 ++pos) {
                copied.positions.push_back(*pos);
            }
        }
    }
    copy->postings_ = std::move(postings);
    return copy;
}

Xapian::Database GenerationCopy::database(const std::atomic<bool>* stop) const {
    Xapian::WritableDatabase memory(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const Document& document : documents_) {
        stop_if_asked(stop);
        Xapian::Document made;
        made.set_data(document.data);
        for (const auto& [slot, value] : document.values) made.add_value(slot, value);
        for (const Term& term : document.terms) {
            // The frequency as the files hold it; positions add nothing to it (a term of wdf 0
            // is a boolean term, as it was).
            made.add_term(term.name, term.wdf);
            for (const Xapian::termpos pos : term.positions) made.add_posting(term.name, pos, 0);
        }
        memory.replace_document(document.docid, made);
    }
    memory.commit();
    return memory;
}

}  // namespace yrkesok::search
