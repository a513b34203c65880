#pragma once
// What built this binary, for run.json (filled in by CMake: build_info.cpp.in).
namespace partysim::build_info {
extern const char* const version;
extern const char* const git_revision;
extern const char* const compiler;
extern const char* const compiler_flags;
extern const char* const build_type;
}  // namespace partysim::build_info
