#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tuoyu::io {

// Limits that keep a hostile archive (a "zip bomb", a forged size) from exhausting memory.
struct ZipLimits {
    std::size_t max_entries = 10'000;
    std::size_t max_entry_size = 256u * 1024 * 1024;  // uncompressed bytes of one entry
    std::size_t max_total_size = 512u * 1024 * 1024;  // uncompressed bytes read from one archive
};

// Reads entries of a ZIP archive held in memory, through its central directory. Entries may be
// stored or deflated; ZIP64, encryption and other methods throw TabularError "unreadable_file".
class ZipReader {
  public:
    explicit ZipReader(std::string_view archive, ZipLimits limits = {});

    bool Has(const std::string& name) const;
    // The entry's uncompressed bytes (checked against its CRC-32), or TabularError.
    std::string Read(const std::string& name);

  private:
    struct Entry {
        std::string name;
        std::uint16_t method = 0;
        std::uint32_t crc = 0;
        std::uint32_t compressed_size = 0;
        std::uint32_t size = 0;
        std::uint32_t local_offset = 0;
    };
    const Entry* Find(const std::string& name) const;

    std::string_view archive_;
    ZipLimits limits_;
    std::vector<Entry> entries_;
    std::size_t total_read_ = 0;
};

// Builds a ZIP archive in memory, each entry deflated (or stored when that is no larger).
class ZipWriter {
  public:
    void Add(const std::string& name, std::string_view data);
    std::string Finish();

  private:
    struct Written {
        std::string name;
        std::uint16_t method;
        std::uint32_t crc;
        std::uint32_t compressed_size;
        std::uint32_t size;
        std::uint32_t local_offset;
    };
    std::string out_;
    std::vector<Written> written_;
};

}  // namespace tuoyu::io
