package io.raffinerie.model.environment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.raffinerie.api.v1alpha1.AccessEntry;
import io.raffinerie.api.v1alpha1.AccessRole;
import io.raffinerie.api.v1alpha1.ContainerDefaults;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.EgressRule;
import io.raffinerie.api.v1alpha1.NetworkIsolation;
import io.raffinerie.api.v1alpha1.Quota;
import io.raffinerie.api.v1alpha1.Variable;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.RunLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects an environment puts in its namespace, computed from its spec alone. */
public final class EnvironmentObjects {
    public static final String ISOLATION_POLICY = "raffinerie-isolation";
    public static final String EGRESS_POLICY = "raffinerie-egress";
    public static final String QUOTA = "raffinerie-quota";
    public static final String LIMIT_RANGE = "raffinerie-defaults";
    public static final String RUNNER_SERVICE_ACCOUNT = "raffinerie-runner";
    public static final String VARIABLES_CONFIG_MAP = "raffinerie-variables";
    /** The identity of spark-submit and Spark drivers: may manage pods, services and ConfigMaps in the namespace. */
    public static final String SPARK_SERVICE_ACCOUNT = "raffinerie-spark";
    public static final String SPARK_POLICY = "raffinerie-spark-api";
    public static final String SPARK_DRIVER_ROLE = "raffinerie-spark-driver";
    /** ClusterRoles that access entries bind, raffinerie-viewer, -editor and -manager. */
    public static final String ROLE_PREFIX = "raffinerie-";
    static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private EnvironmentObjects() {
    }

    private static DataEnvironmentSpec spec(DataEnvironment environment) {
        return environment.getSpec() == null ? new DataEnvironmentSpec() : environment.getSpec();
    }

    /** Strict unless the environment says None. */
    public static boolean isStrict(DataEnvironment environment) {
        DataEnvironmentSpec spec = spec(environment);
        return spec.network == null || spec.network.isolation != NetworkIsolation.None;
    }

    public static boolean hasEgress(DataEnvironment environment) {
        DataEnvironmentSpec spec = spec(environment);
        return isStrict(environment) && spec.network != null && spec.network.egress != null && !spec.network.egress.isEmpty();
    }

    public static boolean hasQuota(DataEnvironment environment) {
        return spec(environment).quota != null;
    }

    public static boolean hasDefaults(DataEnvironment environment) {
        return spec(environment).defaults != null;
    }

    /** Metadata of an object the environment owns: in its namespace, with its label. */
    public static ObjectMeta metadata(DataEnvironment environment, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(EnvironmentModel.namespaceOf(environment))
                .addToLabels(EnvironmentModel.ENVIRONMENT_LABEL, LabelValues.of(environment.getMetadata().getName()))
                .addToLabels(EnvironmentModel.MANAGED_BY_LABEL, EnvironmentModel.MANAGED_BY)
                .build();
    }

    /** Default deny in and out, except DNS and traffic within the environment. */
    public static NetworkPolicy isolationPolicy(DataEnvironment environment) {
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(environment, ISOLATION_POLICY))
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .addNewIngress().addNewFrom().withNewPodSelector().endPodSelector().endFrom().endIngress()
                .addNewEgress().addNewTo().withNewPodSelector().endPodSelector().endTo().endEgress()
                .addNewEgress()
                .addNewTo().withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "kube-system")
                .endNamespaceSelector().endTo()
                .withPorts(port(53, "UDP"), port(53, "TCP"))
                .endEgress()
                .endSpec()
                .build();
    }

    /** One egress rule per declared data source; none when there are none (the object is then removed). */
    public static NetworkPolicy egressPolicy(DataEnvironment environment) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        List<EgressRule> declared = hasEgress(environment) ? spec(environment).network.egress : List.of();
        for (EgressRule rule : declared) {
            NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder();
            if (rule.cidr != null) {
                peer.withNewIpBlock().withCidr(rule.cidr).endIpBlock();
            } else {
                peer.withNewNamespaceSelector().withMatchLabels(rule.namespaceLabels).endNamespaceSelector();
            }
            String protocol = rule.protocol == null ? "TCP" : rule.protocol.name();
            List<NetworkPolicyPort> ports = rule.ports == null ? List.of()
                    : rule.ports.stream().map(p -> port(p, protocol)).toList();
            rules.add(new NetworkPolicyEgressRuleBuilder().withTo(peer.build()).withPorts(ports).build());
        }
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(environment, EGRESS_POLICY))
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Egress")
                .withEgress(rules)
                .endSpec()
                .build();
    }

    /** One RoleBinding per access entry, to the ClusterRole of its role. */
    public static Map<String, RoleBinding> roleBindings(DataEnvironment environment) {
        Map<String, RoleBinding> bindings = new LinkedHashMap<>();
        List<AccessEntry> access = spec(environment).access == null ? List.of() : spec(environment).access;
        for (int i = 0; i < access.size(); i++) {
            AccessEntry entry = access.get(i);
            String name = clusterRoleOf(entry.role) + "-" + i;
            bindings.put(name, new RoleBindingBuilder()
                    .withMetadata(metadata(environment, name))
                    .withNewRoleRef().withApiGroup(RBAC_GROUP).withKind("ClusterRole").withName(clusterRoleOf(entry.role)).endRoleRef()
                    .withSubjects(subjects(entry))
                    .build());
        }
        return bindings;
    }

    /** Whether a RoleBinding is one of the access bindings, which bind raffinerie-viewer, -editor or -manager. */
    public static boolean isAccessBinding(RoleBinding binding) {
        String role = binding.getRoleRef() == null ? "" : binding.getRoleRef().getName();
        return Arrays.stream(AccessRole.values())
                .anyMatch(r -> role.equals(clusterRoleOf(r)));
    }

    /** The ClusterRole an access role binds: raffinerie-viewer, -editor or -manager. */
    public static String clusterRoleOf(AccessRole role) {
        return ROLE_PREFIX + role.name();
    }

    private static List<Subject> subjects(AccessEntry entry) {
        List<Subject> subjects = new ArrayList<>();
        if (entry.users != null) {
            entry.users.forEach(user -> subjects.add(new SubjectBuilder().withApiGroup(RBAC_GROUP).withKind("User").withName(user)
                    .build()));
        }
        if (entry.groups != null) {
            entry.groups.forEach(group -> subjects.add(new SubjectBuilder().withApiGroup(RBAC_GROUP).withKind("Group")
                    .withName(group).build()));
        }
        if (entry.serviceAccounts != null) {
            entry.serviceAccounts.forEach(account -> subjects.add(new SubjectBuilder().withKind("ServiceAccount")
                    .withNamespace(account.substring(0, account.indexOf('/'))).withName(account.substring(account.indexOf('/') + 1))
                    .build()));
        }
        return subjects;
    }

    /** The quota; without one in the spec, an empty one (its name still identifies the object to remove). */
    public static ResourceQuota quota(DataEnvironment environment) {
        var quota = hasQuota(environment) ? spec(environment).quota : new Quota();
        Map<String, Quantity> hard = new LinkedHashMap<>();
        if (quota.cpu != null) {
            hard.put("cpu", new Quantity(quota.cpu));
        }
        if (quota.memory != null) {
            hard.put("memory", new Quantity(quota.memory));
        }
        if (quota.pods != null) {
            hard.put("pods", new Quantity(quota.pods.toString()));
        }
        return new ResourceQuotaBuilder().withMetadata(metadata(environment, QUOTA)).withNewSpec().withHard(hard).endSpec().build();
    }

    /** Default requests and limits for containers that set none. */
    public static LimitRange limitRange(DataEnvironment environment) {
        var defaults = hasDefaults(environment) ? spec(environment).defaults : new ContainerDefaults();
        Map<String, Quantity> values = new LinkedHashMap<>();
        if (defaults.cpu != null) {
            values.put("cpu", new Quantity(defaults.cpu));
        }
        if (defaults.memory != null) {
            values.put("memory", new Quantity(defaults.memory));
        }
        return new LimitRangeBuilder().withMetadata(metadata(environment, LIMIT_RANGE))
                .withNewSpec().addNewLimit().withType("Container").withDefault(values).withDefaultRequest(values).endLimit().endSpec()
                .build();
    }

    /** The identity of job pods: no permissions and no API token. */
    public static ServiceAccount runnerServiceAccount(DataEnvironment environment) {
        return new ServiceAccountBuilder().withMetadata(metadata(environment, RUNNER_SERVICE_ACCOUNT))
                .withAutomountServiceAccountToken(false).build();
    }

    /** The identity of spark-submit and Spark drivers, which start executors through the API. */
    public static ServiceAccount sparkServiceAccount(DataEnvironment environment) {
        return new ServiceAccountBuilder().withMetadata(metadata(environment, SPARK_SERVICE_ACCOUNT)).build();
    }

    /** The plain-valued variables. Secret references stay references: no secret value is ever copied here. */
    public static ConfigMap variables(DataEnvironment environment) {
        Map<String, String> data = new LinkedHashMap<>();
        List<Variable> variables = spec(environment).variables == null ? List.of() : spec(environment).variables;
        variables.stream().filter(v -> v.value != null).forEach(v -> data.put(v.name, v.value));
        return new ConfigMapBuilder().withMetadata(metadata(environment, VARIABLES_CONFIG_MAP)).withData(data).build();
    }

    static NetworkPolicyPort port(int number, String protocol) {
        return new NetworkPolicyPortBuilder().withPort(new IntOrString(number)).withProtocol(protocol).build();
    }
}
