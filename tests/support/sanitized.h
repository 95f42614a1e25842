// Whether a test binary runs under the sanitizers (build-asan, where the test command's second
// pass runs the suite), and a thinner sample of a long sweep for that pass.
#pragma once

#include <cstddef>
#include <vector>

namespace yrkesok::testing {

#if defined(YRKESOK_SANITIZED)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

// Under the sanitizers every `stride`-th element of `all` (the first among them), otherwise all
// of it. For sweeps that compare many answers of the same kinds: the sanitizers look for memory
// and undefined-behaviour faults, which a sample still meets on every code path the sweep walks
// (analysis there runs ~10 times slower, most of it in the allocator), and the normal build
// compares the whole sweep.
template <class T>
std::vector<T> sanitizer_sample(const std::vector<T>& all, std::size_t stride) {
    if (!kSanitized || stride <= 1) return all;
    std::vector<T> sample;
    for (std::size_t i = 0; i < all.size(); i += stride) sample.push_back(all[i]);
    return sample;
}

}  // namespace yrkesok::testing
