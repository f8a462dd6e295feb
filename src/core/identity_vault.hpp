#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tuoyu::crypto {

// Identity numbers at rest (decision 0009): sealed under one subkey of the deployment's master key,
// and hashed under another for matching across institutions (the lifetime ban, double employment).
// The master key is read from a file by the command line; this class only holds it.
class IdentityVault {
  public:
    // `master` is kKeyBytes raw bytes; `version` is stored beside every value it seals or hashes.
    IdentityVault(std::string master, std::int64_t version);

    // The 64 hexadecimal characters of a key file (white space around them allowed) as raw bytes.
    static std::optional<std::string> ParseKeyText(std::string_view text);
    // A new key as a key file holds it: 64 hexadecimal characters and a line end.
    static std::string NewKeyText();

    std::int64_t version() const { return version_; }

    // Hex of the sealed bytes; `place` ("staff.id_number") is bound to them, so a value copied to
    // another column does not open.
    std::string Seal(std::string_view plain, std::string_view place) const;
    std::optional<std::string> Open(std::string_view sealed_hex, std::int64_t version, std::string_view place) const;

    // The keyed hash of a document: its kind and its normalised number.
    std::string Hash(std::string_view kind, std::string_view number) const;

  private:
    std::string seal_key_;
    std::string hash_key_;
    std::int64_t version_;
};

}  // namespace tuoyu::crypto
