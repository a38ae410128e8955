import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitStatements } from './script.ts';

test('should split a migration script on the semicolons that end statements, wherever they sit', () => {
  assert.deepEqual(splitStatements('drop table a; drop table b;'), ['drop table a', 'drop table b']);
  assert.deepEqual(splitStatements("create table t (x text default 'a;b');\ncomment on table t is 'it''s; fine';"), ["create table t (x text default 'a;b')", "comment on table t is 'it''s; fine'"]);
  assert.deepEqual(splitStatements('create function f() returns int as $$ select 1; $$ language sql;\nselect 2'), ['create function f() returns int as $$ select 1; $$ language sql', 'select 2']);
  assert.deepEqual(splitStatements('-- a comment; with a semicolon\nselect 1; /* x; y */ select 2;'), ['-- a comment; with a semicolon\nselect 1', '/* x; y */ select 2']);
  assert.deepEqual(splitStatements('  \n;  '), []);
});
