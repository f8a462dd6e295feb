#include "geo/china.hpp"

#include <cmath>

#include "core/error.hpp"

namespace tuoyu::geo {

namespace {

// The mainland with Hainan and Taiwan, clockwise from where the Argun and the Shilka form the Amur.
// Each vertex lies outside the border or the coast it stands for (see china.hpp).
constexpr LonLat kMainland[] = {
    // Russia, along the Amur (黑龙江) and the Ussuri (乌苏里江).
    {121.2, 53.5},  // Amur begins (洛古河)
    {123.3, 53.8},  // 漠河, northernmost bend
    {126.3, 53.3},
    {128.0, 50.5},  // 黑河 (Blagoveshchensk across the river)
    {131.0, 49.0},  // 嘉荫
    {133.0, 48.4},  // 同江 to the south
    {135.3, 48.6},  // 抚远, 黑瞎子岛 (Khabarovsk at the confluence falls inside)
    {134.6, 46.8},  // 饶河
    {133.9, 45.6},  // 虎头
    {133.2, 44.8},  // 兴凯湖
    {131.6, 44.5},  // 绥芬河
    {131.5, 43.3},  // 东宁
    {130.9, 42.5},  // 珲春
    {130.7, 42.2},  // 防川, mouth of the Tumen (图们江)
    // North Korea, along the Tumen and the Yalu (鸭绿江).
    {129.6, 42.6},   // 图们
    {128.8, 42.0},   // 崇善
    {128.3, 41.3},   // 长白
    {127.0, 41.55},  // 临江
    {126.2, 40.95},  // 集安
    {125.2, 40.4},   // 宽甸
    {124.2, 39.7},   // 丹东, mouth of the Yalu
    // The coast with its islands, offshore.
    {123.4, 38.9},  // 长山群岛
    {123.2, 37.4},  // 成山头
    {122.6, 35.0},
    {123.3, 31.5},  // 长江口, 嵊泗
    {123.0, 29.5},  // 舟山
    {122.6, 28.0},
    {122.5, 26.5},  // 彭佳屿 to the south-east
    {122.3, 24.0},  // 台湾 east coast
    {121.9, 21.8},  // 兰屿
    {120.8, 21.7},  // 鹅銮鼻
    {116.5, 20.3},  // 东沙群岛
    {113.5, 21.3},  // 珠江口
    {111.4, 20.0},  // 海南 north-east
    {110.5, 17.9},
    {109.2, 17.8},  // 三亚, south of
    {108.3, 18.4},
    {108.4, 19.4},  // 海南 west coast
    {108.2, 21.3},  // 北部湾
    {107.9, 21.4},  // 东兴
    // Vietnam.
    {106.6, 21.8},
    {106.4, 22.3},  // 凭祥, 友谊关
    {105.4, 22.8},  // 那坡
    {104.4, 22.6},  // 麻栗坡
    {103.9, 22.3},  // 河口
    {102.5, 22.2},  // 金平, 绿春
    // Laos.
    {102.0, 21.4},
    {101.7, 21.0},  // 磨憨
    {101.0, 21.0},
    // Myanmar.
    {100.0, 21.3},  // 打洛
    {99.0, 22.0},   // 孟连
    {98.5, 23.2},   // 沧源, 孟定
    {97.4, 23.8},   // 瑞丽, 畹町
    {97.3, 24.6},   // 盈江
    {97.4, 25.4},   // 猴桥
    {98.1, 26.2},   // 片马
    {98.1, 27.8},   // 独龙江
    {97.4, 28.1},   // 察隅
    // India: 藏南 as Chinese maps draw it, along the foot of the hills.
    {96.2, 27.75},
    {95.0, 27.6},
    {94.2, 27.35},
    {93.5, 26.95},
    {92.0, 26.8},
    // Bhutan, and the 亚东 valley between Bhutan and Sikkim.
    {92.1, 27.85},
    {90.8, 28.15},
    {89.6, 28.25},
    {89.2, 27.6},
    {88.95, 27.2},  // 亚东
    {88.75, 27.5},
    {88.85, 28.05},
    {88.1, 27.95},
    // Nepal, south of the crest where Chinese ports lie beyond it.
    {87.0, 27.85},
    {86.0, 27.85},  // 樟木
    {85.2, 28.15},  // 吉隆
    {84.0, 28.5},
    {82.5, 29.5},
    {81.0, 30.1},  // 普兰
    // India, west: 阿里 and 阿克赛钦.
    {80.2, 30.5},
    {78.6, 31.4},  // 什布奇
    {78.6, 32.6},
    {78.3, 33.6},  // 班公湖
    {77.8, 34.5},
    {77.7, 35.6},  // 喀喇昆仑山口
    // Pakistan.
    {76.4, 35.7},
    {75.2, 36.6},  // 红其拉甫
    // Afghanistan and Tajikistan.
    {74.5, 37.05},
    {74.4, 38.3},   // 塔什库尔干 to the west
    {73.4, 39.45},  // 斯姆哈纳, westernmost
    // Kyrgyzstan.
    {73.6, 39.9},   // 伊尔克什坦
    {75.5, 40.85},  // 吐尔尕特
    {77.0, 41.15},
    {78.5, 41.85},  // 别迭里
    {80.1, 42.3},   // 汗腾格里峰
    // Kazakhstan.
    {80.1, 44.3},  // 霍尔果斯
    {80.4, 45.25},
    {82.3, 45.4},  // 阿拉山口
    {82.2, 46.2},
    {82.8, 47.3},  // 塔城, 巴克图
    {85.4, 47.0},  // 吉木乃
    {85.5, 48.45},
    {86.6, 49.25},
    {87.4, 49.3},  // 友谊峰
    // Mongolia, around its eastern bulge and back north-west.
    {87.9, 49.35},
    {88.9, 48.9},
    {90.2, 48.2},  // 青河
    {91.1, 47.0},  // 塔克什肯
    {91.3, 45.7},
    {93.5, 45.2},  // 老爷庙
    {95.4, 44.6},
    {96.6, 43.0},
    {100.8, 42.9},  // 策克
    {103.5, 42.4},
    {105.0, 41.85},
    {106.8, 42.6},  // 甘其毛都
    {109.5, 42.8},
    {111.8, 43.95},  // 二连浩特
    {113.7, 45.1},   // 珠恩嘎达布其
    {116.2, 46.6},
    {118.0, 47.0},
    {120.0, 46.9},  // 阿尔山
    {119.3, 47.25},
    {118.2, 47.35},
    {117.5, 47.75},  // 额布都格
    {115.4, 47.7},   // 阿日哈沙特
    {116.4, 49.95},  // China, Mongolia and Russia meet
    // Russia, along the Argun (额尔古纳河).
    {117.4, 49.8},  // 满洲里
    {119.2, 50.5},  // 黑山头
    {119.8, 51.6},  // 室韦
    {120.6, 52.8},
    {121.2, 53.5},
};

// 钓鱼岛 and its islets (赤尾屿 to the east).
constexpr LonLat kDiaoyu[] = {{123.3, 25.6}, {124.7, 25.6}, {124.7, 26.05}, {123.3, 26.05}, {123.3, 25.6}};

// 西沙群岛, 中沙群岛 and 黄岩岛 (永兴岛 is the seat of 三沙市).
constexpr LonLat kXishaZhongsha[] = {{110.9, 15.5}, {117.9, 14.8}, {118.0, 15.5},
                                     {113.0, 17.4}, {110.9, 17.4}, {110.9, 15.5}};

// 南沙群岛, its inhabited reefs; the shoals further south (曾母暗沙) are left out, nobody files there.
constexpr LonLat kNansha[] = {{112.0, 8.0}, {116.2, 8.0}, {116.2, 11.8}, {112.0, 11.8}, {112.0, 8.0}};

constexpr std::span<const LonLat> kRings[] = {kMainland, kDiaoyu, kXishaZhongsha, kNansha};

// Even–odd rule with a ray towards the east: a point inside crosses an odd number of edges.
bool InsideRing(std::span<const LonLat> ring, LonLat point) {
    bool inside = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const LonLat& a = ring[i];
        const LonLat& b = ring[j];
        if ((a.lat > point.lat) != (b.lat > point.lat)) {
            const double crossing = a.lon + (point.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
            if (point.lon < crossing) {
                inside = !inside;
            }
        }
    }
    return inside;
}

}  // namespace

bool MayLieInChina(LonLat wgs84) {
    for (std::span<const LonLat> ring : kRings) {
        if (InsideRing(ring, wgs84)) {
            return true;
        }
    }
    return false;
}

std::span<const std::span<const LonLat>> ChinaOutline() {
    return kRings;
}

LonLat RequirePointInChina(double lon, double lat, Crs crs, const std::string& lon_field,
                           const std::string& lat_field) {
    if (!std::isfinite(lon) || lon < -180 || lon > 180) {
        throw BadRequest("invalid_coordinate", lon_field, "经度须为 -180 到 180 之间的数",
                         "The longitude must be a number from -180 to 180");
    }
    if (!std::isfinite(lat) || lat < -90 || lat > 90) {
        throw BadRequest("invalid_coordinate", lat_field, "纬度须为 -90 到 90 之间的数",
                         "The latitude must be a number from -90 to 90");
    }
    const LonLat wgs84 = ToWgs84({lon, lat}, crs);
    if (!MayLieInChina(wgs84)) {
        // China spans latitudes 3.8 to 53.6: outside them the latitude is wrong, else the longitude
        // (or both, or the pair is swapped, which the longitude shows first).
        const bool latitude_wrong = wgs84.lat < 3.5 || wgs84.lat > 54.0;
        throw BadRequest("coordinates_outside_china", latitude_wrong ? lat_field : lon_field,
                         "坐标（经度 " + std::to_string(lon) + "，纬度 " + std::to_string(lat) + "，" +
                             std::string(CrsCode(crs)) + "）不在中国境内，请检查经纬度是否填反、坐标系是否正确",
                         "The point (longitude " + std::to_string(lon) + ", latitude " + std::to_string(lat) + ", " +
                             std::string(CrsCode(crs)) +
                             ") cannot lie in China: check that longitude and latitude are not swapped and that the "
                             "coordinate system is right");
    }
    return wgs84;
}

}  // namespace tuoyu::geo
