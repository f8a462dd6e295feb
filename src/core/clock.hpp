#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace tuoyu {

// Milliseconds since the Unix epoch. Every service takes a Clock so that tests can fix the time.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual std::int64_t NowMillis() const = 0;
};

class SystemClock final : public Clock {
  public:
    std::int64_t NowMillis() const override;
};

class FixedClock final : public Clock {
  public:
    explicit FixedClock(std::int64_t now_millis) : now_(now_millis) {}
    std::int64_t NowMillis() const override { return now_.load(); }
    void Advance(std::int64_t millis) { now_ += millis; }

  private:
    std::atomic<std::int64_t> now_;
};

// "2026-11-25T14:01:32.123Z"
std::string FormatIsoUtc(std::int64_t millis);

// Accepts "YYYY-MM-DD" (midnight UTC+8, the day as an official in China means it) or a full
// ISO-8601 UTC timestamp; returns false on anything else.
bool ParseIsoDateOrTime(const std::string& text, std::int64_t& millis);

}  // namespace tuoyu
