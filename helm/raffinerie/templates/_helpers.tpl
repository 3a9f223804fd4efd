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
