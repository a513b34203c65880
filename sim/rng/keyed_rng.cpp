#include "rng/keyed_rng.hpp"

#include "rng/samplers.hpp"

namespace partysim {

double KeyedRng::uniform(Purpose purpose, std::uint64_t index, std::int64_t month) const {
  return uniform_open(words(purpose, index, month)[0]);
}

}  // namespace partysim
