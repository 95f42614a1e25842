// The Meilisearch filter parser: a recursive descent over the bytes of the filter, with every
// error placed at a character range of the text. See yrkesok/meili/filter_parser.h for the grammar.
#include <algorithm>
#include <utility>

#include "yrkesok/analyzers/utf8.h"
#include "yrkesok/meili/filter_parser.h"

namespace yrkesok::meili {

namespace {

// Display text of a user-supplied piece, shortened: it goes into an error message.
std::string shown(std::string_view text, std::size_t max_chars = 40) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80 && chars++ == max_chars) {
            out += "…";
            break;
        }
        out += text[i];
    }
    return out;
}

constexpr std::string_view kKeywords[] = {"AND", "OR",     "NOT",      "IN",    "TO",
                                          "IS",  "EXISTS", "CONTAINS", "STARTS"};

bool is_keyword(std::string_view word) {
    return std::find(std::begin(kKeywords), std::end(kKeywords), word) != std::end(kKeywords);
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool ends_word(char c) {
    return is_space(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == '=' ||
           c == '!' || c == '<' || c == '>' || c == '\'' || c == '"';
}

// An attribute or a value as written: its text (unescaped) and where it stands.
struct Atom {
    std::string text;
    std::size_t begin = 0;  // byte offsets in the filter
    std::size_t end = 0;
    bool quoted = false;
};

class Parser {
  public:
    Parser(std::string_view text, const FilterOptions& options) : text_(text), options_(options) {}

    Expr parse() {
        Expr e = parse_or();
        skip_space();
        if (at_ < text_.size()) {
            if (text_[at_] == ')') fail("Found an unexpected `)`.", at_, at_ + 1);
            fail("Found unexpected characters at the end of the filter: `" +
                     shown(text_.substr(at_)) +
                     "`. You probably forgot an `OR` or an `AND` rule, or to quote a value "
                     "with spaces.",
                 at_, text_.size());
        }
        return e;
    }

  private:
    [[noreturn]] void fail(const std::string& description, std::size_t begin,
                           std::size_t end) const {
        throw FilterError(description, column(begin), column(end), text_);
    }

    std::size_t column(std::size_t byte) const {
        std::size_t chars = 1;
        for (std::size_t i = 0; i < byte && i < text_.size(); ++i) {
            if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++chars;
        }
        return chars;
    }

    void skip_space() {
        while (at_ < text_.size() && is_space(text_[at_])) ++at_;
    }

    // The unquoted word at the cursor (not consumed); empty when none starts here.
    std::string_view peek_word() const {
        std::size_t end = at_;
        while (end < text_.size() && !ends_word(text_[end])) ++end;
        return text_.substr(at_, end - at_);
    }

    bool take_keyword(std::string_view keyword) {
        skip_space();
        if (peek_word() != keyword) return false;
        at_ += keyword.size();
        return true;
    }

    // What stands at the cursor, for "but found …" in messages.
    std::string found_here() const {
        if (at_ >= text_.size()) return "nothing";
        auto word = peek_word();
        if (word.empty()) word = text_.substr(at_, text_[at_] & 0x80 ? 2 : 1);
        std::string out = "`";
        out += shown(word);
        out += '`';
        return out;
    }

    void enter(std::size_t begin) {
        if (++depth_ > options_.max_depth) {
            fail("The filter nests deeper than " + std::to_string(options_.max_depth) +
                     " levels of parentheses and `NOT`.",
                 begin, begin + 1);
        }
    }

    Expr parse_or() {
        std::vector<Expr> parts;
        parts.push_back(parse_and());
        while (take_keyword("OR")) parts.push_back(parse_and());
        return Expr::any(std::move(parts));
    }

    Expr parse_and() {
        std::vector<Expr> parts;
        parts.push_back(parse_not());
        while (take_keyword("AND")) parts.push_back(parse_not());
        return Expr::all(std::move(parts));
    }

    Expr parse_not() {
        skip_space();
        const std::size_t begin = at_;
        if (peek_word() == "NOT") {
            at_ += 3;
            enter(begin);
            Expr inner = parse_not();
            --depth_;
            return Expr::negate(std::move(inner));
        }
        if (at_ < text_.size() && text_[at_] == '(') {
            ++at_;
            enter(begin);
            Expr inner = parse_or();
            skip_space();
            if (at_ >= text_.size() || text_[at_] != ')') {
                if (at_ < text_.size()) {
                    fail("Was expecting `AND`, `OR` or the `)` that closes the `(` at column " +
                             std::to_string(column(begin)) + ", but found " + found_here() + ".",
                         at_, at_ + peek_length());
                }
                fail("The `(` at column " + std::to_string(column(begin)) +
                         " is never closed: the filter ends before its `)`.",
                     begin, begin + 1);
            }
            ++at_;
            --depth_;
            return inner;
        }
        return parse_condition();
    }

    std::size_t peek_length() const {
        auto word = peek_word();
        return word.empty() ? 1 : word.size();
    }

    [[noreturn]] void expected_condition() const {
        fail("Was expecting a condition such as `sectors = IT`, a `NOT` or a `(`, but found " +
                 found_here() + ".",
             at_, at_ + (at_ < text_.size() ? peek_length() : 0));
    }

    // A quoted string or an unquoted word at the cursor; nullopt when neither starts here.
    std::optional<Atom> read_atom() {
        skip_space();
        if (at_ >= text_.size()) return std::nullopt;
        Atom atom;
        atom.begin = at_;
        const char c = text_[at_];
        if (c == '"' || c == '\'') {
            atom.quoted = true;
            std::size_t i = at_ + 1;
            while (i < text_.size() && text_[i] != c) {
                if (text_[i] == '\\' && i + 1 < text_.size()) ++i;
                atom.text += text_[i];
                ++i;
            }
            if (i >= text_.size()) {
                fail(std::string("The quoted string starting with `") + c + "` is never closed.",
                     at_, text_.size());
            }
            at_ = i + 1;
            atom.end = at_;
            return atom;
        }
        auto word = peek_word();
        if (word.empty()) return std::nullopt;
        atom.text = std::string(word);
        at_ += word.size();
        atom.end = at_;
        return atom;
    }

    void check_attribute(const Atom& attribute) const {
        const auto& allowed = options_.filterable;
        if (allowed.empty() ||
            std::find(allowed.begin(), allowed.end(), attribute.text) != allowed.end()) {
            return;
        }
        std::string list;
        for (const auto& name : allowed) list += (list.empty() ? "`" : ", `") + name + "`";
        fail("Attribute `" + shown(attribute.text) +
                 "` is not filterable. Filterable attributes are: " + list + ".",
             attribute.begin, attribute.end);
    }

    [[noreturn]] void unsupported(std::string_view op, std::size_t begin, std::size_t end) const {
        fail("The operator `" + std::string(op) +
                 "` is not supported here: filters take `=`, `!=`, `IN` and `NOT IN` over "
                 "text attributes, joined by `AND`, `OR`, `NOT` and parentheses.",
             begin, end);
    }

    Atom read_value(std::string_view after) {
        skip_space();
        auto value = read_atom();
        if (!value) {
            fail("Was expecting a value after `" + std::string(after) + "`, but found " +
                     found_here() + ".",
                 at_, at_ + (at_ < text_.size() ? 1 : 0));
        }
        if (!value->quoted && is_keyword(value->text)) {
            fail("`" + value->text +
                     "` is a keyword and cannot be a value as it stands; quote it: \"" +
                     value->text + "\".",
                 value->begin, value->end);
        }
        return *value;
    }

    std::vector<std::string> read_list() {
        skip_space();
        if (at_ >= text_.size() || text_[at_] != '[') {
            fail("Was expecting a list `[value, …]` after `IN`, but found " + found_here() + ".",
                 at_, at_ + (at_ < text_.size() ? 1 : 0));
        }
        const std::size_t open = at_++;
        std::vector<std::string> values;
        while (true) {
            skip_space();
            if (at_ >= text_.size()) {
                fail("The list `[` at column " + std::to_string(column(open)) +
                         " is never closed with `]`.",
                     open, open + 1);
            }
            if (text_[at_] == ']') break;
            Atom value = read_value(values.empty() ? "[" : ",");
            values.push_back(std::move(value.text));
            if (values.size() > options_.max_values) {
                fail("The list holds more than " + std::to_string(options_.max_values) + " values.",
                     value.begin, value.end);
            }
            skip_space();
            if (at_ < text_.size() && text_[at_] == ',') {
                ++at_;
                continue;
            }
            if (at_ < text_.size() && text_[at_] == ']') break;
            if (at_ >= text_.size()) {
                fail("The list `[` at column " + std::to_string(column(open)) +
                         " is never closed with `]`.",
                     open, open + 1);
            }
            fail("Was expecting `,` or `]` in the list, but found " + found_here() +
                     ". Quote values that hold spaces.",
                 at_, at_ + peek_length());
        }
        ++at_;  // ']'
        return values;
    }

    Expr parse_condition() {
        skip_space();
        if (at_ >= text_.size() || text_[at_] == ')' || text_[at_] == '[' || text_[at_] == ']' ||
            text_[at_] == ',' || text_[at_] == '=' || text_[at_] == '!' || text_[at_] == '<' ||
            text_[at_] == '>') {
            expected_condition();
        }
        auto attribute = read_atom();
        if (!attribute) expected_condition();
        if (!attribute->quoted && is_keyword(attribute->text)) {
            at_ = attribute->begin;
            expected_condition();
        }
        if (!attribute->quoted && attribute->text.starts_with("_geo") && at_ < text_.size() &&
            text_[at_] == '(') {
            fail("`" + shown(attribute->text) +
                     "` is not supported: this index has no geographic field.",
                 attribute->begin, attribute->end);
        }
        check_attribute(*attribute);
        skip_space();
        const std::size_t op = at_;
        if (at_ < text_.size()) {
            const char c = text_[at_];
            if (c == '=') {
                ++at_;
                Atom value = read_value("=");
                return Expr::condition(attribute->text, {value.text});
            }
            if (c == '!' && at_ + 1 < text_.size() && text_[at_ + 1] == '=') {
                at_ += 2;
                Atom value = read_value("!=");
                return Expr::negate(Expr::condition(attribute->text, {value.text}));
            }
            if (c == '<' || c == '>') {
                const std::size_t length = at_ + 1 < text_.size() && text_[at_ + 1] == '=' ? 2 : 1;
                unsupported(text_.substr(at_, length), at_, at_ + length);
            }
            auto word = peek_word();
            if (word == "IN") {
                at_ += 2;
                return Expr::condition(attribute->text, read_list());
            }
            if (word == "NOT") {
                at_ += 3;
                skip_space();
                auto next = peek_word();
                if (next == "IN") {
                    at_ += 2;
                    return Expr::negate(Expr::condition(attribute->text, read_list()));
                }
                if (next == "EXISTS" || next == "CONTAINS" || next == "STARTS") {
                    unsupported("NOT " + std::string(next), op, at_ + next.size());
                }
                fail("Was expecting `IN` after `NOT`, but found " + found_here() + ".", at_,
                     at_ + (at_ < text_.size() ? peek_length() : 0));
            }
            if (word == "TO" || word == "EXISTS" || word == "IS" || word == "CONTAINS" ||
                word == "STARTS") {
                unsupported(word, op, op + word.size());
            }
            if (!word.empty()) {
                // `styrk08 2000 TO 3000` is a range; anything else a missing operator.
                const std::size_t saved = at_;
                at_ += word.size();
                skip_space();
                if (peek_word() == "TO") unsupported("TO", at_, at_ + 2);
                at_ = saved;
            }
        }
        fail("Was expecting an operation `=`, `!=`, `IN` or `NOT IN` after the attribute `" +
                 shown(attribute->text) + "`, but found " + found_here() + ".",
             at_ < text_.size() ? op : attribute->begin,
             at_ < text_.size() ? op + peek_length() : attribute->end);
    }

    std::string_view text_;
    const FilterOptions& options_;
    std::size_t at_ = 0;
    std::size_t depth_ = 0;
};

}  // namespace

FilterError::FilterError(std::string description, std::size_t start, std::size_t end,
                         std::string_view filter)
    : std::runtime_error(description + "\n" + std::to_string(start) + ":" + std::to_string(end) +
                         " " + shown(filter, 200)),
      description_(std::move(description)),
      start_(start),
      end_(end) {}

std::optional<Expr> parse_filter(std::string_view text, const FilterOptions& options) {
    if (text.size() > options.max_bytes) {
        throw FilterError("The filter is " + std::to_string(text.size()) + " bytes; at most " +
                              std::to_string(options.max_bytes) + " are allowed.",
                          1, 1, text.substr(0, 200));
    }
    if (!utf8::is_valid(text)) throw FilterError("The filter is not valid UTF-8.", 1, 1, "");
    if (std::all_of(text.begin(), text.end(), is_space)) return std::nullopt;
    return Parser(text, options).parse();
}

}  // namespace yrkesok::meili
