{
  "event": "resolved",
  "title": "Resolved: ${INCIDENT_NAME}",
  "incident": {
    "id": "${INCIDENT_ID}",
    "name": "${INCIDENT_NAME}",
    "service": "${SERVICE_NAME}",
    "status": "${STATUS}",
    "urgency": "${URGENCY}",
    "priority": "${PRIORITY}",
    "assignee": "${ASSIGNEE}",
    "created": "${CREATE_DATE}",
    "modified": "${MODIFY_DATE}",
    "url": "${INCIDENT_URL}"
  },
  "links": { "acknowledge": "${ACK_URL}", "resolve": "${RESOLVE_URL}" }
}
