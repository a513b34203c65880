#pragma once
// The parameter table, the output measures and the month's phases as text: an aligned table for people, CSV and
// JSON for programs (numbers as numbers), Markdown for docs/parameters.md and docs/outputs.md (generated, checked in).
#include <string>

namespace partysim {

enum class TableFormat { text, csv, markdown, json };

std::string parameters_table(TableFormat format);
std::string outputs_table(TableFormat format);
// The month's phases in order (phases.hpp); its Markdown form is the table of docs/ODD.md
// section 3.
std::string phases_table(TableFormat format);

}  // namespace partysim
