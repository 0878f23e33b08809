// DOT and Mermaid text of the revision graph (lg_graph()).
#include "core/graph_render.h"

#include <cstddef>
#include <stdexcept>

namespace lg {

namespace {

// Fill colours: applied, current; border colour: non-transactional.
constexpr const char* kAppliedFill = "#c8e6c9";
constexpr const char* kCurrentFill = "#66bb6a";
constexpr const char* kNontransactional = "#c62828";

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

// The lines of a node's label, unescaped: id, message, tags.
std::vector<std::string> label_lines(const Graph& g, const GraphMarks& m, std::size_t i) {
  const RevIndex r = static_cast<RevIndex>(i);
  std::vector<std::string> lines{g.id(r)};
  if (!m.messages[i].empty()) lines.push_back(m.messages[i]);
  std::string tags;
  auto tag = [&tags](const std::string& t) {
    if (!tags.empty()) tags += ' ';
    tags += '[' + t + ']';
  };
  for (const std::string& label : g.labels(r)) tag("branch: " + label);
  if (g.is_head(r)) tag("head");
  if (m.current[i]) tag("current");
  if (!m.transactional[i]) tag("non-transactional");
  if (!tags.empty()) lines.push_back(tags);
  return lines;
}

template <typename Escape>
std::string join_lines(const std::vector<std::string>& lines, const char* sep, Escape escape) {
  std::string out;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (k > 0) out += sep;
    out += escape(lines[k]);
  }
  return out;
}

std::string quoted(const std::string& id) { return '"' + dot_escape(id) + '"'; }

// Calls edge(from, to, dashed) for every edge, in the documented order.
template <typename Edge>
void for_each_edge(const Graph& g, Edge edge) {
  for (std::size_t i = 0; i < g.size(); ++i) {
    const RevIndex r = static_cast<RevIndex>(i);
    for (RevIndex p : g.parents(r)) edge(p, r, false);
    for (RevIndex d : g.dependencies(r)) edge(d, r, true);
  }
}

std::string render_dot(const Graph& g, const GraphMarks& m) {
  std::string out = "digraph lg {\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n";
  for (std::size_t i = 0; i < g.size(); ++i) {
    const RevIndex r = static_cast<RevIndex>(i);
    const bool filled = m.applied[i] || m.current[i];
    out += "  " + quoted(g.id(r)) + " [label=\"" +
           join_lines(label_lines(g, m, i), "\\n", dot_escape) + '"';
    if (filled || !m.transactional[i])
      out += std::string(", style=\"rounded") + (filled ? ",filled" : "") +
             (m.transactional[i] ? "" : ",dashed") + '"';
    if (filled)
      out += std::string(", fillcolor=\"") + (m.current[i] ? kCurrentFill : kAppliedFill) + '"';
    if (m.current[i]) out += ", peripheries=2";
    if (g.is_head(r)) out += ", penwidth=2";
    if (!m.transactional[i]) out += std::string(", color=\"") + kNontransactional + '"';
    out += "];\n";
  }
  for_each_edge(g, [&](RevIndex from, RevIndex to, bool dashed) {
    out += "  " + quoted(g.id(from)) + " -> " + quoted(g.id(to)) +
           (dashed ? " [style=dashed];\n" : ";\n");
  });
  return out + "}\n";
}

std::string render_mermaid(const Graph& g, const GraphMarks& m) {
  auto node = [](std::size_t i) { return 'r' + std::to_string(i); };
  std::string out = "flowchart TB\n";
  for (std::size_t i = 0; i < g.size(); ++i)
    out += "  " + node(i) + "[\"" + join_lines(label_lines(g, m, i), "<br/>", mermaid_escape) +
           "\"]\n";
  for_each_edge(g, [&](RevIndex from, RevIndex to, bool dashed) {
    out += "  " + node(static_cast<std::size_t>(from)) + (dashed ? " -.-> " : " --> ") +
           node(static_cast<std::size_t>(to)) + '\n';
  });
  // One class per mark; a node current is not also in applied (one fill).
  struct Class {
    const char* name;
    std::string style;
    std::string members;
  };
  Class classes[] = {
      {"applied", std::string("fill:") + kAppliedFill, ""},
      {"current", std::string("fill:") + kCurrentFill + ",font-weight:bold", ""},
      {"head", "stroke-width:3px", ""},
      {"nontransactional", std::string("stroke:") + kNontransactional + ",stroke-dasharray:5 3",
       ""},
  };
  for (std::size_t i = 0; i < g.size(); ++i) {
    const bool in[] = {m.applied[i] && !m.current[i], m.current[i],
                       g.is_head(static_cast<RevIndex>(i)), !m.transactional[i]};
    for (std::size_t c = 0; c < 4; ++c)
      if (in[c]) classes[c].members += (classes[c].members.empty() ? "" : ",") + node(i);
  }
  for (const Class& c : classes)
    if (!c.members.empty()) out += std::string("  classDef ") + c.name + ' ' + c.style + '\n';
  for (const Class& c : classes)
    if (!c.members.empty()) out += "  class " + c.members + ' ' + c.name + '\n';
  return out;
}

}  // namespace

std::string dot_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (ch == '\\' || ch == '"')
      out += {'\\', ch};
    else if (ch == '&')
      out += "&amp;";
    else
      out += is_control(c) ? ' ' : ch;
  }
  return out;
}

std::string mermaid_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '`':
        out += "#96;";
        break;
      case '%':
        out += "#37;";
        break;
      default:
        out += is_control(static_cast<unsigned char>(ch)) ? ' ' : ch;
    }
  }
  return out;
}

std::string render_graph(const Graph& g, GraphFormat format, const GraphMarks& marks) {
  const std::size_t n = g.size();
  if (marks.messages.size() != n || marks.applied.size() != n || marks.current.size() != n ||
      marks.transactional.size() != n)
    throw std::invalid_argument("render_graph: marks do not match the graph");
  std::string out = format == GraphFormat::Dot ? render_dot(g, marks) : render_mermaid(g, marks);
  out.pop_back();  // no final line break: psql -At adds its own
  return out;
}

}  // namespace lg
