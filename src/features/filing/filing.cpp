#include "features/filing/filing.hpp"

#include <array>
#include <utility>

namespace tuoyu::filing {

namespace {

constexpr std::array<std::pair<FilingKind, std::string_view>, 3> kKinds{{
    {FilingKind::kInitial, "initial"},
    {FilingKind::kChange, "change"},
    {FilingKind::kRelocation, "relocation"},
}};

constexpr std::array<std::pair<FilingState, std::string_view>, 5> kStates{{
    {FilingState::kDraft, "draft"},
    {FilingState::kSubmitted, "submitted"},
    {FilingState::kAccepted, "accepted"},
    {FilingState::kRejected, "rejected"},
    {FilingState::kVoid, "void"},
}};

template <typename Enum, std::size_t N>
std::string_view CodeOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
    for (const auto& [known, code] : table) {
        if (known == value) {
            return code;
        }
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> Parse(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view code) {
    for (const auto& [value, known] : table) {
        if (known == code) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view Code(FilingKind kind) {
    return CodeOf(kKinds, kind);
}

std::string_view Code(FilingState state) {
    return CodeOf(kStates, state);
}

std::optional<FilingKind> ParseFilingKind(std::string_view code) {
    return Parse(kKinds, code);
}

std::optional<FilingState> ParseFilingState(std::string_view code) {
    return Parse(kStates, code);
}

lifecycle::Event SubmitEvent(FilingKind kind) {
    switch (kind) {
        case FilingKind::kChange:
            return lifecycle::Event::kSubmitChange;
        case FilingKind::kRelocation:
            return lifecycle::Event::kSubmitRelocation;
        case FilingKind::kInitial:
            break;
    }
    return lifecycle::Event::kSubmitFiling;
}

// A relocation is a new filing: once submitted it is reviewed like a first one.
lifecycle::Event AcceptEvent(FilingKind kind) {
    return kind == FilingKind::kChange ? lifecycle::Event::kAcceptChange : lifecycle::Event::kAcceptFiling;
}

lifecycle::Event RejectEvent(FilingKind kind) {
    return kind == FilingKind::kChange ? lifecycle::Event::kRejectChange : lifecycle::Event::kRejectFiling;
}

std::string_view Code(Warning warning) {
    switch (warning) {
        case Warning::kDueSoon:
            return "due_soon";
        case Warning::kOverdue:
            return "overdue";
        case Warning::kOk:
            break;
    }
    return "ok";
}

}  // namespace tuoyu::filing
