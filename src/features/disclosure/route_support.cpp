#include "features/disclosure/route_support.hpp"

#include "core/error.hpp"
#include "features/routes.hpp"
#include "reference/parameters.hpp"

namespace tuoyu::disclosure {

void RequireReviewer(const http::Context& context) {
    context.RequireRole({access::Role::kRegulator});
    if (context.principal().department != "health") {
        throw ApiError(403, "forbidden", "", "普惠托育机构认定由卫生健康部门办理，您所在的部门无此权限",
                       "普惠 recognition is decided by the health department; your department may not decide it");
    }
}

Actor ActorOf(const http::Context& context) {
    return {context.principal().user_id, context.principal().username};
}

int IntegerParameter(storage::Transaction& tx, const std::string& key, const std::string& region_code) {
    const std::optional<reference::parameters::Resolved> resolved =
        reference::parameters::Resolve(tx, key, region_code);
    const reference::parameters::Value* value = resolved ? resolved->in_force() : nullptr;
    if (value == nullptr || value->value.empty() || value->value.size() > 4 ||
        value->value.find_first_not_of("0123456789") != std::string::npos) {
        throw ApiError(422, "parameter_not_set", key, "参数 " + key + " 在本地区没有有效值，请联系管理员设置",
                       "Parameter " + key + " has no valid value in force for this region; ask an administrator");
    }
    return std::stoi(value->value);
}

void SenderThrottle::Prune(std::deque<std::int64_t>& times, std::int64_t now) const {
    while (!times.empty() && times.front() <= now - window_) {
        times.pop_front();
    }
}

bool SenderThrottle::Allowed(const std::string& address, std::int64_t now) {
    std::lock_guard lock(mutex_);
    auto it = sent_.find(address);
    if (it == sent_.end()) {
        return true;
    }
    Prune(it->second, now);
    return it->second.size() < limit_;
}

void SenderThrottle::Record(const std::string& address, std::int64_t now) {
    std::lock_guard lock(mutex_);
    // Forget quiet senders now and then, so that the map stays as small as the recent senders.
    if (sent_.size() > 10'000) {
        for (auto it = sent_.begin(); it != sent_.end();) {
            Prune(it->second, now);
            it = it->second.empty() ? sent_.erase(it) : std::next(it);
        }
    }
    std::deque<std::int64_t>& times = sent_[address];
    Prune(times, now);
    times.push_back(now);
}

}  // namespace tuoyu::disclosure

namespace tuoyu::features {

void RegisterDisclosureRoutes(http::Router& router, std::shared_ptr<reference::calendar::CalendarCache> calendar) {
    disclosure::RegisterPuhuiRoutes(router, std::move(calendar));
    disclosure::RegisterPublicRoutes(router);
}

}  // namespace tuoyu::features
