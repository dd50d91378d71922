import Fastify from 'fastify';

/**
 * The ceiling for HTTP benchmarks, run as a child process by `startBareFastify`: Fastify with no
 * plugins, no logger and one GET route answering a fixed JSON body (a captured real response, so
 * both sides serialise and send about the same bytes). Whatever the real server does beyond this
 * (auth, hooks, database, validation) is what the ratio measures.
 *
 * Listens on 127.0.0.1 port 0 and tells the parent the port over IPC.
 */

const raw = process.env.BARE_FASTIFY_BODY;
if (!raw) throw new Error('BARE_FASTIFY_BODY (the JSON body to answer) is required');
const body: unknown = JSON.parse(raw);

const app = Fastify({ logger: false });
app.get('/bare', async () => body);

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address !== 'object') throw new Error('no listening address');
process.send?.({ port: address.port });

// The parent going away (even killed hard) must not leave this process behind.
process.once('disconnect', () => void app.close().then(() => process.exit(0)));
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
