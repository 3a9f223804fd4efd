#!/bin/bash
# Spark's Kubernetes image contract, for the image e2e/images/build.sh makes (spark-<version>): spark-submit in cluster
# mode starts the driver pod with the arguments `driver <spark-submit arguments>`, and the driver starts its executor
# pods with `executor`, their settings in SPARK_* variables. Anything else runs as given (spark-submit in the Job pod
# runs as the container's command and never comes here).
set -euo pipefail

# The executor JVM's options, which Spark passes as SPARK_JAVA_OPT_0, SPARK_JAVA_OPT_1, ... in that order.
java_options() {
  local i=0 name
  while name=SPARK_JAVA_OPT_$i && [ -n "${!name+x}" ]; do
    options+=("${!name}")
    i=$((i + 1))
  done
}

classpath="${SPARK_CLASSPATH:+$SPARK_CLASSPATH:}$SPARK_HOME/conf:$SPARK_HOME/jars/*${SPARK_EXTRA_CLASSPATH:+:$SPARK_EXTRA_CLASSPATH}"

case "${1:-}" in
  driver)
    shift
    # In the driver pod, the application runs in client mode: the pod is the driver.
    exec "$SPARK_HOME/bin/spark-submit" --conf "spark.driver.bindAddress=$SPARK_DRIVER_BIND_ADDRESS" \
      --deploy-mode client "$@" ;;
  executor)
    shift
    options=()
    java_options
    exec "$JAVA_HOME/bin/java" "${options[@]}" -Xms"$SPARK_EXECUTOR_MEMORY" -Xmx"$SPARK_EXECUTOR_MEMORY" \
      -cp "$classpath" org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
      --driver-url "$SPARK_DRIVER_URL" --executor-id "$SPARK_EXECUTOR_ID" --cores "$SPARK_EXECUTOR_CORES" \
      --app-id "$SPARK_APPLICATION_ID" --hostname "$SPARK_EXECUTOR_POD_IP" \
      --resourceProfileId "$SPARK_RESOURCE_PROFILE_ID" --podName "$SPARK_EXECUTOR_POD_NAME" ;;
  *)
    exec "$@" ;;
esac
