#include "io/output_schema.hpp"

#include <vector>

#include "model/month_record.hpp"

namespace partysim {

namespace {
JsonObject column(std::string_view name, std::string_view unit, std::string_view meaning) {
  JsonObject json;
  json.add("name", std::string(name));
  json.add("unit", std::string(unit));
  json.add("meaning", std::string(meaning));
  return json;
}

template <class List>
std::vector<JsonObject> columns(const List& list) {
  std::vector<JsonObject> out;
  for (const auto& c : list) out.push_back(column(c.name, c.unit, c.meaning));
  return out;
}

JsonObject file(const std::string& layout, const std::vector<JsonObject>& other_columns,
                const std::vector<JsonObject>& measures) {
  JsonObject json;
  json.add("layout", layout);
  json.add_array("columns", other_columns);
  json.add_array("measures", measures);
  return json;
}
}  // namespace

JsonObject outputs_schema(bool ensemble) {
  const std::vector<JsonObject> measures = columns(kMeasures);
  JsonObject json;
  if (ensemble) {
    json.add_object("ensemble.csv", file("long: one row per month and measure, the columns below; "
                                         "replicates' files in rep000/, rep001/, ...",
                                         columns(kEnsembleColumns), measures));
    return json;
  }
  json.add_object("timeseries.csv",
                  file("wide: one row per month, the columns below, then one column per measure "
                       "in this order; a mean over nobody is an empty field",
                       columns(kTimeseriesColumns), measures));
  JsonObject by_songbun = file("long: one row per month, songbun class and measure, the columns below",
                               columns(kBySongbunColumns), columns(kSongbunMeasures));
  by_songbun.add_array("songbun", std::vector<std::string>(std::begin(kSongbunNames), std::end(kSongbunNames)));
  json.add_object("by_songbun.csv", by_songbun);
  return json;
}

void write_outputs_schema(const std::filesystem::path& dir, bool ensemble) {
  write_json_file(dir / kOutputsSchemaFileName, outputs_schema(ensemble));
}

}  // namespace partysim
