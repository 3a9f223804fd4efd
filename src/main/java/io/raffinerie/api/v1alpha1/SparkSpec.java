package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** spark-submit settings: the application, the driver and executor sizes, and extra Spark configuration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkSpec {
    /** The application, such as local:///opt/spark/examples/jars/spark-examples.jar. */
    @Size(max = 1024)
    public String mainApplicationFile;

    @Size(max = 256)
    public String mainClass;

    public SparkPod driver;

    public SparkExecutor executor;

    /** Extra Spark configuration; the operator's own keys (spark.kubernetes.*, spark.master, spark.submit.deployMode) excepted. */
    @Size(max = 100)
    @ValidationRule(value = Patterns.SPARK_CONF_RULE, message = Patterns.SPARK_CONF_MESSAGE,
            messageExpression = Patterns.SPARK_CONF_MESSAGE_EXPRESSION, reason = "FieldValueForbidden")
    public Map<String, String> sparkConf;

    /** Size of the driver or of one executor. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SparkPod {
        @Min(1)
        @Max(64)
        public Integer cores;

        @Size(max = 32)
        @ValidationRule(value = Patterns.SPARK_MEMORY_RULE, message = Patterns.SPARK_MEMORY_MESSAGE)
        public String memory;
    }

    /** Executors: their size and how many. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SparkExecutor extends SparkPod {
        @Min(1)
        @Max(1000)
        public Integer instances;
    }
}
