// Whether a test binary runs under the sanitizers (build-asan, where the test command's second
// pass runs the suite). A long sweep may check fewer records there, as long as each record it
// keeps still makes every kind of request: the sanitizers look for memory and
// undefined-behaviour faults, which the smaller sweep meets on the same code paths (analysis runs
// three to four times slower there, most of the difference in the allocator), and the normal
// build checks the whole sweep.
#pragma once

namespace yrkesok::testing {

#if defined(YRKESOK_SANITIZED)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

}  // namespace yrkesok::testing
