# The python images' self-test: a small piece of data work with the standard library, from a parameter (env N).
import csv
import json
import os
import statistics
import sys

n = int(os.environ.get("N", "10"))
with open("/tmp/numbers.csv", "w", newline="") as f:
    csv.writer(f).writerows([i, i * i] for i in range(1, n + 1))
with open("/tmp/numbers.csv", newline="") as f:
    squares = [int(row[1]) for row in csv.reader(f)]
try:
    open("/opt/raffinerie/written", "w")
    root = "writable"
except OSError:
    root = "read-only"
print(json.dumps({"python": "%d.%d" % sys.version_info[:2], "uid": os.getuid(), "root": root,
                  "sum": sum(squares), "median": statistics.median(squares)}, sort_keys=True))
