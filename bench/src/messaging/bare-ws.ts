import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * The ceiling for live messaging, run as a child process by the messaging benchmark: the same two
 * endpoints the benchmark's clients use — `POST /api/channels/:id/messages` and the `/api/ws`
 * WebSocket with its `resume`/`ready` handshake — on bare `node:http` and `ws`, with nothing
 * else. A post is answered 201 with a message of the real shape and the same frame the real
 * server sends (`{"type":"event","seq":…,"event":{"type":"message.created",…}}`) goes to every
 * member's sockets at once: no database, no authentication beyond a token lookup, no event log.
 * Whatever the real server does beyond this is what the ratio measures.
 *
 * The parent sends the users (with their tokens) and channels (with their members) over IPC
 * first; the child then listens on 127.0.0.1 port 0 and answers with the port.
 */

export interface BareSetup {
  users: { id: string; username: string; displayName: string; token: string }[];
  channels: { id: string; memberIds: string[] }[];
}

const setup = await new Promise<BareSetup>((resolve) =>
  process.once('message', (m: BareSetup) => resolve(m)),
);
const userByToken = new Map(setup.users.map((u) => [u.token, u]));
const members = new Map(setup.channels.map((c) => [c.id, c.memberIds]));
const socketsOf = new Map<string, Set<WebSocket>>();
let seq = 0;
const channelSeq = new Map<string, number>();

function userOf(request: IncomingMessage) {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? userByToken.get(header.slice(7)) : undefined;
}

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body);
}

const POST_PATH = /^\/api\/channels\/([^/]+)\/messages$/;

const server = createServer((req, res) => {
  const match = req.method === 'POST' ? POST_PATH.exec(req.url ?? '') : null;
  const user = userOf(req);
  if (!match) return answer(res, 404, '{"error":{"code":"not_found"}}');
  if (!user) return answer(res, 401, '{"error":{"code":"unauthenticated"}}');
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const channelId = match[1]!;
    const memberIds = members.get(channelId);
    if (!memberIds?.includes(user.id)) return answer(res, 403, '{"error":{"code":"forbidden"}}');
    const input = JSON.parse(Buffer.concat(chunks).toString()) as { body: string };
    const channelSeqNow = (channelSeq.get(channelId) ?? 0) + 1;
    channelSeq.set(channelId, channelSeqNow);
    // The same fields, in the same order, as the real server's Message.
    const message = {
      id: randomUUID(),
      channelId,
      seq: channelSeqNow,
      author: { id: user.id, username: user.username, displayName: user.displayName },
      body: input.body.trim(),
      threadId: null,
      replyCount: 0,
      lastReplyAt: null,
      mentions: [],
      mentionsChannel: false,
      attachments: [],
      editedAt: null,
      deletedAt: null,
      deletedReason: null,
      pinnedAt: null,
      createdAt: new Date().toISOString(),
    };
    seq += 1;
    const frame = `{"type":"event","seq":${seq},"event":${JSON.stringify({ type: 'message.created', channelId, message })}}`;
    for (const memberId of memberIds) {
      for (const socket of socketsOf.get(memberId) ?? []) {
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      }
    }
    answer(res, 201, JSON.stringify(message));
  });
});

const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
server.on('upgrade', (req, socket, head) => {
  const user = userOf(req);
  if (req.url !== '/api/ws' || !user) {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    let set = socketsOf.get(user.id);
    if (!set) {
      set = new Set();
      socketsOf.set(user.id, set);
    }
    const mine = set;
    ws.on('close', () => mine.delete(ws));
    // Like the real hub: live frames start after the client's resume is answered with ready.
    ws.once('message', () => {
      ws.send(JSON.stringify({ type: 'ready', lastSeq: seq }));
      mine.add(ws);
    });
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no listening address');
  process.send?.({ port: address.port });
});

// The parent going away (even killed hard) must not leave this process behind.
const stop = () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.once('disconnect', stop);
process.once('SIGTERM', stop);
