# The Spark image's self-test: a PySpark job in local mode sums the squares of 1..N on two threads and says which
# Spark it ran, as whom, and whether it could write to its root (one JSON line on stdout; Spark logs to stderr).
import json
import os

from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("selftest").getOrCreate()
n = int(os.environ.get("N", "10"))
total = spark.sparkContext.parallelize(range(1, n + 1), 2).map(lambda x: x * x).sum()
try:
    open("/opt/spark/x", "w")
    root = "writable"
except OSError:
    root = "read-only"
spark.stop()
print(json.dumps({"spark": spark.version, "sum": total, "uid": os.getuid(), "root": root}))
