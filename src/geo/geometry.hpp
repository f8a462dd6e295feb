#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "geo/coordinates.hpp"

// GEOS's C API types, kept out of the callers' sight: only geometry.cpp includes geos_c.h.
struct GEOSContextHandle_HS;
struct GEOSGeom_t;

// Geometries read from WKT or GeoJSON, checked, held in WGS-84, and measured in metres. Built on the
// reentrant C API of GEOS (GEOS_init_r and the *_r functions): every Geometry carries the context
// handle it was made with, a handle serves one thread at a time, and each read makes a new one, so
// requests on different threads never share one.
namespace tuoyu::geo {

// One GEOS context handle and the last error GEOS reported on it. Not copyable; shared by the
// geometries made with it so that it outlives them.
class GeosContext {
  public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_HS* handle() const { return handle_; }
    // The last message GEOS reported, and clears it.
    std::string TakeError();
    void SetError(std::string message) { error_ = std::move(message); }

  private:
    GEOSContextHandle_HS* handle_;
    std::string error_;
};

enum class GeometryType { kPoint, kLineString, kPolygon, kMultiPoint, kMultiLineString, kMultiPolygon };

// "Point", "LineString" … as WKT and GeoJSON spell them.
std::string_view GeometryTypeName(GeometryType type);

// The bounding box, for the index that prefilters candidates before the exact distance.
struct Bounds {
    double min_lon = 0;
    double min_lat = 0;
    double max_lon = 0;
    double max_lat = 0;
};

class Geometry {
  public:
    Geometry(std::shared_ptr<GeosContext> context, GEOSGeom_t* geometry);
    ~Geometry();
    Geometry(Geometry&& other) noexcept;
    Geometry& operator=(Geometry&& other) noexcept;
    Geometry(const Geometry&) = delete;
    Geometry& operator=(const Geometry&) = delete;

    GeometryType type() const;
    Bounds bounds() const;
    std::size_t coordinate_count() const;
    // WKT with 7 decimals (about 1 cm), two dimensions: the stored form.
    std::string ToWkt() const;
    // The GeoJSON geometry object, compact.
    std::string ToGeoJson() const;

    const std::shared_ptr<GeosContext>& context() const { return context_; }
    GEOSGeom_t* raw() const { return geometry_; }

  private:
    std::shared_ptr<GeosContext> context_;
    GEOSGeom_t* geometry_;
};

// How a geometry from a client is read. Every coordinate must be finite and in range for `crs`; it is
// converted to WGS-84 and rounded to 1e-7 degrees; with require_in_china, every vertex must pass
// MayLieInChina. The result must be one of the six types, not empty, at most max_coordinates vertices,
// and valid in the OGC sense (GEOSisValid: no self-intersecting rings …).
struct ReadOptions {
    Crs crs = Crs::kWgs84;
    bool require_in_china = true;
    bool require_valid = true;  // false only for geometries read back from storage, checked when written
    std::size_t max_coordinates = 100'000;
};

// Both throw a 400 naming `field`: invalid_geometry (not parseable, wrong type, empty, not valid, too
// many vertices), invalid_coordinate (out of range) or coordinates_outside_china.
Geometry ReadWkt(std::string_view text, const std::string& field, const ReadOptions& options = {});
Geometry ReadGeoJson(std::string_view text, const std::string& field, const ReadOptions& options = {});

// The distance in metres on the WGS-84 ellipsoid between a point and the nearest part of a geometry
// (0 when the point lies on or inside it). Both are projected onto a plane centred on the point: an
// azimuthal equidistant projection whose radius in each azimuth is the ellipsoid's radius of
// curvature in that azimuth at the point (Euler's formula from the meridian and prime-vertical radii).
// Distances from the centre are then true to first order in every direction, and GEOSDistance measures
// in that plane. Error bound: the radius of curvature changes along the way (at most 1.0 % from the
// equator to the pole, 0.02 % per 100 km) and segments away from the centre are straight in the plane
// rather than geodesic; the sum stays below 0.1 % for features within 100 km, a few centimetres at the
// hazard distances of RULES S3. tests/unit/geo_geometry_test.cpp compares with Vincenty's geodesic
// distances: at most 0.008 % off up to 100 km in every azimuth, 0.08 % along meridians to 1000 km.
double DistanceMetres(LonLat point, const Geometry& geometry);

}  // namespace tuoyu::geo
