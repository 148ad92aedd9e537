/**
 * The emulated gateway: a WebSocket endpoint speaking Discord's JSON protocol (Hello, heartbeats,
 * Identify -> READY + GUILD_CREATE, Resume with replay, Reconnect, Invalid Session, close codes).
 *
 * One "current" session receives dispatches. Events dispatched while its socket is down are kept and
 * replayed when the client resumes, as Discord does.
 */

import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { isRecord } from './limits.ts';
import { guildCreatePayload, readyPayload } from './payloads.ts';
import type { Recorder } from './recorder.ts';
import type { EmulatorState } from './state.ts';
import type { GatewayFrame } from './types.ts';

/** Gateway opcodes used here. */
const Op = Object.freeze({
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
});

const KNOWN_CLIENT_OPS = new Set<number>([
  Op.Heartbeat,
  Op.Identify,
  Op.PresenceUpdate,
  Op.VoiceStateUpdate,
  Op.Resume,
  Op.RequestGuildMembers,
  Op.RequestSoundboardSounds,
]);

/** Intents Discord only grants when enabled in the developer portal: members, presences, message content. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

/** Close codes a server cannot send in a close frame; the socket is cut instead. */
const UNSENDABLE_CLOSE_CODES = new Set([1005, 1006, 1015]);

/** A session was made ready: READY and every GUILD_CREATE have been sent. */
export interface ReadyRecord {
  connectionId: number;
  sessionId: string;
  at: number;
}

/** A gateway connection ended: the close code the socket reported (1006 when cut without a frame). */
export interface CloseRecord {
  connectionId: number;
  code: number;
  at: number;
}

interface StoredEvent {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  token: string;
  intents: number;
  seq: number;
  events: StoredEvent[];
  connection: Connection | null;
  valid: boolean;
}

interface Connection {
  id: number;
  ws: WebSocket;
  session: Session | null;
}

/** What the gateway needs from the emulator. */
export interface GatewayDeps {
  state: EmulatorState;
  heartbeatIntervalMs: number;
  rejectToken: string | undefined;
  privilegedIntentsEnabled: boolean;
  /** The URL READY gives as `resume_gateway_url` (known once the server listens). */
  resumeUrl: () => string;
  frames: Recorder<GatewayFrame>;
  readies: Recorder<ReadyRecord>;
  closes: Recorder<CloseRecord>;
}

/** The gateway WebSocket endpoint and its sessions. */
export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private readonly sessions = new Map<string, Session>();
  private current: Session | null = null;
  private nextConnectionId = 1;

  constructor(private readonly deps: GatewayDeps) {}

  /** Accepts an HTTP upgrade to the gateway (the server routes `/gateway` here). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const encoding = url.searchParams.get('encoding') ?? 'json';
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = this.open(ws);
      if (encoding !== 'json') {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      this.send(connection, { op: Op.Hello, d: { heartbeat_interval: this.deps.heartbeatIntervalMs } });
    });
  }

  /** Intents of the current session, or null when no client has identified. */
  currentIntents(): number | null {
    return this.current?.valid ? this.current.intents : null;
  }

  /**
   * Sends a dispatch (op 0) to the current session with the next sequence number. Kept for replay if
   * the client is between connections. Throws if no client has identified.
   */
  dispatch(t: string, d: unknown): void {
    const session = this.current;
    if (!session) throw new Error(`Cannot dispatch ${t}: no gateway client has identified yet`);
    this.dispatchTo(session, t, d);
  }

  /** Dispatches only if a client is identified with at least one of the given intents (0: always). */
  dispatchIfSubscribed(t: string, d: unknown, intents: number): boolean {
    const current = this.currentIntents();
    if (current === null) return false;
    if (intents !== 0 && (current & intents) === 0) return false;
    this.dispatch(t, d);
    return true;
  }

  /** Forgets the events kept for replay (a resume after this replays nothing older). */
  forgetReplay(): void {
    for (const session of this.sessions.values()) session.events.length = 0;
  }

  /** Closes the current session's socket with a close code; 1006 (and 1005, 1015) cut it without a frame. */
  closeCurrent(code: number, reason = ''): void {
    const connection = this.requireLiveConnection('close the gateway');
    if (UNSENDABLE_CLOSE_CODES.has(code)) connection.ws.terminate();
    else connection.ws.close(code, reason);
  }

  /** Sends op 7 Reconnect: the client should reconnect and resume. */
  sendReconnect(): void {
    this.send(this.requireLiveConnection('send Reconnect'), { op: Op.Reconnect, d: null });
  }

  /** Sends op 9 Invalid Session; when not resumable the session is forgotten, so only Identify works. */
  sendInvalidSession(resumable: boolean): void {
    const connection = this.requireLiveConnection('send Invalid Session');
    if (!resumable && connection.session) connection.session.valid = false;
    this.send(connection, { op: Op.InvalidSession, d: resumable });
  }

  /** Closes every socket and the WebSocket server. */
  async close(): Promise<void> {
    for (const connection of this.connections) connection.ws.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => {
      this.wss.close(() => resolve());
    });
  }

  private requireLiveConnection(action: string): Connection {
    const connection = this.current?.connection;
    if (!connection) throw new Error(`Cannot ${action}: no gateway client is connected`);
    return connection;
  }

  private open(ws: WebSocket): Connection {
    const connection: Connection = { id: this.nextConnectionId++, ws, session: null };
    this.connections.add(connection);
    ws.on('message', (data) => this.onMessage(connection, data));
    ws.on('error', () => {
      // A client that vanishes mid-frame is a normal event in fault tests.
    });
    ws.on('close', (code) => {
      this.deps.closes.push({ connectionId: connection.id, code, at: Date.now() });
      this.connections.delete(connection);
      if (connection.session?.connection === connection) connection.session.connection = null;
    });
    return connection;
  }

  private onMessage(connection: Connection, data: RawData): void {
    let frame: unknown;
    try {
      frame = JSON.parse(rawDataToString(data));
    } catch {
      frame = undefined; // not JSON: refused below, like JSON that is not a frame
    }
    if (!isRecord(frame) || typeof frame.op !== 'number') {
      connection.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    this.deps.frames.push({ connectionId: connection.id, op: frame.op, d: frame.d, at: Date.now() });
    this.handleFrame(connection, frame.op, frame.d);
  }

  private handleFrame(connection: Connection, op: number, d: unknown): void {
    if (!KNOWN_CLIENT_OPS.has(op)) {
      connection.ws.close(4001, 'Unknown opcode.');
      return;
    }
    if (op === Op.Heartbeat) {
      this.send(connection, { op: Op.HeartbeatAck, d: null });
      return;
    }
    if (op === Op.Identify) {
      this.identify(connection, d);
      return;
    }
    if (op === Op.Resume) {
      this.resume(connection, d);
      return;
    }
    if (!connection.session) connection.ws.close(4003, 'Not authenticated.');
  }

  private identify(connection: Connection, d: unknown): void {
    if (connection.session) {
      connection.ws.close(4005, 'Already authenticated.');
      return;
    }
    const token = isRecord(d) && typeof d.token === 'string' ? d.token : '';
    const intents = isRecord(d) && typeof d.intents === 'number' ? d.intents : 0;
    if (token === '' || token === this.deps.rejectToken) {
      connection.ws.close(4004, 'Authentication failed.');
      return;
    }
    if (!this.deps.privilegedIntentsEnabled && (intents & PRIVILEGED_INTENTS) !== 0) {
      connection.ws.close(4014, 'Disallowed intent(s).');
      return;
    }
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      token,
      intents,
      seq: 0,
      events: [],
      connection,
      valid: true,
    };
    this.sessions.set(session.id, session);
    this.current = session;
    connection.session = session;
    const { state } = this.deps;
    this.dispatchTo(session, 'READY', readyPayload(state, session.id, this.deps.resumeUrl()));
    for (const guild of state.guilds)
      this.dispatchTo(session, 'GUILD_CREATE', guildCreatePayload(guild, state));
    this.deps.readies.push({ connectionId: connection.id, sessionId: session.id, at: Date.now() });
  }

  private resume(connection: Connection, d: unknown): void {
    const sessionId = isRecord(d) ? d.session_id : undefined;
    const session = typeof sessionId === 'string' ? this.sessions.get(sessionId) : undefined;
    const token = isRecord(d) ? d.token : undefined;
    const seq = isRecord(d) && typeof d.seq === 'number' ? d.seq : 0;
    if (!session?.valid || session.token !== token) {
      this.send(connection, { op: Op.InvalidSession, d: false });
      return;
    }
    const previous = session.connection;
    if (previous && previous !== connection) previous.ws.terminate();
    session.connection = connection;
    connection.session = session;
    this.current = session;
    for (const event of session.events) {
      if (event.s > seq) this.send(connection, { op: Op.Dispatch, t: event.t, s: event.s, d: event.d });
    }
    this.dispatchTo(session, 'RESUMED', null);
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const event: StoredEvent = { s: session.seq, t, d };
    session.events.push(event);
    if (session.connection) this.send(session.connection, { op: Op.Dispatch, t, s: event.s, d });
  }

  private send(
    connection: Connection,
    payload: { op: number; d: unknown; s?: number | null; t?: string | null },
  ): void {
    if (connection.ws.readyState !== connection.ws.OPEN) return;
    connection.ws.send(JSON.stringify({ s: null, t: null, ...payload }));
  }
}

function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
