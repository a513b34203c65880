#include "run/run_job.hpp"

#include <cstdio>
#include <oneapi/tbb/parallel_for.h>

#include "io/output_folder.hpp"
#include "io/output_schema.hpp"
#include "io/simulation_checkpoint.hpp"
#include "run/stop_request.hpp"

namespace partysim {

namespace fs = std::filesystem;

std::string replicate_folder(std::size_t r) {
  char name[32];
  std::snprintf(name, sizeof name, "rep%03zu", r);
  return name;
}

namespace {
// The scenario of each run: the scenario itself, or its replicates with derived seeds.
std::vector<Scenario> run_scenarios(const Scenario& scenario, int replicates) {
  if (replicates == 0) return {scenario};
  std::vector<Scenario> runs;
  for (int r = 0; r < replicates; ++r) {
    Scenario replicate = scenario;
    const auto seed = derived_seed(static_cast<std::uint64_t>(scenario.integer(P::seed)), r);
    replicate.apply({{"seed", std::to_string(seed), "--replicates"}});
    runs.push_back(replicate);
  }
  return runs;
}

std::int64_t seconds_since_epoch(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
}  // namespace

RunJob::RunJob(fs::path dir, const Scenario& scenario, int replicates, MonthObserver* observer)
    : RunJob(std::move(dir), scenario, replicates, observer, true) {}

RunJob::RunJob(fs::path dir, const Scenario& scenario, int replicates, MonthObserver* observer, bool create)
    : dir_(std::move(dir)), scenario_(scenario), replicates_(replicates), observer_(observer),
      part_start_(std::chrono::steady_clock::now()) {
  const std::size_t runs = replicates == 0 ? 1 : static_cast<std::size_t>(replicates);
  simulations_.resize(runs);
  writers_.resize(runs);
  records_.resize(runs);
  if (!create) return;
  started_ = seconds_since_epoch(std::chrono::system_clock::now());
  const std::vector<Scenario> scenarios = run_scenarios(scenario, replicates);
  for (std::size_t r = 0; r < runs; ++r)
    writers_[r] = std::make_unique<RunWriter>(replicates == 0 ? dir_ : dir_ / replicate_folder(r));
  if (replicates > 0) ensemble_ = std::make_unique<EnsembleWriter>(dir_ / "ensemble.csv");
  oneapi::tbb::parallel_for(std::size_t{0}, runs, [&](std::size_t r) {
    simulations_[r] = std::make_unique<Simulation>(scenarios[r]);
  });
}

// Checkpoint contents, in order: the scenario's fingerprint and the scenario, the replicates,
// the run's times, then per run its simulation and its files' lengths, the ensemble file's
// length, and the observer's state.
void RunJob::save_checkpoint() {
  CheckpointWriter out(dir_ / kCheckpointFileName);
  out.value(scenario_fingerprint(scenario_));
  save_scenario(out, scenario_);
  out.value<std::int32_t>(replicates_);
  out.value(started_);
  out.value(wall_seconds());
  out.vector(resumed_at_);
  for (std::size_t r = 0; r < simulations_.size(); ++r) {
    save_simulation(out, *simulations_[r]);
    writers_[r]->save(out);
  }
  if (ensemble_) ensemble_->save(out);
  out.value<std::uint8_t>(observer_ != nullptr);
  if (observer_) observer_->save(out);
  out.commit();
}

std::unique_ptr<RunJob> RunJob::resume(fs::path dir, const Scenario* expected, MonthObserver* observer) {
  remove_unfinished_checkpoints(dir / kCheckpointFileName);
  CheckpointReader in(dir / kCheckpointFileName);
  const auto fingerprint = in.value<std::uint64_t>();
  if (expected && fingerprint != scenario_fingerprint(*expected))
    throw CheckpointError("the checkpoint '" + in.path().string() + "' was made from another scenario "
                          "than '" + expected->path() + "' with these options (its parameters differ); "
                          "resume it without a scenario file ('partysim run --resume DIR'), or start afresh");
  const Scenario scenario = load_scenario(in);
  const auto replicates = in.value<std::int32_t>();
  if (replicates < 0 || replicates > 10000) in.fail("its number of replicates is out of range");
  std::unique_ptr<RunJob> job(new RunJob(dir, scenario, replicates, observer, false));
  job->started_ = in.value<std::int64_t>();
  job->earlier_seconds_ = in.value<double>();
  in.vector(job->resumed_at_);
  for (std::size_t r = 0; r < job->simulations_.size(); ++r) {
    job->simulations_[r] = load_simulation(in);
    job->writers_[r] = std::make_unique<RunWriter>(replicates == 0 ? dir : dir / replicate_folder(r), in);
  }
  if (replicates > 0) job->ensemble_ = std::make_unique<EnsembleWriter>(dir / "ensemble.csv", in);
  if (in.value<std::uint8_t>() != (observer != nullptr))
    in.fail(observer ? "it holds no sweep summaries" : "it holds a sweep run's summaries");
  if (observer) observer->load(in);
  in.expect_end();
  for (const auto& simulation : job->simulations_)
    if (simulation->month() != job->month()) in.fail("its replicates are at different months");
  job->resumed_at_.push_back(job->month());
  job->part_start_ = std::chrono::steady_clock::now();
  return job;
}

RunJob::Outcome RunJob::advance(int checkpoint_every, const std::function<void()>& after_month) {
  const std::size_t runs = simulations_.size();
  while (month() < months()) {
    // The spin-up's months are simulated like the others but not reported.
    const bool reported = !simulations_.front()->spinning_up();
    // Replicates advance in step, one month at a time, so the ensemble statistics of a month
    // are written as soon as it is done and nothing is held for the whole run.
    oneapi::tbb::parallel_for(std::size_t{0}, runs, [&](std::size_t r) {
      records_[r] = simulations_[r]->step();
      if (reported) writers_[r]->write_month(records_[r]);
    });
    if (ensemble_ && reported) ensemble_->write_month(records_);
    if (observer_ && reported) observer_->add(records_.front());
    check_folder();
    if (after_month) after_month();
    if (month() == months()) break;  // done: the outputs are complete, no checkpoint needed
    // A stop is honoured after a month's progress, so that a job signalled as soon as it starts
    // (a requeued Slurm task with little time left) still advances rather than loop.
    const bool stopping = stop_signal() != 0;
    if (stopping || (checkpoint_every > 0 && month() % checkpoint_every == 0)) save_checkpoint();
    if (stopping) return Outcome::stopped;
  }
  return Outcome::finished;
}

void RunJob::check_folder() const {
  // Files already open would go on being written into a removed folder, unseen.
  std::error_code ec;
  if (!fs::is_directory(dir_, ec))
    throw OutputError("the output folder '" + dir_.string() + "' was removed while the run was going");
}

double RunJob::wall_seconds() const {
  return earlier_seconds_ +
         std::chrono::duration<double>(std::chrono::steady_clock::now() - part_start_).count();
}

double RunJob::household_steps_per_second() const {
  const double seconds = wall_seconds();
  return seconds > 0 ? static_cast<double>(scenario_.integer(P::households)) * static_cast<double>(runs()) *
                           static_cast<double>(months()) / seconds
                     : 0;
}

void RunJob::finish(const std::string& command_line, int threads) {
  RunProvenance provenance;
  provenance.threads = threads;
  provenance.command_line = command_line;
  provenance.started = std::chrono::system_clock::time_point(std::chrono::seconds(started_));
  provenance.finished = std::chrono::system_clock::now();
  provenance.wall_seconds = wall_seconds();
  provenance.household_steps_per_second = household_steps_per_second();
  provenance.resumed_at = resumed_at_;
  for (std::size_t r = 0; r < simulations_.size(); ++r)
    writers_[r]->finish(simulations_[r]->state().scenario, provenance);
  if (ensemble_) {
    ensemble_->finish();
    // The ensemble's own run.json: the base scenario, its seed and the replicates' seeds.
    JsonObject seeds;
    for (std::size_t r = 0; r < simulations_.size(); ++r)
      seeds.add_number(replicate_folder(r),
                       static_cast<double>(simulations_[r]->state().scenario.integer(P::seed)));
    JsonObject json;
    json.add_number("run_json_version", kRunJsonVersion);
    json.add("scenario", scenario_.path());
    json.add_number("seed", static_cast<double>(scenario_.integer(P::seed)));
    json.add_number("replicates", replicates_);
    json.add_object("replicate_seeds", seeds);
    add_provenance(json, provenance);
    add_parameters(json, scenario_);
    write_outputs_schema(dir_, true);
    write_json_file(dir_ / "run.json", json);
  }
}

}  // namespace partysim
