// lg_graph()'s text: DOT and Mermaid output, exact for a small graph, and
// escaping of hostile messages.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/graph_render.h"
#include "test_support.h"

namespace {

using namespace lg_test;
using lg::GraphFormat;
using lg::GraphMarks;

// A -> B -> C, A -> D (branch label "feature", non-transactional),
// M merges C and D; X depends on B. Rows: C (current), so A, B applied.
Graph sample() {
  return Graph({R("A"), R("B", {"A"}), R("C", {"B"}), R("D", {"A"}, {}, {"feature"}),
                R("M", {"C", "D"}), R("X", {}, {"B"})});
}

GraphMarks sample_marks() {
  GraphMarks m;
  m.messages = {"initial", "", "users", "jobs", "merge", "extra"};
  m.applied = {true, true, true, false, false, false};
  m.current = {false, false, true, false, false, false};
  m.transactional = {true, true, true, false, true, true};
  return m;
}

GraphMarks plain_marks(std::size_t n, const std::string& message) {
  GraphMarks m;
  m.messages.assign(n, message);
  m.applied.assign(n, false);
  m.current.assign(n, false);
  m.transactional.assign(n, true);
  return m;
}

TEST(GraphRender, DotExact) {
  EXPECT_EQ(lg::render_graph(sample(), GraphFormat::Dot, sample_marks()),
            "digraph lg {\n"
            "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
            "  \"A\" [label=\"A\\ninitial\", style=\"rounded,filled\", fillcolor=\"#c8e6c9\"];\n"
            "  \"B\" [label=\"B\", style=\"rounded,filled\", fillcolor=\"#c8e6c9\"];\n"
            "  \"C\" [label=\"C\\nusers\\n[current]\", style=\"rounded,filled\", "
            "fillcolor=\"#66bb6a\", peripheries=2];\n"
            "  \"D\" [label=\"D\\njobs\\n[branch: feature] [non-transactional]\", "
            "style=\"rounded,dashed\", color=\"#c62828\"];\n"
            "  \"M\" [label=\"M\\nmerge\\n[head]\", penwidth=2];\n"
            "  \"X\" [label=\"X\\nextra\\n[head]\", penwidth=2];\n"
            "  \"A\" -> \"B\";\n"
            "  \"B\" -> \"C\";\n"
            "  \"A\" -> \"D\";\n"
            "  \"C\" -> \"M\";\n"
            "  \"D\" -> \"M\";\n"
            "  \"B\" -> \"X\" [style=dashed];\n"
            "}");
}

TEST(GraphRender, MermaidExact) {
  EXPECT_EQ(lg::render_graph(sample(), GraphFormat::Mermaid, sample_marks()),
            "flowchart TB\n"
            "  r0[\"A<br/>initial\"]\n"
            "  r1[\"B\"]\n"
            "  r2[\"C<br/>users<br/>[current]\"]\n"
            "  r3[\"D<br/>jobs<br/>[branch: feature] [non-transactional]\"]\n"
            "  r4[\"M<br/>merge<br/>[head]\"]\n"
            "  r5[\"X<br/>extra<br/>[head]\"]\n"
            "  r0 --> r1\n"
            "  r1 --> r2\n"
            "  r0 --> r3\n"
            "  r2 --> r4\n"
            "  r3 --> r4\n"
            "  r1 -.-> r5\n"
            "  classDef applied fill:#c8e6c9\n"
            "  classDef current fill:#66bb6a,font-weight:bold\n"
            "  classDef head stroke-width:3px\n"
            "  classDef nontransactional stroke:#c62828,stroke-dasharray:5 3\n"
            "  class r0,r1 applied\n"
            "  class r2 current\n"
            "  class r4,r5 head\n"
            "  class r3 nontransactional");
}

TEST(GraphRender, EmptyGraph) {
  Graph g(std::vector<Revision>{});
  EXPECT_EQ(lg::render_graph(g, GraphFormat::Dot, plain_marks(0, "")),
            "digraph lg {\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n}");
  EXPECT_EQ(lg::render_graph(g, GraphFormat::Mermaid, plain_marks(0, "")), "flowchart TB");
}

TEST(GraphRender, DotEscapesHostileMessage) {
  const std::string hostile =
      "a\"];\n\"evil\" -> \"A\";\r\n<b>x</b> \\N \\\" & &lt; `y` \x1b[31m}\tend";
  EXPECT_EQ(lg::dot_escape(hostile),
            "a\\\"]; \\\"evil\\\" -> \\\"A\\\";  <b>x</b> \\\\N \\\\\\\" &amp; &amp;lt; `y`  "
            "[31m} end");
  const std::string dot =
      lg::render_graph(Graph({R("A")}), GraphFormat::Dot, plain_marks(1, hostile));
  // One node line, one closing brace: nothing escaped the quoted label.
  EXPECT_EQ(dot.find('\r'), std::string::npos);
  EXPECT_EQ(dot.find('\x1b'), std::string::npos);
  std::size_t lines = 0;
  for (char c : dot) lines += c == '\n';
  EXPECT_EQ(lines, 3u);
  // Every " inside the label is escaped: the label ends at its own quote.
  const std::size_t start = dot.find("label=\"") + 7;
  std::size_t k = start;
  while (dot[k] != '"') k += dot[k] == '\\' ? 2 : 1;
  EXPECT_EQ(dot.substr(k), "\", penwidth=2];\n}");
}

TEST(GraphRender, MermaidEscapesHostileMessage) {
  const std::string hostile =
      "a\"]\nr0 --> r0\nclick r0 \"javascript:alert(1)\"\n<img src=x onerror=alert(1)> "
      "`**md**` #quot; &amp; %% end";
  EXPECT_EQ(lg::mermaid_escape(hostile),
            "a#quot;] r0 --#gt; r0 click r0 #quot;javascript:alert(1)#quot; #lt;img src=x "
            "onerror=alert(1)#gt; #96;**md**#96; #35;quot; #amp;amp; #37;#37; end");
  const std::string mermaid =
      lg::render_graph(Graph({R("A")}), GraphFormat::Mermaid, plain_marks(1, hostile));
  EXPECT_EQ(mermaid, "flowchart TB\n  r0[\"A<br/>" + lg::mermaid_escape(hostile) +
                         "<br/>[head]\"]\n  classDef head stroke-width:3px\n  class r0 head");
  for (char c : std::string("\"<>`")) {
    const std::string label = lg::mermaid_escape(hostile);
    EXPECT_EQ(label.find(c), std::string::npos) << c;
  }
}

TEST(GraphRender, NonAsciiBytesPassThrough) {
  EXPECT_EQ(lg::dot_escape("caf\xc3\xa9 \xe2\x80\xa6"), "caf\xc3\xa9 \xe2\x80\xa6");
  EXPECT_EQ(lg::mermaid_escape("caf\xc3\xa9"), "caf\xc3\xa9");
}

TEST(GraphRender, MarksMustMatchTheGraph) {
  EXPECT_THROW(lg::render_graph(sample(), GraphFormat::Dot, plain_marks(2, "")),
               std::invalid_argument);
}

}  // namespace
