package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** An allowed destination: a CIDR, or the namespaces whose labels match. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.cidr) != has(self.namespaceLabels)", message = "exactly one of cidr and namespaceLabels must be set")
public class EgressRule {
    @Size(max = 64)
    @ValidationRule(value = "isCIDR(self)", message = "must be a CIDR such as 10.20.0.0/16")
    @JsonPropertyDescription("A destination IP range, such as 10.20.0.0/16; set cidr or namespaceLabels.")
    public String cidr;

    @Size(max = 10)
    @JsonPropertyDescription("Labels of the destination namespaces, such as {team: warehouse}; set cidr or namespaceLabels.")
    public Map<String, String> namespaceLabels;

    @Size(max = 20)
    @ValidationRule(value = "self.all(p, p >= 1 && p <= 65535)", message = "ports must be between 1 and 65535",
            messageExpression = "'port %d is out of range: ports must be between 1 and 65535'.format([self.filter(p, p < 1 || p > 65535)[0]])")
    @JsonPropertyDescription("Destination ports, such as [5432]; absent: every port.")
    public List<Integer> ports;

    @JsonPropertyDescription("The ports' protocol: TCP (default), UDP or SCTP.")
    public Protocol protocol;

    /** Transport protocol of an egress rule. */
    public enum Protocol {
        TCP, UDP, SCTP
    }
}
