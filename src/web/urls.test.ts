/**
 * Issue 8 §2: links are built from the configuration alone (the request is never read).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { publicBaseUrl } from './urls.ts';

const dev = (host: string, port = 3000) => ({ publicUrl: undefined, host, port });

test('should point links at PUBLIC_URL whenever it is set', () => {
  assert.equal(publicBaseUrl({ publicUrl: 'https://shop.example.org', host: '0.0.0.0', port: 3000 }, 41234), 'https://shop.example.org');
});

test('should point links at the listening address in development, localhost for the loopback', () => {
  assert.equal(publicBaseUrl(dev('127.0.0.1')), 'http://localhost:3000');
  assert.equal(publicBaseUrl(dev('0.0.0.0', 8080)), 'http://localhost:8080');
  assert.equal(publicBaseUrl(dev('::')), 'http://localhost:3000');
  assert.equal(publicBaseUrl(dev('192.168.1.20')), 'http://192.168.1.20:3000');
  assert.equal(publicBaseUrl(dev('fd00::2')), 'http://[fd00::2]:3000');
  // PORT=0: the port the system chose once listening.
  assert.equal(publicBaseUrl(dev('127.0.0.1', 0), 41234), 'http://localhost:41234');
});
