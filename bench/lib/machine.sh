# bench/lib/machine.sh: machine_info prints "key<TAB>value" lines about this
# machine for bench/lib/report.py.
machine_info() {
    printf 'nproc\t%s\n' "$(nproc)"
    printf 'cpu\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    printf 'ram\t%s\n' "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    printf 'kernel\t%s\n' "Linux $(uname -r)$( [ -r /etc/debian_version ] && echo ", Debian $(cat /etc/debian_version)")"
    printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
}

# lg_build_info: which lg the server loads, and the tree it should be from.
lg_build_info() {
    local so root
    so=${LG_SO:-$(pg_config --pkglibdir)/lg.so}  # LG_SO: a private install (extension_destdir)
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    printf 'lgbuild\t%s\n' "installed lg.so md5 $(md5sum "$so" 2>/dev/null | cut -c1-12), $(date -u -r "$so" '+%Y-%m-%d %H:%M UTC' 2>/dev/null); tree at $(git -C "$root" log -1 --format='%h (%s)' 2>/dev/null | cut -c1-80)$(git -C "$root" diff --quiet HEAD -- src sql 2>/dev/null || echo ', src/ or sql/ modified')"
}
