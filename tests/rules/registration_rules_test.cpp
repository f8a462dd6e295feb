// Who registers a childcare institution or home childcare point, and what its registration record
// must say (RULES S5, N46, N47): the lookup of core/registration_rules.hpp and the checks every push,
// manual entry and import row passes. Pure code, the same on both engines.
//
// The suite is not RulesTest: that fixture (rules_test.cpp) seeds a database these rows do not need,
// and GoogleTest refuses one suite name over two fixture classes.

#include <gtest/gtest.h>

#include "core/registration_rules.hpp"

namespace tuoyu::test {
namespace {

using registration::Facts;
using registration::Kind;

const CivilDate kToday = *CivilDate::Parse("2025-11-24");

// Valid codes of each kind of body (made up, with correct check characters), and a published one.
constexpr const char* kSocialService = "52211104MJ0T202508";      // 5 民政, 2 民办非企业单位, 大洼区
constexpr const char* kEnterprise = "91330281MA2TY0256N";         // 9 市场监管, 1 企业, 余姚市
constexpr const char* kIndividual = "92211104MA0JT00109";         // 9 市场监管, 2 个体工商户, 大洼区
constexpr const char* kPublicInstitution = "12100000470095016Q";  // 1 机构编制, 2 事业单位 (浙江大学's code)

Facts Institution(const char* uscc, const char* nature, const char* authority) {
    return {uscc,
            "示范托育中心",
            "institution",
            nature,
            authority,
            "王某",
            "辽宁省盘锦市大洼区大洼街道示范路1号",
            "托育服务；婴幼儿照护咨询",
            "2024-05-01"};
}

Facts HomePoint(const char* uscc, const char* nature, const char* authority) {
    Facts facts = Institution(uscc, nature, authority);
    facts.kind = "home_point";
    facts.name = "大洼区小星星家庭托育点";
    facts.business_scope = "家庭托育服务";
    return facts;
}

::testing::AssertionResult Refused(const Facts& facts, int status, const std::string& code, const std::string& field) {
    const std::optional<registration::Finding> finding = registration::Check(facts, kToday);
    if (!finding) {
        return ::testing::AssertionFailure() << "passed, expected " << code;
    }
    if (finding->status != status || finding->code != code || finding->field != field) {
        return ::testing::AssertionFailure() << "got " << finding->status << " " << finding->code << " on "
                                             << finding->field << ": " << finding->message_en;
    }
    if (finding->message_zh.empty() || finding->message_en.empty()) {
        return ::testing::AssertionFailure() << "a message is missing";
    }
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult Passes(const Facts& facts) {
    const std::optional<registration::Finding> finding = registration::Check(facts, kToday);
    if (finding) {
        return ::testing::AssertionFailure()
               << finding->code << " on " << finding->field << ": " << finding->message_en;
    }
    return ::testing::AssertionSuccess();
}

// S5: non-profit bodies register with 编办 or 民政, for-profit ones with 市场监管 (or 行政审批).
TEST(RegistrationRulesTest, S5_RegistrationAuthority) {
    // Which of the two non-profit offices takes which body is N46's; S5 says it is one of them.
    for (const registration::LegalNature& nature : registration::LegalNatures()) {
        int offices = 0;
        for (const registration::Authority& authority : registration::Authorities()) {
            const bool fits = registration::AuthorityFits(Kind::kInstitution, nature, authority);
            const bool non_profit_office = authority.code == "staffing_office" || authority.code == "civil_affairs";
            const bool for_profit_office =
                authority.code == "market_regulation" || authority.code == "administrative_approval";
            if (nature.for_profit) {
                EXPECT_EQ(fits, for_profit_office) << nature.code << " at " << authority.code;
            } else if (fits) {
                EXPECT_TRUE(non_profit_office) << nature.code << " at " << authority.code;
            }
            offices += fits ? 1 : 0;
        }
        EXPECT_EQ(offices, nature.for_profit ? 2 : 1) << nature.code;
    }
    EXPECT_FALSE(registration::FindLegalNature("public_institution")->for_profit);
    EXPECT_FALSE(registration::FindLegalNature("social_service_organization")->for_profit);
    EXPECT_TRUE(registration::FindLegalNature("enterprise")->for_profit);
    EXPECT_TRUE(registration::FindLegalNature("individual_business")->for_profit);
    // Education approves kindergartens' nursery classes; it registers no childcare body.
    for (const registration::LegalNature& nature : registration::LegalNatures()) {
        EXPECT_FALSE(
            registration::AuthorityFits(Kind::kInstitution, nature, *registration::FindAuthority("education")));
    }
    EXPECT_TRUE(Passes(Institution(kEnterprise, "enterprise", "administrative_approval")));
    EXPECT_TRUE(Refused(Institution(kEnterprise, "enterprise", "civil_affairs"), 422, "authority_mismatch",
                        "registration_authority"));
}

// N46: 事业单位 → 机构编制部门, 社会服务机构 → 民政, for-profit → 市场监管; the scope names 托育服务; and
// the code agrees: its first character is the authority's department, its second the kind of body.
TEST(RegistrationRulesTest, N46_AuthorityByLegalNature) {
    EXPECT_TRUE(Passes(Institution(kPublicInstitution, "public_institution", "staffing_office")));
    EXPECT_TRUE(Passes(Institution(kSocialService, "social_service_organization", "civil_affairs")));
    EXPECT_TRUE(Passes(Institution(kEnterprise, "enterprise", "market_regulation")));
    EXPECT_TRUE(Passes(Institution(kIndividual, "individual_business", "market_regulation")));

    EXPECT_TRUE(Refused(Institution(kPublicInstitution, "public_institution", "civil_affairs"), 422,
                        "authority_mismatch", "registration_authority"));
    EXPECT_TRUE(Refused(Institution(kSocialService, "social_service_organization", "market_regulation"), 422,
                        "authority_mismatch", "registration_authority"));
    EXPECT_TRUE(Refused(Institution(kSocialService, "social_service_organization", "staffing_office"), 422,
                        "authority_mismatch", "registration_authority"));

    // A code issued by 市场监管 (9…) cannot belong to a body that 民政 registered, and an enterprise's
    // code (91) is not an individual business's (92).
    EXPECT_TRUE(Refused(Institution(kEnterprise, "social_service_organization", "civil_affairs"), 422,
                        "uscc_authority_mismatch", "uscc"));
    EXPECT_TRUE(Refused(Institution(kEnterprise, "individual_business", "market_regulation"), 422,
                        "uscc_legal_nature_mismatch", "uscc"));
    EXPECT_TRUE(Refused(Institution(kIndividual, "enterprise", "market_regulation"), 422, "uscc_legal_nature_mismatch",
                        "uscc"));

    Facts no_childcare = Institution(kEnterprise, "enterprise", "market_regulation");
    no_childcare.business_scope = "家政服务；餐饮服务";
    EXPECT_TRUE(Refused(no_childcare, 422, "scope_lacks_childcare", "business_scope"));

    // A code that is not valid at all is named before anything else, with what is wrong with it.
    EXPECT_TRUE(Refused(Institution("52211104MJ0T202509", "social_service_organization", "civil_affairs"), 400,
                        "uscc_check_character", "uscc"));
    EXPECT_TRUE(Refused(Institution("52211104MJ0T202518", "social_service_organization", "civil_affairs"), 400,
                        "uscc_organization_check", "uscc"));
    EXPECT_TRUE(
        Refused(Institution("5221110", "social_service_organization", "civil_affairs"), 400, "uscc_length", "uscc"));
    EXPECT_TRUE(
        Refused(Institution(kEnterprise, "company", "market_regulation"), 400, "invalid_legal_nature", "legal_nature"));
    EXPECT_TRUE(Refused(Institution(kEnterprise, "enterprise", "tax"), 400, "invalid_registration_authority",
                        "registration_authority"));

    // The registration date: a real date, not after today.
    Facts future = Institution(kEnterprise, "enterprise", "market_regulation");
    future.registered_on = "2025-11-25";
    EXPECT_TRUE(Refused(future, 400, "date_in_future", "registered_on"));
    future.registered_on = "2025-11-24";
    EXPECT_TRUE(Passes(future));
    future.registered_on = "2025-02-29";
    EXPECT_TRUE(Refused(future, 400, "invalid_date", "registered_on"));

    Facts missing = Institution(kEnterprise, "enterprise", "market_regulation");
    missing.legal_representative.clear();
    EXPECT_TRUE(Refused(missing, 400, "required", "legal_representative"));
}

// N47: a for-profit home childcare point registers with 市场监管, has 托育 in its name and 家庭托育服务
// in its scope.
TEST(RegistrationRulesTest, N47_HomePointRegistration) {
    EXPECT_TRUE(Passes(HomePoint(kIndividual, "individual_business", "market_regulation")));
    EXPECT_TRUE(Passes(HomePoint(kEnterprise, "enterprise", "market_regulation")));
    EXPECT_TRUE(Refused(HomePoint(kIndividual, "individual_business", "administrative_approval"), 422,
                        "authority_mismatch", "registration_authority"));
    EXPECT_FALSE(registration::AuthorityFits(Kind::kHomePoint, *registration::FindLegalNature("enterprise"),
                                             *registration::FindAuthority("administrative_approval")));

    Facts unnamed = HomePoint(kIndividual, "individual_business", "market_regulation");
    unnamed.name = "大洼区小星星看护点";
    EXPECT_TRUE(Refused(unnamed, 422, "name_lacks_childcare", "name"));

    Facts institution_scope = HomePoint(kIndividual, "individual_business", "market_regulation");
    institution_scope.business_scope = "托育服务";
    EXPECT_TRUE(Refused(institution_scope, 422, "scope_lacks_childcare", "business_scope"));

    // An institution's scope is satisfied by a home point's wording too (家庭托育服务 names 托育服务).
    Facts institution = Institution(kIndividual, "individual_business", "market_regulation");
    institution.business_scope = "家庭托育服务";
    EXPECT_TRUE(Passes(institution));

    Facts bad_kind = HomePoint(kIndividual, "individual_business", "market_regulation");
    bad_kind.kind = "family";
    EXPECT_TRUE(Refused(bad_kind, 400, "invalid_kind", "kind"));
}

}  // namespace
}  // namespace tuoyu::test
