#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "features/disclosure/puhui.hpp"
#include "http/router.hpp"
#include "reference/calendar.hpp"

// What the disclosure module's routes share: who may decide, the parameter of the publicity period,
// and the limit on objections per sender.
namespace tuoyu::disclosure {

using CalendarCachePtr = std::shared_ptr<reference::calendar::CalendarCache>;

// 普惠 recognition is decided by the county health department, like filings: regulators of the
// health department, within their subtree.
void RequireReviewer(const http::Context& context);

Actor ActorOf(const http::Context& context);

// The integer value of the parameter in force at the region, or 422 parameter_not_set.
int IntegerParameter(storage::Transaction& tx, const std::string& key, const std::string& region_code);

// At most `limit` objections from one client address within `window` milliseconds, kept in memory per
// process like the sign-in throttle: it slows a flood from one sender without storing who sent what.
class SenderThrottle {
  public:
    SenderThrottle(std::size_t limit, std::int64_t window) : limit_(limit), window_(window) {}

    bool Allowed(const std::string& address, std::int64_t now);
    void Record(const std::string& address, std::int64_t now);

  private:
    void Prune(std::deque<std::int64_t>& times, std::int64_t now) const;

    std::size_t limit_;
    std::int64_t window_;
    std::mutex mutex_;
    std::map<std::string, std::deque<std::int64_t>> sent_;
};

void RegisterPuhuiRoutes(http::Router& router, CalendarCachePtr calendar);
void RegisterPublicRoutes(http::Router& router);

}  // namespace tuoyu::disclosure
