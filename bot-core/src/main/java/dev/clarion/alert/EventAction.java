package dev.clarion.alert;

/** What an alert asks for: AlertNow open/ack/close, PagerDuty trigger/acknowledge/resolve. */
public enum EventAction {
  TRIGGER,
  ACKNOWLEDGE,
  RESOLVE
}
