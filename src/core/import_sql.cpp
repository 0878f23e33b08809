// SQL lexing for lg_import (import_sql.h).  One pass, linear in the text.
#include "core/import_sql.h"

#include <cctype>

namespace lg {

namespace {

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool ident_char(char c) {
  return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

// Past the end of a token that starts at i and is not plain (a quote, a
// comment or a dollar quote); i itself when it starts none.
std::size_t skip_special(std::string_view s, std::size_t i) {
  const std::size_t n = s.size();
  char c = s[i];
  if (c == '-' && i + 1 < n && s[i + 1] == '-') {
    std::size_t e = s.find('\n', i);
    return e == std::string_view::npos ? n : e;
  }
  if (c == '/' && i + 1 < n && s[i + 1] == '*') {
    int depth = 1;
    std::size_t k = i + 2;
    while (k < n && depth > 0) {
      if (s[k] == '/' && k + 1 < n && s[k + 1] == '*') {
        ++depth;
        k += 2;
      } else if (s[k] == '*' && k + 1 < n && s[k + 1] == '/') {
        --depth;
        k += 2;
      } else
        ++k;
    }
    return k;
  }
  if (c == '\'' || c == '"') {
    bool backslash = c == '\'' && i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') &&
                     (i < 2 || !ident_char(s[i - 2]));
    std::size_t k = i + 1;
    while (k < n) {
      if (backslash && s[k] == '\\') {
        k += 2;
        continue;
      }
      if (s[k] == c) {
        if (k + 1 < n && s[k + 1] == c) {
          k += 2;
          continue;
        }
        return k + 1;
      }
      ++k;
    }
    return n;
  }
  if (c == '$' && (i == 0 || !ident_char(s[i - 1]))) {
    std::size_t k = i + 1;
    while (k < n && s[k] != '$' && (ident_char(s[k]) && s[k] != '$')) ++k;
    if (k < n && s[k] == '$' &&
        (k == i + 1 || !std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      std::string_view tag = s.substr(i, k + 1 - i);
      std::size_t e = s.find(tag, k + 1);
      return e == std::string_view::npos ? n : e + tag.size();
    }
  }
  return i;
}

}  // namespace

std::vector<SqlPiece> split_sql(std::string_view s, std::string_view marker) {
  std::vector<SqlPiece> out;
  const std::size_t n = s.size();
  std::size_t i = 0, begin = 0, line = 1, keyword = std::string_view::npos, kw_line = 0;
  auto count_lines = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k)
      if (s[k] == '\n') ++line;
  };
  while (i < n) {
    char c = s[i];
    if (keyword == std::string_view::npos && !marker.empty() && (i == 0 || s[i - 1] == '\n') &&
        s.compare(i, marker.size(), marker) == 0) {
      std::size_t e = s.find('\n', i);
      if (e == std::string_view::npos) e = n;
      std::size_t le = e > i && s[e - 1] == '\r' ? e - 1 : e;
      out.push_back({SqlPiece::Marker, i, le, line, i});
      i = e;
      begin = e;
      continue;
    }
    if (space(c)) {
      if (c == '\n') ++line;
      ++i;
      continue;
    }
    std::size_t e = skip_special(s, i);
    bool comment = e != i && (c == '-' || c == '/');
    if (!comment && keyword == std::string_view::npos) {
      keyword = i;
      kw_line = line;
    }
    if (e != i) {
      count_lines(i, e);
      i = e;
      continue;
    }
    if (c == ';') {
      out.push_back({SqlPiece::Statement, begin, i + 1, kw_line, keyword});
      keyword = std::string_view::npos;
      begin = i + 1;
    }
    ++i;
  }
  if (keyword != std::string_view::npos)
    out.push_back({SqlPiece::Statement, begin, n, kw_line, keyword});
  return out;
}

std::vector<std::string> leading_words(std::string_view s, std::size_t count) {
  std::vector<std::string> out;
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n && out.size() < count) {
    char c = s[i];
    if (space(c)) {
      ++i;
      continue;
    }
    std::size_t e = skip_special(s, i);
    if (e != i && (c == '-' || c == '/')) {
      i = e;
      continue;
    }
    if (ident_start(c) || c == '"') {
      std::string w;
      while (i < n && (ident_char(s[i]) || s[i] == '.' || s[i] == '"')) {
        if (s[i] == '"') {
          std::size_t q = skip_special(s, i);
          w.append(s.substr(i, q - i));
          i = q;
          continue;
        }
        w.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(s[i]))));
        ++i;
      }
      out.push_back(w);
      continue;
    }
    break;  // punctuation ends the words
  }
  return out;
}

std::string trim(std::string_view t) {
  std::size_t b = 0, e = t.size();
  while (b < e && space(t[b])) ++b;
  while (e > b && space(t[e - 1])) --e;
  return std::string(t.substr(b, e - b));
}

namespace {

bool is_begin(const std::vector<std::string>& w) {
  if (w.empty()) return false;
  if (w[0] == "BEGIN")
    return w.size() == 1 || w[1] == "WORK" || w[1] == "TRANSACTION" || w[1] == "ISOLATION" ||
           w[1] == "READ";
  return w[0] == "START" && w.size() > 1 && w[1] == "TRANSACTION";
}

bool is_end(const std::vector<std::string>& w, bool allow_rollback) {
  if (w.empty()) return false;
  if (w[0] == "COMMIT" || w[0] == "END")
    return w.size() == 1 || w[1] == "WORK" || w[1] == "TRANSACTION";
  return allow_rollback && w[0] == "ROLLBACK" &&
         (w.size() == 1 || w[1] == "WORK" || w[1] == "TRANSACTION");
}

}  // namespace

std::string strip_transaction_wrapper(std::string_view text, bool allow_rollback) {
  std::vector<SqlPiece> pieces = split_sql(text);
  if (pieces.size() < 2) return std::string(text);
  const SqlPiece &first = pieces.front(), &last = pieces.back();
  if (!is_begin(leading_words(text.substr(first.keyword, first.end - first.keyword), 3)) ||
      !is_end(leading_words(text.substr(last.keyword, last.end - last.keyword), 3), allow_rollback))
    return std::string(text);
  // Keep comments before BEGIN (a file header) and the body between.
  std::string header = trim(text.substr(0, first.keyword));
  std::string body = trim(text.substr(first.end, last.keyword - first.end));
  std::string out = header;
  if (!header.empty() && !body.empty()) out += '\n';
  out += body;
  if (!out.empty()) out += '\n';
  return out;
}

}  // namespace lg
