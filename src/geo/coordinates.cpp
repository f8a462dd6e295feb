#include "geo/coordinates.hpp"

#include <cmath>
#include <numbers>

namespace tuoyu::geo {

namespace {

constexpr double kPi = std::numbers::pi;

// GCJ-02 offsets are computed on the Krasovsky 1940 ellipsoid.
constexpr double kKrasovskyA = 6378245.0;
constexpr double kKrasovskyE2 = 0.00669342162296594323;

// The published offset polynomials, in metres-like units, of the position relative to (105°E, 35°N).
double OffsetNorth(double x, double y) {
    double sum = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
    sum += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    sum += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    sum += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return sum;
}

double OffsetEast(double x, double y) {
    double sum = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
    sum += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    sum += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    sum += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return sum;
}

// BD-09 works in a frame whose origin is moved by (0.0065, 0.006) degrees and whose angle and radius are
// perturbed with a period of 180/3000 degrees.
constexpr double kBdOmega = kPi * 3000.0 / 180.0;
constexpr double kBdShiftLon = 0.0065;
constexpr double kBdShiftLat = 0.006;

// Solves forward(x) = target for x by fixed-point iteration x ← x − (forward(x) − target), which converges
// because each forward transform is the identity plus a slowly varying offset (its derivative is within
// 1e-3 of the identity's).
template <typename Forward>
LonLat Invert(LonLat target, LonLat start, Forward forward) {
    constexpr double kTolerance = 1e-10;  // degrees, about 0.01 mm
    LonLat guess = start;
    for (int step = 0; step < 30; ++step) {
        const LonLat image = forward(guess);
        const double d_lon = image.lon - target.lon;
        const double d_lat = image.lat - target.lat;
        guess.lon -= d_lon;
        guess.lat -= d_lat;
        if (std::fabs(d_lon) < kTolerance && std::fabs(d_lat) < kTolerance) {
            break;
        }
    }
    return guess;
}

}  // namespace

std::optional<Crs> ParseCrs(std::string_view code) {
    if (code == "wgs84") {
        return Crs::kWgs84;
    }
    if (code == "gcj02") {
        return Crs::kGcj02;
    }
    if (code == "bd09") {
        return Crs::kBd09;
    }
    return std::nullopt;
}

std::string_view CrsCode(Crs crs) {
    switch (crs) {
        case Crs::kGcj02:
            return "gcj02";
        case Crs::kBd09:
            return "bd09";
        case Crs::kWgs84:
            break;
    }
    return "wgs84";
}

LonLat Wgs84ToGcj02(LonLat wgs84) {
    const double x = wgs84.lon - 105.0;
    const double y = wgs84.lat - 35.0;
    const double phi = wgs84.lat / 180.0 * kPi;
    const double w = 1.0 - kKrasovskyE2 * std::sin(phi) * std::sin(phi);
    const double sqrt_w = std::sqrt(w);
    // Offsets in metres turned into degrees with the meridian and the parallel radii of curvature.
    const double meridian_radius = kKrasovskyA * (1.0 - kKrasovskyE2) / (w * sqrt_w);
    const double parallel_radius = kKrasovskyA / sqrt_w * std::cos(phi);
    return {wgs84.lon + OffsetEast(x, y) * 180.0 / (parallel_radius * kPi),
            wgs84.lat + OffsetNorth(x, y) * 180.0 / (meridian_radius * kPi)};
}

LonLat Gcj02ToWgs84(LonLat gcj02) {
    return Invert(gcj02, gcj02, Wgs84ToGcj02);
}

LonLat Gcj02ToBd09(LonLat gcj02) {
    const double x = gcj02.lon;
    const double y = gcj02.lat;
    const double radius = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kBdOmega);
    const double angle = std::atan2(y, x) + 0.000003 * std::cos(x * kBdOmega);
    return {radius * std::cos(angle) + kBdShiftLon, radius * std::sin(angle) + kBdShiftLat};
}

LonLat Bd09ToGcj02(LonLat bd09) {
    // The published inverse (the forward perturbations subtracted), good to about 1e-6 degrees, as the
    // starting point of the exact inversion.
    const double x = bd09.lon - kBdShiftLon;
    const double y = bd09.lat - kBdShiftLat;
    const double radius = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBdOmega);
    const double angle = std::atan2(y, x) - 0.000003 * std::cos(x * kBdOmega);
    return Invert(bd09, {radius * std::cos(angle), radius * std::sin(angle)}, Gcj02ToBd09);
}

LonLat ToWgs84(LonLat point, Crs crs) {
    switch (crs) {
        case Crs::kGcj02:
            return Gcj02ToWgs84(point);
        case Crs::kBd09:
            return Gcj02ToWgs84(Bd09ToGcj02(point));
        case Crs::kWgs84:
            break;
    }
    return point;
}

LonLat FromWgs84(LonLat wgs84, Crs crs) {
    switch (crs) {
        case Crs::kGcj02:
            return Wgs84ToGcj02(wgs84);
        case Crs::kBd09:
            return Gcj02ToBd09(Wgs84ToGcj02(wgs84));
        case Crs::kWgs84:
            break;
    }
    return wgs84;
}

}  // namespace tuoyu::geo
