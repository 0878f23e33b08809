// libFuzzer target over the core's input surface: revision ids, registry
// validation (any parents, dependencies and labels, cycles and unknown
// names included) and every target and range parser, with any version rows.
// Expected bad input throws lg::Error; anything else (another exception, a
// crash, a sanitizer report) is a bug.
#include "core/error.h"
#include "core/graph.h"
#include "core/history_range.h"
#include "core/planner.h"
#include "core/stamp.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// Reads bytes one at a time, 0 once the input is used up.
struct Bytes {
  const uint8_t* data;
  size_t size;
  size_t pos = 0;
  uint8_t next() { return pos < size ? data[pos++] : 0; }
  std::string rest() {
    std::string s(reinterpret_cast<const char*>(data + pos), size - pos);
    pos = size;
    return s;
  }
};

// A name: mostly one of the graph's ids or labels, sometimes unknown or odd.
std::string name(Bytes& in, int n) {
  uint8_t b = in.next();
  switch (b % 8) {
    case 0: return "ghost";
    case 1: return "L" + std::to_string(b % 4);  // a label, maybe used twice
    case 2: return "head";
    default: return "r" + std::to_string(n > 0 ? b % n : 0);
  }
}

template <typename Fn>
void expect_only_lg_errors(Fn&& fn) {
  try {
    fn();
  } catch (const lg::Error&) {
  } catch (...) {
    std::abort();  // any other exception escaping the core is a bug
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in{data, size};
  int n = in.next() % 16;
  std::vector<lg::Revision> revs;
  for (int i = 0; i < n; ++i) {
    lg::Revision r;
    r.id = in.next() % 17 == 0 ? name(in, n) : "r" + std::to_string(i);
    for (int p = in.next() % 3; p > 0; --p) r.parents.push_back(name(in, n));
    if (in.next() % 4 == 0) r.depends_on.push_back(name(in, n));
    if (in.next() % 4 == 0) r.branch_labels.push_back("L" + std::to_string(in.next() % 4));
    revs.push_back(std::move(r));
  }
  std::vector<std::string> rows;
  for (int k = in.next() % 3; k > 0; --k) rows.push_back(name(in, n));
  bool purge = in.next() % 2;
  std::string target = in.rest();

  expect_only_lg_errors([&] { lg::validate_revision_id(target); });
  expect_only_lg_errors([&] {
    lg::Graph g(revs);
    expect_only_lg_errors([&] { lg::plan_upgrade(g, rows, target); });
    expect_only_lg_errors([&] { lg::plan_downgrade(g, rows, target); });
    expect_only_lg_errors(
        [&] { lg::plan_upgrade(g, rows, target, lg::StepOrder::Registration); });
    expect_only_lg_errors(
        [&] { lg::plan_downgrade(g, rows, target, lg::StepOrder::Registration); });
    expect_only_lg_errors([&] { lg::plan_stamp(g, rows, target, purge); });
    expect_only_lg_errors([&] { lg::history_range(g, rows, target); });
    expect_only_lg_errors([&] { lg::applied_set(g, rows); });
  });
  return 0;
}
