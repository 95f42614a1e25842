#include "word_list.h"

#include <cstring>
#include <fstream>
#include <iterator>

#include "yrkesok/analyzer.h"
#include "yrkesok/checksum.h"

namespace yrkesok::analyzers::detail {
namespace {

std::uint64_t hash_bytes(std::string_view s) {
    const std::uint64_t h = fnv1a64(s);
    return h ^ (h >> 29);  // mixes the high bits into the low ones the table indexes by
}

bool is_latin1_upper(unsigned char b) {
    return (b >= 'A' && b <= 'Z') || (b >= 0xC0 && b <= 0xDE && b != 0xD7);
}

}  // namespace

WordList WordList::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw AnalyzerError("cannot read word list " + path);
    const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    WordList list;
    list.data_.reserve(raw.size() + raw.size() / 10);
    list.starts_.reserve(raw.size() / 12);
    std::size_t pos = 0;
    while (pos < raw.size()) {
        std::size_t nl = raw.find('\n', pos);
        if (nl == std::string::npos) nl = raw.size();
        std::string_view line(raw.data() + pos, nl - pos);
        pos = nl + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        if (line.empty()) continue;
        bool upper = false;
        for (const char c : line) upper |= is_latin1_upper(static_cast<unsigned char>(c));
        if (upper) continue;
        list.starts_.push_back(static_cast<std::uint32_t>(list.data_.size()));
        for (const char c : line) {  // Latin-1 -> UTF-8
            const auto b = static_cast<unsigned char>(c);
            if (b < 0x80) {
                list.data_.push_back(c);
            } else {
                list.data_.push_back(static_cast<char>(0xC0 | (b >> 6)));
                list.data_.push_back(static_cast<char>(0x80 | (b & 0x3F)));
            }
        }
        list.data_.push_back('\n');
    }
    list.build_index();
    return list;
}

WordList WordList::from_words(const std::vector<std::string>& words) {
    WordList list;
    for (const auto& w : words) list.add(w);
    list.build_index();
    return list;
}

void WordList::add(std::string_view utf8_word) {
    starts_.push_back(static_cast<std::uint32_t>(data_.size()));
    data_.append(utf8_word);
    data_.push_back('\n');
}

void WordList::build_index() {
    std::size_t cap = 16;
    while (cap < starts_.size() * 2) cap <<= 1;
    slots_.assign(cap, 0);
    const std::size_t mask = cap - 1;
    count_ = 0;
    for (std::uint32_t i = 0; i < starts_.size(); ++i) {
        const char* p = data_.data() + starts_[i];
        const std::string_view w(p, std::strchr(p, '\n') - p);
        const std::uint64_t h = hash_bytes(w);
        const std::uint64_t tag = h & 0xFFFFFFFF00000000ULL;
        std::size_t slot = h & mask;
        bool dup = false;
        while (slots_[slot] != 0) {
            const char* q = data_.data() + starts_[(slots_[slot] & 0xFFFFFFFFU) - 1];
            if ((slots_[slot] & 0xFFFFFFFF00000000ULL) == tag &&
                std::strncmp(q, w.data(), w.size()) == 0 && q[w.size()] == '\n') {
                dup = true;
                break;
            }
            slot = (slot + 1) & mask;
        }
        if (!dup) {
            slots_[slot] = tag | (i + 1);
            ++count_;
        }
    }
}

bool WordList::contains(std::string_view word) const {
    if (slots_.empty() || word.empty() || word.find('\n') != std::string_view::npos) return false;
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t h = hash_bytes(word);
    const std::uint64_t tag = h & 0xFFFFFFFF00000000ULL;
    std::size_t slot = h & mask;
    while (slots_[slot] != 0) {
        if ((slots_[slot] & 0xFFFFFFFF00000000ULL) != tag) {
            slot = (slot + 1) & mask;
            continue;
        }
        const std::size_t off = starts_[(slots_[slot] & 0xFFFFFFFFU) - 1];
        if (off + word.size() < data_.size() && data_[off + word.size()] == '\n' &&
            std::memcmp(data_.data() + off, word.data(), word.size()) == 0) {
            return true;
        }
        slot = (slot + 1) & mask;
    }
    return false;
}

}  // namespace yrkesok::analyzers::detail
