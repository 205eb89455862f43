// The second reference: a Hocuspocus 3 server with no extensions (documents in memory, nothing
// stored), run as a child process by the bench just as the Tandem API is. Prints its port.
// (Hocuspocus 4 needs Node 22.)
import { Server } from '@hocuspocus/server';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
await server.listen();
process.stdout.write(`${JSON.stringify({ port: server.address.port })}\n`);
