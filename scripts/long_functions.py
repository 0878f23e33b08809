#!/usr/bin/env python3
"""Lists functions in src/ longer than LIMIT lines (60) that carry no
comment saying why ("long because" / "long:" in the comment above them).
Used by make lint.  A function is a definition whose body opens at the end
of a line and closes with a '}' in the column where the definition began
(clang-format's layout); lambdas and classes are not counted separately."""
import re
import sys
from pathlib import Path

LIMIT = 60
HEAD = re.compile(r'^(\s*)(?!(?:namespace|struct|class|union|enum|extern|typedef)\b)'
                  r'[A-Za-z_][\w:<>,*&\s~]*\([^;]*$')


def functions(path):
    lines = path.read_text().split('\n')
    i = 0
    while i < len(lines):
        m = HEAD.match(lines[i])
        in_macro = i > 0 and lines[i - 1].rstrip().endswith('\\')
        if m and not in_macro and not lines[i].lstrip().startswith(
                ('if', 'for', 'while', 'switch', 'return', 'else')):
            indent = m.group(1)
            j = i
            while j < len(lines) and not lines[j].rstrip().endswith('{') and ';' not in lines[j]:
                j += 1
            if j < len(lines) and lines[j].rstrip().endswith('{'):
                k = j + 1
                while k < len(lines) and lines[k] != indent + '}':
                    k += 1
                if k < len(lines):
                    above = '\n'.join(lines[max(0, i - 12):i])
                    yield i + 1, k - i + 1, lines[i].strip(), above
                    i = k
        i += 1


def main(paths):
    bad = 0
    for p in paths:
        for line, n, head, above in functions(Path(p)):
            if n > LIMIT and not re.search(r'[Ll]ong because|long:', above):
                print(f'{p}:{line}: {n} lines: {head[:70]}')
                bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
