package dev.clarion.plugins.discord;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Discord's gateway, as much as JDA needs to come online: HELLO on connect, READY after IDENTIFY,
 * heartbeat ACKs; then the test pushes dispatch frames ({@code INTERACTION_CREATE}). Uncompressed
 * JSON (the plugin sets {@code Compression.NONE} when {@code gateway_url} is configured).
 */
final class FakeDiscordGateway extends WebSocketServer {
  final List<WebSocket> open = new CopyOnWriteArrayList<>();
  final List<String> received = new CopyOnWriteArrayList<>();
  final AtomicInteger identified = new AtomicInteger();
  private final AtomicInteger sequence = new AtomicInteger();

  FakeDiscordGateway() {
    super(new InetSocketAddress("127.0.0.1", 0));
    setReuseAddr(true);
  }

  String url() {
    return "ws://127.0.0.1:" + getPort();
  }

  /** Pushes one event to every connected client. */
  void dispatch(String type, String payloadJson) {
    String frame = "{\"op\":0,\"s\":" + sequence.incrementAndGet() + ",\"t\":\"" + type
        + "\",\"d\":" + payloadJson + "}";
    open.forEach(c -> c.send(frame));
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    open.add(conn);
    conn.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250},\"s\":null,\"t\":null}");
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    received.add(message);
    if (message.contains("\"op\":1,") || message.contains("\"op\":1}")) {
      conn.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
    } else if (message.contains("\"op\":2")) {
      identified.incrementAndGet();
      dispatch("READY", "{\"v\":10,\"user\":" + selfUser() + ",\"session_id\":\"fake-session\","
          + "\"resume_gateway_url\":\"" + url() + "\",\"guilds\":[],\"private_channels\":[],"
          + "\"relationships\":[],\"presences\":[],\"user_settings\":{},"
          + "\"application\":{\"id\":\"" + SignedInteractions.APPLICATION + "\",\"flags\":0}}");
    }
  }

  static String selfUser() {
    return "{\"id\":\"" + SignedInteractions.APPLICATION + "\",\"username\":\"clarion\","
        + "\"discriminator\":\"0000\",\"global_name\":null,\"avatar\":null,\"bot\":true,"
        + "\"verified\":true,\"mfa_enabled\":false,\"flags\":0,\"public_flags\":0}";
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    open.remove(conn);
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {}

  @Override
  public void onStart() {}
}
