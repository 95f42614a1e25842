// Composes the analysis chain. Each stage is one class (see the headers next to this file);
// this file only decides the order and turns their output into Tokens and Terms.
#include "yrkesok/analyzers/analyzer.h"

#include <algorithm>
#include <deque>
#include <future>

#include "bilingual_dictionary.h"
#include "compound_splitter.h"
#include "hyphen_ellipsis.h"
#include "lemmatizer.h"
#include "normalizer.h"
#include "stop_words.h"
#include "text_buffer.h"
#include "tokenizer.h"
#include "variant_mapper.h"
#include "word_cache.h"
#include "word_list.h"
#include "word_tables.h"
#include "yrkesok/analyzers/utf8.h"

namespace yrkesok::analyzers {

std::string_view to_string(TermKind kind) {
    switch (kind) {
        case TermKind::surface:
            return "surface";
        case TermKind::lemma:
            return "lemma";
        case TermKind::stem:
            return "stem";
        case TermKind::part:
            return "part";
        case TermKind::expansion:
            return "expansion";
        case TermKind::variant:
            return "variant";
    }
    return "unknown";
}

namespace {

using detail::WordAnalysis;

// Words longer than this (in bytes) skip the dictionary stages: no Norwegian word is that long.
constexpr std::size_t kMaxDictionaryWord = 96;

// Adds a distinct term; a term seen again with a more trusted kind takes that kind.
void add_term(std::vector<Term>& terms, std::string_view text, TermKind kind) {
    if (text.empty()) return;
    for (Term& t : terms) {
        if (t.text == text) {
            if (kind < t.kind) t.kind = kind;
            return;
        }
    }
    terms.push_back({std::string(text), kind});
}

bool all_letters(std::string_view w) {
    for (const char c : w) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80 && !(b >= 'a' && b <= 'z')) return false;
    }
    return !w.empty();
}

// Spellings of `word` with æ, ø, å for each "ae", "oe", "aa" (a keyboard without them: laerer,
// frisoer), every combination, the fully replaced one first.
std::vector<std::string> spelled_letter_candidates(const std::string& word) {
    constexpr std::pair<std::string_view, std::string_view> kSpelled[] = {
        {"ae", "æ"}, {"oe", "ø"}, {"aa", "å"}};
    constexpr std::size_t kMaxSpelled = 4;                     // 16 combinations
    std::vector<std::pair<std::size_t, std::string_view>> at;  // offset, replacement
    for (std::size_t i = 0; i + 1 < word.size() && at.size() < kMaxSpelled; ++i) {
        for (const auto& [from, to] : kSpelled) {
            if (word.compare(i, 2, from) == 0) {
                at.emplace_back(i, to);
                ++i;  // "aae": one pair at a time
                break;
            }
        }
    }
    std::vector<std::string> out;
    for (std::size_t mask = (std::size_t{1} << at.size()) - 1; mask > 0; --mask) {
        std::string c;
        std::size_t copied = 0;
        for (std::size_t k = 0; k < at.size(); ++k) {
            if (!(mask & (std::size_t{1} << k))) continue;
            c.append(word, copied, at[k].first - copied);
            c.append(at[k].second);
            copied = at[k].first + 2;
        }
        c.append(word, copied);
        out.push_back(std::move(c));
    }
    return out;
}

// The written standard a word of `l` (bokmål or nynorsk) has its counterparts in.
Language other_standard(Language l) {
    return l == Language::nb ? Language::nn : Language::nb;
}

// One token on its way through the chain.
struct Draft {
    Token token;
    detail::EllipsisWord ellipsis;
};

}  // namespace

AnalyzerOptions analyzer_options_for(const format::Profile& profile) {
    AnalyzerOptions options;
    options.lemmas = profile.lemmas;
    options.variants = profile.variants;
    return options;
}

struct Analyzer::Impl {
    struct Dictionary {  // everything one language needs
        std::unique_ptr<detail::Lemmatizer> lemmatizer;
        detail::WordList words;
        detail::WordList headwords;  // the hunspell dictionary's entries: mostly base forms
        detail::WordList compound_modifiers;  // the entries that may begin a compound
        std::unique_ptr<detail::CompoundSplitter> splitter;
    };

    // What the analysis of one word asks more than once, worked out once: the splitter weighs
    // keeping the word whole from the same lemmas and counterparts the word then gets as terms,
    // and a compound's head comes up again as its last part. Lives for one word (one language);
    // a deque keeps the answers handed out in place while more are added.
    struct WordMemo {
        struct Counterparts {
            std::string form;
            detail::VariantMapper::SoundChanges sound;
            bool ask_dictionary;
            std::vector<std::string> forms;
        };
        std::deque<std::pair<std::string, std::vector<std::string>>> lemmas;
        std::deque<Counterparts> counterparts;
    };

    explicit Impl(AnalyzerOptions opts) : options(std::move(opts)), cache(options.cache_capacity) {
        // The four files are independent: load them in parallel (~2x faster on two cores).
        auto nb_hun = std::async(std::launch::async, [&] {
            return std::make_unique<detail::Lemmatizer>(options.hunspell_dir, "nb_NO");
        });
        auto nn_hun = std::async(std::launch::async, [&] {
            return std::make_unique<detail::Lemmatizer>(options.hunspell_dir, "nn_NO");
        });
        auto nb_list = std::async(std::launch::async,
                                  [&] { return detail::full_form_list(options, "bokmaal"); });
        auto nb_entries = std::async(std::launch::async, [&] {
            return detail::hunspell_entries(options, "nb_NO", nb.compound_modifiers);
        });
        auto bilingual_dictionary = std::async(std::launch::async, [&] {
            return std::make_unique<detail::BilingualDictionary>(options.bilingual_dictionary_dir);
        });
        nn.words = detail::full_form_list(options, "nynorsk");
        nn.headwords = detail::hunspell_entries(options, "nn_NO", nn.compound_modifiers);
        nb.words = nb_list.get();
        nb.headwords = nb_entries.get();
        nb.lemmatizer = nb_hun.get();
        nn.lemmatizer = nn_hun.get();
        // Each standard's own flags: the two dictionaries flag different words (nn gives sjuk
        // the compound flag, nb gives syk none), and one's flag on a word the other spells the
        // same way splits junk there (nn skjel- made skjelett skjel|ett in bokmål).
        for (Dictionary* d : {&nb, &nn}) {
            d->splitter =
                std::make_unique<detail::CompoundSplitter>(d->words, d->compound_modifiers);
        }
        variants = std::make_unique<detail::VariantMapper>(nb.words, nn.words);
        bilingual = bilingual_dictionary.get();
    }

    const Dictionary& dict(Language l) const { return l == Language::nn ? nn : nb; }

    std::vector<std::string> lemmas(std::string_view w, Language l) const {
        if (!options.lemmas || w.size() > kMaxDictionaryWord) return {};
        std::vector<std::string> out = dict(l).lemmatizer->lemmas(w);
        // hunspell-no also returns bare stems that are no word ("tømr" for tømrer): a lemma
        // must be a listed form of the language.
        std::erase_if(out, [&](const std::string& x) { return !dict(l).words.contains(x); });
        return out;
    }

    const std::vector<std::string>& lemmas(std::string_view w, Language l, WordMemo& memo) const {
        for (const auto& [word, found] : memo.lemmas) {
            if (word == w) return found;
        }
        return memo.lemmas.emplace_back(std::string(w), lemmas(w, l)).second;
    }

    // Sound changes (au/ø, kj/k, løn/lønn) may map `source`, the word itself or one of its
    // lemmas, only when it is a headword of its language, so an inflected form or a stem is
    // not mistaken for another word, and when the other standard does not spell `word` the
    // same way (bok, lege): there a sound change would only reach a different word (buk).
    detail::VariantMapper::SoundChanges sound_changes(std::string_view word,
                                                      std::string_view source, Language l) const {
        const Language other = other_standard(l);
        const bool allowed = is_base_form(source, l) && !dict(other).headwords.contains(word) &&
                             !dict(other).headwords.contains(source);
        return allowed ? detail::VariantMapper::SoundChanges::allowed
                       : detail::VariantMapper::SoundChanges::forbidden;
    }

    // The bilingual dictionary may map `source` (the word itself or one of its lemmas) unless
    // `source` is only a lemma of a word the other standard writes the same way: lege (doctor)
    // is a word of both, and its lemma leg would bring the other standard's word for "lay".
    // The word itself needs no such check (BilingualDictionary::translations refuses a word
    // the other standard shares).
    bool dictionary_allowed(std::string_view word, std::string_view source, Language l) const {
        const Language other = other_standard(l);
        return source == word || !dict(other).headwords.contains(word);
    }

    // Whether either standard's word list holds `word`.
    bool listed(std::string_view word) const {
        return nb.words.contains(word) || nn.words.contains(word);
    }

    // Whether `form` is a base form of language `l`: a listed word that is an entry of the
    // hunspell dictionary. hunspell's stem() is no help here: it gives skol for skole and the
    // verb lønne for lønn.
    bool is_base_form(std::string_view form, Language l) const {
        return dict(l).words.contains(form) && dict(l).headwords.contains(form);
    }

    // The bokmål/nynorsk counterparts of `form` (a lemma of language `l`, or a word the
    // dictionary has no lemma for), at most kMaxCounterparts: first what the bilingual
    // dictionary pairs it with (lækjar -> lege), then what the spelling rules make of it.
    // Sound changes only for a `word` the other standard does not spell the same way; the
    // dictionary only when `ask_dictionary` (dictionary_allowed()).
    std::vector<std::string> counterparts(const std::string& form, Language l,
                                          detail::VariantMapper::SoundChanges sound,
                                          bool ask_dictionary = true) const {
        constexpr std::size_t kMaxCounterparts = 4;
        const Language target = other_standard(l);
        const auto direction =
            l == Language::nb ? detail::Direction::nb_to_nn : detail::Direction::nn_to_nb;
        auto base_form = [&](std::string_view c) { return is_base_form(c, target); };
        std::vector<std::string> out;
        if (ask_dictionary) {
            for (std::string& t : bilingual->translations(form, direction)) {
                if (out.size() < kMaxCounterparts && base_form(t)) out.push_back(std::move(t));
            }
        }
        for (std::string& v : variants->variants(form, direction, base_form, sound)) {
            if (out.size() < kMaxCounterparts &&
                std::find(out.begin(), out.end(), v) == out.end()) {
                out.push_back(std::move(v));
            }
        }
        return out;
    }

    const std::vector<std::string>& counterparts(const std::string& form, Language l,
                                                 detail::VariantMapper::SoundChanges sound,
                                                 bool ask_dictionary, WordMemo& memo) const {
        for (const WordMemo::Counterparts& c : memo.counterparts) {
            if (c.form == form && c.sound == sound && c.ask_dictionary == ask_dictionary) {
                return c.forms;
            }
        }
        return memo.counterparts
            .emplace_back(WordMemo::Counterparts{form, sound, ask_dictionary,
                                                 counterparts(form, l, sound, ask_dictionary)})
            .forms;
    }

    // Whether the other standard keeps whole the counterpart of `word` (a word of language `l`
    // that the dictionary rules would split), found from `word` or one of its lemmas `ls`: the
    // two dictionaries flag compounds differently, and nynorsk splitting sjukepleiar while
    // bokmål keeps sykepleier whole gives the nynorsk records part terms that their bokmål
    // counterparts lack. Counterparts too short to be split are no evidence.
    bool other_standard_keeps_whole(const std::string& word, const std::vector<std::string>& ls,
                                    Language l, WordMemo& memo) const {
        const Dictionary& other = dict(other_standard(l));
        auto kept_whole = [&](const std::string& source) {
            for (const auto& c : counterparts(source, l, sound_changes(word, source, l),
                                              dictionary_allowed(word, source, l), memo)) {
                if (utf8::length(c) >= detail::CompoundSplitter::kMinWord &&
                    other.words.contains(c) && !other.splitter->split(c).split()) {
                    return true;
                }
            }
            return false;
        };
        return std::any_of(ls.begin(), ls.end(), kept_whole) ||
               (std::find(ls.begin(), ls.end(), word) == ls.end() && kept_whole(word));
    }

    // The lemmas of `head`, the part that ends `word`: a compound is inflected on its head, so
    // when this standard's dictionary lemmatises the whole word, the head's lemmas are those that
    // complete the word's own lemmas. Husdyrhold is husdyr + hold, not also holde (the verb "to
    // hold") or hole; hjelpepleier is hjelpe + pleier, not also pleie or plei. A head read as
    // another word matched every text holding that word, as often as the head had such lemmas. A
    // word the dictionary does not lemmatise (as the nynorsk reading of a bokmål query word), or
    // whose lemmas no head lemma completes, keeps every lemma of its head (benchmarks/RESULTS.md,
    // "A compound's head lemmatised as the compound").
    std::vector<std::string> head_lemmas(const std::string& word, const std::string& head,
                                         const std::vector<std::string>& word_lemmas, Language l,
                                         WordMemo& memo) const {
        std::vector<std::string> all = lemmas(head, l, memo);
        if (word_lemmas.empty() || all.size() < 2) return all;
        const std::string_view modifier =
            std::string_view(word).substr(0, word.size() - head.size());
        std::vector<std::string> agreeing;
        for (const std::string& x : all) {
            // w == modifier + x, without building the string.
            const bool completes =
                std::any_of(word_lemmas.begin(), word_lemmas.end(), [&](const std::string& w) {
                    return w.size() == modifier.size() + x.size() && w.starts_with(modifier) &&
                           w.ends_with(x);
                });
            if (completes) agreeing.push_back(x);
        }
        return agreeing.empty() ? all : agreeing;
    }

    WordAnalysis compute(const std::string& word, Language l) const {
        // A word neither standard lists, typed without æ, ø, å, is analysed as the listed word
        // it spells out, which it then matches as a lemma.
        if (options.lemmas && word.size() <= kMaxDictionaryWord && !listed(word)) {
            for (const std::string& spelled : spelled_letter_candidates(word)) {
                if (!dict(l).words.contains(spelled)) continue;
                WordAnalysis wa = compute(spelled, l);
                add_term(wa.terms, spelled, TermKind::lemma);
                return wa;
            }
        }
        WordAnalysis wa;
        WordMemo memo;
        const std::vector<std::string> ls = lemmas(word, l, memo);
        for (const auto& x : ls) add_term(wa.terms, x, TermKind::lemma);
        if (ls.empty() && options.snowball_fallback) {
            std::string s = dict(l).lemmatizer->stem(word);
            if (s != word) add_term(wa.terms, s, TermKind::stem);
        }
        // The word itself too: hunspell's lemma of a derived word can be a different word
        // (sikkerheit -> sikker) or a bare stem (draum -> draume).
        std::vector<std::string> variant_sources = ls;
        if (std::find(ls.begin(), ls.end(), word) == ls.end() &&
            (ls.empty() || is_base_form(word, l))) {
            variant_sources.push_back(word);
        }
        if (options.compounds && all_letters(word) && word.size() <= kMaxDictionaryWord) {
            // The word and each part split again must agree with the other standard.
            auto keep_whole = [&](std::string_view w) {
                if (l == Language::both) return false;
                if (w == word) return other_standard_keeps_whole(word, ls, l, memo);
                const std::string part(w);
                return other_standard_keeps_whole(part, lemmas(part, l, memo), l, memo);
            };
            const detail::CompoundSplit split = dict(l).splitter->split(word, keep_whole);
            for (const std::string& part : split.parts) {
                // Parts that end the word carry its inflection: give their lemmas instead.
                const bool final = word.ends_with(part);
                const std::vector<std::string> pl =
                    final ? head_lemmas(word, part, ls, l, memo) : decltype(ls){};
                if (pl.empty()) add_term(wa.terms, part, TermKind::part);
                for (const auto& x : pl) add_term(wa.terms, x, TermKind::part);
            }
            if (split.split()) {
                wa.head_start = split.head_start;
                const std::string head(split.head(word));
                wa.head_forms.push_back(head);
                // Every lemma of the head here, for the hyphen ellipsis and the counterparts:
                // narrowing these as the part terms above cost the real-content set 0.0007
                // (benchmarks/RESULTS.md).
                for (const auto& x : lemmas(head, l, memo)) {
                    if (x != head) wa.head_forms.push_back(x);
                }
                // Variants of a long head are cheap and catch nynorsk compounds
                // (operasjonssjukepleiar -> sykepleier); short heads gave junk (ler -> lar).
                if (utf8::length(head) >= 6) {
                    variant_sources.insert(variant_sources.end(), wa.head_forms.begin(),
                                           wa.head_forms.end());
                }
            }
        }
        if (options.variants && word.size() <= kMaxDictionaryWord && l != Language::both) {
            for (const auto& src : variant_sources) {
                for (const auto& v : counterparts(src, l, sound_changes(word, src, l),
                                                  dictionary_allowed(word, src, l), memo)) {
                    add_term(wa.terms, v, TermKind::variant);
                }
            }
            if (wa.head_start != std::string::npos) {
                for (auto& v : compound_counterparts(word, wa, l, memo)) {
                    add_term(wa.terms, v, TermKind::variant);
                }
            }
        }
        return wa;
    }

    // The whole compound in the other standard, modifier and head each mapped on its own
    // (helsefagarbeidar -> helsefagarbeider, kyrkjetenar -> kirketjener): compounds are rarely
    // in the word lists, their parts are. The head is given as a lemma, the compound's base form.
    std::vector<std::string> compound_counterparts(const std::string& word, const WordAnalysis& wa,
                                                   Language l, WordMemo& memo) const {
        constexpr std::size_t kMinHeadLetters = 4;  // shorter heads map to junk (ler -> lar)
        constexpr std::size_t kMaxCompoundCounterparts = 3;
        const std::string modifier = word.substr(0, wa.head_start);
        std::vector<std::string> modifiers{modifier};
        auto add_modifier = [&](std::string stem, std::string_view link) {
            for (std::string v : counterparts(stem, l, sound_changes(stem, stem, l), true, memo)) {
                v += link;
                if (std::find(modifiers.begin(), modifiers.end(), v) == modifiers.end()) {
                    modifiers.push_back(std::move(v));
                }
            }
        };
        add_modifier(modifier, "");
        // A linking -s- or -e- belongs to the compound, not to the modifier's word.
        for (const std::string_view link : {"s", "e"}) {
            if (modifier.size() > 3 && modifier.ends_with(link)) {
                add_modifier(modifier.substr(0, modifier.size() - link.size()), link);
            }
        }
        std::vector<std::string> out;
        for (const std::string& head : wa.head_forms) {
            if (utf8::length(head) < kMinHeadLetters) continue;
            std::vector<std::string> heads{head};
            const auto& head_counterparts =
                counterparts(head, l, sound_changes(head, head, l), true, memo);
            heads.insert(heads.end(), head_counterparts.begin(), head_counterparts.end());
            for (const std::string& m : modifiers) {
                for (const std::string& h : heads) {
                    if (out.size() >= kMaxCompoundCounterparts) return out;
                    if (h == head) continue;  // a mapped modifier alone guessed wrong too often
                    std::string c = m + h;
                    if (std::find(out.begin(), out.end(), c) == out.end()) {
                        out.push_back(std::move(c));
                    }
                }
            }
        }
        return out;
    }

    std::shared_ptr<const WordAnalysis> analyse_word(const std::string& word, Language l) const {
        if (l == Language::both) {
            const auto a = analyse_word(word, Language::nb);
            const auto b = analyse_word(word, Language::nn);
            auto merged = std::make_shared<WordAnalysis>(*a);
            for (const Term& t : b->terms) add_term(merged->terms, t.text, t.kind);
            if (!merged->head_forms.empty() || b->head_forms.empty()) return merged;
            merged->head_start = b->head_start;
            merged->head_forms = b->head_forms;
            return merged;
        }
        const detail::WordKey key{l == Language::nb ? 'b' : 'n', word};
        if (auto hit = cache.find(key)) return hit;
        auto value = std::make_shared<const WordAnalysis>(compute(word, l));
        cache.insert(key, value);
        return value;
    }

    void analyse_hyphenated(const detail::TextBuffer& buffer, const detail::RawToken& raw,
                            Language l, Draft& d) const;

    AnalyzerOptions options;
    Dictionary nb;
    Dictionary nn;
    std::unique_ptr<detail::VariantMapper> variants;
    std::unique_ptr<detail::BilingualDictionary> bilingual;
    detail::Tokenizer tokenizer;
    detail::Normalizer normalizer;
    detail::WordCache cache;
};

// "hjerte-lungemaskinen": surface as written, hyphens removed (also a surface term), the
// lemma of the joined word (earlier components + lemma of the last), and every component with
// its own lemmas, parts and variants as parts of the token.
void Analyzer::Impl::analyse_hyphenated(const detail::TextBuffer& buffer,
                                        const detail::RawToken& raw, Language l, Draft& d) const {
    std::vector<Term>& terms = d.token.terms;
    std::vector<std::string> comps;
    std::string joined;
    for (const detail::Span& c : raw.components) {
        comps.push_back(normalizer.normalize(buffer, c));
        joined += comps.back();
    }
    add_term(terms, joined, TermKind::surface);
    d.ellipsis.surface = joined;
    d.ellipsis.forms = {joined};
    const auto whole = analyse_word(terms.front().text, l);  // hunspell knows "e-post"
    for (const Term& t : whole->terms) add_term(terms, t.text, t.kind);
    const std::string prefix = joined.substr(0, joined.size() - comps.back().size());
    for (std::size_t i = 0; i < comps.size(); ++i) {
        if (utf8::length(comps[i]) < 2 || !all_letters(comps[i])) continue;
        add_term(terms, comps[i], TermKind::part);
        const auto wa = analyse_word(comps[i], l);
        const bool last = i + 1 == comps.size();
        for (const Term& t : wa->terms) {
            if (last && t.kind == TermKind::lemma) {
                add_term(terms, prefix + t.text, TermKind::lemma);
                d.ellipsis.forms.push_back(prefix + t.text);
            }
            const bool keep = t.kind == TermKind::variant || t.kind == TermKind::stem;
            add_term(terms, t.text, keep ? t.kind : TermKind::part);
        }
        if (last) {
            d.ellipsis.head_start = prefix.size();
            d.ellipsis.head_forms = {comps[i]};
            for (const Term& t : wa->terms) {
                if (t.kind == TermKind::lemma) d.ellipsis.head_forms.push_back(t.text);
            }
        }
    }
}

Analyzer::Analyzer(AnalyzerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const AnalyzerOptions& Analyzer::options() const {
    return impl_->options;
}

bool Analyzer::knows_word(std::string_view word) const {
    return impl_->listed(word);
}

void Analyzer::clear_cache() const {
    impl_->cache.clear();
}

std::vector<Token> Analyzer::analyze(std::string_view text, Language language) const {
    const Impl& im = *impl_;
    const detail::TextBuffer buffer(text);
    const std::vector<detail::RawToken> raws = im.tokenizer.tokenize(buffer);

    // Only a word written with a hyphen at either end can start a hyphen ellipsis: a text
    // without one keeps no forms of its plain words for it.
    const bool ellipsis_possible =
        im.options.hyphen_ellipsis &&
        std::any_of(raws.begin(), raws.end(), [](const detail::RawToken& raw) {
            return raw.trailing_hyphen || raw.leading_hyphen;
        });

    std::vector<Draft> drafts;
    drafts.reserve(raws.size());
    std::uint32_t position = 0;
    for (const detail::RawToken& raw : raws) {
        std::string surface = im.normalizer.normalize(buffer, raw.span);
        if (surface.empty() || surface.size() > im.options.max_token_bytes) continue;
        Draft d;
        Token& tok = d.token;
        tok.start = buffer.byte_offset(raw.span.start);
        tok.end = buffer.byte_offset(raw.span.end);
        tok.text = std::string(text.substr(tok.start, tok.end - tok.start));
        tok.position = position++;
        tok.stopword = detail::StopWords::contains(surface, language);
        if (ellipsis_possible) {
            d.ellipsis.trailing_hyphen = raw.trailing_hyphen;
            d.ellipsis.leading_hyphen = raw.leading_hyphen;
            d.ellipsis.list_gap_before = raw.list_gap_before;
            d.ellipsis.conjunction = detail::HyphenEllipsis::is_conjunction(surface);
            d.ellipsis.surface = surface;
            d.ellipsis.forms = {surface};
        }
        tok.terms.push_back({std::move(surface), TermKind::surface});
        const std::string s = tok.terms.front().text;  // copy: terms grow below

        if (raw.shape == detail::Shape::email) {
            const std::size_t at = s.find('@');
            add_term(tok.terms, s.substr(0, at), TermKind::part);
            add_term(tok.terms, s.substr(at + 1), TermKind::part);
        } else if (raw.shape == detail::Shape::hyphenated) {
            im.analyse_hyphenated(buffer, raw, language, d);
        } else if (raw.shape == detail::Shape::word && !tok.stopword && all_letters(s)) {
            const auto wa = im.analyse_word(s, language);
            for (const Term& t : wa->terms) {
                add_term(tok.terms, t.text, t.kind);
                if (ellipsis_possible && t.kind == TermKind::lemma) {
                    d.ellipsis.forms.push_back(t.text);
                }
            }
            if (ellipsis_possible) {
                d.ellipsis.head_start = wa->head_start;
                d.ellipsis.head_forms = wa->head_forms;
            }
        }
        drafts.push_back(std::move(d));
    }

    if (ellipsis_possible) {
        std::vector<detail::EllipsisWord> words;
        words.reserve(drafts.size());
        for (Draft& d : drafts) words.push_back(std::move(d.ellipsis));
        for (const detail::Expansion& e : detail::HyphenEllipsis::expand(words)) {
            Token& token = drafts[e.word].token;
            for (const auto& x : e.terms) add_term(token.terms, x, TermKind::expansion);
            for (const auto& x : e.parts) add_term(token.terms, x, TermKind::part);
            if (e.completed_by) token.completed_by = drafts[*e.completed_by].token.position;
        }
    }

    std::vector<Token> out;
    out.reserve(drafts.size());
    for (Draft& d : drafts) {
        if (d.token.stopword && im.options.drop_stopwords) continue;
        // Surface first, then by trust: lemma, stem, part, expansion, variant.
        std::stable_sort(d.token.terms.begin(), d.token.terms.end(),
                         [](const Term& a, const Term& b) { return a.kind < b.kind; });
        out.push_back(std::move(d.token));
    }
    return out;
}

}  // namespace yrkesok::analyzers
