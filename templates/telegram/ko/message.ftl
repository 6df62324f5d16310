${STATUS_ICON} <b>${STATUS_LABEL}</b> · <b>#${INCIDENT_ID}</b>
<b>${INCIDENT_NAME}</b>
서비스: ${SERVICE_NAME}<#if URGENCY?has_content> · 긴급도: ${URGENCY}</#if><#if PRIORITY?has_content> · ${PRIORITY}</#if>
<#if ASSIGNEE?has_content>담당자: ${ASSIGNEE}
</#if><#if NEXT_ESCALATION?has_content>다음 에스컬레이션: ${NEXT_ESCALATION}
</#if><#if NOTE?has_content><i>${NOTE}</i>
</#if><#if INCIDENT_URL?has_content><a href="${INCIDENT_URL}">Clarion에서 인시던트 #${INCIDENT_ID} 열기</a></#if>
