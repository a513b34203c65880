// A deliberately faulty program, built only in sanitizer builds. scripts/test runs it (through
// ctest, from a test's working folder, with the sanitizer settings of the suite) before the suite
// and requires that the report it provokes lands where the stage looks for reports: a check that
// cannot see a report would otherwise pass every faulty run unseen.
//   sanitizer_canary leak       memory lost at exit (LeakSanitizer; exit status 0 before the report)
//   sanitizer_canary undefined  signed integer overflow (UndefinedBehaviorSanitizer)
//   sanitizer_canary race       two threads write one int unsynchronised (ThreadSanitizer)
#include <cstdlib>
#include <cstring>
#include <thread>

namespace {
void* volatile lost;  // volatile: the allocation cannot be optimised away
volatile int shared_value;  // volatile: the writes cannot be optimised away
volatile int big = 2147483647;
}  // namespace

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "";
  if (std::strcmp(mode, "leak") == 0) {
    lost = std::malloc(64);
    lost = nullptr;
    return 0;
  }
  if (std::strcmp(mode, "undefined") == 0) {
    const int overflowed = big + 1;
    return overflowed == 0 ? 3 : 0;
  }
  if (std::strcmp(mode, "race") == 0) {
    std::thread writer([] { shared_value = 1; });
    shared_value = 2;
    writer.join();
    return 0;
  }
  return 2;
}
