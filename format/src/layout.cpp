#include "yrkesok/format/layout.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace yrkesok::format {
namespace {

constexpr std::string_view kPrefix = "gen-";
constexpr std::string_view kPartial = ".partial";

bool is_generation_name(const std::string& name) {
    return name.size() == kPrefix.size() + 6 && name.starts_with(kPrefix) &&
           std::all_of(name.begin() + kPrefix.size(), name.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    std::uintmax_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code size_error;
        if (it->is_regular_file(size_error)) {
            const auto size = it->file_size(size_error);
            if (!size_error) total += size;
        }
    }
    return total;
}

void sync_directory(const std::filesystem::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw std::system_error(errno, std::generic_category(), dir.string() + ": open to sync");
    }
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0) throw std::system_error(error, std::generic_category(), dir.string() + ": fsync");
}

void sync_directory_tree(const std::filesystem::path& dir) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_directory() && !entry.is_symlink()) sync_directory(entry.path());
    }
    sync_directory(dir);
}

std::optional<std::string> IndexLayout::current_generation() const {
    std::error_code ec;
    auto target = std::filesystem::read_symlink(dir_ / "current", ec);
    if (ec) return std::nullopt;
    auto name = target.filename().string();
    if (!is_generation_name(name)) return std::nullopt;
    return name;
}

std::vector<std::string> IndexLayout::generations() const {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
        auto name = entry.path().filename().string();
        if (entry.is_directory() && is_generation_name(name)) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string IndexLayout::next_generation() const {
    int highest = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
        auto name = entry.path().filename().string();
        if (name.ends_with(kPartial)) name.resize(name.size() - kPartial.size());
        if (is_generation_name(name)) highest = std::max(highest, std::stoi(name.substr(4)));
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "gen-%06d", highest + 1);
    return buffer;
}

void IndexLayout::publish(const std::filesystem::path& partial,
                          const std::string& generation) const {
    // The files are on disk (Xapian's commit fdatasyncs them); their names are not until the
    // directories holding them are synced.
    sync_directory_tree(partial);
    std::filesystem::rename(partial, generation_path(generation));
    sync_directory(dir_);
}

void IndexLayout::switch_to(const std::string& generation) const {
    auto link = dir_ / ("current.next-" + generation);
    std::filesystem::remove(link);
    std::filesystem::create_directory_symlink(generation, link);
    // rename(2) over the old symlink is atomic; the directory sync makes it durable.
    std::filesystem::rename(link, dir_ / "current");
    sync_directory(dir_);
}

void IndexLayout::clean_up(std::size_t keep) const {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
        auto name = entry.path().filename().string();
        if (name.ends_with(kPartial) || name.starts_with("current.next-")) {
            std::filesystem::remove_all(entry.path(), ec);
        }
    }
    auto all = generations();
    auto current = current_generation();
    if (all.size() <= keep) return;
    for (std::size_t i = 0; i + keep < all.size(); ++i) {
        if (current && all[i] == *current) continue;
        std::filesystem::remove_all(generation_path(all[i]), ec);
    }
}

}  // namespace yrkesok::format
