import type { User } from '@liaison/contracts';
import { WS_CLOSE } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { connect, TestSocket } from '../../../test/ws-client.ts';
import { startBackground } from '../../services.ts';

let t: TestApp;
let base: string;
let alice: User;
let bob: User;
let carol: User;
let aliceAs: As;
let bobAs: As;
let channelId: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await startBackground(t.services);
  alice = await t.buildUser({ displayName: '陈静' });
  bob = await t.buildUser({ displayName: '刘洋' });
  carol = await t.buildUser({ displayName: '黄丽' });
  aliceAs = await t.sessionFor(alice);
  bobAs = await t.sessionFor(bob);
  channelId = (await t.request(aliceAs, 'POST', '/api/channels', { kind: 'direct', memberIds: [bob.id] }))
    .body.id;
});
afterAll(() => t.close());

const post = (as: As, body: string) => t.request(as, 'POST', `/api/channels/${channelId}/messages`, { body });

describe('live delivery', () => {
  it('pushes a posted message to the other member at once, and to nobody outside the channel', async () => {
    const carolAs = await t.sessionFor(carol);
    // A conversation Carol is in, for a marker posted after the message she must not get.
    const withCarol = (
      await t.request(aliceAs, 'POST', '/api/channels', { kind: 'direct', memberIds: [carol.id] })
    ).body.id as string;
    const bobSocket = await connect(base, bobAs);
    const carolSocket = await connect(base, carolAs);
    const posted = await post(aliceAs, '下午三点开会');
    const frame = await bobSocket.waitFor((f) => f.event?.message?.id === posted.body.id);
    expect(frame.event?.message).toMatchObject({ id: posted.body.id, body: '下午三点开会' });
    expect(frame.seq).toBeGreaterThan(0);
    // Events reach a connection in log order: once the later marker is there, the earlier message
    // would have been too, had it been sent to her.
    const marker = await t.request(aliceAs, 'POST', `/api/channels/${withCarol}/messages`, { body: '标记' });
    await carolSocket.waitFor((f) => f.event?.message?.id === marker.body.id);
    expect(carolSocket.frames.filter((f) => f.event?.channelId === channelId)).toEqual([]);
    expect(carolSocket.bodies()).toEqual(['标记']);
    bobSocket.close();
    carolSocket.close();
  });

  it('replays what a reconnecting client missed, in order, and then continues live', async () => {
    const first = await connect(base, bobAs);
    await post(aliceAs, '第一条');
    const seen = await first.waitFor((f) => f.event?.message?.body === '第一条');
    first.close();
    await first.waitClosed();

    for (const body of ['离线1', '离线2', '离线3']) await post(aliceAs, body);
    const again = await connect(base, bobAs, seen.seq);
    expect(again.bodies()).toEqual(['离线1', '离线2', '离线3']);
    await post(aliceAs, '重连后');
    await again.waitFor((f) => f.event?.message?.body === '重连后');
    expect(again.bodies()).toEqual(['离线1', '离线2', '离线3', '重连后']);
    again.close();
  });

  it('tells a client it missed its own read on another device', async () => {
    const socket = await connect(base, bobAs);
    await t.request(bobAs, 'POST', `/api/channels/${channelId}/read`, {});
    const frame = await socket.waitFor((f) => f.event?.type === 'read.updated');
    expect(frame.event).toMatchObject({ channelId });
    socket.close();
  });

  it('starts delivering a channel to someone the moment they are added to it', async () => {
    const group = await t.request(aliceAs, 'POST', '/api/channels', {
      kind: 'direct',
      memberIds: [bob.id, t.admin.id],
    });
    const carolAs = await t.sessionFor(carol);
    const socket = await connect(base, carolAs);
    await t.request(aliceAs, 'POST', `/api/channels/${group.body.id}/messages`, { body: '加人之前' });
    await t.request(aliceAs, 'POST', `/api/channels/${group.body.id}/members`, { userIds: [carol.id] });
    await socket.waitFor((f) => f.event?.type === 'membership.changed');
    await t.request(aliceAs, 'POST', `/api/channels/${group.body.id}/messages`, { body: '加人之后' });
    await socket.waitFor((f) => f.event?.message?.body === '加人之后');
    expect(socket.bodies()).toEqual(['加人之后']);
    socket.close();
  });
});

describe('refusals', () => {
  it('closes an unauthenticated connection with 4401', async () => {
    const socket = new TestSocket(`${base.replace('http', 'ws')}/api/ws`, null);
    expect((await socket.waitClosed()).code).toBe(WS_CLOSE.unauthenticated);
  });

  it('closes a cookie connection from another site’s page with 4403', async () => {
    const socket = new TestSocket(`${base.replace('http', 'ws')}/api/ws`, bobAs, {
      origin: 'https://evil.example',
    });
    expect((await socket.waitClosed()).code).toBe(WS_CLOSE.forbiddenOrigin);
  });

  it('closes only the socket that sent a malformed frame', async () => {
    const bad = await connect(base, bobAs);
    const good = await connect(base, await t.sessionFor(alice));
    bad.send('{"type":"resume"');
    expect((await bad.waitClosed()).code).toBe(WS_CLOSE.malformedFrame);
    const other = await connect(base, bobAs);
    other.send({ type: 'hello' });
    expect((await other.waitClosed()).code).toBe(WS_CLOSE.malformedFrame);
    good.send({ type: 'ping' });
    await good.waitFor((f) => f.type === 'pong');
    await post(bobAs, '别人不受影响');
    await good.waitFor((f) => f.event?.message?.body === '别人不受影响');
    good.close();
  });

  it('accepts a personal API token instead of a cookie', async () => {
    const created = await t.request(bobAs, 'POST', '/api/auth/tokens', { name: 'bot' });
    const socket = await connect(base, { kind: 'token', secret: created.body.secret, userId: bob.id });
    const posted = await post(aliceAs, '给机器人');
    const frame = await socket.waitFor((f) => f.event?.type === 'message.created');
    // The token speaks for Bob: his channel's message arrives, and the connection stays open.
    expect(frame.event).toMatchObject({ channelId, message: { id: posted.body.id, body: '给机器人' } });
    expect(socket.closed).toBeNull();
    socket.close();
  });

  describe('what a connection may keep seeing', () => {
    it('closes a connection the moment its session is signed out', async () => {
      const session = await t.sessionFor(bob);
      const socket = await connect(base, session);
      await t.request(session, 'POST', '/api/auth/logout');
      expect((await socket.waitClosed()).code).toBe(WS_CLOSE.unauthenticated);
    });

    it('closes a connection whose API token is revoked', async () => {
      const created = await t.request(bobAs, 'POST', '/api/auth/tokens', { name: 'revoked-bot' });
      const socket = await connect(base, { kind: 'token', secret: created.body.secret, userId: bob.id });
      await t.request(bobAs, 'DELETE', `/api/auth/tokens/${created.body.token.id}`);
      expect((await socket.waitClosed()).code).toBe(WS_CLOSE.unauthenticated);
    });

    it('replays the corrected text, never the original, to a client catching up after an edit or deletion', async () => {
      const first = await connect(base, bobAs);
      await post(aliceAs, '标记');
      const mark = await first.waitFor((f) => f.event?.message?.body === '标记');
      first.close();
      await first.waitClosed();
      const ctx = await t.ctxFor(alice);
      const wrong = await t.services.messages.post(ctx, channelId, { body: '原文：客户名单在这里' });
      await t.services.messages.edit(ctx, channelId, wrong.id, { body: '（已更正）' });
      const gone = await t.services.messages.post(ctx, channelId, { body: '原文：不该发的工资表' });
      await t.services.messages.remove(ctx, channelId, gone.id);
      const again = await connect(base, bobAs, mark.seq);
      const texts = again.frames.map((f) => f.event?.message?.body).filter((b) => b !== undefined);
      expect(texts.join('|')).not.toContain('原文');
      expect(texts).toContain('（已更正）');
      again.close();
    });

    it('tells a client to reload when the events it missed are no longer kept', async () => {
      const first = await connect(base, bobAs);
      await post(aliceAs, '很久以前');
      const old = await first.waitFor((f) => f.event?.message?.body === '很久以前');
      first.close();
      await first.waitClosed();
      await post(aliceAs, '之后');
      await t.services.pump.flush();
      await t.database.db.deleteFrom('events').execute();
      const socket = new TestSocket(`${base.replace('http', 'ws')}/api/ws`, bobAs);
      await socket.opened();
      socket.send({ type: 'resume', lastSeq: old.seq });
      const frame = await socket.waitFor((f) => f.type === 'resync' || f.type === 'ready');
      expect(frame.type).toBe('resync');
      socket.close();
    });
  });
});
