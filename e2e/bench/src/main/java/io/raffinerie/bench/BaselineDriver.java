package io.raffinerie.bench;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.raffinerie.e2e.harness.Sim;
import java.io.File;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The reference driver: the least a controller must do to run chains of Jobs. An informer on the bench's Jobs; when
 * step i of a chain completes it creates step i+1 as a bare batch/v1 Job. No status, no events, no cache of its own.
 * Runs as its own process, with the operator's client limits (64 requests per host), so that the comparison is fair.
 *
 * <p>{@code BaselineDriver <kubeconfig> <namespace> <prefix> <chains> <steps>}: creates step 1 of every chain, exits
 * once every chain's last step is Complete.
 */
public final class BaselineDriver {
    static final String LABEL = "raffinerie.io/bench";
    /** Its user agent, its client in the audit log. */
    static final String CLIENT = "raffinerie-baseline";
    /** What it prints last: its peak RSS, read back by the bench. */
    static final Pattern PEAK_RSS = Pattern.compile("baseline: peak RSS ([0-9.]+) MiB");

    private BaselineDriver() {
    }

    public static void main(String[] args) throws InterruptedException {
        String namespace = args[1];
        String prefix = args[2];
        int chains = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        Config config = new ConfigBuilder(Config.fromKubeconfig(new File(args[0])))
                .withMaxConcurrentRequestsPerHost(64).withMaxConcurrentRequests(256).withUserAgent(CLIENT).build();
        Set<String> finished = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(chains);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            ExecutorService creators = Executors.newFixedThreadPool(8);
            client.batch().v1().jobs().inNamespace(namespace).withLabel(LABEL, prefix).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Job job) {
                    onUpdate(null, job);
                }

                @Override
                public void onUpdate(Job before, Job job) {
                    if (JobChainWatcher.complete(job) == null) {
                        return;
                    }
                    String name = job.getMetadata().getName();
                    int separator = name.lastIndexOf("-s");
                    int step = Integer.parseInt(name.substring(separator + 2));
                    if (step < steps) {
                        // Off the informer's thread, as a controller's workers would.
                        creators.execute(() -> create(client, namespace, prefix, name.substring(0, separator) + "-s" + (step + 1)));
                    } else if (finished.add(name)) {
                        done.countDown();
                    }
                }

                @Override
                public void onDelete(Job job, boolean unknownFinalState) {
                }
            });
            for (int chain = 1; chain <= chains; chain++) {
                String first = JobChainWatcher.jobName(prefix, chain, 1);
                creators.execute(() -> create(client, namespace, prefix, first));
            }
            if (!done.await(30, TimeUnit.MINUTES)) {
                System.err.println("baseline: timed out with " + done.getCount() + " chains unfinished");
                System.exit(1);
            }
            creators.shutdownNow();
        }
        System.out.println("baseline: " + chains + " chains of " + steps + " steps done");
        System.out.println("baseline: peak RSS " + OperatorProbe.mib(OperatorProbe.rss(ProcessHandle.current().pid())[1]) + " MiB");
    }

    /** A bare Job whose pod KWOK completes at once; creating it twice is harmless (409). */
    static void create(KubernetesClient client, String namespace, String prefix, String name) {
        Job job = Sim.job(name, Map.of());
        job.getMetadata().setLabels(Map.of(LABEL, prefix));
        try {
            client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
