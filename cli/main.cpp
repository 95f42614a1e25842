// yrkesok: the one command-line entry point; every tool is a subcommand.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "command.h"
#include "config_file.h"
#include "yrkesok/format/schema.h"

namespace {

using yrkesok::cli::Command;

std::vector<Command> all_commands() {
    return {yrkesok::cli::validate_command(), yrkesok::cli::analyze_command(),
            yrkesok::cli::index_command(), yrkesok::cli::search_command(),
            yrkesok::cli::serve_command(),
            // Editor tools.
            yrkesok::cli::explain_command(), yrkesok::cli::coverage_command(),
            yrkesok::cli::stats_command(),
            // Relevance evaluation.
            yrkesok::cli::eval_command()};
}

// The commands that take --config, whose options a config file may hold.
std::vector<yrkesok::cli::CommandSpec> config_readers(const std::vector<Command>& commands) {
    std::vector<yrkesok::cli::CommandSpec> out;
    for (const auto& command : commands) {
        if (command.spec.option("config") != nullptr) out.push_back(command.spec);
    }
    return out;
}

void print_overview(std::ostream& out, const std::vector<Command>& commands) {
    out << "Yrkesøk: full-text search for Norwegian occupation descriptions.\n\n"
           "Usage: yrkesok COMMAND [options] [arguments]\n\nCommands:\n";
    for (const auto& command : commands) {
        std::string name = "  " + command.spec.name;
        name.resize(14, ' ');
        out << name << command.spec.summary << "\n";
    }
    out << "\nRun `yrkesok COMMAND --help` for a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const auto commands = all_commands();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_overview(std::cerr, commands);
        return 2;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        print_overview(std::cout, commands);
        return 0;
    }
    if (args[0] == "--version") {
        // The two versions decide which indexes this build reads (format/schema.h).
        std::cout << "yrkesok " << YRKESOK_VERSION << " (index schema "
                  << yrkesok::format::kSchemaVersion << ", analyzer "
                  << yrkesok::format::kAnalyzerVersion << ")\n";
        return 0;
    }
    for (const auto& command : commands) {
        if (command.spec.name != args[0]) continue;
        args.erase(args.begin());
        try {
            auto parsed = yrkesok::cli::ParsedArgs::parse(command.spec, args);
            if (auto file = parsed.value("config"); file && !parsed.help()) {
                parsed.add_defaults(
                    command.spec,
                    yrkesok::cli::read_config(*file, command.spec, config_readers(commands)));
            }
            if (parsed.help()) {
                std::cout << command.spec.help_text();
                return 0;
            }
            return command.run(parsed);
        } catch (const yrkesok::cli::UsageError& e) {
            std::cerr << "yrkesok " << command.spec.name << ": " << e.what() << "\n"
                      << "Usage: " << command.spec.usage << "\n"
                      << "Run `yrkesok " << command.spec.name << " --help` for more.\n";
            return 2;
        } catch (const std::exception& e) {
            std::cerr << "yrkesok " << command.spec.name << ": error: " << e.what() << "\n";
            return 1;
        }
    }
    std::cerr << "yrkesok: unknown command \"" << args[0] << "\"\n";
    print_overview(std::cerr, commands);
    return 2;
}
