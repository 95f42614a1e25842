// Command-line parsing shared by every subcommand: options may stand before or after the
// positional arguments, as `--name value` or `--name=value`; `--` ends the options. Mistakes
// throw UsageError, which main() prints with the subcommand's usage line and exit code 2.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace yrkesok::cli {

class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name;        // without the leading "--"
    std::string value_name;  // empty for a flag
    std::string help;
    bool repeatable = false;
};

struct CommandSpec {
    std::string name;
    std::string summary;      // one line, for `yrkesok --help`
    std::string usage;        // e.g. "yrkesok validate [options] FILE"
    std::string description;  // paragraphs for `yrkesok SUB --help`
    std::vector<OptionSpec> options;
    std::size_t min_positional = 0;
    std::size_t max_positional = 0;

    std::string help_text() const;
    // The option named `name` (without "--"), or null when the command has none.
    const OptionSpec* option(const std::string& name) const;
};

struct ConfigEntry;

class ParsedArgs {
  public:
    static ParsedArgs parse(const CommandSpec& spec, const std::vector<std::string>& args);
    // Options from a config file (config_file.h) for those the command line did not give.
    // Throws UsageError naming the entry's FILE:LINE for a bad flag value or a repeat.
    void add_defaults(const CommandSpec& spec, const std::vector<ConfigEntry>& entries);

    bool flag(const std::string& name) const { return values_.contains(name); }
    std::optional<std::string> value(const std::string& name) const;
    std::string value_or(const std::string& name, const std::string& fallback) const;
    std::vector<std::string> values(const std::string& name) const;
    // An integer option within [min, max]; throws UsageError naming the option otherwise.
    long long integer_or(const std::string& name, long long fallback, long long min,
                         long long max) const;
    const std::vector<std::string>& positional() const { return positional_; }
    bool help() const { return help_; }

  private:
    std::map<std::string, std::vector<std::string>> values_;
    std::map<std::string, std::string> from_file_;  // option -> FILE:LINE it came from
    std::vector<std::string> positional_;
    bool help_ = false;
};

}  // namespace yrkesok::cli
