// Baseline for the create benchmark: the bare Fastify hello-world, same Node, same machine.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address() as { port: number };
process.stdout.write(`LISTENING ${addr.port}\n`);
