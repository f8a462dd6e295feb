#include <gtest/gtest.h>

#include <set>

#include "core/lifecycle.hpp"

namespace tuoyu::lifecycle {
namespace {

using enum Status;
using enum Event;

constexpr Status kAll[] = {kRegistered, kFilingSubmitted, kFilingRejected, kFiled, kChangeSubmitted,
                           kRectifying, kRevoked,         kCancelled,      kClosed};

TEST(LifecycleTest, FirstFilingIsReviewedByTheCounty) {
    EXPECT_EQ(Next(kRegistered, kSubmitFiling), kFilingSubmitted);
    EXPECT_EQ(Next(kFilingSubmitted, kAcceptFiling), kFiled);
    EXPECT_EQ(Next(kFilingSubmitted, kRejectFiling), kFilingRejected);
    EXPECT_EQ(Next(kFilingRejected, kSubmitFiling), kFilingSubmitted);
    // Nothing is accepted that was not submitted, and a filed institution does not file again.
    EXPECT_EQ(Next(kRegistered, kAcceptFiling), std::nullopt);
    EXPECT_EQ(Next(kFiled, kSubmitFiling), std::nullopt);
}

TEST(LifecycleTest, ChangesKeepTheFilingInForce) {
    EXPECT_EQ(Next(kFiled, kSubmitChange), kChangeSubmitted);
    EXPECT_EQ(Next(kChangeSubmitted, kAcceptChange), kFiled);
    EXPECT_EQ(Next(kChangeSubmitted, kRejectChange), kFiled);
    EXPECT_TRUE(MayOperate(kChangeSubmitted));
    EXPECT_EQ(Next(kRegistered, kSubmitChange), std::nullopt);
    EXPECT_EQ(Next(kChangeSubmitted, kSubmitChange), std::nullopt);
}

TEST(LifecycleTest, RelocationNeedsANewFiling) {
    EXPECT_EQ(Next(kFiled, kSubmitRelocation), kFilingSubmitted);
    EXPECT_FALSE(MayOperate(kFilingSubmitted));
}

TEST(LifecycleTest, SupervisionRectifiesAndRevokes) {
    EXPECT_EQ(Next(kFiled, kOrderRectification), kRectifying);
    EXPECT_EQ(Next(kRectifying, kCompleteRectification), kFiled);
    EXPECT_EQ(Next(kRectifying, kRevoke), kRevoked);
    EXPECT_EQ(Next(kFilingSubmitted, kRevoke), kRevoked);  // a relocation under review
    EXPECT_FALSE(Next(kRegistered, kRevoke).has_value());
    EXPECT_EQ(Next(kRevoked, kSubmitFiling), kFilingSubmitted);
    EXPECT_FALSE(MayOperate(kRevoked));
    EXPECT_EQ(Next(kRegistered, kRevoke), std::nullopt);
}

TEST(LifecycleTest, CancellationAndClosureAreFinalFromAnywhere) {
    for (Status status : kAll) {
        if (IsFinal(status)) {
            for (const Transition& transition : Transitions()) {
                EXPECT_NE(transition.from, status) << Code(status) << " is final but has " << Code(transition.event);
            }
            continue;
        }
        EXPECT_EQ(Next(status, kCancelRegistration), kCancelled) << Code(status);
        EXPECT_EQ(Next(status, kClose), kClosed) << Code(status);
    }
}

TEST(LifecycleTest, EachEventHasItsActors) {
    EXPECT_TRUE(MayCause(Actor::kInstitution, kSubmitFiling));
    EXPECT_FALSE(MayCause(Actor::kInstitution, kAcceptFiling));
    EXPECT_FALSE(MayCause(Actor::kRegulator, kSubmitFiling));
    EXPECT_TRUE(MayCause(Actor::kRegulator, kRevoke));
    EXPECT_TRUE(MayCause(Actor::kRegistrationAuthority, kCancelRegistration));
    EXPECT_FALSE(MayCause(Actor::kRegulator, kCancelRegistration));
    EXPECT_TRUE(MayCause(Actor::kRegulator, kClose));
    EXPECT_TRUE(MayCause(Actor::kInstitution, kClose));
}

TEST(LifecycleTest, EveryStatusIsReachableAndNamed) {
    std::set<Status> reached = {kRegistered};
    for (bool grew = true; grew;) {
        grew = false;
        for (const Transition& transition : Transitions()) {
            if (reached.contains(transition.from) && reached.insert(transition.to).second) {
                grew = true;
            }
        }
    }
    std::set<std::string_view> codes;
    for (Status status : kAll) {
        EXPECT_TRUE(reached.contains(status)) << Code(status);
        EXPECT_FALSE(LabelZh(status).empty());
        EXPECT_FALSE(LabelEn(status).empty());
        EXPECT_EQ(ParseStatus(Code(status)), status);
        EXPECT_TRUE(codes.insert(Code(status)).second);
    }
    for (const Transition& transition : Transitions()) {
        EXPECT_EQ(ParseEvent(Code(transition.event)), transition.event);
    }
    EXPECT_EQ(ParseStatus("filed "), std::nullopt);
    EXPECT_EQ(ParseEvent("approve"), std::nullopt);
}

}  // namespace
}  // namespace tuoyu::lifecycle
