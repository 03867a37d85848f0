{{/*
Object names are fixed, not derived from the release name: the agent is one per cluster (its
ClusterRoles and webhook configuration are cluster-wide), and `bulwark-agent manifests` prints the
same names.
*/}}

{{- define "bulwark-agent.labels" -}}
app.kubernetes.io/name: bulwark-agent
app.kubernetes.io/instance: bulwark-agent
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | quote }}
{{- end -}}

{{- define "bulwark-agent.selector" -}}
app.kubernetes.io/name: bulwark-agent
app.kubernetes.io/instance: bulwark-agent
{{- end -}}

{{- define "bulwark-agent.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "bulwark-agent.apiSecret" -}}
{{- if .Values.api.existingSecret -}}
{{ .Values.api.existingSecret }}
{{- else -}}
bulwark-agent
{{- end -}}
{{- end -}}

{{/* Checks that hold for every object; included once by the Secret template. */}}
{{- define "bulwark-agent.validate" -}}
{{- $_ := required "api.url is required: --set api.url=https://bulwark.example.com" .Values.api.url -}}
{{- $_ := required "cluster.name is required: --set cluster.name=<the cluster's name in Bulwark>" .Values.cluster.name -}}
{{- if and .Values.api.key .Values.api.existingSecret -}}
{{- fail "set api.key or api.existingSecret, not both" -}}
{{- end -}}
{{- if not (or .Values.api.key .Values.api.existingSecret) -}}
{{- fail "api.key is required (or api.existingSecret): --set api.key=<the agent key from the Connect a cluster wizard>" -}}
{{- end -}}
{{- end -}}

{{/* The agent's container, less what differs between modes. */}}
{{- define "bulwark-agent.env" -}}
- name: BULWARK_API_URL
  value: {{ .Values.api.url | quote }}
- name: BULWARK_API_KEY_FILE
  value: /var/run/secrets/bulwark/api-key
- name: BULWARK_CLUSTER
  value: {{ .Values.cluster.name | quote }}
- name: BULWARK_AGENT_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: BULWARK_LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
{{- end -}}

{{- define "bulwark-agent.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
capabilities:
  drop:
    - ALL
{{- end -}}

{{- define "bulwark-agent.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "bulwark-agent.podExtras" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The webhook's exempt namespaces, the release namespace included, sorted and unique. */}}
{{- define "bulwark-agent.exemptNamespaces" -}}
{{- append .Values.webhook.exemptNamespaces .Release.Namespace | uniq | sortAlpha | toJson -}}
{{- end -}}
