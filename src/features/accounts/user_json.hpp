#pragma once

#include <string>

#include "access/accounts.hpp"
#include "http/json_io.hpp"

namespace tuoyu::features {

enum class PhoneView { kMasked, kFull };

// "13812341234" → "138****1234": lists show the masked form; the full number only in a
// record's own view, which is audited as a read of personal data.
std::string MaskPhone(const std::string& phone);

http::Json UserJson(const access::UserRecord& user, PhoneView phone_view);

// The same object as UserJson, written straight to its text (the same bytes as
// UserJson(…).dump()): the reply of the audited single-record read.
std::string UserJsonText(const access::UserRecord& user, PhoneView phone_view);

// A record's image for the audit digest: every stored field but the password hash.
std::string UserImage(const access::UserRecord& user);

}  // namespace tuoyu::features
