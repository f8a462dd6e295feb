#include "core/lifecycle.hpp"

#include <array>
#include <vector>

namespace tuoyu::lifecycle {

namespace {

struct StatusName {
    Status status;
    std::string_view code;
    std::string_view zh;
    std::string_view en;
};

constexpr std::array kStatusNames{
    StatusName{Status::kRegistered, "registered", "已登记待备案", "Registered, not filed"},
    StatusName{Status::kFilingSubmitted, "filing_submitted", "备案审核中", "Filing under review"},
    StatusName{Status::kFilingRejected, "filing_rejected", "备案未通过", "Filing rejected"},
    StatusName{Status::kFiled, "filed", "已备案", "Filed"},
    StatusName{Status::kChangeSubmitted, "change_submitted", "变更备案审核中", "Change under review"},
    StatusName{Status::kRectifying, "rectifying", "整改中", "Rectifying"},
    StatusName{Status::kRevoked, "revoked", "备案已撤销", "Filing revoked"},
    StatusName{Status::kCancelled, "cancelled", "已注销", "Registration cancelled"},
    StatusName{Status::kClosed, "closed", "已停办", "Closed"},
};

constexpr std::array<std::pair<Event, std::string_view>, 12> kEventCodes{{
    {Event::kSubmitFiling, "submit_filing"},
    {Event::kAcceptFiling, "accept_filing"},
    {Event::kRejectFiling, "reject_filing"},
    {Event::kSubmitChange, "submit_change"},
    {Event::kAcceptChange, "accept_change"},
    {Event::kRejectChange, "reject_change"},
    {Event::kSubmitRelocation, "submit_relocation"},
    {Event::kOrderRectification, "order_rectification"},
    {Event::kCompleteRectification, "complete_rectification"},
    {Event::kRevoke, "revoke"},
    {Event::kCancelRegistration, "cancel_registration"},
    {Event::kClose, "close"},
}};

std::vector<Transition> BuildTransitions() {
    using enum Status;
    using enum Event;
    std::vector<Transition> table = {
        // A first filing, a filing again after a rejection or a revocation, and a relocation, which
        // needs a new filing: all wait for the county's review (备案办法 第9–10条).
        {kRegistered, kSubmitFiling, kFilingSubmitted, Actor::kInstitution},
        {kFilingRejected, kSubmitFiling, kFilingSubmitted, Actor::kInstitution},
        {kRevoked, kSubmitFiling, kFilingSubmitted, Actor::kInstitution},
        {kFilingSubmitted, kAcceptFiling, kFiled, Actor::kRegulator},
        {kFilingSubmitted, kRejectFiling, kFilingRejected, Actor::kRegulator},
        {kFiled, kSubmitChange, kChangeSubmitted, Actor::kInstitution},
        {kChangeSubmitted, kAcceptChange, kFiled, Actor::kRegulator},
        // A rejected change leaves the filed facts in force.
        {kChangeSubmitted, kRejectChange, kFiled, Actor::kRegulator},
        {kFiled, kSubmitRelocation, kFilingSubmitted, Actor::kInstitution},
        {kFiled, kOrderRectification, kRectifying, Actor::kRegulator},
        {kChangeSubmitted, kOrderRectification, kRectifying, Actor::kRegulator},
        {kRectifying, kCompleteRectification, kFiled, Actor::kRegulator},
        {kFiled, kRevoke, kRevoked, Actor::kRegulator},
        {kRectifying, kRevoke, kRevoked, Actor::kRegulator},
        {kChangeSubmitted, kRevoke, kRevoked, Actor::kRegulator},
        // A relocation under review leaves the filing in force, which may still be revoked; the filing
        // module refuses this for a first filing, which has nothing in force to revoke.
        {kFilingSubmitted, kRevoke, kRevoked, Actor::kRegulator},
    };
    // The registration authority may cancel, and the institution (or, finding it gone, its
    // regulator) may report closure, from any status that is not final.
    for (const StatusName& name : kStatusNames) {
        if (!IsFinal(name.status)) {
            table.push_back({name.status, kCancelRegistration, kCancelled, Actor::kRegistrationAuthority});
            table.push_back({name.status, kClose, kClosed, Actor::kInstitution});
            table.push_back({name.status, kClose, kClosed, Actor::kRegulator});
        }
    }
    return table;
}

}  // namespace

std::span<const Transition> Transitions() {
    static const std::vector<Transition> table = BuildTransitions();
    return table;
}

std::optional<Status> Next(Status from, Event event) {
    for (const Transition& transition : Transitions()) {
        if (transition.from == from && transition.event == event) {
            return transition.to;
        }
    }
    return std::nullopt;
}

bool MayCause(Actor actor, Event event) {
    for (const Transition& transition : Transitions()) {
        if (transition.actor == actor && transition.event == event) {
            return true;
        }
    }
    return false;
}

bool IsFinal(Status status) {
    return status == Status::kCancelled || status == Status::kClosed;
}

bool MayOperate(Status status) {
    return status == Status::kFiled || status == Status::kChangeSubmitted || status == Status::kRectifying;
}

std::string_view Code(Status status) {
    for (const StatusName& name : kStatusNames) {
        if (name.status == status) {
            return name.code;
        }
    }
    return {};
}

std::string_view Code(Event event) {
    for (const auto& [known, code] : kEventCodes) {
        if (known == event) {
            return code;
        }
    }
    return {};
}

std::optional<Status> ParseStatus(std::string_view code) {
    for (const StatusName& name : kStatusNames) {
        if (name.code == code) {
            return name.status;
        }
    }
    return std::nullopt;
}

std::optional<Event> ParseEvent(std::string_view code) {
    for (const auto& [event, known] : kEventCodes) {
        if (known == code) {
            return event;
        }
    }
    return std::nullopt;
}

std::string_view LabelZh(Status status) {
    for (const StatusName& name : kStatusNames) {
        if (name.status == status) {
            return name.zh;
        }
    }
    return {};
}

std::string_view LabelEn(Status status) {
    for (const StatusName& name : kStatusNames) {
        if (name.status == status) {
            return name.en;
        }
    }
    return {};
}

}  // namespace tuoyu::lifecycle
