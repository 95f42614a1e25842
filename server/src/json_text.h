// A JSON value as compact text, byte for byte what nlohmann's dump(-1, ' ', false,
// error_handler_t::replace) writes, in a fraction of its time for the search response. The
// library's serializer decodes every byte of every string through its UTF-8 automaton, which
// was the largest part of an /api/search answer's JSON cost (benchmarks/RESULTS.md, "The
// search response's JSON text"); here a valid UTF-8 string is copied in runs between the few
// bytes JSON escapes, and everything else (numbers, strings that are not valid UTF-8) is
// written by the library itself.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "yrkesok/analyzers/utf8.h"

namespace yrkesok::http {
namespace detail {

// Appends `text` (valid UTF-8) as a JSON string, escaped as nlohmann escapes it.
inline void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 15];
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

// Appends `text` as a JSON string; text that is not valid UTF-8 as the library writes it, with
// U+FFFD in place of each broken sequence.
inline void append_json_text(std::string& out, const std::string& text) {
    if (utf8::is_valid(text)) {
        append_json_string(out, text);
    } else {
        out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
}

template <typename Json>
void append_json(std::string& out, const Json& value) {
    using Type = typename Json::value_t;
    switch (value.type()) {
        case Type::object: {
            out += '{';
            bool first = true;
            for (const auto& [key, member] : value.items()) {
                if (!first) out += ',';
                first = false;
                append_json_text(out, key);
                out += ':';
                append_json(out, member);
            }
            out += '}';
            return;
        }
        case Type::array: {
            out += '[';
            bool first = true;
            for (const auto& element : value) {
                if (!first) out += ',';
                first = false;
                append_json(out, element);
            }
            out += ']';
            return;
        }
        case Type::string:
            append_json_text(out, value.template get_ref<const typename Json::string_t&>());
            return;
        default:
            break;
    }
    out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace detail

template <typename Json>
std::string json_text(const Json& value) {
    std::string out;
    out.reserve(4096);
    detail::append_json(out, value);
    return out;
}

}  // namespace yrkesok::http
