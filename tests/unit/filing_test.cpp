// The pure parts of the filing module: what an upload is (by its bytes), the review deadlines and
// the queue's warnings on the bundled holiday calendar, the change period, the profile and form
// checks, and the materials a filing needs.

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/error.hpp"
#include "features/filing/deadlines.hpp"
#include "features/filing/materials.hpp"
#include "features/filing/profile.hpp"

namespace tuoyu::filing {
namespace {

CivilDate D(const char* text) {
    const std::optional<CivilDate> date = CivilDate::Parse(text);
    if (!date) {
        throw std::invalid_argument(std::string("bad test date ") + text);
    }
    return *date;
}

const WorkingDayCalendar& Bundled() {
    static const WorkingDayCalendar calendar = [] {
        CalendarCsvResult parsed = ParseCalendarCsv(BundledHolidayCsv());
        if (!parsed.errors.empty()) {
            throw std::runtime_error("the bundled calendar does not parse");
        }
        return WorkingDayCalendar(std::move(parsed.entries));
    }();
    return calendar;
}

const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
const std::string kJpeg("\xff\xd8\xff\xe0\0\x10JFIF\0", 11);
const std::string kPdf = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
constexpr char kExeBytes[] = "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff";
const std::string kExe(kExeBytes, sizeof kExeBytes - 1);

// Expects `call` to end the request with a 400 of `code` naming `field`.
template <typename Call>
void ExpectRefused(Call call, const std::string& code, const std::string& field) {
    try {
        call();
        ADD_FAILURE() << "expected " << code << " on " << field;
    } catch (const ApiError& error) {
        EXPECT_EQ(error.status(), 400) << error.what();
        EXPECT_EQ(error.code(), code) << error.what();
        EXPECT_EQ(error.field(), field) << error.what();
        EXPECT_FALSE(error.message_zh().empty());
    }
}

const std::vector<std::string> kSponsors = {"social_forces", "community"};

Json CompleteProfile() {
    return Json::parse(R"({
        "sponsor_type": "social_forces",
        "service_modes": ["hourly", "full_day"],
        "location": {"longitude": 122.08, "latitude": 40.99, "coordinate_system": "gcj02"},
        "site": {"usable_floor_area_m2": 620.5, "building_area_m2": 800, "building_floors": 3,
                 "children_floors": [2, 1], "basement_use": "none", "building_kind": "standard",
                 "rooms": {"living": ["dining", "sleeping", "play"], "service": ["health_room"],
                           "logistics": ["kitchen"]},
                 "observation_room": {"area_m2": 8, "beds": 1}, "window_floor_ratio_percent": 22,
                 "fire_exits": 2, "fire_equipment": true, "heating": true, "cooling": true,
                 "tenure": "leased", "lease_start": "2024-01-01", "lease_end": "2030-12-31"},
        "classes": [{"type": "toddler_class", "count": 2, "size": 15, "caregivers": 3}],
        "slots": 60,
        "meals": {"served": true, "source": "in_house"}
    })");
}

TEST(FilingTest, UploadsAreToldByTheirBytesNotTheirNames) {
    EXPECT_EQ(SniffMediaType(kPdf)->mime, "application/pdf");
    EXPECT_EQ(SniffMediaType(kPng)->mime, "image/png");
    EXPECT_EQ(SniffMediaType(kJpeg)->mime, "image/jpeg");
    EXPECT_FALSE(SniffMediaType(kExe));
    EXPECT_FALSE(SniffMediaType(""));
    EXPECT_FALSE(SniffMediaType("%PD"));
    EXPECT_FALSE(SniffMediaType("PK\x03\x04 a Word file is a ZIP archive"));
    EXPECT_FALSE(SniffMediaType(" %PDF-1.7"));  // the signature must come first
    // A PDF name on PNG bytes downloads as PNG; paths and quotes are dropped.
    EXPECT_EQ(DownloadName("营业执照.pdf", "business_licence", *SniffMediaType(kPng)), "营业执照.png");
    EXPECT_EQ(DownloadName("C:\\scans\\fire \"check\".JPG", "fire_check", *SniffMediaType(kJpeg)), "fire check.jpg");
    EXPECT_EQ(DownloadName("", "site_proof", *SniffMediaType(kPdf)), "site_proof.pdf");
    EXPECT_EQ(DownloadName("../../etc/passwd", "other", *SniffMediaType(kPdf)), "passwd.pdf");
    const std::string long_name = std::string(200, 'a') + ".pdf";
    EXPECT_EQ(DownloadName(long_name, "other", *SniffMediaType(kPdf)).size(), 124u);
}

TEST(FilingTest, DeadlinesOfAFilingReceivedOnTheEveOfNationalDay2025) {
    // 10-01…10-08 are holidays, Sunday 09-28 and Saturday 10-11 make-up working days: five working
    // days after Tuesday 09-30 are 10-09, 10-10, 10-11, 10-13, 10-14.
    const Deadlines deadlines = ComputeDeadlines(Bundled(), D("2025-09-30"), 5, 15);
    EXPECT_EQ(deadlines.received_on, "2025-09-30");
    EXPECT_EQ(deadlines.receipt_due, "2025-10-14");
    EXPECT_EQ(deadlines.rejection_due, "2025-10-28");
    EXPECT_FALSE(deadlines.estimated);
    // Without the holiday data the same count is a Monday-to-Friday estimate, and says so.
    const Deadlines guessed = ComputeDeadlines(WorkingDayCalendar(), D("2025-09-30"), 5, 15);
    EXPECT_EQ(guessed.receipt_due, "2025-10-07");
    EXPECT_TRUE(guessed.estimated);
    // Late in the last covered year the rejection deadline runs into the next, uncovered one.
    EXPECT_TRUE(ComputeDeadlines(Bundled(), D("2026-12-25"), 5, 15).estimated);
}

TEST(FilingTest, QueueWarningsBeforeAndAfterTheDeadlines) {
    const CivilDate receipt = D("2025-10-14");
    const CivilDate rejection = D("2025-10-28");
    struct Case {
        const char* today;
        std::int64_t left;
        Warning warning;
        const char* deadline;
    };
    const Case cases[] = {
        {"2025-09-30", 5, Warning::kOk, "receipt"},       // the day of receipt
        {"2025-10-03", 5, Warning::kOk, "receipt"},       // a holiday: still five to go
        {"2025-10-11", 2, Warning::kOk, "receipt"},       // the make-up Saturday counts
        {"2025-10-12", 2, Warning::kOk, "receipt"},       // an ordinary Sunday does not
        {"2025-10-13", 1, Warning::kDueSoon, "receipt"},  // one working day left
        {"2025-10-14", 0, Warning::kDueSoon, "receipt"},  // due today, still in time
        {"2025-10-15", -1, Warning::kOverdue, "receipt"},    {"2025-10-28", -10, Warning::kOverdue, "receipt"},
        {"2025-10-29", -11, Warning::kOverdue, "rejection"},
    };
    for (const Case& c : cases) {
        const DeadlineStatus status = StatusOn(Bundled(), D(c.today), receipt, rejection);
        EXPECT_EQ(status.receipt_working_days_left, c.left) << c.today;
        EXPECT_EQ(status.warning, c.warning) << c.today;
        EXPECT_EQ(status.deadline, c.deadline) << c.today;
    }
    EXPECT_EQ(StatusOn(Bundled(), D("2025-10-15"), receipt, rejection).rejection_working_days_left, 9);
    // Due on a Friday and looked at on the Saturday after: no working day between, but overdue.
    const DeadlineStatus weekend = StatusOn(Bundled(), D("2025-11-08"), D("2025-11-07"), D("2025-11-21"));
    EXPECT_EQ(weekend.receipt_working_days_left, 0);
    EXPECT_EQ(weekend.warning, Warning::kOverdue);
}

TEST(FilingTest, AChangeIsFiledWithinTheCalendarDaysOfThePeriod) {
    EXPECT_FALSE(DaysLate(D("2025-09-15"), D("2025-09-30"), 15));  // the 15th day is in time
    EXPECT_EQ(DaysLate(D("2025-09-14"), D("2025-09-30"), 15), 1);
    EXPECT_FALSE(DaysLate(D("2025-10-05"), D("2025-09-30"), 15));  // announced before it happens
    EXPECT_EQ(DaysLate(D("2025-01-31"), D("2025-03-01"), 15), 14);
}

TEST(FilingTest, ShanghaiDateTurnsAtMidnightUtcPlusEight) {
    EXPECT_EQ(ShanghaiDate(1'759'161'599'000).ToString(), "2025-09-29");  // 2025-09-29T15:59:59Z
    EXPECT_EQ(ShanghaiDate(1'759'161'600'000).ToString(), "2025-09-30");  // 16:00Z = midnight in Shanghai
    EXPECT_EQ(ShanghaiDate(-1).ToString(), "1970-01-01");
}

TEST(FilingTest, AProfileIsCheckedAndKeptInCanonicalForm) {
    const Profile profile = ReadProfile(CompleteProfile(), kSponsors);
    EXPECT_EQ(profile.sponsor_type, "social_forces");
    EXPECT_EQ(profile.service_modes, (std::vector<std::string>{"full_day", "hourly"}));  // S15 order
    EXPECT_EQ(profile.slots, 60);
    EXPECT_TRUE(profile.serves_meals);
    EXPECT_EQ(profile.document["site"]["children_floors"], Json::parse("[1, 2]"));
    EXPECT_EQ(profile.document["location"]["coordinate_system"], "gcj02");
    EXPECT_TRUE(MissingForFiling(profile.document).empty());
    EXPECT_TRUE(ServesMeals(profile.document));
    // An empty profile is valid to keep, not to file.
    const Profile empty = ReadProfile(Json::object(), kSponsors);
    EXPECT_EQ(MissingForFiling(empty.document).front(), "sponsor_type");
    EXPECT_FALSE(ServesMeals(empty.document));
}

TEST(FilingTest, AProfileNamesTheFieldAtFault) {
    auto with = [](const char* pointer, Json value) {
        Json body = CompleteProfile();
        body[Json::json_pointer(pointer)] = std::move(value);
        return body;
    };
    auto read = [](const Json& body) { return [body] { ReadProfile(body, kSponsors); }; };
    ExpectRefused(read(with("/location/longitude", 12.5)), "coordinates_outside_china", "location.longitude");
    ExpectRefused(read(with("/location/latitude", -33.9)), "coordinates_outside_china", "location.latitude");
    ExpectRefused(read(with("/location/coordinate_system", "mercator")), "invalid_value", "location.coordinate_system");
    Json no_system = CompleteProfile();
    no_system["location"].erase("coordinate_system");
    ExpectRefused(read(no_system), "required", "location.coordinate_system");
    ExpectRefused(read(with("/service_modes", Json::array({"full_day", "overnight"}))), "invalid_value",
                  "service_modes");
    ExpectRefused(read(with("/service_modes", Json::array({"hourly", "hourly"}))), "duplicate_value", "service_modes");
    ExpectRefused(read(with("/sponsor_type", "brand_chain")), "invalid_value", "sponsor_type");  // not in force
    ExpectRefused(read(with("/site/usable_floor_area_m2", "620")), "invalid_type", "site.usable_floor_area_m2");
    ExpectRefused(read(with("/site/children_floors", Json::array({1, 4}))), "invalid_value", "site.children_floors");
    ExpectRefused(read(with("/site/lease_end", "2023-12-31")), "invalid_value", "site.lease_end");
    ExpectRefused(read(with("/site/windows", 3)), "unknown_field", "site.windows");
    ExpectRefused(read(with("/classes/0/type", "baby_class")), "invalid_value", "classes[0].type");
    ExpectRefused(read(with("/classes/0/size", 0)), "out_of_range", "classes[0].size");
    ExpectRefused(read(with("/meals", Json{{"served", true}})), "required", "meals.source");
    ExpectRefused(read(with("/slots", -1)), "out_of_range", "slots");
    ExpectRefused(read(with("/colour", "red")), "unknown_field", "colour");
    Json owned = CompleteProfile();
    owned["site"]["tenure"] = "owned";
    ExpectRefused(read(owned), "invalid_value", "site.lease_end");  // an owned site has no lease
    owned["site"].erase("lease_start");
    owned["site"].erase("lease_end");
    EXPECT_NO_THROW(ReadProfile(owned, kSponsors));
}

TEST(FilingTest, TheFormAndTheChangeAreCheckedLikeTheProfile) {
    const Json form = ReadForm(Json::parse(R"({"head_name": "王园长", "head_phone": "13800001234",
        "staff": {"caregivers": 6}, "hygiene_evaluation_result": "qualified", "fire_check_passed": true})"));
    EXPECT_TRUE(MissingFormFields(form, FilingKind::kInitial).empty());
    EXPECT_EQ(MissingFormFields(Json::object(), FilingKind::kChange),
              (std::vector<std::string>{"form.head_name", "form.head_phone"}));
    EXPECT_EQ(MissingFormFields(Json{{"head_name", "王"}, {"head_phone", "1"}}, FilingKind::kRelocation).front(),
              "form.staff");
    ExpectRefused([] { ReadForm(Json{{"staff", {{"cooks", -1}}}}); }, "out_of_range", "form.staff.cooks");
    ExpectRefused([] { ReadForm(Json{{"fire_check_date", "2025-02-30"}}); }, "invalid_date", "form.fire_check_date");
    ExpectRefused([] { ReadForm(Json{{"head_id_number", "x"}}); }, "unknown_field", "form.head_id_number");
    const ChangeDeclaration change =
        ReadChange(Json{{"date", "2025-09-01"}, {"items", Json::array({"name", "slots"})}});
    EXPECT_EQ(change.date, "2025-09-01");
    ExpectRefused(
        [] {
            ReadChange(Json{{"date", "2025-09-01"}, {"items", Json::array()}});
        },
        "required", "change.items");
    ExpectRefused(
        [] {
            ReadChange(Json{{"date", "2025-09-01"}, {"items", Json::array({"colour"})}});
        },
        "invalid_value", "change.items");
}

TEST(FilingTest, MaterialsAFilingNeeds) {
    const Json form{{"hygiene_evaluation_result", "qualified"}, {"fire_check_passed", true}};
    const std::set<std::string> all = {"business_licence",   "site_proof", "staff_certificates",
                                       "hygiene_evaluation", "fire_check", "food_licence"};
    EXPECT_TRUE(CheckMaterials(FilingKind::kInitial, true, all, form).empty());
    std::set<std::string> no_food = all;
    no_food.erase("food_licence");
    // The food licence only when meals are served (N43).
    EXPECT_TRUE(CheckMaterials(FilingKind::kInitial, false, no_food, form).empty());
    const std::vector<Finding> missing = CheckMaterials(FilingKind::kRelocation, true, no_food, form);
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(missing[0].field, "materials.food_licence");
    EXPECT_EQ(missing[0].rule, "N43");
    // A change needs some proof, of any kind.
    EXPECT_EQ(CheckMaterials(FilingKind::kChange, true, {}, form).front().field, "materials");
    EXPECT_TRUE(CheckMaterials(FilingKind::kChange, true, {"other"}, form).empty());
    // The report must say 合格 and the fire check passed.
    const std::vector<Finding> declared =
        CheckMaterials(FilingKind::kInitial, true, all,
                       Json{{"hygiene_evaluation_result", "unqualified"}, {"fire_check_passed", false}});
    ASSERT_EQ(declared.size(), 2u);
    EXPECT_EQ(declared[0].field, "form.hygiene_evaluation_result");
    EXPECT_EQ(declared[1].field, "form.fire_check_passed");
    EXPECT_EQ(declared[0].severity, Severity::kFail);
}

}  // namespace
}  // namespace tuoyu::filing
