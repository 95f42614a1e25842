// Whether a test binary runs under the sanitizers (build-asan, where the test command's second
// pass runs the suite), where code runs three to four times slower (most of the difference in
// the allocator) and holds more memory (ASan's quarantine). There a long sweep may check fewer
// records, as long as each record it keeps still makes every kind of request: the sanitizers
// look for memory and undefined-behaviour faults, which the smaller sweep meets on the same code
// paths, and the normal build checks the whole sweep. Deadlines, pauses and memory bounds that
// are not what a test checks may be wider there too.
#pragma once

namespace yrkesok::testing {

#if defined(YRKESOK_SANITIZED)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

}  // namespace yrkesok::testing
