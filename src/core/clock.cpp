#include "core/clock.hpp"

#include "core/working_days.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace tuoyu {

std::int64_t SystemClock::NowMillis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string FormatIsoUtc(std::int64_t millis) {
    std::time_t seconds = static_cast<std::time_t>(millis / 1000);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1,
                  parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, static_cast<int>(millis % 1000));
    return text;
}

namespace {

bool Digits(const std::string& text, std::size_t at, std::size_t count, int& value) {
    if (at + count > text.size()) {
        return false;
    }
    value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

bool ParseIsoDateOrTime(const std::string& text, std::int64_t& millis) {
    const std::optional<CivilDate> date = CivilDate::Parse(std::string_view(text).substr(0, 10));
    if (!date) {
        return false;
    }
    const std::int64_t day_millis = date->day_number() * 86'400'000;
    if (text.size() == 10) {
        constexpr std::int64_t kChinaOffset = 8 * 3'600'000;
        millis = day_millis - kChinaOffset;
        return true;
    }
    int hour = 0, minute = 0, second = 0, fraction = 0;
    if (text[10] != 'T' || !Digits(text, 11, 2, hour) || text[13] != ':' || !Digits(text, 14, 2, minute) ||
        text[16] != ':' || !Digits(text, 17, 2, second) || hour > 23 || minute > 59 || second > 59) {
        return false;
    }
    std::size_t at = 19;
    if (at < text.size() && text[at] == '.') {
        if (!Digits(text, at + 1, 3, fraction)) {
            return false;
        }
        at += 4;
    }
    if (at + 1 != text.size() || text[at] != 'Z') {
        return false;
    }
    millis = day_millis + ((hour * 60 + minute) * 60 + second) * 1000 + fraction;
    return true;
}

}  // namespace tuoyu
