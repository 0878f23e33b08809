#!/usr/bin/env python3
"""Checks META.json against the PGXN Meta Spec 1.0.0 (https://pgxn.org/spec/)
and against the repository: the fields PGXN requires, their formats, and
that the versions and files it names are the ones this tree has.  Talks
TAP.  Usage: python3 test/meta/check_meta.py [META.json]"""
import json
import os
import re
import sys

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")
# the license strings the spec lists (a subset, the ones a PostgreSQL project uses)
LICENSES = {"postgresql", "bsd", "mit", "apache_2_0", "gpl_2", "gpl_3", "lgpl_2_1", "lgpl_3_0",
            "artistic_2", "mozilla_2_0", "open_source", "restricted", "unrestricted", "unknown"}
PHASES = {"configure", "build", "runtime", "test", "develop"}
RELATIONS = {"requires", "recommends", "suggests", "conflicts"}
STATUSES = {"stable", "testing", "unstable"}

n = 0
failed = 0


def ok(cond, what):
    global n, failed
    n += 1
    print(f"{'ok' if cond else 'not ok'} {n} - {what}")
    failed += 0 if cond else 1


def main(path):
    root = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as f:
        meta = json.load(f)
    for key in ("name", "version", "abstract", "maintainer", "license", "provides", "meta-spec"):
        ok(key in meta, f"required key {key}")
    ok(re.fullmatch(r"[A-Za-z0-9_.-]{2,}", meta.get("name", "")) is not None, "name is a valid distribution name")
    ok(SEMVER.match(meta.get("version", "")) is not None, "version is a semantic version")
    ok(isinstance(meta.get("abstract"), str) and meta["abstract"].strip() != "", "abstract is a non-empty string")
    m = meta.get("maintainer")
    ok(isinstance(m, str) or (isinstance(m, list) and m and all(isinstance(x, str) for x in m)),
       "maintainer is a string or a list of strings")
    lic = meta.get("license")
    lics = [lic] if isinstance(lic, str) else list(lic) if isinstance(lic, (list, dict)) else []
    ok(bool(lics) and all(isinstance(x, str) and (x in LICENSES or isinstance(lic, dict)) for x in lics),
       "license is one the spec knows")
    spec = meta.get("meta-spec", {})
    ok(spec.get("version") == "1.0.0", "meta-spec version 1.0.0")
    provides = meta.get("provides", {})
    ok(isinstance(provides, dict) and provides, "provides names at least one extension")
    control = open(os.path.join(root, "lg.control"), encoding="utf-8").read()
    default = re.search(r"^default_version\s*=\s*'([^']+)'", control, re.M).group(1)
    for ext, info in provides.items():
        ok(SEMVER.match(info.get("version", "")) is not None, f"provides.{ext}.version is a semantic version")
        ok(os.path.isfile(os.path.join(root, info.get("file", ""))), f"provides.{ext}.file exists ({info.get('file')})")
        ok(info.get("version", "").startswith(default + "."), f"provides.{ext}.version matches lg.control's default_version {default}")
        if "docfile" in info:
            ok(os.path.isfile(os.path.join(root, info["docfile"])), f"provides.{ext}.docfile exists")
    ok(meta.get("version", "").startswith(default + "."), "the distribution version matches lg.control")
    for phase, rels in meta.get("prereqs", {}).items():
        ok(phase in PHASES, f"prereqs phase {phase} is known")
        for rel, reqs in rels.items():
            ok(rel in RELATIONS, f"prereqs.{phase}.{rel} is a known relationship")
            for name, ver in reqs.items():
                ok(isinstance(ver, str) and (ver == "0" or SEMVER.match(ver.lstrip(">=< ")) is not None),
                   f"prereqs.{phase}.{rel}.{name} is a version")
    if "release_status" in meta:
        ok(meta["release_status"] in STATUSES, "release_status is known")
    if "tags" in meta:
        ok(all(isinstance(t, str) and 0 < len(t) <= 256 for t in meta["tags"]), "tags are short strings")
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "META.json"))
