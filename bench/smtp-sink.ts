/**
 * A local SMTP sink in its own process for bench/outbox.ts: a real mail server is not on the
 * event loop of the app it serves. Accepts every message, keeps none, prints its port.
 */
import { SMTPServer } from 'smtp-server';

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => callback());
  },
});
server.listen(0, '127.0.0.1', () => {
  console.log(String((server.server.address() as { port: number }).port));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
