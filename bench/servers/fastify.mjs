// fastify with @fastify/static on its defaults (no request logging: fastify's logger is off by default).
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';

const root = process.argv[2];
const app = Fastify({ logger: false });
await app.register(fastifyStatic, { root, prefix: '/' });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
