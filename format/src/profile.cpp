#include "yrkesok/format/profile.h"

#include <stdexcept>

#include "yrkesok/format/index_open_error.h"

namespace yrkesok::format {

const Profile& profile_named(std::string_view name) {
    for (const Profile& p : kProfiles) {
        if (p.name == name) return p;
    }
    throw std::invalid_argument("unknown profile \"" + std::string(name) +
                                "\" (known: " + profile_names() + ")");
}

std::string profile_names() {
    std::string out;
    for (const Profile& p : kProfiles) out += (out.empty() ? "" : ", ") + std::string(p.name);
    return out;
}

const Profile& profile_of(const Xapian::Database& db, const std::string& where) {
    const std::string name = db.get_metadata(std::string(kMetaProfile));
    if (name.empty()) return kOccupationsProfile;
    try {
        return profile_named(name);
    } catch (const std::invalid_argument& e) {
        throw IndexOpenError(where + ": index built with " + e.what());
    }
}

}  // namespace yrkesok::format
