// `--config FILE`: options of `serve` and `index` read from a file, as a service's
// /etc/yrkesok/yrkesok.conf gives them. One option a line, `KEY = VALUE`, the key an option's
// long name without "--"; `#` starts a comment. Keys before any section apply to every
// command that has that option (so one file serves `serve` and `index`); keys under `[serve]`
// or `[index]` to that command only. A flag takes `true` or `false`; a repeatable option may
// stand on several lines. The command line wins over the file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "args.h"

namespace yrkesok::cli {

struct ConfigEntry {
    std::string key;
    std::string value;
    std::string where;  // FILE:LINE, for messages
};

// The entries of `file` that apply to `command`. `readers` are the commands that take
// --config: a key must be an option of one of them (of `command` itself under its section).
// Throws UsageError naming FILE:LINE for an unreadable file, a malformed line, an unknown
// section or key.
std::vector<ConfigEntry> read_config(const std::filesystem::path& file, const CommandSpec& command,
                                     const std::vector<CommandSpec>& readers);

}  // namespace yrkesok::cli
