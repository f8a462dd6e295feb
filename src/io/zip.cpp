#include "io/zip.hpp"

#include <zlib.h>

#include "io/tabular.hpp"

namespace tuoyu::io {

namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfDirectory = 0x06054b50;

TabularError Corrupt(const std::string& detail) {
    return TabularError("unreadable_file", "文件已损坏或不是有效的 xlsx 文件（" + detail + "）",
                        "The file is damaged or not a valid .xlsx file (" + detail + ")");
}

// Little-endian fields at an offset, with every read checked against the archive's end.
class Bytes {
  public:
    explicit Bytes(std::string_view data) : data_(data) {}

    std::uint32_t U16(std::size_t at) const { return Get(at, 2); }
    std::uint32_t U32(std::size_t at) const { return Get(at, 4); }
    std::string_view Slice(std::size_t at, std::size_t length) const {
        if (at > data_.size() || length > data_.size() - at) {
            throw Corrupt("truncated");
        }
        return data_.substr(at, length);
    }

  private:
    std::uint32_t Get(std::size_t at, std::size_t width) const {
        std::string_view field = Slice(at, width);
        std::uint32_t value = 0;
        for (std::size_t i = width; i > 0; --i) {
            value = (value << 8) | static_cast<unsigned char>(field[i - 1]);
        }
        return value;
    }
    std::string_view data_;
};

void PutU16(std::string& out, std::uint32_t value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>((value >> 8) & 0xFF);
}

void PutU32(std::string& out, std::uint32_t value) {
    PutU16(out, value & 0xFFFF);
    PutU16(out, value >> 16);
}

std::uint32_t Crc(std::string_view data) {
    uLong crc = crc32(0L, Z_NULL, 0);
    std::size_t at = 0;
    while (at < data.size()) {
        const auto chunk = static_cast<uInt>(std::min<std::size_t>(data.size() - at, 1u << 30));
        crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data() + at), chunk);
        at += chunk;
    }
    return static_cast<std::uint32_t>(crc);
}

}  // namespace

ZipReader::ZipReader(std::string_view archive, ZipLimits limits) : archive_(archive), limits_(limits) {
    const Bytes bytes(archive_);
    if (archive_.size() < 22) {
        throw Corrupt("too short");
    }
    // The end-of-directory record sits in the last 22 bytes plus a comment of up to 64 KiB.
    std::size_t end = archive_.size() - 22;
    const std::size_t lowest = archive_.size() > 22 + 65535 ? archive_.size() - 22 - 65535 : 0;
    while (bytes.U32(end) != kEndOfDirectory) {
        if (end == lowest) {
            throw Corrupt("no central directory");
        }
        --end;
    }
    const std::size_t count = bytes.U16(end + 10);
    const std::size_t directory_offset = bytes.U32(end + 16);
    if (count == 0xFFFF || directory_offset == 0xFFFFFFFF) {
        throw Corrupt("ZIP64 is not supported");
    }
    if (count > limits_.max_entries) {
        throw Corrupt("too many entries");
    }
    std::size_t at = directory_offset;
    for (std::size_t i = 0; i < count; ++i) {
        if (bytes.U32(at) != kCentralHeader) {
            throw Corrupt("bad directory entry");
        }
        Entry entry;
        const std::uint32_t flags = bytes.U16(at + 8);
        entry.method = static_cast<std::uint16_t>(bytes.U16(at + 10));
        entry.crc = bytes.U32(at + 16);
        entry.compressed_size = bytes.U32(at + 20);
        entry.size = bytes.U32(at + 24);
        const std::size_t name_length = bytes.U16(at + 28);
        const std::size_t extra_length = bytes.U16(at + 30);
        const std::size_t comment_length = bytes.U16(at + 32);
        entry.local_offset = bytes.U32(at + 42);
        entry.name = std::string(bytes.Slice(at + 46, name_length));
        if ((flags & 1) != 0) {
            throw Corrupt("encrypted entries are not supported");
        }
        entries_.push_back(std::move(entry));
        at += 46 + name_length + extra_length + comment_length;
    }
}

const ZipReader::Entry* ZipReader::Find(const std::string& name) const {
    for (const Entry& entry : entries_) {
        if (entry.name == name) {
            return &entry;
        }
    }
    return nullptr;
}

bool ZipReader::Has(const std::string& name) const {
    return Find(name) != nullptr;
}

std::string ZipReader::Read(const std::string& name) {
    const Entry* entry = Find(name);
    if (entry == nullptr) {
        throw Corrupt("missing " + name);
    }
    if (entry->size > limits_.max_entry_size || entry->size > limits_.max_total_size - total_read_) {
        throw TabularError("file_too_large", "文件解压后过大", "The file is too large once uncompressed");
    }
    const Bytes bytes(archive_);
    const std::size_t local = entry->local_offset;
    if (bytes.U32(local) != kLocalHeader) {
        throw Corrupt("bad local header");
    }
    const std::size_t data_at = local + 30 + bytes.U16(local + 26) + bytes.U16(local + 28);
    const std::string_view compressed = bytes.Slice(data_at, entry->compressed_size);
    std::string data;
    if (entry->method == 0) {
        if (entry->compressed_size != entry->size) {
            throw Corrupt("bad stored size");
        }
        data.assign(compressed);
    } else if (entry->method == 8) {
        // Inflate into exactly the declared size: a stream that would write more is refused
        // rather than followed, which is what defeats a forged size.
        data.resize(entry->size);
        z_stream stream{};
        if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
            throw Corrupt("inflate");
        }
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
        stream.avail_in = static_cast<uInt>(compressed.size());
        stream.next_out = reinterpret_cast<Bytef*>(data.data());
        stream.avail_out = static_cast<uInt>(data.size());
        const int result = inflate(&stream, Z_FINISH);
        const uLong produced = stream.total_out;
        inflateEnd(&stream);
        if (result != Z_STREAM_END || produced != entry->size) {
            throw Corrupt("bad deflate data in " + name);
        }
    } else {
        throw Corrupt("compression method " + std::to_string(entry->method) + " is not supported");
    }
    if (Crc(data) != entry->crc) {
        throw Corrupt("checksum mismatch in " + name);
    }
    total_read_ += data.size();
    return data;
}

void ZipWriter::Add(const std::string& name, std::string_view data) {
    Written entry{
        name, 8, Crc(data), 0, static_cast<std::uint32_t>(data.size()), static_cast<std::uint32_t>(out_.size())};
    std::string packed(compressBound(static_cast<uLong>(data.size())) + 16, '\0');
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(packed.data());
    stream.avail_out = static_cast<uInt>(packed.size());
    const int result = deflate(&stream, Z_FINISH);
    packed.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END || packed.size() >= data.size()) {
        entry.method = 0;
        packed.assign(data);
    }
    entry.compressed_size = static_cast<std::uint32_t>(packed.size());
    PutU32(out_, kLocalHeader);
    PutU16(out_, 20);      // version needed
    PutU16(out_, 0x0800);  // flags: names in UTF-8
    PutU16(out_, entry.method);
    PutU32(out_, 0);  // time and date
    PutU32(out_, entry.crc);
    PutU32(out_, entry.compressed_size);
    PutU32(out_, entry.size);
    PutU16(out_, static_cast<std::uint32_t>(name.size()));
    PutU16(out_, 0);
    out_ += name;
    out_ += packed;
    written_.push_back(std::move(entry));
}

std::string ZipWriter::Finish() {
    const auto directory_offset = static_cast<std::uint32_t>(out_.size());
    for (const Written& entry : written_) {
        PutU32(out_, kCentralHeader);
        PutU16(out_, 20);  // made by
        PutU16(out_, 20);  // version needed
        PutU16(out_, 0x0800);
        PutU16(out_, entry.method);
        PutU32(out_, 0);
        PutU32(out_, entry.crc);
        PutU32(out_, entry.compressed_size);
        PutU32(out_, entry.size);
        PutU16(out_, static_cast<std::uint32_t>(entry.name.size()));
        PutU16(out_, 0);  // extra
        PutU16(out_, 0);  // comment
        PutU16(out_, 0);  // disk
        PutU16(out_, 0);  // internal attributes
        PutU32(out_, 0);  // external attributes
        PutU32(out_, entry.local_offset);
        out_ += entry.name;
    }
    const auto directory_size = static_cast<std::uint32_t>(out_.size() - directory_offset);
    PutU32(out_, kEndOfDirectory);
    PutU16(out_, 0);
    PutU16(out_, 0);
    PutU16(out_, static_cast<std::uint32_t>(written_.size()));
    PutU16(out_, static_cast<std::uint32_t>(written_.size()));
    PutU32(out_, directory_size);
    PutU32(out_, directory_offset);
    PutU16(out_, 0);
    return std::move(out_);
}

}  // namespace tuoyu::io
