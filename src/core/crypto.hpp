#pragma once

#include <string>
#include <string_view>

namespace tuoyu::crypto {

// Must be called once before any other function here (it is cheap to call again).
void Init();

std::string Sha256Hex(std::string_view data);
std::string RandomBytes(std::size_t count);
// SipHash-2-4 with a 128-bit output (libsodium's siphashx24) under a 16-byte secret key: a fast keyed
// hash for in-memory look-ups that an outsider cannot steer into collisions. Not for storage.
std::string KeyedShortHash(std::string_view data, std::string_view key);
std::string ToHex(std::string_view bytes);
std::string Base64Url(std::string_view bytes);

// A fresh random token of 32 bytes in URL-safe base64, for sessions, CSRF and API keys.
std::string NewToken();

// argon2id, with libsodium's self-describing string so that parameters can change later.
std::string HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);

// Constant-time comparison of two strings of any length.
bool SameSecret(std::string_view a, std::string_view b);

}  // namespace tuoyu::crypto
