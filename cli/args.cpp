#include "args.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "config_file.h"

namespace yrkesok::cli {

std::string CommandSpec::help_text() const {
    std::string text = "Usage: " + usage + "\n\n" + description + "\n";
    if (!options.empty()) {
        text += "\nOptions:\n";
        for (const auto& option : options) {
            std::string left = "  --" + option.name;
            if (!option.value_name.empty()) left += " " + option.value_name;
            if (left.size() < 26)
                left.resize(26, ' ');
            else
                left += "\n" + std::string(26, ' ');
            text += left + option.help + (option.repeatable ? " (repeatable)" : "") + "\n";
        }
    }
    text += "  --help                  show this help\n";
    return text;
}

namespace {

// The arguments a usage line names, in order: its upper-case words outside brackets
// ("yrkesok explain [options] QUERY ID" -> QUERY, ID).
std::vector<std::string> positional_names(const std::string& usage) {
    std::vector<std::string> names;
    int depth = 0;
    std::string word;
    auto flush = [&] {
        const bool upper = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || c == '_' || c == '.';
        });
        if (upper && depth == 0 && word.find('.') == std::string::npos) names.push_back(word);
        word.clear();
    };
    for (const char c : usage) {
        if (c == '[') {
            flush();
            ++depth;
        } else if (c == ']') {
            flush();
            --depth;
        } else if (c == ' ' || c == '\n' || c == '|') {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    return names;
}

}  // namespace

const OptionSpec* CommandSpec::option(const std::string& name) const {
    auto it = std::find_if(options.begin(), options.end(),
                           [&](const OptionSpec& o) { return o.name == name; });
    return it == options.end() ? nullptr : &*it;
}

ParsedArgs ParsedArgs::parse(const CommandSpec& spec, const std::vector<std::string>& args) {
    ParsedArgs parsed;
    bool options_done = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        // Single-dash words stay positional: a query may exclude a term ("-kirurgi").
        if (options_done || arg.size() < 2 || !arg.starts_with("--")) {
            parsed.positional_.push_back(arg);
            continue;
        }
        if (arg == "--") {
            options_done = true;
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inline_value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (name == "help") {
            parsed.help_ = true;
            continue;
        }
        const OptionSpec* option = spec.option(name);
        if (option == nullptr) throw UsageError("unknown option --" + name);
        std::string value;
        if (option->value_name.empty()) {
            if (inline_value) throw UsageError("option --" + name + " takes no value");
        } else if (inline_value) {
            value = *inline_value;
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            throw UsageError("option --" + name + " needs a value (" + option->value_name + ")");
        }
        auto& slot = parsed.values_[name];
        if (!slot.empty() && !option->repeatable) {
            throw UsageError("option --" + name + " given more than once");
        }
        slot.push_back(std::move(value));
    }
    if (!parsed.help_) {
        if (parsed.positional_.size() < spec.min_positional) {
            const auto names = positional_names(spec.usage);
            const std::size_t missing = parsed.positional_.size();
            throw UsageError(missing < names.size() ? "missing argument " + names[missing]
                                                    : std::string("missing argument"));
        }
        if (parsed.positional_.size() > spec.max_positional) {
            throw UsageError("unexpected argument \"" + parsed.positional_[spec.max_positional] +
                             "\"");
        }
    }
    return parsed;
}

void ParsedArgs::add_defaults(const CommandSpec& spec, const std::vector<ConfigEntry>& entries) {
    std::set<std::string> given;
    for (const auto& [name, values] : values_) given.insert(name);
    for (const auto& entry : entries) {
        if (given.contains(entry.key)) continue;  // the command line wins
        const OptionSpec* option = spec.option(entry.key);
        if (option == nullptr) continue;
        auto& slot = values_[entry.key];
        if (!slot.empty() && !option->repeatable) {
            throw UsageError(entry.where + ": \"" + entry.key + "\" given more than once");
        }
        if (option->value_name.empty()) {
            if (entry.value != "true" && entry.value != "false") {
                throw UsageError(entry.where + ": \"" + entry.key +
                                 "\" is a flag: its value is true or false, got \"" + entry.value +
                                 "\"");
            }
            if (entry.value == "false") {
                if (slot.empty()) values_.erase(entry.key);
                continue;
            }
        }
        slot.push_back(option->value_name.empty() ? std::string() : entry.value);
        from_file_[entry.key] = entry.where;
    }
}

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::string ParsedArgs::value_or(const std::string& name, const std::string& fallback) const {
    return value(name).value_or(fallback);
}

std::vector<std::string> ParsedArgs::values(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

long long ParsedArgs::integer_or(const std::string& name, long long fallback, long long min,
                                 long long max) const {
    auto text = value(name);
    if (!text) return fallback;
    long long number = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
    if (error != std::errc() || end != text->data() + text->size() || number < min ||
        number > max) {
        const auto file = from_file_.find(name);
        throw UsageError((file == from_file_.end() ? "" : file->second + ": ") + "option --" +
                         name + " must be a whole number from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", got \"" + *text + "\"");
    }
    return number;
}

}  // namespace yrkesok::cli
