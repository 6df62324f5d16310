<article class="message escalation">
  <h2>New incident: ${INCIDENT_NAME}</h2>
  <dl>
    <dt>Service</dt><dd>${SERVICE_NAME}</dd>
    <dt>Status</dt><dd>${STATUS} (${PRIORITY}, ${URGENCY})</dd>
    <dt>Assignee</dt><dd>${ASSIGNEE}</dd>
    <dt>Created</dt><dd>${CREATE_DATE}</dd>
    <dt>Updated</dt><dd>${MODIFY_DATE}</dd>
  </dl>
  <p><a href="${ACK_URL}">Acknowledge</a> · <a href="${RESOLVE_URL}">Resolve</a></p>
</article>
