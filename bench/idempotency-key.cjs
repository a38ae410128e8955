// autocannon's setupRequest, loaded by its worker thread (a file, as functions cannot cross threads):
// every order sent carries a fresh Idempotency-Key, as API.md asks of clients (bench/checkout.ts).
const { randomUUID } = require('node:crypto');

module.exports = (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } });
