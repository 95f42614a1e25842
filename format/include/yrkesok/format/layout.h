// An index directory holds generations: DIR/gen-000007/ is a complete Xapian database, and
// DIR/current is a symlink naming the one in service. A build writes DIR/gen-N.partial/, renames
// it to DIR/gen-N/ when complete, and swaps `current` by renaming a new symlink over it, an
// atomic step: a reader sees the old generation or the new one, never a half-written one.
// Leftover .partial directories (a crash mid-build) are removed by the next build.
// Durability: every directory of the new generation is fsynced before it is renamed into place,
// and the index directory after that rename and again after `current` is switched, so a switch
// that returned survives a power loss (docs/reliability.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace yrkesok::format {

class IndexLayout {
  public:
    explicit IndexLayout(std::filesystem::path dir) : dir_(std::move(dir)) {}

    const std::filesystem::path& dir() const { return dir_; }
    // The generation in service, e.g. "gen-000007", or nullopt when there is none yet.
    std::optional<std::string> current_generation() const;
    std::filesystem::path generation_path(const std::string& generation) const {
        return dir_ / generation;
    }
    // All complete generations, oldest first.
    std::vector<std::string> generations() const;
    // The name the next build will use.
    std::string next_generation() const;
    // Makes the complete `partial` directory the generation `generation`, durably: syncs
    // every directory in it, renames it into place and syncs the index directory.
    void publish(const std::filesystem::path& partial, const std::string& generation) const;
    // Points `current` at `generation` atomically and durably.
    void switch_to(const std::string& generation) const;
    // Removes .partial leftovers and all complete generations but the newest `keep`
    // (never the current one).
    void clean_up(std::size_t keep) const;

  private:
    std::filesystem::path dir_;
};

// The bytes of the regular files under `dir`, at any depth (0 for a directory that cannot be
// read; a file that vanishes meanwhile counts nothing): a generation's or an index's size.
std::uintmax_t directory_bytes(const std::filesystem::path& dir);

// fsync(2) on a directory, so the names in it survive a power loss. Throws std::system_error
// naming the directory.
void sync_directory(const std::filesystem::path& dir);
// The same for every directory below `dir`, then `dir` itself.
void sync_directory_tree(const std::filesystem::path& dir);

}  // namespace yrkesok::format
