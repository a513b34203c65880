# Runs at every build: writes build_info.cpp with the current git revision (only when it changed,
# so that nothing rebuilds needlessly). Called with -DSOURCE_DIR -DINPUT -DOUTPUT and the values.
execute_process(
  COMMAND git describe --always --dirty --abbrev=12
  WORKING_DIRECTORY "${SOURCE_DIR}"
  OUTPUT_VARIABLE PARTYSIM_GIT_REVISION
  OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET)
if(NOT PARTYSIM_GIT_REVISION)
  set(PARTYSIM_GIT_REVISION "unknown")
endif()
configure_file("${INPUT}" "${OUTPUT}" @ONLY)
