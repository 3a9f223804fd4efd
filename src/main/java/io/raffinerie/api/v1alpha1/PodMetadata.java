package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Labels and annotations added to a job's pods, for example for a service mesh or a cost tool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodMetadata {
    @Size(max = 32)
    @ValidationRule(value = "self.all(k, size(self[k]) <= 63)", message = "label values are at most 63 characters",
            messageExpression = "'the value of label %s is too long: label values are at most 63 characters'"
                    + ".format([self.filter(k, size(self[k]) > 63)[0]])")
    @JsonPropertyDescription("Labels added to the job's pods; values at most 63 characters, checked when the pods are "
            + "made. At most 32.")
    public Map<String, String> labels;

    /** 32 annotations of at most 8 KiB each stay within the 256 KiB Kubernetes allows a pod. */
    @Size(max = 32)
    @ValidationRule(value = "self.all(k, size(self[k]) <= 8192)", message = "annotation values are at most 8192 characters",
            messageExpression = "'the value of annotation %s is too long: annotation values are at most 8192 characters'"
                    + ".format([self.filter(k, size(self[k]) > 8192)[0]])")
    // These would loosen the pods' confinement; the restricted Pod Security level would refuse the pods later.
    @ValidationRule(value = "self.all(k, !k.startsWith('container.apparmor.security.beta.kubernetes.io/') && !k.startsWith('seccomp.security.alpha.kubernetes.io/'))",
            message = "AppArmor and seccomp annotations are not allowed: Raffinerie's pods run confined")
    @JsonPropertyDescription("Annotations added to the job's pods; values at most 8192 characters, no AppArmor or "
            + "seccomp annotations. At most 32.")
    public Map<String, String> annotations;
}
