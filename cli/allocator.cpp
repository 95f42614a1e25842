#include "allocator.h"

#if YRKESOK_MIMALLOC
#include <mimalloc.h>
#endif

namespace yrkesok::cli {

void keep_freed_pages_for_serving() {
#if YRKESOK_MIMALLOC
    constexpr long kDecommitDelayMs = 250;
    mi_option_set(mi_option_decommit_delay, kDecommitDelayMs);
#endif
}

void use_huge_pages_for_a_short_run() {
#if YRKESOK_MIMALLOC
    mi_option_enable(mi_option_large_os_pages);
#endif
}

}  // namespace yrkesok::cli
