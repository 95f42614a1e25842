// A subcommand of `yrkesok`: its parsing spec and what it runs. Each subcommand lives in its own
// file and returns the process exit code: 0 success, 1 the work found problems or failed,
// 2 a usage error (thrown as UsageError and reported by main()).
#pragma once

#include <functional>
#include <vector>

#include "args.h"

namespace yrkesok::cli {

struct Command {
    CommandSpec spec;
    std::function<int(const ParsedArgs&)> run;
};

Command validate_command();
Command analyze_command();
Command index_command();
Command search_command();
Command serve_command();
Command eval_command();

// Editor tools.
Command explain_command();
Command coverage_command();
Command stats_command();

}  // namespace yrkesok::cli
