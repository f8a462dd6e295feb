#include "core/crypto.hpp"

#include <sodium.h>

#include <stdexcept>

namespace tuoyu::crypto {

namespace {

// OWASP's argon2id minimum (19 MiB, 2 passes): about 30 ms here, well under a login's budget.
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;

}  // namespace

void Init() {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

std::string Sha256Hex(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return ToHex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string KeyedShortHash(std::string_view data, std::string_view key) {
    if (key.size() != crypto_shorthash_siphashx24_KEYBYTES) {
        throw std::invalid_argument("KeyedShortHash needs a key of 16 bytes");
    }
    std::string hash(crypto_shorthash_siphashx24_BYTES, '\0');
    crypto_shorthash_siphashx24(reinterpret_cast<unsigned char*>(hash.data()),
                                reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                                reinterpret_cast<const unsigned char*>(key.data()));
    return hash;
}

std::string RandomBytes(std::size_t count) {
    std::string bytes(count, '\0');
    randombytes_buf(bytes.data(), count);
    return bytes;
}

std::string ToHex(std::string_view bytes) {
    std::string hex(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    hex.pop_back();
    return hex;
}

std::string Base64Url(std::string_view bytes) {
    const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
    sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      variant);
    text.resize(text.size() - 1);
    return text;
}

std::string NewToken() {
    return Base64Url(RandomBytes(32));
}

std::string HashPassword(std::string_view password) {
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return hash;
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool SameSecret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {

void RequireKey(std::string_view key, const char* what) {
    if (key.size() != kKeyBytes) {
        throw std::invalid_argument(std::string(what) + " needs a key of 32 bytes");
    }
}

const unsigned char* Bytes(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::string NewKey() {
    return RandomBytes(kKeyBytes);
}

std::string DeriveKey(std::string_view master, std::uint64_t id, std::string_view context) {
    static_assert(crypto_kdf_KEYBYTES == kKeyBytes);
    RequireKey(master, "DeriveKey");
    if (context.size() != crypto_kdf_CONTEXTBYTES) {
        throw std::invalid_argument("DeriveKey needs a context of 8 characters");
    }
    const std::string context_text(context);
    std::string subkey(kKeyBytes, '\0');
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(subkey.data()), subkey.size(), id, context_text.c_str(),
                               Bytes(master));
    return subkey;
}

std::string Seal(std::string_view plain, std::string_view key, std::string_view associated) {
    static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == kKeyBytes);
    RequireKey(key, "Seal");
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    std::string sealed(kNonce + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    auto* out = reinterpret_cast<unsigned char*>(sealed.data());
    randombytes_buf(out, kNonce);
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out + kNonce, &length, Bytes(plain), plain.size(), Bytes(associated),
                                               associated.size(), nullptr, out, Bytes(key));
    sealed.resize(kNonce + static_cast<std::size_t>(length));
    return sealed;
}

std::optional<std::string> Unseal(std::string_view sealed, std::string_view key, std::string_view associated) {
    RequireKey(key, "Unseal");
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (sealed.size() < kNonce + kTag) {
        return std::nullopt;
    }
    std::string plain(sealed.size() - kNonce - kTag, '\0');
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &length, nullptr,
                                                   Bytes(sealed) + kNonce, sealed.size() - kNonce, Bytes(associated),
                                                   associated.size(), Bytes(sealed), Bytes(key)) != 0) {
        return std::nullopt;
    }
    plain.resize(static_cast<std::size_t>(length));
    return plain;
}

std::string KeyedHashHex(std::string_view data, std::string_view key) {
    RequireKey(key, "KeyedHashHex");
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, Bytes(data), data.size(), Bytes(key), key.size());
    return ToHex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace tuoyu::crypto
