// A fresh directory under the system's temporary directory, named yrkesok-NAME-XXXXXX and
// removed with everything in it when the object goes: for the indexes, corpora and outputs a
// test writes.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace yrkesok::testing {

class TempDir {
  public:
    explicit TempDir(const std::string& name) {
        std::string pattern =
            (std::filesystem::temp_directory_path() / ("yrkesok-" + name + "-XXXXXX")).string();
        if (mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("cannot create a temporary directory " + pattern);
        }
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace yrkesok::testing
