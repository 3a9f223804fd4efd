package io.raffinerie.examples;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark image's Java example (/opt/spark/examples/jars/raffinerie-examples.jar): estimates pi from points drawn
 * in a square, spread over the executors in as many slices as its argument says (default 2), and prints the estimate.
 */
public final class SparkPi {
    private static final int POINTS_PER_SLICE = 100_000;

    private SparkPi() {
    }

    public static void main(String[] args) {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        SparkSession spark = SparkSession.builder().appName("SparkPi").getOrCreate();
        try {
            JavaSparkContext context = new JavaSparkContext(spark.sparkContext());
            List<Integer> points = new ArrayList<>();
            for (int i = 0; i < slices * POINTS_PER_SLICE; i++) {
                points.add(i);
            }
            JavaRDD<Integer> dataset = context.parallelize(points, slices);
            long inside = dataset.filter(i -> {
                double x = Math.random() * 2 - 1;
                double y = Math.random() * 2 - 1;
                return x * x + y * y <= 1;
            }).count();
            System.out.println("Pi is roughly " + 4.0 * inside / points.size());
        } finally {
            spark.stop();
        }
    }
}
