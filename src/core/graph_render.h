// lg_graph(): the revision graph as text for Graphviz (DOT) or Mermaid
// (a flowchart). Pure: what is applied, current and non-transactional comes
// from the caller, one flag per revision (graph index order).
#pragma once
#include "core/graph.h"

#include <string>
#include <string_view>
#include <vector>

#include "core/firewall.h"  // last, unguarded: checked on every include

namespace lg {

enum class GraphFormat { Dot, Mermaid };

// Per revision, indexed like the graph. messages[i] empty = no message;
// it is drawn as given (the caller shortens it), escaped for the format.
struct GraphMarks {
  std::vector<std::string> messages;
  std::vector<bool> applied;        // drawn filled
  std::vector<bool> current;        // a version row: drawn distinctly
  std::vector<bool> transactional;  // false: marked non-transactional
};

// The whole graph: every revision in registration order as a node, then
// per revision (registration order) an edge from each parent to it (solid)
// and from each depends_on target to it (dashed): edges point from the
// older revision to the newer, as alembic history's "parent -> child".
// Lines end with a line break, except the last.
// Throws std::invalid_argument when a vector of marks is not graph-sized.
std::string render_graph(const Graph& g, GraphFormat format, const GraphMarks& marks);

// Text inside a DOT quoted string: \ " and & escaped (\\ \" &amp;), every
// control character (C0, DEL) a space.
std::string dot_escape(std::string_view s);
// Text inside a Mermaid quoted label: " # & < > ` % as entity codes (#quot;
// #35; #amp; #lt; #gt; #96; #37;: no HTML, no markdown string, no %%
// comment or directive), every control character a space.
std::string mermaid_escape(std::string_view s);

}  // namespace lg
