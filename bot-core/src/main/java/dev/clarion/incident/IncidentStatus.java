package dev.clarion.incident;

/** AlertNow's three states: 생성 (triggered), 확인 (acknowledged), 종료 (resolved). */
public enum IncidentStatus {
  TRIGGERED,
  ACKNOWLEDGED,
  RESOLVED;

  public boolean isOpen() {
    return this != RESOLVED;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
