#include "yrkesok/indexer/corpus.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <unordered_map>

#include "builtin_data.h"
#include "text_files.h"
#include "yrkesok/analyzers/utf8.h"

namespace yrkesok::index {
namespace {

using nlohmann::json;

// Edit distance between two case-folded texts (ICU full case folding, UTF-16 units).
std::size_t folded_distance(const std::string& a, const std::string& b) {
    icu::UnicodeString x = icu::UnicodeString::fromUTF8(a).foldCase();
    icu::UnicodeString y = icu::UnicodeString::fromUTF8(b).foldCase();
    std::vector<std::size_t> row(static_cast<std::size_t>(y.length()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j) row[j] = j;
    for (int i = 1; i <= x.length(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = static_cast<std::size_t>(i);
        for (int j = 1; j <= y.length(); ++j) {
            const std::size_t above = row[static_cast<std::size_t>(j)];
            row[static_cast<std::size_t>(j)] =
                std::min({above + 1, row[static_cast<std::size_t>(j - 1)] + 1,
                          diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row.back();
}

// `; did you mean "X"?` for the candidate nearest to `value` when it is a near miss (another
// case, or a few letters off, from the whole value or from its first word: "Transportt" for
// "Transport og lager"), else "".
template <typename Candidates>
std::string did_you_mean(const std::string& value, const Candidates& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, value.size() / 4) + 1;
    for (const std::string& candidate : candidates) {
        std::size_t distance = folded_distance(value, candidate);
        if (const auto space = candidate.find(' '); space != std::string::npos) {
            distance = std::min(distance, folded_distance(value, candidate.substr(0, space)));
        }
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best.empty() ? std::string() : "; did you mean \"" + best + "\"?";
}

const std::set<std::string>& known_fields() {
    static const std::set<std::string> fields = {
        "id",      "title", "styrk08",  "sectors", "education_levels",
        "summary", "body",  "language", "updated"};
    return fields;
}

enum class ListPresence {
    required,      // present with at least one value
    may_be_empty,  // present, possibly empty
    wanted,        // missing or empty is a warning: the record is still read
};

class RecordChecker {
  public:
    RecordChecker(const std::string& file, std::size_t line, std::vector<ValidationIssue>& issues)
        : file_(file), line_(line), issues_(issues) {}

    void fail(const std::string& field, const std::string& message) {
        issues_.push_back({file_, line_, field, message, Severity::error});
        ok_ = false;
    }
    void warn(const std::string& field, const std::string& message) {
        issues_.push_back({file_, line_, field, message, Severity::warning});
    }
    bool ok() const { return ok_; }

    // A required, non-empty string no longer than `max_bytes`.
    std::string string_field(const json& record, const std::string& field, std::size_t max_bytes) {
        auto it = record.find(field);
        if (it == record.end()) {
            fail(field, "missing");
            return {};
        }
        if (!it->is_string()) {
            fail(field, std::string("expected a string, got ") + it->type_name());
            return {};
        }
        std::string value = it->get<std::string>();
        if (std::all_of(value.begin(), value.end(),
                        [](unsigned char c) { return std::isspace(c); })) {
            fail(field, "empty");
            return {};
        }
        if (value.size() > max_bytes) {
            fail(field, "too long: " + std::to_string(value.size()) + " bytes, at most " +
                            std::to_string(max_bytes));
        }
        return value;
    }

    // A list of distinct non-empty strings. `presence` says whether the field may be
    // missing and whether the list may be empty.
    std::vector<std::string> list_field(const json& record, const std::string& field,
                                        ListPresence presence, std::size_t max_items) {
        std::vector<std::string> values;
        auto it = record.find(field);
        if (it == record.end()) {
            if (presence == ListPresence::wanted) {
                warn(field, "missing: the record matches no " + field +
                                " filter (--strict makes this an error)");
            } else {
                fail(field, "missing");
            }
            return values;
        }
        if (!it->is_array()) {
            fail(field, std::string("expected a list of strings, got ") + it->type_name());
            return values;
        }
        if (it->empty() && presence == ListPresence::wanted) {
            warn(field, "empty list: the record matches no " + field +
                            " filter (--strict makes this an error)");
            return values;
        }
        if (it->empty() && presence == ListPresence::required) {
            fail(field, "empty list: at least one value is required");
            return values;
        }
        if (it->size() > max_items) {
            fail(field, "too many values: " + std::to_string(it->size()) + ", at most " +
                            std::to_string(max_items));
            return values;
        }
        for (const auto& item : *it) {
            if (!item.is_string()) {
                fail(field, std::string("expected a list of strings, found ") + item.type_name());
                return {};
            }
            std::string value = item.get<std::string>();
            if (value.empty()) {
                fail(field, "empty value in list");
                continue;
            }
            if (std::find(values.begin(), values.end(), value) != values.end()) {
                fail(field, "duplicate value \"" + value + "\"");
                continue;
            }
            values.push_back(std::move(value));
        }
        return values;
    }

  private:
    const std::string& file_;
    std::size_t line_;
    std::vector<ValidationIssue>& issues_;
    bool ok_ = true;
};

bool is_slug(const std::string& id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool is_valid_date(const std::string& date) {
    static const std::regex shape(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch m;
    if (!std::regex_match(date, m, shape)) return false;
    int year = std::stoi(m[1]);
    int month = std::stoi(m[2]);
    int day = std::stoi(m[3]);
    if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int limit = days[month - 1] - (month == 2 && !leap ? 1 : 0);
    return day <= limit;
}

bool is_styrk_code_shape(const std::string& code) {
    return (code.size() == 4 || code.size() == 7) &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string ValidationIssue::to_string() const {
    return file + ":" + std::to_string(line) + ": " + field + ": " +
           (severity == Severity::warning ? "warning: " : "") + message;
}

std::optional<Occupation> parse_record(const std::string& line, std::size_t line_number,
                                       const std::string& file_name,
                                       const Vocabularies& vocabularies, const CorpusLimits& limits,
                                       std::vector<ValidationIssue>& issues) {
    RecordChecker check(file_name, line_number, issues);
    if (line.size() > limits.max_line_bytes) {
        check.fail("record", "line too long: " + std::to_string(line.size()) + " bytes, at most " +
                                 std::to_string(limits.max_line_bytes));
        return std::nullopt;
    }
    if (auto bad = utf8::find_invalid(line)) {
        check.fail("record", "invalid UTF-8 at byte " + std::to_string(*bad + 1));
        return std::nullopt;
    }
    json record;
    try {
        record = json::parse(line);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        // Drop nlohmann's "[json.exception.parse_error.101] " tag; keep the explanation.
        if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
        check.fail("record", "invalid JSON: " + what);
        return std::nullopt;
    }
    if (!record.is_object()) {
        check.fail("record", std::string("expected a JSON object, got ") + record.type_name());
        return std::nullopt;
    }
    for (const auto& [key, value] : record.items()) {
        if (!known_fields().contains(key)) {
            check.fail(key, "unknown field" + did_you_mean(key, known_fields()));
        }
    }

    Occupation occupation;
    occupation.line = line_number;
    occupation.id = check.string_field(record, "id", limits.max_id_bytes);
    if (!occupation.id.empty() && !is_slug(occupation.id)) {
        check.fail("id", "\"" + occupation.id +
                             "\" is not a slug: use lowercase a-z, digits and inner hyphens");
    }
    occupation.title = check.string_field(record, "title", limits.max_title_bytes);
    occupation.summary = check.string_field(record, "summary", limits.max_summary_bytes);
    occupation.body = check.string_field(record, "body", limits.max_body_bytes);

    occupation.language = check.string_field(record, "language", 8);
    if (!occupation.language.empty() && occupation.language != "nb" &&
        occupation.language != "nn") {
        check.fail("language", "\"" + occupation.language + "\" is not one of nb, nn");
    }
    occupation.updated = check.string_field(record, "updated", 10);
    if (!occupation.updated.empty() && !is_valid_date(occupation.updated)) {
        check.fail("updated", "\"" + occupation.updated + "\" is not a date (YYYY-MM-DD)");
    }

    occupation.styrk08 =
        check.list_field(record, "styrk08", ListPresence::may_be_empty, limits.max_list_items);
    const ListPresence facet_presence =
        limits.facets_required ? ListPresence::required : ListPresence::wanted;
    for (const auto& code : occupation.styrk08) {
        if (!is_styrk_code_shape(code)) {
            check.fail("styrk08", "\"" + code + "\" is not a 4- or 7-digit STYRK-08 code");
        } else if (!vocabularies.styrk_sectors.empty() &&
                   !vocabularies.styrk_sectors.contains(code.substr(0, 4))) {
            check.fail("styrk08", "unknown STYRK-08 code \"" + code + "\"");
        }
    }
    occupation.sectors = check.list_field(record, "sectors", facet_presence, limits.max_list_items);
    for (const auto& sector : occupation.sectors) {
        if (!vocabularies.has_sector(sector)) {
            check.fail("sectors", "unknown sector \"" + sector + "\"" +
                                      did_you_mean(sector, vocabularies.sectors));
        }
    }
    occupation.education_levels =
        check.list_field(record, "education_levels", facet_presence, limits.max_list_items);
    for (const auto& level : occupation.education_levels) {
        if (!vocabularies.has_education_level(level)) {
            std::vector<std::string> labels;
            for (const auto& known : vocabularies.education_levels) labels.push_back(known.label);
            check.fail("education_levels",
                       "unknown education level \"" + level + "\"" + did_you_mean(level, labels));
        }
    }
    // The first code decides which sector the record belongs to in NAV's mapping.
    if (!occupation.styrk08.empty() && !occupation.sectors.empty() &&
        !vocabularies.styrk_sectors.empty()) {
        auto it = vocabularies.styrk_sectors.find(occupation.styrk08.front().substr(0, 4));
        if (it != vocabularies.styrk_sectors.end() &&
            std::find(occupation.sectors.begin(), occupation.sectors.end(), it->second) ==
                occupation.sectors.end()) {
            check.fail("sectors", "STYRK-08 code " + occupation.styrk08.front() +
                                      " belongs to sector \"" + it->second +
                                      "\", which is not listed");
        }
    }
    if (!check.ok()) return std::nullopt;
    return occupation;
}

CorpusReadResult scan_corpus(const std::filesystem::path& file, const Vocabularies& vocabularies,
                             const CorpusLimits& limits,
                             const std::function<void(Occupation&&)>& on_record) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(file.string() + ": cannot open corpus file");
    CorpusReadResult result;
    const std::string name = file.string();
    std::unordered_map<std::string, std::size_t> first_line_of_id;
    std::string line;
    std::size_t line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        std::vector<ValidationIssue> line_issues;
        auto record = parse_record(line, line_number, name, vocabularies, limits, line_issues);
        for (auto& issue : line_issues) {
            (issue.severity == Severity::warning ? result.warnings : result.issues)
                .push_back(std::move(issue));
        }
        if (!record) continue;
        auto [it, inserted] = first_line_of_id.emplace(record->id, line_number);
        if (!inserted) {
            result.issues.push_back({name, line_number, "id",
                                     "duplicate id \"" + record->id + "\" (first on line " +
                                         std::to_string(it->second) + ")"});
            continue;
        }
        on_record(std::move(*record));
    }
    result.lines_read = line_number;
    return result;
}

CorpusReadResult read_corpus(const std::filesystem::path& file, const Vocabularies& vocabularies,
                             const CorpusLimits& limits) {
    std::vector<Occupation> records;
    auto result = scan_corpus(file, vocabularies, limits,
                              [&](Occupation&& record) { records.push_back(std::move(record)); });
    result.records = std::move(records);
    return result;
}

namespace {

Vocabularies vocabularies_from_tables(const std::vector<TableRow>& sector_rows,
                                      const std::string& sectors_name,
                                      const std::vector<TableRow>& level_rows,
                                      const std::string& levels_name) {
    Vocabularies v;
    for (const auto& row : sector_rows) v.sectors.push_back(row.fields.front());
    for (const auto& row : level_rows) {
        if (row.fields.size() != 3) {
            throw VocabularyError(row.where() + ": expected label<TAB>nus2000_level<TAB>name");
        }
        EducationLevel level{row.fields[0], 0, row.fields[2]};
        try {
            level.nus2000_level = std::stoi(row.fields[1]);
        } catch (const std::exception&) {
            throw VocabularyError(row.where() + ": NUS2000 level \"" + row.fields[1] +
                                  "\" is not a number");
        }
        v.education_levels.push_back(std::move(level));
    }
    if (v.sectors.empty()) throw VocabularyError(sectors_name + ": no sectors");
    if (v.education_levels.empty()) throw VocabularyError(levels_name + ": no education levels");
    return v;
}

}  // namespace

Vocabularies Vocabularies::load(const std::filesystem::path& dir) {
    const auto sectors = dir / "sectors.txt";
    const auto levels = dir / "education_levels.tsv";
    return vocabularies_from_tables(read_table(sectors, '\t'), sectors.string(),
                                    read_table(levels, '\t'), levels.string());
}

Vocabularies Vocabularies::builtin() {
    const std::string sectors = "<built-in>/sectors.txt";
    const std::string levels = "<built-in>/education_levels.tsv";
    return vocabularies_from_tables(read_table_text(builtin::sectors_txt(), sectors, '\t'), sectors,
                                    read_table_text(builtin::education_levels_tsv(), levels, '\t'),
                                    levels);
}

bool Vocabularies::present_in(const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::is_regular_file(dir / "sectors.txt", ec) &&
           std::filesystem::is_regular_file(dir / "education_levels.tsv", ec);
}

void Vocabularies::load_styrk_mapping(const std::filesystem::path& csv) {
    bool header = true;
    for (const auto& row : read_table(csv, ';')) {
        if (header) {
            header = false;
            continue;
        }
        if (row.fields.size() < 3) throw VocabularyError(row.where() + ": expected 4 columns");
        styrk_sectors[row.fields[0]] = row.fields[2];
    }
}

bool Vocabularies::has_sector(const std::string& value) const {
    return std::find(sectors.begin(), sectors.end(), value) != sectors.end();
}

bool Vocabularies::has_education_level(const std::string& value) const {
    return std::any_of(education_levels.begin(), education_levels.end(),
                       [&](const EducationLevel& level) { return level.label == value; });
}

}  // namespace yrkesok::index
