// The donor of the test suite's shared precompiled header (see CMakeLists.txt); holds no code.
