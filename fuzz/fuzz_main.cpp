// libFuzzer's entry point for one target; YRKESOK_FUZZ_TARGET names it (set by CMake).
#include "fuzz_target.h"

YRKESOK_DECLARE_FUZZ_TARGET(YRKESOK_FUZZ_TARGET)

// One empty input before fuzzing starts builds a target's fixtures (an analyzer, an index)
// outside libFuzzer's per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const std::uint8_t none[1] = {0};
    return yrkesok::fuzz::YRKESOK_FUZZ_TARGET::fuzz_one_input(none, 0);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return yrkesok::fuzz::YRKESOK_FUZZ_TARGET::fuzz_one_input(data, size);
}
