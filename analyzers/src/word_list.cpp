#include "word_list.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/format/checksum.h"

namespace yrkesok::analyzers::detail {
namespace {

// A slot's high 32 bits: the word's hash tag (see slots_).
constexpr std::uint64_t kTagBits = 0xFFFFFFFF00000000ULL;

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

// The word `size` bytes long whose offset `slot` records, or empty when the word there is
// shorter or longer (or the offset lies outside `data`, as only a damaged table could make it).
std::string_view word_in(std::string_view data, std::uint64_t slot, std::size_t size) {
    const std::size_t off = (slot & ~kTagBits) - 1;
    if (off >= data.size() || size >= data.size() - off || data[off + size] != '\n') return {};
    return {data.data() + off, size};
}

// A parsed list's own buffers.
struct ParsedStorage {
    std::string data;
    std::vector<std::uint64_t> slots;
};

// A table file mapped read-only, unmapped with the last list that uses it.
struct MappedTable {
    void* address = MAP_FAILED;
    std::size_t length = 0;
    MappedTable(void* a, std::size_t n) : address(a), length(n) {}
    MappedTable(const MappedTable&) = delete;
    MappedTable& operator=(const MappedTable&) = delete;
    ~MappedTable() {
        if (address != MAP_FAILED) ::munmap(address, length);
    }
};

// A table file: this header, the slots, then the words. The magic's last digit is the table
// format's version, bumped when the slot layout, this header or the way a line becomes a word
// (load_lines) changes; a change of the hash shows in `code` by itself.
struct TableHeader {
    char magic[8];
    std::uint64_t source_size;
    std::int64_t source_modified_ns;
    std::int64_t source_changed_ns;
    std::uint64_t source_inode;
    std::uint64_t recipe;
    std::uint64_t code;  // hash_bytes of kCodeProbe as this build computes it
    std::uint64_t word_count;
    std::uint64_t slot_count;
    std::uint64_t data_size;
};
static_assert(sizeof(TableHeader) == kTableHeaderBytes);
static_assert(sizeof(TableHeader) % sizeof(std::uint64_t) == 0,
              "the slots that follow stay 8-byte aligned");
constexpr char kTableMagic[8] = {'Y', 'R', 'K', 'W', 'O', 'R', 'D', '2'};
constexpr std::string_view kCodeProbe = "yrkesok word table";

std::int64_t nanoseconds(const struct timespec& t) {
    return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec;
}

}  // namespace

std::optional<TableStamp> TableStamp::of(const std::string& source_path, std::string_view recipe) {
    struct stat st {};
    if (::stat(source_path.c_str(), &st) != 0) return std::nullopt;
    return TableStamp{.source_size = static_cast<std::uint64_t>(st.st_size),
                      .source_modified_ns = nanoseconds(st.st_mtim),
                      .source_changed_ns = nanoseconds(st.st_ctim),
                      .source_inode = static_cast<std::uint64_t>(st.st_ino),
                      .recipe = fnv1a64(recipe)};
}

TableStamp TableStamp::with_recipe(std::string_view other) const {
    TableStamp stamp = *this;
    stamp.recipe = fnv1a64(other);
    return stamp;
}

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
    std::string words;
    std::string flagged_words;
    // Latin-1 -> UTF-8 at most doubles the size; written through a pointer, as this loop runs
    // over every byte of a 13 MB file.
    words.resize(raw.size() * 2 + 1);
    char* out = words.data();
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
        if (has_flag) flagged_words.append(word, out);
    }
    words.resize(static_cast<std::size_t>(out - words.data()));
    // The buffer was sized for every byte doubling; most are ASCII, so give the rest back.
    words.shrink_to_fit();
    if (flagged != nullptr) *flagged = owning(std::move(flagged_words));
    return owning(std::move(words));
}

WordList WordList::from_words(const std::vector<std::string>& words) {
    std::string data;
    for (const auto& w : words) {
        data.append(w);
        data.push_back('\n');
    }
    return owning(std::move(data));
}

WordList WordList::owning(std::string words) {
    auto storage = std::make_shared<ParsedStorage>();
    storage->data = std::move(words);
    const std::string_view data = storage->data;
    if (data.size() >= (std::uint64_t{1} << 32)) {
        // A slot keeps a word's offset in its low 32 bits.
        throw AnalyzerError("word list too large: " + std::to_string(data.size()) + " bytes");
    }
    const auto lines = static_cast<std::size_t>(std::count(data.begin(), data.end(), '\n'));
    std::size_t cap = 16;
    while (cap < lines * 2) cap <<= 1;
    std::vector<std::uint64_t>& slots = storage->slots;
    slots.assign(cap, 0);
    const std::size_t mask = cap - 1;
    WordList list;
    for (std::size_t start = 0; start < data.size();) {
        const std::size_t end = data.find('\n', start);
        const std::string_view w(data.data() + start, end - start);
        const std::uint64_t h = hash_bytes(w);
        const std::uint64_t tag = h & kTagBits;
        std::size_t slot = h & mask;
        bool dup = false;
        while (slots[slot] != 0) {
            if ((slots[slot] & kTagBits) == tag && word_in(data, slots[slot], w.size()) == w) {
                dup = true;
                break;
            }
            slot = (slot + 1) & mask;
        }
        if (!dup) {
            slots[slot] = tag | (start + 1);
            ++list.count_;
        }
        start = end + 1;
    }
    list.data_ = data;
    list.slots_ = slots;
    list.storage_ = std::move(storage);
    return list;
}

void WordList::save_table(const std::string& path, const TableStamp& stamp) const {
    TableHeader header{};
    std::memcpy(header.magic, kTableMagic, sizeof header.magic);
    header.source_size = stamp.source_size;
    header.source_modified_ns = stamp.source_modified_ns;
    header.source_changed_ns = stamp.source_changed_ns;
    header.source_inode = stamp.source_inode;
    header.recipe = stamp.recipe;
    header.code = hash_bytes(kCodeProbe);
    header.word_count = count_;
    header.slot_count = slots_.size();
    header.data_size = data_.size();
    // A file of its own beside the table (mkstemp), renamed over it when whole: a reader maps
    // the old table or the new one, and two writers never share a temporary file.
    std::string temporary = path + ".XXXXXX";
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) {
        throw AnalyzerError("cannot write word table " + path + ": " + std::strerror(errno));
    }
    const auto write_all = [fd](const void* bytes, std::size_t size) {
        const char* p = static_cast<const char*>(bytes);
        while (size > 0) {
            const ssize_t n = ::write(fd, p, size);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            p += n;
            size -= static_cast<std::size_t>(n);
        }
        return true;
    };
    const bool written = write_all(&header, sizeof header) &&
                         write_all(slots_.data(), slots_.size_bytes()) &&
                         write_all(data_.data(), data_.size()) && ::fchmod(fd, 0644) == 0;
    const int write_error = errno;
    ::close(fd);
    std::error_code error;
    if (written) std::filesystem::rename(temporary, path, error);
    if (!written || error) {
        std::filesystem::remove(temporary, error);
        throw AnalyzerError("cannot write word table " + path + ": " +
                            (written ? error.message() : std::strerror(write_error)));
    }
}

std::optional<WordList> WordList::map_table(const std::string& path, const TableStamp& stamp) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(TableHeader))) {
        ::close(fd);
        return std::nullopt;
    }
    const auto length = static_cast<std::size_t>(st.st_size);
    void* address = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (address == MAP_FAILED) return std::nullopt;
    auto mapping = std::make_shared<MappedTable>(address, length);

    TableHeader header{};
    std::memcpy(&header, address, sizeof header);
    const std::size_t body = length - sizeof header;
    const bool slots_fit = header.slot_count <= body / sizeof(std::uint64_t);
    const bool whole =
        std::memcmp(header.magic, kTableMagic, sizeof header.magic) == 0 &&
        header.code == hash_bytes(kCodeProbe) &&
        TableStamp{header.source_size, header.source_modified_ns, header.source_changed_ns,
                   header.source_inode, header.recipe} == stamp &&
        (header.slot_count & (header.slot_count - 1)) == 0 && slots_fit &&
        header.slot_count * sizeof(std::uint64_t) + header.data_size == body &&
        header.word_count <= header.slot_count;
    if (!whole) return std::nullopt;

    const char* const bytes = static_cast<const char*>(address);
    WordList list;
    list.slots_ = {reinterpret_cast<const std::uint64_t*>(bytes + sizeof header),
                   static_cast<std::size_t>(header.slot_count)};
    list.data_ = {bytes + sizeof header + list.slots_.size_bytes(),
                  static_cast<std::size_t>(header.data_size)};
    list.count_ = static_cast<std::size_t>(header.word_count);
    list.storage_ = std::move(mapping);
    return list;
}

bool WordList::contains(std::string_view word) const {
    if (slots_.empty() || word.empty() || word.find('\n') != std::string_view::npos) return false;
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t h = hash_bytes(word);
    const std::uint64_t tag = h & kTagBits;
    // At most one turn round the table: a table holds at least one empty slot as built, but a
    // damaged table file may not.
    std::size_t slot = h & mask;
    for (std::size_t probes = 0; probes < slots_.size() && slots_[slot] != 0; ++probes) {
        if ((slots_[slot] & kTagBits) == tag && word_in(data_, slots_[slot], word.size()) == word) {
            return true;
        }
        slot = (slot + 1) & mask;
    }
    return false;
}

}  // namespace yrkesok::analyzers::detail
