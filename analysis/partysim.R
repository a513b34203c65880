# partysim's outputs as tidy data frames in R (readr and jsonlite, Debian's r-cran-readr and
# r-cran-jsonlite; nothing else). The same tables as analysis/partysim_io.py:
#
#   source("analysis/partysim.R")
#   ts  <- ps_load_run("out/m1")                       # long: date, measure, value, unit, ...
#   ens <- ps_load_ensemble("out/e1", "by_songbun")    # every replicate stacked
#   sw  <- ps_load_sweep("sw", "timeseries")           # every run stacked, with its parameters
#   sm  <- ps_load_sweep("sw")                         # summary.csv with the plan's columns
#   ps_run_info("out/m1")$parameters$months            # run.json, typed (240, not "240")
#
# Columns: run_id, scenario, seed, replicate (sweeps: point and the varied parameters), then
# date (a Date, the month's first day), [songbun,] measure, value, unit. attr(df, "units") maps
# each measure to its unit. Units come from the outputs.json of the folder (written by partysim),
# never from the docs. Column names are kept as written (check.names = FALSE): plan.csv's names
# are letters, digits, '.' and '_' only, so they are also valid R names.

suppressPackageStartupMessages({
  library(readr)
  library(jsonlite)
})

ps_tables <- c("timeseries", "by_songbun")

ps_stop <- function(...) stop(paste0(...), call. = FALSE)

ps_read_csv <- function(path, ...) {
  if (!file.exists(path)) ps_stop(path, " is missing")
  readr::read_csv(path, show_col_types = FALSE, progress = FALSE, na = c(""), ...)
}

# {file: {column: unit}} from FOLDER/outputs.json, as a named character vector per file.
ps_units <- function(folder) {
  path <- file.path(folder, "outputs.json")
  if (!file.exists(path)) return(list())
  schema <- jsonlite::fromJSON(path, simplifyVector = FALSE)
  out <- list()
  for (file in names(schema)) {
    entry <- schema[[file]]
    target <- if (file == "ensemble.csv") "timeseries.csv" else file
    items <- c(entry$columns, entry$measures)
    units <- vapply(items, function(i) if (is.null(i$unit)) "" else i$unit, "")
    names(units) <- vapply(items, function(i) i$name, "")
    out[[target]] <- c(out[[target]], units)
  }
  out
}

# run.json of a folder, typed: numbers are numbers, dated schedules data frames (date, value).
ps_run_info <- function(folder) {
  path <- file.path(folder, "run.json")
  if (!file.exists(path)) return(list())
  info <- jsonlite::fromJSON(path, simplifyVector = FALSE)
  info$parameters <- lapply(info$parameters, function(v) {
    if (is.list(v)) {
      data.frame(date = as.Date(paste0(vapply(v, function(p) p[[1]], ""), "-01")),
                 value = vapply(v, function(p) as.numeric(p[[2]]), 0))
    } else v
  })
  info
}

ps_dates <- function(text) as.Date(paste0(text, "-01"))

# One run folder's TABLE in long form: date, [songbun,] measure, value, unit.
ps_long_table <- function(folder, table, units) {
  if (!(table %in% ps_tables)) ps_stop("table '", table, "' is not one of ", paste(ps_tables, collapse = ", "))
  path <- file.path(folder, paste0(table, ".csv"))
  if (table == "timeseries") {
    wide <- ps_read_csv(path, col_types = readr::cols(date = "c", .default = "d"))
    measures <- setdiff(names(wide), "date")
    u <- units[["timeseries.csv"]]
    df <- data.frame(date = rep(ps_dates(wide$date), times = length(measures)),
                     measure = rep(measures, each = nrow(wide)),
                     value = unlist(wide[measures], use.names = FALSE),
                     stringsAsFactors = FALSE)
  } else {
    long <- ps_read_csv(path, col_types = readr::cols(date = "c", songbun = "c", measure = "c", value = "d"))
    u <- units[["by_songbun.csv"]]
    df <- data.frame(date = ps_dates(long$date), songbun = long$songbun, measure = long$measure,
                     value = long$value, stringsAsFactors = FALSE)
  }
  df$unit <- if (is.null(u)) "" else unname(ifelse(is.na(u[df$measure]), "", u[df$measure]))
  df
}

ps_with_run <- function(df, values) {
  front <- as.data.frame(lapply(values, function(v) rep(v, nrow(df))), stringsAsFactors = FALSE,
                         check.names = FALSE)
  cbind(front, df)
}

# Stacks data frames with the same columns (column by column: rbind of many data frames is slow).
ps_bind <- function(parts) {
  columns <- lapply(names(parts[[1]]), function(name) {
    values <- lapply(parts, `[[`, name)
    if (inherits(values[[1]], "Date")) do.call(c, values) else unlist(values, use.names = FALSE)
  })
  names(columns) <- names(parts[[1]])
  as.data.frame(columns, stringsAsFactors = FALSE, check.names = FALSE)
}

ps_finish <- function(parts, table, units) {
  df <- ps_bind(parts)
  attr(df, "units") <- units[[paste0(table, ".csv")]]
  df
}

ps_load_run <- function(folder, table = "timeseries") {
  if (!dir.exists(folder)) ps_stop(folder, " does not exist")
  units <- ps_units(folder)
  # A sweep's run that does not keep its own outputs.json: the sweep folder's (runs/<id>/..).
  if (length(units) == 0) units <- ps_units(dirname(dirname(normalizePath(folder))))
  info <- ps_run_info(folder)
  df <- ps_with_run(ps_long_table(folder, table, units),
                    list(run_id = basename(normalizePath(folder)),
                         scenario = if (is.null(info$scenario)) "" else info$scenario,
                         seed = if (is.null(info$seed)) NA_real_ else info$seed, replicate = 0))
  ps_finish(list(df), table, units)
}

ps_load_ensemble <- function(folder, table = "timeseries") {
  if (!file.exists(file.path(folder, "ensemble.csv")))
    ps_stop(folder, " is not a partysim ensemble folder (no ensemble.csv)")
  info <- ps_run_info(folder)
  reps <- sort(list.files(folder, pattern = "^rep[0-9]+$"))
  if (length(reps) == 0) ps_stop(folder, " holds no replicate folders rep000, rep001, ...")
  units <- ps_units(file.path(folder, reps[1]))
  parts <- lapply(seq_along(reps), function(k) {
    seed <- info$replicate_seeds[[reps[k]]]
    ps_with_run(ps_long_table(file.path(folder, reps[k]), table, units),
                list(run_id = reps[k], scenario = info$scenario,
                     seed = if (is.null(seed)) NA_real_ else seed, replicate = k - 1))
  })
  ps_finish(parts, table, units)
}

ps_load_sweep <- function(folder, table = "summary") {
  plan_path <- file.path(folder, "plan.csv")
  if (!file.exists(plan_path)) ps_stop(folder, " is not a partysim sweep folder (no plan.csv)")
  plan <- as.data.frame(ps_read_csv(plan_path, col_types = readr::cols(run_id = "c", .default = "d")),
                        check.names = FALSE)
  parameters <- setdiff(names(plan), c("run_id", "point", "replicate", "seed"))
  plan$scenario <- file.path(folder, "base.ini")
  leading <- c("run_id", "scenario", "seed", "replicate", "point", parameters)
  plan <- plan[leading]
  units <- ps_units(folder)
  if (table == "summary") {
    path <- file.path(folder, "summary.csv")
    if (!file.exists(path)) ps_stop(folder, " has no summary.csv; collect it first: partysim sweep collect ", folder)
    summary <- as.data.frame(ps_read_csv(path, col_types = readr::cols(run_id = "c", .default = "d")),
                             check.names = FALSE)
    summaries <- setdiff(names(summary), c("run_id", "point", "replicate", "seed", parameters))
    df <- merge(plan, summary[c("run_id", summaries)], by = "run_id", all.x = TRUE, sort = FALSE)
    df <- df[order(df$run_id), c(leading, summaries)]
    rownames(df) <- NULL
    return(df)
  }
  parts <- lapply(seq_len(nrow(plan)), function(k) {
    run_dir <- file.path(folder, "runs", plan$run_id[k])
    if (!file.exists(file.path(run_dir, paste0(table, ".csv"))))
      ps_stop(run_dir, " has no ", table, ".csv (the sweep's keep, or not run yet)")
    ps_with_run(ps_long_table(run_dir, table, units), as.list(plan[k, leading]))
  })
  ps_finish(parts, table, units)
}
