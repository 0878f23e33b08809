#!/usr/bin/env python3
"""bench/lib/peak_mem.py PID STOPFILE READYFILE: peak memory of one backend.

Creates READYFILE once it has read /proc/PID/status (the session waits for
it before the calls it measures), then reads it every half millisecond until
STOPFILE exists or the process is gone, and prints the peaks in kB:
"RssAnon RssShmem VmRSS".

VmHWM (the kernel's own peak) counts shared memory too, and for shared
buffers the kernel maps up to 64 kB around every page touched (fault
around): an 18 MB table scattered over the buffer pool shows as 70 MB.
RssAnon is the backend's private memory, what lg itself allocates; no
kernel counter keeps its peak, hence this sampler.
"""
import os
import re
import sys
import time

FIELDS = ("RssAnon", "RssShmem", "VmRSS")


def main():
    pid, stop, ready = sys.argv[1], sys.argv[2], sys.argv[3]
    peak = dict.fromkeys(FIELDS, 0)
    pattern = re.compile(r"^(%s):\s*(\d+) kB" % "|".join(FIELDS), re.M)
    while not os.path.exists(stop):
        try:
            with open("/proc/%s/status" % pid) as f:
                status = f.read()
        except OSError:
            break
        found = pattern.findall(status)
        if not found:  # a zombie has no memory lines
            break
        for name, kb in found:
            peak[name] = max(peak[name], int(kb))
        if ready:
            open(ready, "w").close()
            ready = None
        time.sleep(0.0005)
    print(" ".join(str(peak[k]) for k in FIELDS))


if __name__ == "__main__":
    main()
