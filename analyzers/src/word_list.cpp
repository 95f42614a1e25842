#include "word_list.h"

#include <algorithm>
#include <fstream>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/format/checksum.h"

namespace yrkesok::analyzers::detail {
namespace {

std::uint64_t hash_bytes(std::string_view s) {
    const std::uint64_t h = fnv1a64(s);
    return h ^ (h >> 29);  // mixes the high bits into the low ones the table indexes by
}

bool has_latin1_upper(std::string_view line) {
    return std::any_of(line.begin(), line.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return (b >= 'A' && b <= 'Z') || (b >= 0xC0 && b <= 0xDE && b != 0xD7);
    });
}

// One read of the whole file (an istreambuf_iterator copy goes byte by byte).
std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw AnalyzerError("cannot read word list " + path);
    std::string raw(static_cast<std::size_t>(in.tellg()), '\0');
    in.seekg(0);
    if (!in.read(raw.data(), static_cast<std::streamsize>(raw.size()))) {
        throw AnalyzerError("cannot read word list " + path);
    }
    return raw;
}

}  // namespace

WordList WordList::load(const std::string& path) {
    return load_lines(path, '\0', {}, nullptr);
}

WordList WordList::load_hunspell_entries(const std::string& dic_path) {
    return load_lines(dic_path, '/', {}, nullptr);
}

WordList WordList::load_hunspell_entries(const std::string& dic_path, std::string_view flags,
                                         WordList& flagged) {
    return load_lines(dic_path, '/', flags, &flagged);
}

WordList WordList::load_lines(const std::string& path, char field_end, std::string_view flags,
                              WordList* flagged) {
    const std::string raw = read_whole_file(path);
    WordList list;
    if (flagged != nullptr) *flagged = WordList();
    // Latin-1 -> UTF-8 at most doubles the size; written through a pointer, as this loop runs
    // over every byte of a 13 MB file at each start of the program.
    list.data_.resize(raw.size() * 2 + 1);
    char* out = list.data_.data();
    std::size_t pos = 0;
    while (pos < raw.size()) {
        std::size_t nl = raw.find('\n', pos);
        if (nl == std::string::npos) nl = raw.size();
        std::string_view line(raw.data() + pos, nl - pos);
        pos = nl + 1;
        bool has_flag = false;
        if (field_end != '\0') {
            const std::size_t end = line.find(field_end);
            if (flagged != nullptr && end != std::string_view::npos) {
                // The flags run to the first blank (morphological fields may follow).
                std::string_view field = line.substr(end + 1);
                field = field.substr(0, field.find_first_of(" \t"));
                has_flag = field.find_first_of(flags) != std::string_view::npos;
            }
            line = line.substr(0, end);
        }
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        if (line.empty() || has_latin1_upper(line)) continue;
        char* const word = out;
        for (const char c : line) {
            const auto b = static_cast<unsigned char>(c);
            if (b < 0x80) {
                *out++ = c;
            } else {
                *out++ = static_cast<char>(0xC0 | (b >> 6));
                *out++ = static_cast<char>(0x80 | (b & 0x3F));
            }
        }
        *out++ = '\n';
        if (has_flag) flagged->data_.append(word, out);
    }
    list.data_.resize(static_cast<std::size_t>(out - list.data_.data()));
    // The buffer was sized for every byte doubling; most are ASCII, so give the rest back.
    list.data_.shrink_to_fit();
    list.build_index();
    if (flagged != nullptr) flagged->build_index();
    return list;
}

WordList WordList::from_words(const std::vector<std::string>& words) {
    WordList list;
    for (const auto& w : words) {
        list.data_.append(w);
        list.data_.push_back('\n');
    }
    list.build_index();
    return list;
}

void WordList::build_index() {
    const auto words = static_cast<std::size_t>(std::count(data_.begin(), data_.end(), '\n'));
    std::size_t cap = 16;
    while (cap < words * 2) cap <<= 1;
    slots_.assign(cap, 0);
    const std::size_t mask = cap - 1;
    count_ = 0;
    for (std::size_t start = 0; start < data_.size();) {
        const std::size_t end = data_.find('\n', start);
        const std::string_view w(data_.data() + start, end - start);
        const std::uint64_t h = hash_bytes(w);
        const std::uint64_t tag = h & kTagBits;
        std::size_t slot = h & mask;
        bool dup = false;
        while (slots_[slot] != 0) {
            if ((slots_[slot] & kTagBits) == tag && word_at(slots_[slot], w.size()) == w) {
                dup = true;
                break;
            }
            slot = (slot + 1) & mask;
        }
        if (!dup) {
            slots_[slot] = tag | (start + 1);
            ++count_;
        }
        start = end + 1;
    }
}

std::string_view WordList::word_at(std::uint64_t slot, std::size_t size) const {
    // The candidate at this slot, `size` bytes long, or empty when it is shorter or longer.
    const std::size_t off = (slot & ~kTagBits) - 1;
    if (off + size >= data_.size() || data_[off + size] != '\n') return {};
    return {data_.data() + off, size};
}

bool WordList::contains(std::string_view word) const {
    if (slots_.empty() || word.empty() || word.find('\n') != std::string_view::npos) return false;
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t h = hash_bytes(word);
    const std::uint64_t tag = h & kTagBits;
    for (std::size_t slot = h & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
        if ((slots_[slot] & kTagBits) == tag && word_at(slots_[slot], word.size()) == word) {
            return true;
        }
    }
    return false;
}

}  // namespace yrkesok::analyzers::detail
