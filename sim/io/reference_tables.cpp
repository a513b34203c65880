#include "io/reference_tables.hpp"

#include <algorithm>
#include <vector>

#include "model/month_record.hpp"
#include "params/parameter_table.hpp"

namespace partysim {

namespace {
using Row = std::vector<std::string>;

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (const char ch : text) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out;
}

std::string render(const Row& header, const std::vector<Row>& rows, TableFormat format) {
  std::string out;
  auto line = [&](const Row& row) {
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (format == TableFormat::csv) out += (k ? "," : "") + csv_field(row[k]);
      if (format == TableFormat::markdown) out += (k ? " | " : "| ") + markdown_cell(row[k]);
    }
    out += format == TableFormat::markdown ? " |\n" : "\n";
  };
  if (format == TableFormat::text) {
    // People read a block per entry: the first column as a heading, the rest indented.
    for (const Row& row : rows) {
      out += row[0] + "\n";
      for (std::size_t k = 1; k < row.size(); ++k)
        if (!row[k].empty()) out += "    " + header[k] + ": " + row[k] + "\n";
    }
    return out;
  }
  line(header);
  if (format == TableFormat::markdown) {
    Row rule(header.size(), "---");
    line(rule);
  }
  for (const Row& row : rows) line(row);
  return out;
}
}  // namespace

std::string parameters_table(TableFormat format) {
  const Row header = {"key", "type", "default", "unit", "range", "meaning", "source"};
  std::vector<Row> rows;
  for (const auto& s : parameter_table())
    rows.push_back({s.key(), std::string(kind_name(s.kind)), std::string(s.default_text),
                    std::string(s.unit), range_text(s), std::string(s.meaning),
                    std::string(s.source)});
  return render(header, rows, format);
}

std::string outputs_table(TableFormat format) {
  const Row header = {"file", "measure", "unit", "meaning"};
  std::vector<Row> rows;
  rows.push_back({"timeseries.csv", "date", "YYYY-MM", "the month"});
  for (const auto& m : kMeasures)
    rows.push_back({"timeseries.csv", std::string(m.name), std::string(m.unit), std::string(m.meaning)});
  for (const auto& m : kSongbunMeasures)
    rows.push_back({"by_songbun.csv", std::string(m.name), std::string(m.unit), std::string(m.meaning)});
  if (format == TableFormat::text)
    for (Row& row : rows) std::swap(row[0], row[1]);
  return render(format == TableFormat::text ? Row{"measure", "file", "unit", "meaning"} : header,
                rows, format);
}

}  // namespace partysim
