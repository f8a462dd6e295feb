#include "core/identity_vault.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace tuoyu::crypto {

namespace {

std::optional<std::string> FromHex(std::string_view hex) {
    std::string bytes(hex.size() / 2, '\0');
    std::size_t length = 0;
    if (hex.size() % 2 != 0 ||
        sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(), hex.size(), nullptr,
                       &length, nullptr) != 0 ||
        length != bytes.size()) {
        return std::nullopt;
    }
    return bytes;
}

}  // namespace

IdentityVault::IdentityVault(std::string master, std::int64_t version) : version_(version) {
    if (master.size() != kKeyBytes || version <= 0) {
        throw std::invalid_argument("an identity key has 32 bytes and a positive version");
    }
    seal_key_ = DeriveKey(master, static_cast<std::uint64_t>(version), "idnumenc");
    hash_key_ = DeriveKey(master, static_cast<std::uint64_t>(version), "idnumidx");
    sodium_memzero(master.data(), master.size());
}

std::optional<std::string> IdentityVault::ParseKeyText(std::string_view text) {
    const std::string_view hex = TrimSpace(text);
    if (hex.size() != kKeyBytes * 2) {
        return std::nullopt;
    }
    return FromHex(hex);
}

std::string IdentityVault::NewKeyText() {
    return ToHex(NewKey()) + "\n";
}

std::string IdentityVault::Seal(std::string_view plain, std::string_view place) const {
    return ToHex(crypto::Seal(plain, seal_key_, place));
}

std::optional<std::string> IdentityVault::Open(std::string_view sealed_hex, std::int64_t version,
                                               std::string_view place) const {
    if (version != version_) {
        return std::nullopt;  // sealed under another master key: resealing comes with key rotation
    }
    const std::optional<std::string> sealed = FromHex(sealed_hex);
    return sealed ? Unseal(*sealed, seal_key_, place) : std::nullopt;
}

std::string IdentityVault::Hash(std::string_view kind, std::string_view number) const {
    std::string data(kind);
    data += '\n';
    data += number;
    return KeyedHashHex(data, hash_key_);
}

}  // namespace tuoyu::crypto
