#pragma once
// The words a measure is declared with in measures.def: how its value is computed from the
// month's households, cells and context. A reducer is a constant expression whose type says what
// to add up: observation.cpp derives from the types of all the declared reducers one pass over the
// households of each cell, in which every distinct sum is made once, however many measures use it.
//
//   count(P)                     households for which predicate P holds
//   sum(V, P), sum(V)            the household value V added over those households (or all)
//   mean(V, P), mean(V)          sum / count (no value over nobody)
//   ratio(A, B), per_1000(A, B)  A / B and 1000 A / B (no value where B is 0)
//   A + B                        two reducers added
//   households                   households (of the class, in by_songbun.csv)
//   mean_over_cells(F)           a secretary's field F averaged over cells
//   total_over_cells(F)          the same summed
//   parameter<P::key>            a parameter's value this month
//
// Predicates: had<Event::x | Event::y> (one of these events this month), status_in<...> (status at
// the end of the month), in_party, worked, party_duties, absent_from_job, in_detention,
// negative_opinion, caught_as_party; combined with &&, || and !. Household values: wealth, opinion,
// market_income, market_time, entry_paid_usd, bribe_large_usd, bribe_absence_usd,
// quoted_entry_price; secretaries' values: secretary_entry_price, secretary_income, ... Terms
// that several measures share (large_bribes(who), large_bribes_usd(who), ...) are defined below.
//
// Sums are made household by household in index order within a cell and cell by cell in the
// order of the deterministic reduction, adding only where the predicate holds, so that every value
// is the same for any thread count; counts are exact integers.
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "model/cells.hpp"
#include "model/households.hpp"
#include "model/month_context.hpp"
#include "model/month_record.hpp"
#include "model/phases.hpp"
#include "model/work_option.hpp"

namespace partysim::measures {

// What the reducers read of household i in the observation pass.
struct Row {
  const Households& h;
  const MonthContext& c;
  std::size_t i;
  std::uint32_t events;
  Status status;
  int songbun;
  std::uint8_t work_option;
  double cell_price;  // the secretary's entry price P_j
};

// ---- predicates ------------------------------------------------------------------------------
// A predicate holds(row) or not. `events`: it can hold only in a month in which the household had
// one of these events (0: in any month), which lets the pass skip households with none of them.
template <class T>
concept Predicate = requires(const Row& r) {
  { T::holds(r) } -> std::convertible_to<bool>;
  { T::events } -> std::convertible_to<std::uint32_t>;
};

template <std::uint32_t Bits>
struct Had {
  static_assert(Bits != 0, "had<> needs at least one event");
  static constexpr std::uint32_t events = Bits;
  static bool holds(const Row& r) { return (r.events & Bits) != 0; }
};
// One of the events `Bits` happened to the household this month.
template <std::uint32_t Bits>
inline constexpr Had<Bits> had{};

template <std::uint32_t Statuses>
struct StatusIn {
  static constexpr std::uint32_t statuses = Statuses;  // bit s: Status s
  static constexpr std::uint32_t events = 0;
  static bool holds(const Row& r) { return (Statuses >> static_cast<int>(r.status) & 1u) != 0; }
};
// The household's status at the end of the month is one of `S`.
template <Status... S>
inline constexpr StatusIn<((1u << static_cast<int>(S)) | ...)> status_in{};
inline constexpr auto in_party = status_in<Status::candidate, Status::member, Status::cadre>;

template <class A, class B>
struct And {
  // Both must hold, so either's events are enough.
  static constexpr std::uint32_t events = A::events != 0 ? A::events : B::events;
  // Both evaluated, without a branch: predicates are cheap reads of the household.
  static bool holds(const Row& r) { return (int{A::holds(r)} & int{B::holds(r)}) != 0; }
};
template <class A, class B>
struct Or {
  static constexpr std::uint32_t events = A::events != 0 && B::events != 0 ? A::events | B::events : 0;
  static bool holds(const Row& r) { return (int{A::holds(r)} | int{B::holds(r)}) != 0; }
};
template <class A>
struct Not {
  static constexpr std::uint32_t events = 0;
  static bool holds(const Row& r) { return !A::holds(r); }
};
template <Predicate A, Predicate B>
constexpr And<A, B> operator&&(A, B) { return {}; }
template <Predicate A, Predicate B>
constexpr Or<A, B> operator||(A, B) { return {}; }
template <Predicate A>
constexpr Not<A> operator!(A) { return {}; }

// The household worked this month (work_option.hpp).
struct Worked {
  static constexpr std::uint32_t events = 0;
  static bool holds(const Row& r) { return worked_this_month(r.work_option, r.events); }
};
inline constexpr Worked worked{};
// The work option taken this month carries Party duties (chosen as a candidate or member).
struct PartyDuties {
  static constexpr std::uint32_t events = 0;
  static bool holds(const Row& r) { return WorkOption::decode(r.work_option).party != PartyDuty::none; }
};
inline constexpr PartyDuties party_duties{};
// The work option taken this month is absent from the state job.
struct AbsentFromJob {
  static constexpr std::uint32_t events = 0;
  static bool holds(const Row& r) { return WorkOption::decode(r.work_option).job == Job::absent; }
};
inline constexpr AbsentFromJob absent_from_job{};
// In detention at the end of the month.
struct InDetention {
  static constexpr std::uint32_t events = 0;
  static bool holds(const Row& r) { return r.h.detained(r.i, r.c.month); }
};
inline constexpr InDetention in_detention{};
struct NegativeOpinion {
  static constexpr std::uint32_t events = 0;
  static bool holds(const Row& r) { return r.h.opinion[r.i] < 0; }
};
inline constexpr NegativeOpinion negative_opinion{};

struct Anyone {
  static constexpr std::uint32_t events = 0;
  static bool holds(const Row&) { return true; }
};

// ---- household values --------------------------------------------------------------------------
template <auto Field>
struct HouseholdField {
  static double of(const Row& r) { return (r.h.*Field)[r.i]; }
};
inline constexpr HouseholdField<&Households::wealth> wealth{};
inline constexpr HouseholdField<&Households::opinion> opinion{};
inline constexpr HouseholdField<&Households::market_income> market_income{};
inline constexpr HouseholdField<&Households::market_time> market_time{};
inline constexpr HouseholdField<&Households::entry_paid_usd> entry_paid_usd{};
inline constexpr HouseholdField<&Households::bribe_large_usd> bribe_large_usd{};
inline constexpr HouseholdField<&Households::bribe_absence_usd> bribe_absence_usd{};
// The entry price the household would pay in its cell this month.
struct QuotedEntryPrice {
  static double of(const Row& r) { return entry_price(r.c, r.cell_price, static_cast<Songbun>(r.songbun)); }
};
inline constexpr QuotedEntryPrice quoted_entry_price{};

// ---- secretaries' values (one per cell) --------------------------------------------------------
template <auto Field>
struct CellField {
  static double of(const Cells& cells, std::size_t cell) { return (cells.*Field)[cell]; }
};
inline constexpr CellField<&Cells::entry_price> secretary_entry_price{};
inline constexpr CellField<&Cells::income> secretary_income{};
inline constexpr CellField<&Cells::smoothed_income> secretary_income_smoothed{};
inline constexpr CellField<&Cells::entry_income> secretary_entry_income{};
inline constexpr CellField<&Cells::recruiting> secretary_recruiting{};
inline constexpr CellField<&Cells::selling_skips> secretary_selling_skips{};

// ---- sums: what the pass adds up -------------------------------------------------------------
// A sum carries a Total over cells (joined across the reduction) and, inside one cell, a Local
// part that open() starts from the Total and close() folds back. `events` as for predicates;
// `per_cell` sums are added once per cell by begin_cell(), the others household by household.
template <class... T>
struct List {};

// A count: exact integers, made into a double only when a measure reads it.
template <class P>
struct Count {
  using leaves = List<Count>;
  using Total = std::int64_t;
  using Local = std::int64_t;
  static constexpr std::uint32_t events = P::events;
  static constexpr bool per_cell = false;
  static Local open(const Total&) { return 0; }
  static void add(Local& n, const Row& r) { n += P::holds(r); }
  static void close(Total& t, const Local& n) { t += n; }
  static void begin_cell(Total&, const Cells&, std::size_t) {}
  static void join(Total& a, const Total& b) { a += b; }
  template <class View>
  static double value(const View& v) { return static_cast<double>(v.template total<Count>()); }
};

// A sum of a household value over the households where P holds, in household order. The value
// of a household where P does not hold goes to a second sum that is thrown away: that adds
// without a branch (households of different kinds alternate at random), and leaves the kept sum
// exactly what adding only where P holds makes.
template <class V, class P>
struct Sum {
  using leaves = List<Sum>;
  using Total = double;
  struct Local {
    double sum[2];  // [1]: where P holds; [0]: thrown away
  };
  static constexpr std::uint32_t events = P::events;
  static constexpr bool per_cell = false;
  static Local open(const Total& t) { return {{0.0, t}}; }
  static void add(Local& s, const Row& r) {
    if constexpr (std::is_same_v<P, Anyone>)
      s.sum[1] += V::of(r);
    else
      s.sum[P::holds(r)] += V::of(r);
  }
  static void close(Total& t, const Local& s) { t = s.sum[1]; }
  static void begin_cell(Total&, const Cells&, std::size_t) {}
  static void join(Total& a, const Total& b) { a += b; }
  template <class View>
  static double value(const View& v) { return v.template total<Sum>(); }
};

// Two sums of a household value over the households where P holds, one where K does not hold
// ([0]) and one where it does ([1]): sum(V, P && !K) and sum(V, P && K), made with one addition
// per household, the rest thrown away as in Sum.
template <class V, class P, class K>
struct SplitSum {
  using leaves = List<SplitSum>;
  using Total = std::array<double, 2>;
  struct Local {
    double sum[3];  // [1 + K] where P holds; [0]: thrown away
  };
  static constexpr std::uint32_t events = P::events;
  static constexpr bool per_cell = false;
  static Local open(const Total& t) { return {{0.0, t[0], t[1]}}; }
  static void add(Local& s, const Row& r) {
    s.sum[static_cast<int>(P::holds(r)) * (1 + static_cast<int>(K::holds(r)))] += V::of(r);
  }
  static void close(Total& t, const Local& s) { t = {s.sum[1], s.sum[2]}; }
  static void begin_cell(Total&, const Cells&, std::size_t) {}
  static void join(Total& a, const Total& b) {
    a[0] += b[0];
    a[1] += b[1];
  }
};
template <class V, class P, class K, int Part>
struct SplitPart {
  using leaves = List<SplitSum<V, P, K>>;
  template <class View>
  static double value(const View& v) { return v.template total<SplitSum<V, P, K>>()[Part]; }
};
// sum(V, P): a sum over P && K or P && !K is made as half of a SplitSum, which then also gives the
// other half.
template <class V, class P>
struct SumOf {
  using type = Sum<V, P>;
};
template <class V, class P, class K>
struct SumOf<V, And<P, K>> {
  using type = SplitPart<V, P, K, 1>;
};
template <class V, class P, class K>
struct SumOf<V, And<P, Not<K>>> {
  using type = SplitPart<V, P, K, 0>;
};

// Households by songbun class and status, counted with one increment per household; every count
// of a status_in<...> predicate (households among them) is read from it.
struct StatusCounts {
  using leaves = List<StatusCounts>;
  using Total = std::array<std::array<std::int64_t, kStatusCount>, kSongbunCount>;
  using Local = Total;
  static constexpr std::uint32_t events = 0;
  static constexpr bool per_cell = false;
  static Local open(const Total&) { return {}; }
  static void add(Local& n, const Row& r) { n[r.songbun][static_cast<int>(r.status)] += 1; }
  static void close(Total& t, const Local& n) {
    for (int s = 0; s < kSongbunCount; ++s)
      for (int k = 0; k < kStatusCount; ++k) t[s][k] += n[s][k];
  }
  static void begin_cell(Total&, const Cells&, std::size_t) {}
  static void join(Total& a, const Total& b) {
    for (int s = 0; s < kSongbunCount; ++s)
      for (int k = 0; k < kStatusCount; ++k) a[s][k] += b[s][k];
  }
};
template <std::uint32_t Statuses>
struct StatusCount {
  using leaves = List<StatusCounts>;
  template <class View>
  static double value(const View& v) { return v.status_count(Statuses); }
};

// A secretary's field, summed over cells in cell order; a count of cells.
template <class F>
struct CellSum {
  using leaves = List<CellSum>;
  using Total = double;
  struct Local {};
  static constexpr std::uint32_t events = 0;
  static constexpr bool per_cell = true;
  static Local open(const Total&) { return {}; }
  static void add(Local&, const Row&) {}
  static void close(Total&, const Local&) {}
  static void begin_cell(Total& t, const Cells& cells, std::size_t cell) { t += F::of(cells, cell); }
  static void join(Total& a, const Total& b) { a += b; }
  template <class View>
  static double value(const View& v) { return v.template total<CellSum>(); }
};
struct CellCount {
  static double of(const Cells&, std::size_t) { return 1; }
};

// ---- reducers built from sums ------------------------------------------------------------------
template <class... L>
struct Union;
template <class A, class B>
struct Ratio;

template <class A, class B>
struct Plus {
  using leaves = typename Union<typename A::leaves, typename B::leaves>::type;
  template <class View>
  static double value(const View& v) { return A::value(v) + B::value(v); }
};
template <class A, class B>
struct Ratio {
  using leaves = typename Union<typename A::leaves, typename B::leaves>::type;
  template <class View>
  static double value(const View& v) {
    const double denominator = B::value(v);
    return denominator > 0 ? A::value(v) / denominator : kNoValue;
  }
};
template <class A, class B>
struct Per1000 {
  using leaves = typename Union<typename A::leaves, typename B::leaves>::type;
  template <class View>
  static double value(const View& v) {
    const double denominator = B::value(v);
    return denominator > 0 ? 1000.0 * A::value(v) / denominator
                           : kNoValue;
  }
};
template <ParamId Id>
struct Parameter {
  using leaves = List<>;
  template <class View>
  static double value(const View& v) { return v.context()[Id]; }
};

template <class T>
concept Reducer = requires { typename T::leaves; };

template <Predicate P>
constexpr auto count(P) {
  if constexpr (requires { P::statuses; })
    return StatusCount<P::statuses>{};
  else
    return Count<P>{};
}
template <class V, Predicate P>
constexpr typename SumOf<V, P>::type sum(V, P) { return {}; }
template <class V>
constexpr Sum<V, Anyone> sum(V) { return {}; }
template <Reducer A, Reducer B>
constexpr Ratio<A, B> ratio(A, B) { return {}; }
template <Reducer A, Reducer B>
constexpr Per1000<A, B> per_1000(A, B) { return {}; }
template <Reducer A, Reducer B>
constexpr Plus<A, B> operator+(A, B) { return {}; }
inline constexpr StatusCount<(1u << kStatusCount) - 1> households{};
template <class V, Predicate P>
constexpr auto mean(V value, P who) { return ratio(sum(value, who), count(who)); }
template <class V>
constexpr auto mean(V value) { return ratio(sum(value), households); }
template <class F>
constexpr Ratio<CellSum<F>, CellSum<CellCount>> mean_over_cells(F) { return {}; }
template <class F>
constexpr CellSum<F> total_over_cells(F) { return {}; }
template <ParamId Id>
inline constexpr Parameter<Id> parameter{};

// ---- terms of this model's measures -----------------------------------------------------------
// Caught while a candidate, member or cadre: bribes are classed by the status at the catch (a
// member expelled for it paid as a member).
inline constexpr auto caught_as_party = had<Event::caught_as_party>;
// Bribes paid this month for a large business or for absence by households caught as `who`.
template <Predicate Who>
constexpr auto large_bribes(Who who) { return count(had<Event::paid_bribe_large> && who); }
template <Predicate Who>
constexpr auto large_bribes_usd(Who who) { return sum(bribe_large_usd, had<Event::paid_bribe_large> && who); }
template <Predicate Who>
constexpr auto absence_bribes(Who who) { return count(had<Event::paid_bribe_absence> && who); }
template <Predicate Who>
constexpr auto absence_bribes_usd(Who who) {
  return sum(bribe_absence_usd, had<Event::paid_bribe_absence> && who);
}

// ---- lists of sums -----------------------------------------------------------------------------
template <class L, class T>
struct AddUnique;
template <class... Ts, class T>
struct AddUnique<List<Ts...>, T> {
  using type = std::conditional_t<(std::is_same_v<T, Ts> || ...), List<Ts...>, List<Ts..., T>>;
};
template <class Acc, class L>
struct AddAll;
template <class Acc>
struct AddAll<Acc, List<>> {
  using type = Acc;
};
template <class Acc, class T, class... Rest>
struct AddAll<Acc, List<T, Rest...>> {
  using type = typename AddAll<typename AddUnique<Acc, T>::type, List<Rest...>>::type;
};
// The distinct sums of several lists, in order of first appearance.
template <>
struct Union<> {
  using type = List<>;
};
template <class L, class... Rest>
struct Union<L, Rest...> {
  using type = typename AddAll<L, typename Union<Rest...>::type>::type;
};

template <class T, class L>
struct IndexOf;
template <class T, class... Ts>
struct IndexOf<T, List<Ts...>> {
  static constexpr std::size_t value = [] {
    constexpr bool same[] = {std::is_same_v<T, Ts>..., false};
    std::size_t k = 0;
    while (!same[k]) ++k;
    return k;
  }();
  static_assert(value < sizeof...(Ts), "a sum missing from the pass");
};

// A household sum made per songbun class, for by_songbun.csv: one part per class, each added in
// household order.
template <class S>
struct PerClass {
  using Total = std::array<typename S::Total, kSongbunCount>;
  using Local = std::array<typename S::Local, kSongbunCount>;
  static constexpr std::uint32_t events = S::events;
  static constexpr bool per_cell = false;
  static_assert(!S::per_cell, "a secretary's value has no songbun class");
  static Local open(const Total& t) { return {S::open(t[0]), S::open(t[1]), S::open(t[2])}; }
  static void add(Local& l, const Row& r) { S::add(l[r.songbun], r); }
  static void close(Total& t, const Local& l) {
    for (int s = 0; s < kSongbunCount; ++s) S::close(t[s], l[s]);
  }
  static void begin_cell(Total&, const Cells&, std::size_t) {}
  static void join(Total& a, const Total& b) {
    for (int s = 0; s < kSongbunCount; ++s) S::join(a[s], b[s]);
  }
};
static_assert(kSongbunCount == 3, "PerClass::open lists the classes");
// The sum behind a by_songbun.csv reducer's sum S (StatusCounts is by class already).
template <class S>
struct ByClass {
  using type = PerClass<S>;
};
template <>
struct ByClass<StatusCounts> {
  using type = StatusCounts;
};
template <class L>
struct ByClassList;
template <class... S>
struct ByClassList<List<S...>> {
  using type = List<typename ByClass<S>::type...>;
};

}  // namespace partysim::measures
