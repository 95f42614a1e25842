// The contract every fuzz target in fuzz/ keeps: one plain entry function in a namespace named
// after the target, fed arbitrary bytes. libFuzzer calls it through fuzz_main.cpp (build-asan,
// clang); tests/fuzz_regression_test.cpp replays the seed corpora and every input that ever
// crashed through the same function in the normal gcc build.
//
// An entry function returns 0 and must never crash, hang, leak or trip a sanitizer, whatever
// the bytes. A thrown exception counts as a finding unless it is the kind the real caller
// turns into a user-facing error (each target catches exactly those).
#pragma once

#include <cstddef>
#include <cstdint>

// Declares yrkesok::fuzz::NAME::fuzz_one_input.
#define YRKESOK_DECLARE_FUZZ_TARGET(NAME)                           \
    namespace yrkesok::fuzz::NAME {                                 \
    int fuzz_one_input(const std::uint8_t* data, std::size_t size); \
    }
