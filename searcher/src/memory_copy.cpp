#include "memory_copy.h"

namespace yrkesok::search {

namespace {

void stop_if_asked(const std::atomic<bool>* stop) {
    if (stop && stop->load(std::memory_order_relaxed)) throw CopyStopped();
}

}  // namespace

std::shared_ptr<const GenerationCopy> GenerationCopy::read(const Xapian::Database& db,
                                                           const std::atomic<bool>* stop) {
    auto copy = std::make_shared<GenerationCopy>();
    copy->documents_.reserve(db.get_doccount());
    for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
        stop_if_asked(stop);
        const Xapian::Document source = db.get_document(*id);
        Document& document = copy->documents_.emplace_back();
        document.docid = *id;
        document.data = source.get_data();
        for (auto value = source.values_begin(); value != source.values_end(); ++value) {
            document.values.emplace_back(value.get_valueno(), *value);
        }
        for (auto term = source.termlist_begin(); term != source.termlist_end(); ++term) {
            Term& copied = document.terms.emplace_back();
            copied.name = *term;
            copied.wdf = term.get_wdf();
            for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
                copied.positions.push_back(*pos);
            }
        }
    }
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
