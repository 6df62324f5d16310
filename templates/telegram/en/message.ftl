${STATUS_ICON} <b>${STATUS_LABEL}</b> · <b>#${INCIDENT_ID}</b>
<b>${INCIDENT_NAME}</b>
Service: ${SERVICE_NAME}<#if URGENCY?has_content> · Urgency: ${URGENCY}</#if><#if PRIORITY?has_content> · ${PRIORITY}</#if>
<#if ASSIGNEE?has_content>Assignee: ${ASSIGNEE}
</#if><#if NEXT_ESCALATION?has_content>Next escalation: ${NEXT_ESCALATION}
</#if><#if NOTE?has_content><i>${NOTE}</i>
</#if><#if INCIDENT_URL?has_content><a href="${INCIDENT_URL}">Open incident #${INCIDENT_ID} in Clarion</a></#if>
