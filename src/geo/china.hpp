#pragma once

#include <span>
#include <string>

#include "geo/coordinates.hpp"

// Whether a point can lie in China, for refusing coordinates that were typed wrongly (swapped, a sign
// lost, a system mixed up) before they reach a check that would then find nothing near them.
namespace tuoyu::geo {

// A coarse outline of China's territory in WGS-84: the mainland with Hainan and Taiwan in one ring of
// 130 vertices, and the island groups of the East and South China Seas as boxes. It was
// traced for Tuoyu by hand along the course of the land border (the rivers, passes and ports named in
// china.cpp) and the coast, with every vertex placed on the outer side of the line, about 10 to 50 km
// out, and the coastal waters included. It therefore never refuses a point in China, and it accepts
// points in neighbouring countries within some tens of kilometres of the border (Blagoveshchensk across
// the river from 黑河, Sinuiju from 丹东). It is a plausibility check, not a boundary: precision ±50 km.
bool MayLieInChina(LonLat wgs84);

// The outline's rings, each closed (last vertex = first), for tests and for drawing.
std::span<const std::span<const LonLat>> ChinaOutline();

// Checks a coordinate pair as a client sends it and returns it in WGS-84: both numbers finite and in
// range for the system, then inside the outline. A 400 otherwise, naming `lon_field` or `lat_field`
// (code invalid_coordinate or coordinates_outside_china).
LonLat RequirePointInChina(double lon, double lat, Crs crs, const std::string& lon_field, const std::string& lat_field);

}  // namespace tuoyu::geo
