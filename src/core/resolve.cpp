// Symbol resolution and relative walks, following Alembic's
// RevisionMap._resolve_revision_number, _revision_for_ident and _walk, with
// lg's distinct error causes (unknown / ambiguous / not on branch).
#include "core/resolve.h"

#include <algorithm>
#include <cstddef>
#include <string>

#include "core/error.h"
#include "core/text.h"
#include "core/traverse.h"

namespace lg {

namespace {

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

struct Candidates {
  std::vector<RevIndex> revs;      // distinct revisions, registration order
  std::vector<std::string> names;  // the id or label that matched, same order
};

// Revisions whose id or one of whose labels starts with prefix.
Candidates prefix_matches(const Graph& g, std::string_view prefix) {
  Candidates c;
  for (RevIndex i = 0; i < static_cast<RevIndex>(g.size()); ++i) {
    const std::vector<std::string>& labels = g.labels(i);
    const std::string* hit = starts_with(g.id(i), prefix) ? &g.id(i) : nullptr;
    for (std::size_t k = 0; !hit && k < labels.size(); ++k)
      if (starts_with(labels[k], prefix)) hit = &labels[k];
    if (hit) {
      c.revs.push_back(i);
      c.names.push_back(*hit);
    }
  }
  return c;
}

[[noreturn]] void ambiguous(std::string_view name, const Candidates& c) {
  std::vector<std::string> shown(
      c.names.begin(),
      c.names.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(3, c.names.size())));
  std::string list = quote_list(shown);
  if (c.names.size() > 3) list += ", ...";
  throw Error(ErrorKind::AmbiguousRevision,
              "ambiguous revision " + quote(name) + " matches " + list,
              "Several revisions or branch labels start with " + quote(name) + ".",
              "Give more characters of the revision id.");
}

// Exact id, exact label, or unique prefix; restricted to branch's lineage
// when branch >= 0. Returns -1 when nothing matches.
RevIndex lookup(const Graph& g, std::string_view name, RevIndex branch) {
  RevIndex exact = g.find(name);
  if (exact < 0) exact = g.find_label(name);
  if (exact >= 0) return exact;
  Candidates c = prefix_matches(g, name);
  if (branch >= 0 && !c.revs.empty()) {
    Candidates kept;
    for (std::size_t k = 0; k < c.revs.size(); ++k)
      if (shares_lineage(g, c.revs[k], branch)) {
        kept.revs.push_back(c.revs[k]);
        kept.names.push_back(c.names[k]);
      }
    c = std::move(kept);
  }
  if (c.revs.size() > 1) ambiguous(name, c);
  return c.revs.empty() ? -1 : c.revs.front();
}

}  // namespace

RevIndex resolve_branch(const Graph& g, std::string_view branch) {
  RevIndex b = lookup(g, branch, -1);
  if (b < 0)
    throw Error(ErrorKind::UnknownRevision, "unknown branch " + quote(branch),
                "No branch label or revision id is or starts with " + quote(branch) + ".");
  return b;
}

std::vector<RevIndex> resolve_symbol(const Graph& g, std::string_view symbol,
                                     std::string_view branch) {
  const RevIndex b = branch.empty() ? -1 : resolve_branch(g, branch);
  if (symbol == "base") return {};
  if (symbol == "heads") return b < 0 ? g.real_heads() : filter_lineage(g, g.heads(), b);
  if (symbol == "head") {
    std::vector<RevIndex> heads = b < 0 ? g.heads() : filter_lineage(g, g.heads(), b);
    if (heads.size() > 1) {
      if (b < 0)
        throw Error(ErrorKind::MultipleHeads, "multiple heads are present",
                    "The heads are " + quote_list(ids_of(g, heads)) + ".",
                    "Use \"heads\", \"<label>@head\" or a revision id.");
      throw Error(ErrorKind::MultipleHeads, "multiple heads are present on branch " + quote(branch),
                  "The heads are " + quote_list(ids_of(g, heads)) + ".",
                  "Use " + quote(std::string(branch) + "@heads") + " or a revision id.");
    }
    return heads;
  }
  RevIndex r = lookup(g, symbol, b);
  if (r < 0) {
    if (b >= 0 && !prefix_matches(g, symbol).revs.empty())
      throw Error(ErrorKind::UnknownRevision,
                  "revision " + quote(symbol) + " is not on branch " + quote(branch));
    throw Error(ErrorKind::UnknownRevision, "unknown revision " + quote(symbol));
  }
  if (b >= 0 && !shares_lineage(g, r, b))
    throw Error(ErrorKind::UnknownRevision,
                "revision " + quote(g.id(r)) + " is not on branch " + quote(branch));
  return {r};
}

RevIndex resolve_one(const Graph& g, std::string_view symbol, std::string_view branch) {
  std::vector<RevIndex> revs = resolve_symbol(g, symbol, branch);
  if (revs.size() > 1)
    throw Error(ErrorKind::MultipleHeads, "multiple heads are present",
                "The heads are " + quote_list(ids_of(g, revs)) + ".",
                "Use \"<label>@head\" or a revision id.");
  return revs.empty() ? kBase : revs.front();
}

}  // namespace lg
