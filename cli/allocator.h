// The process allocator's settings for serving and for short runs (mimalloc when the build
// links it).
#pragma once

namespace yrkesok::cli {

// A server runs one worker thread per open connection. At 64 connections each worker answers a
// request only every few tens of milliseconds, longer than mimalloc's default 25 ms before it
// returns a thread's freed pages to the kernel, so every request faulted its pages back in
// (benchmarks/RESULTS.md, "Many connections"). Keeps freed pages committed for 250 ms
// instead: ten times the interval at 64 connections, while a worker that falls idle still
// gives its pages back soon (a second cost ~+35 MiB of resident memory after a burst in
// tests/http_hostile_test.cpp). Does nothing when the build uses another allocator.
void keep_freed_pages_for_serving();

// A command that loads the analyzer, answers and exits spends most of its run on hunspell's and
// lttoolbox's dictionaries, tens of MB of small allocations: with 4 KiB pages that is thousands
// of page faults, each dear on a virtual machine. Asks for 2 MiB transparent huge pages for the
// allocator's memory from here on. Measured when the word lists were still parsed into the heap
// too: `yrkesok search` 0.83-0.85 s instead of 0.96-1.08 s; with the lists mapped from tables,
// 545-623 ms instead of 590-701 ms, for no more resident memory (benchmarks/RESULTS.md, "What a
// CLI process's start costs" and "The word lists mapped from tables the build writes"). Not for
// `serve` or `index`, whose resident memory is held to targets.
// Does nothing when the build uses another allocator.
void use_huge_pages_for_a_short_run();

}  // namespace yrkesok::cli
