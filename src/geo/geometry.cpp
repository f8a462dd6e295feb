#include "geo/geometry.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "core/error.hpp"
#include "geo/china.hpp"

namespace tuoyu::geo {

namespace {

void OnGeosError(const char* message, void* userdata) {
    static_cast<GeosContext*>(userdata)->SetError(message != nullptr ? message : "");
}

void OnGeosNotice(const char*, void*) {}

// A string that GEOS allocated, freed with the context that made it.
class GeosText {
  public:
    GeosText(GEOSContextHandle_t handle, char* text) : handle_(handle), text_(text) {}
    ~GeosText() {
        if (text_ != nullptr) {
            GEOSFree_r(handle_, text_);
        }
    }
    GeosText(const GeosText&) = delete;
    GeosText& operator=(const GeosText&) = delete;
    std::string str() const { return text_ != nullptr ? std::string(text_) : std::string(); }
    bool empty() const { return text_ == nullptr; }

  private:
    GEOSContextHandle_t handle_;
    char* text_;
};

ApiError InvalidGeometry(const std::string& field, const std::string& detail_zh, const std::string& detail_en) {
    return BadRequest("invalid_geometry", field, "字段 " + field + " 不是有效的几何图形：" + detail_zh,
                      "Field " + field + " is not a valid geometry: " + detail_en);
}

// What the coordinate pass over a parsed geometry needs: the options, and what went wrong first.
struct CoordinatePass {
    const ReadOptions* options;
    enum class Problem { kNone, kOutOfRange, kOutsideChina } problem = Problem::kNone;
    LonLat offending{};
};

double RoundTo7(double degrees) {
    return std::round(degrees * 1e7) / 1e7;
}

// Checks one vertex in the client's system, converts it to WGS-84 and rounds it; returning 0 makes
// GEOSGeom_transformXY_r give up.
int CheckAndConvert(double* x, double* y, void* userdata) {
    auto* pass = static_cast<CoordinatePass*>(userdata);
    if (!std::isfinite(*x) || !std::isfinite(*y) || *x < -180 || *x > 180 || *y < -90 || *y > 90) {
        pass->problem = CoordinatePass::Problem::kOutOfRange;
        pass->offending = {*x, *y};
        return 0;
    }
    const LonLat wgs84 = ToWgs84({*x, *y}, pass->options->crs);
    if (pass->options->require_in_china && !MayLieInChina(wgs84)) {
        pass->problem = CoordinatePass::Problem::kOutsideChina;
        pass->offending = {*x, *y};
        return 0;
    }
    *x = RoundTo7(wgs84.lon);
    *y = RoundTo7(wgs84.lat);
    return 1;
}

std::string PairText(LonLat point) {
    char text[64];
    std::snprintf(text, sizeof text, "%.7g %.7g", point.lon, point.lat);
    return text;
}

// Type, emptiness, size, coordinates and validity of a freshly parsed geometry; returns it in WGS-84.
Geometry Check(Geometry parsed, const std::string& field, const ReadOptions& options) {
    GEOSContextHandle_t handle = parsed.context()->handle();
    const int type_id = GEOSGeomTypeId_r(handle, parsed.raw());
    if (type_id < GEOS_POINT || type_id > GEOS_MULTIPOLYGON || type_id == GEOS_LINEARRING) {
        throw InvalidGeometry(field, "只接受 Point、LineString、Polygon、MultiPoint、MultiLineString、MultiPolygon",
                              "only Point, LineString, Polygon, MultiPoint, MultiLineString and MultiPolygon are "
                              "accepted");
    }
    if (GEOSisEmpty_r(handle, parsed.raw()) != 0) {
        throw InvalidGeometry(field, "图形为空", "it is empty");
    }
    const int coordinates = GEOSGetNumCoordinates_r(handle, parsed.raw());
    if (coordinates < 0 || static_cast<std::size_t>(coordinates) > options.max_coordinates) {
        throw InvalidGeometry(field, "顶点超过 " + std::to_string(options.max_coordinates) + " 个",
                              "it has more than " + std::to_string(options.max_coordinates) + " vertices");
    }
    CoordinatePass pass{&options};
    GEOSGeometry* converted = GEOSGeom_transformXY_r(handle, parsed.raw(), CheckAndConvert, &pass);
    if (converted == nullptr) {
        if (pass.problem == CoordinatePass::Problem::kOutOfRange) {
            throw BadRequest(
                "invalid_coordinate", field,
                "字段 " + field + " 的坐标超出范围（经度 -180 到 180，纬度 -90 到 90）：" + PairText(pass.offending),
                "Field " + field +
                    " has a coordinate out of range (longitude -180 to 180, latitude "
                    "-90 to 90, in that order): " +
                    PairText(pass.offending));
        }
        if (pass.problem == CoordinatePass::Problem::kOutsideChina) {
            throw BadRequest(
                "coordinates_outside_china", field,
                "字段 " + field + " 的顶点不在中国境内：" + PairText(pass.offending) + "（请检查经纬度顺序与坐标系）",
                "Field " + field + " has a vertex that cannot lie in China: " + PairText(pass.offending) +
                    " (check the order longitude latitude and the system)");
        }
        throw InvalidGeometry(field, "坐标转换失败",
                              "its coordinates could not be converted: " + parsed.context()->TakeError());
    }
    Geometry result(parsed.context(), converted);
    if (!options.require_valid) {
        return result;
    }
    const int valid = GEOSisValid_r(handle, result.raw());
    if (valid != 1) {
        GeosText reason(handle, GEOSisValidReason_r(handle, result.raw()));
        const std::string detail = reason.empty() ? parsed.context()->TakeError() : reason.str();
        throw InvalidGeometry(field, "图形自相交或环未闭合等（" + detail + "）", detail);
    }
    return result;
}

template <typename Reader>
Geometry Read(std::string_view text, const std::string& field, const ReadOptions& options, Reader read) {
    auto context = std::make_shared<GeosContext>();
    const std::string copy(text);  // GEOS wants a terminated string
    GEOSGeometry* parsed = read(context->handle(), copy.c_str());
    if (parsed == nullptr) {
        const std::string detail = context->TakeError();
        throw InvalidGeometry(field, "无法解析（" + detail + "）", "it cannot be parsed (" + detail + ")");
    }
    return Check(Geometry(context, parsed), field, options);
}

// WGS-84.
constexpr double kSemiMajor = 6378137.0;
constexpr double kFlattening = 1.0 / 298.257223563;
constexpr double kE2 = kFlattening * (2.0 - kFlattening);
constexpr double kPi = std::numbers::pi;

// The azimuthal equidistant plane centred on a point, see DistanceMetres.
struct LocalPlane {
    double lat0;  // radians
    double lon0;
    double sin_lat0;
    double cos_lat0;
    double inverse_meridian_radius;  // 1 / M at the centre
    double inverse_normal_radius;    // 1 / N at the centre

    explicit LocalPlane(LonLat centre)
        : lat0(centre.lat * kPi / 180.0),
          lon0(centre.lon * kPi / 180.0),
          sin_lat0(std::sin(lat0)),
          cos_lat0(std::cos(lat0)) {
        const double w = 1.0 - kE2 * sin_lat0 * sin_lat0;
        const double normal = kSemiMajor / std::sqrt(w);
        inverse_normal_radius = 1.0 / normal;
        inverse_meridian_radius = w / (normal * (1.0 - kE2));
    }

    void Project(double lon_degrees, double lat_degrees, double* x, double* y) const {
        const double lat = lat_degrees * kPi / 180.0;
        double d_lon = lon_degrees * kPi / 180.0 - lon0;
        d_lon = std::remainder(d_lon, 2.0 * kPi);
        const double cos_lat = std::cos(lat);
        // Central angle by the haversine formula (stable for short distances) and the azimuth.
        const double s_lat = std::sin((lat - lat0) / 2.0);
        const double s_lon = std::sin(d_lon / 2.0);
        const double h = std::min(1.0, s_lat * s_lat + cos_lat0 * cos_lat * s_lon * s_lon);
        const double angle = 2.0 * std::asin(std::sqrt(h));
        const double azimuth =
            std::atan2(std::sin(d_lon) * cos_lat, cos_lat0 * std::sin(lat) - sin_lat0 * cos_lat * std::cos(d_lon));
        const double c = std::cos(azimuth);
        const double s = std::sin(azimuth);
        const double radius = 1.0 / (c * c * inverse_meridian_radius + s * s * inverse_normal_radius);
        *x = radius * angle * s;
        *y = radius * angle * c;
    }
};

int ProjectVertex(double* x, double* y, void* userdata) {
    static_cast<const LocalPlane*>(userdata)->Project(*x, *y, x, y);
    return 1;
}

}  // namespace

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
    if (handle_ == nullptr) {
        throw std::runtime_error("GEOS_init_r failed");
    }
    GEOSContext_setErrorMessageHandler_r(handle_, OnGeosError, this);
    GEOSContext_setNoticeMessageHandler_r(handle_, OnGeosNotice, this);
}

GeosContext::~GeosContext() {
    GEOS_finish_r(handle_);
}

std::string GeosContext::TakeError() {
    std::string message = std::move(error_);
    error_.clear();
    return message.empty() ? "GEOS error" : message;
}

std::string_view GeometryTypeName(GeometryType type) {
    switch (type) {
        case GeometryType::kPoint:
            return "Point";
        case GeometryType::kLineString:
            return "LineString";
        case GeometryType::kPolygon:
            return "Polygon";
        case GeometryType::kMultiPoint:
            return "MultiPoint";
        case GeometryType::kMultiLineString:
            return "MultiLineString";
        case GeometryType::kMultiPolygon:
            return "MultiPolygon";
    }
    return "";
}

Geometry::Geometry(std::shared_ptr<GeosContext> context, GEOSGeom_t* geometry)
    : context_(std::move(context)), geometry_(geometry) {}

Geometry::~Geometry() {
    if (geometry_ != nullptr) {
        GEOSGeom_destroy_r(context_->handle(), geometry_);
    }
}

Geometry::Geometry(Geometry&& other) noexcept : context_(std::move(other.context_)), geometry_(other.geometry_) {
    other.geometry_ = nullptr;
}

Geometry& Geometry::operator=(Geometry&& other) noexcept {
    if (this != &other) {
        if (geometry_ != nullptr) {
            GEOSGeom_destroy_r(context_->handle(), geometry_);
        }
        context_ = std::move(other.context_);
        geometry_ = other.geometry_;
        other.geometry_ = nullptr;
    }
    return *this;
}

GeometryType Geometry::type() const {
    switch (GEOSGeomTypeId_r(context_->handle(), geometry_)) {
        case GEOS_LINESTRING:
            return GeometryType::kLineString;
        case GEOS_POLYGON:
            return GeometryType::kPolygon;
        case GEOS_MULTIPOINT:
            return GeometryType::kMultiPoint;
        case GEOS_MULTILINESTRING:
            return GeometryType::kMultiLineString;
        case GEOS_MULTIPOLYGON:
            return GeometryType::kMultiPolygon;
        default:
            break;
    }
    return GeometryType::kPoint;
}

Bounds Geometry::bounds() const {
    Bounds bounds;
    if (GEOSGeom_getExtent_r(context_->handle(), geometry_, &bounds.min_lon, &bounds.min_lat, &bounds.max_lon,
                             &bounds.max_lat) == 0) {
        throw std::runtime_error("GEOSGeom_getExtent_r: " + context_->TakeError());
    }
    return bounds;
}

std::size_t Geometry::coordinate_count() const {
    const int count = GEOSGetNumCoordinates_r(context_->handle(), geometry_);
    return count > 0 ? static_cast<std::size_t>(count) : 0;
}

std::string Geometry::ToWkt() const {
    GEOSContextHandle_t handle = context_->handle();
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(handle);
    GEOSWKTWriter_setRoundingPrecision_r(handle, writer, 7);
    GEOSWKTWriter_setTrim_r(handle, writer, 1);
    GEOSWKTWriter_setOutputDimension_r(handle, writer, 2);
    GeosText text(handle, GEOSWKTWriter_write_r(handle, writer, geometry_));
    GEOSWKTWriter_destroy_r(handle, writer);
    if (text.empty()) {
        throw std::runtime_error("GEOSWKTWriter_write_r: " + context_->TakeError());
    }
    return text.str();
}

std::string Geometry::ToGeoJson() const {
    GEOSContextHandle_t handle = context_->handle();
    GEOSGeoJSONWriter* writer = GEOSGeoJSONWriter_create_r(handle);
    GeosText text(handle, GEOSGeoJSONWriter_writeGeometry_r(handle, writer, geometry_, -1));
    GEOSGeoJSONWriter_destroy_r(handle, writer);
    if (text.empty()) {
        throw std::runtime_error("GEOSGeoJSONWriter_writeGeometry_r: " + context_->TakeError());
    }
    return text.str();
}

Geometry ReadWkt(std::string_view text, const std::string& field, const ReadOptions& options) {
    return Read(text, field, options, [](GEOSContextHandle_t handle, const char* wkt) {
        GEOSWKTReader* reader = GEOSWKTReader_create_r(handle);
        GEOSGeometry* geometry = GEOSWKTReader_read_r(handle, reader, wkt);
        GEOSWKTReader_destroy_r(handle, reader);
        return geometry;
    });
}

Geometry ReadGeoJson(std::string_view text, const std::string& field, const ReadOptions& options) {
    return Read(text, field, options, [](GEOSContextHandle_t handle, const char* json) {
        GEOSGeoJSONReader* reader = GEOSGeoJSONReader_create_r(handle);
        GEOSGeometry* geometry = GEOSGeoJSONReader_readGeometry_r(handle, reader, json);
        GEOSGeoJSONReader_destroy_r(handle, reader);
        return geometry;
    });
}

double DistanceMetres(LonLat point, const Geometry& geometry) {
    GEOSContextHandle_t handle = geometry.context()->handle();
    LocalPlane plane(point);
    Geometry projected(geometry.context(), GEOSGeom_transformXY_r(handle, geometry.raw(), ProjectVertex, &plane));
    if (projected.raw() == nullptr) {
        throw std::runtime_error("GEOSGeom_transformXY_r: " + geometry.context()->TakeError());
    }
    Geometry centre(geometry.context(), GEOSGeom_createPointFromXY_r(handle, 0.0, 0.0));
    double distance = 0;
    if (centre.raw() == nullptr || GEOSDistance_r(handle, centre.raw(), projected.raw(), &distance) != 1) {
        throw std::runtime_error("GEOSDistance_r: " + geometry.context()->TakeError());
    }
    return distance;
}

}  // namespace tuoyu::geo
