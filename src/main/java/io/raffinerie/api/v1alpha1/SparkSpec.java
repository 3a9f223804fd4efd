package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** spark-submit settings: the application, the driver and executor sizes, and extra Spark configuration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkSpec {
    @Size(max = 1024)
    @JsonPropertyDescription("The application, a jar or a Python file in the image, such as "
            + "local:///opt/spark/examples/jars/raffinerie-examples.jar; for a PySpark job given as spec.script, the "
            + "script (local:///opt/raffinerie/script/main.py) when absent.")
    public String mainApplicationFile;

    @Size(max = 256)
    @JsonPropertyDescription("The main class of a jar application, such as org.apache.spark.examples.SparkPi.")
    public String mainClass;

    @JsonPropertyDescription("The driver's size: cores and memory.")
    public SparkPod driver;

    @JsonPropertyDescription("The executors: how many and the size of each.")
    public SparkExecutor executor;

    @Size(max = 100)
    @ValidationRule(value = Patterns.SPARK_CONF_RULE, message = Patterns.SPARK_CONF_MESSAGE,
            messageExpression = Patterns.SPARK_CONF_MESSAGE_EXPRESSION, reason = "FieldValueForbidden")
    @JsonPropertyDescription("Extra Spark configuration, such as {spark.sql.shuffle.partitions: \"64\"}; the operator's "
            + "own keys (spark.kubernetes.*, spark.master, spark.submit.deployMode) are refused. At most 100.")
    public Map<String, String> sparkConf;

    /** Size of the driver or of one executor. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SparkPod {
        @Min(1)
        @Max(64)
        @JsonPropertyDescription("CPU cores, 1 to 64.")
        public Integer cores;

        @Size(max = 32)
        @ValidationRule(value = Patterns.SPARK_MEMORY_RULE, message = Patterns.SPARK_MEMORY_MESSAGE)
        @JsonPropertyDescription("Memory as Spark reads it, a number with an optional unit k, m, g or t, such as 512m or "
                + "4g.")
        public String memory;

        @Size(max = 16)
        @ValidationRule(value = Patterns.NON_NEGATIVE_QUANTITY, message = Patterns.NON_NEGATIVE_QUANTITY_MESSAGE)
        @JsonPropertyDescription("The CPU the pod requests, a Kubernetes quantity such as 500m or 2; default: cores. A "
                + "fraction lets a small job fit a small quota.")
        public String coreRequest;

        @Size(max = 16)
        @ValidationRule(value = Patterns.NON_NEGATIVE_QUANTITY, message = Patterns.NON_NEGATIVE_QUANTITY_MESSAGE)
        @JsonPropertyDescription("The pod's CPU limit, a Kubernetes quantity such as 1 or 1500m; default: the "
                + "environment's container default.")
        public String coreLimit;
    }

    /** Executors: their size and how many. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SparkExecutor extends SparkPod {
        @Min(1)
        @Max(1000)
        @JsonPropertyDescription("How many executors, 1 to 1000.")
        public Integer instances;
    }
}
