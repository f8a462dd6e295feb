#pragma once

#include <cstdint>
#include <optional>
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

// ---- Personal data at rest (identity numbers of staff and children) ----------------------------------
// Keys are 32 random bytes. One master key, kept in a file outside the database, gives each use its
// own subkey (libsodium's KDF), so that the key that encrypts numbers never hashes them.
inline constexpr std::size_t kKeyBytes = 32;
std::string NewKey();
// The subkey `id` of the master for `context`, which has exactly 8 characters ("idnumenc", "idnumidx").
std::string DeriveKey(std::string_view master, std::uint64_t id, std::string_view context);

// XChaCha20-Poly1305 with a fresh random nonce: the nonce followed by the ciphertext and its tag.
// `associated` (a table and column, say) is authenticated but not stored, so a value moved to
// another column no longer opens.
std::string Seal(std::string_view plain, std::string_view key, std::string_view associated);
// The plain text, or nullopt when the sealed bytes were altered, or sealed under another key or
// associated data.
std::optional<std::string> Unseal(std::string_view sealed, std::string_view key, std::string_view associated);

// Keyed BLAKE2b-256 in hex: the same number gives the same hash under one key, in any institution, and
// nothing about the number without the key. For matching (the lifetime ban, double employment).
std::string KeyedHashHex(std::string_view data, std::string_view key);

}  // namespace tuoyu::crypto
