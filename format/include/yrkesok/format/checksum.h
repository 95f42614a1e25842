// FNV-1a 64-bit: a fast, stable hash of bytes, the same on every machine and in every build,
// for change detection, shard placement and HTTP entity tags (not for security).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace yrkesok {

class Fnv1a {
  public:
    void update(std::string_view bytes) {
        for (unsigned char c : bytes) {
            hash_ ^= c;
            hash_ *= 0x100000001b3ULL;
        }
    }
    std::uint64_t value() const { return hash_; }
    std::string hex() const {
        char buffer[17];
        std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash_));
        return buffer;
    }

  private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

inline std::uint64_t fnv1a64(std::string_view bytes) {
    Fnv1a h;
    h.update(bytes);
    return h.value();
}

inline std::string fnv1a_hex(std::string_view bytes) {
    Fnv1a h;
    h.update(bytes);
    return h.hex();
}

}  // namespace yrkesok
