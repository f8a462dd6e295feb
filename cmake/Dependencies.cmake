# Debian 12 packages installed by scripts/setup.sh. SOCI ships no CMake or pkg-config files,
# so its libraries are linked by name and its headers (which include Boost) come from /usr/include.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(fmt REQUIRED)
find_package(ZLIB REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
# GEOS through its C API (geos_c.h), whose ABI is stable across releases; Debian's libgeos-dev ships geos.pc.
pkg_check_modules(GEOS REQUIRED IMPORTED_TARGET geos>=3.11)
find_path(RESTINIO_INCLUDE_DIR restinio/all.hpp REQUIRED)
find_path(HTTP_PARSER_INCLUDE_DIR http_parser.h REQUIRED)
find_library(HTTP_PARSER_LIBRARY http_parser REQUIRED)
# libharu writes the PDF receipts and notices (Chinese fonts embedded); no CMake or pkg-config file.
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY hpdf REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)

add_library(tuoyu_soci INTERFACE)
target_link_libraries(tuoyu_soci INTERFACE
    ${SOCI_SQLITE3_LIBRARY} ${SOCI_POSTGRESQL_LIBRARY} ${SOCI_CORE_LIBRARY}
    PkgConfig::SQLITE3 PkgConfig::LIBPQ ${CMAKE_DL_LIBS})
target_include_directories(tuoyu_soci SYSTEM INTERFACE /usr/include/postgresql)
