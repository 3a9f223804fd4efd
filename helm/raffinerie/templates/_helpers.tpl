{{/*
Names are fixed, not derived from the release name: the CRDs and the environment ClusterRoles are cluster-wide,
and the operator binds the roles by these names, so one Raffinerie is installed per cluster.
*/}}
{{- define "raffinerie.operatorName" -}}raffinerie-operator{{- end -}}

{{- define "raffinerie.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "raffinerie.selectorLabels" -}}
app.kubernetes.io/name: raffinerie
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "raffinerie.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: raffinerie
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: raffinerie
{{- end -}}

{{- define "raffinerie.operatorLabels" -}}
{{ include "raffinerie.labels" . }}
app.kubernetes.io/component: operator
{{- end -}}

{{/* The watched namespaces for QUARKUS_OPERATOR_SDK_NAMESPACES: a comma-separated list, or all namespaces. */}}
{{- define "raffinerie.watchNamespaces" -}}
{{- if .Values.watchNamespaces -}}
{{- join "," .Values.watchNamespaces -}}
{{- else -}}
JOSDK_ALL_NAMESPACES
{{- end -}}
{{- end -}}

{{- define "raffinerie.dashboardName" -}}raffinerie-dashboard{{- end -}}

{{- define "raffinerie.dashboardSelectorLabels" -}}
app.kubernetes.io/name: raffinerie
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: dashboard
{{- end -}}

{{- define "raffinerie.dashboardLabels" -}}
{{ include "raffinerie.labels" . }}
app.kubernetes.io/component: dashboard
{{- end -}}

{{/* The restricted Pod Security profile, for the operator's and the dashboard's pods. */}}
{{- define "raffinerie.podSecurityContext" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "raffinerie.containerSecurityContext" -}}
runAsNonRoot: true
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The Quarkus health endpoints on the port named http. */}}
{{- define "raffinerie.probes" -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: http
  periodSeconds: 2
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
{{- end -}}

{{- /* Egress rules to the API server (given CIDRs, else its ports on any address) and to DNS. */ -}}
{{- define "raffinerie.apiServerAndDnsEgress" -}}
# The API server: networkPolicy.apiServer, else the kubernetes Service's endpoints at install time; when neither
# is known (helm template), its ports on any address.
- ports:
    {{- range .ports }}
    - {port: {{ . }}, protocol: TCP}
    {{- end }}
  {{- with .apiServer }}
  to:
    {{- range . }}
    - ipBlock: {cidr: {{ . | quote }}}
    {{- end }}
  {{- end }}
- ports:
    - {port: 53, protocol: UDP}
    - {port: 53, protocol: TCP}
{{- end -}}
