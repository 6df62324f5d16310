<article class="message acknowledged">
  <h2>확인됨: ${INCIDENT_NAME}</h2>
  <dl>
    <dt>서비스</dt><dd>${SERVICE_NAME}</dd>
    <dt>상태</dt><dd>${STATUS} (${PRIORITY}, ${URGENCY})</dd>
    <dt>담당자</dt><dd>${ASSIGNEE}</dd>
    <dt>생성</dt><dd>${CREATE_DATE}</dd>
    <dt>변경</dt><dd>${MODIFY_DATE}</dd>
  </dl>
  <p><a href="${ACK_URL}">확인</a> · <a href="${RESOLVE_URL}">종료</a></p>
</article>
