// lg_core_cli: a line protocol over lg's core, for the differential test
// against Alembic (alembic_diff.py). Reads stdin:
//
//   rev  <id> <parents> <depends_on> <labels>   lists are comma separated, "-" = none
//   case <op> <target> <rows> [purge]           op: upgrade | downgrade | stamp |
//                                                   history | heads; "-" = none
//
// All "rev" lines come first (registration order). For every case it prints
// one line:
//   OK steps=<id>+,<id>-,... rows=<id>,...          (upgrade, downgrade)
//   OK rows=<id>,...                                (stamp)
//   OK order=<id>,...                               (history, newest first)
//   OK heads=... real=... bases=... branchpoints=... (heads)
//   ERROR <ErrorKind>                               (an lg::Error)
// A graph that fails validation prints "GRAPH ERROR <ErrorKind>" once.
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/graph.h"
#include "core/history_range.h"
#include "core/planner.h"
#include "core/stamp.h"
#include "core/views.h"

namespace {

using Names = std::vector<std::string>;

Names split(const std::string& s) {
  Names out;
  if (s == "-" || s.empty()) return out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, ',')) out.push_back(item);
  return out;
}

std::string join(const Names& xs) {
  std::string out;
  for (const std::string& x : xs) out += (out.empty() ? "" : ",") + x;
  return out;
}

std::string join(const lg::Graph& g, const std::vector<lg::RevIndex>& xs) {
  Names names;
  for (lg::RevIndex r : xs) names.push_back(g.id(r));
  return join(names);
}

const char* kind_name(lg::ErrorKind k) {
  switch (k) {
    case lg::ErrorKind::InvalidId:
      return "InvalidId";
    case lg::ErrorKind::InvalidTarget:
      return "InvalidTarget";
    case lg::ErrorKind::UnknownRevision:
      return "UnknownRevision";
    case lg::ErrorKind::AmbiguousRevision:
      return "AmbiguousRevision";
    case lg::ErrorKind::MultipleHeads:
      return "MultipleHeads";
    case lg::ErrorKind::UnknownParent:
      return "UnknownParent";
    case lg::ErrorKind::Cycle:
      return "Cycle";
    case lg::ErrorKind::DuplicateLabel:
      return "DuplicateLabel";
    case lg::ErrorKind::RelativeOvershoot:
      return "RelativeOvershoot";
    case lg::ErrorKind::AmbiguousWalk:
      return "AmbiguousWalk";
    case lg::ErrorKind::AmbiguousCurrent:
      return "AmbiguousCurrent";
    case lg::ErrorKind::InvalidDowngrade:
      return "InvalidDowngrade";
    case lg::ErrorKind::UnknownCurrentRow:
      return "UnknownCurrentRow";
    case lg::ErrorKind::InvalidImport:
      return "InvalidImport";
  }
  return "Unknown";
}

std::string plan_line(const lg::Graph& g, const lg::Plan& p) {
  Names steps;
  for (const lg::Step& s : p.steps)
    steps.push_back(g.id(s.rev) + (s.direction == lg::Direction::Up ? "+" : "-"));
  return "OK steps=" + join(steps) + " rows=" + join(p.rows_after);
}

std::string run_case(const lg::Graph& g, const std::string& op, const std::string& target,
                     const Names& rows, bool purge) {
  if (op == "upgrade") return plan_line(g, lg::plan_upgrade(g, rows, target));
  if (op == "downgrade") return plan_line(g, lg::plan_downgrade(g, rows, target));
  if (op == "stamp") return "OK rows=" + join(lg::plan_stamp(g, rows, target, purge));
  if (op == "history") return "OK order=" + join(g, lg::history_range(g, rows, target));
  if (op == "heads")
    return "OK heads=" + join(g, g.heads()) + " real=" + join(g, g.real_heads()) +
           " bases=" + join(g, g.bases()) + " branchpoints=" + join(g, lg::branch_points(g));
  return "BADOP " + op;
}

}  // namespace

int main() {
  std::vector<lg::Revision> revs;
  std::string line;
  bool built = false;
  lg::Graph g{lg::RevisionSet()};
  bool graph_ok = true;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string word;
    in >> word;
    if (word == "rev") {
      std::string id, parents, deps, labels;
      in >> id >> parents >> deps >> labels;
      revs.push_back(lg::Revision{id, split(parents), split(deps), split(labels)});
      continue;
    }
    if (word != "case") continue;
    if (!built) {
      built = true;
      try {
        g = lg::Graph(revs);
      } catch (const lg::Error& e) {
        std::cout << "GRAPH ERROR " << kind_name(e.kind()) << "\n";
        graph_ok = false;
      }
    }
    std::string op, target, rows, flag;
    in >> op >> target >> rows >> flag;
    if (!graph_ok) {
      std::cout << "ERROR Graph\n";
      continue;
    }
    if (op == "history" && target == "-") target = ":";
    try {
      std::cout << run_case(g, op, target, split(rows), flag == "purge") << "\n";
    } catch (const lg::Error& e) {
      std::cout << "ERROR " << kind_name(e.kind()) << "\n";
    }
  }
  return 0;
}
