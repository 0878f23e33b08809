# bench/lib/machine.sh: machine_info prints "key<TAB>value" lines about this
# machine for bench/lib/report.py.
machine_info() {
    printf 'nproc\t%s\n' "$(nproc)"
    printf 'cpu\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    printf 'ram\t%s\n' "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    printf 'kernel\t%s\n' "Linux $(uname -r)$( [ -r /etc/debian_version ] && echo ", Debian $(cat /etc/debian_version)")"
    printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
}
