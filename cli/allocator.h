// The process allocator's settings for serving (mimalloc when the build links it).
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

}  // namespace yrkesok::cli
