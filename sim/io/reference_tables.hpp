#pragma once
// The parameter table and the output measures as text: an aligned table for people, CSV for
// programs, Markdown for docs/parameters.md and docs/outputs.md (generated, checked in).
#include <string>

namespace partysim {

enum class TableFormat { text, csv, markdown };

std::string parameters_table(TableFormat format);
std::string outputs_table(TableFormat format);

}  // namespace partysim
