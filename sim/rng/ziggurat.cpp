#include "rng/ziggurat.hpp"

namespace partysim {

namespace {
ZigguratTables make_tables() {
  constexpr int n = ZigguratTables::kLayers;
  const double r = ZigguratTables::kTailStart;
  const double v = ZigguratTables::kLayerArea;
  ZigguratTables z;
  double f = std::exp(-0.5 * r * r);
  z.x[0] = v / f;
  z.x[1] = r;
  z.x[n] = 0;
  for (int i = 2; i < n; ++i) {
    z.x[i] = std::sqrt(-2.0 * std::log(v / z.x[i - 1] + f));
    f = std::exp(-0.5 * z.x[i] * z.x[i]);
  }
  for (int i = 0; i < n; ++i) z.ratio[i] = z.x[i + 1] / z.x[i];
  return z;
}
}  // namespace

const ZigguratTables& ziggurat_tables() {
  static const ZigguratTables tables = make_tables();
  return tables;
}

}  // namespace partysim
