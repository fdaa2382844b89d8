{{- define "qcharge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "qcharge.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "qcharge.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "qcharge.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "qcharge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "qcharge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of one role; call with (dict "root" $ "role" "api"). */}}
{{- define "qcharge.roleLabels" -}}
{{ include "qcharge.labels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{- define "qcharge.roleSelectorLabels" -}}
{{ include "qcharge.selectorLabels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{- define "qcharge.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "qcharge.secretName" -}}
{{- default (include "qcharge.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{- define "qcharge.publicApiUrl" -}}
{{- if .Values.config.publicApiUrl }}
{{- .Values.config.publicApiUrl }}
{{- else if .Values.ingress.api.enabled }}
{{- printf "%s://%s" (ternary "https" "http" (not (empty .Values.ingress.api.tlsSecretName))) .Values.ingress.api.host }}
{{- else }}
{{- printf "http://%s-api.%s.svc:%v" (include "qcharge.fullname" .) .Release.Namespace .Values.services.api.port }}
{{- end }}
{{- end }}

{{- define "qcharge.dataClaimName" -}}
{{- default (printf "%s-data" (include "qcharge.fullname" .)) .Values.persistence.existingClaim }}
{{- end }}

{{/* The role order used for every per-role object. */}}
{{- define "qcharge.roleNames" -}}
ingress api worker
{{- end }}

{{/* DATABASE_URL, REDIS_URL and the optional ADMIN_API_KEY, from the release's or the existing Secret. */}}
{{- define "qcharge.secretEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "qcharge.secretName" . }}
      key: DATABASE_URL
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "qcharge.secretName" . }}
      key: REDIS_URL
- name: ADMIN_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "qcharge.secretName" . }}
      key: ADMIN_API_KEY
      optional: true
{{- end }}
