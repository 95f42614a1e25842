// The error of an index that cannot be opened or read: none there, unreadable, or built by
// another schema or analyzer version (format/open.h). Its message names the directory and, for
// a version, both versions and the command that rebuilds the index.
#pragma once

#include <stdexcept>

namespace yrkesok::format {

class IndexOpenError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace yrkesok::format
