# All third-party packages come from Debian; see scripts/install-deps.
find_package(PkgConfig REQUIRED)

# Xapian's CMake config sets variables only, so wrap them in a target of our own.
find_package(xapian 1.4 CONFIG REQUIRED)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(nlohmann_json 3 CONFIG REQUIRED)
pkg_check_modules(HUNSPELL REQUIRED IMPORTED_TARGET hunspell)
# lttoolbox (Debian's lttoolbox-dev) reads Apertium's nynorsk <-> bokmål dictionary
# (apertium-nno-nob) for the analyzer's variants; its header includes libxml2's.
pkg_check_modules(LTTOOLBOX REQUIRED IMPORTED_TARGET lttoolbox libxml-2.0)
# cpp-httplib is a compiled library on Debian: its pkg-config cflags (OpenSSL/zlib/brotli
# defines) change the layout of its classes, so they must come from pkg-config.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# CRoaring (Debian's libroaring-dev): compressed bitmaps of postings for exact match counts.
find_package(roaring CONFIG REQUIRED)
# zlib, for the tests that inflate the server's gzip answers (cpp-httplib links it too).
find_package(ZLIB REQUIRED)

# mimalloc (Debian's libmimalloc-dev) replaces glibc's malloc in the programs that serve and
# build indexes: a search allocates many small strings and vectors from many threads, and
# glibc's allocator cost a third of the server's CPU at 64 connections
# (benchmarks/RESULTS.md, "Allocator"). Not under the sanitizers, which bring their own.
option(YRKESOK_MIMALLOC "Link mimalloc as the allocator of the yrkesok programs" ON)
add_library(yrkesok_allocator INTERFACE)
if(YRKESOK_MIMALLOC AND NOT YRKESOK_SANITIZE AND NOT YRKESOK_FUZZ)
  find_package(mimalloc 2 CONFIG REQUIRED)
  target_link_libraries(yrkesok_allocator INTERFACE mimalloc)
  target_compile_definitions(yrkesok_allocator INTERFACE YRKESOK_MIMALLOC=1)
endif()
