// autocannon's setupRequest for the checkout bench, loaded by its worker thread (a file, as
// functions cannot cross threads): each order sent is a basket drawn at random, as pgbench draws
// its products, so the connections never send the same basket at the same moment; with
// BENCH_IDEMPOTENCY=1, each carries a fresh Idempotency-Key, as API.md asks of clients.
const { randomUUID } = require('node:crypto');
const { readFileSync } = require('node:fs');

const { bodies, tokens, keyed } = JSON.parse(readFileSync(process.env.COMPTOIR_BENCH_BASKETS, 'utf8'));

module.exports = (request) => {
  const i = Math.floor(Math.random() * bodies.length);
  const headers = { ...request.headers, authorization: `Bearer ${tokens[i % tokens.length]}`, ...(keyed && { 'idempotency-key': randomUUID() }) };
  return { ...request, body: bodies[i], headers };
};
